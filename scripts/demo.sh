#!/usr/bin/env bash
# Starts the portal with demo data: services, migrations, seed, course packs, build, then the
# web server and the workers together. Ctrl-C (SIGINT), SIGTERM or `npm run stop` stops both.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
source scripts/load-env.sh
set -a; . .local/services.env; set +a
export NODE_ENV=production
npx tsx prisma/seed.ts
npx tsx scripts/import-content.ts
echo "[demo] building"
npx remix vite:build >/dev/null
PORT="${PORT:-3000}"
node --import tsx workers/index.ts &
WORKERS=$!
node --import tsx server/cluster.ts &
WEB=$!
echo "$$" > .local/demo.pid
stop() {
  trap - INT TERM EXIT
  echo "[demo] stopping web ($WEB) and workers ($WORKERS)"
  kill -TERM "$WEB" "$WORKERS" 2>/dev/null || true
  wait "$WEB" "$WORKERS" 2>/dev/null || true
  rm -f .local/demo.pid
  exit 0
}
trap stop INT TERM EXIT
# "open" only once the server answers.
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/healthz" 2>/dev/null; then
    echo "[demo] open http://localhost:${PORT}  (accounts in README; password Bina-Jambi-2026)"
    echo "[demo] stop with Ctrl-C or: npm run stop   (services: npm run services:stop)"
    break
  fi
  kill -0 "$WEB" 2>/dev/null || { echo "[demo] the web server exited"; stop; }
  sleep 0.5
done
wait -n "$WEB" "$WORKERS" || true
stop
