// Forms of the course studio (app/routes/studio.*). Messages are i18n keys.
import { z } from 'zod'
import { idSchema, text } from './common'

const title = text({ required: 'studio.validation.title', max: 200 }).pipe(
  z.string().min(3, 'studio.validation.title'),
)
const int = (min: number, max: number, message: string) =>
  z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message)

export const courseMetaSchema = z.object({
  title,
  summary: text({ required: 'studio.validation.summary', max: 2000 }).pipe(
    z.string().min(20, 'studio.validation.summary'),
  ),
  area: z.enum(['LITERASI_DIGITAL', 'MANAJEMEN_KEUANGAN', 'PELAYANAN_PUBLIK'], {
    errorMap: () => ({ message: 'studio.validation.area' }),
  }),
  jp: int(1, 200, 'studio.validation.jp'),
  passMark: int(1, 100, 'studio.validation.passMark').default(70),
})

const dir = z.enum(['up', 'down'])

export const courseActionSchema = z.discriminatedUnion('intent', [
  courseMetaSchema.extend({ intent: z.literal('meta') }),
  z.object({
    intent: z.literal('competency-set'),
    code: text({ max: 20 }).pipe(z.string().min(1, 'studio.validation.competency')),
    level: int(1, 5, 'studio.validation.level'),
  }),
  z.object({ intent: z.literal('competency-remove'), code: text({ max: 20 }) }),
  z.object({ intent: z.literal('module-add'), title }),
  z.object({ intent: z.literal('module-rename'), moduleId: idSchema, title }),
  z.object({ intent: z.literal('module-move'), moduleId: idSchema, dir }),
  z.object({ intent: z.literal('module-remove'), moduleId: idSchema }),
  z.object({
    intent: z.literal('lesson-add'),
    moduleId: idSchema,
    title,
    kind: z.enum(['TEXT', 'VIDEO', 'QUIZ'], {
      errorMap: () => ({ message: 'studio.validation.kind' }),
    }),
  }),
  z.object({ intent: z.literal('lesson-move'), lessonId: idSchema, dir }),
  z.object({ intent: z.literal('lesson-remove'), lessonId: idSchema }),
])

export const lessonActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('settings'),
    title,
    minutes: int(1, 600, 'studio.validation.minutes'),
    required: z
      .enum(['on', 'true'])
      .optional()
      .transform((v) => Boolean(v)),
    videoId: z.string().trim().max(64).optional(),
  }),
  z.object({
    intent: z.literal('content'),
    doc: z.string().optional(),
    markdown: z.string().optional(),
  }),
])

export const videoTitleSchema = title

/** The local and Mux upload forms: a title and a file (the file's bytes are judged server-side). */
export const videoUploadSchema = z.object({
  title: videoTitleSchema,
  file: z
    .custom<File>(
      (v) => typeof File !== 'undefined' && v instanceof File && v.size > 0,
      'studio.noFile',
    )
    .optional()
    .refine((v) => v !== undefined, 'studio.noFile'),
})

/** The publish confirmation: the preview's token (what the author saw is what gets published). */
export const publishSchema = z.object({
  token: z
    .string({ required_error: 'form.publishToken' })
    .trim()
    .regex(/^[\w-]{1,128}$/, 'form.publishToken'),
})

type Payload = Record<string, unknown>

/**
 * Which form of the course page a submission came from: the intent plus what it acts on. The
 * page gives each form this id and shows an action's reply on the form it came from only.
 */
export function courseFormKey(payload: Payload) {
  const part = (name: string) => (typeof payload[name] === 'string' ? String(payload[name]) : '')
  const intent = part('intent')
  const target =
    intent === 'competency-remove'
      ? part('code')
      : intent.startsWith('module-') && intent !== 'module-add'
        ? part('moduleId')
        : intent === 'lesson-add'
          ? part('moduleId')
          : intent.startsWith('lesson-')
            ? part('lessonId')
            : ''
  const dir = intent.endsWith('-move') ? part('dir') : ''
  return [intent || 'form', target, dir]
    .filter(Boolean)
    .join('-')
    .replace(/[^\w-]/g, '_')
}

/** The authoring page's Mux link form (an upload link for a video of the library). */
export const authoringVideoSchema = z.object({
  intent: z.literal('upload-video', { errorMap: () => ({ message: 'input.unknownIntent' }) }),
  title: z
    .string({ required_error: 'validation.videoTitle' })
    .trim()
    .min(3, 'validation.videoTitle')
    .max(200, 'validation.videoTitle'),
})
