import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatNip, makeNip, validateNip } from '~/utils/nip'

const today = new Date(Date.UTC(2026, 10, 27))
const codeOf = (nip: string, opts = {}) => {
  const r = validateNip(nip, { today, ...opts })
  return r.ok ? 'OK' : r.code
}

describe('validateNip', () => {
  it('accepts the example NIP and reads its parts', () => {
    const r = validateNip('198503122010011003', { today })
    expect(r).toEqual({
      ok: true,
      kind: 'PNS',
      nip: '198503122010011003',
      birthDate: new Date(Date.UTC(1985, 2, 12)),
      tmtCpns: { year: 2010, month: 1 },
      sex: 'L',
      sequence: 3,
    })
  })

  it('accepts the grouped form people write', () => {
    expect(codeOf('19850312 201001 1 003')).toBe('OK')
    expect(formatNip('198503122010011003')).toBe('19850312 201001 1 003')
  })

  it.each([
    ['', 'EMPTY'],
    ['19850312201001100A', 'NOT_DIGITS'],
    ['19850312201001100', 'LENGTH'],
    ['1985031220100110031', 'LENGTH'],
    ['198502302010011003', 'BIRTH_DATE'],
    ['198513122010011003', 'BIRTH_DATE'],
    ['193503122010011003', 'BIRTH_YEAR'],
    ['202703122010011003', 'BIRTH_FUTURE'],
    ['198503122010131003', 'TMT_MONTH'],
    ['198503122010001003', 'TMT_MONTH'],
    ['194503121959011003', 'TMT_YEAR'],
    ['198503122027011003', 'TMT_FUTURE'],
    ['198503122026121003', 'TMT_FUTURE'],
    ['198503122003031003', 'TMT_BEFORE_18'],
    ['198503122010013003', 'SEX'],
    ['198503122010010003', 'SEX'],
    ['198503122010011000', 'SEQUENCE'],
  ])('%s fails with %s and a specific reason', (nip, code) => {
    const r = validateNip(nip, { today })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe(code)
      expect(r.reason.length).toBeGreaterThan(15)
    }
  })

  it('knows leap years', () => {
    expect(codeOf('198802292010011003')).toBe('OK')
    expect(codeOf('198702292010011003')).toBe('BIRTH_DATE')
    expect(codeOf('200002292020011003')).toBe('OK')
    expect(codeOf('190002292020011003')).toBe('BIRTH_DATE')
  })

  it('gives the reasons in Indonesian', () => {
    const sex = validateNip('198503122010013003', { today })
    expect(!sex.ok && sex.reason).toMatch(/jenis kelamin harus 1 atau 2/)
    const date = validateNip('198502302010011003', { today })
    expect(!date.ok && date.reason).toMatch(/^Tanggal lahir tidak valid/)
  })

  it('accepts any 18 digits as PPPK, flagged as such', () => {
    expect(validateNip('202301000000000001', { kind: 'PPPK', today })).toEqual({ ok: true, kind: 'PPPK', nip: '202301000000000001' })
    expect(codeOf('12345', { kind: 'PPPK' })).toBe('LENGTH')
  })
})

const validParts = fc
  .record({
    birth: fc.date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2000, 11, 31)), noInvalidDate: true }),
    yearsAfter18: fc.integer({ min: 0, max: 8 }),
    month: fc.integer({ min: 1, max: 12 }),
    sex: fc.constantFrom<'L' | 'P'>('L', 'P'),
    sequence: fc.integer({ min: 1, max: 999 }),
  })
  .map(({ birth, yearsAfter18, month, sex, sequence }) => {
    const birthDate = new Date(Date.UTC(birth.getUTCFullYear(), birth.getUTCMonth(), birth.getUTCDate()))
    // Strictly after the 18th-birthday month, and not after today.
    const tmtYear = Math.min(birthDate.getUTCFullYear() + 19 + yearsAfter18, 2025)
    return { birthDate, tmtYear, tmtMonth: month, sex, sequence }
  })

describe('NIP properties', () => {
  it('every NIP built from valid parts validates and round-trips', () => {
    fc.assert(
      fc.property(validParts, (p) => {
        const r = validateNip(makeNip(p), { today })
        expect(r.ok && r.kind === 'PNS').toBe(true)
        if (r.ok && r.kind === 'PNS') {
          expect(r.birthDate).toEqual(p.birthDate)
          expect(r.tmtCpns).toEqual({ year: p.tmtYear, month: p.tmtMonth })
          expect(r.sex).toBe(p.sex)
          expect(r.sequence).toBe(p.sequence)
        }
      }),
    )
  })

  it('a sex digit other than 1 or 2 always fails with SEX', () => {
    fc.assert(
      fc.property(validParts, fc.constantFrom('0', '3', '4', '5', '6', '7', '8', '9'), (p, digit) => {
        const nip = makeNip(p)
        expect(codeOf(nip.slice(0, 14) + digit + nip.slice(15))).toBe('SEX')
      }),
    )
  })

  it('any string with a non-digit (besides spaces) fails', () => {
    fc.assert(
      fc.property(validParts, fc.integer({ min: 0, max: 17 }), fc.constantFrom('a', '-', '.', 'O', '/'), (p, at, ch) => {
        const nip = makeNip(p)
        expect(codeOf(nip.slice(0, at) + ch + nip.slice(at + 1))).toBe('NOT_DIGITS')
      }),
    )
  })
})
