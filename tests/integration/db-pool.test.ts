// The connection pool keeps idle connections warm (DATABASE_POOL_IDLE_MS, decision 108) and still
// lets a script's process end when nothing else keeps it alive.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'

function probe(n: number, holdMs: number, env: Record<string, string> = {}) {
  const app = `pool-probe-${randomUUID().slice(0, 8)}`
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/support/pool-probe.ts', String(n), String(holdMs)],
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
  return { child, exited, ready, open, output: () => out }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('database connection pool', () => {
  it('keeps idle connections open for DATABASE_POOL_IDLE_MS, and closes them after it', async () => {
    // Default 10 min, not pg's 10 s: after 2.5 s idle the four connections are still there.
    expect(env.DATABASE_POOL_IDLE_MS).toBe(600_000)
    const kept = probe(4, 6_000)
    // 1 s: after 2.5 s idle they are gone.
    const short = probe(4, 6_000, { DATABASE_POOL_IDLE_MS: '1000' })
    try {
      await Promise.all([kept.ready(), short.ready()])
      expect(await kept.open()).toBe(4)
      expect(await short.open()).toBe(4)
      await sleep(2_500)
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
})
