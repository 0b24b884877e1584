// The certificate export forms: the supervisor's team, or one course (instructor, admin).
import { z } from 'zod'

export const certificateExportSchema = z.discriminatedUnion(
  'scope',
  [
    z.object({ scope: z.literal('TEAM') }),
    z.object({
      scope: z.literal('COURSE'),
      courseId: z
        .string({ required_error: 'validation.courseRequired' })
        .min(1, 'validation.courseRequired')
        .max(100, 'validation.courseRequired'),
    }),
  ],
  { errorMap: () => ({ message: 'input.invalid' }) },
)
