// Production over https refuses plain http and sends HSTS; production at an http APP_ORIGIN (the
// demo on a machine address) never marks cookies Secure, even when a proxy claims https
// (issue 10, point 8). Each case runs the real server (server/index.ts) as its own process with
// its own environment, behind a trusted loopback "proxy" (X-Forwarded-Proto set by the test).
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redis } from '~/utils/redis.server'
import { createTestUser, TEST_PASSWORD } from '../support/factories'
import { waitFor } from '../support/wait'

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

const procs: ChildProcess[] = []
async function startServer(appOrigin: (port: number) => string) {
  const port = await freePort()
  const p = spawn('node', ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_ORIGIN: appOrigin(port),
      TRUST_PROXY: 'loopback',
    },
    stdio: 'ignore',
  })
  procs.push(p)
  const base = `http://127.0.0.1:${port}`
  await waitFor(
    () =>
      fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    60_000,
    `server on ${port}`,
  )
  return base
}

let httpsBase = ''
let httpBase = ''
let httpsOrigin = ''
beforeAll(async () => {
  ;[httpsBase, httpBase] = await Promise.all([
    startServer((port) => (httpsOrigin = `https://127.0.0.1:${port}`)),
    startServer((port) => `http://127.0.0.1:${port}`),
  ])
}, 90_000)
afterAll(() => {
  for (const p of procs) p.kill('SIGTERM')
  redis().disconnect()
})

const signInBody = (nip: string) =>
  new URLSearchParams({ identifier: nip, password: TEST_PASSWORD, redirectTo: '/' }).toString()

describe('APP_ORIGIN https in production', () => {
  it('moves plain-http pages to https and refuses plain-http posts', async () => {
    const page = await fetch(`${httpsBase}/courses?q=a`, { redirect: 'manual' })
    expect(page.status).toBe(308)
    expect(page.headers.get('location')).toBe(`${httpsOrigin}/courses?q=a`)
    expect(page.headers.get('strict-transport-security')).toBeNull()
    const u = await createTestUser()
    const post = await fetch(`${httpsBase}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: httpsOrigin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: signInBody(u.nip),
    })
    expect(post.status).toBe(403)
    expect(post.headers.get('set-cookie')).toBeNull()
  })

  it('serves https with HSTS and a Secure session cookie', async () => {
    const page = await fetch(`${httpsBase}/login`, { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(page.status).toBe(200)
    expect(page.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    )
    const u = await createTestUser()
    const r = await fetch(`${httpsBase}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Origin: httpsOrigin,
        'X-Forwarded-Proto': 'https',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: signInBody(u.nip),
    })
    expect(r.status).toBe(302)
    expect(r.headers.get('set-cookie')).toMatch(/^bina_session=.*;\s*Secure/i)
  })
})

describe('APP_ORIGIN http in production (the demo on any address)', () => {
  it('serves plain http, signs in, and never marks the cookie Secure', async () => {
    const page = await fetch(`${httpBase}/login`, { redirect: 'manual' })
    expect(page.status).toBe(200)
    expect(page.headers.get('strict-transport-security')).toBeNull()
    for (const proto of [undefined, 'https']) {
      const u = await createTestUser()
      const r = await fetch(`${httpBase}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Origin: httpBase,
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(proto ? { 'X-Forwarded-Proto': proto } : {}),
        },
        body: signInBody(u.nip),
      })
      expect(r.status, String(proto)).toBe(302)
      const cookie = r.headers.get('set-cookie')!
      expect(cookie).toMatch(/^bina_session=/)
      expect(cookie).not.toMatch(/;\s*Secure/i)
    }
  })
})
