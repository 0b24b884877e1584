#!/usr/bin/env bash
# Certificate benchmark, one command: bash bench/run-certificates.sh [certificates] [worker-processes]
# Fresh database (<db>_bench_<BENCH_PORT>_certs, migrated), own Redis prefix and file directory; runs
# bench/certificates.ts (issuing through the outbox, BullMQ and N worker processes; then a bulk
# ZIP of 1,000), then drops the database (KEEP_DB=1 keeps it) and removes the run's files.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
set -a; . .local/services.env; set +a
base_db="$(node -e "console.log(new URL(process.argv[1]).pathname.slice(1))" "$DATABASE_URL")"
export DATABASE_URL="$(node -e "const u=new URL(process.argv[1]);u.pathname='/'+process.argv[2];console.log(u.toString())" "$DATABASE_URL" "${base_db}_bench_${BENCH_PORT:-3215}_certs")"
db() {
  node -e "
    const {Client}=require('pg');const u=new URL(process.argv[1]);const db=u.pathname.slice(1);u.pathname='/postgres';
    const c=new Client({connectionString:u.toString()});
    c.connect().then(()=>c.query('DROP DATABASE IF EXISTS \"'+db+'\" WITH (FORCE)'))
      .then(()=>process.argv[2]==='drop'?null:c.query('CREATE DATABASE \"'+db+'\"')).then(()=>c.end())" "$DATABASE_URL" "${1:-}"
}
export NODE_ENV=production REDIS_PREFIX="bina-bench-certs-$$" SESSION_SECRET="bench-secret-0123456789abcdef"
export FILE_STORAGE_DIR="$ROOT/.local/bench/cert-files-$$"
db
npx prisma migrate deploy >/dev/null 2>&1
[ -f "${CERT_P12_PATH:-.local/certs/signer.p12}" ] || npx tsx scripts/make-demo-signer.ts
trap '[ "${KEEP_DB:-0}" = "1" ] || db drop; rm -rf "$FILE_STORAGE_DIR"' EXIT
npx tsx bench/certificates.ts "${1:-1000}" "${2:-2}"
