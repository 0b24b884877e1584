import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import i18n, { resources } from './i18n'

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
