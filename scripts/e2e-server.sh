#!/usr/bin/env bash
# Starts the built portal and the workers on a fresh database for Playwright (port $PORT).
# E2E_WEB=2 E2E_WORKERS=2: two web processes behind a round-robin proxy on $PORT and two worker
# processes, all on the same PostgreSQL and Redis (playwright.cluster.config.ts).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
set -a; . .local/services.env; set +a
base_db="$(node -e "console.log(new URL(process.argv[1]).pathname.slice(1))" "$DATABASE_URL")"
e2e_db="${base_db}_e2e_${PORT:-3100}"
export DATABASE_URL="$(node -e "const u=new URL(process.argv[1]);u.pathname='/'+process.argv[2];console.log(u.toString())" "$DATABASE_URL" "$e2e_db")"
node -e "
  const {Client}=require('pg');const u=new URL(process.argv[1]);const db=u.pathname.slice(1);u.pathname='/postgres';
  const c=new Client({connectionString:u.toString()});
  c.connect().then(()=>c.query('DROP DATABASE IF EXISTS \"'+db+'\" WITH (FORCE)')).then(()=>c.query('CREATE DATABASE \"'+db+'\"')).then(()=>c.end())" "$DATABASE_URL"
export NODE_ENV=production PORT="${PORT:-3100}" REDIS_PREFIX="bina-e2e-$$" SESSION_SECRET="e2e-secret-0123456789abcdef"
export SESSION_IDLE_MINUTES="${SESSION_IDLE_MINUTES:-60}" MEDIA_DIR="storage/e2e-media" OUTBOX_SWEEP_MS=500
# Mail goes through a real local SMTP server (tests/support/smtp-sink.ts); specs read what it got.
export SMTP_HOST=127.0.0.1 SMTP_PORT=$((PORT + 3500)) E2E_MAIL_DIR="storage/e2e-mail-${PORT}"
# E2E_MUX=1 (playwright.mux.config.ts): Mux configured, pointed at the fake Mux server
# (tests/support/fake-mux-server.ts, on PORT+3600, its control port next to it).
if [ "${E2E_MUX:-0}" = "1" ]; then
  export MUX_TOKEN_ID=e2e-mux-token MUX_TOKEN_SECRET=e2e-mux-secret MUX_WEBHOOK_SECRET=e2e-mux-webhook
  export MUX_BASE_URL="http://127.0.0.1:$((PORT + 3600))"
  unset MUX_SIGNING_KEY_ID MUX_SIGNING_PRIVATE_KEY
fi
npx prisma migrate deploy >/dev/null 2>&1
npx tsx prisma/seed.ts >/dev/null
[ -f scripts/import-content.ts ] && npx tsx scripts/import-content.ts >/dev/null
WEB="${E2E_WEB:-1}"
WORKERS="${E2E_WORKERS:-1}"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT
node --import tsx tests/support/smtp-sink.ts "$SMTP_PORT" "$E2E_MAIL_DIR" &
PIDS+=($!)
if [ "${E2E_MUX:-0}" = "1" ]; then
  node --import tsx tests/support/fake-mux-server.ts "$((PORT + 3600))" "http://localhost:${PORT}/webhooks/mux" &
  PIDS+=($!)
fi
for _ in $(seq "$WORKERS"); do
  node --import tsx workers/index.ts &
  PIDS+=($!)
done
if [ "$WEB" -le 1 ]; then
  node --import tsx server/index.ts &
  PIDS+=($!)
else
  backends=()
  for i in $(seq "$WEB"); do
    p=$((PORT + 1000 * i))
    PORT=$p WEB_CONCURRENCY=1 node --import tsx server/index.ts &
    PIDS+=($!)
    backends+=("$p")
  done
  node --import tsx tests/support/round-robin.ts "$PORT" "${backends[@]}" &
  PIDS+=($!)
fi
wait -n
