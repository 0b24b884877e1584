// /healthz reports each dependency; here Redis points at a port where nothing listens.
import net from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'

const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as net.AddressInfo).port
    s.close(() => resolve(p))
  })
})
process.env.REDIS_URL = `redis://127.0.0.1:${port}`

const { loader } = await import('~/routes/healthz')
const { redis } = await import('~/utils/redis.server')

afterAll(() => redis().disconnect())

describe('/healthz', () => {
  it('answers 503 and names Redis when Redis is down, with the database still ok', async () => {
    const res = await loader()
    expect(res.status).toBe(503)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const body = await res.json()
    expect(body.status).toBe('degraded')
    expect(body.database.ok).toBe(true)
    expect(body.redis.ok).toBe(false)
    // No driver message leaks (e.g. "connect ECONNREFUSED 127.0.0.1:port").
    expect(JSON.stringify(body)).not.toMatch(/ECONN|127\.0\.0\.1|error/i)
    expect(body.redis).toEqual({ ok: false, status: 'down' })
  })
})
