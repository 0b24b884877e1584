// Forms of the question bank (builder, categories, quiz slots, import mapping). Client-safe:
// Conform validates with the same schemas in the browser and in the actions. Messages are i18n
// keys under bank.v.* (app/locales).
import { z } from 'zod'
import type { QuestionType } from '~/domain/scoring'
import { BANK_IMPORT_MAX_BYTES } from '~/domain/uploads'
import { text } from './common'

// The option texts of a true/false question (as app/domain/question-import.ts writes them).
const TRUE_TEXT = 'Benar'
const FALSE_TEXT = 'Salah'

export const QUESTION_TYPES = [
  'SINGLE',
  'MULTIPLE',
  'TRUE_FALSE',
  'SHORT',
  'NUMERIC',
  'ESSAY',
] as const satisfies readonly QuestionType[]

/** Name of the category questions without a category (top of a Moodle bank) go to. */
export const TOP_CATEGORY = 'Umum'

/** Option rows the builder shows (blank rows are ignored). */
export const OPTION_ROWS = 6

/** A decimal typed with a comma or a dot ("0,5" or "0.5"); no thousands separators. */
export function readDecimal(s: string | undefined): number | null {
  const v = (s ?? '').trim()
  if (!/^-?\d+([.,]\d+)?$/.test(v)) return null
  return Number(v.replace(',', '.'))
}

const decimal = (message: string) =>
  z
    .string({ required_error: message })
    .trim()
    .refine((s) => readDecimal(s) !== null, message)

const optionRow = z.object({
  text: text({ max: 2000 }).optional(),
  correct: z.boolean().optional(),
  feedback: text({ max: 2000 }).optional(),
})

export const questionFormSchema = z
  .object({
    categoryId: z.string({ required_error: 'bank.v.category' }).min(1, 'bank.v.category'),
    type: z.enum(QUESTION_TYPES, { errorMap: () => ({ message: 'bank.v.type' }) }),
    competencyId: z.string({ required_error: 'bank.v.competency' }).min(1, 'bank.v.competency'),
    level: z
      .number({ required_error: 'bank.v.level', invalid_type_error: 'bank.v.level' })
      .int('bank.v.level')
      .min(1, 'bank.v.level')
      .max(5, 'bank.v.level'),
    points: decimal('bank.v.points').refine((s) => {
      const n = readDecimal(s)!
      return n > 0 && n <= 100
    }, 'bank.v.points'),
    text: text({ required: 'bank.v.text', max: 20_000 }).pipe(z.string().min(5, 'bank.v.text')),
    feedback: text({ max: 5000 }).optional(),
    options: z.array(optionRow).max(OPTION_ROWS).default([]),
    tfAnswer: z.enum(['true', 'false']).optional(),
    tfFeedbackTrue: text({ max: 2000 }).optional(),
    tfFeedbackFalse: text({ max: 2000 }).optional(),
    acceptedAnswers: text({ max: 5000 }).optional(),
    numericAnswer: z.string().trim().max(50).optional(),
    tolerance: z.string().trim().max(50).optional(),
  })
  .superRefine((v, ctx) => {
    const fail = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message })
    const options = v.options.filter((o) => o.text)
    if (v.options.some((o) => !o.text && (o.correct || o.feedback)))
      fail('options', 'bank.v.optionWithoutText')
    const correct = options.filter((o) => o.correct).length
    if (v.type === 'SINGLE') {
      if (options.length < 2) fail('options', 'bank.v.twoOptions')
      else if (correct !== 1) fail('options', 'bank.v.oneCorrect')
    }
    if (v.type === 'MULTIPLE') {
      if (options.length < 3) fail('options', 'bank.v.threeOptions')
      else if (correct < 1) fail('options', 'bank.v.someCorrect')
    }
    if (v.type === 'TRUE_FALSE' && !v.tfAnswer) fail('tfAnswer', 'bank.v.tfAnswer')
    if (v.type === 'SHORT' && !answersOf(v.acceptedAnswers).length)
      fail('acceptedAnswers', 'bank.v.accepted')
    if (v.type === 'NUMERIC') {
      if (readDecimal(v.numericAnswer) === null) fail('numericAnswer', 'bank.v.numeric')
      const t = v.tolerance ? readDecimal(v.tolerance) : 0
      if (t === null || t < 0) fail('tolerance', 'bank.v.tolerance')
    }
  })

export type QuestionForm = z.infer<typeof questionFormSchema>

function answersOf(s: string | undefined) {
  return (s ?? '')
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean)
}

/** The form's values as question content (only the fields of its type). */
export function formToContent(v: QuestionForm) {
  const choice = v.type === 'SINGLE' || v.type === 'MULTIPLE'
  return {
    type: v.type,
    competencyId: v.competencyId,
    level: v.level,
    text: v.text.replace(/\r/g, ''),
    points: readDecimal(v.points)!,
    feedback: v.feedback?.replace(/\r/g, '') || null,
    options: choice
      ? v.options
          .filter((o) => o.text)
          .map((o) => ({
            text: o.text!,
            correct: Boolean(o.correct),
            feedback: o.feedback || null,
          }))
      : v.type === 'TRUE_FALSE'
        ? [
            { text: TRUE_TEXT, correct: v.tfAnswer === 'true', feedback: v.tfFeedbackTrue || null },
            {
              text: FALSE_TEXT,
              correct: v.tfAnswer === 'false',
              feedback: v.tfFeedbackFalse || null,
            },
          ]
        : [],
    acceptedAnswers: v.type === 'SHORT' ? answersOf(v.acceptedAnswers) : [],
    numericAnswer: v.type === 'NUMERIC' ? readDecimal(v.numericAnswer) : null,
    tolerance: v.type === 'NUMERIC' ? (v.tolerance ? readDecimal(v.tolerance) : 0) : null,
  }
}

export const categoryFormSchema = z.object({
  intent: z.literal('category'),
  name: text({ required: 'bank.v.categoryName', max: 200 })
    .pipe(z.string().min(2, 'bank.v.categoryName'))
    .refine((s) => !s.split('/').some((p) => !p.trim()), 'bank.v.categoryName'),
})

export const slotFormSchema = z.object({
  intent: z.literal('slot'),
  quizId: z.string({ required_error: 'bank.v.quiz' }).min(1, 'bank.v.quiz'),
  categoryId: z.string({ required_error: 'bank.v.category' }).min(1, 'bank.v.category'),
  drawCount: z
    .number({ required_error: 'bank.v.drawCount', invalid_type_error: 'bank.v.drawCount' })
    .int('bank.v.drawCount')
    .min(1, 'bank.v.drawCount')
    .max(100, 'bank.v.drawCount'),
})

// ---------------------------------------------------------------------------------------------
// Import (Moodle XML / GIFT): the upload that previews, then the mapping that confirms.

const importLevel = z
  .number({ invalid_type_error: 'bank.v.level', required_error: 'bank.v.level' })
  .int('bank.v.level')
  .min(1, 'bank.v.level')
  .max(5, 'bank.v.level')

/** A chosen file (the browser sends an empty, nameless one when none was chosen). */
const importFile = z
  .custom<File>(
    (v) => typeof File !== 'undefined' && v instanceof File && v.size > 0,
    'bank.v.file',
  )
  .optional()
  .superRefine((file, ctx) => {
    if (!file) ctx.addIssue({ code: 'custom', message: 'bank.v.file' })
    else if (file.size > BANK_IMPORT_MAX_BYTES)
      ctx.addIssue({ code: 'custom', message: 'bank.v.fileTooBig' })
  })

export const bankImportSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('preview'), file: importFile }),
  z.object({
    intent: z.literal('confirm'),
    format: z.enum(['moodle', 'gift'], { errorMap: () => ({ message: 'bank.v.mapping' }) }),
    // The previewed file, base64 (a third larger than the file).
    source: z
      .string({ required_error: 'bank.v.mapping' })
      .max(Math.ceil((BANK_IMPORT_MAX_BYTES * 4) / 3) + 4, 'bank.v.fileTooBig')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'bank.v.mapping'),
    defaultCompetencyId: z
      .string({ required_error: 'bank.v.competency' })
      .max(64, 'bank.v.competency'),
    defaultLevel: importLevel,
    map: z
      .array(
        z.object({
          category: z.string({ required_error: 'bank.v.mapping' }).max(500, 'bank.v.mapping'),
          competencyId: z.string().max(64, 'bank.v.competency').optional(),
          level: importLevel.optional(),
        }),
      )
      .max(500, 'bank.v.mapping')
      .default([]),
  }),
])
