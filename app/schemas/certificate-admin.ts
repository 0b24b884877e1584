// The admin's certificate page: the search (GET) and the revocation form.
import { z } from 'zod'
import { REVOCATION_REASONS } from '~/domain/certificate'
import { searchText } from './search'

export const certificateSearchSchema = z.object({ q: searchText(100) })

export const revokeSchema = z.object({
  code: z
    .string({ required_error: 'certAdmin.codeRequired' })
    .trim()
    .min(1, 'certAdmin.codeRequired')
    .max(60, 'certAdmin.codeRequired'),
  reason: z.enum(REVOCATION_REASONS, { errorMap: () => ({ message: 'certAdmin.reasonRequired' }) }),
  note: z.string().trim().max(500, 'certAdmin.noteTooLong').default(''),
})
