#!/usr/bin/env bash
# Stops the project-local PostgreSQL and Redis started by scripts/services.sh (data in .local/
# stays). Servers that were already running elsewhere are left alone.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
if [ -f "$LOCAL/pg/postmaster.pid" ]; then
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$bindir/pg_ctl" -D "$LOCAL/pg" -m fast -w stop && echo "[services] PostgreSQL stopped"
else
  echo "[services] no project-local PostgreSQL running"
fi
if redis-cli -p 56379 ping >/dev/null 2>&1; then
  redis-cli -p 56379 shutdown nosave >/dev/null 2>&1; echo "[services] Redis stopped"
else
  echo "[services] no project-local Redis running"
fi
