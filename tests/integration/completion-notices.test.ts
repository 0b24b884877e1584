// The follow-ups of a course completion written in one statement per batch (decision 012): the
// COURSE_COMPLETED notification and the L1 survey invitation. Only for a completed enrolment, one
// per enrolment however often and however concurrently the jobs run, for the learner named.
import { afterAll, describe, expect, it } from 'vitest'
import { completeEnrolmentJob } from '~/jobs/complete-enrolment.server'
import { evaluationSurveyInviteJob } from '~/jobs/evaluation.server'
import { notifyJob } from '~/jobs/notify.server'
import { closeQueues } from '~/jobs/queue.server'
import { inviteToSurveys, SURVEY_NOTIFICATION } from '~/models/evaluation.server'
import { createCompletionNotifications } from '~/models/notification.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { COURSE, finishLessons, takeQuiz } from '../support/learning'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

async function enrolmentOf(userId: string) {
  return prisma.enrolment.findFirstOrThrow({
    where: { userId, course: { slug: COURSE } },
    select: { id: true, status: true, courseVersion: { select: { title: true, jp: true } } },
  })
}

/** A learner whose enrolment is completed (lessons done, quiz passed, completion run). */
async function completed() {
  const user = await createTestUser()
  await finishLessons(user.id)
  await takeQuiz(user.id, true)
  const e = await enrolmentOf(user.id)
  await completeEnrolmentJob.handler({ enrolmentId: e.id })
  expect((await enrolmentOf(user.id)).status).toBe('COMPLETED')
  return { user, enrolment: e }
}

/** A learner enrolled (lessons done) who has not passed the quiz: still ACTIVE. */
async function active() {
  const user = await createTestUser()
  await finishLessons(user.id)
  const e = await enrolmentOf(user.id)
  expect(e.status).toBe('ACTIVE')
  return { user, enrolment: e }
}

const notices = (userId: string, kind: string) =>
  prisma.notification.findMany({ where: { userId, kind } })

describe('completion notices in one statement', () => {
  it('notifies a completed enrolment once, with its course and JP, and never an active one', async () => {
    const a = await completed()
    const b = await active()
    // The completion's notify job may already have run through the relay; clear to test the rule.
    await prisma.notification.deleteMany({
      where: { userId: { in: [a.user.id, b.user.id] }, kind: 'COURSE_COMPLETED' },
    })
    const written = await createCompletionNotifications([
      { userId: a.user.id, subjectId: a.enrolment.id },
      { userId: a.user.id, subjectId: a.enrolment.id },
      { userId: b.user.id, subjectId: b.enrolment.id },
      { userId: 'no-such-user', subjectId: a.enrolment.id },
    ])
    expect([...written.keys()]).toEqual([a.enrolment.id])
    const [n, ...more] = await notices(a.user.id, 'COURSE_COMPLETED')
    expect(more).toHaveLength(0)
    expect(n!.id).toBe(written.get(a.enrolment.id))
    expect(n!.params).toEqual({
      course: a.enrolment.courseVersion.title,
      jp: a.enrolment.courseVersion.jp,
    })
    expect(n!.link).toBe(`/courses/${COURSE}`)
    expect(n!.dedupeKey).toBe(`COURSE_COMPLETED:${a.enrolment.id}`)
    expect(await notices(b.user.id, 'COURSE_COMPLETED')).toHaveLength(0)
    // Again: nothing more.
    expect(
      (await createCompletionNotifications([{ userId: a.user.id, subjectId: a.enrolment.id }]))
        .size,
    ).toBe(0)
    expect(await notices(a.user.id, 'COURSE_COMPLETED')).toHaveLength(1)
  })

  it('batched job runs: concurrent runs of one subject write one notice, and say so once', async () => {
    const a = await completed()
    const c = await completed()
    await prisma.notification.deleteMany({
      where: { userId: { in: [a.user.id, c.user.id] }, kind: 'COURSE_COMPLETED' },
    })
    const run = (u: typeof a) =>
      notifyJob.handler({ kind: 'COURSE_COMPLETED', userId: u.user.id, subjectId: u.enrolment.id })
    const results = await Promise.all([run(a), run(a), run(c)])
    expect(results.map((r) => (r as { created: boolean }).created)).toEqual([true, false, true])
    expect(await notices(a.user.id, 'COURSE_COMPLETED')).toHaveLength(1)
    expect(await notices(c.user.id, 'COURSE_COMPLETED')).toHaveLength(1)
  })

  it('invites a completed enrolment to the survey once, and never an active one', async () => {
    const a = await completed()
    const b = await active()
    await prisma.notification.deleteMany({
      where: { userId: { in: [a.user.id, b.user.id] }, kind: SURVEY_NOTIFICATION },
    })
    const results = await Promise.all([
      evaluationSurveyInviteJob.handler({ enrolmentId: a.enrolment.id }),
      evaluationSurveyInviteJob.handler({ enrolmentId: a.enrolment.id }),
      evaluationSurveyInviteJob.handler({ enrolmentId: b.enrolment.id }),
    ])
    expect(results.map((r) => (r as { created: boolean }).created)).toEqual([true, false, false])
    const [n, ...more] = await notices(a.user.id, SURVEY_NOTIFICATION)
    expect(more).toHaveLength(0)
    expect(n!.params).toEqual({ course: a.enrolment.courseVersion.title })
    expect(n!.link).toBe(`/evaluasi/survei/${COURSE}`)
    expect(await notices(b.user.id, SURVEY_NOTIFICATION)).toHaveLength(0)
    expect((await inviteToSurveys([a.enrolment.id, b.enrolment.id])).size).toBe(0)
  })
})
