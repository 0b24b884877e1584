import { describe, expect, it } from 'vitest'
import {
  fromJakartaWallClock,
  jakartaCalendar,
  jakartaDate,
  jakartaYear,
  jakartaYearRange,
  parseJakartaDateTime,
  PORTAL_TIME_ZONE,
  toJakartaDateTimeInput,
} from '~/domain/time'

describe('Jakarta calendar', () => {
  it('New Year in Jakarta is 17:00 UTC on 31 December', () => {
    // 23:59 WIB on New Year's Eve is still the old year...
    expect(jakartaYear(new Date('2026-12-31T16:59:59.999Z'))).toBe(2026)
    // ...00:00 WIB on 1 January (17:00 UTC the day before) is the new one.
    expect(jakartaYear(new Date('2026-12-31T17:00:00.000Z'))).toBe(2027)
    expect(jakartaCalendar(new Date('2026-12-31T17:00:00Z'))).toEqual({
      year: 2027,
      month: 1,
      day: 1,
    })
    expect(jakartaCalendar(new Date('2026-12-31T16:59:00Z'))).toEqual({
      year: 2026,
      month: 12,
      day: 31,
    })
  })

  it('gives the same day for every instant of it, whatever was asked before (the day is remembered)', () => {
    // Asked in an order that crosses the remembered day's edges both ways.
    const cases: [string, [number, number, number]][] = [
      ['2026-06-10T05:00:00.000Z', [2026, 6, 10]],
      ['2026-06-10T16:59:59.999Z', [2026, 6, 10]],
      ['2026-06-10T17:00:00.000Z', [2026, 6, 11]],
      ['2026-06-09T17:00:00.000Z', [2026, 6, 10]],
      ['2026-06-09T16:59:59.999Z', [2026, 6, 9]],
      ['2026-06-10T16:59:59.999Z', [2026, 6, 10]],
      ['2026-12-31T16:59:59.999Z', [2026, 12, 31]],
      ['2026-12-31T17:00:00.000Z', [2027, 1, 1]],
      ['2026-12-31T16:59:59.999Z', [2026, 12, 31]],
      ['2024-02-29T12:00:00.000Z', [2024, 2, 29]],
      ['2024-02-28T17:00:00.000Z', [2024, 2, 29]],
      ['2024-02-29T17:00:00.000Z', [2024, 3, 1]],
    ]
    for (const [at, [year, month, day]] of cases)
      expect(jakartaCalendar(new Date(at)), at).toEqual({ year, month, day })
    // A caller changing the answer it got does not change the next one.
    const got = jakartaCalendar(new Date('2026-06-10T05:00:00.000Z'))
    got.day = 99
    expect(jakartaCalendar(new Date('2026-06-10T06:00:00.000Z')).day).toBe(10)
  })

  it('does not depend on the server time zone (UTC midnight is 07:00 WIB the same day)', () => {
    expect(jakartaCalendar(new Date('2026-03-01T00:00:00Z'))).toEqual({
      year: 2026,
      month: 3,
      day: 1,
    })
    expect(jakartaCalendar(new Date('2026-02-28T16:59:59Z')).day).toBe(28)
    expect(jakartaCalendar(new Date('2026-02-28T17:00:00Z'))).toEqual({
      year: 2026,
      month: 3,
      day: 1,
    })
    expect(PORTAL_TIME_ZONE).toBe('Asia/Jakarta')
  })

  it('refuses an invalid date', () => {
    expect(() => jakartaYear(new Date('nope'))).toThrow(RangeError)
    expect(() => toJakartaDateTimeInput(new Date('nope'))).toThrow(RangeError)
    // The message names the function that was given it (a log line says where it came from).
    expect(() => jakartaDate(new Date('nope'))).toThrow('jakartaDate: invalid Date')
  })

  it('wall clock and year range', () => {
    expect(fromJakartaWallClock(2027, 1, 1).toISOString()).toBe('2026-12-31T17:00:00.000Z')
    expect(fromJakartaWallClock(2026, 3, 1, 8, 30, 15).toISOString()).toBe(
      '2026-03-01T01:30:15.000Z',
    )
    const r = jakartaYearRange(2026)
    expect(r.start.toISOString()).toBe('2025-12-31T17:00:00.000Z')
    expect(r.end.toISOString()).toBe('2026-12-31T17:00:00.000Z')
  })
})

describe('datetime-local in Jakarta time', () => {
  it('parses a wall-clock time as WIB', () => {
    expect(parseJakartaDateTime('2026-03-01T08:00')?.toISOString()).toBe('2026-03-01T01:00:00.000Z')
    expect(parseJakartaDateTime(' 2026-03-01 08:00:30 ')?.toISOString()).toBe(
      '2026-03-01T01:00:30.000Z',
    )
    expect(parseJakartaDateTime('2027-01-01T00:00')?.toISOString()).toBe('2026-12-31T17:00:00.000Z')
  })

  it('refuses impossible dates and times and years out of range', () => {
    for (const bad of [
      '2026-02-31T08:00',
      '2026-02-29T08:00',
      '2026-13-01T08:00',
      '2026-00-10T08:00',
      '2026-03-01T24:00',
      '2026-03-01T08:60',
      '2026-03-01T08:00:60',
      '2026-12-32T08:00',
      '2026-04-31T00:00',
      '2026-03-01T23:60',
      '2026-03-01T99:00',
      '2026-03-00T08:00',
      '1999-12-31T23:59',
      '2100-01-01T00:00',
      '2026-03-01',
      '01-03-2026 08:00',
      '',
    ])
      expect(parseJakartaDateTime(bad), bad).toBeNull()
    expect(parseJakartaDateTime('2028-02-29T08:00')).not.toBeNull()
    expect(parseJakartaDateTime('2026-03-01T08:00:59')?.toISOString()).toBe(
      '2026-03-01T01:00:59.000Z',
    )
    expect(parseJakartaDateTime('2026-03-01T08:00x')).toBeNull()
    expect(parseJakartaDateTime('x2026-03-01T08:00')).toBeNull()
    expect(parseJakartaDateTime('2000-01-01T00:00')).not.toBeNull()
    expect(parseJakartaDateTime('2099-12-31T23:59')).not.toBeNull()
    expect(parseJakartaDateTime('1990-01-01T00:00', { minYear: 1990 })).not.toBeNull()
    expect(parseJakartaDateTime('2101-01-01T00:00', { maxYear: 2101 })).not.toBeNull()
  })

  it('round-trips through the input value', () => {
    expect(toJakartaDateTimeInput(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01T00:00')
    expect(toJakartaDateTimeInput(new Date('2026-03-01T01:05:59Z'))).toBe('2026-03-01T08:05')
    expect(toJakartaDateTimeInput(null)).toBe('')
    expect(toJakartaDateTimeInput(undefined)).toBe('')
    const at = parseJakartaDateTime('2026-08-17T10:45')!
    expect(toJakartaDateTimeInput(at)).toBe('2026-08-17T10:45')
  })
})

describe('jakartaDate', () => {
  it('is the Jakarta day: 00:00 WIB is 17:00 UTC of the day before, 23:59 WIB still the same day', () => {
    expect(jakartaDate(new Date('2026-12-05T00:00:00+07:00'))).toBe('2026-12-05')
    expect(jakartaDate(new Date('2026-12-05T23:59:59.999+07:00'))).toBe('2026-12-05')
    expect(jakartaDate(new Date('2026-12-04T16:59:59.999Z'))).toBe('2026-12-04')
    expect(jakartaDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01')
    expect(() => jakartaDate(new Date(Number.NaN))).toThrow(RangeError)
  })
})
