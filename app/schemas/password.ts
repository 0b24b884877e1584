// The password forms (change, and reset by link), shared by the browser (Conform) and the actions.
// Messages are i18n keys (security.*), shown in the reader's language by the form kit.
import { z } from 'zod'
import { PASSWORD_MAX_LENGTH } from '~/domain/password-policy'

/** A password field: required; far past the policy's maximum is refused without being read. */
const secret = z
  .string({ required_error: 'security.required' })
  .max(PASSWORD_MAX_LENGTH * 4, 'security.problem.TOO_LONG')

/** A new password typed twice: the second must repeat the first (the error sits on the second). */
function withNewPassword<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, newPassword: secret, confirmPassword: secret })
    .refine((v) => v.newPassword === v.confirmPassword, {
      path: ['confirmPassword'],
      message: 'security.mismatch',
    })
}

/** Settings → password: the current one, then the new one twice. */
export const changePasswordSchema = withNewPassword({ currentPassword: secret })

/** The reset page: the link's token (hidden), then the new password twice. */
export const resetPasswordSchema = withNewPassword({ token: z.string().max(200) })

/** The password fields never come back in a reply. */
export const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword']
