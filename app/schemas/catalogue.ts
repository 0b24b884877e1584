// The catalogue's filter form (GET), shared by the browser and the loader.
import { z } from 'zod'

export const AREA_VALUES = ['LITERASI_DIGITAL', 'MANAJEMEN_KEUANGAN', 'PELAYANAN_PUBLIK'] as const

/** Unknown or malformed values are dropped (a filter link must never fail). */
export const catalogueFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  area: z.enum(AREA_VALUES).optional().catch(undefined),
  competency: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,20}$/)
    .optional()
    .catch(undefined),
  maxJp: z.coerce.number().int().positive().max(200).optional().catch(undefined),
})

export type CatalogueFilterInput = z.infer<typeof catalogueFilterSchema>
