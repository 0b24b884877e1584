import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatNip, makeNip, normaliseNip, validateNip, type NipErrorCode } from '~/utils/nip'

// Fixed "today" keeps every test deterministic: 27 November 2026 (07:00 WIB).
const today = new Date(Date.UTC(2026, 10, 27))
const TODAY_MONTH_INDEX = 2026 * 12 + 10 // year * 12 + (month - 1)
const DAY_MS = 86_400_000

const codeOf = (nip: string, opts: { kind?: 'PNS' | 'PPPK'; today?: Date } = {}) => {
  const r = validateNip(nip, { today, ...opts })
  return r.ok ? 'OK' : r.code
}

describe('validateNip: PNS', () => {
  it('accepts the example NIP and reads its parts', () => {
    expect(validateNip('198503122010011003', { today })).toEqual({
      ok: true,
      kind: 'PNS',
      nip: '198503122010011003',
      birthDate: new Date(Date.UTC(1985, 2, 12)),
      tmtCpns: { year: 2010, month: 1 },
      sex: 'L',
      sequence: 3,
    })
  })

  it('reads a female NIP with a high sequence number', () => {
    const r = validateNip('199012252015032999', { today })
    expect(r).toMatchObject({
      ok: true,
      kind: 'PNS',
      sex: 'P',
      sequence: 999,
      tmtCpns: { year: 2015, month: 3 },
    })
  })

  it('treats PNS as the default kind', () => {
    expect(validateNip('198503122010011003', { today })).toMatchObject({ ok: true, kind: 'PNS' })
    expect(validateNip('198503122010011003', { today, kind: 'PNS' })).toMatchObject({
      ok: true,
      kind: 'PNS',
    })
  })

  it('accepts the grouped form people write, and other whitespace', () => {
    for (const input of [
      '19850312 201001 1 003',
      '  198503122010011003  ',
      '1985 0312\t2010 0110 03',
      '19850312\u00a0201001\u00a01\u00a0003',
    ]) {
      expect(validateNip(input, { today })).toMatchObject({
        ok: true,
        kind: 'PNS',
        nip: '198503122010011003',
      })
    }
  })

  it.each<[string, NipErrorCode, RegExp]>([
    ['', 'EMPTY', /^NIP wajib diisi\.$/],
    ['   ', 'EMPTY', /^NIP wajib diisi\.$/],
    [
      '19850312201001100A',
      'NOT_DIGITS',
      /^NIP hanya boleh berisi angka: karakter "A" pada posisi ke-18/,
    ],
    ['19850312-201001-1-003', 'NOT_DIGITS', /karakter "-" pada posisi ke-9/],
    ['19850312201001100', 'LENGTH', /^NIP harus terdiri dari 18 digit angka, .* 17 digit\.$/],
    ['1985031220100110031', 'LENGTH', /19 digit\.$/],
    [
      '198502302010011003',
      'BIRTH_DATE',
      /^Tanggal lahir tidak valid: 19850230 bukan tanggal kalender/,
    ],
    ['198513122010011003', 'BIRTH_DATE', /19851312 bukan tanggal kalender/],
    ['198500122010011003', 'BIRTH_DATE', /19850012 bukan tanggal kalender/],
    ['198503002010011003', 'BIRTH_DATE', /19850300 bukan tanggal kalender/],
    ['198504312010011003', 'BIRTH_DATE', /19850431 bukan tanggal kalender/],
    [
      '193912312010011003',
      'BIRTH_YEAR',
      /^Tanggal lahir tidak valid: tahun lahir 1939 lebih awal dari 1940\.$/,
    ],
    [
      '202703122010011003',
      'BIRTH_FUTURE',
      /^Tanggal lahir tidak valid: 12-03-2027 berada di masa depan\.$/,
    ],
    ['202611282026011003', 'BIRTH_FUTURE', /28-11-2026 berada di masa depan/],
    ['198503122010131003', 'TMT_MONTH', /^Bulan TMT CPNS tidak valid: "13" pada 201013/],
    ['198503122010001003', 'TMT_MONTH', /^Bulan TMT CPNS tidak valid: "00"/],
    ['194003121959121003', 'TMT_YEAR', /^Tahun TMT CPNS tidak valid: 1959 lebih awal dari 1960\.$/],
    ['198503122027011003', 'TMT_FUTURE', /^TMT CPNS tidak valid: 01\/2027 berada di masa depan\.$/],
    ['198503122026121003', 'TMT_FUTURE', /12\/2026 berada di masa depan/],
    [
      '198503122003031003',
      'TMT_BEFORE_18',
      /^TMT CPNS harus setelah usia 18 tahun: lahir 03\/1985, .*paling awal 04\/2003, bukan 03\/2003\.$/,
    ],
    ['198503122000011003', 'TMT_BEFORE_18', /bukan 01\/2000/],
    ['198503122010013003', 'SEX', /^Kode jenis kelamin harus 1 atau 2 \(digit ke-15\), bukan 3\.$/],
    ['198503122010010003', 'SEX', /bukan 0\.$/],
    ['198503122010011000', 'SEQUENCE', /^Nomor urut tidak boleh 000/],
  ])('%s fails with %s and a specific reason', (nip, code, reason) => {
    const r = validateNip(nip, { today })
    expect(r).toEqual({
      ok: false,
      code,
      params: expect.any(Object),
      reason: expect.stringMatching(reason),
    })
  })

  it('knows leap years', () => {
    expect(codeOf('198802292010011003')).toBe('OK') // 1988 is a leap year
    expect(codeOf('198702292010011003')).toBe('BIRTH_DATE')
    expect(codeOf('200002292020011003')).toBe('OK') // divisible by 400
    expect(codeOf('190002292020011003')).toBe('BIRTH_DATE') // divisible by 100, not a calendar date
    expect(validateNip('198802292010011003', { today })).toMatchObject({
      birthDate: new Date(Date.UTC(1988, 1, 29)),
    })
  })

  it('checks the boundaries of the birth year and TMT year', () => {
    expect(codeOf('194001011960011003')).toBe('OK')
    expect(codeOf('193912311960011003')).toBe('BIRTH_YEAR')
    expect(codeOf('194001011959121003')).toBe('TMT_YEAR')
    expect(codeOf('001203122010011003')).toBe('BIRTH_YEAR') // a real date, just far too early
  })

  it('puts the 18-year limit strictly after the 18th-birthday month', () => {
    expect(codeOf('198503122003031003')).toBe('TMT_BEFORE_18') // the birthday month itself
    expect(codeOf('198503122003041003')).toBe('OK') // the month after
    expect(codeOf('198512312003121003')).toBe('TMT_BEFORE_18')
    expect(codeOf('198512312004011003')).toBe('OK') // across a year boundary
  })

  it('allows today but nothing later', () => {
    expect(codeOf('198503122026111003')).toBe('OK') // TMT in the current month
    expect(codeOf('198503122026121003')).toBe('TMT_FUTURE')
    // Born today is not in the future (it then fails the 18-year rule instead).
    expect(codeOf('202611272026111003')).toBe('TMT_BEFORE_18')
  })

  it('reads "today" as the calendar date in WIB (UTC+7)', () => {
    const nip = '198503122026111003' // TMT November 2026
    expect(codeOf(nip, { today: new Date(Date.UTC(2026, 9, 31, 17, 0)) })).toBe('OK') // 1 Nov 00:00 WIB
    expect(codeOf(nip, { today: new Date(Date.UTC(2026, 9, 31, 16, 59)) })).toBe('TMT_FUTURE') // 31 Oct 23:59 WIB
  })

  it('defaults "today" to now', () => {
    expect(validateNip('198503122010011003')).toMatchObject({ ok: true, kind: 'PNS' })
    expect(codeOf('299901012010011003', { today: undefined })).toBe('BIRTH_FUTURE')
  })

  it('rejects an invalid "today" loudly', () => {
    expect(() => validateNip('198503122010011003', { today: new Date(NaN) })).toThrow(RangeError)
  })

  it('rejects digits from other scripts', () => {
    expect(codeOf('１９８５０３１２２０１００１１００３')).toBe('NOT_DIGITS') // full-width
    expect(codeOf('١٩٨٥٠٣١٢٢٠١٠٠١١٠٠٣')).toBe('NOT_DIGITS') // Arabic-Indic
  })
})

describe('validateNip: PPPK', () => {
  it('accepts any 18 digits, flagged as PPPK, without the date checks', () => {
    expect(validateNip('202301000000000001', { kind: 'PPPK', today })).toEqual({
      ok: true,
      kind: 'PPPK',
      nip: '202301000000000001',
    })
    expect(codeOf('202301000000000001')).toBe('BIRTH_DATE') // the same number is no PNS NIP
    expect(validateNip('20230100 000000 0 001', { kind: 'PPPK', today })).toEqual({
      ok: true,
      kind: 'PPPK',
      nip: '202301000000000001',
    })
  })

  it('still needs 18 digits', () => {
    expect(codeOf('12345', { kind: 'PPPK' })).toBe('LENGTH')
    expect(codeOf('20230100000000000x', { kind: 'PPPK' })).toBe('NOT_DIGITS')
    expect(codeOf('', { kind: 'PPPK' })).toBe('EMPTY')
  })
})

describe('formatNip', () => {
  it('groups an 18-digit NIP as 8 6 1 3', () => {
    expect(formatNip('198503122010011003')).toBe('19850312 201001 1 003')
    expect(formatNip(' 1985 0312 2010 0110 03 ')).toBe('19850312 201001 1 003')
  })

  it('leaves anything else unchanged', () => {
    expect(formatNip('12345')).toBe('12345')
    expect(formatNip('19850312201001100A')).toBe('19850312201001100A')
    expect(formatNip('')).toBe('')
    expect(formatNip('1985031220100110034')).toBe('1985031220100110034')
    expect(formatNip('A198503122010011003')).toBe('A198503122010011003')
  })
})

describe('normaliseNip', () => {
  it('removes every whitespace character, and reads a missing cell of an import file as empty', () => {
    expect(normaliseNip(' 19850312\t201001 1\u00a0003\n')).toBe('198503122010011003')
    // Import rows come from CSV/XLSX files: a cell can be missing or a number at run time.
    expect(normaliseNip(undefined as unknown as string)).toBe('')
    expect(normaliseNip(1985031220 as unknown as string)).toBe('')
  })
})

describe('makeNip', () => {
  it('builds the example NIP', () => {
    expect(
      makeNip({
        birthDate: new Date(Date.UTC(1985, 2, 12)),
        tmtYear: 2010,
        tmtMonth: 1,
        sex: 'L',
        sequence: 3,
      }),
    ).toBe('198503122010011003')
    expect(
      makeNip({
        birthDate: new Date(Date.UTC(1990, 11, 25)),
        tmtYear: 2015,
        tmtMonth: 3,
        sex: 'P',
        sequence: 999,
      }),
    ).toBe('199012252015032999')
  })

  it('refuses parts that do not fit their digits', () => {
    const base = {
      birthDate: new Date(Date.UTC(1985, 2, 12)),
      tmtYear: 2010,
      tmtMonth: 1,
      sex: 'L' as const,
      sequence: 3,
    }
    expect(() => makeNip({ ...base, sequence: 1000 })).toThrow(RangeError)
    expect(() => makeNip({ ...base, sequence: -1 })).toThrow(RangeError)
    expect(() => makeNip({ ...base, sequence: 1.5 })).toThrow(RangeError)
    expect(() => makeNip({ ...base, tmtMonth: 100 })).toThrow(RangeError)
    expect(() => makeNip({ ...base, tmtYear: 10000 })).toThrow(RangeError)
    expect(() => makeNip({ ...base, birthDate: new Date(NaN) })).toThrow(RangeError)
    // A valid date whose year needs five digits does not fit either.
    expect(() => makeNip({ ...base, birthDate: new Date(Date.UTC(10000, 0, 1)) })).toThrow(
      RangeError,
    )
    expect(makeNip({ ...base, birthDate: new Date(Date.UTC(9999, 11, 31)) })).toMatch(/^99991231/)
  })
})

// Valid PNS parts relative to `today`: birth 1940-01-01 .. 2008-10-31 (UTC midnight), TMT any month
// from max(month after the 18th birthday, 01/1960) up to the current month.
const validParts = fc
  .record({
    birthDay: fc.integer({
      min: Date.UTC(1940, 0, 1) / DAY_MS,
      max: Date.UTC(2008, 9, 31) / DAY_MS,
    }),
    sex: fc.constantFrom<'L' | 'P'>('L', 'P'),
    sequence: fc.integer({ min: 1, max: 999 }),
  })
  .chain(({ birthDay, sex, sequence }) => {
    const birthDate = new Date(birthDay * DAY_MS)
    const earliest = Math.max(
      (birthDate.getUTCFullYear() + 18) * 12 + birthDate.getUTCMonth() + 1,
      1960 * 12,
    )
    return fc.integer({ min: earliest, max: TODAY_MONTH_INDEX }).map((tmt) => ({
      birthDate,
      tmtYear: Math.floor(tmt / 12),
      tmtMonth: (tmt % 12) + 1,
      sex,
      sequence,
    }))
  })

const digitString = (minLength: number, maxLength: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength, maxLength }).map((ds) => ds.join(''))

const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
const nonDigitChar = anyChar.filter((c) => !/^[0-9]$/.test(c) && normaliseNip(c) !== '')

describe('NIP properties', () => {
  it('every NIP built from valid parts validates and round-trips the parts', () => {
    fc.assert(
      fc.property(validParts, (p) => {
        const nip = makeNip(p)
        expect(nip).toMatch(/^[0-9]{18}$/)
        const r = validateNip(nip, { today })
        expect(r).toEqual({
          ok: true,
          kind: 'PNS',
          nip,
          birthDate: p.birthDate,
          tmtCpns: { year: p.tmtYear, month: p.tmtMonth },
          sex: p.sex,
          sequence: p.sequence,
        })
        // The grouped form means the same NIP.
        expect(validateNip(formatNip(nip), { today })).toEqual(r)
      }),
      { numRuns: 500 },
    )
  })

  it('whatever validates as PNS is rebuilt exactly by makeNip from its parsed parts', () => {
    const nearlyValid = fc.oneof(
      validParts.map(makeNip),
      validParts.chain((p) =>
        fc
          .tuple(fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789'))
          .map(([at, d]) => {
            const nip = makeNip(p)
            return nip.slice(0, at) + d + nip.slice(at + 1)
          }),
      ),
      digitString(18, 18),
    )
    fc.assert(
      fc.property(nearlyValid, (nip) => {
        const r = validateNip(nip, { today })
        if (r.ok && r.kind === 'PNS') {
          expect(
            makeNip({
              birthDate: r.birthDate,
              tmtYear: r.tmtCpns.year,
              tmtMonth: r.tmtCpns.month,
              sex: r.sex,
              sequence: r.sequence,
            }),
          ).toBe(nip)
          expect(r.birthDate.getTime()).toBeLessThanOrEqual(today.getTime())
        } else {
          expect(r.ok).toBe(false)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('a sex digit other than 1 or 2 always fails with SEX', () => {
    fc.assert(
      fc.property(
        validParts,
        fc.constantFrom('0', '3', '4', '5', '6', '7', '8', '9'),
        (p, digit) => {
          const nip = makeNip(p)
          expect(codeOf(nip.slice(0, 14) + digit + nip.slice(15))).toBe('SEX')
        },
      ),
    )
  })

  it('a sequence of 000 always fails with SEQUENCE', () => {
    fc.assert(
      fc.property(validParts, (p) => {
        expect(codeOf(makeNip({ ...p, sequence: 0 }))).toBe('SEQUENCE')
      }),
    )
  })

  it('a TMT at or before the 18th-birthday month always fails with TMT_BEFORE_18', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1942, 0, 1) / DAY_MS, max: Date.UTC(2008, 9, 31) / DAY_MS }),
        fc.nat({ max: 240 }),
        (birthDay, monthsBefore) => {
          const birthDate = new Date(birthDay * DAY_MS)
          const tmt =
            (birthDate.getUTCFullYear() + 18) * 12 + birthDate.getUTCMonth() - monthsBefore
          fc.pre(tmt >= 1960 * 12)
          const nip = makeNip({
            birthDate,
            tmtYear: Math.floor(tmt / 12),
            tmtMonth: (tmt % 12) + 1,
            sex: 'P',
            sequence: 1,
          })
          expect(codeOf(nip)).toBe('TMT_BEFORE_18')
        },
      ),
    )
  })

  it('any string with a non-digit (other than whitespace) fails with NOT_DIGITS, for both kinds', () => {
    const withNonDigit = fc
      .tuple(fc.string({ unit: 'binary' }), nonDigitChar, fc.string({ unit: 'binary' }))
      .map(([a, c, b]) => a + c + b)
    fc.assert(
      fc.property(withNonDigit, fc.constantFrom<'PNS' | 'PPPK'>('PNS', 'PPPK'), (s, kind) => {
        expect(codeOf(s, { kind })).toBe('NOT_DIGITS')
      }),
      { numRuns: 500 },
    )
  })

  it('a valid NIP with one character replaced by a non-digit fails with NOT_DIGITS', () => {
    fc.assert(
      fc.property(validParts, fc.integer({ min: 0, max: 17 }), nonDigitChar, (p, at, ch) => {
        const nip = makeNip(p)
        expect(codeOf(nip.slice(0, at) + ch + nip.slice(at + 1))).toBe('NOT_DIGITS')
      }),
    )
  })

  it('digit strings of any other length fail with LENGTH, for both kinds', () => {
    const wrongLength = fc.oneof(digitString(1, 17), digitString(19, 40))
    fc.assert(
      fc.property(wrongLength, fc.constantFrom<'PNS' | 'PPPK'>('PNS', 'PPPK'), (s, kind) => {
        expect(codeOf(s, { kind })).toBe('LENGTH')
      }),
    )
  })

  it('every 18-digit string is a valid PPPK number', () => {
    fc.assert(
      fc.property(digitString(18, 18), (s) => {
        expect(validateNip(s, { kind: 'PPPK', today })).toEqual({ ok: true, kind: 'PPPK', nip: s })
      }),
    )
  })
})

describe('domain NIP rule: codes with parameters, no text', () => {
  it('returns a code and the values a message needs', async () => {
    const { validateNip: rule } = await import('~/domain/nip')
    expect(rule('19850312201001100', { today })).toEqual({
      ok: false,
      code: 'LENGTH',
      params: { length: '17' },
    })
    expect(rule('198503122003031003', { today })).toEqual({
      ok: false,
      code: 'TMT_BEFORE_18',
      params: { birth: '03/1985', earliest: '04/2003', tmt: '03/2003' },
    })
    expect(rule('', { today })).toEqual({ ok: false, code: 'EMPTY', params: {} })
  })

  it('"today" is the Jakarta date: born 1 January 2027 is future at 23:59 WIB, not at 00:00 WIB', async () => {
    const { validateNip: rule } = await import('~/domain/nip')
    // A NIP with birth date = the new day; TMT cannot be valid, so use the BIRTH_FUTURE check.
    const nip = '202701012045011001'
    expect(rule(nip, { today: new Date('2026-12-31T16:59:59Z') })).toMatchObject({
      code: 'BIRTH_FUTURE',
    })
    // From 17:00 UTC the birth date is today, no longer future: the next check (TMT) fails.
    expect(rule(nip, { today: new Date('2026-12-31T17:00:00Z') })).toMatchObject({
      code: 'TMT_FUTURE',
    })
  })

  it('renders the same failure in English', async () => {
    const { nipErrorMessage } = await import('~/utils/nip')
    expect(nipErrorMessage('LENGTH', { length: '17' }, 'en')).toBe(
      'A NIP has 18 digits; 17 digits were entered.',
    )
    expect(nipErrorMessage('LENGTH', { length: '17' })).toBe(
      'NIP harus terdiri dari 18 digit angka, sedangkan yang dimasukkan 17 digit.',
    )
  })
})
