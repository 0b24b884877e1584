// Edge cases that pin messages, constants and generator output, so a changed rule is noticed.
import { describe, expect, it } from 'vitest'
import { attemptDeadline } from '~/domain/deadline'
import { jpFromMinutes } from '~/domain/jp'
import { seededRng } from '~/domain/layout'
import { makeNip, validateNip } from '~/domain/nip'
import { jakartaYear, toJakartaDateTimeInput } from '~/domain/time'

const base = {
  birthDate: new Date(Date.UTC(1985, 2, 12)),
  tmtYear: 2010,
  tmtMonth: 1,
  sex: 'L' as const,
  sequence: 3,
}

describe('error messages name the bad input', () => {
  it('JP, time', () => {
    expect(() => jpFromMinutes(90, 0)).toThrow(
      'jpFromMinutes: jpMinutes must be a positive integer, got 0',
    )
    expect(() => jakartaYear(new Date('x'))).toThrow('jakartaCalendar: invalid Date')
    expect(() => toJakartaDateTimeInput(new Date('x'))).toThrow(
      'toJakartaDateTimeInput: invalid Date',
    )
  })
  it('NIP', () => {
    expect(() => validateNip('198503122010011003', { today: new Date(NaN) })).toThrow(
      'validateNip: opts.today is an invalid Date',
    )
    expect(() => makeNip({ ...base, sequence: 1000 })).toThrow(
      'makeNip: sequence 1000 does not fit 3 digits',
    )
    expect(() => makeNip({ ...base, tmtMonth: 100 })).toThrow(
      'makeNip: tmtMonth 100 does not fit 2 digits',
    )
    expect(() => makeNip({ ...base, tmtYear: 10000 })).toThrow(
      'makeNip: tmtYear 10000 does not fit 4 digits',
    )
    expect(() => makeNip({ ...base, birthDate: new Date(NaN) })).toThrow(
      'makeNip: birthDate must be a valid date with a 4-digit year',
    )
    expect(() => makeNip({ ...base, sex: 'X' as never })).toThrow("makeNip: sex must be 'L' or 'P'")
    expect(makeNip({ ...base, sex: 'P', sequence: 999, tmtMonth: 12 })).toBe('198503122010122999')
  })
})

describe('seeded generator', () => {
  it('gives the same numbers for a seed (mulberry32)', () => {
    const r = seededRng(1)
    expect([r(1000), r(1000), r(1000), r(1000), r(1000), r(1000)]).toEqual([
      627, 2, 527, 981, 968, 281,
    ])
    const r2 = seededRng(42)
    expect([r2(1_000_000), r2(1_000_000), r2(1_000_000)]).toEqual([601103, 448290, 852465])
  })
})

describe('deadline', () => {
  it('a negative time limit is no time limit', () => {
    const startedAt = new Date('2026-06-01T00:00:00Z')
    expect(attemptDeadline({ startedAt, timeLimitSec: -60, closeAt: null })).toBeNull()
  })
})
