// Recomputes an ASN's level in the competencies a graded attempt gave evidence for.
import { rateCompetencies } from '~/models/grading.server'
import { prisma } from '~/utils/db.server'
import { batched } from './batch.server'
import { rateCompetencyContract } from './contracts.server'
import { defineJob } from './define.server'

/** Concurrent ratings of this process (jobs and in-place runs) share two statements. */
const rate = batched(
  async (items: { userId: string; attemptId: string }[]) => {
    const levels = await rateCompetencies(items)
    return items.map((i) => ({ levels: levels.get(i.userId) ?? {} }))
  },
  { maxSize: 50, waitMs: 10 },
)

export const rateCompetencyJob = defineJob({
  ...rateCompetencyContract,
  concurrency: 10,
  handler: (p) => rate(p),
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
