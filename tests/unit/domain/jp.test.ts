import { describe, expect, it } from 'vitest'
import {
  checkCourseJp,
  countedJp,
  JP_MAX_PPPK,
  JP_TARGET_PNS,
  jpFromMinutes,
  jpProgress,
  jpRemaining,
  jpTarget,
  jpTargetKind,
  jpYear,
  requiredMinutes,
} from '~/domain/jp'

describe('JP targets', () => {
  it('PNS have a minimum of 20, PPPK a maximum of 24', () => {
    expect(JP_TARGET_PNS).toBe(20)
    expect(JP_MAX_PPPK).toBe(24)
    expect(jpTarget('PNS')).toBe(20)
    expect(jpTarget('PPPK')).toBe(24)
    expect(jpTargetKind('PNS')).toBe('minimum')
    expect(jpTargetKind('PPPK')).toBe('maximum')
  })

  it('a PPPK count stops at 24; a PNS count does not', () => {
    expect(countedJp('PPPK', 23)).toBe(23)
    expect(countedJp('PPPK', 24)).toBe(24)
    expect(countedJp('PPPK', 25)).toBe(24)
    expect(countedJp('PPPK', 30)).toBe(24)
    expect(countedJp('PNS', 30)).toBe(30)
    expect(countedJp('PNS', -3)).toBe(0)
    expect(countedJp('PPPK', -3)).toBe(0)
  })

  it('remaining and progress', () => {
    expect(jpRemaining('PNS', 19)).toBe(1)
    expect(jpRemaining('PNS', 20)).toBe(0)
    expect(jpRemaining('PNS', 26)).toBe(0)
    expect(jpRemaining('PPPK', 20)).toBe(4)
    expect(jpRemaining('PPPK', 30)).toBe(0)
    expect(jpProgress('PNS', 10)).toBe(0.5)
    expect(jpProgress('PNS', 40)).toBe(1)
    expect(jpProgress('PPPK', 12)).toBe(0.5)
    expect(jpProgress('PPPK', 0)).toBe(0)
  })
})

describe('JP year', () => {
  it('is the Jakarta calendar year: 23:59 WIB on New Year’s Eve vs 00:00 WIB (17:00 UTC)', () => {
    expect(jpYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026)
    expect(jpYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027)
    expect(jpYear(new Date('2027-01-01T00:00:00+07:00'))).toBe(2027)
    expect(jpYear(new Date('2026-12-31T23:59:00+07:00'))).toBe(2026)
  })
})

describe('JP from lesson minutes', () => {
  it('counts whole JP of jpMinutes minutes, rounding down', () => {
    expect(jpFromMinutes(270, 45)).toBe(6)
    expect(jpFromMinutes(269, 45)).toBe(5)
    expect(jpFromMinutes(45, 45)).toBe(1)
    expect(jpFromMinutes(44, 45)).toBe(0)
    expect(jpFromMinutes(80, 45)).toBe(1)
    expect(jpFromMinutes(120, 60)).toBe(2)
    expect(jpFromMinutes(0, 45)).toBe(0)
    expect(jpFromMinutes(-45, 45)).toBe(0)
    expect(jpFromMinutes(Number.NaN, 45)).toBe(0)
  })
  it('refuses a JP length that is not a positive whole number of minutes', () => {
    expect(() => jpFromMinutes(90, 0)).toThrow(RangeError)
    expect(() => jpFromMinutes(90, -45)).toThrow(RangeError)
    expect(() => jpFromMinutes(90, 45.5)).toThrow(RangeError)
    expect(jpFromMinutes(90, 1)).toBe(90)
  })
})

describe("a course's declared JP against its content (studio publish and pack import)", () => {
  const lessons = (...minutes: number[]) => minutes.map((m) => ({ minutes: m, required: true }))

  it('counts the required lessons only', () => {
    expect(requiredMinutes([...lessons(30, 15), { minutes: 60, required: false }])).toBe(45)
    expect(requiredMinutes([])).toBe(0)
  })

  it('accepts a JP of exactly the whole JP of the required minutes, at the boundary', () => {
    // 90 minutes = exactly 2 × 45: 2 JP; 89 minutes is 1 JP, so 2 JP is refused.
    expect(checkCourseJp(2, lessons(45, 45), 45)).toEqual({
      ok: true,
      jp: 2,
      minutes: 90,
      perJp: 45,
    })
    expect(checkCourseJp(2, lessons(45, 44), 45)).toEqual({
      ok: false,
      jp: 2,
      minutes: 89,
      expected: 1,
      perJp: 45,
      minutesFor: [90, 134],
    })
    expect(checkCourseJp(1, lessons(45, 44), 45)).toMatchObject({ ok: true, jp: 1 })
    // One minute below the next JP still is the lower one; the next JP starts at 135.
    expect(checkCourseJp(2, lessons(134), 45)).toMatchObject({ ok: true, jp: 2 })
    expect(checkCourseJp(2, lessons(135), 45)).toMatchObject({ ok: false, expected: 3 })
  })

  it('refuses a declared JP below what the content is worth too', () => {
    expect(checkCourseJp(1, lessons(90), 45)).toMatchObject({ ok: false, jp: 1, expected: 2 })
  })

  it('refuses a course worth no JP: 1 JP needs exactly JP_MINUTES required minutes', () => {
    expect(checkCourseJp(1, lessons(45), 45)).toMatchObject({ ok: true, jp: 1 })
    expect(checkCourseJp(1, lessons(44), 45)).toMatchObject({
      ok: false,
      expected: 0,
      minutesFor: [45, 89],
    })
    expect(checkCourseJp(0, lessons(44), 45)).toMatchObject({ ok: false, expected: 0 })
    // An optional lesson does not make up the difference.
    expect(checkCourseJp(1, [...lessons(44), { minutes: 60, required: false }], 45)).toMatchObject({
      ok: false,
      minutes: 44,
    })
  })

  it("follows the deployment's JP length", () => {
    expect(checkCourseJp(2, lessons(120), 60)).toMatchObject({ ok: true, jp: 2 })
    expect(checkCourseJp(2, lessons(119), 60)).toMatchObject({ ok: false, expected: 1 })
  })
})
