// Recomputes an ASN's level in the competencies a graded attempt gave evidence for.
import { z } from 'zod'
import { rateCompetency } from '~/models/grading.server'
import { prisma } from '~/utils/db.server'
import { defineJob } from './define.server'

export const rateCompetencyJob = defineJob({
  name: 'rateCompetency',
  payload: z.object({ userId: z.string().min(1).max(100), attemptId: z.string().min(1).max(100) }),
  options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
  concurrency: 10,
  key: (p) => p.attemptId,
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
