// The quiz page's form (answer save, confirm, submit), client-safe: the browser (Conform) and the
// action parse with it. It checks only what needs no database: the button, the time-up flag and
// the shape and length of each answer. Which questions and options belong to the attempt is the
// model's check against the attempt's layout (app/models/quiz.server.ts parseAnswers), in the
// same statement as the save: the exam-end submit stays one round trip (decision 071).
import { z } from 'zod'
import { messageWith } from '~/utils/errors'

export const QUIZ_INTENTS = ['save', 'confirm', 'submit'] as const

/** Longest text answer the page sends (an essay); the model applies the same cap. */
export const ANSWER_MAX_CHARS = 20_000

/** The form field of a question's answer. */
export function answerField(questionId: string) {
  return `q_${questionId}`
}

const ID = /^[\w-]{1,64}$/
const ANSWER = /^q_([\w-]{1,64})$/

export const quizAttemptSchema = z
  .object({
    // A form sent without a button (Enter in a text answer in old browsers) saves, as before.
    intent: z
      .enum(QUIZ_INTENTS, { errorMap: () => ({ message: 'form.quizIntent' }) })
      .default('save'),
    auto: z.literal('timeUp', { errorMap: () => ({ message: 'form.quizIntent' }) }).optional(),
    shown: z
      .array(z.string().regex(ID, 'form.quizQuestion'))
      .max(500, 'form.quizQuestion')
      .default([]),
  })
  .passthrough()
  .superRefine((fields, ctx) => {
    for (const [name, value] of Object.entries(fields)) {
      // Other fields are not read (the model takes `q_<questionId>` of the attempt's questions).
      if (!ANSWER.test(name)) continue
      const values = Array.isArray(value) ? value : [value]
      if (values.some((v) => typeof v !== 'string' || v.length > ANSWER_MAX_CHARS))
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: messageWith('form.answerTooLong', { max: ANSWER_MAX_CHARS }),
        })
    }
  })
