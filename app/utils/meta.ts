// Page titles in the reader's language. meta() cannot use hooks, so it reads the locale from the
// root loader's data and looks the key up in the bundled messages.
import { resources, type Lng } from '~/i18n'

type Match = { id: string; data?: unknown }

function lookup(locale: Lng, key: string): string | undefined {
  let node: unknown = resources[locale].common
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

export function localeOf(matches: Match[]): Lng {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined
  return root?.locale === 'en' ? 'en' : 'id'
}

/** Translates a key with {{param}} interpolation; Indonesian when the key is missing in English. */
export function translate(locale: Lng, key: string, params: Record<string, string | number> = {}) {
  const text = lookup(locale, key) ?? lookup('id', key) ?? key
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''))
}

/** `[{ title: '<page> · Bina' }]` for a page title key (or a ready title, e.g. a course name). */
export function pageTitle(
  matches: Match[],
  title: { key: string; params?: Record<string, string | number> } | { text: string },
) {
  const locale = localeOf(matches)
  const page = 'text' in title ? title.text : translate(locale, title.key, title.params)
  return [{ title: translate(locale, 'ui.meta.suffix', { title: page }) }]
}
