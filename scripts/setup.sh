#!/usr/bin/env bash
# One-time and every-time set-up: dependencies, services, Prisma client, migrations.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] npm ci"
  npm ci --no-audit --no-fund
fi
[ -f .env ] || { cp .env.example .env; echo "[setup] created .env from .env.example"; }
# Every installation gets its own SESSION_SECRET (production refuses the example value).
if grep -q '^SESSION_SECRET=change-me-bina-demo-secret-0123456789$' .env; then
  secret="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('hex'))")"
  sed -i.bak "s/^SESSION_SECRET=.*/SESSION_SECRET=${secret}/" .env && rm -f .env.bak
  echo "[setup] wrote a random SESSION_SECRET to .env"
fi
source scripts/services.sh
export PRISMA_HIDE_UPDATE_MESSAGE=1
npx prisma generate >/dev/null
npx prisma migrate deploy | grep -E "applied|No pending|up to date" || true
# The demo signing key for certificates, made once (docs/decisions/060).
[ -f "${CERT_P12_PATH:-.local/certs/signer.p12}" ] || npx tsx scripts/make-demo-signer.ts
echo "[setup] ready: DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL"
