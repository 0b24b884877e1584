// Exam-proof assessment (issue 9, points 1, 2, 6, 8): versioned questions that attempts keep,
// race-free attempt states judged by arrival time, answers parsed against the attempt's layout,
// review options that keep the answer key on the server, and course-scoped essay grading.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import type { Role } from '~/generated/prisma/client'
import { assignInstructor } from '~/models/course-instructor.server'
import {
  EssayGradingError,
  essayGradingView,
  gradeEssays,
  listAttemptsNeedingGrading,
} from '~/models/essay-grading.server'
import { importAllPacks } from '~/models/content-pack.server'
import { packQuestionKey } from '~/models/question-bank.server'
import { gradeAttempt, scoreAnswer } from '~/models/grading.server'
import {
  attemptView,
  finaliseOverdueAttempts,
  quizOverview,
  saveAnswers,
  startAttempt,
  submitAttempt,
  QuizError,
  SWEEP_GRACE_MS,
  type Layout,
  type Response as Answer,
} from '~/models/quiz.server'
import { loader as attemptLoader, action as attemptAction } from '~/routes/quiz.$attemptId'
import { loader as statusLoader } from '~/routes/quiz.$attemptId.status'
import { loader as gradeLoader } from '~/routes/authoring.grading.$attemptId'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { answersFor, COURSE, drawnQuestions, finishLessons, QUIZ } from '../support/learning'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

async function learnerWithAttempt(slug = COURSE) {
  const user = await createTestUser()
  await finishLessons(user.id, slug)
  const { attemptId } = await startAttempt(slug, QUIZ, user.id)
  return { user, attemptId }
}

const layoutOf = async (attemptId: string) =>
  (
    await prisma.quizAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { layout: true },
    })
  ).layout as Layout

const attemptRow = (id: string) => prisma.quizAttempt.findUniqueOrThrow({ where: { id } })

const answerRows = (attemptId: string) =>
  prisma.attemptAnswer.findMany({
    where: { attemptId },
    orderBy: { questionId: 'asc' },
    select: { questionId: true, response: true, savedAt: true },
  })

async function cookieFor(userId: string) {
  return (await createSession(userId, {})).split(';')[0]!
}

function formOf(fields: [string, string][]) {
  const fd = new FormData()
  for (const [k, v] of fields) fd.append(k, v)
  return fd
}

// ---------------------------------------------------------------------------------------------

describe('versioned questions (a pack re-imported while attempts are open or waiting)', () => {
  it('keeps every attempt on the versions and option ids it was drawn with', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bina-versi-'))
    const slug = 'uji-versi-soal'
    const pack = path.join(dir, slug)
    await fs.cp(path.resolve('content/courses', COURSE), pack, { recursive: true })
    const courseFile = path.join(pack, 'course.json')
    await fs.writeFile(
      courseFile,
      JSON.stringify({ ...JSON.parse(await fs.readFile(courseFile, 'utf8')), slug }),
    )
    const questionsFile = path.join(pack, 'questions.json')
    type PackQuestion = {
      id: string
      text: string
      options?: { text: string; correct: boolean; feedback?: string }[]
    }
    const original = (JSON.parse(await fs.readFile(questionsFile, 'utf8')) as PackQuestion[]).map(
      (q) => ({ ...q, id: `uji-versi-${q.id}` }),
    )
    await fs.writeFile(questionsFile, JSON.stringify(original))
    await importAllPacks(dir, 'storage/test-media')

    const open = await learnerWithAttempt(slug)
    const waiting = await learnerWithAttempt(slug)
    await submitAttempt(
      waiting.attemptId,
      waiting.user.id,
      await answersFor(waiting.attemptId, true),
    )
    expect((await attemptRow(waiting.attemptId)).status).toBe('SUBMITTED')
    const openLayout = await layoutOf(open.attemptId)
    const before = await drawnQuestions(openLayout)
    const optionIdsBefore = await prisma.questionOption.count()

    // The revision: every question reworded, the first option of every choice question reworded,
    // and the last question dropped from the pack.
    const revised = original.slice(0, -1).map((q) => ({
      ...q,
      text: `${q.text} (revisi)`,
      options: q.options?.map((o, i) => (i === 0 ? { ...o, text: `${o.text} (revisi)` } : o)),
    }))
    await fs.writeFile(questionsFile, JSON.stringify(revised))
    const [result] = await importAllPacks(dir, 'storage/test-media')
    // Every question a new version; the questions changed, so a new course version publishes them
    // (decision 111; before it, question changes alone made none, decision 065).
    expect(result).toMatchObject({ published: true, questionVersions: revised.length })

    // New versions; the drawn ones are untouched and still exist.
    for (const q of before) {
      const question = await prisma.question.findUniqueOrThrow({
        where: { id: q.id },
        include: { currentVersion: true, versions: true },
      })
      const stillThere = question.versions.find((v) => v.id === q.versionId)!
      expect(stillThere.text).toBe(q.text)
      expect(stillThere.optionIds).toEqual(q.optionIds)
      if (question.archivedAt) continue
      expect(question.currentVersion!.version).toBe(2)
      expect(question.currentVersion!.text).toBe(`${q.text} (revisi)`)
      if (q.optionIds.length) {
        // Only the reworded option is new; the others keep their ids.
        const kept = question.currentVersion!.optionIds.filter((id) => q.optionIds.includes(id))
        expect(kept).toHaveLength(q.optionIds.length - 1)
      }
    }
    const choiceQuestions = revised.filter((q) => q.options?.length).length
    expect(await prisma.questionOption.count()).toBe(optionIdsBefore + choiceQuestions)
    // The dropped question is archived, not deleted.
    const dropped = await prisma.question.findUniqueOrThrow({
      where: { externalId: packQuestionKey(result!.courseId, original.at(-1)!.id) },
    })
    expect(dropped.archivedAt).not.toBeNull()

    // The open attempt still takes its answers (by the ids it was drawn with) and is graded
    // against its versions; so is the one that waited for grading.
    const answers = await answersFor(open.attemptId, true)
    expect((await saveAnswers(open.attemptId, open.user.id, answers)).saved).toBe(openLayout.length)
    await submitAttempt(open.attemptId, open.user.id)
    await gradeAttempt({ attemptId: open.attemptId })
    await gradeAttempt({ attemptId: waiting.attemptId })
    expect((await attemptRow(open.attemptId)).percent).toBe(100)
    expect((await attemptRow(waiting.attemptId)).percent).toBe(100)
    // Its review shows what the learner saw.
    const view = await attemptView(open.attemptId, open.user.id)
    expect(view.items.map((i) => i.text)).toEqual(
      openLayout.map((l) => before.find((q) => q.versionId === l.versionId)!.text),
    )
    expect(JSON.stringify(view.items)).not.toContain('(revisi)')

    // A new attempt draws the new versions, never the archived question.
    const fresh = await learnerWithAttempt(slug)
    const freshQs = await drawnQuestions(await layoutOf(fresh.attemptId))
    for (const q of freshQs) expect(q.text).toMatch(/\(revisi\)$/)
    expect(freshQs.map((q) => q.id)).not.toContain(dropped.id)

    // Nothing an attempt points to can be deleted.
    await expect(prisma.question.delete({ where: { id: before[0]!.id } })).rejects.toThrow()
    await expect(
      prisma.questionVersion.delete({ where: { id: before[0]!.versionId } }),
    ).rejects.toThrow()
    await expect(
      prisma.questionVersion.update({
        where: { id: before[0]!.versionId },
        data: { text: 'diubah di tempat' },
      }),
    ).rejects.toThrow()
    if (before[0]!.optionIds.length)
      await expect(
        prisma.questionOption.update({
          where: { id: before[0]!.optionIds[0]! },
          data: { correct: true },
        }),
      ).rejects.toThrow()
    const quiz = await prisma.quiz.findUniqueOrThrow({
      where: { id: (await attemptRow(open.attemptId)).quizId },
      select: { lessonId: true },
    })
    await expect(prisma.lesson.delete({ where: { id: quiz.lessonId } })).rejects.toThrow()
    await expect(prisma.user.delete({ where: { id: open.user.id } })).rejects.toThrow()
    expect(await prisma.evidence.count({ where: { attemptId: open.attemptId } })).toBeGreaterThan(0)
  })

  it('shows options in an order that says nothing of the key (random ids, shuffled per attempt)', async () => {
    const { attemptId } = await learnerWithAttempt()
    for (const l of await layoutOf(attemptId))
      for (const id of l.optionIds)
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})

// ---------------------------------------------------------------------------------------------

describe('scoring', () => {
  it('passes a score exactly at the pass mark and fails one point under it', async () => {
    const run = async (passMark: number) => {
      const { user, attemptId } = await learnerWithAttempt()
      await prisma.quizAttempt.update({ where: { id: attemptId }, data: { passMark } })
      const layout = await layoutOf(attemptId)
      const qs = await drawnQuestions(layout)
      expect(qs.every((q) => q.points === 1)).toBe(true)
      const right = await answersFor(attemptId, true)
      const wrong = await answersFor(attemptId, false)
      // 7 of 10 right: exactly 70%.
      const answers = Object.fromEntries(
        layout.map((l, i) => [l.questionId, (i < 7 ? right : wrong)[l.questionId]!]),
      )
      await submitAttempt(attemptId, user.id, answers)
      await gradeAttempt({ attemptId })
      return attemptRow(attemptId)
    }
    const at = await run(70)
    expect(at.percent).toBe(70)
    expect(at.passed).toBe(true)
    const under = await run(71)
    expect(under.percent).toBe(70)
    expect(under.passed).toBe(false)
  })

  it('gives asymmetric partial credit on multiple answers (+1/k right, -1/(n-k) wrong, floor 0)', () => {
    const q = {
      type: 'MULTIPLE' as const,
      points: 2,
      acceptedAnswers: [],
      numericAnswer: null,
      tolerance: null,
      options: [
        { id: 'c1', correct: true },
        { id: 'c2', correct: true },
        { id: 'w1', correct: false },
        { id: 'w2', correct: false },
        { id: 'w3', correct: false },
      ],
    }
    const s = (ids: string[]) => scoreAnswer(q, { optionIds: ids })
    expect(s(['c1'])).toBe(1)
    expect(s(['c1', 'c2'])).toBe(2)
    expect(s(['c1', 'w1'])).toBe(0.333)
    expect(s(['c1', 'c2', 'w1'])).toBe(1.333)
    expect(s(['w1'])).toBe(0)
    expect(s([])).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------

describe('attempt states', () => {
  it("refuses other users' attempt ids on view, save, submit and status, changing nothing", async () => {
    const { attemptId } = await learnerWithAttempt()
    const intruder = await createTestUser()
    const before = await attemptRow(attemptId)
    const answers = await answersFor(attemptId, true)
    const view = await attemptView(attemptId, intruder.id).catch((e) => e)
    expect(view).toBeInstanceOf(QuizError)
    expect(view.status).toBe(404)
    const save = await saveAnswers(attemptId, intruder.id, answers).catch((e) => e)
    expect(save.status).toBe(404)
    const submit = await submitAttempt(attemptId, intruder.id, answers).catch((e) => e)
    expect(submit.status).toBe(404)
    const cookie = await cookieFor(intruder.id)
    const request = new Request(`http://localhost/quiz/${attemptId}`, {
      headers: { Cookie: cookie },
    })
    const loaded = await attemptLoader({ request, params: { attemptId }, context: {} }).catch(
      (e) => e,
    )
    expect((loaded as { init: { status: number } }).init.status).toBe(404)
    expect((loaded as { data: { code: string } }).data.code).toBe('quiz.attemptNotFound')
    const status = (await statusLoader({
      request,
      params: { attemptId },
      context: {},
    })) as Response
    expect(status.status).toBe(404)
    const posted = (await attemptAction({
      request: new Request(`http://localhost/quiz/${attemptId}`, {
        method: 'POST',
        headers: { Cookie: cookie },
        body: formOf([['intent', 'submit']]),
      }),
      params: { attemptId },
      context: {},
    })) as unknown as { init: { status: number } }
    expect(posted.init.status).toBe(404)
    expect(await attemptRow(attemptId)).toEqual(before)
    expect(await answerRows(attemptId)).toEqual([])
  })

  it('lets the later-arrived of two saves win, whatever order they are processed in', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    const layout = await layoutOf(attemptId)
    const choice = layout.find((l) => l.optionIds.length >= 2)!
    const [a, b] = choice.optionIds as [string, string]
    const t = Date.now()
    await saveAnswers(attemptId, user.id, { [choice.questionId]: { optionIds: [b] } }, t)
    // An older save processed later: it changes nothing.
    await saveAnswers(attemptId, user.id, { [choice.questionId]: { optionIds: [a] } }, t - 500)
    const [row] = (await answerRows(attemptId)).filter((r) => r.questionId === choice.questionId)
    expect((row!.response as Answer).optionIds).toEqual([b])
    expect(row!.savedAt.getTime()).toBe(t)
    expect((await attemptRow(attemptId)).lastSavedAt!.getTime()).toBe(t)
  })

  it('saves nothing after the submit, even when a save races it', async () => {
    for (let round = 0; round < 5; round++) {
      const { user, attemptId } = await learnerWithAttempt()
      const right = await answersFor(attemptId, true)
      const wrong = await answersFor(attemptId, false)
      const [save, submit] = await Promise.allSettled([
        saveAnswers(attemptId, user.id, wrong),
        submitAttempt(attemptId, user.id, right),
      ])
      expect(submit.status).toBe('fulfilled')
      if (save.status === 'rejected') expect((save.reason as QuizError).status).toBe(409)
      // Whichever ran first, the submitted answers are the ones kept and graded.
      await gradeAttempt({ attemptId })
      expect((await attemptRow(attemptId)).percent).toBe(100)
      const late = await saveAnswers(attemptId, user.id, wrong).catch((e) => e)
      expect(late).toBeInstanceOf(QuizError)
      expect(late.code).toBe('quiz.saveAfterSubmit')
      expect((await attemptRow(attemptId)).percent).toBe(100)
    }
  })

  it('refuses a late save with a clear message (Indonesian, and English)', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    const layout = await layoutOf(attemptId)
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { deadlineAt: new Date(Date.now() - 5_000) },
    })
    const body = formOf([
      ['intent', 'save'],
      ['shown', layout[0]!.questionId],
    ])
    const post = async (lng: string) =>
      (await attemptAction({
        request: new Request(`http://localhost/quiz/${attemptId}?lng=${lng}`, {
          method: 'POST',
          headers: { Cookie: await cookieFor(user.id) },
          body,
        }),
        params: { attemptId },
        context: {},
      })) as unknown as { data: { message: string; error: boolean }; init: { status: number } }
    const id = await post('id')
    expect(id.init.status).toBe(409)
    expect(id.data.message).toBe(
      'Waktu pengerjaan sudah habis; jawaban ini tidak disimpan. Jawaban yang tersimpan sebelumnya yang dinilai.',
    )
    const en = await post('en')
    expect(en.data.message).toBe(
      'Time is up; these answers were not saved. The answers saved before the deadline are graded.',
    )
    expect(await answerRows(attemptId)).toEqual([])
  })

  it('honours a submit that arrived in time but is processed after the overdue sweep', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    // Saved during the attempt: all wrong. The submit carries the right answers.
    await saveAnswers(attemptId, user.id, await answersFor(attemptId, false))
    const right = await answersFor(attemptId, true)
    const deadline = Date.now() - SWEEP_GRACE_MS - 5_000
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { deadlineAt: new Date(deadline) },
    })
    expect(await finaliseOverdueAttempts()).toBeGreaterThanOrEqual(1)
    const swept = await attemptRow(attemptId)
    expect(swept.status).toBe('SUBMITTED')
    expect(swept.timedOut).toBe(true)
    // The submit request arrived 1 s before the deadline.
    const r = await submitAttempt(attemptId, user.id, right, deadline - 1_000)
    expect(r.outcome).toBe('overrodeTimeout')
    const after = await attemptRow(attemptId)
    expect(after.timedOut).toBe(false)
    // One grading job (the sweep's); it grades the submitted answers.
    expect(
      await prisma.outboxMessage.count({
        where: { jobName: 'gradeAttempt', payload: { path: ['attemptId'], equals: attemptId } },
      }),
    ).toBe(1)
    await gradeAttempt({ attemptId })
    expect((await attemptRow(attemptId)).percent).toBe(100)
    // The learner is told what was graded.
    const cookie = await cookieFor(user.id)
    const res = (await attemptAction({
      request: new Request(`http://localhost/quiz/${attemptId}`, {
        method: 'POST',
        headers: { Cookie: cookie },
        body: formOf([['intent', 'submit']]),
      }),
      params: { attemptId },
      context: {},
    }).catch((e) => e)) as Response
    expect(res.status).toBe(302)

    // A late submit after the sweep changes nothing.
    const again = await submitAttempt(attemptId, user.id, right, Date.now())
    expect(again.alreadySubmitted).toBe(true)
  })

  it('tells the learner exactly what was graded when an in-time submit comes after grading', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    // Saved during the attempt: all wrong. The submit carries the right answers.
    await saveAnswers(attemptId, user.id, await answersFor(attemptId, false))
    const saved = await answerRows(attemptId)
    const deadline = Date.now() - SWEEP_GRACE_MS - 5_000
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { deadlineAt: new Date(deadline) },
    })
    await finaliseOverdueAttempts()
    await gradeAttempt({ attemptId })
    const graded = await attemptRow(attemptId)
    expect(graded.status).toBe('GRADED')
    expect(graded.percent).toBe(0)
    // The submit arrived 1 s before the deadline but is processed only now: the grade stands, the
    // answers are those saved in time, and the outcome says so.
    const r = await submitAttempt(
      attemptId,
      user.id,
      await answersFor(attemptId, true),
      deadline - 1_000,
    )
    expect(r.outcome).toBe('timedOutGraded')
    expect(await attemptRow(attemptId)).toEqual(graded)
    expect((await answerRows(attemptId)).map((a) => a.response)).toEqual(
      saved.map((a) => a.response),
    )
    // Through the page: redirected to the result with the notice naming what was graded.
    const res = (await attemptAction({
      request: new Request(`http://localhost/quiz/${attemptId}`, {
        method: 'POST',
        headers: {
          Cookie: await cookieFor(user.id),
          'x-bina-received-at': String(deadline - 1_000),
        },
        body: formOf([['intent', 'submit']]),
      }),
      params: { attemptId },
      context: {},
    }).catch((e) => e)) as Response
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/quiz/${attemptId}?notice=timedOutGraded`)
  })

  it('makes a grading run that read the answers before an in-time submit grade again', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    await saveAnswers(attemptId, user.id, await answersFor(attemptId, false))
    const deadline = Date.now() - SWEEP_GRACE_MS - 5_000
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { deadlineAt: new Date(deadline) },
    })
    await finaliseOverdueAttempts()
    // Simulate the race: the override lands between the grading read and its write.
    await expect(
      gradeAttempt(
        { attemptId },
        {
          afterRead: async () =>
            submitAttempt(attemptId, user.id, await answersFor(attemptId, true), deadline - 1),
        },
      ),
    ).rejects.toThrow(/changed during grading/)
    expect((await attemptRow(attemptId)).status).toBe('SUBMITTED')
    // The job's retry grades the submitted answers.
    await gradeAttempt({ attemptId })
    expect((await attemptRow(attemptId)).percent).toBe(100)
  })
})

// ---------------------------------------------------------------------------------------------

describe('answers parsed against the attempt layout', () => {
  it('saves a multiple-answer question with every box unticked as empty', async () => {
    // The quiz draws from its bank at random: new learners until a draw holds a multiple-answer
    // question (the bank has three of them, so a few tries at most).
    let found: { user: { id: string }; attemptId: string } | null = null
    let multiple: Layout[number] | undefined
    for (let i = 0; i < 30 && !multiple; i++) {
      const { user, attemptId } = await learnerWithAttempt()
      const layout = await layoutOf(attemptId)
      const qs = await drawnQuestions(layout)
      multiple = layout.find((l) => qs.find((q) => q.id === l.questionId)!.type === 'MULTIPLE')
      found = { user, attemptId }
    }
    if (!multiple || !found) return expect.fail('no multiple-answer question drawn in 30 draws')
    const { user, attemptId } = found
    const key = `q_${multiple.questionId}`
    await saveAnswers(
      attemptId,
      user.id,
      formOf([
        ['shown', multiple.questionId],
        [key, multiple.optionIds[0]!],
        [key, multiple.optionIds[1]!],
      ]),
    )
    // Every box unticked: the browser sends only the hidden `shown` field.
    await saveAnswers(attemptId, user.id, formOf([['shown', multiple.questionId]]))
    const row = (await answerRows(attemptId)).find((r) => r.questionId === multiple.questionId)
    expect(row!.response).toEqual({ optionIds: [] })
  })

  it("refuses another question's option ids, duplicates, unknown questions and overlong text", async () => {
    // The draw is random: new learners until it holds two choice questions and a text one.
    let drawn: { user: { id: string }; attemptId: string; layout: Layout } | null = null
    for (let i = 0; i < 30 && !drawn; i++) {
      const { user, attemptId } = await learnerWithAttempt()
      const layout = await layoutOf(attemptId)
      const choiceCount = layout.filter((l) => l.optionIds.length >= 2).length
      if (choiceCount >= 2 && layout.some((l) => l.optionIds.length === 0))
        drawn = { user, attemptId, layout }
    }
    if (!drawn) return expect.fail('no draw with two choice questions and a text one in 30 draws')
    const { user, attemptId, layout } = drawn
    const choices = layout.filter((l) => l.optionIds.length >= 2)
    const [first, second] = choices as [Layout[number], Layout[number]]
    const text = layout.find((l) => l.optionIds.length === 0)!
    const refused = async (given: Record<string, Answer> | FormData) => {
      const e = await saveAnswers(attemptId, user.id, given).catch((x) => x)
      expect(e).toBeInstanceOf(QuizError)
      expect(e.status).toBe(400)
    }
    await refused({ [first.questionId]: { optionIds: [second.optionIds[0]!] } })
    await refused({ [first.questionId]: { optionIds: [first.optionIds[0]!, first.optionIds[0]!] } })
    await refused({ 'not-in-this-attempt': { optionIds: [] } })
    await refused({ [text.questionId]: { text: 'x'.repeat(20_001) } })
    await refused(formOf([[`q_${first.questionId}`, second.optionIds[0]!]]))
    expect(await answerRows(attemptId)).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------

describe('review options', () => {
  it('keep the feedback of options not chosen and the question feedback on the server', async () => {
    const { user, attemptId } = await learnerWithAttempt()
    const layout = await layoutOf(attemptId)
    const qs = await drawnQuestions(layout)
    const wrong = await answersFor(attemptId, false)
    await submitAttempt(attemptId, user.id, wrong)
    await gradeAttempt({ attemptId })
    const cookie = await cookieFor(user.id)
    // What goes to the browser on a client-side navigation: the route data and the review's
    // markup (decision 125), read as text.
    const load = async () => {
      const data = (await attemptLoader({
        request: new Request(`http://localhost/quiz/${attemptId}`, { headers: { Cookie: cookie } }),
        params: { attemptId },
        context: {},
      })) as Awaited<ReturnType<typeof attemptView>> & { reviewFragment: { html: string } | null }
      const markup = data.reviewFragment?.html ?? ''
      return { ...data, sent: `${JSON.stringify(data)}\n${textOf(markup)}`, markup }
    }
    const KEY_MARK = '— benar'

    // Pack defaults after submit: score and feedback, not the correct answers.
    const view = await load()
    expect(view.review).toEqual({ score: true, correct: false, feedback: true })
    const text = view.sent
    for (const q of qs) {
      expect(text).toContain(q.text)
      const chosen = new Set(wrong[q.id]?.optionIds ?? [])
      for (const o of q.options) {
        if (!o.feedback) continue
        if (chosen.has(o.id)) expect(text).toContain(o.feedback)
        // "Tepat." and the like: the feedback of the right options, never chosen here.
        else if (!q.options.some((x) => chosen.has(x.id) && x.feedback === o.feedback))
          expect(text).not.toContain(o.feedback)
      }
      if (q.feedback) expect(text).not.toContain(q.feedback)
    }
    expect(text).not.toContain(KEY_MARK)

    // The lesson page's quiz summary follows the same options: no score when scores are hidden.
    const quizId = (await attemptRow(attemptId)).quizId
    await prisma.quiz.update({
      where: { id: quizId },
      data: { reviewAfterSubmit: { score: false, correct: false, feedback: false } },
    })
    try {
      const hidden = await load()
      expect(hidden.attempt.percent).toBeNull()
      for (const q of qs) {
        expect(hidden.sent).toContain(q.text)
        for (const o of q.options) if (o.feedback) expect(hidden.sent).not.toContain(o.feedback)
      }
      // No points per question either.
      expect(hidden.markup).not.toMatch(/class="(in)?correct"/)
      const overview = await quizOverview(COURSE, QUIZ, user.id)
      expect(overview.attempts.every((a) => a.percent === null)).toBe(true)
      expect(overview.finalPercent).toBeNull()

      // "Show correct answers" on: the key and every feedback go out.
      await prisma.quiz.update({
        where: { id: quizId },
        data: { reviewAfterSubmit: { score: true, correct: true, feedback: true } },
      })
      const full = (await load()).sent
      for (const q of qs) if (q.feedback) expect(full).toContain(q.feedback)
      expect(full).toContain(KEY_MARK)
    } finally {
      await prisma.quiz.update({
        where: { id: quizId },
        data: { reviewAfterSubmit: { score: true, correct: false, feedback: true } },
      })
    }
  })
})

/** Markup as the text a reader gets: tags dropped, React's entities decoded. */
function textOf(markup: string) {
  return markup
    .replace(/<br\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

// ---------------------------------------------------------------------------------------------

describe('course instructors', () => {
  it('grade and see essays only of their courses, never their own attempts', async () => {
    const { user: learner, attemptId } = await learnerWithAttempt()
    await prisma.quizAttempt.update({ where: { id: attemptId }, data: { status: 'NEEDS_GRADING' } })
    const course = await prisma.course.findUniqueOrThrow({
      where: { slug: COURSE },
      select: { id: true },
    })
    const other = await prisma.course.findFirstOrThrow({
      where: { slug: { not: COURSE }, status: 'PUBLISHED' },
      select: { id: true },
    })
    const admin = await createTestUser({ roles: ['ADMIN'] })
    const ours = await createTestUser({ roles: ['ASN', 'INSTRUCTOR'] })
    const theirs = await createTestUser({ roles: ['INSTRUCTOR'] })
    const plain = await createTestUser({ roles: ['ASN'] })
    await assignInstructor(course.id, ours.nip, admin.id)
    await assignInstructor(other.id, theirs.email, admin.id)
    // Only users with the instructor role can be assigned.
    await expect(assignInstructor(course.id, plain.nip, admin.id)).rejects.toMatchObject({
      code: 'instructors.notInstructor',
      status: 400,
    })

    const listed = async (actor: { id: string; roles: Role[] }) =>
      (await listAttemptsNeedingGrading(actor)).attempts.some((a) => a.id === attemptId)
    expect(await listed(ours)).toBe(true)
    expect(await listed(admin)).toBe(true)
    expect(await listed(theirs)).toBe(false)
    expect((await essayGradingView(attemptId, ours))?.attempt.id).toBe(attemptId)
    const refused = await essayGradingView(attemptId, theirs).catch((e) => e)
    expect(refused).toBeInstanceOf(EssayGradingError)
    expect(refused.status).toBe(403)
    const grade = await gradeEssays(attemptId, theirs, { x: 1 }).catch((e) => e)
    expect(grade.status).toBe(403)

    // An instructor who took the quiz as an ASN cannot see or grade their own attempt.
    await finishLessons(ours.id)
    const own = await startAttempt(COURSE, QUIZ, ours.id)
    await prisma.quizAttempt.update({
      where: { id: own.attemptId },
      data: { status: 'NEEDS_GRADING' },
    })
    expect(
      (await listAttemptsNeedingGrading(ours)).attempts.some((a) => a.id === own.attemptId),
    ).toBe(false)
    const self = await essayGradingView(own.attemptId, ours).catch((e) => e)
    expect(self.status).toBe(403)
    expect((await gradeEssays(own.attemptId, ours, { x: 1 }).catch((e) => e)).status).toBe(403)
    // The route answers 403 too.
    const res = await gradeLoader({
      request: new Request(`http://localhost/authoring/grading/${attemptId}`, {
        headers: { Cookie: await cookieFor(theirs.id) },
      }),
      params: { attemptId },
      context: {},
    }).catch((e) => e)
    // Thrown as Remix `data(payload, { status })` (the coded error the boundary renders).
    expect((res as { init: { status: number } }).init.status).toBe(403)
    expect((res as { data: { code: string } }).data.code).toBeTruthy()
    expect((await attemptRow(attemptId)).status).toBe('NEEDS_GRADING')
    expect(learner.id).not.toBe(ours.id)
  })
})
