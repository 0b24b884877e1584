// Building blocks of the GET forms (search and filters), shared by the browser and the loaders
// (parsed with Conform's parseWithZod: empty text is undefined, numbers are coerced). A value that
// does not fit gets a message saying it was ignored (errors.codes.filter.*); the loader then drops
// it (app/utils/search-params.server.ts), so a bad link never fails the page.
import { z } from 'zod'
import { messageWith } from '~/utils/errors'

const NUL = '\u0000'

/** Free search text. */
export function searchText(max = 200) {
  return z
    .string()
    .trim()
    .max(max, messageWith('filter.tooLong', { max }))
    .refine((s) => !s.includes(NUL), 'validation.invalidText')
    .optional()
}

/** One of a fixed list of options. */
export function option<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { errorMap: () => ({ message: 'filter.unknownOption' }) }).optional()
}

/** A value of a given shape (an action name, a record id). */
export function shaped(pattern: RegExp) {
  return z.string().trim().regex(pattern, 'filter.invalidValue').optional()
}

/** A page number, 1 when absent. */
export const pageNumber = z
  .number({ invalid_type_error: 'filter.page' })
  .int('filter.page')
  .min(1, 'filter.page')
  .max(100_000, 'filter.page')
  .default(1)

/** A calendar day, YYYY-MM-DD (a real date). */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'filter.date')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number]
    const date = new Date(Date.UTC(y, m - 1, d))
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  }, 'filter.date')
  .optional()

/** A people search by name or NIP with paging (GET): the team list and the admin's user list. */
export const nameSearchSchema = z.object({
  q: searchText(200),
  page: pageNumber,
})
