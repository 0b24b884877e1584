// What a course completion sets off. Each entry is one job recorded in the same statement as the
// completion (so it is never lost); add a follow-up with one line, e.g.
//   followUp(issueCertificateContract, (e) => ({ enrolmentId: e.id })),
// Declarative (job contract + payload), so the completion can write them in its single SQL
// statement (docs/decisions/071-cheaper-exam-path.md).
import type { JobContract, JobInput } from './define.server'
import {
  evaluationSurveyInviteContract,
  issueCertificateContract,
  notifyContract,
} from './contracts.server'

export interface CompletedEnrolment {
  id: string
  userId: string
  courseId: string
  completedAt: Date
}

export interface CompletionFollowUp {
  job: JobContract
  payload(enrolment: CompletedEnrolment): unknown
  /**
   * Run by the completion job itself, right after the completion commits (`runInPlace`), instead
   * of as one more BullMQ job: for short statements (decision 014). Slow work (a certificate PDF)
   * is relayed to its own job and worker.
   */
  inPlace: boolean
}

/** One follow-up: the job and its payload (checked against the job's payload type). */
function followUp<J extends JobContract>(
  job: J,
  payload: (e: CompletedEnrolment) => JobInput<J>,
  { inPlace = false }: { inPlace?: boolean } = {},
): CompletionFollowUp {
  return { job, payload, inPlace }
}

export const completionFollowUps: CompletionFollowUp[] = [
  followUp(
    notifyContract,
    (e) => ({ kind: 'COURSE_COMPLETED' as const, userId: e.userId, subjectId: e.id }),
    { inPlace: true },
  ),
  followUp(issueCertificateContract, (e) => ({ enrolmentId: e.id })),
  followUp(evaluationSurveyInviteContract, (e) => ({ enrolmentId: e.id }), { inPlace: true }),
]
