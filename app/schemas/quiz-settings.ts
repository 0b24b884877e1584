// The quiz settings form's schema, client-safe: the browser (Conform) and the action parse with
// the same one. Messages are codes under errors.codes.quizSettings, with parameters where the
// text shows a value (`messageWith`, decision 041).
import { z } from 'zod'
import { GRADING_METHODS } from '~/domain/grading-method'
import { parseJakartaDateTime } from '~/domain/time'
import { messageWith } from '~/utils/errors'

export const REVIEW_KEYS = ['score', 'correct', 'feedback'] as const

export const PASS_MARK_MAX = 100
export const ATTEMPTS_MAX = 20
export const TIME_LIMIT_MINUTES_MAX = 600

type ReviewOptions = Record<(typeof REVIEW_KEYS)[number], boolean>
type GradingMethod = (typeof GRADING_METHODS)[number]

/** What the schema needs to know of a quiz's slots. */
export type SchemaSlot = {
  id: string
  kind: 'QUESTION' | 'CATEGORY'
  categoryName: string | null
  categoryQuestions: number
}

const Q = 'quizSettings.'

// ---------------------------------------------------------------------------------------------
// Validation (Zod, parsed with Conform's parseWithZod: empty text is undefined, numbers are
// coerced from text, a checked checkbox is "on" and an absent one is undefined)

export type DrawField = `draw_${string}`

/** The form field holding a category slot's draw count. */
export function drawField(slotId: string): DrawField {
  return `draw_${slotId}`
}

function integer(messages: { required?: string; invalid: string }, min: number, max: number) {
  return z
    .number({
      required_error: messages.required ?? messages.invalid,
      invalid_type_error: messages.invalid,
    })
    .int(messages.invalid)
    .min(min, messages.invalid)
    .max(max, messages.invalid)
}

const checkbox = z.boolean().default(false)
const reviewSchema = z
  .object({ score: checkbox, correct: checkbox, feedback: checkbox })
  .default({})

function wibDateTime(invalid: string) {
  return z
    .string()
    .transform((text, ctx) => {
      const date = parseJakartaDateTime(text)
      if (!date) {
        ctx.addIssue({ code: 'custom', message: invalid })
        return z.NEVER
      }
      return date
    })
    .optional()
}

function drawSchema(slot: Pick<SchemaSlot, 'categoryName' | 'categoryQuestions'>) {
  const n = slot.categoryQuestions
  const base = z.number({
    required_error: `${Q}drawRequired`,
    invalid_type_error: `${Q}drawInteger`,
  })
  if (n === 0)
    return base.refine(() => false, {
      message: `${Q}drawEmptyCategory`,
    })
  return base
    .int(`${Q}drawInteger`)
    .min(1, `${Q}drawMin`)
    .max(n, messageWith(`${Q}drawMax`, { max: n }))
}

export interface QuizSettingsValue {
  passMark: number
  attemptsAllowed: number
  gradingMethod: GradingMethod
  /** Seconds; null = no time limit. */
  timeLimitSec: number | null
  openAt: Date | null
  closeAt: Date | null
  shuffleQuestions: boolean
  shuffleOptions: boolean
  reviewAfterSubmit: ReviewOptions
  reviewAfterClose: ReviewOptions
  /** Draw count by category slot id. */
  draws: Record<string, number>
}

const settingsObject = z.object({
  passMark: integer(
    {
      required: `${Q}passMarkRequired`,
      invalid: `${Q}passMark`,
    },
    0,
    PASS_MARK_MAX,
  ),
  attemptsAllowed: integer(
    {
      required: `${Q}attemptsRequired`,
      invalid: `${Q}attempts`,
    },
    0,
    ATTEMPTS_MAX,
  ),
  gradingMethod: z.enum(GRADING_METHODS, {
    errorMap: () => ({ message: `${Q}method` }),
  }),
  timeLimitMinutes: integer({ invalid: `${Q}timeLimit` }, 1, TIME_LIMIT_MINUTES_MAX).optional(),
  openAt: wibDateTime(`${Q}openAt`),
  closeAt: wibDateTime(`${Q}closeAt`),
  shuffleQuestions: checkbox,
  shuffleOptions: checkbox,
  reviewAfterSubmit: reviewSchema,
  reviewAfterClose: reviewSchema,
})

/** Parsed fields: the fixed ones plus `draw_<slotId>` numbers. */
type ParsedFields = z.output<typeof settingsObject> & Record<string, unknown>

/**
 * The settings form's schema for a quiz with these slots: the fixed fields plus one
 * `draw_<slotId>` field per category slot, at most the number of questions its category holds.
 * Parses to a QuizSettingsValue.
 */
export function quizSettingsSchema(slots: SchemaSlot[]) {
  const categorySlots = slots.filter((s) => s.kind === 'CATEGORY')
  const drawShape: Record<string, z.ZodTypeAny> = Object.fromEntries(
    categorySlots.map((s) => [drawField(s.id), drawSchema(s)]),
  )
  return settingsObject
    .extend(drawShape)
    .superRefine((fields, ctx) => {
      const v = fields as ParsedFields
      if (v.openAt instanceof Date && v.closeAt instanceof Date && v.closeAt <= v.openAt)
        ctx.addIssue({
          code: 'custom',
          path: ['closeAt'],
          message: `${Q}closeBeforeOpen`,
        })
    })
    .transform((fields): QuizSettingsValue => {
      const v = fields as ParsedFields
      return {
        passMark: v.passMark,
        attemptsAllowed: v.attemptsAllowed,
        gradingMethod: v.gradingMethod,
        timeLimitSec: v.timeLimitMinutes != null ? v.timeLimitMinutes * 60 : null,
        openAt: v.openAt ?? null,
        closeAt: v.closeAt ?? null,
        shuffleQuestions: v.shuffleQuestions,
        shuffleOptions: v.shuffleOptions,
        reviewAfterSubmit: v.reviewAfterSubmit,
        reviewAfterClose: v.reviewAfterClose,
        draws: Object.fromEntries(categorySlots.map((s) => [s.id, v[drawField(s.id)] as number])),
      }
    })
}
