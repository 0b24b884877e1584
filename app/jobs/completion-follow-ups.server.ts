// What a course completion sets off. Each entry records one job in the completion's transaction
// (so it is never lost); add a follow-up with one line, e.g.
//   (tx, e) => outboxInsert(tx, issueCertificateJob, { enrolmentId: e.id }),
import type { Prisma } from '~/generated/prisma/client'
import { evaluationSurveyInviteJob } from './evaluation.server'
import { issueCertificateJob } from './issue-certificate.server'
import { notifyJob } from './notify.server'
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
    outboxInsert(tx, notifyJob, { kind: 'COURSE_COMPLETED', userId: e.userId, subjectId: e.id }),
  (tx, e) => outboxInsert(tx, issueCertificateJob, { enrolmentId: e.id }),
  (tx, e) => outboxInsert(tx, evaluationSurveyInviteJob, { enrolmentId: e.id }),
]
