import { describe, expect, it } from 'vitest'
import { rateFromEvidence, scoreAnswer } from '~/models/grading.server'
import { finalGrade } from '~/models/quiz.server'

const q = (
  type: 'SINGLE' | 'MULTIPLE' | 'TRUE_FALSE' | 'SHORT' | 'NUMERIC' | 'ESSAY',
  extra: Partial<Parameters<typeof scoreAnswer>[0]> = {},
) => ({
  type,
  points: 1,
  acceptedAnswers: [],
  numericAnswer: null,
  tolerance: null,
  options: [
    { id: 'a', correct: true },
    { id: 'b', correct: false },
    { id: 'c', correct: true },
    { id: 'd', correct: false },
  ],
  ...extra,
})

describe('scoreAnswer', () => {
  it('single choice and true/false: full marks only for the one right option', () => {
    const single = q('SINGLE', {
      options: [
        { id: 'a', correct: true },
        { id: 'b', correct: false },
      ],
    })
    expect(scoreAnswer(single, { optionIds: ['a'] })).toBe(1)
    expect(scoreAnswer(single, { optionIds: ['b'] })).toBe(0)
    expect(scoreAnswer(single, { optionIds: ['a', 'b'] })).toBe(0)
    expect(scoreAnswer(single, null)).toBe(0)
    expect(
      scoreAnswer(
        q('TRUE_FALSE', {
          options: [
            { id: 't', correct: false },
            { id: 'f', correct: true },
          ],
        }),
        { optionIds: ['f'] },
      ),
    ).toBe(1)
  })

  it('multiple choice gives partial credit and penalises wrong picks, never below zero', () => {
    const m = q('MULTIPLE', { points: 2 })
    expect(scoreAnswer(m, { optionIds: ['a', 'c'] })).toBe(2)
    expect(scoreAnswer(m, { optionIds: ['a'] })).toBe(1)
    expect(scoreAnswer(m, { optionIds: ['a', 'b'] })).toBe(0)
    expect(scoreAnswer(m, { optionIds: ['a', 'c', 'b'] })).toBe(1)
    expect(scoreAnswer(m, { optionIds: ['b', 'd'] })).toBe(0)
    expect(scoreAnswer(m, { optionIds: ['a', 'b', 'c', 'd'] })).toBe(0)
  })

  it('short answers ignore case and spacing', () => {
    const s = q('SHORT', { acceptedAnswers: ['SP4N-LAPOR!', 'Lapor'] })
    expect(scoreAnswer(s, { text: '  sp4n-lapor! ' })).toBe(1)
    expect(scoreAnswer(s, { text: 'LAPOR' })).toBe(1)
    expect(scoreAnswer(s, { text: 'lapor  gubernur' })).toBe(0)
    expect(scoreAnswer(s, { text: '' })).toBe(0)
    expect(
      scoreAnswer(q('SHORT', { acceptedAnswers: ['kata sandi'] }), { text: 'Kata   Sandi' }),
    ).toBe(1)
  })

  it('numeric answers accept the tolerance either side', () => {
    const n = q('NUMERIC', { numericAnswer: 87.5, tolerance: 0.5 })
    expect(scoreAnswer(n, { value: 87.5 })).toBe(1)
    expect(scoreAnswer(n, { value: 88 })).toBe(1)
    expect(scoreAnswer(n, { value: 87 })).toBe(1)
    expect(scoreAnswer(n, { value: 88.01 })).toBe(0)
    expect(scoreAnswer(n, { value: null })).toBe(0)
  })

  it('leaves essays to a person', () => {
    expect(scoreAnswer(q('ESSAY'), { text: 'jawaban panjang' })).toBeNull()
  })
})

describe('finalGrade', () => {
  const attempts = [
    { number: 1, percent: 60 },
    { number: 2, percent: 90 },
    { number: 3, percent: 75 },
  ]
  it('follows the grading method', () => {
    expect(finalGrade('HIGHEST', attempts)).toBe(90)
    expect(finalGrade('FIRST', attempts)).toBe(60)
    expect(finalGrade('LAST', attempts)).toBe(75)
    expect(finalGrade('AVERAGE', attempts)).toBe(75)
    expect(finalGrade('HIGHEST', [])).toBeNull()
  })
})

describe('rateFromEvidence', () => {
  const now = new Date('2026-11-27T00:00:00Z')
  const ev = (
    id: string,
    daysAgo: number,
    byLevel: Record<string, { score: number; max: number }>,
  ) => ({
    id,
    attemptId: `att-${id}`,
    takenAt: new Date(now.getTime() - daysAgo * 86_400_000),
    byLevel,
  })

  it('is the highest level whose own and lower levels all meet the threshold', () => {
    const r = rateFromEvidence(
      [
        ev('1', 0, {
          '1': { score: 3, max: 3 },
          '2': { score: 3, max: 4 },
          '3': { score: 1, max: 3 },
        }),
      ],
      now,
    )
    expect(r.level).toBe(2)
    expect(r.perLevel['3']!.ratio).toBeCloseTo(1 / 3)
  })

  it('does not skip a failed lower level', () => {
    expect(
      rateFromEvidence([ev('1', 0, { '1': { score: 0, max: 2 }, '2': { score: 4, max: 4 } })], now)
        .level,
    ).toBe(0)
  })

  it('lets recent evidence outweigh old evidence', () => {
    const old = ev('old', 730, { '2': { score: 0, max: 4 } })
    const recent = ev('new', 0, { '2': { score: 3, max: 4 } })
    // Without decay the two would average to 37.5%; two half-lives make the old one weigh 1/4.
    const r = rateFromEvidence([old, recent], now)
    expect(r.perLevel['2']!.ratio).toBeCloseTo(3 / 5)
    expect(r.attempts.find((a) => a.attemptId === 'att-old')!.weight).toBeCloseTo(0.25)
    expect(
      rateFromEvidence(
        [ev('o', 730, { '2': { score: 0, max: 1 } }), ev('n', 0, { '2': { score: 4, max: 4 } })],
        now,
      ).level,
    ).toBe(2)
  })

  it('is level 0 without evidence', () => {
    expect(rateFromEvidence([], now).level).toBe(0)
  })
})
