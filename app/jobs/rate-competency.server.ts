// Recomputes an ASN's level in the competencies a graded attempt gave evidence for.
import { rateCompetency } from '~/models/grading.server'
import { prisma } from '~/utils/db.server'
import { rateCompetencyContract } from './contracts.server'
import { defineJob } from './define.server'

export const rateCompetencyJob = defineJob({
  ...rateCompetencyContract,
  concurrency: 10,
  handler: (p) => rateCompetency(p),
  recover: {
    // Graded a while ago and its evidence never folded into the ratings (`ratedAt`).
    find: (cutoff, limit) =>
      prisma.$queryRaw<{ userId: string; attemptId: string }[]>`
        SELECT "userId", id AS "attemptId" FROM "QuizAttempt"
        WHERE status = 'GRADED' AND "ratedAt" IS NULL
          AND "gradedAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        ORDER BY "gradedAt" LIMIT ${limit}`,
    rerunCompleted: true,
  },
})
