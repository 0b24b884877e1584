// Send one mail built from a database fact. The payload says what the mail is about, by id; the
// handler re-reads the row and sends nothing when the mail no longer makes sense (token used or
// expired; notification mailed already or its kind switched off), so a retried or duplicated job
// is harmless. Both kinds have a recovery sweep (lost jobs, dead senders): notification mails
// (decision 087) and password-reset mails while their link is usable (decision 096).
import { deliverNotificationMail, unsentNotificationMails } from '~/models/notification.server'
import { deliverMail, unsentResetMails } from '~/models/password.server'
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
    // Mails relayed a while ago and neither sent nor skipped, with no live claim: the job was
    // lost with Redis or its worker died (decisions 087, 096). A job kept as completed may have
    // ended on another sender's claim that has lapsed since: re-run it. Reset mails first: their
    // links expire within minutes.
    find: async (cutoff, limit) => {
      const resets = (await unsentResetMails(cutoff, limit)).map((subjectId) => ({
        kind: 'PASSWORD_RESET' as const,
        subjectId,
      }))
      const notices = (await unsentNotificationMails(cutoff, limit - resets.length)).map(
        (subjectId) => ({ kind: 'NOTIFICATION' as const, subjectId }),
      )
      return [...resets, ...notices]
    },
    rerunCompleted: true,
  },
})
