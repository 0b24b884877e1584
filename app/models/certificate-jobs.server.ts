// The one line course completion needs (kept apart from certificate.server.ts so the completion
// code does not load the PDF and signing libraries).
import type { Prisma } from '~/generated/prisma/client'
import { recordJob } from './outbox.server'

/** Called inside the completion transaction: the certificate job commits with the completion. */
export async function recordIssueCertificate(tx: Prisma.TransactionClient, enrolmentId: string) {
  return recordJob(tx, 'issueCertificate', { enrolmentId })
}
