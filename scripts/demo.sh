#!/usr/bin/env bash
# Starts the portal with demo data: services, migrations, seed, course packs, build, then the
# web server and the workers together. Ctrl-C stops both.
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
npx tsx workers/index.ts &
WORKERS=$!
trap 'kill $WORKERS 2>/dev/null || true' EXIT INT TERM
echo "[demo] open http://localhost:${PORT:-3000}  (accounts above; password Bina-Jambi-2026)"
npx tsx server/index.ts
