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

export async function loader() {
  const [database, redisStatus] = await Promise.all([
    check(() => prisma.$queryRaw`SELECT 1`),
    check(() => redis().ping()),
  ])
  const ok = database.ok && redisStatus.ok
  return Response.json(
    { status: ok ? 'ok' : 'degraded', database, redis: redisStatus },
    { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}
