// Issue the certificate of a completed enrolment (recorded in the completion's transaction, see
// ./completion-follow-ups.server.ts). Idempotent: one certificate per enrolment, the PDF stored once.
import { issueCertificate } from '~/models/certificate.server'
import { env } from '~/utils/env.server'
import { issueCertificateContract } from './contracts.server'
import { defineJob } from './define.server'
import { runInPlace } from './outbox.server'

export const issueCertificateJob = defineJob({
  ...issueCertificateContract,
  concurrency: env.CERT_CONCURRENCY,
  // The holder's notification recorded with the stored PDF runs here, in place (decision 014):
  // in the certificate worker, not as one more job for the exam path's worker.
  handler: async (p) => {
    const { followUps, ...result } = await issueCertificate(p, { inPlace: true })
    if (followUps?.length) await runInPlace(followUps)
    return result
  },
})
