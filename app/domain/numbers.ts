// Numbers as Indonesians write them: a dot groups thousands, a comma starts the decimals, money
// may carry "Rp" ("Rp 21.000.000", "Rp6.600.000", "5.250.000,50", "1,5"). Spaces may group digits.
// Input that reads as two different numbers (the Indonesian "6.600" = 6600 and the English
// "6.600" = 6.6) is reported as ambiguous with a hint code, never guessed, unless the magnitude the
// caller expects tells the two readings apart.

export type NumberHint =
  /** "6.600": dot as thousands separator (6600) or as decimal point (6.6). */
  | 'DOT_THOUSANDS_OR_DECIMAL'
  /** "1,500": comma as decimal separator (1.5) or as English thousands separator (1500). */
  | 'COMMA_DECIMAL_OR_THOUSANDS'
  /** "5,250,000.50": English separators; write "5.250.000,50". */
  | 'ENGLISH_SEPARATORS'
  /** Anything that is not a number ("enam juta", "1.2.3", "12,5,0"). */
  | 'NOT_A_NUMBER'

export type ParsedNumber =
  | { kind: 'number'; value: number }
  | { kind: 'empty' }
  | { kind: 'ambiguous'; hint: NumberHint; candidates: [number, number] }
  | { kind: 'invalid'; hint: NumberHint }

const CURRENCY = /^(?:rp\.?|idr)/i
const SPACES = /[\s\u00a0\u202f]/g
const DIGITS = /^\d+$/
/** 1-3 digits, then groups of exactly 3 after each separator. */
const grouped = (s: string, sep: '.' | ',') => {
  const parts = s.split(sep)
  return (
    parts.length > 1 &&
    /^\d{1,3}$/.test(parts[0]!) &&
    parts.slice(1).every((p) => /^\d{3}$/.test(p))
  )
}
const digitsOf = (s: string, sep: '.' | ',') => s.split(sep).join('')

/**
 * Parses a number typed the Indonesian way. `expected` (e.g. the question's answer) may settle an
 * ambiguity: of two readings a thousand times apart, the one within a factor of 10 of the
 * expected value is taken; with "Rp" a dot always groups thousands (Rupiah have no decimals
 * written with a dot); without it, or when it does not decide, the result is 'ambiguous'.
 */
export function parseIndonesianNumber(
  input: string,
  opts: { expected?: number } = {},
): ParsedNumber {
  let s = (typeof input === 'string' ? input : '').trim()
  let negative = false
  if (/^[-−]/.test(s)) {
    negative = true
    s = s.slice(1).trim()
  }
  const money = CURRENCY.test(s)
  s = s.replace(CURRENCY, '').replace(SPACES, '')
  if (!negative && /^[-−]/.test(s)) {
    negative = true
    s = s.slice(1)
  }
  if (s === '') return negative ? { kind: 'invalid', hint: 'NOT_A_NUMBER' } : { kind: 'empty' }
  const sign = negative ? -1 : 1
  const num = (text: string): ParsedNumber => ({ kind: 'number', value: sign * Number(text) })
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { kind: 'invalid', hint: 'NOT_A_NUMBER' }

  const dots = s.split('.').length - 1
  const commas = s.split(',').length - 1

  if (dots === 0 && commas === 0) return num(s)

  if (commas === 0) {
    // Dots only.
    if (dots > 1) return grouped(s, '.') ? num(digitsOf(s, '.')) : invalid()
    // Each side of the one dot holds only digits (or nothing): s is digits, dots and commas.
    const [whole, frac] = s.split('.') as [string, string]
    if (!DIGITS.test(frac)) return invalid()
    // "6.600": thousands (Indonesian) or decimals (English). "0.600" and "1.5" read one way only.
    if (grouped(s, '.') && money) return num(whole + frac)
    if (grouped(s, '.') && !/^0+$/.test(whole))
      return settle(
        'DOT_THOUSANDS_OR_DECIMAL',
        sign * Number(whole + frac),
        sign * Number(`${whole}.${frac}`),
        opts.expected,
      )
    // An empty whole part reads as 0 (Number('.5') is 0.5).
    return num(`${whole}.${frac}`)
  }

  if (commas === 1) {
    const [whole, frac] = s.split(',') as [string, string]
    if (!DIGITS.test(frac)) return invalid()
    // Indonesian: "5.250.000,50", "1,5", ",5".
    if (dots > 0) {
      if (!grouped(whole, '.')) {
        // "5,250.50" style is English with a single comma group.
        return invalid()
      }
      return num(`${digitsOf(whole, '.')}.${frac}`)
    }
    if (grouped(s, ',') && !/^0+$/.test(whole))
      return settle(
        'COMMA_DECIMAL_OR_THOUSANDS',
        sign * Number(`${whole}.${frac}`),
        sign * Number(whole + frac),
        opts.expected,
      )
    return num(`${whole}.${frac}`)
  }

  // Several commas: only English thousands ("6,600,000" or "5,250,000.50") can mean anything.
  const [intPart, decPart] = s.split('.') as [string, string | undefined]
  if (dots <= 1 && grouped(intPart, ',') && (decPart === undefined || DIGITS.test(decPart)))
    return { kind: 'invalid', hint: 'ENGLISH_SEPARATORS' }
  return invalid()
}

function invalid(): ParsedNumber {
  return { kind: 'invalid', hint: 'NOT_A_NUMBER' }
}

/** Of two readings, the one near `expected`; otherwise ambiguous. `first` is the Indonesian one. */
function settle(hint: NumberHint, first: number, second: number, expected?: number): ParsedNumber {
  // Near: less than a factor of 10 from `expected` (on a log scale). Without an expected value,
  // or with 0, NaN or an infinity, the distance is NaN or infinite, so neither reading is near;
  // nor is a reading of 0.
  const target = Math.log10(Math.abs(expected ?? NaN))
  const near = (x: number) => Math.abs(Math.log10(Math.abs(x)) - target) < 1
  const a = near(first)
  const b = near(second)
  if (a && !b) return { kind: 'number', value: first }
  if (b && !a) return { kind: 'number', value: second }
  return { kind: 'ambiguous', hint, candidates: [first, second] }
}

/** The value when the text reads as exactly one number, else null. */
export function indonesianNumberValue(input: string, opts: { expected?: number } = {}) {
  const r = parseIndonesianNumber(input, opts)
  return r.kind === 'number' ? r.value : null
}
