// The essay grading form: one score field per essay question, empty when it is graded later.
// Shared by the browser (Conform) and the action; the range per question is the model's check.
import { z } from 'zod'

export const SCORE_FIELD_PREFIX = 'score_'

/** The form field of a question's score. */
export const scoreField = (questionId: string) => `${SCORE_FIELD_PREFIX}${questionId}`

/** One score: empty (not graded now) or a number, with a decimal point or comma. */
const score = z
  .string()
  .trim()
  .max(20, 'screens.grading.scoreTooLong')
  .regex(/^-?\d+([.,]\d+)?$/, 'screens.grading.scoreNotNumber')
  .transform((v) => Number(v.replace(',', '.')))
  .optional()

/** The form for these questions; parses to the scores given, by question id. */
export function essayScoresSchema(questionIds: string[]) {
  return z
    .object(Object.fromEntries(questionIds.map((id) => [scoreField(id), score])))
    .transform((v) => {
      const scores: Record<string, number> = {}
      for (const id of questionIds) {
        const n = (v as Record<string, number | undefined>)[scoreField(id)]
        if (n !== undefined) scores[id] = n
      }
      return scores
    })
}
