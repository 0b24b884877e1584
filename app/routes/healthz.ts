import { serviceHealth } from '~/models/health.server'

export async function loader() {
  const { ok, database, redis } = await serviceHealth()
  return Response.json(
    { status: ok ? 'ok' : 'degraded', database, redis },
    { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}
