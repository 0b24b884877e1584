// The server's i18next instances remember what `t` returns (app/i18next.server.ts, decision 074):
// every answer must equal a fresh instance's, in both languages, whatever was asked before.
import { createInstance, type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import i18n, { resources } from '~/i18n'
import { serverI18nInstance } from '~/i18next.server'

async function fresh(lng: 'id' | 'en'): Promise<TFunction> {
  const instance = createInstance()
  await instance.init({ ...i18n, lng, ns: ['common'], resources })
  return instance.t
}

const CALLS: [string, Record<string, unknown>?][] = [
  ['nav.home'],
  ['nav.signOut'],
  ['notifications.unread', { count: 0 }],
  ['notifications.unread', { count: 1 }],
  ['notifications.unread', { count: 7 }],
  ['super.ownUnit', { name: 'Bidang Akuntansi' }],
  ['super.ownUnit', { name: 'Sekretariat' }],
  ['super.refreshedAt', { at: '1/12/2026 17.00.00' }],
  ['no.such.key'],
  ['no.such.key', { defaultValue: 'cadangan' }],
]

describe('server i18next instances', () => {
  for (const lng of ['id', 'en'] as const) {
    it(`answer as a fresh instance does (${lng}), the first time and from memory`, async () => {
      const server = await serverI18nInstance(lng)
      const reference = await fresh(lng)
      // As react-i18next calls it: through getFixedT (useTranslation passes null and 'common').
      const fixed = server.getFixedT(lng, 'common')
      const hookT = server.getFixedT(null as never, 'common')
      for (const round of [1, 2]) {
        for (const [key, options] of CALLS) {
          const want = reference(key, options as never)
          expect(server.t(key, options as never), `${key} ${round}`).toBe(want)
          expect(fixed(key, options as never), `${key} fixed ${round}`).toBe(want)
          expect(hookT(key, options as never), `${key} hook ${round}`).toBe(want)
        }
      }
      expect(hookT('nav.home', 'cadangan' as never)).toBe(reference('nav.home', 'cadangan'))
    })
  }

  it('keeps the languages apart and plural forms apart', async () => {
    const id = await serverI18nInstance('id')
    const en = await serverI18nInstance('en')
    expect(en.t('notifications.unread', { count: 1 })).toBe('1 unread')
    expect(en.t('notifications.unread', { count: 2 })).toBe('2 unread')
    expect(id.t('nav.signOut')).not.toBe(en.t('nav.signOut'))
    expect(id.t('nav.signOut')).toBe((await fresh('id'))('nav.signOut'))
  })

  it('gives the remembered t only for its own language and namespace without a prefix', async () => {
    const id = await serverI18nInstance('id')
    expect(id.getFixedT(null as never, 'common')).toBe(id.t)
    expect(id.getFixedT('id')).toBe(id.t)
    // Another language, a key prefix or another namespace: i18next's own fixed t.
    const en = id.getFixedT('en', 'common')
    expect(en).not.toBe(id.t)
    expect(en('nav.signOut')).toBe((await fresh('en'))('nav.signOut'))
    const prefixed = id.getFixedT(null as never, 'common', 'notifications')
    expect(prefixed('unread', { count: 2 })).toBe(
      (await fresh('id'))('notifications.unread', { count: 2 }),
    )
    expect(id.getFixedT(null as never, 'other')).not.toBe(id.t)
  })

  it('passes calls with object options through unremembered', async () => {
    const en = await serverI18nInstance('en')
    const who = { toString: () => 'first' }
    expect(en.t('super.ownUnit', { name: who } as never)).toBe('first (directly)')
    who.toString = () => 'second'
    expect(en.t('super.ownUnit', { name: who } as never)).toBe('second (directly)')
  })
})
