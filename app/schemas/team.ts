import { z } from 'zod'
import { nameSearchSchema } from './search'

/** The team search (GET): a malformed value is ignored with a message. */
export const teamSearchSchema = nameSearchSchema

/** The profile's target-position comparison (GET). */
export const profileTargetSchema = z.object({
  target: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'filter.unknownOption')
    .optional(),
})
