// What a course completion sets off. Each entry records one job in the completion's transaction
// (so it is never lost); add a follow-up with one line, e.g.
//   (tx, e) => outboxInsert(tx, issueCertificateContract, { enrolmentId: e.id }),
import type { Prisma } from '~/generated/prisma/client'
import {
  evaluationSurveyInviteContract,
  issueCertificateContract,
  notifyContract,
} from './contracts.server'
import { outboxInsert } from './outbox.server'

export interface CompletedEnrolment {
  id: string
  userId: string
  courseId: string
  completedAt: Date
}

export type CompletionFollowUp = (
  tx: Prisma.TransactionClient,
  enrolment: CompletedEnrolment,
) => Promise<string>

export const completionFollowUps: CompletionFollowUp[] = [
  (tx, e) =>
    outboxInsert(tx, notifyContract, {
      kind: 'COURSE_COMPLETED',
      userId: e.userId,
      subjectId: e.id,
    }),
  (tx, e) => outboxInsert(tx, issueCertificateContract, { enrolmentId: e.id }),
  (tx, e) => outboxInsert(tx, evaluationSurveyInviteContract, { enrolmentId: e.id }),
]
