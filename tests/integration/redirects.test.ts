// Open redirects: every client-supplied redirect target ends on a same-origin path, whatever
// tabs, newlines, backslashes or schemes it carries (issue 10, point 1).
import { afterAll, describe, expect, it } from 'vitest'
import { action as loginAction } from '~/routes/login'
import { action as languageAction } from '~/routes/settings.language'
import { safeRedirect } from '~/utils/misc'
import { redis } from '~/utils/redis.server'
import { createTestUser, TEST_PASSWORD } from '../support/factories'

afterAll(() => redis().disconnect())

const HOSTILE = [
  '//evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  'https://evil.example',
  'http:evil.example',
  'javascript:alert(1)',
  ' //evil.example',
  '/%0a/evil.example\nSet-Cookie: x=1',
  '/\u0000/evil.example',
  'evil.example',
  '/../..//evil.example',
]

/** Where a browser would end up if it followed `location` from a page on http://bina.test. */
function landsOn(location: string) {
  // The WHATWG parser is what browsers use; it strips tabs/newlines and reads "\" as "/".
  return new URL(location, 'http://bina.test/login').origin
}

describe('safeRedirect', () => {
  it.each(HOSTILE)('refuses %j', (to) => {
    expect(safeRedirect(to)).toBe('/')
    // Had the raw value been used, a browser would have left the site (or the header failed).
  })

  it('keeps same-origin paths with query and hash', () => {
    expect(safeRedirect('/courses/literasi-digital?tab=2#m1')).toBe(
      '/courses/literasi-digital?tab=2#m1',
    )
    expect(safeRedirect('/')).toBe('/')
    expect(safeRedirect(undefined, '/home')).toBe('/home')
    expect(safeRedirect(42)).toBe('/')
  })

  it('never returns a target that leaves the origin', () => {
    for (const to of HOSTILE) expect(landsOn(safeRedirect(to))).toBe('http://bina.test')
    // ...while the raw inputs would have.
    expect(landsOn('/\t/evil.example')).toBe('http://evil.example')
    expect(landsOn('/\\evil.example')).toBe('http://evil.example')
  })
})

function post(path: string, fields: Record<string, string>) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
}

async function thrownOrReturned(fn: () => Promise<unknown>) {
  try {
    return (await fn()) as Response
  } catch (e) {
    if (e instanceof Response) return e
    throw e
  }
}

describe('login redirectTo', () => {
  it.each(HOSTILE)('sends the user home for redirectTo=%j', async (to) => {
    const u = await createTestUser()
    const res = await thrownOrReturned(() =>
      loginAction({
        request: post('/login', { identifier: u.nip, password: TEST_PASSWORD, redirectTo: to }),
        params: {},
        context: {},
      }),
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/')
  })

  it('follows a same-origin redirectTo', async () => {
    const u = await createTestUser()
    const res = await thrownOrReturned(() =>
      loginAction({
        request: post('/login', {
          identifier: u.email,
          password: TEST_PASSWORD,
          redirectTo: '/courses?q=a',
        }),
        params: {},
        context: {},
      }),
    )
    expect(res.headers.get('Location')).toBe('/courses?q=a')
  })
})

describe('language switch redirectTo', () => {
  it.each(HOSTILE)('stays on the site for redirectTo=%j', async (to) => {
    const res = await thrownOrReturned(() =>
      languageAction({
        request: post('/settings/language', { lng: 'en', redirectTo: to }),
        params: {},
        context: {},
      }),
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/')
  })

  it('returns to the page the switch was made on', async () => {
    const res = await thrownOrReturned(() =>
      languageAction({
        request: post('/settings/language', { lng: 'id', redirectTo: '/profile' }),
        params: {},
        context: {},
      }),
    )
    expect(res.headers.get('Location')).toBe('/profile')
  })
})
