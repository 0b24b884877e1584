import { describe, expect, it } from 'vitest'
import { attemptPercent, isAnswered, isPass, normaliseText, scoreAnswer } from '~/domain/scoring'
import { finalGrade, quizPassed } from '~/domain/grading-method'

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

describe('scoring details', () => {
  it('multiple answers: partial credit is asymmetric (a wrong tick costs 1/(n-k), not 1/k)', () => {
    // 1 correct of 4: a right tick earns 1, each wrong tick costs 1/3.
    const m = q('MULTIPLE', {
      points: 3,
      options: [
        { id: 'a', correct: true },
        { id: 'b', correct: false },
        { id: 'c', correct: false },
        { id: 'd', correct: false },
      ],
    })
    expect(scoreAnswer(m, { optionIds: ['a'] })).toBe(3)
    expect(scoreAnswer(m, { optionIds: ['a', 'b'] })).toBe(2)
    expect(scoreAnswer(m, { optionIds: ['a', 'b', 'c'] })).toBe(1)
    expect(scoreAnswer(m, { optionIds: ['a', 'b', 'c', 'd'] })).toBe(0)
    expect(scoreAnswer(m, { optionIds: [] })).toBe(0)
    expect(scoreAnswer(m, {})).toBe(0)
    // 3 correct of 4: each right tick earns 1/3, the one wrong tick costs everything.
    const m3 = q('MULTIPLE', {
      points: 1,
      options: [
        { id: 'a', correct: true },
        { id: 'b', correct: true },
        { id: 'c', correct: true },
        { id: 'd', correct: false },
      ],
    })
    expect(scoreAnswer(m3, { optionIds: ['a'] })).toBe(0.333)
    expect(scoreAnswer(m3, { optionIds: ['a', 'b'] })).toBe(0.667)
    expect(scoreAnswer(m3, { optionIds: ['a', 'b', 'c', 'd'] })).toBe(0)
    // An option id of another question counts for nothing.
    expect(scoreAnswer(m3, { optionIds: ['a', 'zz'] })).toBe(0.333)
  })

  it('multiple answers with no wrong options: ticking all is full marks', () => {
    const all = q('MULTIPLE', {
      points: 2,
      options: [
        { id: 'a', correct: true },
        { id: 'b', correct: true },
      ],
    })
    expect(scoreAnswer(all, { optionIds: ['a', 'b'] })).toBe(2)
  })

  it('single choice: an unknown id, or no options, scores 0', () => {
    const single = q('SINGLE', { points: 2 })
    expect(scoreAnswer(single, { optionIds: ['zz'] })).toBe(0)
    expect(scoreAnswer(single, { optionIds: [] })).toBe(0)
    expect(scoreAnswer(single, {})).toBe(0)
    expect(scoreAnswer(single, { optionIds: ['a'] })).toBe(2)
    expect(scoreAnswer(q('TRUE_FALSE', { points: 2 }), { optionIds: ['c'] })).toBe(2)
  })

  it('short answer: no text or no accepted answers scores 0', () => {
    expect(scoreAnswer(q('SHORT', { acceptedAnswers: ['x'] }), {})).toBe(0)
    expect(scoreAnswer(q('SHORT', { acceptedAnswers: [''] }), { text: '   ' })).toBe(0)
    expect(scoreAnswer(q('SHORT', { points: 4, acceptedAnswers: ['Ｘ'] }), { text: 'x' })).toBe(4)
  })

  it('numeric: the tolerance bound is inclusive; no tolerance means exact; no key scores 0', () => {
    const exact = q('NUMERIC', { points: 2, numericAnswer: 6_600_000, tolerance: null })
    expect(scoreAnswer(exact, { value: 6_600_000 })).toBe(2)
    expect(scoreAnswer(exact, { value: 6_600_000.01 })).toBe(0)
    expect(scoreAnswer(exact, { value: 6_599_999.99 })).toBe(0)
    expect(scoreAnswer(exact, {})).toBe(0)
    const tol = q('NUMERIC', { numericAnswer: 10, tolerance: 0.1 })
    expect(scoreAnswer(tol, { value: 10.1 })).toBe(1)
    expect(scoreAnswer(tol, { value: 9.9 })).toBe(1)
    expect(scoreAnswer(tol, { value: 10.100001 })).toBe(0)
    expect(scoreAnswer(q('NUMERIC', { numericAnswer: null }), { value: 0 })).toBe(0)
  })

  it('essay is null even without a response', () => {
    expect(scoreAnswer(q('ESSAY'), null)).toBeNull()
  })

  it('normaliseText folds case, width and whitespace', () => {
    expect(normaliseText('  Ａb\t C\n')).toBe('ab c')
  })

  it('isAnswered: empty ticks, blank text and no number are not answers', () => {
    expect(isAnswered(null)).toBe(false)
    expect(isAnswered(undefined)).toBe(false)
    expect(isAnswered({})).toBe(false)
    expect(isAnswered({ optionIds: [] })).toBe(false)
    expect(isAnswered({ text: '  ' })).toBe(false)
    expect(isAnswered({ value: null })).toBe(false)
    expect(isAnswered({ value: Number.NaN })).toBe(false)
    expect(isAnswered({ optionIds: ['a'] })).toBe(true)
    expect(isAnswered({ text: 'x' })).toBe(true)
    expect(isAnswered({ value: 0 })).toBe(true)
  })

  it('attempt percent and pass: a percent equal to the pass mark passes', () => {
    expect(attemptPercent(7, 10)).toBe(70)
    expect(attemptPercent(2, 3)).toBe(66.67)
    expect(attemptPercent(1, 3)).toBe(33.33)
    expect(attemptPercent(0, 0)).toBe(0)
    expect(isPass(70, 70)).toBe(true)
    expect(isPass(69.99, 70)).toBe(false)
    expect(isPass(70.01, 70)).toBe(true)
  })
})

describe('grading method details', () => {
  it('sorts by attempt number, not by array order', () => {
    const shuffled = [
      { number: 3, percent: 75 },
      { number: 1, percent: 60 },
      { number: 2, percent: 90 },
    ]
    expect(finalGrade('FIRST', shuffled)).toBe(60)
    expect(finalGrade('LAST', shuffled)).toBe(75)
    expect(finalGrade('HIGHEST', shuffled)).toBe(90)
    expect(
      finalGrade('AVERAGE', [
        { number: 1, percent: 70 },
        { number: 2, percent: 71 },
      ]),
    ).toBe(70.5)
    expect(
      finalGrade('AVERAGE', [
        { number: 1, percent: 0 },
        { number: 2, percent: 100 },
        { number: 3, percent: 100 },
      ]),
    ).toBe(66.67)
    for (const m of ['HIGHEST', 'LAST', 'FIRST', 'AVERAGE'] as const)
      expect(finalGrade(m, [])).toBeNull()
  })

  it('quizPassed: the final grade equal to the pass mark passes, one below does not', () => {
    const a = [
      { number: 1, percent: 70 },
      { number: 2, percent: 40 },
    ]
    expect(quizPassed('HIGHEST', a, 70)).toBe(true)
    expect(quizPassed('FIRST', a, 70)).toBe(true)
    expect(quizPassed('LAST', a, 70)).toBe(false)
    expect(quizPassed('AVERAGE', a, 55)).toBe(true)
    expect(quizPassed('AVERAGE', a, 55.01)).toBe(false)
    expect(quizPassed('HIGHEST', [], 0)).toBe(false)
  })
})

describe('boundaries the mutation run found untested', () => {
  it('LAST takes the last attempt even where it differs from the average', () => {
    const a = [
      { number: 1, percent: 40 },
      { number: 2, percent: 100 },
      { number: 3, percent: 60 },
    ]
    expect(finalGrade('LAST', a)).toBe(60)
    expect(finalGrade('AVERAGE', a)).toBe(66.67)
  })

  it('a blank or unreadable numeric answer scores 0 even when the key is 0', () => {
    const zero = q('NUMERIC', { numericAnswer: 0, tolerance: 0.5 })
    expect(scoreAnswer(zero, { text: '' })).toBe(0)
    expect(scoreAnswer(zero, { text: 'nol' })).toBe(0)
    expect(scoreAnswer(zero, {})).toBe(0)
    expect(scoreAnswer(zero, { text: '0,5' })).toBe(1)
    expect(scoreAnswer(zero, { text: '-0,5' })).toBe(1)
    expect(scoreAnswer(zero, { text: '0,51' })).toBe(0)
  })
})
