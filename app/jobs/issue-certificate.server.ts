// Issue the certificate of a completed enrolment (recorded in the completion's transaction, see
// ./completion-follow-ups.server.ts). Idempotent: one certificate per enrolment, the PDF stored once.
import { issueCertificate } from '~/models/certificate.server'
import { env } from '~/utils/env.server'
import { issueCertificateContract } from './contracts.server'
import { defineJob } from './define.server'

export const issueCertificateJob = defineJob({
  ...issueCertificateContract,
  concurrency: env.CERT_CONCURRENCY,
  handler: (p) => issueCertificate(p),
})
