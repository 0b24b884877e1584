// The course instructors page (admin): add an instructor by NIP or email, remove one.
import { z } from 'zod'

const courseId = z.string().min(1).max(100)

export const instructorAddSchema = z.object({
  intent: z.literal('add'),
  courseId,
  who: z
    .string({ required_error: 'instructors.whoRequired' })
    .trim()
    .min(1, 'instructors.whoRequired')
    .max(200, 'validation.tooLong'),
})

export const instructorRemoveSchema = z.object({
  intent: z.literal('remove'),
  courseId,
  userId: z.string().min(1).max(100),
})

export const instructorFormSchema = z.discriminatedUnion('intent', [
  instructorAddSchema,
  instructorRemoveSchema,
])
