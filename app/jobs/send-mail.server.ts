// Send one mail built from a database fact. The payload says what the mail is about, by id; the
// handler re-reads the row and sends nothing when the mail no longer makes sense (token used or
// expired; notification mailed already or its kind switched off), so a retried or duplicated job
// is harmless.
import { z } from 'zod'
import { deliverNotificationMail } from '~/models/notification.server'
import { deliverMail } from '~/models/password.server'
import { defineJob } from './define.server'

export const sendMailJob = defineJob({
  name: 'sendMail',
  payload: z.object({
    kind: z.enum(['PASSWORD_RESET', 'NOTIFICATION']),
    /** The PasswordResetToken id for PASSWORD_RESET; the Notification id for NOTIFICATION. */
    subjectId: z.string().min(1).max(100),
  }),
  options: { attempts: 6, backoff: { type: 'exponential', delay: 5_000 } },
  concurrency: 5,
  key: (p) => `${p.kind}.${p.subjectId}`,
  handler: (p) =>
    p.kind === 'NOTIFICATION'
      ? deliverNotificationMail(p.subjectId)
      : deliverMail({ kind: p.kind, subjectId: p.subjectId }),
})
