// The admin job page's retry form. The queue names come from the job list (server) or the
// loader's data (browser), so the same schema checks both sides without importing job modules.
import { z } from 'zod'

export function retrySchema(queueNames: readonly string[]) {
  return z.object({
    intent: z.literal('retry'),
    queue: z
      .string({ required_error: 'screens.jobs.unknownQueue' })
      .refine((q) => queueNames.includes(q), 'screens.jobs.unknownQueue'),
    jobId: z
      .string({ required_error: 'screens.jobs.emptyJobId' })
      .trim()
      .min(1, 'screens.jobs.emptyJobId')
      .max(300, 'screens.jobs.badRequest'),
  })
}
