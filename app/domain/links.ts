// Which link targets course content may carry: https pages and paths inside Bina, judged after
// normalising the way browsers do (docs/decisions/035-content-links.md). One rule for the content
// pack check, the rich-text validator and the editor.

const BASE = 'https://bina.invalid'
// Browsers drop these anywhere in a URL ...
const STRIPPED = /[\t\n\r]/g
// ... and trim C0 controls and spaces at both ends.
// eslint-disable-next-line no-control-regex
const EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

export type LinkVerdict =
  | { ok: true; kind: 'internal' | 'https'; href: string }
  | {
      ok: false
      reason: 'EMPTY' | 'TOO_LONG' | 'CONTROL' | 'SCHEME' | 'PROTOCOL_RELATIVE' | 'CREDENTIALS'
    }

export const LINK_MAX_LENGTH = 2000

export function checkContentLink(raw: unknown): LinkVerdict {
  if (typeof raw !== 'string') return { ok: false, reason: 'EMPTY' }
  if (raw.length > LINK_MAX_LENGTH) return { ok: false, reason: 'TOO_LONG' }
  const s = raw.replace(EDGES, '').replace(STRIPPED, '')
  if (!s) return { ok: false, reason: 'EMPTY' }
  if (CONTROL.test(s)) return { ok: false, reason: 'CONTROL' }
  // In http(s) URLs browsers read "\" as "/": "/\evil.example" is "//evil.example".
  const slashes = s.replace(/\\/g, '/')
  if (slashes.startsWith('#')) return { ok: true, kind: 'internal', href: s }
  if (slashes.startsWith('/')) {
    if (slashes.startsWith('//')) return { ok: false, reason: 'PROTOCOL_RELATIVE' }
    let u: URL
    try {
      u = new URL(slashes, BASE)
    } catch {
      return { ok: false, reason: 'SCHEME' }
    }
    if (u.origin !== BASE) return { ok: false, reason: 'PROTOCOL_RELATIVE' }
    return { ok: true, kind: 'internal', href: `${u.pathname}${u.search}${u.hash}` }
  }
  let u: URL
  try {
    u = new URL(s)
  } catch {
    // Not absolute and not a path ("evil.example", "lesson-2"): refused, say what to use.
    return { ok: false, reason: 'SCHEME' }
  }
  if (u.protocol !== 'https:' || !u.hostname) return { ok: false, reason: 'SCHEME' }
  if (u.username || u.password) return { ok: false, reason: 'CREDENTIALS' }
  return { ok: true, kind: 'https', href: u.href }
}

export function isAllowedContentLink(raw: unknown): boolean {
  return checkContentLink(raw).ok
}
