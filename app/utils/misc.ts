/** Only same-site absolute paths are allowed as redirect targets. */
export function safeRedirect(to: unknown, fallback = '/') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\'))
    return fallback
  return to
}

// Building an Intl.DateTimeFormat costs far more than formatting with one: one per language,
// made once (pages format dozens of dates per render).
const dateFormats = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeZone: 'Asia/Jakarta' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Jakarta' }),
}
export function formatDate(d: Date | string, locale = 'id') {
  return dateFormats[locale === 'en' ? 'en' : 'id'].format(new Date(d))
}

/** Arrival time set by server/index.ts (never taken from the client); now when absent. */
export function receivedAt(request: Request) {
  const v = Number(request.headers.get('x-bina-received-at'))
  return Number.isFinite(v) && v > 0 && v <= Date.now() ? v : Date.now()
}
