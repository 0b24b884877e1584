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
    return { ok: true, ms: Math.round(performance.now() - started) }
  } catch {
    // Up or down only: driver messages (hosts, users, versions) stay in the server log.
    return { ok: false }
  }
}

export async function serviceHealth() {
  const [database, redisStatus] = await Promise.all([
    check(() => prisma.$queryRaw`SELECT 1`),
    check(() => redis().ping()),
  ])
  return { ok: database.ok && redisStatus.ok, database, redis: redisStatus }
}
