// Send one mail built from a database fact. The payload says what the mail is about, by id; the
// handler re-reads the row and sends nothing when the mail no longer makes sense (token used or
// expired), so a retried or duplicated job is harmless.
import { deliverMail } from '~/models/password.server'
import { sendMailContract } from './contracts.server'
import { defineJob } from './define.server'

export const sendMailJob = defineJob({
  ...sendMailContract,
  concurrency: 5,
  handler: (p) => deliverMail(p),
})
