// Vitest global setup: a migrated and seeded template database, cloned once per test worker
// (VITEST_POOL_ID), so integration tests run on real PostgreSQL without sharing rows.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import pg from 'pg'
import { Redis } from 'ioredis'

export const WORKER_SLOTS = 4

function servicesEnv() {
  const file = '.local/services.env'
  const vars: Record<string, string> = {}
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const m = line.match(/^([A-Z_]+)=(.*)$/)
      if (m) vars[m[1]!] = m[2]!
    }
  }
  return {
    DATABASE_URL:
      process.env.DATABASE_URL ?? vars.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/bina',
    REDIS_URL: process.env.REDIS_URL ?? vars.REDIS_URL ?? 'redis://127.0.0.1:6379',
  }
}

function dbUrl(base: string, name: string) {
  const u = new URL(base)
  u.pathname = `/${name}`
  return u.toString()
}

export default async function setup() {
  // Pure unit runs (`BINA_UNIT_ONLY=1 npx vitest run tests/unit`) need no database.
  if (process.env.BINA_UNIT_ONLY === '1') return
  const { DATABASE_URL, REDIS_URL } = servicesEnv()
  // A run id in the names lets several test runs share one PostgreSQL server.
  const baseName = `${new URL(DATABASE_URL).pathname.slice(1) || 'bina'}_t${process.pid}`
  const template = `${baseName}_template`
  const admin = new pg.Client({ connectionString: dbUrl(DATABASE_URL, 'postgres') })
  await admin.connect()
  const dropAll = async () => {
    for (let i = 1; i <= WORKER_SLOTS; i++)
      await admin.query(`DROP DATABASE IF EXISTS "${baseName}_${i}" WITH (FORCE)`)
  }
  await dropAll()
  await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${template}"`)
  const env = {
    ...process.env,
    DATABASE_URL: dbUrl(DATABASE_URL, template),
    REDIS_URL,
    SESSION_SECRET: 'test-secret-0123456789abcdef',
    NODE_ENV: 'test' as const,
  }
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], { env, stdio: 'pipe' })
  execFileSync('npx', ['tsx', 'prisma/seed.ts'], { env, stdio: 'pipe' })
  // The three course packs, so course and quiz tests run on the real content.
  execFileSync('npx', ['tsx', 'scripts/import-content.ts'], {
    env: { ...env, MEDIA_DIR: 'storage/test-media' },
    stdio: 'pipe',
  })
  for (let i = 1; i <= WORKER_SLOTS; i++)
    await admin.query(`CREATE DATABASE "${baseName}_${i}" TEMPLATE "${template}"`)

  const runPrefix = `bina-test-${process.pid}`
  process.env.BINA_TEST_DATABASE_BASE = DATABASE_URL
  process.env.BINA_TEST_DB_NAME = baseName
  process.env.BINA_TEST_REDIS_URL = REDIS_URL
  process.env.BINA_TEST_REDIS_PREFIX = runPrefix

  return async () => {
    await dropAll()
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)
    await admin.end()
    const redis = new Redis(REDIS_URL)
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${runPrefix}*`, 'COUNT', 1000)
      cursor = next
      if (keys.length) await redis.del(...keys)
    } while (cursor !== '0')
    redis.disconnect()
  }
}
