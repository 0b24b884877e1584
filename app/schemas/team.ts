import { z } from 'zod'

/** The team search (GET): malformed values fall back to the defaults. */
export const teamSearchSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

/** The profile's target-position comparison (GET). */
export const profileTargetSchema = z.object({
  target: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
})
