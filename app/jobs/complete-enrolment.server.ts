// Completes an enrolment whose required lessons are all done (recorded by grading, in the same
// statement as a passed attempt). Completion credits the JP and records the completion follow-ups
// (./completion-follow-ups.server.ts) in its own transaction.
import { maybeCompleteEnrolments } from '~/models/course.server'
import { prisma } from '~/utils/db.server'
import { batched } from './batch.server'
import { completeEnrolmentContract } from './contracts.server'
import { defineJob } from './define.server'
import { runInPlace } from './outbox.server'

/**
 * Concurrent completions of this process (the grading job's in-place runs at the end of an exam)
 * share one read and one write statement (decision 014). An enrolment twice in a batch: the
 * first run gets the result and the follow-ups to run; the other is told it completed nothing.
 */
const complete = batched(
  async (enrolmentIds: string[]) => {
    const results = await maybeCompleteEnrolments(enrolmentIds, { inPlace: true })
    const given = new Set<string>()
    return enrolmentIds.map((id) => {
      const r = results.get(id)!
      if (r instanceof Error) return r
      // The second run of one enrolment in a batch did not complete it.
      if (given.has(id)) return { completed: r.completed, newlyCompleted: false }
      given.add(id)
      return r
    })
  },
  { maxSize: 50, waitMs: 10 },
)

export const completeEnrolmentJob = defineJob({
  ...completeEnrolmentContract,
  concurrency: 10,
  // The completion's short follow-ups (notice, survey invitation) run here, in place, in the
  // process that completed it (decision 014); the certificate is relayed to its own worker.
  handler: async (p) => {
    const { followUps, ...result } = await complete(p.enrolmentId)
    if (followUps?.length) await runInPlace(followUps)
    return result
  },
  recover: {
    // Passed but not completed: an active enrolment with a quiz passed a while ago whose every
    // required lesson is done (quiz lessons: an attempt passed). Repairs a completion whatever lost
    // it (a lost job, an error, or an older version of this code).
    find: (cutoff, limit) =>
      prisma.$queryRaw<{ enrolmentId: string }[]>`
        SELECT e.id AS "enrolmentId" FROM "Enrolment" e
        WHERE e.status = 'ACTIVE'
          AND EXISTS (
            SELECT 1 FROM "QuizAttempt" a
            WHERE a."enrolmentId" = e.id AND a.status = 'GRADED' AND a.passed
              AND a."gradedAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC'))
          AND NOT EXISTS (
            SELECT 1 FROM "LessonVersion" lv
            WHERE lv."courseVersionId" = e."courseVersionId" AND lv.required
              AND NOT EXISTS (
                SELECT 1 FROM "LessonProgress" p
                WHERE p."enrolmentId" = e.id AND p."lessonId" = lv."lessonId" AND p."completedAt" IS NOT NULL)
              AND NOT (lv.kind = 'QUIZ' AND EXISTS (
                SELECT 1 FROM "QuizAttempt" a JOIN "Quiz" q ON q.id = a."quizId"
                WHERE q."lessonId" = lv."lessonId" AND a."userId" = e."userId"
                  AND a.status = 'GRADED' AND a.passed)))
        LIMIT ${limit}`,
    // The job id is the enrolment's: a check that ran while a lesson was still open (or before a
    // grade it needed was committed) is kept as completed; the work found due here runs again.
    rerunCompleted: true,
  },
})
