// The learner's L1 survey and the supervisor's L3 form, shared by the browser (Conform) and the
// actions. Messages are the evaluation codes the model also raises (errors.codes.evaluation.*).
import { z } from 'zod'
import { LIKERT_VALUES, MAX_COMMENT_LENGTH, parseSurveyItems } from '~/domain/evaluation'

const likert = (missing: string) =>
  z
    .number({ required_error: missing, invalid_type_error: missing })
    .int(missing)
    .min(LIKERT_VALUES[0], missing)
    .max(LIKERT_VALUES[LIKERT_VALUES.length - 1]!, missing)

const comment = z
  .string()
  .max(MAX_COMMENT_LENGTH, 'evaluation.commentTooLong')
  .refine((s) => !s.includes('\u0000'), 'validation.invalidText')
  .default('')

/** The field of one survey item. */
export const surveyField = (key: string) => `item-${key}`

/** The L1 survey of a course with these items: every item answered 1-5, an optional comment. */
export function surveySchema(itemKeys: string[]) {
  const items = Object.fromEntries(
    itemKeys.map((k) => [surveyField(k), likert('evaluation.itemMissing')]),
  )
  return z.object({ ...items, comment }).transform((v) => ({
    values: Object.fromEntries(
      itemKeys.map((k) => [k, (v as Record<string, unknown>)[surveyField(k)] as number]),
    ),
    comment: v.comment,
  }))
}

/** The L3 form: applied at work (1-5), behaviour changed (yes/no), an optional example. */
export const l3Schema = z.object({
  applied: likert('evaluation.appliedMissing'),
  changed: z
    .enum(['yes', 'no'], { errorMap: () => ({ message: 'evaluation.changedMissing' }) })
    .transform((v) => v === 'yes'),
  example: comment,
})

/** Marking a course's revision done (admin): the course and a note of what was revised. */
export const revisionDoneSchema = z.object({
  courseId: z.string({ required_error: 'input.invalid' }).max(100, 'input.invalid'),
  note: z
    .string({ required_error: 'evaluation.noteRequired' })
    .trim()
    .min(1, 'evaluation.noteRequired')
    .max(500, 'evaluation.noteRequired'),
})

/** A course's evaluation settings (instructor): survey items, pre/post-test, cited regulation. */
export const evalSettingsSchema = z.object({
  items: z
    .string()
    .max(5000, 'evaluation.items.tooLong')
    .default('')
    .superRefine((text, ctx) => {
      const parsed = parseSurveyItems(text)
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `evaluation.items.${parsed.reason}` })
    }),
  preQuizId: z.string().max(100, 'evaluation.unknownQuiz').default(''),
  postQuizId: z.string().max(100, 'evaluation.unknownQuiz').default(''),
  regulationRef: z.string().trim().max(200, 'validation.tooLong').default(''),
  regulationDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'evaluation.badDate')
    .optional()
    .transform((v) => v ?? ''),
})
