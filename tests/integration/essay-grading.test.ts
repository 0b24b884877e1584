import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import {
  EssayGradingError,
  essayGradingView,
  gradeEssays,
  listAttemptsNeedingGrading,
} from '~/models/essay-grading.server'
import { gradeAttempt } from '~/models/grading.server'
import { startAttempt, submitAttempt, type Layout } from '~/models/quiz.server'
import { action as gradeAction, loader as gradeLoader } from '~/routes/authoring.grading.$attemptId'
import { loader as listLoader } from '~/routes/authoring.grading'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { startWorkers } from '../../workers/index'
import { answersFor, COURSE, finishLessons, QUIZ } from '../support/learning'
import { addEssaySlot } from '../support/essay-slot'
import { renderMessage } from '~/utils/messages'

// The course pack quiz draws 10 questions from the course's question bank (slot position 0). The
// essay gets a child category of that bank, so the draw never picks it, and a fixed slot
// (position 1) puts it in every attempt started while this file runs. Test files of one worker
// share a database clone, so afterAll removes both again.
const fixture = { categoryId: '', essayId: '', slotId: '', courseId: '' }

/** An instructor assigned to the course of the quiz (only they may grade its essays). */
async function teacher(roles: ('ASN' | 'INSTRUCTOR' | 'ADMIN')[]) {
  const u = await createTestUser({ roles })
  await prisma.courseInstructor.create({
    data: { courseId: fixture.courseId, userId: u.id, assignedBy: 'test' },
  })
  return u
}

beforeAll(async () => {
  const added = await addEssaySlot({
    category: `Esai uji ${Date.now()}`,
    text: 'Jelaskan dua langkah yang Anda ambil ketika menerima surel berisi tautan mencurigakan.',
    contentHash: 'essay-fixture',
  })
  expect(added.slotsBefore).toBe(1)
  Object.assign(fixture, {
    categoryId: added.categoryId,
    essayId: added.essayId,
    slotId: added.slotId,
    courseId: added.courseId,
  })
})

afterAll(async () => {
  // The essay stays in the bank (attempts point to it); the slot goes so other tests draw as before.
  if (fixture.slotId) await prisma.quizSlot.deleteMany({ where: { id: fixture.slotId } })
  await closeQueues()
  redis().disconnect()
})

const ESSAY_TEXT =
  'Pertama, saya tidak mengeklik tautannya.\n<b>Kedua</b>, saya melaporkannya ke tim keamanan.'

function gradeOutboxCount(attemptId: string) {
  return prisma.outboxMessage.count({
    where: { jobName: 'gradeAttempt', payload: { path: ['attemptId'], equals: attemptId } },
  })
}

async function snapshot(attemptId: string) {
  return {
    attempt: await prisma.quizAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { status: true, score: true, percent: true },
    }),
    answers: await prisma.attemptAnswer.findMany({
      where: { attemptId },
      orderBy: { questionId: 'asc' },
      select: { questionId: true, score: true, maxScore: true, gradedBy: true },
    }),
    outbox: await gradeOutboxCount(attemptId),
    evidence: await prisma.evidence.count({ where: { attemptId } }),
  }
}

async function waitForStatus(attemptId: string, status: string, ms = 10_000) {
  const until = Date.now() + ms
  for (;;) {
    const a = await prisma.quizAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { status: true },
    })
    if (a.status === status) return
    if (Date.now() > until) throw new Error(`attempt still ${a.status}, expected ${status}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function postScores(attemptId: string, cookie: string, fields: Record<string, string>) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.set(k, v)
  const request = new Request(`http://localhost/authoring/grading/${attemptId}`, {
    method: 'POST',
    body,
    headers: { Cookie: cookie },
  })
  return gradeAction({ request, params: { attemptId }, context: {} })
}

describe('essay grading', () => {
  it('holds an attempt with an essay until an instructor scores it, then grades it in full', async () => {
    const learner = await createTestUser()
    const grader = await teacher(['ASN', 'INSTRUCTOR'])
    const graderCookie = (await createSession(grader.id, {})).split(';')[0]!
    await finishLessons(learner.id)

    const { attemptId } = await startAttempt(COURSE, QUIZ, learner.id)
    const layout = (
      await prisma.quizAttempt.findUniqueOrThrow({
        where: { id: attemptId },
        select: { layout: true },
      })
    ).layout as Layout
    expect(layout).toHaveLength(11)
    const essayNumber = layout.findIndex((l) => l.questionId === fixture.essayId) + 1
    expect(essayNumber).toBeGreaterThan(0)
    const otherQuestionId = layout.find((l) => l.questionId !== fixture.essayId)!.questionId

    const answers = await answersFor(attemptId, true)
    answers[fixture.essayId] = { text: ESSAY_TEXT }
    await submitAttempt(attemptId, learner.id, answers)
    expect(await gradeOutboxCount(attemptId)).toBe(1)

    // The worker finds the essay: the attempt waits for a person, with no evidence yet.
    await gradeAttempt({ attemptId })
    expect((await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe(
      'NEEDS_GRADING',
    )
    expect(await prisma.evidence.count({ where: { attemptId } })).toBe(0)

    const { attempts } = await listAttemptsNeedingGrading(grader)
    const row = attempts.find((a) => a.id === attemptId)
    expect(row).toMatchObject({
      number: 1,
      learner: { name: learner.name, nip: learner.nip },
      essays: 1,
      ungradedEssays: 1,
    })
    const listed = await listLoader({
      request: new Request('http://localhost/authoring/grading', {
        headers: { Cookie: graderCookie },
      }),
      params: {},
      context: {},
    })
    expect(listed.list?.attempts.some((a) => a.id === attemptId)).toBe(true)

    const view = await essayGradingView(attemptId, grader)
    expect(view?.essays).toEqual([
      {
        questionId: fixture.essayId,
        number: essayNumber,
        text: expect.stringContaining('surel'),
        points: 2,
        answer: ESSAY_TEXT,
        score: null,
      },
    ])
    expect(JSON.stringify(view)).not.toMatch(/"correct"|acceptedAnswers|numericAnswer/)

    // Out of range, or not an essay: refused, and nothing is written.
    const before = await snapshot(attemptId)
    const tooHigh = await gradeEssays(attemptId, grader, { [fixture.essayId]: 2.5 }).catch((e) => e)
    expect(tooHigh).toBeInstanceOf(EssayGradingError)
    expect(renderMessage(tooHigh.message)).toBe(
      `Nilai soal nomor ${essayNumber} harus antara 0 dan 2.`,
    )
    expect(renderMessage(tooHigh.message, 'en')).toBe(
      `The score of question ${essayNumber} must be between 0 and 2.`,
    )
    const negative = await gradeEssays(attemptId, grader, { [fixture.essayId]: -1 }).catch((e) => e)
    expect(renderMessage(negative.message)).toMatch(new RegExp(`soal nomor ${essayNumber}`))
    const notEssay = await gradeEssays(attemptId, grader, { [otherQuestionId]: 1 }).catch((e) => e)
    expect(notEssay).toBeInstanceOf(EssayGradingError)
    expect(renderMessage(notEssay.message)).toMatch(/bukan soal esai/)
    const viaRoute = (await postScores(attemptId, graderCookie, {
      [`score_${fixture.essayId}`]: '3',
    })) as unknown as {
      data: { message: string; fieldErrors: Record<string, string> }
      init: { status: number }
    }
    expect(viaRoute.init.status).toBe(400)
    expect(renderMessage(viaRoute.data.fieldErrors[fixture.essayId]!)).toMatch(
      /harus antara 0 dan 2/,
    )
    expect(await snapshot(attemptId)).toEqual(before)

    // A valid score (from the form, with a decimal comma) completes the essays: SUBMITTED again, one more grading job.
    const saved = await postScores(attemptId, graderCookie, { [`score_${fixture.essayId}`]: '1,5' })
    expect(saved).toBeInstanceOf(Response)
    expect((saved as Response).status).toBe(302)
    expect((saved as Response).headers.get('Location')).toBe('/authoring/grading?saved=complete')
    expect((await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe(
      'SUBMITTED',
    )
    expect(await gradeOutboxCount(attemptId)).toBe(2)
    const essayAnswer = await prisma.attemptAnswer.findUniqueOrThrow({
      where: { attemptId_questionId: { attemptId, questionId: fixture.essayId } },
    })
    expect(essayAnswer).toMatchObject({
      score: 1.5,
      maxScore: 2,
      gradedBy: grader.id,
      response: { text: ESSAY_TEXT },
    })

    // The grading worker now scores the whole attempt: ten right answers of 1 point, essay 1.5 of 2.
    await gradeAttempt({ attemptId })
    const graded = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
    expect(graded).toMatchObject({
      status: 'GRADED',
      score: 11.5,
      maxScore: 12,
      percent: 95.83,
      passed: true,
    })
    const evidence = await prisma.evidence.findMany({
      where: { attemptId },
      include: { competency: { select: { code: true } } },
    })
    expect(evidence.length).toBeGreaterThan(0)
    const ld01 = evidence.find((e) => e.competency.code === 'T.LD.01')!
    expect(ld01.maxScore - ld01.score).toBeCloseTo(0.5)
    expect(
      (ld01.byLevel as Record<string, { score: number; max: number }>)['2']!.max,
    ).toBeGreaterThanOrEqual(2)
    expect(
      (await listAttemptsNeedingGrading(grader)).attempts.some((a) => a.id === attemptId),
    ).toBe(false)

    // A second grading is refused: the attempt is no longer waiting.
    const again = await gradeEssays(attemptId, grader, { [fixture.essayId]: 2 }).catch((e) => e)
    expect(again).toBeInstanceOf(EssayGradingError)
    expect(renderMessage(again.message)).toMatch(/sudah dinilai/)
    expect(await gradeOutboxCount(attemptId)).toBe(2)
    expect(
      (
        await prisma.attemptAnswer.findUniqueOrThrow({
          where: { attemptId_questionId: { attemptId, questionId: fixture.essayId } },
        })
      ).score,
    ).toBe(1.5)
  })

  it('is for instructors and admins only', async () => {
    const asn = await createTestUser()
    const cookie = (await createSession(asn.id, {})).split(';')[0]!
    const denied = await listLoader({
      request: new Request('http://localhost/authoring/grading', { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    }).catch((e) => e)
    expect(denied).toBeInstanceOf(Response)
    expect((denied as Response).status).toBe(403)
    const view = await gradeLoader({
      request: new Request('http://localhost/authoring/grading/x', { headers: { Cookie: cookie } }),
      params: { attemptId: 'x' },
      context: {},
    }).catch((e) => e)
    expect((view as Response).status).toBe(403)
    const post = await postScores('x', cookie, { score_x: '1' }).catch((e) => e)
    expect((post as Response).status).toBe(403)
  })

  it('is picked up again by the grading worker once the essay is scored', async () => {
    // The first grading job is kept as completed under the attempt's job id; grading the essay must
    // still lead to a second run right away, not only when the maintenance sweep notices.
    const workers = await startWorkers(['gradeAttempt', 'completeEnrolment'])
    try {
      const learner = await createTestUser()
      const grader = await teacher(['INSTRUCTOR'])
      await finishLessons(learner.id)
      const { attemptId } = await startAttempt(COURSE, QUIZ, learner.id)
      const answers = await answersFor(attemptId, false)
      answers[fixture.essayId] = { text: 'Jawaban singkat.' }
      await submitAttempt(attemptId, learner.id, answers)
      await waitForStatus(attemptId, 'NEEDS_GRADING')
      expect(await gradeEssays(attemptId, grader, { [fixture.essayId]: 2 })).toEqual({
        complete: true,
        remaining: 0,
      })
      await waitForStatus(attemptId, 'GRADED')
      expect(
        await prisma.quizAttempt.findUniqueOrThrow({
          where: { id: attemptId },
          select: { score: true, maxScore: true },
        }),
      ).toEqual({ score: 2, maxScore: 12 })
    } finally {
      await workers.stop()
    }
  })
})
