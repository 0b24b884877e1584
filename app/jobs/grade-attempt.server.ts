// Scores a submitted quiz attempt (recorded by the submit, the overdue sweep or the last essay grade).
import { gradeAttempts } from '~/models/grading.server'
import { prisma } from '~/utils/db.server'
import { batched } from './batch.server'
import { gradeAttemptContract } from './contracts.server'
import { defineJob } from './define.server'
import { runInPlace } from './outbox.server'
import { noteGradingBatch } from './yield.server'

/** Concurrent gradings of this process share one read and one write statement (decision 011). */
const grade = batched(
  async (attemptIds: string[]) => {
    // A large batch: an exam's end is under way, background work keeps yielding (decision 109).
    noteGradingBatch(attemptIds.length)
    const results = await gradeAttempts(attemptIds, { inPlace: true })
    return attemptIds.map((id) => results.get(id)!)
  },
  // 200 ms (was 25, before that 10): when the workers keep up, as at the start of an exam's end,
  // batches of 20 instead of ~2-5, so fewer grading, rating and sent-mark statements per attempt
  // just when the web server needs the CPU most (decisions 014, 108). A grade is 0.2 s later.
  { maxSize: 20, waitMs: 200 },
)

export const gradeAttemptJob = defineJob({
  ...gradeAttemptContract,
  // Not more than the pool (DATABASE_POOL_MAX, 20): the in-place completions of a batch would
  // hold every connection and other jobs' transactions would time out (P2028; seen at 50).
  concurrency: 20,
  // The rating and the completion check recorded with the grade run here, in place (decision 071).
  handler: async (p) => {
    const { followUps, ...result } = await grade(p.attemptId)
    if (followUps?.length) await runInPlace(followUps)
    return result
  },
  recover: {
    // Submitted a while ago and still not graded.
    find: (cutoff, limit) =>
      prisma.$queryRaw<{ attemptId: string }[]>`
        SELECT id AS "attemptId" FROM "QuizAttempt"
        WHERE status = 'SUBMITTED' AND "submittedAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        ORDER BY "submittedAt" LIMIT ${limit}`,
    // An attempt graded again (its essays graded) re-uses the job id of its first grading.
    rerunCompleted: true,
  },
})
