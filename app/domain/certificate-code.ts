// Certificate codes: 80 bits from a cryptographic random source, written in Crockford base32
// (no I, L, O, U), plus two check characters, grouped XXXX-XXXX-XXXX-XXXX-XX for reading aloud.
// Pure: the random source is a parameter (defaults to Web Crypto, present in Node and browsers).

/** Crockford's base32 alphabet: digits and letters without I, L, O and U. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** Random characters (5 bits each): 16 x 5 = 80 bits. */
export const CODE_RANDOM_CHARS = 16
export const CODE_CHECK_CHARS = 2
export const CODE_LENGTH = CODE_RANDOM_CHARS + CODE_CHECK_CHARS
/** Prime below 32^2: weighted sums modulo a prime catch every single substitution and swap. */
const CHECK_MODULUS = 1021

export type RandomBytes = (n: number) => Uint8Array

const webRandom: RandomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))

/** 10 random bytes read as 16 five-bit characters (no modulo bias). */
function encodeBits(bytes: Uint8Array) {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const b of bytes) {
    buffer = (buffer << 8) | b
    bits += 8
    while (bits >= 5) {
      out += CODE_ALPHABET[(buffer >> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  return out
}

/** Check value of the random part: sum of (position + 1) * value, modulo 1021, as two chars. */
export function checkChars(body: string) {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const v = CODE_ALPHABET.indexOf(body[i]!)
    if (v < 0) throw new Error(`Not a code character: ${body[i]}`)
    sum = (sum + (i + 1) * v) % CHECK_MODULUS
  }
  return CODE_ALPHABET[Math.floor(sum / 32)]! + CODE_ALPHABET[sum % 32]!
}

/** Groups an 18-character code as XXXX-XXXX-XXXX-XXXX-XX. */
export function formatCode(compact: string) {
  return compact.match(/.{1,4}/g)!.join('-')
}

/** A new code, formatted. */
export function generateCertificateCode(random: RandomBytes = webRandom) {
  const bytes = random((CODE_RANDOM_CHARS * 5) / 8)
  if (bytes.length !== 10) throw new Error('The random source must return 10 bytes')
  const body = encodeBits(bytes)
  return formatCode(body + checkChars(body))
}

/**
 * Reads a code as a person may type it: any case, spaces or dashes anywhere, O for 0 and I or L
 * for 1 (Crockford's decoding). Returns the formatted code, or null when it cannot be one of ours
 * (wrong length, a character outside the alphabet, or a check mismatch: a typo).
 */
export function normaliseCertificateCode(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (compact.length !== CODE_LENGTH) return null
  for (const c of compact) if (!CODE_ALPHABET.includes(c)) return null
  const body = compact.slice(0, CODE_RANDOM_CHARS)
  if (checkChars(body) !== compact.slice(CODE_RANDOM_CHARS)) return null
  return formatCode(compact)
}
