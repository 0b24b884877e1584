// Decision 010: a blank attempt is not evidence and cannot lower a level; a level with evidence
// below the threshold is "measured, level 1 not reached", never "not yet measured".
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { gradeAttempt, rateCompetency } from '~/models/grading.server'
import { competencyProfile } from '~/models/profile.server'
import { startAttempt, submitAttempt } from '~/models/quiz.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { COURSE, finishLessons, QUIZ, takeQuiz } from '../support/learning'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

async function rate(userId: string, attemptId: string) {
  await rateCompetency({ userId, attemptId })
  return prisma.competencyRating.findMany({
    where: { userId },
    orderBy: { competencyId: 'asc' },
    select: { competencyId: true, level: true },
  })
}

describe('evidence policy', () => {
  it('a blank retake writes no evidence and leaves every level as it was', async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    const good = await takeQuiz(u.id, true)
    const before = await rate(u.id, good)
    expect(before.length).toBeGreaterThan(0)
    expect(before.every((r) => r.level >= 1)).toBe(true)

    const { attemptId: blank } = await startAttempt(COURSE, QUIZ, u.id)
    await submitAttempt(blank, u.id, {})
    expect(await gradeAttempt({ attemptId: blank })).toMatchObject({ graded: true, percent: 0 })
    expect(await prisma.evidence.count({ where: { attemptId: blank } })).toBe(0)
    // The rating job was still recorded (so the sweep does not re-queue the attempt forever)...
    expect(
      await prisma.outboxMessage.count({
        where: { jobName: 'rateCompetency', payload: { path: ['attemptId'], equals: blank } },
      }),
    ).toBe(1)
    // ...and running it marks the attempt rated and changes no level.
    expect(await rate(u.id, blank)).toEqual(before)
    const attempt = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: blank } })
    expect(attempt.ratedAt).not.toBeNull()

    const profile = await competencyProfile(u.id)
    for (const b of before) {
      const row = profile.rows.find((r) => r.id === b.competencyId)!
      expect(row).toMatchObject({ measured: true, current: b.level })
      expect(row.levels.every((l) => l.attemptId === good)).toBe(true)
    }
  })

  it('answered but below 70% is measured as level 0, with the result per level shown', async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    const poor = await takeQuiz(u.id, false)
    const ratings = await rate(u.id, poor)
    expect(ratings.length).toBeGreaterThan(0)
    const profile = await competencyProfile(u.id)
    for (const r of ratings) {
      const row = profile.rows.find((x) => x.id === r.competencyId)!
      expect(row.measured).toBe(true)
      expect(row.current).toBe(0)
      expect(row.currentName).toBeNull()
      expect(row.levels.length).toBeGreaterThan(0)
      expect(row.levels[0]).toMatchObject({ reached: false, attemptId: poor })
    }
  })
})
