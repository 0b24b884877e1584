// A grade an instructor gives (issue 13 items 6 and 7): the learner gets the GRADED notice in the
// app and, with the kind's email on, a mail through a real SMTP server (none when off); the scores
// and a regrade are audited with who, what, when, before and after, and the entries cannot be
// changed or removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSmtp } from '../support/smtp'

const { inbox, close: closeSmtp } = await startTestSmtp()

const { prisma } = await import('~/utils/db.server')
const { redis } = await import('~/utils/redis.server')
const { closeQueues } = await import('~/jobs/queue.server')
const { gradeEssays } = await import('~/models/essay-grading.server')
const { gradeAttempt } = await import('~/models/grading.server')
const { startAttempt, submitAttempt } = await import('~/models/quiz.server')
const notif = await import('~/models/notification.server')
const { requestRegrade, regradeQuiz } = await import('~/jobs/regrade-quiz.server')
const { createTestUser } = await import('../support/factories')
const { answersFor, COURSE, finishLessons, QUIZ } = await import('../support/learning')
const { addEssaySlot } = await import('../support/essay-slot')

// As in essay-grading.test.ts: an essay in a child category of the quiz's bank and a fixed slot,
// so every attempt started while this file runs holds it; afterAll removes the slot.
const fixture = { essayId: '', slotId: '', courseId: '', quizId: '', quizTitle: '' }

beforeAll(async () => {
  const added = await addEssaySlot({
    category: `Esai notifikasi ${Date.now()}`,
    text: 'Sebutkan satu tanda surel phishing.',
    contentHash: 'essay-notice-fixture',
  })
  Object.assign(fixture, {
    essayId: added.essayId,
    slotId: added.slotId,
    courseId: added.courseId,
    quizId: added.quizId,
    quizTitle: added.quizTitle,
  })
})

afterAll(async () => {
  if (fixture.slotId) await prisma.quizSlot.deleteMany({ where: { id: fixture.slotId } })
  await closeQueues()
  redis().disconnect()
  await closeSmtp()
})

async function teacher() {
  const u = await createTestUser({ roles: ['ASN', 'INSTRUCTOR'] })
  await prisma.courseInstructor.create({
    data: { courseId: fixture.courseId, userId: u.id, assignedBy: 'test' },
  })
  return { id: u.id, roles: u.roles }
}

/** An attempt with every answer right and the essay answered, waiting for the instructor. */
async function waitingAttempt(learnerId: string) {
  await finishLessons(learnerId)
  const { attemptId } = await startAttempt(COURSE, QUIZ, learnerId)
  const answers = await answersFor(attemptId, true)
  answers[fixture.essayId] = { text: 'Pengirim meminta kata sandi lewat tautan.' }
  await submitAttempt(attemptId, learnerId, answers)
  await gradeAttempt({ attemptId })
  const a = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
  expect(a.status).toBe('NEEDS_GRADING')
  return attemptId
}

/** The GRADED notify job the grading recorded, run as the worker runs it. */
async function runGradedNotice(attemptId: string, userId: string) {
  const rows = await prisma.outboxMessage.findMany({
    where: { jobName: 'notify', payload: { path: ['subjectId'], equals: attemptId } },
    select: { payload: true },
  })
  expect(rows.map((r) => r.payload)).toEqual([{ kind: 'GRADED', userId, subjectId: attemptId }])
  return notif.createNotificationFromJob({ kind: 'GRADED', userId, subjectId: attemptId })
}

function decoded(raw: string) {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
}

describe('the GRADED notice of an essay grade', () => {
  it('reaches the learner in the app and by email; with the kind off, in the app only', async () => {
    const grader = await teacher()
    const on = await createTestUser()
    const off = await createTestUser()
    // "off" keeps every other kind on: only GRADED is switched off.
    await notif.saveNotificationPreferences(
      off.id,
      notif.EMAIL_KINDS.filter((k) => k !== 'GRADED'),
    )

    for (const learner of [on, off]) {
      const attemptId = await waitingAttempt(learner.id)
      // Nothing is said before the grade exists.
      expect(
        await prisma.notification.count({ where: { userId: learner.id, kind: 'GRADED' } }),
      ).toBe(0)
      await gradeEssays(attemptId, grader, { [fixture.essayId]: 1 })
      await gradeAttempt({ attemptId })
      const graded = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
      // Ten right answers of 1 point and the essay 1 of 2: 11 of 12.
      expect(graded).toMatchObject({ status: 'GRADED', score: 11, maxScore: 12, percent: 91.67 })

      const made = await runGradedNotice(attemptId, learner.id)
      const inApp = await prisma.notification.findFirstOrThrow({
        where: { userId: learner.id, kind: 'GRADED' },
      })
      expect(inApp).toMatchObject({
        params: { quiz: fixture.quizTitle, percent: 91.7 },
        link: `/quiz/${attemptId}`,
        readAt: null,
      })
      const sent = await notif.deliverNotificationMail(inApp.id)
      if (learner === on) {
        expect(made).toEqual({ created: true, notificationId: inApp.id, mailQueued: true })
        expect(sent).toEqual({ sent: true })
      } else {
        expect(made).toEqual({ created: true, notificationId: inApp.id, mailQueued: false })
        expect(sent).toEqual({ sent: false })
      }
      // Once: the job run again writes nothing more.
      expect(
        await notif.createNotificationFromJob({
          kind: 'GRADED',
          userId: learner.id,
          subjectId: attemptId,
        }),
      ).toEqual({ created: false })
    }

    const toOn = inbox.filter((m) => m.to.includes(on.email))
    expect(toOn).toHaveLength(1)
    const mail = decoded(toOn[0]!.raw)
    expect(mail).toContain(`Nilai keluar: ${fixture.quizTitle}`)
    // The percent as Indonesian writes it.
    expect(mail).toContain(`Nilai Anda untuk ${fixture.quizTitle} adalah 91,7%.`)
    expect(mail).toContain('https://bina.example.go.id/quiz/')
    expect(inbox.some((m) => m.to.includes(off.email))).toBe(false)
  })
})

describe('audit of grades', () => {
  it('an essay score is audited with the grader, the time, the score before and after; entries cannot change', async () => {
    const grader = await teacher()
    const learner = await createTestUser()
    const attemptId = await waitingAttempt(learner.id)
    const t0 = new Date()
    await gradeEssays(attemptId, grader, { [fixture.essayId]: 1.5 })
    const t1 = new Date()
    const entries = await prisma.auditLog.findMany({
      where: { entityType: 'QuizAttempt', entityId: attemptId },
    })
    expect(entries).toHaveLength(1)
    const e = entries[0]!
    expect(e).toMatchObject({ actorId: grader.id, action: 'attempt.gradeEssays' })
    expect(e.at.getTime()).toBeGreaterThanOrEqual(t0.getTime() - 5)
    expect(e.at.getTime()).toBeLessThanOrEqual(t1.getTime() + 5)
    // Before: the learner's answer, not scored by anyone; after: the score and who gave it.
    expect(e.before).toEqual([{ questionId: fixture.essayId, score: null, gradedBy: null }])
    expect(e.after).toEqual([{ questionId: fixture.essayId, score: 1.5, gradedBy: grader.id }])

    // Append-only at the database: the app's own connection can neither edit nor remove it.
    await expect(
      prisma.auditLog.update({ where: { id: e.id }, data: { after: { score: 2 } } }),
    ).rejects.toThrow(/append-only/)
    await expect(prisma.auditLog.deleteMany({ where: { id: e.id } })).rejects.toThrow(/append-only/)
    await expect(
      prisma.$executeRaw`UPDATE "AuditLog" SET "actorId" = NULL WHERE id = ${e.id}`,
    ).rejects.toThrow(/append-only/)
    expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: e.id } })).toEqual(e)
  })

  it('a regrade is audited when asked (settings) and when applied (each changed attempt before and after)', async () => {
    const grader = await teacher()
    const learner = await createTestUser()
    const attemptId = await waitingAttempt(learner.id)
    await gradeEssays(attemptId, grader, { [fixture.essayId]: 1 })
    await gradeAttempt({ attemptId })
    const quiz = await prisma.quiz.findUniqueOrThrow({
      where: { id: fixture.quizId },
      select: { passMark: true, gradingMethod: true },
    })
    // This attempt started under a pass mark of 100 (it failed at 91.67 %); the quiz's is lower.
    expect(quiz.passMark).toBeLessThan(91)
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { passMark: 100, passed: false },
    })

    const t0 = new Date()
    const { regradeId } = await requestRegrade(fixture.quizId, grader)
    const asked = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'quiz.regrade', entityId: fixture.quizId, actorId: grader.id },
      orderBy: { at: 'desc' },
    })
    expect(asked.after).toEqual({
      regradeId,
      passMark: quiz.passMark,
      gradingMethod: quiz.gradingMethod,
    })
    expect((await regradeQuiz({ regradeId })).changed).toBeGreaterThanOrEqual(1)
    const applied = await prisma.auditLog.findMany({
      where: { action: 'quiz.regrade.apply', entityId: fixture.quizId, at: { gte: t0 } },
    })
    expect(applied).toHaveLength(1)
    expect(applied[0]!.actorId).toBe(grader.id)
    const mine = (list: unknown) =>
      (list as { attemptId: string }[]).find((c) => c.attemptId === attemptId)
    expect(mine(applied[0]!.before)).toEqual({
      attemptId,
      passMark: 100,
      gradingMethod: quiz.gradingMethod,
      passed: false,
    })
    expect(mine(applied[0]!.after)).toEqual({
      attemptId,
      passMark: quiz.passMark,
      gradingMethod: quiz.gradingMethod,
      passed: true,
    })
    // A second run of the job changes and audits nothing more.
    expect(await regradeQuiz({ regradeId })).toEqual({ changed: 0 })
    expect(
      await prisma.auditLog.count({
        where: { action: 'quiz.regrade.apply', entityId: fixture.quizId, at: { gte: t0 } },
      }),
    ).toBe(1)
  })
})
