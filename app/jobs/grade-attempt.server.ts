// Scores a submitted quiz attempt (recorded by the submit, the overdue sweep or the last essay grade).
import { gradeAttempt } from '~/models/grading.server'
import { prisma } from '~/utils/db.server'
import { gradeAttemptContract } from './contracts.server'
import { defineJob } from './define.server'

export const gradeAttemptJob = defineJob({
  ...gradeAttemptContract,
  concurrency: 20,
  handler: (p) => gradeAttempt({ attemptId: p.attemptId }),
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
