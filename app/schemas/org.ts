// Forms of the organisation tree page (admin) and the audit log filters. Messages are i18n keys
// (orgArea.form.*), translated by ErrorList.
import { z } from 'zod'
import { idSchema, text } from './common'

export const UNIT_KINDS = ['PROVINSI', 'OPD', 'BIDANG', 'SUBBAGIAN', 'UPTD', 'SEKSI'] as const

const unitId = z.string({ required_error: 'orgArea.form.pickParent' }).pipe(idSchema)

export const unitCodeSchema = z
  .string({ required_error: 'orgArea.form.codeRequired' })
  .trim()
  .toUpperCase()
  .min(1, 'orgArea.form.codeRequired')
  .max(40, 'orgArea.form.codeFormat')
  .regex(/^[A-Z0-9]+(?:[.-][A-Z0-9]+)*$/, 'orgArea.form.codeFormat')

const unitName = text({ required: 'orgArea.form.nameRequired', max: 200 }).pipe(
  z.string().min(2, 'orgArea.form.nameRequired'),
)

export const unitFormSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    parentId: unitId,
    code: unitCodeSchema,
    name: unitName,
    kind: z.enum(UNIT_KINDS, { errorMap: () => ({ message: 'orgArea.form.pickKind' }) }),
  }),
  z.object({ intent: z.literal('rename'), unitId: idSchema, name: unitName }),
  z.object({ intent: z.literal('move'), unitId: idSchema, parentId: unitId }),
  z.object({ intent: z.literal('close'), unitId: idSchema }),
])
export type UnitForm = z.infer<typeof unitFormSchema>

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined)

/** The audit log filters (GET): malformed values are dropped. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().max(100).optional().catch(undefined),
  action: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,80}$/)
    .optional()
    .catch(undefined),
  entity: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,80}$/)
    .optional()
    .catch(undefined),
  entityId: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,100}$/)
    .optional()
    .catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})
