// The sign-in form, shared by the browser (Conform) and the action. Messages are codes
// (errors.codes.login.*), shown in the reader's language.
import { z } from 'zod'

export const loginSchema = z.object({
  identifier: z
    .string({ required_error: 'login.identifierRequired' })
    .trim()
    .min(1, 'login.identifierRequired')
    .max(254, 'login.identifierTooLong')
    // Shape only (no look-up): whether an account exists is never told apart here.
    .refine(
      (v) => v.includes('@') || /^\d{18}$/.test(v.replace(/\s+/g, '')),
      'login.identifierShape',
    ),
  password: z
    .string({ required_error: 'login.passwordRequired' })
    .min(1, 'login.passwordRequired')
    .max(1024, 'login.passwordTooLong'),
  redirectTo: z.string().optional(),
})
