// The catalogue's filter form (GET), shared by the browser and the loader.
import { z } from 'zod'
import { option, searchText } from './search'

export const AREA_VALUES = ['LITERASI_DIGITAL', 'MANAJEMEN_KEUANGAN', 'PELAYANAN_PUBLIK'] as const

/** Unknown or malformed values are ignored with a message (a filter link must never fail). */
export const catalogueFilterSchema = z.object({
  q: searchText(200),
  area: option(AREA_VALUES),
  competency: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,20}$/, 'filter.unknownOption')
    .optional(),
  maxJp: z
    .number({ invalid_type_error: 'filter.maxJp' })
    .int('filter.maxJp')
    .min(1, 'filter.maxJp')
    .max(200, 'filter.maxJp')
    .optional(),
})

export type CatalogueFilterInput = z.infer<typeof catalogueFilterSchema>
