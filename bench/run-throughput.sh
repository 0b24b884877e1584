#!/usr/bin/env bash
# Throughput of Bina's pages as a ratio to a bare Remix app, in one run (docs/benchmarks.md).
# Builds Bina's production build and a bare Remix 2.17.5 app (bench/bare-remix, copied into a
# temporary directory outside git, using this project's node_modules; its one static page is as
# large as Bina's course page), starts both, and runs bench/throughput.ts: autocannon, interleaved
# bare/Bina, several rounds, with each server's CPU time from /proc.
# Usage: bash bench/run-throughput.sh [--rounds 3] [--duration 10] [--connections 10]
#        [--pages course,lesson,search,profile,quiz] [--label TEXT]
# Env: BENCH_PORT or BINA_PORT (3207), BARE_PORT (Bina's + 1000), WEB_CONCURRENCY (unset: one Bina process, the per-process
# figure; set: server/cluster.ts with that many processes, the whole-server figure; bare stays one),
# BEFORE_DIR=path: another checkout of Bina (e.g. a `git worktree` of the base commit, with its own
# build/ or built here) served on BEFORE_PORT (Bina's + 2000) against the same database and
# measured in the same rounds: a before/after pair, interleaved,
# BINA_NODE_FLAGS / BEFORE_NODE_FLAGS: node flags for that server only (e.g. V8 heap settings),
# NO_BUILD=1 to reuse build/, KEEP=1 to keep the temporary bare app, PROFILE_DIR=dir to
# run Bina under node --cpu-prof (the profile is written there when the script ends; summarise it
# with npx tsx bench/cpuprofile-summary.ts).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BINA_PORT="${BINA_PORT:-${BENCH_PORT:-3207}}"
BARE_PORT="${BARE_PORT:-$((BINA_PORT + 1000))}"
log() { echo "[throughput] $*" >&2; }

bash scripts/setup.sh >/dev/null
set -a; . .local/services.env; set +a
if [ -z "${NO_BUILD:-}" ] || [ ! -f build/server/index.js ]; then
  log "building Bina"
  NODE_ENV=production npx remix vite:build >/dev/null 2>&1
fi

TMP="$(mktemp -d /tmp/bina-throughput.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$TMP"
}
trap cleanup EXIT

# A fresh database of its own, with the seed and the course content.
base_db="$(node -e "console.log(new URL(process.argv[1]).pathname.slice(1))" "$DATABASE_URL")"
export DATABASE_URL="$(node -e "const u=new URL(process.argv[1]);u.pathname='/'+process.argv[2];console.log(u.toString())" "$DATABASE_URL" "${base_db}_throughput_${BINA_PORT}")"
node -e "
  const {Client}=require('pg');const u=new URL(process.argv[1]);const db=u.pathname.slice(1);u.pathname='/postgres';
  const c=new Client({connectionString:u.toString()});
  c.connect().then(()=>c.query('DROP DATABASE IF EXISTS \"'+db+'\" WITH (FORCE)')).then(()=>c.query('CREATE DATABASE \"'+db+'\"')).then(()=>c.end())" "$DATABASE_URL"
export NODE_ENV=production REDIS_PREFIX="bina-throughput-$$" SESSION_SECRET="throughput-secret-0123456789abcdef"
export SESSION_IDLE_MINUTES=600 MEDIA_DIR="$TMP/media" OUTBOX_SWEEP_MS=500
log "database ${base_db}_throughput_${BINA_PORT}: migrate, seed, import content"
npx prisma migrate deploy >/dev/null 2>&1
npx tsx prisma/seed.ts >/dev/null
[ -f scripts/import-content.ts ] && npx tsx scripts/import-content.ts >/dev/null

# Bina: the production server as `npm start` runs it (node itself, so $! is the server's pid).
PROF=()
[ -n "${PROFILE_DIR:-}" ] && PROF=(--cpu-prof --cpu-prof-dir="$PROFILE_DIR" --import ./bench/exit-on-signal.js)
# WEB_CONCURRENCY set: the whole server (server/cluster.ts, that many processes; CPU summed).
ENTRY=server/index.ts
[ -n "${WEB_CONCURRENCY:-}" ] && ENTRY=server/cluster.ts
PORT="$BINA_PORT" node ${BINA_NODE_FLAGS:-} "${PROF[@]}" --import tsx "$ENTRY" >"$TMP/bina.log" 2>&1 &
BINA_PID=$!
PIDS+=("$BINA_PID")
node --import tsx workers/index.ts >"$TMP/workers.log" 2>&1 &
WORKERS_PID=$!
PIDS+=("$WORKERS_PID")
wait_for() { for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }
wait_for "http://127.0.0.1:$BINA_PORT/healthz"
log "preparing a signed-in learner with a graded quiz attempt"
npx tsx bench/throughput.ts prepare --bina "http://127.0.0.1:$BINA_PORT" --state "$TMP/state.json" >/dev/null
# The workers are idle from here on: stop them so they do not share the measurement.
kill "$WORKERS_PID"; wait "$WORKERS_PID" 2>/dev/null || true
BEFORE_ARGS=()
if [ -n "${BEFORE_DIR:-}" ]; then
  BEFORE_PORT="${BEFORE_PORT:-$((BINA_PORT + 2000))}"
  if [ -z "${NO_BUILD:-}" ] || [ ! -f "$BEFORE_DIR/build/server/index.js" ]; then
    log "building the before checkout in $BEFORE_DIR"
    (cd "$BEFORE_DIR" && NODE_ENV=production npx remix vite:build >/dev/null 2>&1)
  fi
  (cd "$BEFORE_DIR" && PORT="$BEFORE_PORT" exec node ${BEFORE_NODE_FLAGS:-} --import tsx server/index.ts) >"$TMP/before.log" 2>&1 &
  BEFORE_PID=$!
  PIDS+=("$BEFORE_PID")
  wait_for "http://127.0.0.1:$BEFORE_PORT/healthz"
  BEFORE_ARGS=(--before "http://127.0.0.1:$BEFORE_PORT" --before-pid "$BEFORE_PID")
fi
COURSE_BYTES="$(node -e "console.log(JSON.parse(require('fs').readFileSync(process.argv[1])).bytes.course)" "$TMP/state.json")"

# The bare Remix app, built from this project's installed packages.
log "building the bare Remix app in $TMP/bare (target page size $COURSE_BYTES B)"
mkdir -p "$TMP/bare"
cp -r bench/bare-remix/. "$TMP/bare/"
node -e "
  const p=require('./package.json');const pick=(o,ks)=>Object.fromEntries(ks.map(k=>[k,o[k]]));
  const deps=pick(p.dependencies,['@remix-run/express','@remix-run/node','@remix-run/react','express','isbot','react','react-dom']);
  console.log(JSON.stringify({name:'bare-remix',private:true,type:'module',dependencies:deps,devDependencies:pick(p.devDependencies,['@remix-run/dev','vite'])}))" >"$TMP/bare/package.json"
ln -s "$ROOT/node_modules" "$TMP/bare/node_modules"
(cd "$TMP/bare" && NODE_ENV=production node "$ROOT/node_modules/@remix-run/dev/dist/cli.js" vite:build >/dev/null 2>&1)
start_bare() {
  (cd "$TMP/bare" && NODE_ENV=production BARE_PAD_BYTES="$1" PORT="$BARE_PORT" exec node server.js) >"$TMP/bare.log" 2>&1 &
  BARE_PID=$!
  PIDS+=("$BARE_PID")
  wait_for "http://127.0.0.1:$BARE_PORT/"
}
start_bare 0
SHELL_BYTES="$(curl -s "http://127.0.0.1:$BARE_PORT/" | wc -c)"
kill "$BARE_PID"; wait "$BARE_PID" 2>/dev/null || true
start_bare "$((COURSE_BYTES > SHELL_BYTES ? COURSE_BYTES - SHELL_BYTES : 0))"

log "measuring (bare pid $BARE_PID, Bina pid $BINA_PID)"
npx tsx bench/throughput.ts run --bina "http://127.0.0.1:$BINA_PORT" --bare "http://127.0.0.1:$BARE_PORT" \
  --bina-pid "$BINA_PID" --bare-pid "$BARE_PID" --state "$TMP/state.json" --out bench/results \
  "${BEFORE_ARGS[@]}" "$@"
