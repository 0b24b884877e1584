#!/usr/bin/env bash
# Starts the production build + workers on a fresh database (port 3300) and runs bench/pages.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
[ -f build/server/index.js ] || NODE_ENV=production npx remix vite:build >/dev/null
PORT=3300 setsid bash scripts/e2e-server.sh > /tmp/bina-bench-pages.log 2>&1 &
SERVER=$!
trap 'kill -- -$SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf http://localhost:3300/healthz >/dev/null && break; sleep 1; done
npx tsx bench/pages.ts --base http://localhost:3300 "$@"
