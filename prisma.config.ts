// Prisma CLI configuration. Only the CLI (generate, migrate) loads this file; the app builds its
// own client in app/utils/db.server.ts. See docs/decisions/002-prisma-6-js-engine.md for why the
// JavaScript schema engine is used and why the adapter is wrapped below.
import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import { defineConfig } from 'prisma/config'
import pg from 'pg'

// The CLI must never try to download the native engines (their host is unreachable here).
// With engine "js" they are never executed; the placeholder only satisfies the lookup.
const placeholder = path.join(import.meta.dirname, 'prisma', 'engines', 'placeholder')
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= placeholder
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= placeholder

function poolConfig(url: string): pg.PoolConfig {
  // Explicit fields instead of connectionString: the adapter's shadow pool spreads this config and
  // overrides `database`, which a connectionString would silently win over (it would then drop
  // the main database's connection target instead of the shadow one).
  const u = new URL(url)
  return {
    host: decodeURIComponent(u.hostname),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)),
    allowExitOnIdle: true,
    idleTimeoutMillis: 1000,
  }
}

// adapter-pg cannot map PostgreSQL's `name` (19) and `"char"` (18) catalog types that the schema
// engine reads during introspection (prisma/orm#27403). Report them as text (25).
const CATALOG_TEXT_OIDS = new Set([18, 19])
type Fields = { fields: { dataTypeID: number }[] }
function patchQueryable<T extends object>(q: T): T {
  const anyQ = q as unknown as { performIO: (query: unknown) => Promise<Fields> }
  const original = anyQ.performIO.bind(q)
  anyQ.performIO = async (query) => {
    const result = await original(query)
    for (const f of result.fields) if (CATALOG_TEXT_OIDS.has(f.dataTypeID)) f.dataTypeID = 25
    return result
  }
  const withTx = q as unknown as { startTransaction?: (...a: unknown[]) => Promise<object> }
  if (typeof withTx.startTransaction === 'function') {
    const start = withTx.startTransaction.bind(q)
    withTx.startTransaction = async (...a) => patchQueryable(await start(...a))
  }
  return q
}

class CliPrismaPg extends PrismaPg {
  constructor(private readonly cfg: pg.PoolConfig) {
    super(cfg)
  }
  override async connect() {
    return patchQueryable(await super.connect())
  }
  // The upstream shadow database is dropped while its own pool still holds connections (so the
  // DROP fails). Create it here, and drop it only after its pool has ended.
  override async connectToShadowDb() {
    const name = `bina_shadow_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
    const admin = new pg.Client({ ...this.cfg, database: 'postgres' })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"`)
    await admin.end()
    const shadow = await new PrismaPg({ ...this.cfg, database: name }).connect()
    const dispose = shadow.dispose.bind(shadow)
    shadow.dispose = async () => {
      await dispose()
      const c = new pg.Client({ ...this.cfg, database: 'postgres' })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS "${name}"`)
      await c.end()
    }
    return patchQueryable(shadow)
  }
}

// The CLI keeps the process alive for 10-60 s after it has finished, through long timers it never
// clears. Long timers must not hold a finished CLI process open: unref them.
const originalSetTimeout = globalThis.setTimeout
globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = originalSetTimeout(fn, ms, ...args)
  if ((ms ?? 0) >= 1000) t.unref?.()
  return t
}) as typeof setTimeout

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/bina'
// schema.prisma reads env("DATABASE_URL") during validation even though the adapter is used.
process.env.DATABASE_URL = databaseUrl

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    return new CliPrismaPg(poolConfig(databaseUrl))
  },
})
