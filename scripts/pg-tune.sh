#!/usr/bin/env bash
# PostgreSQL settings for this box (2 cores, ~24 GB, SSD), applied by scripts/services.sh to
# whichever server it uses (docs/decisions/072-postgresql-settings.md). Only settings that take
# effect on a reload (ALTER SYSTEM + pg_reload_conf()) or per session: no restart, so the other
# users of a shared, already running server are not interrupted. shared_buffers, wal_buffers and
# max_connections need a restart: the project-local cluster gets them on its command line
# (services.sh); on a shared server they are written for its next restart only when
# PG_TUNE_RESTART_SETTINGS=1.
# Skip with PG_TUNE=0. Usage: bash scripts/pg-tune.sh DATABASE_URL
set -euo pipefail
[ "${PG_TUNE:-1}" = "0" ] && exit 0
url="$1"
node -e "
  const {Client}=require('pg'); const u=new URL(process.argv[1]); u.pathname='/postgres';
  const c=new Client({connectionString:u.toString()});
  const reload = [
    // Small OLTP statements: JIT compilation of an expensive-looking plan costs more CPU than it saves.
    ['jit', 'off'],
    // SSD: random reads cost about as much as sequential ones; the OS caches most of the data.
    ['random_page_cost', '1.1'],
    ['effective_io_concurrency', '200'],
    ['effective_cache_size', '8GB'],
    // Sorts and hashes of reports and recovery sweeps in memory (per operation, few connections).
    ['work_mem', '16MB'],
    ['maintenance_work_mem', '256MB'],
    // Exam bursts write a lot of WAL: fewer forced checkpoints, spread out.
    ['max_wal_size', '4GB'],
    ['checkpoint_timeout', '15min'],
    ['checkpoint_completion_target', '0.9'],
    // Autovacuum keeps up with the attempt/answer/outbox churn of a burst.
    ['autovacuum_vacuum_scale_factor', '0.05'],
    ['autovacuum_analyze_scale_factor', '0.05'],
    ['autovacuum_vacuum_cost_limit', '1000'],
  ];
  // Two web processes (WEB_CONCURRENCY on 2 cores) and two worker processes may each open 20 + 10
  // pooled connections (decision 122): 120 at most, over the default 100.
  const restart = [['shared_buffers', '1GB'], ['wal_buffers', '16MB'], ['max_connections', '200']];
  (async () => {
    await c.connect();
    const su = (await c.query(\"SELECT rolsuper FROM pg_roles WHERE rolname = current_user\")).rows[0]?.rolsuper;
    if (!su) { console.log('[pg-tune] not a superuser: settings left as they are'); return; }
    const list = process.env.PG_TUNE_RESTART_SETTINGS === '1' ? [...reload, ...restart] : reload;
    for (const [k, v] of list) await c.query('ALTER SYSTEM SET ' + k + ' = ' + c.escapeLiteral(v));
    await c.query('SELECT pg_reload_conf()');
    console.log('[pg-tune] applied ' + list.map(([k, v]) => k + '=' + v).join(', '));
  })().catch(e => console.error('[pg-tune] skipped: ' + e.message)).finally(() => c.end());" "$url"
