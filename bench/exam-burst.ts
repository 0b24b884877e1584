// Exam-end burst: N learners submit the final quiz of a course within a short window, against the
// REAL running portal (HTTP) and workers (BullMQ). `bash bench/run-exam-burst.sh` starts a fresh
// production server + workers and runs this; to run it against a server you started yourself:
//
//   npx tsx bench/exam-burst.ts [--learners 10000] [--window 60] [--base http://localhost:3200]
//                               [--concurrency 100] [--prefix BENCH] [--max-wait 1200] [--chaos]
//                               [--warmup 600] [--warmup-submits 300] [--warmup-rate 0.1] [--waits 100]
//
// with the SAME DATABASE_URL, REDIS_URL and SESSION_SECRET as the server (the set-up writes the
// learners, enrolments, sessions and attempts straight to its database; the session cookies are
// signed with its secret). Loopback servers only.
//
// 1. Set-up (not timed): N synthetic learners (prisma/synthetic.ts, own prefix), enrolled in the
//    course; the quiz slot draws min(20, bank size) questions; one session and one started attempt
//    each (the app's createSession / startAttempt); plausible answers from each attempt's layout.
// 1b. Warm-up (not timed): --warmup page views and autosaves, then --warmup-submits early finishers
//    (own learners) submit at --warmup-rate (a tenth) of the burst's rate and are graded,
//    profiled, certified and mailed before the burst starts (decision 108).
// 2. Burst: N POST /quiz/<attemptId> (q_<questionId>=..., intent=submit; Cookie + Origin), spread
//    uniformly over the window, at most --concurrency in flight, keep-alive. A 302/303 (not to
//    /login) or 200 is accepted; anything else is an error. Accept latency per request.
// 3. Drain: polls the database until every submitted attempt is GRADED and every CompetencyRating
//    it feeds has ratedAt >= its gradedAt, and every passed attempt's enrolment is COMPLETED with
//    its JP credit and its notification (the other lessons are finished in the set-up), bounded by
//    --max-wait and a stall limit. Exits non-zero when the drain is incomplete or a request failed.
// --chaos (with bench/run-exam-burst.sh, which does the damage): the workers are SIGKILLed
// mid-burst and restarted, and Redis is restarted empty; the run then counts, from PostgreSQL, the
// accepted submissions not graded, ratings, completions, JP credits and notifications lost.
// --mode timeout instead: every learner's answers are autosaved (POST intent=save, not timed), then
// all deadlines pass at once; the scheduled maintenance job must finalise every attempt and the
// workers grade and rate them. Prints the time from the deadline until all are finalised, graded
// and profiled (bench/results/exam-timeout-<timestamp>.json).
// Prints the figures and writes them to bench/results/exam-burst-<timestamp>.json, with the CPU
// time of the server, workers, PostgreSQL, Redis and this client per phase (from /proc) and the
// PostgreSQL counters, to see what limits the run.
import { randomInt } from 'node:crypto'
import http from 'node:http'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import pg from 'pg'
import { fileURLToPath } from 'node:url'
import { startAttempt, SWEEP_GRACE_MS, type Layout } from '~/models/quiz.server'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { generateSynthetic } from '../prisma/synthetic'

const COURSE = 'keamanan-digital-asn'
const QUIZ_LESSON = 'kuis-akhir'
const WANTED_QUESTIONS = 20
const REQUEST_TIMEOUT_MS = 30_000
const POLL_MS = 1_000
const STALL_MS = 180_000

// ---------------------------------------------------------------------------------------------
// Arguments

function arg(name: string, fallback: string) {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback
}

function positiveInt(name: string, fallback: number) {
  const v = Number(arg(name, String(fallback)))
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`)
  return v
}

const config = {
  learners: positiveInt('learners', 10_000),
  windowSec: Number(arg('window', '60')),
  base: arg('base', 'http://localhost:3200').replace(/\/+$/, ''),
  concurrency: positiveInt('concurrency', 100),
  prefix: arg('prefix', 'BENCH'),
  maxWaitSec: positiveInt('max-wait', 1200),
  /** burst: everyone presses "Kumpulkan"; timeout: everyone runs out of time (autosaved answers). */
  mode: arg('mode', 'burst'),
  /** The run is damaged on purpose (see the header); reported with the results. */
  chaos: process.argv.includes('--chaos'),
  /**
   * Requests before the burst, not measured: learners opening the quiz page and autosaving, as
   * they do throughout a real exam, so the burst meets a warm server (JIT, a full connection pool,
   * prepared statements planned). 0 measures a cold server's first seconds too.
   */
  warmup: Number(arg('warmup', '600')),
  /**
   * Learners beyond --learners who submit before the burst (at --warmup-rate of its rate), graded,
   * profiled and certified before it starts, not measured: a real exam's end meets a server that
   * has already taken the early finishers' submissions (the submit and grading code compiled).
   */
  warmupSubmits: Number(arg('warmup-submits', '300')),
  /** The early finishers' rate as a share of the burst's (default a tenth). */
  warmupRate: Number(arg('warmup-rate', '0.1')),
  /** VACUUM (ANALYZE) after the set-up (see setUp). */
  vacuum: process.argv.includes('--vacuum'),
  /**
   * Every this many ms during the burst, what PostgreSQL's backends wait on (pg_stat_activity),
   * summed per second into the timeline; 0 turns it off.
   */
  waitsMs: Number(arg('waits', '100')),
}
if (!(Number.isInteger(config.waitsMs) && config.waitsMs >= 0))
  throw new Error('--waits must be a whole number of milliseconds ≥ 0')
if (!(Number.isInteger(config.warmup) && config.warmup >= 0))
  throw new Error('--warmup must be a whole number ≥ 0')
if (!(Number.isInteger(config.warmupSubmits) && config.warmupSubmits >= 0))
  throw new Error('--warmup-submits must be a whole number ≥ 0')
if (!(config.warmupRate > 0 && config.warmupRate <= 1))
  throw new Error('--warmup-rate must be in (0, 1]')
if (config.mode !== 'burst' && config.mode !== 'timeout')
  throw new Error('--mode must be burst or timeout')
if (!(config.windowSec > 0 && config.windowSec <= 3600))
  throw new Error('--window must be in (0, 3600] seconds')
const baseUrl = new URL(config.base)
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/
if (!LOOPBACK.test(baseUrl.hostname))
  throw new Error(`--base must be a loopback address, got ${baseUrl.hostname}`)
const ORIGIN = baseUrl.origin

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Puts the quiz slot back as it was (set once the set-up changed it). */
let restoreQuiz: (() => Promise<unknown>) | null = null

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const log = (s: string) => console.log(`[exam-burst] ${s}`)

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (x: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i]!, i)
      }
    }),
  )
  return out
}

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

function percentiles(values: number[]) {
  if (values.length === 0) return { p50: null, p95: null, p99: null, max: null, mean: null }
  const s = [...values].sort((a, b) => a - b)
  const at = (p: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
  const r = (x: number) => Math.round(x * 10) / 10
  return {
    p50: r(at(50)),
    p95: r(at(95)),
    p99: r(at(99)),
    max: r(s[s.length - 1]!),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  }
}

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs]
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
}

// ---------------------------------------------------------------------------------------------
// CPU per process group, from /proc (Linux). The server and workers are named by the pids the run
// script passes (BENCH_SERVER_PID, BENCH_WORKERS_PID); their child processes count with them.

type CpuSnapshot = {
  at: number
  perPid: Map<number, { group: string; ticks: number }>
  /** Cumulative ticks of PostgreSQL processes per group (see samplePostgres). */
  pg: Record<PgGroup, number>
  total: { busy: number; all: number }
} | null
const CLK_TCK = 100

// PostgreSQL is shared (other people's databases on the same server): a backend counts for the
// exam path only when it serves this run's database. Backends come and go (pool idle timeouts),
// so they are sampled every second while the run is measured: a backend's CPU is what it used
// between the first and the last time it was seen (from 0 when it started after the tracking).
type PgGroup =
  | 'postgresql'
  | 'postgresql (certificates)'
  | 'postgresql (bench client)'
  | 'postgresql (server)'
  | 'postgresql (other databases)'
const PG_GROUPS: PgGroup[] = [
  'postgresql',
  'postgresql (certificates)',
  'postgresql (bench client)',
  'postgresql (server)',
  'postgresql (other databases)',
]
const pgBackends = new Map<
  number,
  { group: PgGroup; listed: boolean; base: number; last: number }
>()
let pgTracking: NodeJS.Timeout | undefined
let pgTrackingStarted = false

/** pid -> group of every PostgreSQL process pg_stat_activity knows (null when it cannot say). */
async function pgBackendGroups(): Promise<Map<number, PgGroup> | null> {
  try {
    const rows = await prisma.$queryRaw<
      { pid: number; datname: string | null; app: string | null; ours: boolean }[]
    >`SELECT pid, datname::text AS datname, application_name AS app, datname = current_database() AS ours
      FROM pg_stat_activity`
    return new Map(
      rows.map((r) => [
        Number(r.pid),
        r.app === 'bina-bench-certificates'
          ? 'postgresql (certificates)'
          : r.app === 'bina-bench-client'
            ? 'postgresql (bench client)'
            : r.ours
              ? 'postgresql'
              : r.datname == null
                ? 'postgresql (server)'
                : 'postgresql (other databases)',
      ]),
    )
  } catch {
    return null
  }
}

function readProcs() {
  const procs = new Map<number, { ppid: number; comm: string; ticks: number }>()
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      const comm = stat.slice(stat.indexOf('(') + 1, close)
      const f = stat.slice(close + 2).split(' ')
      procs.set(Number(d), { ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) })
    } catch {
      // The process ended meanwhile.
    }
  }
  return procs
}

/** One sample of the PostgreSQL processes; starts the per-second sampling on first use. */
async function samplePostgres() {
  const groups = await pgBackendGroups()
  const procs = readProcs()
  for (const [pid, p] of procs) {
    if (p.comm !== 'postgres') continue
    const listed = groups?.get(pid)
    const known = pgBackends.get(pid)
    if (known) {
      known.last = p.ticks
      // A backend that was starting at the first sight is listed by the next one.
      if (!known.listed && listed) Object.assign(known, { group: listed, listed: true })
      continue
    }
    // The postmaster and processes pg_stat_activity does not list count as the server's.
    pgBackends.set(pid, {
      group: listed ?? 'postgresql (server)',
      listed: listed !== undefined,
      base: pgTrackingStarted ? 0 : p.ticks,
      last: p.ticks,
    })
  }
  if (!pgTrackingStarted) {
    pgTrackingStarted = true
    pgTracking = setInterval(() => void samplePostgres(), 1_000)
    pgTracking.unref()
  }
}

/** Stops the sampling (the end of the measured phases). */
function stopPostgresSampling() {
  clearInterval(pgTracking)
}

function pgTicksByGroup() {
  const out = Object.fromEntries(PG_GROUPS.map((g) => [g, 0])) as Record<PgGroup, number>
  for (const b of pgBackends.values()) out[b.group] += b.last - b.base
  return out
}

/** A CPU snapshot; certificate work (its process and its PostgreSQL sessions) is grouped apart. */
async function cpuSnapshot(): Promise<CpuSnapshot> {
  await samplePostgres()
  return cpuSnapshotOf()
}

function cpuSnapshotOf(): CpuSnapshot {
  try {
    const roots = new Map<number, string>([[process.pid, 'bench client']])
    if (process.env.BENCH_SERVER_PID) roots.set(Number(process.env.BENCH_SERVER_PID), 'web server')
    if (process.env.BENCH_WORKERS_PID) roots.set(Number(process.env.BENCH_WORKERS_PID), 'workers')
    if (process.env.BENCH_CERT_WORKERS_PID)
      roots.set(Number(process.env.BENCH_CERT_WORKERS_PID), 'certificate workers')
    const procs = readProcs()
    const perPid = new Map<number, { group: string; ticks: number }>()
    for (const [pid, p] of procs) {
      if (p.comm === 'postgres') continue // counted by group, exited backends included
      let group: string | undefined
      for (let q: number | undefined = pid, hops = 0; q && q > 1 && hops < 20; hops++) {
        group = roots.get(q)
        if (group) break
        q = procs.get(q)?.ppid
      }
      group ??= p.comm.startsWith('redis-server') ? 'redis' : 'other processes'
      perPid.set(pid, { group, ticks: p.ticks })
    }
    const cpu = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number)
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0)
    const all = cpu.slice(0, 8).reduce((a, b) => a + b, 0)
    return { at: performance.now(), perPid, pg: pgTicksByGroup(), total: { busy: all - idle, all } }
  } catch {
    return null
  }
}

/** CPU used between two snapshots, per group, in core-seconds and % of the machine. */
function cpuBetween(a: CpuSnapshot, b: CpuSnapshot) {
  if (!a || !b) return null
  const wall = (b.at - a.at) / 1000
  const cores = os.cpus().length
  const groups: Record<string, number> = {}
  for (const [pid, p] of b.perPid) {
    const before = a.perPid.get(pid)?.ticks ?? 0
    groups[p.group] = (groups[p.group] ?? 0) + Math.max(0, p.ticks - before) / CLK_TCK
  }
  for (const g of PG_GROUPS) groups[g] = Math.max(0, b.pg[g] - a.pg[g]) / CLK_TCK
  const machineBusy = (b.total.busy - a.total.busy) / Math.max(1, b.total.all - a.total.all)
  // Busy time of processes that ended before the second snapshot (e.g. other people's test runs).
  const attributed = Object.values(groups).reduce((x, y) => x + y, 0)
  groups['exited processes'] = Math.max(0, machineBusy * wall * cores - attributed)
  const r = (x: number) => Math.round(x * 100) / 100
  return {
    wallSec: r(wall),
    cores,
    machineBusyPct: Math.round(machineBusy * 1000) / 10,
    coreSeconds: Object.fromEntries(
      Object.entries(groups)
        .sort((x, y) => y[1] - x[1])
        .map(([g, s]) => [g, r(s)]),
    ),
    /** Share of one core each group used on average over the phase. */
    avgCores: Object.fromEntries(
      Object.entries(groups)
        .sort((x, y) => y[1] - x[1])
        .map(([g, s]) => [g, r(s / Math.max(0.001, wall))]),
    ),
  }
}

/**
 * What PostgreSQL waits on, sampled every `config.waitsMs` on a connection of its own (named as the
 * bench client's, so its CPU is counted there): per second, how many of this database's backends
 * were active per wait event ("CPU" when running), what the server's own processes (checkpointer,
 * WAL writer, autovacuum) were doing, and the statements that waited on a lock. The client's own
 * event-loop delay per second is kept beside it: a late client would look like a slow server.
 */
type WaitSecond = {
  samples: number
  /** active backends of this database, summed over the second's samples, by wait */
  active: Record<string, number>
  /** the server's other processes, by "backend type: wait" (summed) */
  server: Record<string, number>
  /** statements (first 80 characters) seen waiting on a Lock / LWLock, with counts */
  lockWaits: Record<string, number>
  /** statements seen running for over 50 ms, by "application: statement", the longest age seen */
  long: Record<string, number>
  /** statements of applications other than the web server and the workers, with counts */
  others: Record<string, number>
  /** the client's max event-loop delay in the second (ms) */
  clientLoopMaxMs: number
}
function startWaitSampling(start: number) {
  const seconds = new Map<number, WaitSecond>()
  if (config.waitsMs === 0) return { stop: async () => seconds }
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    application_name: 'bina-bench-client',
  })
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  const secondOf = (at: number) => {
    const k = Math.floor((at - start) / 1000)
    let s = seconds.get(k)
    if (!s) {
      s = {
        samples: 0,
        active: {},
        server: {},
        lockWaits: {},
        long: {},
        others: {},
        clientLoopMaxMs: 0,
      }
      seconds.set(k, s)
    }
    return s
  }
  const add = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1)
  const loopTicker = setInterval(() => {
    secondOf(performance.now() - 1).clientLoopMaxMs = Math.round(loop.max / 1e5) / 10
    loop.reset()
  }, 1_000)
  const tick = async () => {
    if (stopped) return
    const at = performance.now()
    try {
      const { rows } = await client.query<{
        ours: boolean
        backend_type: string
        state: string | null
        wait: string | null
        query: string | null
        app: string
        ms: number | null
      }>(
        `SELECT datname = current_database() AS ours, backend_type, state,
                wait_event_type || ':' || wait_event AS wait, left(query, 80) AS query,
                application_name AS app,
                (extract(epoch FROM clock_timestamp() - query_start) * 1000)::int AS ms
           FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
      )
      const s = secondOf(at)
      s.samples++
      for (const r of rows) {
        if (r.backend_type === 'client backend') {
          if (!r.ours || r.state !== 'active') continue
          add(s.active, r.wait ?? 'CPU')
          const query = (r.query ?? '').replace(/\s+/g, ' ')
          if (r.wait && /^(Lock|LWLock)/.test(r.wait)) add(s.lockWaits, `${r.wait} ${query}`)
          if (r.app !== 'bina-bench-web' && r.app !== 'bina-bench-workers')
            add(s.others, `${r.app || '?'}: ${query}`)
          if ((r.ms ?? 0) > 50) {
            const k = `${r.app || '?'}: ${query}`
            s.long[k] = Math.max(s.long[k] ?? 0, r.ms!)
          }
        } else if (r.wait !== 'Activity:' + waitIdleOf(r.backend_type)) {
          add(s.server, `${r.backend_type}: ${r.wait ?? 'CPU'}`)
        }
      }
    } catch {
      // A missed sample is a gap, not an error of the run.
    }
    if (!stopped)
      timer = setTimeout(() => void tick(), Math.max(0, config.waitsMs - (performance.now() - at)))
  }
  const ready = client.connect().then(() => tick())
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      clearInterval(loopTicker)
      loop.disable()
      await ready.catch(() => undefined)
      await client.end().catch(() => undefined)
      return seconds
    },
  }
}
/** The wait event a server process shows when it has nothing to do (not worth counting). */
function waitIdleOf(backendType: string) {
  return (
    {
      checkpointer: 'CheckpointerMain',
      walwriter: 'WalWriterMain',
      'background writer': 'BgWriterHibernate',
      'autovacuum launcher': 'AutoVacuumMain',
      'logical replication launcher': 'LogicalLauncherMain',
    } as Record<string, string>
  )[backendType]
}

/** Per-second wait summaries as averages per sample (backends), the largest first. */
function describeWaits(w: WaitSecond | undefined) {
  if (!w || w.samples === 0) return undefined
  const avg = (o: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(o)
        .sort((x, y) => y[1] - x[1])
        .map(([k, v]) => [k, Math.round((v / w.samples) * 10) / 10] as const)
        .filter(([, v]) => v >= 0.1),
    )
  return {
    samples: w.samples,
    active: avg(w.active),
    server: avg(w.server),
    lockWaits: Object.keys(w.lockWaits).length ? avg(w.lockWaits) : undefined,
    long: Object.keys(w.long).length ? w.long : undefined,
    others: Object.keys(w.others).length ? avg(w.others) : undefined,
    clientLoopMaxMs: w.clientLoopMaxMs,
  }
}

/** The burst second by second: latency of the requests sent in it, and the CPU of that second. */
function timeline(
  ok: Sample[],
  start: number,
  cpu: { at: number; cpu: ReturnType<typeof cpuBetween> }[],
  waits?: Map<number, WaitSecond>,
) {
  const bySecond = new Map<number, number[]>()
  for (const s of ok) {
    const k = Math.floor((s.sentAt - start) / 1000)
    const list = bySecond.get(k)
    if (list) list.push(s.doneAt - s.sentAt)
    else bySecond.set(k, [s.doneAt - s.sentAt])
  }
  const r = (x: number) => Math.round(x * 100) / 100
  return [...bySecond.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([second, lat]) => {
      const c = cpu.find((x) => x.at - start >= (second + 1) * 1000)?.cpu
      const p = percentiles(lat)
      return {
        second,
        sent: lat.length,
        p50: p.p50,
        p95: p.p95,
        max: p.max,
        busyPct: c?.machineBusyPct,
        cores: c
          ? Object.fromEntries(
              Object.entries(c.avgCores)
                .filter(([, v]) => v >= 0.05)
                .map(([g, v]) => [g, r(v)]),
            )
          : undefined,
        waits: describeWaits(waits?.get(second)),
      }
    })
}

/**
 * Core-ms per unit of work over the given phases: the exam path (web server, workers, PostgreSQL,
 * Redis) and, apart, the certificate issuing (its worker process and its PostgreSQL sessions).
 */
function cpuPerUnit(phases: ReturnType<typeof cpuBetween>[], units: number) {
  const sum = (group: string) =>
    phases.reduce((s, p) => s + (p?.coreSeconds[group] ?? 0), 0) / Math.max(1, units)
  const ms = (x: number) => Math.round(x * 10_000) / 10
  const web = sum('web server')
  const workers = sum('workers')
  // This run's database's backends, and the server's own processes (WAL writer, checkpointer,
  // autovacuum launcher: shared with other databases on a busy machine, ours on a quiet one).
  const postgresql = sum('postgresql') + sum('postgresql (server)')
  const redis = sum('redis')
  return {
    units,
    examPath: {
      total: ms(web + workers + postgresql + redis),
      web: ms(web),
      workers: ms(workers),
      postgresql: ms(postgresql),
      postgresqlBackends: ms(sum('postgresql')),
      postgresqlServer: ms(sum('postgresql (server)')),
      redis: ms(redis),
    },
    /** Until the drain ended (issuing may go on after it); not part of the exam path. */
    certificates: {
      total: ms(sum('certificate workers') + sum('postgresql (certificates)')),
      workers: ms(sum('certificate workers')),
      postgresql: ms(sum('postgresql (certificates)')),
    },
    /** The client and its drain queries (PGAPPNAME=bina-bench-client): not the exam path. */
    benchClient: ms(sum('bench client') + sum('postgresql (bench client)')),
    /** Other databases' backends on the shared server are someone else's work. */
    otherDatabases: ms(sum('postgresql (other databases)')),
    otherAndExited: ms(sum('other processes') + sum('exited processes')),
  }
}

function describeCpu(c: ReturnType<typeof cpuPerUnit>, unit: string) {
  const e = c.examPath
  return (
    `CPU per ${unit} (core-ms): exam path ${e.total} (web ${e.web} + workers ${e.workers} + PostgreSQL ${e.postgresql} [backends ${e.postgresqlBackends}, server ${e.postgresqlServer}] + Redis ${e.redis}); ` +
    `certificates apart ${c.certificates.total} (workers ${c.certificates.workers} + PostgreSQL ${c.certificates.postgresql}); ` +
    `other databases ${c.otherDatabases}, other processes ${c.otherAndExited}, bench client ${c.benchClient}`
  )
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL counters of the benchmark database

type PgCounters = Record<string, number>
async function pgCounters(): Promise<PgCounters> {
  const rows = await prisma.$queryRaw<Record<string, bigint | number>[]>`
    SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted, blks_read, blks_hit
    FROM pg_stat_database WHERE datname = current_database()`
  // The two views below are those of PostgreSQL 14-16 (later versions moved these counters to
  // pg_stat_io and pg_stat_checkpointer): elsewhere the run goes on without them.
  const none: Record<string, bigint | number>[] = [{}]
  // The WAL the whole server wrote (pg_stat_wal is per cluster): records, full-page images, bytes,
  // and the writes and flushes that wait on the disk.
  const wal = await prisma.$queryRaw<Record<string, bigint | number>[]>`
    SELECT wal_records, wal_fpi, wal_bytes::bigint AS wal_bytes, wal_write, wal_sync FROM pg_stat_wal`.catch(
    () => none,
  )
  // Who wrote dirty buffers out: backends themselves (shared_buffers too small for the burst's
  // working set), the background writer, or checkpoints; and the buffers allocated.
  const bg = await prisma.$queryRaw<Record<string, bigint | number>[]>`
    SELECT buffers_backend, buffers_clean, buffers_checkpoint, buffers_alloc FROM pg_stat_bgwriter`.catch(
    () => none,
  )
  return Object.fromEntries(
    Object.entries({ ...rows[0], ...wal[0], ...bg[0] }).map(([k, v]) => [k, Number(v)]),
  )
}
/** Per-table scan counters: where the rows PostgreSQL reads come from. */
type TableCounters = Map<string, Record<string, number>>
async function pgTables(): Promise<TableCounters> {
  const rows = await prisma.$queryRaw<Record<string, string | bigint | number | null>[]>`
    SELECT relname::text AS relname, seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, n_tup_ins, n_tup_upd FROM pg_stat_user_tables`
  return new Map(
    rows.map((r) => [
      String(r.relname),
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => k !== 'relname')
          .map(([k, v]) => [k, Number(v ?? 0)]),
      ),
    ]),
  )
}
function tablesDelta(a: TableCounters, b: TableCounters, per: number) {
  const out: Record<string, Record<string, number>> = {}
  for (const [t, v] of b) {
    const d = Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        k,
        Math.round(((x - (a.get(t)?.[k] ?? 0)) / Math.max(1, per)) * 10) / 10,
      ]),
    )
    if (Object.values(d).some((x) => x > 0)) out[t] = d
  }
  return Object.fromEntries(
    Object.entries(out).sort(
      (x, y) =>
        (y[1].seq_tup_read ?? 0) +
        (y[1].idx_tup_fetch ?? 0) -
        (x[1].seq_tup_read ?? 0) -
        (x[1].idx_tup_fetch ?? 0),
    ),
  )
}
function pgDelta(a: PgCounters, b: PgCounters, per: number) {
  return Object.fromEntries(
    Object.keys(b).map((k) => [
      k,
      {
        total: b[k]! - (a[k] ?? 0),
        perSubmit: Math.round(((b[k]! - (a[k] ?? 0)) / Math.max(1, per)) * 10) / 10,
      },
    ]),
  )
}

// ---------------------------------------------------------------------------------------------
// Set-up

interface BankQuestion {
  id: string
  type: string
  competencyId: string
  acceptedAnswers: string[]
  numericAnswer: number | null
  tolerance: number | null
  options: { id: string; correct: boolean }[]
}

/** Plausible answers: each learner has an ability; a question is answered right with that chance. */
function answerForm(layout: Layout, bank: Map<string, BankQuestion>) {
  const form = new URLSearchParams()
  const ability = 0.35 + Math.random() * 0.6
  for (const l of layout) {
    const q = bank.get(l.questionId)
    if (!q || Math.random() < 0.03) continue // left blank
    const right = Math.random() < ability
    const key = `q_${q.id}`
    if (l.optionIds.length) {
      const correct = l.optionIds.filter((id) => q.options.find((o) => o.id === id)?.correct)
      const wrong = l.optionIds.filter((id) => !correct.includes(id))
      if (q.type === 'MULTIPLE') {
        const chosen = right
          ? correct
          : shuffle(l.optionIds).slice(0, 1 + randomInt(Math.max(1, l.optionIds.length - 1)))
        for (const id of chosen) form.append(key, id)
      } else {
        form.append(
          key,
          (right || wrong.length === 0 ? correct[0] : wrong[randomInt(wrong.length)]) ??
            l.optionIds[0]!,
        )
      }
    } else if (q.type === 'NUMERIC' && q.numericAnswer != null) {
      const v = right ? q.numericAnswer : q.numericAnswer + (q.tolerance ?? 0) + 1 + randomInt(20)
      form.append(key, String(v).replace('.', ','))
    } else if (q.type === 'SHORT' && q.acceptedAnswers.length) {
      form.append(
        key,
        right
          ? q.acceptedAnswers[randomInt(q.acceptedAnswers.length)]!
          : ['tidak tahu', 'kata sandi', 'admin', 'lupa'][randomInt(4)]!,
      )
    } else {
      form.append(
        key,
        'Jawaban peserta: langkah yang saya ambil adalah melaporkan kejadian kepada atasan dan tim TI.',
      )
    }
  }
  form.append('intent', 'submit')
  return form.toString()
}

async function setUp(count = config.learners) {
  const t0 = performance.now()
  const timings: Record<string, number> = {}
  const mark = (name: string, since: number) =>
    (timings[name] = Math.round(performance.now() - since))

  const health = await fetch(`${config.base}/healthz`).catch((e: unknown) => {
    throw new Error(`${config.base}/healthz does not answer (${String(e)}): is the server running?`)
  })
  if (health.status !== 200)
    throw new Error(`${config.base}/healthz answered ${health.status}: ${await health.text()}`)

  let t = performance.now()
  const synthetic = await generateSynthetic(count, { prefix: config.prefix, log: false })
  const users = synthetic.people.filter((p) => !p.supervisor)
  const learners = users.slice(0, count)
  if (learners.length < count) {
    // Supervisors of the set count too when needed (they hold the ASN role as well).
    learners.push(...synthetic.people.filter((p) => p.supervisor).slice(0, count - learners.length))
  }
  mark('learners', t)
  log(
    `${learners.length} learners ready (${synthetic.usersCreated} created) in ${timings.learners} ms`,
  )

  const course = await prisma.course.findUnique({
    where: { slug: COURSE },
    select: { id: true, currentVersionId: true, status: true },
  })
  if (!course?.currentVersionId || course.status !== 'PUBLISHED')
    throw new Error(`Course ${COURSE} is not published: import the course packs first`)
  const lv = await prisma.lessonVersion.findUnique({
    where: {
      courseVersionId_slug: { courseVersionId: course.currentVersionId, slug: QUIZ_LESSON },
    },
    select: { lessonId: true },
  })
  const quiz =
    lv &&
    (await prisma.quiz.findUnique({
      where: { lessonId: lv.lessonId },
      select: {
        id: true,
        timeLimitSec: true,
        slots: { select: { id: true, categoryId: true, questionId: true, drawCount: true } },
      },
    }))
  if (!quiz) throw new Error(`No quiz ${QUIZ_LESSON} in ${COURSE}`)
  const slot = quiz.slots.length === 1 && quiz.slots[0]!.categoryId ? quiz.slots[0]! : null
  if (!slot)
    throw new Error(
      `Quiz ${QUIZ_LESSON} should have exactly one random slot; it has ${quiz.slots.length}`,
    )
  const bankSize = await prisma.question.count({
    where: { categoryId: slot.categoryId!, archivedAt: null },
  })
  const drawCount = Math.min(WANTED_QUESTIONS, bankSize)
  const originalDrawCount = slot.drawCount
  await prisma.quizSlot.update({ where: { id: slot.id }, data: { drawCount } })
  restoreQuiz = () =>
    prisma.quizSlot.update({ where: { id: slot.id }, data: { drawCount: originalDrawCount } })
  log(
    `quiz ${QUIZ_LESSON}: bank of ${bankSize} questions, drawing ${drawCount} per attempt (was ${originalDrawCount})`,
  )

  t = performance.now()
  const userIds = learners.map((l) => l.id)
  for (const part of chunks(userIds, 5_000)) {
    // A repeated run on the same database starts clean: the set's earlier attempts and sessions go.
    await prisma.quizAttempt.deleteMany({ where: { quizId: quiz.id, userId: { in: part } } })
    await prisma.session.deleteMany({ where: { userId: { in: part } } })
    await prisma.enrolment.createMany({
      data: part.map((userId) => ({
        userId,
        courseId: course.id,
        courseVersionId: course.currentVersionId!,
        source: 'ASSIGNED' as const,
      })),
      skipDuplicates: true,
    })
    await prisma.enrolment.updateMany({
      where: { courseId: course.id, userId: { in: part } },
      data: { status: 'ACTIVE', courseVersionId: course.currentVersionId, completedAt: null },
    })
    await prisma.jpCredit.deleteMany({ where: { userId: { in: part }, sourceType: 'COURSE' } })
    await prisma.notification.deleteMany({
      where: { userId: { in: part }, kind: 'COURSE_COMPLETED' },
    })
    // Every other required lesson is done: a passed final quiz completes the course (completion,
    // JP credit and notification are part of the drain).
    await prisma.$executeRaw`
      INSERT INTO "LessonProgress" (id, "enrolmentId", "lessonId", "completedAt", "updatedAt")
      SELECT gen_random_uuid()::text, e.id, lv."lessonId", now(), now()
      FROM "Enrolment" e JOIN "LessonVersion" lv ON lv."courseVersionId" = e."courseVersionId"
      WHERE e."courseId" = ${course.id} AND e."userId" = ANY(${part}::text[])
        AND lv.required AND lv.kind <> 'QUIZ'
      ON CONFLICT ("enrolmentId", "lessonId") DO UPDATE SET "completedAt" = now()`
  }
  mark('enrolments', t)

  t = performance.now()
  const cookies = await mapLimit(userIds, 8, async (userId) => {
    const setCookie = await createSession(userId, {
      ip: '127.0.0.1',
      userAgent: 'bina-bench/exam-burst',
    })
    return setCookie.split(';')[0]!
  })
  mark('sessions', t)
  log(`${cookies.length} sessions in ${timings.sessions} ms`)

  t = performance.now()
  const attemptIds = await mapLimit(
    userIds,
    8,
    async (userId) => (await startAttempt(COURSE, QUIZ_LESSON, userId)).attemptId,
  )
  mark('attempts', t)
  log(`${attemptIds.length} attempts started in ${timings.attempts} ms`)

  const layouts = new Map<string, { layout: Layout }>()
  for (const part of chunks(attemptIds, 5_000)) {
    for (const a of await prisma.quizAttempt.findMany({
      where: { id: { in: part } },
      select: { id: true, layout: true },
    })) {
      layouts.set(a.id, { layout: a.layout as Layout })
    }
  }
  // The versions the attempts were drawn with (a question's content lives in its versions).
  const versions = await prisma.questionVersion.findMany({
    where: {
      id: {
        in: [...new Set([...layouts.values()].flatMap((l) => l.layout.map((x) => x.versionId)))],
      },
    },
    select: {
      questionId: true,
      type: true,
      competencyId: true,
      acceptedAnswers: true,
      numericAnswer: true,
      tolerance: true,
      optionIds: true,
    },
  })
  const optionRows = await prisma.questionOption.findMany({
    where: { id: { in: versions.flatMap((v) => v.optionIds) } },
    select: { id: true, correct: true },
  })
  const questions: BankQuestion[] = versions.map(({ questionId, optionIds, ...v }) => ({
    id: questionId,
    ...v,
    options: optionRows.filter((o) => optionIds.includes(o.id)),
  }))
  const bank = new Map(questions.map((q) => [q.id, q]))
  const requests = learners.map((_, i) => {
    const attemptId = attemptIds[i]!
    const { layout } = layouts.get(attemptId)!
    const competencies = new Set(
      layout.map((l) => bank.get(l.questionId)?.competencyId).filter(Boolean),
    )
    return {
      attemptId,
      cookie: cookies[i]!,
      body: answerForm(layout, bank),
      questions: layout.length,
      competencies: competencies.size,
    }
  })
  const perAttempt = [...new Set(requests.map((r) => r.questions))]

  // The quiz has a time limit and the server refuses answers after the deadline (+2 s grace). When
  // the server falls behind, a burst outlasts the window and would then measure refusals, not
  // throughput: the attempts' deadlines are moved 3 h ahead (bench attempts only).
  for (const part of chunks(attemptIds, 5_000)) {
    await prisma.quizAttempt.updateMany({
      where: { id: { in: part } },
      data: { deadlineAt: new Date(Date.now() + 3 * 3_600_000) },
    })
  }

  // Learners at the end of an exam have been active (autosaves): their sessions were just touched.
  await prisma.session.updateMany({
    where: { userId: { in: userIds } },
    data: { lastSeenAt: new Date() },
  })

  // The set-up wrote tens of thousands of rows in a minute; in a real exam they were written an
  // hour before the end and autovacuum has long since vacuumed and analysed them. Here it would
  // start during the burst: do its work now, as steady state.
  // Opt-in (--vacuum): measured at 10,000 / 60 s it made the burst's PostgreSQL work dearer
  // (5.5 against 3.9-4.3 core-ms per submission), for reasons not yet understood.
  if (config.vacuum) {
    const tv = performance.now()
    await prisma.$executeRawUnsafe('VACUUM (ANALYZE)')
    timings.vacuum = Math.round(performance.now() - tv)
    log(`VACUUM (ANALYZE) after the set-up in ${timings.vacuum} ms`)
  }

  // One probe through the real HTTP path (a save with no answers): cookie, Origin and CSRF guard.
  const probe = requests[0]!
  const res = await fetch(`${config.base}/quiz/${probe.attemptId}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: probe.cookie,
      Origin: ORIGIN,
    },
    body: 'intent=save',
  })
  await res.arrayBuffer()
  if (res.status !== 200) {
    throw new Error(
      `Probe POST answered ${res.status}${res.headers.get('location') ? ` -> ${res.headers.get('location')}` : ''}: ` +
        'does the server use the same DATABASE_URL and SESSION_SECRET as this process?',
    )
  }
  timings.total = Math.round(performance.now() - t0)
  return {
    requests,
    quizId: quiz.id,
    bankSize,
    drawCount,
    questionsPerAttempt: perAttempt,
    timeLimitSec: quiz.timeLimitSec,
    timings,
  }
}

// ---------------------------------------------------------------------------------------------
// Burst

interface Sample {
  attemptId: string
  scheduledAt: number
  sentAt: number
  doneAt: number
  status: string
  ok: boolean
  /** ms from sending until the new connection was open (undefined: a kept-alive socket). */
  connectMs?: number
}

/**
 * The attempt page's form POST, as a learner's browser sends it (cookie, Origin, no redirects).
 * On node:http with a keep-alive agent rather than fetch: the client shares the machine with the
 * server, and fetch (undici's WHATWG layer, an AbortSignal per request) cost ~1.7 core-ms per
 * request, CPU the portal would have on a real deployment.
 */
const agent = new http.Agent({
  keepAlive: true,
  maxSockets: config.concurrency,
  // An idle socket is closed by the client before the server's keep-alive timeout (Node's 5 s,
  // announced in its Keep-Alive header; Node's agent applies that hint minus 1 s only when an
  // agent timeout is set): without it, sockets opened together in the burst's first second were
  // closed by the server together 5 s later while the client reused them (2 ECONNRESET, 23:31).
  timeout: 4_000,
})
/**
 * A kept-alive socket the server closed (idle timeout) just as the request went out fails with
 * ECONNRESET before any answer; browsers send such a request again on a new connection, and so
 * does this client, once (Node's documented `reusedSocket` check).
 */
async function postQuiz(
  r: { attemptId: string; cookie: string },
  body: string,
): Promise<{ status: number; location: string; connectMs?: number }> {
  try {
    return await postQuizOnce(r, body)
  } catch (e) {
    if (
      (e as { reusedSocket?: boolean }).reusedSocket &&
      (e as { code?: string }).code === 'ECONNRESET'
    )
      return postQuizOnce(r, body)
    throw e
  }
}
function postQuizOnce(
  r: { attemptId: string; cookie: string },
  body: string,
): Promise<{ status: number; location: string; connectMs?: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    let connectMs: number | undefined
    const req = http.request(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: 'POST',
        path: `/quiz/${r.attemptId}`,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          Cookie: r.cookie,
          Origin: ORIGIN,
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume()
        res.on('error', reject)
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: String(res.headers.location ?? ''),
            connectMs,
          }),
        )
      },
    )
    req.once('socket', (socket) => {
      if (!req.reusedSocket)
        socket.once('connect', () => (connectMs = Math.round(performance.now() - t0)))
    })
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
    )
    req.on('error', (e) => reject(Object.assign(e, { reusedSocket: req.reusedSocket })))
    req.end(body)
  })
}

/** A learner's page view: the quiz page with the session cookie. */
function getQuiz(r: { attemptId: string; cookie: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        path: `/quiz/${r.attemptId}`,
        headers: { Cookie: r.cookie },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume()
        res.on('error', reject)
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end()
  })
}

/**
 * Before the burst, not measured (--warmup): some learners open the quiz page and autosave (no
 * answers), at up to --concurrency at once, as learners do during the exam.
 */
async function warmUp(requests: { attemptId: string; cookie: string }[]) {
  if (config.warmup === 0) return { requests: 0, ms: 0 }
  const t0 = performance.now()
  const some = shuffle(requests).slice(0, Math.ceil(config.warmup / 2))
  let failed = 0
  await mapLimit(some, config.concurrency, async (r) => {
    if ((await getQuiz(r)) !== 200) failed++
    if ((await postQuiz(r, 'intent=save')).status !== 200) failed++
  })
  if (failed) throw new Error(`warm-up: ${failed} requests failed`)
  await sleep(1_000)
  return { requests: some.length * 2, ms: Math.round(performance.now() - t0) }
}

/**
 * The early finishers (--warmup-submits): they submit at --warmup-rate (a tenth) of the burst's
 * rate, and the run waits until their attempts are graded and profiled, their completions recorded
 * and their certificates issued and mailed, so the burst starts on a warm server with empty queues.
 * Not measured.
 */
async function earlyFinishers(
  requests: { attemptId: string; cookie: string; body: string; competencies: number }[],
) {
  if (requests.length === 0) return { submits: 0, ms: 0 }
  const t0 = performance.now()
  const gapMs = (config.windowSec * 1000) / config.warmupRate / config.learners
  let failed = 0
  await mapLimit(requests, config.concurrency, async (r, i) => {
    const wait = t0 + i * gapMs - performance.now()
    if (wait > 1) await sleep(wait)
    const res = await postQuiz(r, r.body)
    if (!(res.status === 302 || res.status === 303) || res.location.startsWith('/login')) failed++
  })
  if (failed) throw new Error(`early finishers: ${failed} submissions failed`)
  const ids = requests.map((r) => r.attemptId)
  const d = await drain(
    ids,
    requests.reduce((n, r) => n + r.competencies, 0),
  )
  if (!d.complete) throw new Error(`early finishers: not drained (${d.reason})`)
  const deadline = performance.now() + 180_000
  /** Polls a count until `done(count)`, or fails the run after 180 s in all. */
  const until = async (
    what: string,
    count: () => Promise<number>,
    done: (n: number) => boolean,
  ) => {
    for (;;) {
      const n = await count()
      if (done(n)) return
      if (performance.now() > deadline)
        throw new Error(`early finishers: ${what} (${n}) after 180 s`)
      await sleep(POLL_MS)
    }
  }
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n
  await until(
    `certificates with their PDF, of ${d.state.passed}`,
    () =>
      one(prisma.$queryRaw`
        SELECT count(*)::int AS n FROM "Certificate" c JOIN "QuizAttempt" a ON a."enrolmentId" = c."enrolmentId"
        WHERE a.id = ANY(${ids}::text[]) AND c."pdfKey" IS NOT NULL`),
    (n) => n >= d.state.passed,
  )
  // ...and their certificates' mails sent (the certificate worker's last piece of their work).
  await until(
    'mails unsent',
    () =>
      one(prisma.$queryRaw`
        SELECT count(*)::int AS n FROM "NotificationMail" WHERE "sentAt" IS NULL AND skipped IS NULL`),
    (n) => n === 0,
  )
  await sleep(2_000)
  const ms = Math.round(performance.now() - t0)
  log(
    `early finishers: ${requests.length} submitted, graded, profiled, certified and mailed in ${ms} ms`,
  )
  return { submits: requests.length, ms }
}

async function burst(
  requests: { attemptId: string; cookie: string; body: string }[],
  start = performance.now() + 500,
) {
  const order = shuffle(requests)
  const windowMs = config.windowSec * 1000
  const samples: Sample[] = []
  let inFlight = 0
  const waiters: (() => void)[] = []
  const acquire = () =>
    inFlight < config.concurrency
      ? (inFlight++, Promise.resolve())
      : new Promise<void>((r) => waiters.push(r))
  const release = () => {
    const w = waiters.shift()
    if (w) w()
    else inFlight--
  }
  let lastAcceptedWall = 0
  let lastAcceptedPerf = 0
  const pending: Promise<void>[] = []
  let progressAt = start + 5_000

  for (let i = 0; i < order.length; i++) {
    const r = order[i]!
    const scheduledAt = start + (i * windowMs) / order.length
    const wait = scheduledAt - performance.now()
    if (wait > 1) await sleep(wait)
    await acquire()
    const sentAt = performance.now()
    if (sentAt >= progressAt) {
      progressAt += 5_000
      log(
        `  ${i}/${order.length} sent, ${inFlight} in flight, ${samples.filter((s) => !s.ok).length} errors`,
      )
    }
    pending.push(
      (async () => {
        let status = 'error'
        let ok = false
        let connectMs: number | undefined
        try {
          const res = await postQuiz(r, r.body)
          connectMs = res.connectMs
          const location = res.location
          status = String(res.status)
          if ((res.status === 302 || res.status === 303) && location.startsWith('/login'))
            status = `${res.status}->/login`
          else ok = res.status === 200 || res.status === 302 || res.status === 303
        } catch (e) {
          status =
            e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
              ? 'timeout'
              : `network:${e instanceof Error ? ((e as { code?: string }).code ?? e.name) : 'error'}`
        }
        const doneAt = performance.now()
        if (ok && doneAt > lastAcceptedPerf) {
          lastAcceptedPerf = doneAt
          lastAcceptedWall = Date.now()
        }
        samples.push({ attemptId: r.attemptId, scheduledAt, sentAt, doneAt, status, ok, connectMs })
        release()
      })(),
    )
  }
  await Promise.all(pending)
  return { samples, start, lastAcceptedWall, lastAcceptedPerf }
}

// ---------------------------------------------------------------------------------------------
// Drain: wait until graded and profiled

async function drainState(attemptIds: string[]) {
  const rows = await prisma.$queryRaw<
    {
      graded: number
      needs: number
      lastGraded: Date | null
      firstGraded: Date | null
      profiled: number
      lastProfiled: Date | null
      passed: number
      completed: number
      jp: number
      notified: number
      lastCompleted: Date | null
    }[]
  >`
    WITH a AS (SELECT id, status, "gradedAt", passed, "enrolmentId" FROM "QuizAttempt" WHERE id = ANY(${attemptIds}::text[])),
    p AS (SELECT DISTINCT "enrolmentId" FROM a WHERE status = 'GRADED' AND passed AND "enrolmentId" IS NOT NULL)
    SELECT
      (SELECT count(*) FROM a WHERE status = 'GRADED')::int AS graded,
      (SELECT count(*) FROM a WHERE status = 'NEEDS_GRADING')::int AS needs,
      (SELECT max("gradedAt") FROM a) AS "lastGraded",
      (SELECT min("gradedAt") FROM a) AS "firstGraded",
      (SELECT count(*) FROM a JOIN "Evidence" e ON e."attemptId" = a.id
         JOIN "CompetencyRating" cr ON cr."userId" = e."userId" AND cr."competencyId" = e."competencyId"
         WHERE a.status = 'GRADED' AND cr."ratedAt" >= a."gradedAt")::int AS profiled,
      (SELECT max(cr."ratedAt") FROM a JOIN "Evidence" e ON e."attemptId" = a.id
         JOIN "CompetencyRating" cr ON cr."userId" = e."userId" AND cr."competencyId" = e."competencyId"
         WHERE a.status = 'GRADED' AND cr."ratedAt" >= a."gradedAt") AS "lastProfiled",
      (SELECT count(*) FROM p)::int AS passed,
      (SELECT count(*) FROM p JOIN "Enrolment" e ON e.id = p."enrolmentId" AND e.status = 'COMPLETED')::int AS completed,
      (SELECT count(*) FROM p JOIN "JpCredit" j ON j."sourceType" = 'COURSE' AND j."sourceId" = p."enrolmentId")::int AS jp,
      (SELECT count(*) FROM p JOIN "Notification" n ON n."dedupeKey" = 'COURSE_COMPLETED:' || p."enrolmentId")::int AS notified,
      (SELECT max(e."completedAt") FROM p JOIN "Enrolment" e ON e.id = p."enrolmentId") AS "lastCompleted"`
  return rows[0]!
}

async function drain(attemptIds: string[], expectedRatings: number) {
  const started = performance.now()
  const deadline = started + config.maxWaitSec * 1000
  let last = ''
  let lastChange = started
  let nextLog = started
  for (;;) {
    const s = await drainState(attemptIds)
    const now = performance.now()
    const key = `${s.graded}/${s.profiled}/${s.completed}/${s.jp}/${s.notified}`
    if (key !== last) {
      last = key
      lastChange = now
    }
    const done =
      s.graded + s.needs >= attemptIds.length &&
      s.profiled >= expectedRatings &&
      s.completed >= s.passed &&
      s.jp >= s.passed &&
      s.notified >= s.passed
    if (now >= nextLog || done) {
      const unsent = await prisma.outboxMessage.count({ where: { sentAt: null } })
      log(
        `  graded ${s.graded}/${attemptIds.length}, ratings updated ${s.profiled}/${expectedRatings}, passed ${s.passed}: completed ${s.completed}, JP ${s.jp}, notified ${s.notified}; outbox unsent ${unsent}`,
      )
      nextLog = now + 5_000
    }
    if (done) return { complete: true, state: s }
    if (now >= deadline)
      return { complete: false, reason: `max wait of ${config.maxWaitSec} s reached`, state: s }
    if (now - lastChange >= STALL_MS)
      return { complete: false, reason: `no progress for ${STALL_MS / 1000} s`, state: s }
    await sleep(POLL_MS)
  }
}

async function lags(attemptIds: string[]) {
  const rows = await prisma.$queryRaw<{ toGraded: number | null; toRated: number | null }[]>`
    SELECT EXTRACT(EPOCH FROM (a."gradedAt" - a."submittedAt")) * 1000 AS "toGraded",
           EXTRACT(EPOCH FROM (max(cr."ratedAt") - a."gradedAt")) * 1000 AS "toRated"
    FROM "QuizAttempt" a
    LEFT JOIN "Evidence" e ON e."attemptId" = a.id
    LEFT JOIN "CompetencyRating" cr ON cr."userId" = e."userId" AND cr."competencyId" = e."competencyId" AND cr."ratedAt" >= a."gradedAt"
    WHERE a.id = ANY(${attemptIds}::text[]) AND a.status = 'GRADED'
    GROUP BY a.id`
  return {
    submittedToGradedMs: percentiles(rows.map((r) => Number(r.toGraded)).filter(Number.isFinite)),
    gradedToRatedMs: percentiles(rows.map((r) => Number(r.toRated)).filter(Number.isFinite)),
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  log(
    `${config.learners} learners, window ${config.windowSec} s, concurrency ${config.concurrency}, ${config.base}`,
  )
  const loadBefore = os.loadavg()
  const early = config.mode === 'burst' ? config.warmupSubmits : 0
  const all = await setUp(config.learners + early)
  log(`set-up done in ${(all.timings.total! / 1000).toFixed(1)} s`)
  // The early finishers are set apart; everything measured below is the burst's learners only.
  const setup = { ...all, requests: all.requests.slice(early) }

  if (config.mode === 'timeout') return timeoutRun(setup, loadBefore)

  const warm = await warmUp(setup.requests)
  if (warm.requests) log(`warm-up: ${warm.requests} page views and autosaves in ${warm.ms} ms`)
  const earlyRun = await earlyFinishers(all.requests.slice(0, early))
  const cpu0 = await cpuSnapshot()
  const pg0 = await pgCounters()
  const tables0 = await pgTables()
  log(`burst: ${setup.requests.length} submissions over ${config.windowSec} s`)
  // Every second: where the machine's CPU went (to see what a slow second competed with).
  const perSecondCpu: { at: number; cpu: ReturnType<typeof cpuBetween> }[] = []
  let lastSnap = cpu0
  const ticker = setInterval(() => {
    const snap = cpuSnapshotOf()
    perSecondCpu.push({ at: performance.now(), cpu: cpuBetween(lastSnap, snap) })
    lastSnap = snap
  }, 1_000)
  const burstStart = performance.now() + 500
  const waitSampling = startWaitSampling(burstStart)
  // The chaos of bench/run-exam-burst.sh starts with the burst.
  if (process.env.BENCH_BURST_MARK) writeFileSync(process.env.BENCH_BURST_MARK, String(Date.now()))
  const b = await burst(setup.requests, burstStart).finally(() => clearInterval(ticker))
  const waits = await waitSampling.stop()
  const cpu1 = await cpuSnapshot()
  const pg1 = await pgCounters()
  const tables1 = await pgTables()

  const ok = b.samples.filter((s) => s.ok)
  const errors: Record<string, number> = {}
  for (const s of b.samples) if (!s.ok) errors[s.status] = (errors[s.status] ?? 0) + 1
  const byStatus: Record<string, number> = {}
  for (const s of b.samples) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1
  const firstSent = Math.min(...b.samples.map((s) => s.sentAt))
  const lastDone = Math.max(...b.samples.map((s) => s.doneAt))
  log(
    `burst over: ${ok.length} accepted, ${b.samples.length - ok.length} errors; waiting for grading and ratings`,
  )

  const submitted = (
    await prisma.quizAttempt.findMany({
      where: { id: { in: setup.requests.map((r) => r.attemptId) }, status: { not: 'IN_PROGRESS' } },
      select: { id: true },
    })
  ).map((a) => a.id)
  const competenciesOf = new Map(setup.requests.map((r) => [r.attemptId, r.competencies]))
  const expectedRatings = submitted.reduce((s, id) => s + (competenciesOf.get(id) ?? 0), 0)
  const d = await drain(submitted, expectedRatings)
  const cpu2 = await cpuSnapshot()
  stopPostgresSampling()
  const pg2 = await pgCounters()
  const tables2 = await pgTables()
  const lagStats = await lags(submitted)
  const loadAfter = os.loadavg()
  // What was accepted (the learner was told "submitted") must be graded, whatever happened.
  const acceptedIds = ok.map((s) => s.attemptId)
  const acceptedGraded = await prisma.quizAttempt.count({
    where: { id: { in: acceptedIds }, status: { in: ['GRADED', 'NEEDS_GRADING'] } },
  })
  const lost = {
    attempts: acceptedIds.length - acceptedGraded,
    ratings: Math.max(0, expectedRatings - d.state.profiled),
    completions: d.state.passed - d.state.completed,
    jpCredits: d.state.passed - d.state.jp,
    notifications: d.state.passed - d.state.notified,
  }
  const nothingLost = Object.values(lost).every((n) => n === 0)

  const sec = (ms: number | null) => (ms == null ? null : Math.round(ms / 100) / 10)
  const lastAccepted = b.lastAcceptedWall
  const sinceLast = (at: Date | null) =>
    at && lastAccepted ? sec(new Date(at).getTime() - lastAccepted) : null
  const result = {
    benchmark: 'exam-burst',
    lost,
    at: new Date().toISOString(),
    config: {
      ...config,
      course: COURSE,
      quiz: QUIZ_LESSON,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      webProcesses: process.env.WEB_CONCURRENCY || '1 (server/index.ts)',
      certificatesOnOwnProcess: Boolean(process.env.BENCH_CERT_WORKERS_PID),
    },
    quiz: {
      bankSize: setup.bankSize,
      questionsPerAttempt: setup.questionsPerAttempt,
      drawCount: setup.drawCount,
      timeLimitSec: setup.timeLimitSec,
      deadlinesMovedAheadForTheRun: true,
    },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAvgBefore: loadBefore,
      loadAvgAfter: loadAfter,
    },
    setupMs: setup.timings,
    warmup: warm,
    earlyFinishers: earlyRun,
    burst: {
      count: b.samples.length,
      accepted: ok.length,
      errors: b.samples.length - ok.length,
      errorsByStatus: errors,
      byStatus,
      /** Response time of each request from the moment it was sent. */
      acceptLatencyMs: percentiles(ok.map((s) => s.doneAt - s.sentAt)),
      /** From the moment it was due (includes waiting for a free slot under --concurrency). */
      latencyFromScheduleMs: percentiles(ok.map((s) => s.doneAt - s.scheduledAt)),
      clientQueueDelayMs: percentiles(b.samples.map((s) => s.sentAt - s.scheduledAt)),
      offeredRatePerSec: Math.round((b.samples.length / config.windowSec) * 10) / 10,
      achievedRatePerSec: Math.round((ok.length / ((lastDone - firstSent) / 1000)) * 10) / 10,
      durationSec: sec(lastDone - firstSent),
    },
    /**
     * Per second of the burst (by when requests were sent): accept latency and where the
     * machine's CPU went in that second (cores per group).
     */
    timeline: timeline(ok, b.start, perSecondCpu, waits),
    /**
     * The first 5 s in 100 ms steps: requests sent, answered, and the slowest answer among those
     * sent in the step (a pause shows as steps with nothing answered, then many at once).
     */
    firstSeconds: Array.from({ length: 50 }, (_, i) => {
      const from = b.start + i * 100
      const to = from + 100
      const sent = b.samples.filter((x) => x.sentAt >= from && x.sentAt < to)
      return {
        ms: i * 100,
        sent: sent.length,
        answered: b.samples.filter((x) => x.doneAt >= from && x.doneAt < to).length,
        slowest: Math.round(Math.max(0, ...sent.map((x) => x.doneAt - x.sentAt))),
        newConnections: sent.filter((x) => x.connectMs !== undefined).length,
        slowestConnect: Math.max(0, ...sent.map((x) => x.connectMs ?? 0)),
      }
    }),
    drain: {
      complete: d.complete,
      reason: d.complete ? undefined : d.reason,
      submittedAttempts: submitted.length,
      graded: d.state.graded,
      needsGrading: d.state.needs,
      ratingsExpected: expectedRatings,
      ratingsUpdated: d.state.profiled,
      timeToAllGradedSec:
        d.state.graded === submitted.length ? sinceLast(d.state.lastGraded) : null,
      timeToAllProfiledSec: d.complete ? sinceLast(d.state.lastProfiled) : null,
      passed: d.state.passed,
      completed: d.state.completed,
      jpCredits: d.state.jp,
      notifications: d.state.notified,
      timeToAllCompletedSec: d.complete ? sinceLast(d.state.lastCompleted) : null,
      gradingThroughputPerSec:
        d.state.firstGraded && d.state.lastGraded
          ? Math.round(
              (d.state.graded /
                Math.max(
                  0.001,
                  (new Date(d.state.lastGraded).getTime() -
                    new Date(d.state.firstGraded).getTime()) /
                    1000,
                )) *
                10,
            ) / 10
          : null,
      ...lagStats,
    },
    cpu: { burst: cpuBetween(cpu0, cpu1), drain: cpuBetween(cpu1, cpu2) },
    /** Burst and drain together, per accepted submission. */
    cpuPerSubmissionMs: cpuPerUnit([cpuBetween(cpu0, cpu1), cpuBetween(cpu1, cpu2)], ok.length),
    postgres: {
      burst: pgDelta(pg0, pg1, ok.length),
      drain: pgDelta(pg1, pg2, submitted.length),
      /** Per accepted submit (burst) and per submitted attempt (drain). */
      tablesBurst: tablesDelta(tables0, tables1, ok.length),
      tablesDrain: tablesDelta(tables1, tables2, submitted.length),
    },
  }

  const lat = result.burst.acceptLatencyMs
  console.log('')
  console.log(
    `Exam-end burst: ${result.burst.count} submissions over ${config.windowSec} s (${setup.questionsPerAttempt.join('/')} questions each, concurrency ≤ ${config.concurrency})`,
  )
  console.log(
    `  accepted ${result.burst.accepted}, errors ${result.burst.errors}${result.burst.errors ? ' ' + JSON.stringify(errors) : ''}`,
  )
  console.log(
    `  accept latency ms: p50 ${lat.p50}  p95 ${lat.p95}  p99 ${lat.p99}  max ${lat.max}  (from schedule: p99 ${result.burst.latencyFromScheduleMs.p99})`,
  )
  console.log(
    `  rate: offered ${result.burst.offeredRatePerSec}/s, achieved ${result.burst.achievedRatePerSec}/s`,
  )
  console.log(
    `  after the last submit: all graded in ${result.drain.timeToAllGradedSec ?? 'n/a'} s, all profiles updated in ${result.drain.timeToAllProfiledSec ?? 'n/a'} s${d.complete ? '' : ` (INCOMPLETE: ${d.reason})`}`,
  )
  console.log(
    `  grading ${result.drain.gradingThroughputPerSec ?? 'n/a'}/s; submitted→graded p50 ${result.drain.submittedToGradedMs.p50} ms p95 ${result.drain.submittedToGradedMs.p95} ms; graded→rated p95 ${result.drain.gradedToRatedMs.p95} ms`,
  )
  if (result.cpu.burst)
    console.log(
      `  CPU during burst (cores): ${JSON.stringify(result.cpu.burst.avgCores)}, machine ${result.cpu.burst.machineBusyPct}% busy`,
    )
  if (result.cpu.drain)
    console.log(
      `  CPU during drain (cores): ${JSON.stringify(result.cpu.drain.avgCores)}, machine ${result.cpu.drain.machineBusyPct}% busy`,
    )
  console.log(`  ${describeCpu(result.cpuPerSubmissionMs, 'submission, burst + drain')}`)
  const slow = [...result.timeline].sort((x, y) => (y.p95 ?? 0) - (x.p95 ?? 0)).slice(0, 5)
  console.log(
    `  slowest seconds (p95 ms, machine busy %, cores): ${slow
      .map((x) => `#${x.second} ${x.p95} ${x.busyPct}% ${JSON.stringify(x.cores)}`)
      .join('; ')}`,
  )
  for (const x of slow)
    if (x.waits) console.log(`  waits in second #${x.second}: ${JSON.stringify(x.waits)}`)
  console.log(
    `  load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
  )
  console.log(
    `  PostgreSQL per accepted submit during burst: ${result.postgres.burst.xact_commit?.perSubmit} commits, ${result.postgres.burst.tup_inserted?.perSubmit} rows inserted, ${result.postgres.burst.tup_updated?.perSubmit} updated`,
  )

  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `exam-burst-${result.at.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n')
  console.log(`  results: ${path.relative(process.cwd(), file)}`)

  console.log(
    `  follow-ups: ${d.state.passed} passed -> ${d.state.completed} completed, ${d.state.jp} JP credits, ${d.state.notified} notifications`,
  )
  console.log(
    `  lost${config.chaos ? ' (chaos run: workers SIGKILLed and restarted, Redis restarted empty)' : ''}: ${lost.attempts} attempts, ${lost.ratings} ratings, ${lost.completions} completions, ${lost.jpCredits} JP credits, ${lost.notifications} notifications`,
  )
  return d.complete && nothingLost && result.burst.errors === 0 ? 0 : 1
}

/** The whole cohort runs out of time: nobody submits; the maintenance job closes every attempt. */
async function timeoutRun(setup: Awaited<ReturnType<typeof setUp>>, loadBefore: number[]) {
  log(`autosaving the answers of ${setup.requests.length} learners (not timed)`)
  let saveErrors = 0
  await mapLimit(setup.requests, 20, async (r) => {
    const res = await postQuiz(r, r.body.replace('intent=submit', 'intent=save'))
    if (res.status !== 200) saveErrors++
  })
  if (saveErrors) throw new Error(`${saveErrors} autosaves failed`)
  const ids = setup.requests.map((r) => r.attemptId)
  const cpu0 = await cpuSnapshot()
  // Past the deadline and the sweep's grace, all at the same moment.
  const deadline = new Date(Date.now() - SWEEP_GRACE_MS - 500)
  for (const part of chunks(ids, 5_000)) {
    await prisma.quizAttempt.updateMany({
      where: { id: { in: part } },
      data: { deadlineAt: deadline },
    })
  }
  const expired = Date.now()
  log(`all ${ids.length} deadlines passed; waiting for the maintenance job and the workers`)
  let finalisedAt: number | null = null
  const watch = (async () => {
    for (;;) {
      const open = await prisma.quizAttempt.count({
        where: { id: { in: ids }, status: 'IN_PROGRESS' },
      })
      if (open === 0) return (finalisedAt = Date.now())
      if (Date.now() - expired > config.maxWaitSec * 1000) return null
      await sleep(POLL_MS)
    }
  })()
  const competenciesOf = setup.requests.reduce((n, r) => n + r.competencies, 0)
  const d = await drain(ids, competenciesOf)
  await watch
  const cpu1 = await cpuSnapshot()
  stopPostgresSampling()
  const lagStats = await lags(ids)
  const sinceExpiry = (at: Date | number | null) =>
    at == null ? null : Math.round((new Date(at).getTime() - expired) / 100) / 10
  const result = {
    benchmark: 'exam-timeout',
    at: new Date().toISOString(),
    config: { ...config, course: COURSE, quiz: QUIZ_LESSON },
    quiz: { questionsPerAttempt: setup.questionsPerAttempt, drawCount: setup.drawCount },
    machine: { cpus: os.cpus().length, loadAvgBefore: loadBefore, loadAvgAfter: os.loadavg() },
    setupMs: setup.timings,
    attempts: ids.length,
    complete: d.complete,
    reason: d.complete ? undefined : d.reason,
    graded: d.state.graded,
    ratingsExpected: competenciesOf,
    ratingsUpdated: d.state.profiled,
    allFinalisedSec: sinceExpiry(finalisedAt),
    allGradedSec: d.state.graded === ids.length ? sinceExpiry(d.state.lastGraded) : null,
    allProfiledSec: d.complete ? sinceExpiry(d.state.lastProfiled) : null,
    ...lagStats,
    cpu: cpuBetween(cpu0, cpu1),
    cpuPerAttemptMs: cpuPerUnit([cpuBetween(cpu0, cpu1)], ids.length),
  }
  console.log('')
  console.log(
    `Exam timeout: ${ids.length} attempts (${setup.questionsPerAttempt.join('/')} questions, answers autosaved) pass their deadline at once`,
  )
  console.log(
    `  after the deadline: all finalised in ${result.allFinalisedSec ?? 'n/a'} s, all graded in ${result.allGradedSec ?? 'n/a'} s, all profiles updated in ${result.allProfiledSec ?? 'n/a'} s${d.complete ? '' : ` (INCOMPLETE: ${d.reason})`}`,
  )
  if (result.cpu)
    console.log(
      `  CPU (cores): ${JSON.stringify(result.cpu.avgCores)}, machine ${result.cpu.machineBusyPct}% busy`,
    )
  console.log(`  ${describeCpu(result.cpuPerAttemptMs, 'attempt')}`)
  console.log(
    `  load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${result.machine.loadAvgAfter.map((x) => x.toFixed(2)).join(' ')}`,
  )
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `exam-timeout-${result.at.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n')
  console.log(`  results: ${path.relative(process.cwd(), file)}`)
  return d.complete && result.allFinalisedSec != null ? 0 : 1
}

main()
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(async () => {
    // The quiz draws what it drew before the run (attempts keep the layout they were given).
    await restoreQuiz?.().catch((e: unknown) =>
      console.error(`could not restore the quiz slot: ${String(e)}`),
    )
    await prisma.$disconnect()
    // Keep-alive sockets and timers must not hold the process.
    setTimeout(() => process.exit(), 1_000).unref()
  })
