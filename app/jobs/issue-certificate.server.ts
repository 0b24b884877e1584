// Issue the certificate of a completed enrolment (recorded in the completion's transaction, see
// ./completion-follow-ups.server.ts). Idempotent: one certificate per enrolment, the PDF stored once.
// The holder's notification (and its mail's outbox row) is written in the statement that records
// the stored PDF (decision 105): no follow-up job runs here or in the exam path's worker.
import { issueCertificate } from '~/models/certificate.server'
import { env } from '~/utils/env.server'
import { issueCertificateContract } from './contracts.server'
import { defineJob } from './define.server'
import { yieldToGrading } from './yield.server'

export const issueCertificateJob = defineJob({
  ...issueCertificateContract,
  concurrency: env.CERT_CONCURRENCY,
  // Optional cap (decision 107); the niceness of a certificate process is the main yield.
  ...(env.CERT_PER_SECOND > 0 ? { limiter: { max: env.CERT_PER_SECOND, duration: 1000 } } : {}),
  // Learners first: while an exam's submissions wait to be graded, certificates wait (decision 098).
  ...yieldToGrading(env.CERT_YIELD_MAX_MS),
  handler: (p) => issueCertificate(p),
})
