// The connection pool keeps idle connections warm (DATABASE_POOL_IDLE_MS, decision 108) and still
// lets a script's process end when nothing else keeps it alive.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Prisma } from '~/generated/prisma/client'
import { prisma, sql } from '~/utils/db.server'
import { env } from '~/utils/env.server'

function probe(n: number, holdMs: number, env: Record<string, string> = {}, mode = 'use') {
  const app = `pool-probe-${randomUUID().slice(0, 8)}`
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/support/pool-probe.ts', String(n), String(holdMs), mode],
    { env: { ...process.env, ...env, PGAPPNAME: app }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  child.stdout.on('data', (d) => (out += String(d)))
  child.stderr.on('data', (d) => (out += String(d)))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const ready = async () => {
    const t0 = Date.now()
    while (!out.includes('ready')) {
      if (Date.now() - t0 > 30_000) throw new Error(`probe did not start:\n${out}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const open = async () =>
    (
      await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${app}`
    )[0]!.n
  /** The last statement of each of its connections (an idle backend shows its last one). */
  const lastStatements = async () =>
    (
      await prisma.$queryRaw<{ query: string }[]>`
        SELECT query FROM pg_stat_activity WHERE application_name = ${app}`
    ).map((r) => r.query)
  return { child, exited, ready, open, lastStatements, output: () => out }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('database connection pool', () => {
  it('runs prepared statements with generic plans, and everything else planned with its values', async () => {
    const mode = Prisma.sql`SELECT current_setting('plan_cache_mode') AS mode`
    // Several times: each may come from another pooled connection.
    for (let i = 0; i < 3; i++) {
      expect(await sql<{ mode: string }>(mode, { prepare: true })).toEqual([
        { mode: 'force_generic_plan' },
      ])
      expect(await sql<{ mode: string }>(mode)).toEqual([{ mode: 'auto' }])
      expect(
        await prisma.$queryRaw<
          { mode: string }[]
        >`SELECT current_setting('plan_cache_mode') AS mode`,
      ).toEqual([{ mode: 'auto' }])
    }
  })

  it('keeps idle connections open for DATABASE_POOL_IDLE_MS, and closes them after it', async () => {
    // Default 10 min, not pg's 10 s: after 5 s idle the four connections are still there.
    expect(env.DATABASE_POOL_IDLE_MS).toBe(600_000)
    const kept = probe(4, 12_000)
    // 3 s (room for a busy machine between "ready" and the count): after 5 s idle they are gone.
    const short = probe(4, 12_000, { DATABASE_POOL_IDLE_MS: '3000' })
    try {
      await Promise.all([kept.ready(), short.ready()])
      expect(await kept.open()).toBe(4)
      expect(await short.open()).toBe(4)
      await sleep(5_000)
      expect(await kept.open()).toBe(4)
      expect(await short.open()).toBe(0)
    } finally {
      kept.child.kill('SIGKILL')
      short.child.kill('SIGKILL')
    }
  }, 60_000)

  it('does not keep a finished script alive while its idle connections wait', async () => {
    const p = probe(3, 0)
    await p.ready()
    const t0 = Date.now()
    const code = await Promise.race([p.exited, sleep(8_000).then(() => 'still running' as const)])
    if (code === 'still running') p.child.kill('SIGKILL')
    expect(code).toBe(0)
    expect(Date.now() - t0).toBeLessThan(8_000)
    // ...and its connections closed with it.
    await expect.poll(p.open, { timeout: 5_000 }).toBe(0)
  }, 60_000)

  it('a warmed pool (the web server at start) opens its connections, reads every table on each, and keeps them idle', async () => {
    // The idle window is 1 s here: a warmed connection outlives it, an ordinary one does not.
    // Both pools are warmed: 5 of the ORM's and 5 of the prepared statements' (decision 122).
    const warm = probe(5, 6_000, { DATABASE_POOL_IDLE_MS: '1000' }, 'warm')
    const plain = probe(5, 6_000, { DATABASE_POOL_IDLE_MS: '1000' })
    // Never more than each pool's maximum.
    const capped = probe(
      5,
      6_000,
      { DATABASE_POOL_MAX: '3', DATABASE_PREPARED_POOL_MAX: '2' },
      'warm',
    )
    try {
      await Promise.all([warm.ready(), plain.ready(), capped.ready()])
      expect(warm.output()).toContain('warmed 10')
      expect(capped.output()).toContain('warmed 5')
      expect(await capped.open()).toBe(5)
      expect(await warm.open()).toBe(10)
      // Each backend's last statement is the same read of every table, in name order (the
      // text shown is cut at 1 kB, so only its start is compared).
      const last = await warm.lastStatements()
      expect(last).toHaveLength(10)
      expect(new Set(last).size).toBe(1)
      expect(last[0]).toMatch(
        /^SELECT \* FROM "AsnImport" LIMIT 0;\nSELECT \* FROM "AsnImportRow" LIMIT 0;/,
      )
      await sleep(2_500)
      expect(await warm.open()).toBe(10)
      expect(await plain.open()).toBe(0)
    } finally {
      for (const p of [warm, plain, capped]) p.child.kill('SIGKILL')
    }
  }, 60_000)

  it('a warmed pool does not keep a finished script alive either', async () => {
    const p = probe(3, 0, {}, 'warm')
    await p.ready()
    const code = await Promise.race([p.exited, sleep(8_000).then(() => 'still running' as const)])
    if (code === 'still running') p.child.kill('SIGKILL')
    expect(code).toBe(0)
  }, 60_000)
})
