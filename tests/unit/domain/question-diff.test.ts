// What the publish review says about a course's question bank (decision 111).
import { describe, expect, it } from 'vitest'
import {
  diffBank,
  questionChanges,
  questionName,
  type QuestionSnapshot,
} from '~/domain/question-diff'

const base: QuestionSnapshot = {
  type: 'SINGLE',
  text: '<p>Apa itu <b>SPBE</b>?</p>',
  points: 1,
  competencyId: 'k1',
  level: 2,
  feedback: null,
  acceptedAnswers: [],
  numericAnswer: null,
  tolerance: null,
  options: [
    { text: 'A', correct: true, feedback: null },
    { text: 'B', correct: false, feedback: null },
  ],
}

describe('questionChanges', () => {
  it('names only what changed', () => {
    expect(questionChanges(base, { ...base })).toEqual([])
    expect(questionChanges(base, { ...base, points: 2 })).toEqual(['points'])
    expect(questionChanges(base, { ...base, level: 3 })).toEqual(['competency'])
    expect(questionChanges(base, { ...base, feedback: 'Lihat Perpres 95/2018.' })).toEqual([
      'feedback',
    ])
  })

  it('a moved key is the answer, a reworded option is the options, reordering is nothing', () => {
    const flipped = base.options.map((o) => ({ ...o, correct: !o.correct }))
    expect(questionChanges(base, { ...base, options: flipped })).toEqual(['answer'])
    expect(questionChanges(base, { ...base, options: [...base.options].reverse() })).toEqual([])
    const reworded = [base.options[0]!, { ...base.options[1]!, text: 'C' }]
    expect(questionChanges(base, { ...base, options: reworded })).toEqual(['options'])
    // Rewording the right option changes the key's text as well.
    const rightReworded = [{ ...base.options[0]!, text: 'A2' }, base.options[1]!]
    expect(questionChanges(base, { ...base, options: rightReworded })).toEqual([
      'options',
      'answer',
    ])
    expect(
      questionChanges(
        { ...base, type: 'NUMERIC', options: [], numericAnswer: 11, tolerance: 0.5 },
        { ...base, type: 'NUMERIC', options: [], numericAnswer: 11, tolerance: 1 },
      ),
    ).toEqual(['answer'])
  })
})

describe('diffBank', () => {
  it('sorts entries into added, removed and changed by category and name', () => {
    const diff = diffBank([
      { questionId: 'q1', category: 'B', draft: base, published: null },
      { questionId: 'q2', category: 'A', draft: null, published: { ...base, text: 'Lama' } },
      { questionId: 'q3', category: 'A', draft: { ...base, text: 'Baru' }, published: base },
      { questionId: 'q4', category: 'A', draft: { ...base, text: 'Zebra' }, published: null },
    ])
    expect(diff.added).toEqual([
      { questionId: 'q4', name: 'Zebra', category: 'A' },
      { questionId: 'q1', name: 'Apa itu SPBE?', category: 'B' },
    ])
    expect(diff.removed).toEqual([{ questionId: 'q2', name: 'Lama', category: 'A' }])
    expect(diff.changed).toEqual([
      { questionId: 'q3', name: 'Baru', category: 'A', changes: ['text'] },
    ])
    expect(diff.empty).toBe(false)
    expect(diffBank([]).empty).toBe(true)
  })

  it('names a question by its text without markup, cut at 80 characters', () => {
    expect(questionName('<p>Satu&nbsp;dua</p>\n<p>tiga</p>')).toBe('Satu dua tiga')
    const long = 'x'.repeat(81)
    expect(questionName(long)).toBe(`${'x'.repeat(79)}…`)
    expect(questionName('y'.repeat(80))).toBe('y'.repeat(80))
  })
})
