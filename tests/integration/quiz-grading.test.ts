import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { regradeQuiz, requestRegrade } from '~/jobs/regrade-quiz.server'
import { gradeAttempt, rateCompetency } from '~/models/grading.server'
import {
  attemptView,
  quizOverview,
  saveAnswers,
  startAttempt,
  submitAttempt,
  finaliseOverdueAttempts,
  QuizError,
  type Layout,
} from '~/models/quiz.server'
import { prisma } from '~/utils/db.server'
import { renderMessage } from '~/utils/messages'
import { redis } from '~/utils/redis.server'
import { loader as attemptLoader } from '~/routes/quiz.$attemptId'
import { createSession } from '~/utils/auth.server'
import { createTestUser } from '../support/factories'
import {
  answersFor,
  COURSE,
  drawnQuestions,
  finishLessons,
  QUIZ,
  takeQuiz,
} from '../support/learning'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

async function learnerWithAttempt() {
  const u = await createTestUser()
  await finishLessons(u.id)
  const { attemptId } = await startAttempt(COURSE, QUIZ, u.id)
  return { user: u, attemptId }
}

async function answerKeyStrings(attemptId: string) {
  const a = await prisma.quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { layout: true },
  })
  const qs = await drawnQuestions(a.layout as Layout)
  return {
    feedback: qs
      .flatMap((q) => [q.feedback, ...q.options.map((o) => o.feedback)])
      .filter((x): x is string => Boolean(x)),
    accepted: qs.flatMap((q) => q.acceptedAnswers),
  }
}

describe('attempts', () => {
  it('fixes the deadline on the server and refuses answers after it', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    const a = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
    expect(a.deadlineAt!.getTime() - a.startedAt.getTime()).toBe(20 * 60_000)
    const answers = await answersFor(attemptId, true)
    expect((await saveAnswers(attemptId, user.id, answers)).saved).toBe(10)
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { deadlineAt: new Date(Date.now() - 15_000) },
    })
    // A request that arrived in time but was processed late (a busy server) still counts.
    const arrivedInTime = Date.now() - 20_000
    expect((await saveAnswers(attemptId, user.id, answers, arrivedInTime)).saved).toBe(10)
    const late = await saveAnswers(attemptId, user.id, answers).catch((e) => e)
    expect(late).toBeInstanceOf(QuizError)
    expect(renderMessage(late.message)).toMatch(/Waktu pengerjaan sudah habis/)
    // The scheduled sweep closes it and queues grading with what was saved in time.
    expect(await finaliseOverdueAttempts()).toBeGreaterThanOrEqual(1)
    expect((await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe(
      'SUBMITTED',
    )
    await gradeAttempt({ attemptId })
    expect((await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).percent).toBe(
      100,
    )
  })

  it('takes a double submit once', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    const answers = await answersFor(attemptId, true)
    const [a, b] = await Promise.all([
      submitAttempt(attemptId, user.id, answers),
      submitAttempt(attemptId, user.id, answers),
    ])
    expect([a.alreadySubmitted, b.alreadySubmitted].sort()).toEqual([false, true])
    expect(
      await prisma.outboxMessage.count({
        where: { jobName: 'gradeAttempt', payload: { path: ['attemptId'], equals: attemptId } },
      }),
    ).toBe(1)
  })

  it('never sends the answer key before review allows it', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    const cookie = await createSession(user.id, {})
    const request = new Request(`http://localhost/quiz/${attemptId}`, {
      headers: { Cookie: cookie.split(';')[0]! },
    })
    const key = await answerKeyStrings(attemptId)
    const before = JSON.stringify(
      await attemptLoader({ request, params: { attemptId }, context: {} }),
    )
    expect(before).not.toMatch(/"correct"/)
    expect(before).not.toMatch(/acceptedAnswers|numericAnswer/)
    for (const f of key.feedback) expect(before).not.toContain(f)

    // After grading, the quiz's review options (score + feedback, not the key) apply.
    await submitAttempt(attemptId, user.id, await answersFor(attemptId, false))
    const submitted = JSON.stringify(
      await attemptLoader({ request, params: { attemptId }, context: {} }),
    )
    expect(submitted).not.toMatch(/"correct"/)
    await gradeAttempt({ attemptId })
    const view = await attemptView(attemptId, user.id)
    expect(view.review).toEqual({ score: true, correct: false, feedback: true })
    const graded = JSON.stringify(view.items)
    expect(view.items.every((i) => i.options.every((o) => !('correct' in o)))).toBe(true)
    for (const a of key.accepted) expect(graded).not.toContain(`"${a}"`)
    expect(view.attempt.percent).toBe(0)
  })

  it('sends the review of a graded attempt once, as markup that keeps the key hidden', async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    const attemptId = await takeQuiz(u.id, false)
    const cookie = (await createSession(u.id, {})).split(';')[0]!
    const request = () =>
      new Request(`http://localhost/quiz/${attemptId}`, { headers: { Cookie: cookie } })
    const view = await attemptView(attemptId, u.id)
    const key = await answerKeyStrings(attemptId)

    // A document: the markup goes to the render, the data names the fragment and has no questions.
    const fragments = new Map<string, string>()
    const doc = (await attemptLoader({
      request: request(),
      params: { attemptId },
      context: { fragments },
    })) as unknown as { items: unknown[]; reviewFragment: { id: string; html: string | null } }
    expect(doc.items).toEqual([])
    expect(doc.reviewFragment).toEqual({ id: 'quiz-review', html: null })
    const html = fragments.get('quiz-review')!
    expect(JSON.stringify(doc)).not.toContain(view.items[0]!.text.slice(0, 30))
    // Every question is in it, with its points, and the learner's (wrong) answers…
    for (const q of view.items) expect(html).toContain(`<strong>${q.index}.</strong>`)
    expect(html.match(/class="incorrect">\(0\//g)?.length).toBe(view.items.length)
    // …but not the key (this quiz shows scores and feedback, not the correct answers).
    expect(html).not.toContain(' — benar')
    for (const a of key.accepted) expect(html).not.toContain(`>${a}<`)

    // A client-side navigation: the same markup travels in the data.
    const nav = (await attemptLoader({
      request: request(),
      params: { attemptId },
      context: {},
    })) as unknown as {
      reviewFragment: { html: string | null }
    }
    expect(nav.reviewFragment.html).toBe(html)

    // The markup is remembered per attempt, language, review settings and scores: a regrade that
    // changes a score shows at once, and so does the other language.
    const first = view.items[0]!
    const a = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
    const scores = { ...(a.answerScores as Record<string, [number, ...unknown[]]>) }
    const old = scores[first.id]!
    scores[first.id] = [first.points, ...old.slice(1)]
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { answerScores: scores as never },
    })
    const regraded = (await attemptLoader({
      request: request(),
      params: { attemptId },
      context: {},
    })) as unknown as { reviewFragment: { html: string } }
    expect(regraded.reviewFragment.html).not.toBe(html)
    expect(regraded.reviewFragment.html.match(/class="correct">\(/g)?.length).toBe(1)
    const en = (await attemptLoader({
      request: new Request(`http://localhost/quiz/${attemptId}?lng=en`, {
        headers: { Cookie: cookie },
      }),
      params: { attemptId },
      context: {},
    })) as unknown as { reviewFragment: { html: string } }
    expect(en.reviewFragment.html).toContain('Your answer')
    expect(regraded.reviewFragment.html).not.toContain('Your answer')
  })

  it('counts attempts by the grading method and stops at the limit', async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    const take = (right: boolean) => takeQuiz(u.id, right)
    await take(true)
    await take(false)
    let o = await quizOverview(COURSE, QUIZ, u.id)
    expect(o.quiz.gradingMethod).toBe('HIGHEST')
    expect(o.finalPercent).toBe(100)
    // A settings change does not reach attempts already taken: they keep their method...
    await prisma.quiz.update({ where: { id: o.quiz.id }, data: { gradingMethod: 'LAST' } })
    o = await quizOverview(COURSE, QUIZ, u.id)
    expect(o.finalPercent).toBe(100)
    // ...until an explicit, audited regrade applies it.
    const admin = await createTestUser({ roles: ['ADMIN'] })
    const { regradeId } = await requestRegrade(o.quiz.id, admin)
    await regradeQuiz({ regradeId })
    o = await quizOverview(COURSE, QUIZ, u.id)
    expect(o.finalPercent).toBe(0)
    const audit = await prisma.quizRegrade.findUniqueOrThrow({ where: { id: regradeId } })
    expect(audit.requestedById).toBe(admin.id)
    expect(audit.gradingMethod).toBe('LAST')
    expect(audit.finishedAt).not.toBeNull()
    await prisma.quiz.update({ where: { id: o.quiz.id }, data: { gradingMethod: 'AVERAGE' } })
    await regradeQuiz({ regradeId: (await requestRegrade(o.quiz.id, admin)).regradeId })
    expect((await quizOverview(COURSE, QUIZ, u.id)).finalPercent).toBe(50)
    await prisma.quiz.update({ where: { id: o.quiz.id }, data: { gradingMethod: 'HIGHEST' } })
    await take(true)
    const over = await startAttempt(COURSE, QUIZ, u.id).catch((e) => e)
    expect(over).toBeInstanceOf(QuizError)
    expect(renderMessage(over.message)).toMatch(/Batas 3 kali percobaan/)
    expect(renderMessage(over.message, 'en')).toMatch(/limit of 3 attempts/)
  })
})

describe('per-answer scores kept with the attempt (decision 011)', () => {
  it('show in the review and the item analysis, and attempts graded before still read from their answer rows', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    const right = await answersFor(attemptId, true)
    const [wrongOne] = Object.keys(right)
    const answers = { ...right }
    const layout = (
      await prisma.quizAttempt.findUniqueOrThrow({
        where: { id: attemptId },
        select: { layout: true },
      })
    ).layout as Layout
    const wrongIsChoice = layout.find((l) => l.questionId === wrongOne)!.optionIds.length > 0
    answers[wrongOne!] = wrongIsChoice ? { optionIds: [] } : { text: 'salah' }
    await submitAttempt(attemptId, user.id, answers)
    await gradeAttempt({ attemptId })
    const view = await attemptView(attemptId, user.id)
    const scoreOf = (v: typeof view) => Object.fromEntries(v.items.map((i) => [i.id, i.score]))
    const kept = scoreOf(view)
    expect(kept[wrongOne!]).toBe(0)
    expect(Object.values(kept).filter((x) => x === 0)).toHaveLength(1)
    const quizId = (
      await prisma.quizAttempt.findUniqueOrThrow({
        where: { id: attemptId },
        select: { quizId: true },
      })
    ).quizId
    const { quizAnalysis } = await import('~/models/item-analysis.server')
    const before = await quizAnalysis(quizId)

    // The same attempt as an older version of grading left it: scores in the answer rows only.
    const scores = (
      await prisma.quizAttempt.findUniqueOrThrow({
        where: { id: attemptId },
        select: { answerScores: true },
      })
    ).answerScores as Record<string, [number, number]>
    for (const [questionId, [score, maxScore]] of Object.entries(scores))
      await prisma.attemptAnswer.upsert({
        where: { attemptId_questionId: { attemptId, questionId } },
        create: { attemptId, questionId, response: {}, score, maxScore },
        update: { score, maxScore },
      })
    await prisma.$executeRaw`UPDATE "QuizAttempt" SET "answerScores" = NULL WHERE id = ${attemptId}`
    expect(scoreOf(await attemptView(attemptId, user.id))).toEqual(kept)
    expect((await quizAnalysis(quizId)).items).toEqual(before.items)
  })
})

describe('grading and rating jobs', () => {
  it('change nothing when they run a second time (or twice at once)', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    await submitAttempt(attemptId, user.id, await answersFor(attemptId, true))
    const [r1, r2] = await Promise.all([gradeAttempt({ attemptId }), gradeAttempt({ attemptId })])
    expect([r1.graded, r2.graded].filter(Boolean)).toHaveLength(1)
    const snapshot = async () => ({
      attempt: await prisma.quizAttempt.findUniqueOrThrow({
        where: { id: attemptId },
        select: {
          status: true,
          score: true,
          maxScore: true,
          percent: true,
          gradedAt: true,
          answerScores: true,
          layout: true,
        },
      }),
      answers: await prisma.attemptAnswer.findMany({
        where: { attemptId },
        orderBy: { questionId: 'asc' },
        select: { questionId: true, response: true, savedAt: true, score: true },
      }),
      evidence: await prisma.evidence.findMany({
        where: { attemptId },
        orderBy: { competencyId: 'asc' },
      }),
      outbox: await prisma.outboxMessage.count({
        where: { jobName: 'rateCompetency', payload: { path: ['attemptId'], equals: attemptId } },
      }),
    })
    const first = await snapshot()
    expect(first.attempt.status).toBe('GRADED')
    expect(first.attempt.percent).toBe(100)
    // Every question of the layout has its score kept with the attempt (decision 011), all of
    // them full marks; the answer rows keep what the learner submitted and are not rewritten.
    const kept = first.attempt.answerScores as Record<string, [number, number]>
    const layout = first.attempt.layout as Layout
    expect(Object.keys(kept).sort()).toEqual(layout.map((l) => l.questionId).sort())
    for (const [score, max] of Object.values(kept)) expect(score).toBe(max)
    expect(Object.values(kept).reduce((n, [, max]) => n + max, 0)).toBe(first.attempt.maxScore)
    expect(first.answers).toHaveLength(10)
    for (const a of first.answers) expect(a.score).toBeNull()
    expect(first.evidence.length).toBe(new Set(first.evidence.map((e) => e.competencyId)).size)
    expect(first.evidence.length).toBeGreaterThan(0)
    expect(first.evidence.reduce((n, e) => n + e.maxScore, 0)).toBe(first.attempt.maxScore)
    // One rating job for the attempt, covering all its competencies.
    expect(first.outbox).toBe(1)
    expect(await gradeAttempt({ attemptId })).toEqual({ graded: false })
    expect(await snapshot()).toEqual(first)

    await rateCompetency({ userId: user.id, attemptId })
    await Promise.all([
      rateCompetency({ userId: user.id, attemptId }),
      rateCompetency({ userId: user.id, attemptId }),
    ])
    const ratings = await prisma.competencyRating.findMany({ where: { userId: user.id } })
    expect(ratings.map((r) => r.competencyId).sort()).toEqual(
      first.evidence.map((e) => e.competencyId).sort(),
    )
    for (const r of ratings) expect(r.evidenceCount).toBe(1)
    expect(await prisma.competencyRatingHistory.count({ where: { userId: user.id } })).toBe(
      first.evidence.length,
    )
    // All answers right: every rated competency reaches at least level 1.
    for (const r of ratings) expect(r.level).toBeGreaterThanOrEqual(1)
    const prov = ratings[0]!.provenance as { attempts: { attemptId: string }[] }
    expect(prov.attempts.map((a) => a.attemptId)).toEqual([attemptId])
  })

  it('rate from all the evidence, and a job that read less evidence does not overwrite', async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    const take = (right: boolean) => takeQuiz(u.id, right)
    const first = await take(true)
    await rateCompetency({ userId: u.id, attemptId: first })
    const second = await take(false)
    await rateCompetency({ userId: u.id, attemptId: second })
    const shared = await prisma.evidence.findMany({
      where: { userId: u.id },
      select: { competencyId: true, attemptId: true },
    })
    const both = [
      ...new Set(
        shared
          .filter((e) => e.attemptId === second)
          .map((e) => e.competencyId)
          .filter((c) => shared.some((e) => e.attemptId === first && e.competencyId === c)),
      ),
    ]
    expect(both.length).toBeGreaterThan(0)
    const rating = await prisma.competencyRating.findUniqueOrThrow({
      where: { userId_competencyId: { userId: u.id, competencyId: both[0]! } },
    })
    expect(rating.evidenceCount).toBe(2)
    const prov = rating.provenance as { attempts: { attemptId: string }[] }
    expect(prov.attempts.map((a) => a.attemptId).sort()).toEqual([first, second].sort())

    // A newer rating (say from a third attempt graded meanwhile) already stands on 3 pieces of
    // evidence: re-running the job that reads only 2 must leave it and add no history.
    await prisma.competencyRating.update({
      where: { userId_competencyId: { userId: u.id, competencyId: both[0]! } },
      data: { evidenceCount: 3, level: 5 },
    })
    const historyBefore = await prisma.competencyRatingHistory.count({ where: { userId: u.id } })
    await prisma.competencyRatingHistory.deleteMany({
      where: { userId: u.id, competencyId: both[0]! },
    })
    await rateCompetency({ userId: u.id, attemptId: second })
    const after = await prisma.competencyRating.findUniqueOrThrow({
      where: { userId_competencyId: { userId: u.id, competencyId: both[0]! } },
    })
    expect(after.level).toBe(5)
    expect(after.evidenceCount).toBe(3)
    expect(
      await prisma.competencyRatingHistory.count({
        where: { userId: u.id, competencyId: both[0]! },
      }),
    ).toBe(0)
    expect(historyBefore).toBeGreaterThan(0)
  })
})
