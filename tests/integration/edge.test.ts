// The HTTP edge of the built portal (server/app.ts), on an ephemeral port: headers and CSP nonces
// (issue 10, point 4), body and field limits and control characters (point 5), the cookie's
// Secure flag following the real scheme and the example secret refused in production (point 8).
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerBuild } from '@remix-run/node'
import { createApp } from '../../server/app'
import { redis } from '~/utils/redis.server'
import { createTestUser, TEST_PASSWORD } from '../support/factories'

if (!fs.existsSync('build/server/index.js'))
  execFileSync('npx', ['remix', 'vite:build'], { env: { ...process.env, NODE_ENV: 'production' } })
const build = (await import(
  new URL('../../build/server/index.js', import.meta.url).href
)) as ServerBuild

let plain: Server
let proxied: Server
let base = ''
let proxiedBase = ''

function listen(app: ReturnType<typeof createApp>) {
  return new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
}

beforeAll(async () => {
  plain = await listen(createApp({ mode: 'production', build }))
  base = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`
  proxied = await listen(createApp({ mode: 'production', build, trustProxy: 'loopback' }))
  proxiedBase = `http://127.0.0.1:${(proxied.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((r) => plain.close(r))
  await new Promise((r) => proxied.close(r))
  redis().disconnect()
})

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Origin: base,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body,
  })
}

describe('headers', () => {
  it('sends a strict CSP whose nonce is on every script and new for every request', async () => {
    const a = await fetch(`${base}/login`)
    const b = await fetch(`${base}/login`)
    const csp = a.headers.get('content-security-policy')!
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src '))!
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/)
    expect(scriptSrc).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1]!
    const nonceB = b.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]!
    expect(nonceB).not.toBe(nonce)
    const html = await a.text()
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`)
    expect(a.headers.get('x-frame-options')).toBe('DENY')
    expect(a.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('sends HSTS only when the request came over https (trusted proxy)', async () => {
    expect((await fetch(`${base}/login`)).headers.get('strict-transport-security')).toBeNull()
    // An untrusted client cannot claim https.
    const spoofed = await fetch(`${base}/login`, { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(spoofed.headers.get('strict-transport-security')).toBeNull()
    const viaProxy = await fetch(`${proxiedBase}/login`, {
      headers: { 'X-Forwarded-Proto': 'https' },
    })
    expect(viaProxy.headers.get('strict-transport-security')).toMatch(/max-age=31536000/)
  })

  it('compresses HTML, JS and CSS and caches hashed assets for a year, immutable', async () => {
    const page = await fetch(`${base}/login`, { headers: { 'Accept-Encoding': 'br' } })
    expect(page.headers.get('content-encoding')).toBe('br')
    const html = await page.text()
    const js = html.match(/\/assets\/[\w.-]+\.js/)![0]
    const css = html.match(/\/assets\/[\w.-]+\.css/)?.[0]
    for (const asset of [js, css].filter(Boolean) as string[]) {
      const r = await fetch(`${base}${asset}`, { headers: { 'Accept-Encoding': 'gzip' } })
      expect(r.status).toBe(200)
      expect(r.headers.get('content-encoding')).toBe('gzip')
      expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    }
  })

  it('sends an HTML page whole, with its length (one write, not one per React chunk)', async () => {
    // (fetch asks for gzip by default: identity here, the compressed page below.)
    const page = await fetch(`${base}/login`, { headers: { 'Accept-Encoding': 'identity' } })
    const bytes = Buffer.from(await page.arrayBuffer())
    expect(page.headers.get('transfer-encoding')).toBeNull()
    expect(Number(page.headers.get('content-length'))).toBe(bytes.length)
    expect(bytes.toString('utf8')).toContain('</html>')
    // The length counts bytes, not characters: the page has characters beyond ASCII (written
    // from the page's string by the server itself, decision 126).
    expect(bytes.length).toBeGreaterThan(bytes.toString('utf8').length)
    // Compressed, the whole page is one gzip stream that decodes to the same document.
    const gz = await fetch(`${base}/login`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(await gz.text()).toContain('</html>')
  })
})

describe('limits at the edge', () => {
  it('answers 413 with a clear message for a sign-in body over 64 KB, before reading it', async () => {
    const r = await post('/login', form({ identifier: 'x', password: 'y'.repeat(70_000) }))
    expect(r.status).toBe(413)
    expect(await r.text()).toContain('Data yang dikirim terlalu besar (batas 64 KB')
    // Just under the limit is a normal (400) answer.
    const ok = await post('/login', form({ identifier: 'x', password: 'y'.repeat(19_000) }))
    expect(ok.status).toBe(400)
  })

  it('refuses a 5 MB quiz answer with 413', async () => {
    const r = await post('/quiz/abc', form({ answer: 'a'.repeat(5_000_000) }))
    expect(r.status).toBe(413)
  })

  it('bounds webhook bodies', async () => {
    const r = await post('/webhooks/mux', JSON.stringify({ x: 'a'.repeat(300_000) }), {
      'Content-Type': 'application/json',
    })
    expect(r.status).toBe(413)
  })

  it('refuses a JSON (or any non-form) body where a form is expected with 415, not a 500', async () => {
    for (const [type, body] of [
      ['application/json', '{"identifier":"x","password":"y"}'],
      ['text/plain', 'identifier=x'],
      ['application/xml', '<a/>'],
    ] as const) {
      const r = await post('/login', body, { 'Content-Type': type })
      expect(r.status, type).toBe(415)
      expect(await r.text()).toContain('Jenis data yang dikirim tidak diterima')
    }
    // The player's progress endpoint and the webhooks do take JSON.
    const progress = await post('/courses/x/lessons/y/progress', '{}', {
      'Content-Type': 'application/json',
    })
    expect(progress.status).not.toBe(415)
  })

  it('refuses one field over its cap even when the body fits', async () => {
    const r = await post('/login', form({ identifier: 'a'.repeat(20_001), password: 'x' }))
    expect(r.status).toBe(413)
    expect(await r.text()).toContain('terlalu panjang')
  })

  it.each(['\u0000', '\u0001', '\u001b', '\u007f'])(
    'refuses control character %j in a form field, a JSON field and an id with 400',
    async (c) => {
      const f = await post('/login', form({ identifier: `1985${c}`, password: 'x' }))
      expect(f.status).toBe(400)
      expect(await f.text()).toContain('karakter kendali')
      const j = await post('/courses/x/lessons/y/progress', JSON.stringify({ [`k${c}`]: 1 }), {
        'Content-Type': 'application/json',
      })
      expect(j.status).toBe(400)
      expect((await j.json()).error).toContain('karakter kendali')
      const id = await fetch(`${base}/team/abc${encodeURIComponent(c)}def`)
      expect(id.status).toBe(400)
    },
  )

  it('keeps tab, newline and carriage return in fields (textareas)', async () => {
    const r = await post('/login', form({ identifier: 'a\tb\r\nc', password: 'x' }))
    expect(r.status).toBe(400)
    expect(await r.text()).not.toContain('karakter kendali')
  })

  it('answers a malformed percent-encoding and a body without length with 4xx, not 500', async () => {
    expect((await fetch(`${base}/courses/%E0%A4%A`)).status).toBe(400)
    const chunked = await fetch(`${base}/login`, {
      // Node's fetch needs `duplex` for a streamed body.
      method: 'POST',
      headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('identifier=a&password=b'))
          c.close()
        },
      }),
      duplex: 'half',
    })
    expect(chunked.status).toBe(411)
  })
})

describe('cookies and secrets', () => {
  it('marks the session cookie Secure only when the request came over https', async () => {
    const u = await createTestUser()
    const body = form({ identifier: u.nip, password: TEST_PASSWORD, redirectTo: '/' })
    const overHttp = await post('/login', body)
    expect(overHttp.status).toBe(302)
    const c1 = overHttp.headers.get('set-cookie')!
    expect(c1).toMatch(/^bina_session=/)
    expect(c1).not.toMatch(/;\s*Secure/i)
    const viaProxy = await fetch(`${proxiedBase}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Origin: proxiedBase.replace('http:', 'https:'),
        'X-Forwarded-Proto': 'https',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    })
    expect(viaProxy.status).toBe(302)
    expect(viaProxy.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
  })

  it('refuses to start in production with the example SESSION_SECRET', () => {
    const run = (secret: string) =>
      spawnSync('npx', ['tsx', 'app/utils/env.server.ts'], {
        env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: secret },
        encoding: 'utf8',
      })
    const bad = run('change-me-bina-demo-secret-0123456789')
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toContain('SESSION_SECRET')
    expect(run('a-random-secret-of-this-installation-42').status).toBe(0)
  })
})
