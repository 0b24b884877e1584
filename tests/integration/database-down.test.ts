// With the database down, the built portal answers 503 with a "try again shortly" page in Bahasa
// Indonesia and English (never a 500 or a driver message), /healthz says "down", and everything
// recovers by itself once the database answers again (issue 10, point 8). The app reaches
// PostgreSQL through a TCP proxy that the test takes down (connections cut, port refusing) and
// brings back.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerBuild } from '@remix-run/node'
import { startTcpProxy } from '../support/tcp-proxy'
import { waitFor } from '../support/wait'

const real = new URL(process.env.DATABASE_URL!)
const proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) })
const viaProxy = new URL(real)
viaProxy.hostname = '127.0.0.1'
viaProxy.port = String(proxy.port)
process.env.DATABASE_URL = viaProxy.toString()

const { createApp } = await import('../../server/app')
const { redis } = await import('~/utils/redis.server')
const { createTestUser, TEST_PASSWORD } = await import('../support/factories')
if (!fs.existsSync('build/server/index.js'))
  execFileSync('npx', ['remix', 'vite:build'], { env: { ...process.env, NODE_ENV: 'production' } })
const build = (await import(
  new URL('../../build/server/index.js', import.meta.url).href
)) as ServerBuild

let server: Server
let base = ''
let cookie = ''

beforeAll(async () => {
  server = await new Promise<Server>((resolve) => {
    const s = createApp({ mode: 'production', build }).listen(0, '127.0.0.1', () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const u = await createTestUser()
  const r = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identifier: u.nip, password: TEST_PASSWORD }).toString(),
  })
  expect(r.status).toBe(302)
  cookie = r.headers.get('set-cookie')!.split(';')[0]!
})
afterAll(async () => {
  await proxy.up().catch(() => undefined)
  await new Promise((r) => server.close(r))
  await proxy.close()
  redis().disconnect()
})

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { redirect: 'manual', headers: { Cookie: cookie, ...headers } })

describe('database down', () => {
  it('answers 503 "try again shortly", says down on /healthz, and recovers by itself', async () => {
    // Up: pages work.
    expect((await get('/courses')).status).toBe(200)
    expect((await get('/healthz')).status).toBe(200)

    await proxy.down()

    for (const path of ['/', '/courses', '/profile']) {
      const r = await get(path)
      expect(r.status, path).toBe(503)
      expect(r.headers.get('retry-after')).toBe('10')
      expect(r.headers.get('cache-control')).toBe('no-store')
      const html = await r.text()
      expect(html).toContain('Coba lagi sebentar lagi')
      expect(html).toContain('Please try again')
      expect(html).not.toMatch(/ECONN|127\.0\.0\.1|prisma|stack/i)
    }
    // A form post (sign-in reads the database) and a data request answer 503 too.
    const post = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ identifier: '199001012015031004', password: 'x' }).toString(),
    })
    expect(post.status).toBe(503)
    const data = await get('/courses?_data=routes%2Fcourses._index')
    expect(data.status).toBe(503)
    expect((await data.json()).error).toContain('Coba lagi sebentar lagi')

    const health = await get('/healthz')
    expect(health.status).toBe(503)
    const body = await health.json()
    expect(body).toEqual({
      status: 'down',
      database: { ok: false, status: 'down' },
      redis: { ok: true, status: 'up', ms: expect.any(Number) },
    })
    expect(JSON.stringify(body)).not.toMatch(/ECONN|127\.0\.0\.1|error|refused/i)

    await proxy.up()

    // No restart: the next requests find the database again.
    await waitFor(async () => (await get('/courses')).status === 200, 15_000, 'pages back')
    expect((await get('/profile')).status).toBe(200)
    expect((await get('/healthz')).status).toBe(200)
  })
})
