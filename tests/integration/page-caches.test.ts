// The per-process caches and shared lookups that made pages cheaper
// (docs/decisions/070-where-page-time-goes.md) must not change what a page shows.
import { describe, expect, it } from 'vitest'
import { serverI18nInstance } from '~/i18next.server'
import { createSession, getSession, logout } from '~/utils/auth.server'
import { immutableCache } from '~/utils/memo.server'
import { createTestUser } from '../support/factories'

describe('server i18n instances', () => {
  it('translate in the requested language, fall back to Indonesian, and are reused', async () => {
    const id = await serverI18nInstance('id')
    const en = await serverI18nInstance('en')
    expect(id.t('nav.home')).toBe('Beranda')
    expect(en.t('nav.home')).toBe('Home')
    expect((await serverI18nInstance('fr')).t('nav.home')).toBe('Beranda')
    expect(await serverI18nInstance('en')).toBe(en)
    expect(en.language).toBe('en')
  })
})

describe('immutableCache', () => {
  it('loads a key once, keeps at most max entries (least recently used leave), forgets failures', async () => {
    const loads: string[] = []
    let fail = true
    const get = immutableCache(2, async (k: string) => {
      loads.push(k)
      if (k === 'bad' && fail) throw new Error('down')
      return k.toUpperCase()
    })
    expect(await get('a')).toBe('A')
    expect(await get('a')).toBe('A')
    expect(await get('b')).toBe('B')
    await get('a') // a is now the most recent: c pushes b out
    await get('c')
    await get('a')
    await get('b')
    expect(loads).toEqual(['a', 'b', 'c', 'b'])
    await expect(get('bad')).rejects.toThrow('down')
    fail = false
    expect(await get('bad')).toBe('BAD')
  })
})

describe('session lookups shared within one request', () => {
  function req(cookie: string, receivedAt: string, method = 'GET') {
    return new Request('http://localhost/', {
      method,
      headers: { Cookie: cookie.split(';')[0]!, 'x-bina-received-at': receivedAt },
    })
  }

  it('share one read per GET request, never across requests or after an action', async () => {
    const u = await createTestUser()
    const cookie = await createSession(u.id, {})
    const at = String(Date.now())
    expect((await getSession(req(cookie, at))).status).toBe('active')
    await logout(req(cookie, at, 'POST'))
    // The same GET request (its other loader) still sees the session it started with...
    expect((await getSession(req(cookie, at))).status).toBe('active')
    // ...but a later request, or a POST in the same millisecond, reads the database again.
    expect((await getSession(req(cookie, String(Number(at) + 1)))).status).toBe('expired')
    expect((await getSession(req(cookie, at, 'POST'))).status).toBe('expired')
  })
})
