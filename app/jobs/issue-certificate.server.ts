// Issue the certificate of a completed enrolment (recorded in the completion's transaction, see
// ./completion-follow-ups.server.ts). Idempotent: one certificate per enrolment, the PDF stored once.
import { z } from 'zod'
import { issueCertificate } from '~/models/certificate.server'
import { env } from '~/utils/env.server'
import { defineJob } from './define.server'

export const issueCertificateJob = defineJob({
  name: 'issueCertificate',
  payload: z.object({ enrolmentId: z.string().min(1).max(100) }),
  options: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } },
  concurrency: env.CERT_CONCURRENCY,
  key: (p) => p.enrolmentId,
  handler: (p) => issueCertificate(p),
})
