import { describe, expect, it } from 'vitest'
import {
  analyseItems,
  discriminationIndex,
  doesNotDiscriminate,
  facilityIndex,
  groupSize,
  itemFlags,
  MIN_ATTEMPTS,
  scoreDistribution,
  type AnalysedAttempt,
} from '~/domain/item-analysis'

/** n attempts with percents 0..100 spread evenly; `item(i, percent)` gives the item fraction. */
function cohort(n: number, item: (i: number, percent: number) => number): AnalysedAttempt[] {
  return Array.from({ length: n }, (_, i) => {
    const percent = Math.round((i / (n - 1)) * 100)
    return { percent, items: { q: item(i, percent) } }
  })
}

describe('facility index', () => {
  it('is the mean fraction earned', () => {
    expect(facilityIndex([1, 0, 1, 0.5])).toBe(0.625)
    expect(facilityIndex([])).toBe(0)
  })
})

describe('discrimination index (upper/lower 27 %)', () => {
  it('uses 27 % groups, rounded, at least one attempt', () => {
    expect(groupSize(10)).toBe(3)
    expect(groupSize(100)).toBe(27)
    expect(groupSize(2)).toBe(1)
  })

  it('is 1 when exactly the strong learners get the item right', () => {
    const rows = cohort(20, (_, p) => (p >= 50 ? 1 : 0)).map((a) => ({
      total: a.percent,
      item: a.items.q!,
    }))
    expect(discriminationIndex(rows)).toBe(1)
  })

  it('is negative when the weak learners do better (asymmetric: reversing flips the sign)', () => {
    const rows = cohort(20, (_, p) => (p < 50 ? 1 : 0)).map((a) => ({
      total: a.percent,
      item: a.items.q!,
    }))
    expect(discriminationIndex(rows)).toBe(-1)
  })

  it('compares only the tails: the middle does not count', () => {
    // 10 attempts: groups of 3. The top 3 right, the bottom 3 wrong, the middle 4 mixed.
    const rows = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map((total, i) => ({
      total,
      item: i < 3 ? 0 : i >= 7 ? 1 : i % 2,
    }))
    expect(discriminationIndex(rows)).toBe(1)
    // One of the top three wrong: (2/3) - 0.
    rows[9]!.item = 0
    expect(discriminationIndex(rows)).toBe(0.667)
  })

  it(`is not computed below ${MIN_ATTEMPTS} attempts (exact boundary)`, () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ total: i * 10, item: i >= n / 2 ? 1 : 0 }))
    expect(discriminationIndex(rows(MIN_ATTEMPTS - 1))).toBeNull()
    expect(discriminationIndex(rows(MIN_ATTEMPTS))).toBe(1)
  })
})

describe('flags', () => {
  it('flags negative and low discrimination as not discriminating, at the 0.2 boundary', () => {
    expect(itemFlags(0.5, -0.1)).toEqual(['negative'])
    expect(itemFlags(0.5, 0.199)).toEqual(['low'])
    expect(itemFlags(0.5, 0.2)).toEqual([])
    expect(doesNotDiscriminate({ flags: itemFlags(0.5, 0.199) })).toBe(true)
    expect(doesNotDiscriminate({ flags: itemFlags(0.5, 0.2) })).toBe(false)
  })

  it('flags items everyone or no one gets right, but not as non-discriminating without data', () => {
    expect(itemFlags(0.95, null)).toEqual(['tooEasy'])
    expect(itemFlags(0.1, null)).toEqual(['tooHard'])
    expect(doesNotDiscriminate({ flags: itemFlags(0.95, null) })).toBe(false)
  })
})

describe('analyseItems', () => {
  it('analyses each question over the attempts that drew it', () => {
    const attempts: AnalysedAttempt[] = [
      ...cohort(12, (_, p) => (p >= 50 ? 1 : 0)),
      { percent: 100, items: { other: 1 } },
    ]
    attempts[0]!.items.other = 0
    const stats = analyseItems(attempts)
    const q = stats.find((s) => s.questionId === 'q')!
    expect(q.attempts).toBe(12)
    expect(q.facility).toBe(0.5)
    expect(q.discrimination).toBe(1)
    expect(q.flags).toEqual([])
    const other = stats.find((s) => s.questionId === 'other')!
    expect(other.attempts).toBe(2)
    expect(other.discrimination).toBeNull()
  })

  it('flags an item answered at random', () => {
    const stats = analyseItems(cohort(20, (i) => (i % 4 < 2 ? 1 : 0)))
    expect(stats[0]!.discrimination).toBeLessThan(0.2)
    expect(doesNotDiscriminate(stats[0]!)).toBe(true)
  })
})

describe('score distribution', () => {
  it('puts each percent in its band, 100 in the last and 10 in the second', () => {
    const bands = scoreDistribution([0, 9.99, 10, 55, 100, 90])
    expect(bands.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2])
    expect(bands[9]).toEqual({ from: 90, to: 100, count: 2 })
  })
})
