import { createCookie } from '@remix-run/node'
import { createInstance, type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { RemixI18Next } from 'remix-i18next/server'
import i18n, { resources, supportedLngs, type Lng } from './i18n'

export const lngCookie = createCookie('bina_lng', {
  path: '/',
  sameSite: 'lax',
  maxAge: 365 * 24 * 3600,
})

// Indonesian first: only an explicit choice (cookie or ?lng=) switches to English.
const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: i18n.supportedLngs,
    fallbackLanguage: 'id',
    cookie: lngCookie,
    order: ['searchParams', 'cookie'],
  },
  i18next: { ...i18n, resources },
})
export default i18next

// One initialised i18next instance per language for server rendering, created on first use and
// shared by all requests: the resources are static and nothing changes an instance's language on
// the server, so a fresh instance per request (init, plural rules, formatters) was pure cost
// (docs/decisions/070-where-page-time-goes.md).
const instances = new Map<Lng, Promise<I18n>>()
export function serverI18nInstance(lng: string): Promise<I18n> {
  const l: Lng = (supportedLngs as readonly string[]).includes(lng) ? (lng as Lng) : 'id'
  let p = instances.get(l)
  if (!p) {
    const instance = createInstance()
    p = instance
      .use(initReactI18next)
      .init({ ...i18n, lng: l, ns: ['common'], resources })
      .then(() => instance)
    instances.set(l, p)
  }
  return p
}
