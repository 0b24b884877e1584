// The supervision dashboard's people filter (GET), shared by the browser and the loader.
import { z } from 'zod'
import { PEOPLE_FILTERS, type PeopleFilter } from '~/domain/supervision'
import { idSchema } from './common'
import { option, pageNumber } from './search'

export const peopleFilterSchema = z.object({
  /** A unit below the viewer's own (a hidden field after a drill-down); absent: their unit. */
  unit: z
    .string()
    .refine((v) => idSchema.safeParse(v).success, 'filter.unit')
    .optional(),
  filter: option(PEOPLE_FILTERS as [PeopleFilter, ...PeopleFilter[]]).default('all'),
  page: pageNumber,
  /** Keyset paging (decision 095): the page after / before this person of the list. */
  after: z
    .string()
    .refine((v) => idSchema.safeParse(v).success, 'filter.invalidValue')
    .optional(),
  before: z
    .string()
    .refine((v) => idSchema.safeParse(v).success, 'filter.invalidValue')
    .optional(),
})
