import { serviceHealth } from '~/models/health.server'

export async function loader() {
  const { ok, database, redis } = await serviceHealth()
  return Response.json(
    // "down" when the database is (nothing works without it), "degraded" when only Redis is.
    { status: ok ? 'ok' : database.ok ? 'degraded' : 'down', database, redis },
    { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}
