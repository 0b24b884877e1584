// The quiz form stores a numeric answer as typed plus the number it reads as, the Indonesian way,
// and grading scores what was stored (issue 9, point 3).
import { describe, expect, it } from 'vitest'
import { scoreAnswer } from '~/models/grading.server'
import { parseAnswers as responsesFromForm } from '~/models/quiz.server'

const layout = [{ questionId: 'n1', versionId: 'v1', optionIds: [] }]
const stored = (text: string) => {
  const form = new FormData()
  form.set('q_n1', text)
  return responsesFromForm(form, layout).n1!
}
const rupiah = {
  type: 'NUMERIC' as const,
  points: 1,
  acceptedAnswers: [],
  numericAnswer: 6_600_000,
  tolerance: 0,
  options: [],
}

describe('numeric answers from the quiz form', () => {
  it.each([
    ['6.600.000', 6_600_000],
    ['Rp 6.600.000', 6_600_000],
    ['Rp6.600.000', 6_600_000],
    ['6 600 000', 6_600_000],
  ])('"%s" is stored as %d and graded right', (text, value) => {
    const r = stored(text)
    expect(r).toEqual({ text, value })
    expect(scoreAnswer(rupiah, r)).toBe(1)
  })
  it('"5.250.000,50" and "1,5" keep their decimals', () => {
    expect(stored('5.250.000,50').value).toBe(5_250_000.5)
    expect(stored('1,5').value).toBe(1.5)
  })
  it('an ambiguous "6.600" is stored without a value and settled by the key at grading', () => {
    expect(stored('6.600')).toEqual({ text: '6.600', value: null })
    expect(scoreAnswer({ ...rupiah, numericAnswer: 6600 }, stored('6.600'))).toBe(1)
    expect(scoreAnswer(rupiah, stored('6.600'))).toBe(0)
  })
})
