// NIP for callers that show messages: the rule lives in app/domain/nip.ts (codes with parameters);
// this thin layer renders a failure in the reader's language from the locale files.
import {
  validateNip as validateNipRule,
  type NipErrorCode,
  type NipErrorParams,
  type NipResult,
} from '~/domain/nip'
import en from '~/locales/en'
import id from '~/locales/id'

export {
  formatNip,
  makeNip,
  normaliseNip,
  NIP_LENGTH,
  MIN_BIRTH_YEAR,
  MIN_TMT_YEAR,
  type NipErrorCode,
  type NipErrorParams,
} from '~/domain/nip'

/** The message for a NIP failure code, in Indonesian (default) or English. */
export function nipErrorMessage(
  code: NipErrorCode,
  params: NipErrorParams,
  lng: 'id' | 'en' = 'id',
): string {
  const template = (lng === 'en' ? en : id).domain.nip[code]
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => params[key] ?? '')
}

export type NipCheck =
  Extract<NipResult, { ok: true }> | (Extract<NipResult, { ok: false }> & { reason: string })

/** validateNip from the domain, with the failure's Indonesian message as `reason`. */
export function validateNip(
  input: string,
  opts: { kind?: 'PNS' | 'PPPK'; today?: Date; lng?: 'id' | 'en' } = {},
): NipCheck {
  const r = validateNipRule(input, opts)
  return r.ok ? r : { ...r, reason: nipErrorMessage(r.code, r.params, opts.lng) }
}
