// Forms of the organisation tree page (admin) and the audit log filters. Messages are i18n keys
// (orgArea.form.*), translated by ErrorList.
import { z } from 'zod'
import { idSchema, text } from './common'
import { day, pageNumber, searchText, shaped } from './search'

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

/** The audit log filters (GET): a malformed value is ignored with a message. */
export const auditFilterSchema = z.object({
  actor: searchText(100),
  action: shaped(/^[\w.-]{1,80}$/),
  entity: shaped(/^[\w.-]{1,80}$/),
  entityId: shaped(/^[\w.-]{1,100}$/),
  from: day,
  to: day,
  page: pageNumber,
})
