// The notification forms: mark read (one or all) and the email preferences.
import { z } from 'zod'
import { idSchema } from './common'

export const markReadSchema = z.object({
  id: z.union([z.literal('all'), idSchema], {
    errorMap: () => ({ message: 'notification.unknown' }),
  }),
})

/** Email on or off per kind; `kinds`: the kinds there are (the server's list, or the page's). */
export function emailPrefsSchema(kinds: readonly string[]) {
  return z.object({
    email: z.array(z.string().refine((k) => kinds.includes(k), 'input.invalid')).default([]),
  })
}
