// The one Prisma client of the process (web or worker), and `sql`: the same connection pool used
// directly for the hottest statements (docs/decisions/071-cheaper-exam-path.md).
import { createHash } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient, type Prisma } from '~/generated/prisma/client'
import { env } from './env.server'
import { installRowBuilders } from './pg-rows.server'

// Rows made by one compiled function per column list instead of pg's clone-and-assign (decision
// 126).
installRowBuilders(
  (pg as unknown as { Result: Parameters<typeof installRowBuilders>[0] }).Result,
  pg.types as unknown as Parameters<typeof installRowBuilders>[1],
)

declare global {
  var __binaPrisma: { prisma: PrismaClient; pool: pg.Pool; prepared: pg.Pool } | undefined
}

function create() {
  const common = {
    connectionString: env.DATABASE_URL,
    // Idle connections are kept (warm: backend caches, prepared statements) for this long; they
    // do not keep a script's process alive (decision 108).
    idleTimeoutMillis: env.DATABASE_POOL_IDLE_MS,
    allowExitOnIdle: true,
    // A database that stops answering fails requests after 5 s (503 page) instead of hanging.
    connectionTimeoutMillis: 5_000,
  }
  const pool = new pg.Pool({ ...common, max: env.DATABASE_POOL_MAX })
  // The named prepared statements run on connections of their own, with generic plans from the
  // first execution: PostgreSQL's default plans each statement five times per connection with
  // its values before it considers a generic plan, and keeps planning some of them on every run.
  // At an exam's end that planning, on connections the quiet hours had left cold, was most of
  // the database's work in the first seconds (docs/decisions/122). Prisma's statements and the
  // unnamed `sql` ones stay on the other pool, planned with their values.
  const prepared = new pg.Pool({
    ...common,
    max: env.DATABASE_PREPARED_POOL_MAX,
    options: '-c plan_cache_mode=force_generic_plan',
  })
  // A connection that dies while idle (the database restarted, a network cut) is an 'error'
  // event on its pool: without a listener it would end the process. The pool drops it and opens
  // a new one when needed; requests in flight fail on their own and answer 503.
  for (const [name, p] of [
    ['pool', pool],
    ['prepared', prepared],
  ] as const)
    p.on('error', (e) =>
      console.error(`[db] an idle connection of the ${name} pool was lost: ${e.message}`),
    )
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool, prepared }
}

// Reused across Vite dev reloads so a reload does not open a new pool each time.
const clients = globalThis.__binaPrisma?.prepared
  ? globalThis.__binaPrisma
  : (globalThis.__binaPrisma = create())
export const prisma: PrismaClient = clients.prisma

/**
 * Opens `count` connections of each pool (at most DATABASE_POOL_MAX, and at most
 * DATABASE_PREPARED_POOL_MAX of the prepared statements' pool) and keeps them however long they
 * stay idle (the pools' minimum). On each, one round trip reads every table of the schema
 * (`LIMIT 0`: planned, nothing read), which loads the backend's catalogue caches for the tables
 * and their indexes: the first statements of an exam's end then run on warm backends instead of
 * paying for new backends in its first second (decision 109). Returns the number opened (both
 * pools).
 */
export async function warmPool(count: number): Promise<number> {
  const opened = await Promise.all([
    warm(clients.pool, Math.min(count, env.DATABASE_POOL_MAX)),
    warm(clients.prepared, Math.min(count, env.DATABASE_PREPARED_POOL_MAX)),
  ])
  return opened[0] + opened[1]
}

async function warm(pool: pg.Pool, n: number): Promise<number> {
  if (n <= 0) return 0
  pool.options.min = n
  const opened = await Promise.allSettled(Array.from({ length: n }, () => pool.connect()))
  const held = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
  try {
    // A connection that failed fails the warm-up, after the others are given back.
    const failed = opened.find((o) => o.status === 'rejected')
    if (failed) throw failed.reason
    const { rows } = await held[0]!.query<{ name: string }>(
      `SELECT format('%I', tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`,
    )
    const reads = rows.map((r) => `SELECT * FROM ${r.name} LIMIT 0;`).join('\n')
    if (reads) await Promise.all(held.map((c) => c.query(reads)))
  } finally {
    for (const c of held) c.release()
  }
  return n
}

// Prisma stores DateTime as `timestamp(3)` (no time zone) holding UTC: read it as UTC whatever
// the process's zone; bigint counts as numbers. Every other type as `pg` parses it.
const TIMESTAMP = 1114
const INT8 = 20
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP
      ? (s: string) => new Date(s.replace(' ', 'T') + 'Z')
      : oid === INT8
        ? Number
        : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
}

/**
 * Runs a `Prisma.sql` statement on the pool through `pg` directly, without the ORM's per-query
 * compile step (~0.15 ms of CPU per statement instead of ~0.7 ms for `$queryRaw`). For the hot
 * paths only (the exam submit, grading, rating, the outbox relay); each call is one statement,
 * so one transaction. Write placeholders as `${value}::type` where the type is not obvious.
 */
export async function sql<T = Record<string, unknown>>(
  query: Prisma.Sql,
  opts: {
    /**
     * Run as a named prepared statement, on the prepared statements' pool: each of its
     * connections parses and plans it once, with a generic plan (decision 122). Only for
     * statements whose text does not vary (values are parameters, lists are arrays), or every
     * variant would be kept on every connection, and whose best plan does not depend on the
     * values (by key, by arrays of keys, small tables): not for a range with a LIMIT or a pattern.
     */
    prepare?: boolean
  } = {},
): Promise<T[]> {
  const r = await (opts.prepare ? clients.prepared : clients.pool).query({
    text: query.text,
    values: query.values,
    types,
    ...(opts.prepare ? { name: statementName(query.text) } : {}),
  })
  return r.rows as T[]
}

const statementNames = new Map<string, string>()
/** A stable name per statement text (the text is the key; the name only has to be unique). */
function statementName(text: string) {
  let name = statementNames.get(text)
  if (!name) {
    name = 'bina_' + createHash('sha1').update(text).digest('hex').slice(0, 20)
    statementNames.set(text, name)
  }
  return name
}
