// One job definition (owned by "security"): send one mail built from a database fact. Client-safe
// (Zod only), so the contract list can include it; the handler is `deliverMail` in
// app/models/password.server.ts, registered by workers/processors.ts.
// Payload: what the mail is about, by id; the handler re-reads the row and sends nothing when the
// mail no longer makes sense (token used or expired), so a retried or duplicated job is harmless.
import { z } from 'zod'
import type { JobContract } from './contracts'

export const sendMailPayload = z.object({
  kind: z.enum(['PASSWORD_RESET']),
  /** The PasswordResetToken id for PASSWORD_RESET. */
  subjectId: z.string().min(1).max(100),
})

export const sendMailContract: JobContract<typeof sendMailPayload> = {
  queue: 'notifications',
  name: 'mail.send',
  payload: sendMailPayload,
  options: { attempts: 6, backoff: { type: 'exponential', delay: 5_000 } },
  jobId: (p) => `mail.${p.kind}.${p.subjectId}`,
}
