import { PORTAL_TIME_ZONE } from '~/domain/time'

/** Only same-site absolute paths are allowed as redirect targets. */
export function safeRedirect(to: unknown, fallback = '/') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\'))
    return fallback
  return to
}

export function formatDate(d: Date | string, locale = 'id') {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeZone: PORTAL_TIME_ZONE,
  }).format(new Date(d))
}

/** Arrival time set by server/index.ts (never taken from the client); now when absent. */
export function receivedAt(request: Request) {
  const v = Number(request.headers.get('x-bina-received-at'))
  return Number.isFinite(v) && v > 0 && v <= Date.now() ? v : Date.now()
}
