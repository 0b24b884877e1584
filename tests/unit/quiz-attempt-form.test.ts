// The exam submit parses with the coercion built once (app/utils/conform.ts): it must read every
// form exactly as Conform's per-call coercion of the shared schema does (browser side).
import { parseWithZod as conformParseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { ANSWER_MAX_CHARS, quizAttemptSchema } from '~/schemas/quiz-attempt'
import { parseWithZod } from '~/utils/conform'

function form(entries: [string, string][]) {
  const f = new FormData()
  for (const [k, v] of entries) f.append(k, v)
  return f
}
const both = (f: FormData) => {
  const perCall = conformParseWithZod(f, { schema: quizAttemptSchema })
  const once = parseWithZod(f, { schema: quizAttemptSchema })
  expect(once.status).toBe(perCall.status)
  expect(once.reply()).toEqual(perCall.reply())
  return once
}

describe('quiz answers form, coercion built once', () => {
  it('an empty or missing button saves; one shown question is a list of one', () => {
    for (const f of [
      form([['shown', 'q1']]),
      form([
        ['intent', ''],
        ['shown', 'q1'],
      ]),
    ]) {
      const s = both(f)
      expect(s.status === 'success' && s.value).toMatchObject({ intent: 'save', shown: ['q1'] })
    }
  })
  it('keeps the time-up flag and every answer field as sent', () => {
    const s = both(
      form([
        ['intent', 'submit'],
        ['auto', 'timeUp'],
        ['shown', 'q1'],
        ['shown', 'q2'],
        ['q_q1', 'a'],
        ['q_q2', 'b'],
        ['q_q2', 'c'],
      ]),
    )
    expect(s.status === 'success' && s.value).toMatchObject({
      intent: 'submit',
      auto: 'timeUp',
      shown: ['q1', 'q2'],
      q_q1: 'a',
      q_q2: ['b', 'c'],
    })
  })
  it('refuses an answer one character over the limit, and an unknown button, at their fields', () => {
    const atLimit = both(form([['q_q1', 'x'.repeat(ANSWER_MAX_CHARS)]]))
    expect(atLimit.status).toBe('success')
    const over = both(form([['q_q1', 'x'.repeat(ANSWER_MAX_CHARS + 1)]]))
    expect(over.status).toBe('error')
    expect(Object.keys(over.reply().error ?? {})).toEqual(['q_q1'])
    const button = both(form([['intent', 'hapus']]))
    expect(button.reply().error).toEqual({ intent: ['form.quizIntent'] })
  })
})
