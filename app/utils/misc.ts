import { PORTAL_TIME_ZONE } from '~/domain/time'
import { safeRedirect as remixUtilsSafeRedirect } from 'remix-utils/safe-redirect'

const REDIRECT_BASE = 'http://bina.invalid'
// Browsers drop tabs and newlines inside URLs and read "\\" as "/": "/\t/evil.example" becomes
// "//evil.example". Any control character or backslash makes the target unsafe.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\\]/

/**
 * A redirect target from the client (redirectTo and the like), reduced to a same-origin path.
 * remix-utils' safeRedirect first (leading "/", no "//", "/\\" or ".."), then the WHATWG URL
 * parser must agree that the result stays on this origin; anything else gives `fallback`.
 */
export function safeRedirect(to: unknown, fallback = '/') {
  if (typeof to !== 'string' || to.length > 2048 || UNSAFE_CHARS.test(to)) return fallback
  const checked = remixUtilsSafeRedirect(to, '')
  if (!checked) return fallback
  let url: URL
  try {
    url = new URL(checked, REDIRECT_BASE)
  } catch {
    return fallback
  }
  if (url.origin !== REDIRECT_BASE) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

// Building an Intl.DateTimeFormat costs far more than formatting with one: one per language,
// made once (pages format dozens of dates per render).
const dateFormats = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeZone: PORTAL_TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: PORTAL_TIME_ZONE }),
}
export function formatDate(d: Date | string, locale = 'id') {
  return dateFormats[locale === 'en' ? 'en' : 'id'].format(new Date(d))
}

// Date and time as `toLocaleString(locale, { timeZone })` writes them, with a formatter made once.
const dateTimeParts = {
  timeZone: PORTAL_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
} as const
const dateTimeFormats = {
  id: new Intl.DateTimeFormat('id-ID', dateTimeParts),
  en: new Intl.DateTimeFormat('en-GB', dateTimeParts),
}
export function formatDateTime(d: Date | string, locale = 'id') {
  return dateTimeFormats[locale === 'en' ? 'en' : 'id'].format(new Date(d))
}

/** Arrival time set by server/index.ts (never taken from the client); now when absent. */
export function receivedAt(request: Request) {
  const v = Number(request.headers.get('x-bina-received-at'))
  return Number.isFinite(v) && v > 0 && v <= Date.now() ? v : Date.now()
}
