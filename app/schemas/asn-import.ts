// The bulk ASN import forms (admin): the upload, the go-ahead, and the row list's page (GET).
import { z } from 'zod'
import { pageNumber } from './search'

export const IMPORT_MAX_BYTES = 25 * 1024 * 1024

export const importUploadSchema = z.object({
  file: z
    .instanceof(File, { message: 'screens.import.noFile' })
    .refine((f) => f.size > 0, 'screens.import.noFile')
    .refine((f) => f.size <= IMPORT_MAX_BYTES, 'screens.import.tooLarge'),
})

export const importApplySchema = z.object({
  mode: z.enum(['ALL', 'VALID_ONLY'], {
    errorMap: () => ({ message: 'screens.import.badChoice' }),
  }),
})

export const importRowsSchema = z.object({ page: pageNumber })
