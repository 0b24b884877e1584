#!/usr/bin/env bash
# Stops a running `npm run demo` (its web server and workers) by the pid it recorded.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pidfile="$ROOT/.local/demo.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  kill -TERM "$(cat "$pidfile")" && echo "[stop] demo stopping"
else
  echo "[stop] no demo running"; rm -f "$pidfile"
fi
