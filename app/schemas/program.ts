// Forms of the program composition (AKPK) pages. Messages are i18n keys of the `program` section.
import { z } from 'zod'
import { PROGRAM_METHODS } from '~/domain/program'
import { text } from './common'

const date = z
  .string({ required_error: 'program.v.date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'program.v.date')
  .transform((s) => new Date(`${s}T00:00:00+07:00`))
  .refine((d) => !Number.isNaN(d.getTime()), 'program.v.date')

export const newProgramSchema = z.object({
  name: text({ required: 'program.v.name', max: 200 }).pipe(z.string().min(3, 'program.v.name')),
  year: z.coerce
    .number({ invalid_type_error: 'program.v.year' })
    .int('program.v.year')
    .min(2020, 'program.v.year')
    .max(2100, 'program.v.year'),
  scopeUnitId: z.string({ required_error: 'program.v.unit' }).min(1, 'program.v.unit').max(60),
})

export const itemSchema = z
  .object({
    courseId: z.string({ required_error: 'program.v.course' }).min(1, 'program.v.course').max(60),
    competencyId: z
      .string({ required_error: 'program.v.competency' })
      .min(1, 'program.v.competency')
      .max(60),
    targetUnitId: z.string({ required_error: 'program.v.unit' }).min(1, 'program.v.unit').max(60),
    targetJabatanId: z.string().max(60).optional(),
    onlyWithGap: z
      .enum(['on'])
      .optional()
      .transform((v) => v === 'on'),
    method: z.enum(PROGRAM_METHODS, { errorMap: () => ({ message: 'program.v.method' }) }),
    provider: text({ required: 'program.v.provider', max: 200 }).pipe(
      z.string().min(2, 'program.v.provider'),
    ),
    startsOn: date,
    endsOn: date,
    dueAt: date,
    jp: z.coerce
      .number({ invalid_type_error: 'program.v.jp' })
      .int('program.v.jp')
      .min(1, 'program.v.jp')
      .max(500, 'program.v.jp'),
    budget: z.coerce
      .number({ invalid_type_error: 'program.v.budget' })
      .int('program.v.budget')
      .min(0, 'program.v.budget')
      .max(1e13, 'program.v.budget')
      .default(0),
    fundingSource: text({ max: 200 }).default(''),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'program.v.endsBeforeStart' })
  .refine((v) => v.dueAt >= v.startsOn, { path: ['dueAt'], message: 'program.v.dueBeforeStart' })

export const exportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') })
