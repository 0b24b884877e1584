// NIP (Nomor Induk Pegawai) validation. A PNS NIP has 18 digits:
//   YYYYMMDD birth date + YYYYMM TMT CPNS + sex digit (1 male, 2 female) + 3-digit sequence,
//   e.g. 19850312 201001 1 003.
// PPPK numbers are 18 digits too, without the PNS date rules.
// Pure: no I/O, no UI text: a failure is a code with parameters (the UI renders it from the locale
// files, app/utils/nip.ts). "today" can be injected for deterministic tests.
import { jakartaCalendar } from './time'

export type NipErrorCode =
  | 'EMPTY'
  | 'NOT_DIGITS'
  | 'LENGTH'
  | 'BIRTH_DATE'
  | 'BIRTH_YEAR'
  | 'BIRTH_FUTURE'
  | 'TMT_MONTH'
  | 'TMT_YEAR'
  | 'TMT_FUTURE'
  | 'TMT_BEFORE_18'
  | 'SEX'
  | 'SEQUENCE'

export type NipResult =
  | {
      ok: true
      kind: 'PNS'
      nip: string
      /** UTC midnight of the birth date. */
      birthDate: Date
      tmtCpns: { year: number; month: number }
      sex: 'L' | 'P'
      sequence: number
    }
  | { ok: true; kind: 'PPPK'; nip: string }
  | { ok: false; code: NipErrorCode; params: NipErrorParams }

/** Values a message for the code may show (all strings, ready to interpolate). */
export type NipErrorParams = Record<string, string>

export const NIP_LENGTH = 18
export const MIN_BIRTH_YEAR = 1940
export const MIN_TMT_YEAR = 1960

const fail = (code: NipErrorCode, params: NipErrorParams = {}): NipResult => ({
  ok: false,
  code,
  params,
})
const pad = (n: number, width: number) => String(n).padStart(width, '0')
const monthYear = (year: number, month: number) => `${pad(month, 2)}/${pad(year, 4)}`

/** Trims and removes every whitespace character: "19850312 201001 1 003" -> "198503122010011003". */
export function normaliseNip(input: string): string {
  return typeof input === 'string' ? input.replace(/\s/g, '') : ''
}

/** Whether y-m-d names a real day: a month or day out of range rolls over to another date. */
function isCalendarDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d))
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps the real year.
  dt.setUTCFullYear(y)
  return dt.toISOString().slice(0, 10) === `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
}

/**
 * Validates a NIP. PNS (the default kind) gets every part checked; PPPK only needs 18 digits.
 * Spaces are allowed anywhere and removed. `today` (default: now) is read as a calendar date in Jakarta.
 */
export function validateNip(
  input: string,
  opts: { kind?: 'PNS' | 'PPPK'; today?: Date } = {},
): NipResult {
  const nip = normaliseNip(input)
  if (nip === '') return fail('EMPTY')

  const bad = nip.match(/[^0-9]/)
  if (bad) {
    return fail('NOT_DIGITS', { char: bad[0], position: String(bad.index! + 1) })
  }
  if (nip.length !== NIP_LENGTH) {
    return fail('LENGTH', { length: String(nip.length) })
  }
  if (opts.kind === 'PPPK') return { ok: true, kind: 'PPPK', nip }

  const today = opts.today ?? new Date()
  if (Number.isNaN(today.getTime()))
    throw new RangeError('validateNip: opts.today is an invalid Date')
  const now = jakartaCalendar(today)

  const by = Number(nip.slice(0, 4))
  const bm = Number(nip.slice(4, 6))
  const bd = Number(nip.slice(6, 8))
  const ty = Number(nip.slice(8, 12))
  const tm = Number(nip.slice(12, 14))
  const sexDigit = nip.charAt(14)
  const sequence = Number(nip.slice(15, 18))

  // Birth date (digits 1-8).
  if (!isCalendarDate(by, bm, bd)) {
    return fail('BIRTH_DATE', { digits: nip.slice(0, 8) })
  }
  if (by < MIN_BIRTH_YEAR) {
    return fail('BIRTH_YEAR', { year: String(by), min: String(MIN_BIRTH_YEAR) })
  }
  const birthKey = by * 10000 + bm * 100 + bd
  const todayKey = now.year * 10000 + now.month * 100 + now.day
  if (birthKey > todayKey) {
    return fail('BIRTH_FUTURE', { date: `${pad(bd, 2)}-${pad(bm, 2)}-${by}` })
  }
  const birthDate = new Date(Date.UTC(by, bm - 1, bd))

  // TMT CPNS (digits 9-14).
  if (tm < 1 || tm > 12) {
    return fail('TMT_MONTH', { month: nip.slice(12, 14), digits: nip.slice(8, 14) })
  }
  if (ty < MIN_TMT_YEAR) {
    return fail('TMT_YEAR', { year: String(ty), min: String(MIN_TMT_YEAR) })
  }
  if (ty * 12 + tm > now.year * 12 + now.month) {
    return fail('TMT_FUTURE', { tmt: monthYear(ty, tm) })
  }
  // Appointment as CPNS needs the age of 18: the TMT month must come after the 18th-birthday month.
  if (ty * 12 + tm <= (by + 18) * 12 + bm) {
    // Months counted as year * 12 + (month - 1): the month after the 18th-birthday month.
    const earliest = (by + 18) * 12 + (bm - 1) + 1
    return fail('TMT_BEFORE_18', {
      birth: monthYear(by, bm),
      earliest: monthYear(Math.floor(earliest / 12), (earliest % 12) + 1),
      tmt: monthYear(ty, tm),
    })
  }

  // Sex (digit 15) and sequence (digits 16-18).
  if (sexDigit !== '1' && sexDigit !== '2') {
    return fail('SEX', { digit: sexDigit })
  }
  if (sequence === 0) {
    return fail('SEQUENCE')
  }

  return {
    ok: true,
    kind: 'PNS',
    nip,
    birthDate,
    tmtCpns: { year: ty, month: tm },
    sex: sexDigit === '1' ? 'L' : 'P',
    sequence,
  }
}

/** "198503122010011003" -> "19850312 201001 1 003". Anything that is not 18 digits is returned unchanged. */
export function formatNip(nip: string): string {
  const n = normaliseNip(nip)
  if (!/^[0-9]{18}$/.test(n)) return nip
  return `${n.slice(0, 8)} ${n.slice(8, 14)} ${n.slice(14, 15)} ${n.slice(15)}`
}

/**
 * Builds an 18-digit PNS NIP from its parts (birth date read in UTC). It does not apply the
 * validation rules, so tests can build invalid NIPs too, but every part must fit its digits.
 */
export function makeNip(parts: {
  birthDate: Date
  tmtYear: number
  tmtMonth: number
  sex: 'L' | 'P'
  sequence: number
}): string {
  const d = parts.birthDate
  const fits = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max
  // An invalid date's year is NaN, which does not fit either.
  if (!fits(d.getUTCFullYear(), 9999))
    throw new RangeError('makeNip: birthDate must be a valid date with a 4-digit year')
  if (!fits(parts.tmtYear, 9999))
    throw new RangeError(`makeNip: tmtYear ${parts.tmtYear} does not fit 4 digits`)
  if (!fits(parts.tmtMonth, 99))
    throw new RangeError(`makeNip: tmtMonth ${parts.tmtMonth} does not fit 2 digits`)
  if (!fits(parts.sequence, 999))
    throw new RangeError(`makeNip: sequence ${parts.sequence} does not fit 3 digits`)
  if (parts.sex !== 'L' && parts.sex !== 'P')
    throw new RangeError(`makeNip: sex must be 'L' or 'P'`)
  return (
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    pad(parts.tmtYear, 4) +
    pad(parts.tmtMonth, 2) +
    (parts.sex === 'L' ? '1' : '2') +
    pad(parts.sequence, 3)
  )
}
