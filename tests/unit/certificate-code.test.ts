import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CODE_ALPHABET,
  checkChars,
  generateCertificateCode,
  normaliseCertificateCode,
} from '../../app/domain/certificate-code'

const FORMAT =
  /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/
const fixed = (bytes: number[]) => () => Uint8Array.from(bytes)

describe('generateCertificateCode', () => {
  it('writes 80 random bits as 16 base32 characters plus two check characters', () => {
    // All-zero bits and all-one bits are the two ends of the range.
    expect(generateCertificateCode(fixed(Array(10).fill(0)))).toBe('0000-0000-0000-0000-00')
    const ones = generateCertificateCode(fixed(Array(10).fill(255)))
    expect(ones.slice(0, 19)).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ')
    // 0x08 0x42 ... : the bits 00001 00001 00001 ... give "1" in every position.
    expect(
      generateCertificateCode(fixed([0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21])),
    ).toMatch(/^1111-1111-1111-1111-/)
  })

  it('uses every bit: codes of byte strings that differ in one bit differ', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.integer({ min: 0, max: 79 }),
        (bytes, bit) => {
          const flipped = Uint8Array.from(bytes)
          flipped[bit >> 3] ^= 1 << (bit & 7)
          const a = generateCertificateCode(() => bytes)
          const b = generateCertificateCode(() => flipped)
          return a !== b && FORMAT.test(a) && FORMAT.test(b)
        },
      ),
    )
  })

  it('has no look-alike letters I, L, O, U in the alphabet', () => {
    expect(CODE_ALPHABET).toHaveLength(32)
    for (const c of 'ILOU') expect(CODE_ALPHABET).not.toContain(c)
  })

  it('rejects a random source that returns the wrong number of bytes', () => {
    expect(() => generateCertificateCode(() => new Uint8Array(9))).toThrow()
  })

  it('draws from crypto by default: 1,000 codes, all distinct and well-formed', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => generateCertificateCode()))
    expect(codes.size).toBe(1000)
    for (const c of codes) expect(c).toMatch(FORMAT)
  })
})

describe('normaliseCertificateCode', () => {
  const code = generateCertificateCode(fixed([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))

  it('accepts the code as typed: lower case, spaces, no dashes, O for 0, I and L for 1', () => {
    expect(normaliseCertificateCode(code)).toBe(code)
    expect(normaliseCertificateCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code)
    expect(normaliseCertificateCode(code.replace(/-/g, ''))).toBe(code)
    const withZeroAndOne = generateCertificateCode(fixed(Array(10).fill(0)))
    expect(normaliseCertificateCode('oooo-OOOO-0000-0000-00')).toBe(withZeroAndOne)
    const ones = '1111-1111-1111-1111-' + checkChars('1'.repeat(16))
    expect(normaliseCertificateCode(ones.replace(/1/g, 'l').replace('l', 'I'))).toBe(ones)
  })

  it('rejects a wrong length, characters outside the alphabet and U', () => {
    expect(normaliseCertificateCode(code.slice(0, -1))).toBeNull()
    expect(normaliseCertificateCode(code + '0')).toBeNull()
    expect(normaliseCertificateCode('')).toBeNull()
    expect(normaliseCertificateCode(code.slice(0, 5) + 'U' + code.slice(6))).toBeNull()
    expect(normaliseCertificateCode(code.slice(0, 5) + '*' + code.slice(6))).toBeNull()
  })

  it('rejects every single-character typo and every swap of two neighbours', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 31 }),
        (bytes, pos, delta) => {
          const compact = generateCertificateCode(() => bytes).replace(/-/g, '')
          const v = CODE_ALPHABET.indexOf(compact[pos]!)
          const typo =
            compact.slice(0, pos) + CODE_ALPHABET[(v + delta) % 32] + compact.slice(pos + 1)
          if (normaliseCertificateCode(typo) !== null) return false
          const i = pos % 17
          if (compact[i] === compact[i + 1]) return true
          const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2)
          return normaliseCertificateCode(swapped) === null
        },
      ),
      { numRuns: 2000 },
    )
  })
})
