// Health of the two services the portal needs: up or down only, with the time each check took.
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'

async function check(fn: () => Promise<unknown>) {
  const started = performance.now()
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
    ])
    return { ok: true, status: 'up' as const, ms: Math.round(performance.now() - started) }
  } catch {
    // Up or down only: driver messages (hosts, users, versions) stay in the server log.
    return { ok: false, status: 'down' as const }
  }
}

export async function serviceHealth() {
  const [database, redisStatus] = await Promise.all([
    check(() => prisma.$queryRaw`SELECT 1`),
    check(() => redis().ping()),
  ])
  return { ok: database.ok && redisStatus.ok, database, redis: redisStatus }
}

/** Whether the database answers a trivial query within 2 s (no details: up or down). */
export async function databaseUp() {
  return (await check(() => prisma.$queryRaw`SELECT 1`)).ok
}
