#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer at DATABASE_URL / REDIS_URL. Uses them when they answer;
# otherwise starts project-local instances (data under .local/, ports 55432 / 56379), installing
# Debian's packages when missing and running as root. Idempotent. Writes .local/services.env,
# which the other scripts source. Usage: source scripts/services.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
mkdir -p "$LOCAL"

source "$ROOT/scripts/load-env.sh"
DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/bina}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

log() { echo "[services] $*"; }
die() { echo "[services] ERROR: $*" >&2; exit 1; }

url_part() { node -e "const u=new URL(process.argv[1]);console.log(u[process.argv[2]])" "$1" "$2"; }

pg_answers() { # $1 = url; exits 0 when a connection to the server succeeds
  node -e "
    const u=new URL(process.argv[1]); const net=require('net');
    const s=net.connect({host:u.hostname,port:Number(u.port||5432)});
    // An SSLRequest packet: any PostgreSQL server answers it with one byte (S or N).
    s.on('connect',()=>s.write(Buffer.from([0,0,0,8,4,0xd2,0x16,0x2f])));
    s.on('data',d=>{process.exit(d[0]===0x53||d[0]===0x4e?0:1)});
    s.on('error',()=>process.exit(1)); setTimeout(()=>process.exit(1),1500);" "$1"
}
redis_answers() {
  node -e "
    const u=new URL(process.argv[1]); const net=require('net');
    const s=net.connect({host:u.hostname,port:Number(u.port||6379)});
    s.on('connect',()=>s.write('PING\r\n'));
    s.on('data',d=>process.exit(String(d).startsWith('+PONG')||String(d).startsWith('-NOAUTH')?0:1));
    s.on('error',()=>process.exit(1)); setTimeout(()=>process.exit(1),1500);" "$1"
}

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    die "$1 is not installed. Install it with: sudo apt-get install -y $2   (or set ${3} to a running server)"
  fi
  log "installing $2 from Debian's packages"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null || die "could not install $2 (apt-get install -y $2)"
  fi
}

start_local_pg() {
  local port=55432 bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$bindir" ]; then apt_install PostgreSQL postgresql DATABASE_URL; bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"; fi
  local data="$LOCAL/pg" run=()
  # initdb and postgres refuse to run as root: run them as the postgres user.
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$LOCAL" postgres
    chown -R postgres "$LOCAL" ; run=(runuser -u postgres --)
    chmod o+x "$ROOT" "$(dirname "$ROOT")" 2>/dev/null || true
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising a local PostgreSQL cluster in .local/pg"
    "${run[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_answers "postgresql://postgres@127.0.0.1:$port/postgres"; then
    log "starting local PostgreSQL on port $port"
    "${run[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/server.log" \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c wal_buffers=16MB -c max_connections=200" -w start >/dev/null
  fi
  DATABASE_URL="postgresql://postgres@127.0.0.1:$port/$(url_part "$DATABASE_URL" pathname | sed 's#^/##')"
  log "using the project-local PostgreSQL on port $port"
}

start_local_redis() {
  local port=56379
  command -v redis-server >/dev/null || apt_install Redis redis-server REDIS_URL
  mkdir -p "$LOCAL/redis"
  if ! redis_answers "redis://127.0.0.1:$port"; then
    log "starting local Redis on port $port"
    redis-server --daemonize yes --bind 127.0.0.1 --port $port --dir "$LOCAL/redis" --save "" --appendonly no --logfile "$LOCAL/redis/redis.log"
    for _ in $(seq 1 50); do redis_answers "redis://127.0.0.1:$port" && break; sleep 0.1; done
  fi
  REDIS_URL="redis://127.0.0.1:$port"
  log "using the project-local Redis on port $port"
}

if pg_answers "$DATABASE_URL"; then log "PostgreSQL answers at $(url_part "$DATABASE_URL" host)"; else start_local_pg; fi
if redis_answers "$REDIS_URL"; then log "Redis answers at $(url_part "$REDIS_URL" host)"; else start_local_redis; fi

# Settings for this box, on a reload only (docs/decisions/072-postgresql-settings.md).
bash "$ROOT/scripts/pg-tune.sh" "$DATABASE_URL"

# The database itself: create it when missing.
node -e "
  const {Client}=require('pg'); const u=new URL(process.argv[1]); const db=decodeURIComponent(u.pathname.slice(1));
  u.pathname='/postgres'; const c=new Client({connectionString:u.toString()});
  c.connect().then(()=>c.query('SELECT 1 FROM pg_database WHERE datname=\$1',[db]))
   .then(r=>r.rowCount?null:c.query('CREATE DATABASE \"'+db.replace(/\"/g,'')+'\"').then(()=>console.log('[services] created database '+db)))
   .then(()=>c.end()).catch(e=>{console.error('[services] ERROR: '+e.message);process.exit(1)});" "$DATABASE_URL"

cat > "$LOCAL/services.env" <<ENV
DATABASE_URL=$DATABASE_URL
REDIS_URL=$REDIS_URL
ENV
export DATABASE_URL REDIS_URL
