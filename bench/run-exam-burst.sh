#!/usr/bin/env bash
# Exam-end burst benchmark, one command: bash bench/run-exam-burst.sh [learners] [window-seconds]
#
# Starts the production build of the portal (127.0.0.1:$PORT, default 3200) and the workers on a
# fresh database (<db>_bench_<port>, migrated, seeded, course packs imported), runs
# bench/exam-burst.ts against them, then stops both and removes the run's Redis keys. Builds first
# when build/ is missing (REBUILD=1 to force). KEEP_DB=1 keeps the database for inspection.
# Extra arguments after the first two go to exam-burst.ts (e.g. --concurrency 50).
# WEB_CONCURRENCY=n: n web processes of server/cluster.ts (default 1; the primary only binds the port).
# BENCH_PROFILE=1 writes V8 CPU profiles of the server and workers to .local/bench/prof-<stamp>/.
# BENCH_SERVER_NODE_FLAGS: extra node flags for the web server only (e.g. --max-semi-space-size=64).
# Follows scripts/e2e-server.sh. Logs: .local/bench/.
# --chaos: the run gets its own Redis server (a free port; the project's Redis is shared), and
# while the learners submit, the workers are SIGKILLed and restarted (at 40% of the window and again
# 5 s after it), and that Redis is SIGKILLed and restarted empty (at 80%); exam-burst.ts then
# reports what was lost (nothing, or it exits non-zero). CPU figures of a chaos run only cover the
# first workers process.
# Certificates (issue 14, not part of the exam path) run in a worker process of their own
# (WORKER_JOBS=issueCertificate,sendMail; the main one skips those; at CERT_WORKER_NICE, default 19,
# decision 107), whose
# PostgreSQL sessions are named bina-bench-certificates: the CPU per submission of the exam path
# (submit, grade, rate, complete, notify) is reported without them, and theirs beside it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LEARNERS="${1:-10000}"
WINDOW="${2:-60}"
shift $(( $# > 2 ? 2 : $# ))
export PORT="${BENCH_PORT:-3200}"
CHAOS=0
for a in "$@"; do [ "$a" = "--chaos" ] && CHAOS=1; done

set -a; . .local/services.env; set +a
base_db="$(node -e "console.log(new URL(process.argv[1]).pathname.slice(1))" "$DATABASE_URL")"
bench_db="${base_db}_bench_${PORT}"
export DATABASE_URL="$(node -e "const u=new URL(process.argv[1]);u.pathname='/'+process.argv[2];console.log(u.toString())" "$DATABASE_URL" "$bench_db")"
recreate_db() { # $1 = drop-only
  node -e "
    const {Client}=require('pg');const u=new URL(process.argv[1]);const db=u.pathname.slice(1);u.pathname='/postgres';
    const c=new Client({connectionString:u.toString()});
    c.connect().then(()=>c.query('DROP DATABASE IF EXISTS \"'+db+'\" WITH (FORCE)'))
      .then(()=>process.argv[2]==='drop'?null:c.query('CREATE DATABASE \"'+db+'\"')).then(()=>c.end())" "$DATABASE_URL" "${1:-}"
}

export NODE_ENV=production HOST=127.0.0.1 REDIS_PREFIX="bina-bench-$$" SESSION_SECRET="bench-secret-$(node -e "console.log(require('crypto').randomBytes(16).toString('hex'))")"
export SESSION_IDLE_MINUTES=120 MEDIA_DIR="storage/bench-media"
LOGS="$ROOT/.local/bench"
mkdir -p "$LOGS"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

log() { echo "[run-exam-burst] $*"; }

if [ ! -f build/server/index.js ] || [ "${REBUILD:-0}" = "1" ]; then
  log "building (NODE_ENV=production npx remix vite:build)"
  NODE_ENV=production npx remix vite:build >"$LOGS/build-$stamp.log" 2>&1
fi

log "fresh database $bench_db: migrate, seed, import course packs"
recreate_db
npx prisma migrate deploy >"$LOGS/setup-$stamp.log" 2>&1
npx tsx prisma/seed.ts >>"$LOGS/setup-$stamp.log" 2>&1
npx tsx scripts/import-content.ts >>"$LOGS/setup-$stamp.log" 2>&1

SERVER=""
WORKERS=""
CHAOS_PID=""
PIDS="$LOGS/pids-$$"
mkdir -p "$PIDS"
export BENCH_BURST_MARK="$PIDS/burst-started"
start_redis() { # the chaos run's own Redis, no persistence: a restart comes back empty
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    >>"$LOGS/redis-$stamp.log" 2>&1 &
  echo $! >"$PIDS/redis"
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
}
# The certificates' mails too (decision 014): in this run every mail is a certificate's (the course
# completion notice is in-app only); the holder's notice and its mail row are written with the stored PDF
# (decision 105).
CERT_JOBS="issueCertificate,sendMail"
start_workers() {
  WORKER_SKIP_JOBS="$CERT_JOBS" PGAPPNAME=bina-bench-workers node "${PROF[@]}" --import tsx workers/index.ts >>"$LOGS/workers-$stamp.log" 2>&1 &
  echo $! >"$PIDS/workers"
}
start_cert_workers() {
  WORKER_JOBS="$CERT_JOBS" PGAPPNAME=bina-bench-certificates node "${PROF[@]}" --import tsx workers/index.ts \
    >>"$LOGS/cert-workers-$stamp.log" 2>&1 &
  echo $! >"$PIDS/cert-workers"
}
cleanup() {
  [ -n "$CHAOS_PID" ] && kill -TERM "$CHAOS_PID" 2>/dev/null || true
  WORKERS="$(cat "$PIDS/workers" 2>/dev/null || true)"
  CERT_WORKERS="$(cat "$PIDS/cert-workers" 2>/dev/null || true)"
  # Only the processes this script started, by pid; SIGTERM lets the workers finish jobs.
  for pid in $SERVER $WORKERS $CERT_WORKERS; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $SERVER $WORKERS $CERT_WORKERS; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  node -e "
    const { Redis } = require('ioredis'); const r = new Redis(process.env.REDIS_URL);
    (async () => { let cursor = '0';
      do { const [c, keys] = await r.scan(cursor, 'MATCH', process.env.REDIS_PREFIX + ':*', 'COUNT', 1000); cursor = c;
           if (keys.length) await r.unlink(...keys); } while (cursor !== '0');
    })().finally(() => r.disconnect());" 2>/dev/null || true
  [ "${KEEP_DB:-0}" = "1" ] || recreate_db drop 2>/dev/null || true
  [ -f "$PIDS/redis" ] && kill -KILL "$(cat "$PIDS/redis")" 2>/dev/null || true
  rm -rf "$PIDS"
}
trap cleanup EXIT

PROF=()
SERVER_PROF=()
if [ "${BENCH_PROFILE:-0}" = "1" ]; then
  PROF=(--cpu-prof --cpu-prof-dir="$LOGS/prof-$stamp")
  # The server has no SIGTERM handler; exiting normally lets V8 write the profile.
  SERVER_PROF=(--import 'data:text/javascript,process.on("SIGTERM",()=>process.exit(0))')
fi
if [ "$CHAOS" = "1" ]; then
  REDIS_PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  start_redis
  log "chaos run: own Redis at $REDIS_URL"
fi
# node --import tsx: one process each, so the pid is the process doing the work (CPU accounting).
start_workers
WORKERS="$(cat "$PIDS/workers")"
start_cert_workers
# The production entry (server/cluster.ts: its primary binds the port and hands each web process
# copies of the listening socket, decision 118) with WEB_CONCURRENCY web processes, default 1 here
# (the per-process figure); their CPU is summed under the server.
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-1}"
PGAPPNAME=bina-bench-web node ${BENCH_SERVER_NODE_FLAGS:-} "${PROF[@]}" "${SERVER_PROF[@]}" --import tsx server/cluster.ts >"$LOGS/server-$stamp.log" 2>&1 &
SERVER=$!

BASE="http://127.0.0.1:$PORT"
for i in $(seq 1 120); do
  if node -e "fetch(process.argv[1]).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))" "$BASE/healthz"; then break; fi
  if ! kill -0 "$SERVER" 2>/dev/null; then log "server exited; see $LOGS/server-$stamp.log"; exit 1; fi
  [ "$i" = 120 ] && { log "server not healthy after 60 s; see $LOGS/server-$stamp.log"; exit 1; }
  sleep 0.5
done
log "server pid $SERVER, workers pid $WORKERS, certificate workers pid $(cat "$PIDS/cert-workers") on $BASE (logs in $LOGS)"

chaos() {
  # Starts with the burst (after the set-up and the early finishers, which are not timed):
  # exam-burst.ts writes $BENCH_BURST_MARK when it sends the burst's first submission.
  until [ -f "$BENCH_BURST_MARK" ]; do sleep 0.5; done
  sleep "$(( WINDOW * 2 / 5 ))"
  log "chaos: SIGKILL workers $(cat "$PIDS/workers")"; kill -KILL "$(cat "$PIDS/workers")" || true
  sleep 3; start_workers; log "chaos: workers restarted (pid $(cat "$PIDS/workers"))"
  sleep "$(( WINDOW * 2 / 5 ))"
  log "chaos: SIGKILL Redis, restart it empty"; kill -KILL "$(cat "$PIDS/redis")" || true
  sleep 2; start_redis; log "chaos: Redis back, empty ($(redis-cli -p "$REDIS_PORT" dbsize) keys)"
  sleep "$(( WINDOW / 5 + 5 ))"
  log "chaos: SIGKILL workers $(cat "$PIDS/workers") again"; kill -KILL "$(cat "$PIDS/workers")" || true
  sleep 3; start_workers; log "chaos: workers restarted (pid $(cat "$PIDS/workers"))"
}
if [ "$CHAOS" = "1" ]; then
  chaos &
  CHAOS_PID=$!
fi

status=0
# The client's own PostgreSQL sessions (set-up, drain queries) are named, and counted apart.
BENCH_SERVER_PID="$SERVER" BENCH_WORKERS_PID="$WORKERS" BENCH_CERT_WORKERS_PID="$(cat "$PIDS/cert-workers")" \
  PGAPPNAME=bina-bench-client npx tsx bench/exam-burst.ts --learners "$LEARNERS" --window "$WINDOW" --base "$BASE" "$@" || status=$?
errors="$(grep -c -i 'error\|failed' "$LOGS/workers-$stamp.log" || true)"
[ "$errors" = "0" ] || log "workers log has $errors error lines: $LOGS/workers-$stamp.log"
exit $status
