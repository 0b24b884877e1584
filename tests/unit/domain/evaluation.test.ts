import { describe, expect, it } from 'vitest'
import {
  isL3Due,
  isLikert,
  MIN_REPORT_GROUP,
  parseSurveyItems,
  prePostAttempts,
  revisionSignals,
  showsGroup,
  storedSurveyItems,
  summariseGain,
  summariseLikert,
} from '~/domain/evaluation'

const DAY = 24 * 3600 * 1000

describe('survey items', () => {
  it('reads one item per line, drops blanks, refuses duplicates, too many and too long', () => {
    expect(parseSurveyItems(' Satu \n\n  Dua  dua ')).toEqual({
      ok: true,
      items: [
        { key: 'i1', text: 'Satu' },
        { key: 'i2', text: 'Dua dua' },
      ],
    })
    expect(parseSurveyItems('A\na')).toEqual({ ok: false, reason: 'duplicate' })
    expect(parseSurveyItems(Array.from({ length: 12 }, (_, i) => `b${i}`).join('\n')).ok).toBe(true)
    expect(parseSurveyItems(Array.from({ length: 13 }, (_, i) => `b${i}`).join('\n'))).toEqual({
      ok: false,
      reason: 'tooMany',
    })
    expect(parseSurveyItems('x'.repeat(200)).ok).toBe(true)
    expect(parseSurveyItems('x'.repeat(201))).toEqual({ ok: false, reason: 'tooLong' })
    expect(storedSurveyItems([{ key: 'a', text: 'b' }])).toEqual([{ key: 'a', text: 'b' }])
    expect(storedSurveyItems([])).toBeNull()
    expect(storedSurveyItems([{ key: 1, text: 'b' }])).toBeNull()
  })

  it('accepts whole values 1 to 5 only', () => {
    expect([0, 1, 5, 6, 2.5, '3'].map(isLikert)).toEqual([false, true, true, false, false, false])
    expect(summariseLikert([1, 5, 5])).toEqual({ n: 3, mean: 11 / 3, counts: [1, 0, 0, 0, 2] })
    expect(summariseLikert([])).toEqual({ n: 0, mean: null, counts: [0, 0, 0, 0, 0] })
  })
})

describe('L2 gain', () => {
  const a = (id: string, quizId: string, number: number, percent: number) => ({
    id,
    quizId,
    number,
    percent,
  })
  it('pairs the first attempt on the pre-test with the last on the post-test', () => {
    const list = [a('3', 'q', 3, 90), a('1', 'q', 1, 20), a('2', 'q', 2, 60)]
    expect(prePostAttempts(list, 'q', 'q')).toEqual({ pre: list[1], post: list[0] })
    // One attempt is no pair.
    expect(prePostAttempts([a('1', 'q', 1, 20)], 'q', 'q')).toBeNull()
    // Separate quizzes: one attempt of each is a pair.
    const sep = [a('p', 'pre', 1, 30), a('x', 'post', 1, 80)]
    expect(prePostAttempts(sep, 'pre', 'post')).toEqual({ pre: sep[0], post: sep[1] })
    expect(prePostAttempts([a('x', 'post', 1, 80)], 'pre', 'post')).toBeNull()
  })

  it('averages raw and normalised gain, leaving out a full pre-test from the latter', () => {
    const s = summariseGain([
      { pre: 40, post: 70 },
      { pre: 100, post: 90 },
    ])
    expect(s.n).toBe(2)
    expect(s.gain).toBe(10)
    expect(s.normalisedGain).toBeCloseTo(0.5)
    expect(summariseGain([]).gain).toBeNull()
  })
})

describe('L3 due', () => {
  it('is due exactly delay days after completion, not a millisecond before', () => {
    const done = new Date('2026-01-01T00:00:00Z')
    expect(isL3Due(done, new Date(done.getTime() + 42 * DAY - 1), 42)).toBe(false)
    expect(isL3Due(done, new Date(done.getTime() + 42 * DAY), 42)).toBe(true)
  })
})

describe('L1 anonymity minimum', () => {
  it('shows a group of 5 responses and hides one of 4', () => {
    expect(MIN_REPORT_GROUP).toBe(5)
    expect(showsGroup(5)).toBe(true)
    expect(showsGroup(4)).toBe(false)
    expect(showsGroup(0)).toBe(false)
    expect(showsGroup(70_000)).toBe(true)
  })
})

describe('revision signals', () => {
  const base = {
    reaction: { mean: null, n: 0 },
    gain: { gain: null, n: 0 },
    flaggedQuestions: null,
    regulation: { ref: null, date: null },
    lastRevisionAt: null,
    now: new Date('2026-12-01T00:00:00Z'),
  }
  it('flags low reaction and low gain only with enough data, below the threshold', () => {
    expect(revisionSignals({ ...base, reaction: { mean: 3.49, n: 5 } })).toEqual([
      { kind: 'lowReaction', mean: 3.49, n: 5 },
    ])
    expect(revisionSignals({ ...base, reaction: { mean: 3.5, n: 5 } })).toEqual([])
    // The signal prints a mean: below the anonymity minimum it is not raised.
    expect(revisionSignals({ ...base, reaction: { mean: 1, n: 4 } })).toEqual([])
    expect(revisionSignals({ ...base, gain: { gain: 9.9, n: 3 } })[0]?.kind).toBe('lowGain')
    expect(revisionSignals({ ...base, gain: { gain: 10, n: 3 } })).toEqual([])
    expect(revisionSignals({ ...base, flaggedQuestions: 2 })).toEqual([
      { kind: 'flaggedQuestions', count: 2 },
    ])
  })

  it('flags a regulation five years old unless a revision after that checked it', () => {
    const regulation = { ref: 'UU 1/2021', date: new Date('2021-12-01T00:00:00Z') }
    expect(revisionSignals({ ...base, regulation })[0]).toEqual({
      kind: 'outdatedRegulation',
      ref: 'UU 1/2021',
      date: '2021-12-01',
    })
    expect(revisionSignals({ ...base, regulation, now: new Date('2026-11-30T23:59:59Z') })).toEqual(
      [],
    )
    expect(
      revisionSignals({ ...base, regulation, lastRevisionAt: new Date('2026-12-01T00:00:00Z') }),
    ).toEqual([])
    expect(
      revisionSignals({ ...base, regulation, lastRevisionAt: new Date('2026-11-01T00:00:00Z') }),
    ).toHaveLength(1)
  })
})
