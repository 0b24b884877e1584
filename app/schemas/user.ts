// The admin user form, shared by the browser (Conform) and the actions.
import { z } from 'zod'
import { nameSearchSchema } from './search'
import { validateNip } from '~/utils/nip'
import { text } from './common'

export const ROLES = ['ASN', 'INSTRUCTOR', 'SUPERVISOR', 'ADMIN'] as const
export const EMPLOYEE_KINDS = ['PNS', 'PPPK'] as const

const nipDigits = z
  .string({ required_error: 'validation.nip.EMPTY' })
  .max(40, 'validation.nip.LENGTH')
  .transform((s) => s.replace(/\s+/g, ''))

export const userFormSchema = z
  .object({
    employeeKind: z.enum(EMPLOYEE_KINDS, {
      errorMap: () => ({ message: 'validation.employeeKind' }),
    }),
    nip: nipDigits,
    name: text({ required: 'validation.nameRequired', max: 150 }).pipe(
      z.string().min(3, 'validation.nameMin'),
    ),
    email: text({ required: 'validation.emailRequired', max: 200 })
      .transform((s) => s.toLowerCase())
      .pipe(z.string().email('validation.email')),
    unitId: text({ required: 'validation.unitRequired', max: 64 }).pipe(
      z.string().min(1, 'validation.unitRequired'),
    ),
    jabatanId: text({ required: 'validation.jabatanRequired', max: 64 }).pipe(
      z.string().min(1, 'validation.jabatanRequired'),
    ),
    supervisorNip: z
      .string()
      .max(40, 'validation.nip.LENGTH')
      .optional()
      .transform((s) => (s ? s.replace(/\s+/g, '') : undefined)),
    roles: z
      .array(z.enum(ROLES, { errorMap: () => ({ message: 'validation.roles' }) }), {
        invalid_type_error: 'validation.roles',
      })
      .min(1, 'validation.roles')
      .default(['ASN']),
  })
  .superRefine((v, ctx) => {
    const r = validateNip(v.nip, { kind: v.employeeKind })
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['nip'], message: `validation.nip.${r.code}` })
  })

export type UserFormInput = z.infer<typeof userFormSchema>

export const userSearchSchema = nameSearchSchema
