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
      .then(() => rememberTranslations(instance))
    instances.set(l, p)
  }
  return p
}

const REMEMBERED_PER_LANGUAGE = 10_000
type Options = Record<string, unknown> | string | undefined

/** The cache key of a `t` call, or null when its options are not plain values (never cached). */
function translationKey(key: unknown, options: Options): string | null {
  const k = Array.isArray(key) ? key.join('\u0001') : key
  if (typeof k !== 'string') return null
  if (options === undefined) return k
  if (typeof options === 'string') return `${k}\u0000${options}`
  if (typeof options !== 'object' || options === null || options.returnObjects) return null
  let out = `${k}\u0000`
  for (const name in options) {
    const v = options[name]
    if (Array.isArray(v)) {
      if (!v.every((x) => typeof x === 'string')) return null
      out += `${name}=[${v.join('\u0001')}]\u0002`
    } else if (v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v))
      out += `${name}=${typeof v === 'string' ? v : String(v)}:${typeof v}\u0002`
    else return null
  }
  return out
}

/**
 * Remembers what `t` returns per (key, options) on a server instance (decision 074). The
 * resources are static and a server instance never changes language, so a key with the same plain
 * options always gives the same string; i18next's own path (key splitting, resource look-up,
 * plural rules, interpolation) cost 8% of a course page's CPU, for the same few dozen strings on
 * every request. Calls with objects among their options and results that are not strings are
 * passed through. Bounded: the map starts again when full (interpolated names and dates vary).
 */
export function rememberTranslations(instance: I18n): I18n {
  const original = instance.t.bind(instance) as (key: unknown, options?: Options) => unknown
  const remembered = new Map<string, string>()
  const t = (key: unknown, options?: Options) => {
    const k = translationKey(key, options)
    if (k === null) return original(key, options)
    const hit = remembered.get(k)
    if (hit !== undefined) return hit
    const value = original(key, options)
    if (typeof value === 'string') {
      if (remembered.size >= REMEMBERED_PER_LANGUAGE) remembered.clear()
      remembered.set(k, value)
    }
    return value
  }
  instance.t = t as I18n['t']
  // react-i18next's useTranslation() asks for getFixedT(null, 'common') on every render, and
  // i18next's fixed `t` copies the options and adds lng, lngs, ns and keyPrefix to them on every
  // call (2.6% of the profile page's CPU) only to reach the same instance's `t`. For this
  // instance's own language and default namespace, without a key prefix, the remembered `t` is
  // that function; anything else gets i18next's own.
  const getFixedT = instance.getFixedT.bind(instance)
  const defaultNs = instance.options.defaultNS
  instance.getFixedT = ((lng?: unknown, ns?: unknown, keyPrefix?: unknown) =>
    (lng == null || lng === instance.language) &&
    (ns == null || ns === defaultNs || (Array.isArray(defaultNs) && ns === defaultNs[0])) &&
    !keyPrefix
      ? t
      : getFixedT(lng as never, ns as never, keyPrefix as never)) as I18n['getFixedT']
  return instance
}
