// Send one mail built from a database fact. The payload says what the mail is about, by id; the
// handler re-reads the row and sends nothing when the mail no longer makes sense (token used or
// expired; notification mailed already or its kind switched off), so a retried or duplicated job
// is harmless. Notification mails have a recovery sweep (lost jobs, dead senders); password-reset
// mails expire within minutes and have none.
import { deliverNotificationMail, unsentNotificationMails } from '~/models/notification.server'
import { deliverMail } from '~/models/password.server'
import { sendMailContract } from './contracts.server'
import { defineJob } from './define.server'

export const sendMailJob = defineJob({
  ...sendMailContract,
  concurrency: 5,
  handler: (p) =>
    p.kind === 'NOTIFICATION'
      ? deliverNotificationMail(p.subjectId)
      : deliverMail({ kind: p.kind, subjectId: p.subjectId }),
  recover: {
    // Notification mails relayed a while ago and neither sent nor skipped, with no live claim:
    // the job was lost with Redis or its worker died (docs/decisions/086). A job kept as
    // completed may have ended on another sender's claim that has lapsed since: re-run it.
    find: async (cutoff, limit) =>
      (await unsentNotificationMails(cutoff, limit)).map((subjectId) => ({
        kind: 'NOTIFICATION' as const,
        subjectId,
      })),
    rerunCompleted: true,
  },
})
