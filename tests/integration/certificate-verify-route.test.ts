// The public verification page: status codes and the per-address rate limit (Redis).
import { afterAll, describe, expect, it } from 'vitest'
import { generateCertificateCode } from '~/domain/certificate-code'
import { closeQueues } from '~/jobs/queue.server'
import { VERIFY_LIMIT_PER_MINUTE } from '~/models/certificate-verify-limit.server'
import { loader } from '~/routes/verifikasi.$code'
import { loader as formLoader } from '~/routes/verifikasi._index'
import { redis } from '~/utils/redis.server'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

async function lookup(code: string, ip: string) {
  const request = new Request(`http://localhost/verifikasi/${code}`, {
    headers: { 'x-bina-client-ip': ip },
  })
  const r = (await loader({ request, params: { code }, context: {} })) as unknown as {
    init: ResponseInit | null
    data: unknown
  }
  return { status: r.init?.status ?? 200, headers: new Headers(r.init?.headers), data: r.data }
}

describe('/verifikasi/<code>', () => {
  it('answers 404 for an unknown code and 429 from the 31st look-up a minute from one address', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`
    for (let i = 0; i < VERIFY_LIMIT_PER_MINUTE; i++) {
      const r = await lookup('0000-0000-0000-0000-00', ip)
      expect(r.status).toBe(404)
    }
    const limited = await lookup('0000-0000-0000-0000-00', ip)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    // Another address is not affected.
    expect((await lookup('0000-0000-0000-0000-00', `${ip}1`)).status).toBe(404)
  })

  it('the form sends a typed code, normalised, to its result page', async () => {
    const request = new Request('http://localhost/verifikasi?kode=abcd%20efgh%20jkmn%20pqrs%20tv')
    const r = (await formLoader({ request, params: {}, context: {} })) as Response
    expect(r.status).toBe(302)
    // Not a valid code (check characters): the raw text goes on, and the page says unknown.
    expect(r.headers.get('Location')).toBe('/verifikasi/abcd%20efgh%20jkmn%20pqrs%20tv')
    const code = generateCertificateCode()
    const typed = encodeURIComponent(code.toLowerCase().replace(/-/g, ' '))
    const ok = (await formLoader({
      request: new Request(`http://localhost/verifikasi?kode=${typed}`),
      params: {},
      context: {},
    })) as Response
    expect(ok.headers.get('Location')).toBe(`/verifikasi/${code}`)
  })
})
