// A bank question edit is a draft change of its course (decision 111): learners keep drawing the
// published version until an instructor publishes; the publish review names the changed, added and
// removed questions; publishing with nothing changed makes no version; an attempt keeps the
// version it was drawn with. Real PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { enrol } from '~/models/course.server'
import {
  addCategorySlot,
  createCategory,
  questionOfCourse,
  saveQuestion,
} from '~/models/question-bank.server'
import { attemptView, startAttempt, submitAttempt } from '~/models/quiz.server'
import { gradeAttempt } from '~/models/grading.server'
import {
  addLesson,
  addModule,
  createCourse,
  publishFromStudio,
  publishPreview,
  saveLessonContent,
  setCourseCompetency,
  updateLessonSettings,
} from '~/models/studio.server'
import { loader as publishLoader } from '~/routes/studio.courses.$courseId.publish'
import { loader as questionLoader } from '~/routes/authoring.bank.$courseId.questions.$questionId'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { AppError } from '~/utils/errors'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

const OLD_TEXT = 'Apa kepanjangan SPBE?'
const NEW_TEXT = 'Apa kepanjangan dari SPBE menurut Perpres 95/2018?'

/** A published studio course whose quiz draws its one question. */
async function publishedCourseWithOneQuestion() {
  const teacher = await createTestUser({ roles: ['INSTRUCTOR', 'ASN'] })
  const course = await createCourse(teacher, {
    title: `Kursus Draf Bank ${Date.now()}${Math.random()}`,
    summary: 'Kursus uji: suntingan bank soal menunggu terbit.',
    area: 'LITERASI_DIGITAL',
    jp: 1,
    passMark: 70,
  })
  await setCourseCompetency(course.id, 'T.LD.01', 2)
  const competency = await prisma.competency.findUniqueOrThrow({
    where: { code: 'T.LD.01' },
    select: { id: true },
  })
  const mod = await addModule(course.id, 'Modul Satu')
  const text = await addLesson(course.id, mod.id, { title: 'Bacaan', kind: 'TEXT' })
  await saveLessonContent(course.id, text.id, { markdown: 'Isi bacaan.' })
  await updateLessonSettings(course.id, text.id, { title: 'Bacaan', minutes: 35, required: true })
  const quizLesson = await addLesson(course.id, mod.id, { title: 'Kuis SPBE', kind: 'QUIZ' })
  const categoryId = await createCategory(course.id, 'SPBE')
  const content = {
    type: 'SINGLE' as const,
    competencyId: competency.id,
    level: 2,
    text: OLD_TEXT,
    points: 1,
    feedback: null,
    acceptedAnswers: [],
    numericAnswer: null,
    tolerance: null,
    options: [
      { text: 'Sistem Pemerintahan Berbasis Elektronik', correct: true, feedback: null },
      { text: 'Sistem Pelayanan Bersama Elektronik', correct: false, feedback: null },
    ],
  }
  const { questionId } = await saveQuestion(course.id, null, categoryId, content)
  const quiz = await prisma.quiz.findUniqueOrThrow({
    where: { lessonId: quizLesson.id },
    select: { id: true },
  })
  await addCategorySlot(course.id, quiz.id, categoryId, 1)
  const first = await publishPreview(course.id)
  expect(first.questions.added.map((q) => q.name)).toEqual([OLD_TEXT])
  expect(await publishFromStudio(course.id, first.token)).toMatchObject({ created: true })
  const slug = (await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).slug
  return { teacher, course, slug, categoryId, questionId, content }
}

async function drawnText(slug: string) {
  const learner = await createTestUser()
  await enrol(learner.id, slug)
  const { attemptId } = await startAttempt(slug, 'kuis-spbe', learner.id)
  const view = await attemptView(attemptId, learner.id)
  return { learner, attemptId, texts: view.items.map((i) => i.text) }
}

async function status(p: Promise<unknown>) {
  try {
    const r = await p
    return r instanceof Response ? r.status : 200
  } catch (e) {
    if (e instanceof Response) return e.status
    const init = (e as { init?: { status?: number } }).init
    if (init?.status) return init.status
    if (e instanceof AppError) return e.status
    throw e
  }
}

describe('a bank edit waits for the publish', () => {
  it('learners draw the published text until the course is published; old attempts keep theirs', async () => {
    const { course, slug, categoryId, questionId, content } = await publishedCourseWithOneQuestion()
    const before = await drawnText(slug)
    expect(before.texts).toEqual([OLD_TEXT])

    // The instructor rewrites the question and moves the key to the other option.
    await saveQuestion(course.id, questionId, categoryId, {
      ...content,
      text: NEW_TEXT,
      options: content.options.map((o) => ({ ...o, correct: !o.correct })),
    })
    expect((await questionOfCourse(course.id, questionId)).content.text, 'the draft').toBe(NEW_TEXT)
    const meanwhile = await drawnText(slug)
    expect(meanwhile.texts, 'a new attempt before the publish').toEqual([OLD_TEXT])

    const review = await publishPreview(course.id)
    expect(review.empty).toBe(false)
    expect(review.meta).toEqual([])
    expect(review.added).toEqual([])
    expect(review.changed, 'no lesson changed').toEqual([])
    expect(review.questions.changed).toEqual([
      { questionId, name: NEW_TEXT, category: 'SPBE', changes: ['text', 'answer'] },
    ])
    expect(review.questions.added).toEqual([])
    expect(review.questions.removed).toEqual([])

    const versionsBefore = await prisma.courseVersion.count({ where: { courseId: course.id } })
    expect(await publishFromStudio(course.id, review.token)).toMatchObject({
      created: true,
      version: 2,
    })
    const after = await drawnText(slug)
    expect(after.texts, 'a new attempt after the publish').toEqual([NEW_TEXT])

    // The attempt drawn before the edit is answered on its own key (the first option) and its
    // review still shows the old text.
    const first = await attemptView(before.attemptId, before.learner.id)
    const right = first.items[0]!.options.find(
      (o) => o.text === 'Sistem Pemerintahan Berbasis Elektronik',
    )!
    await submitAttempt(before.attemptId, before.learner.id, {
      [questionId]: { optionIds: [right.id] },
    })
    await gradeAttempt({ attemptId: before.attemptId })
    const graded = await attemptView(before.attemptId, before.learner.id)
    expect(graded.items.map((i) => i.text)).toEqual([OLD_TEXT])
    expect(graded.attempt.percent).toBe(100)

    // Nothing changed since: no new version.
    const again = await publishPreview(course.id)
    expect(again.empty).toBe(true)
    expect(await publishFromStudio(course.id, again.token)).toEqual({ created: false })
    expect(await prisma.courseVersion.count({ where: { courseId: course.id } })).toBe(
      versionsBefore + 1,
    )
  })

  it('a new question is listed as added and drawn only after the publish', async () => {
    const { course, slug, categoryId, content } = await publishedCourseWithOneQuestion()
    const quiz = await prisma.quizSlot.findFirstOrThrow({
      where: { categoryId },
      select: { id: true },
    })
    const added = await saveQuestion(course.id, null, categoryId, {
      ...content,
      text: 'Siapa koordinator SPBE di tingkat provinsi?',
    })
    // The slot now draws both questions.
    await prisma.quizSlot.update({ where: { id: quiz.id }, data: { drawCount: 2 } })
    const review = await publishPreview(course.id)
    expect(review.questions.added).toEqual([
      {
        questionId: added.questionId,
        name: 'Siapa koordinator SPBE di tingkat provinsi?',
        category: 'SPBE',
      },
    ])
    expect((await drawnText(slug)).texts, 'before the publish').toEqual([OLD_TEXT])
    await publishFromStudio(course.id, review.token)
    expect((await drawnText(slug)).texts.sort()).toEqual(
      [OLD_TEXT, 'Siapa koordinator SPBE di tingkat provinsi?'].sort(),
    )
  })

  it('a review taken before a bank edit no longer publishes (409)', async () => {
    const { course, categoryId, questionId, content } = await publishedCourseWithOneQuestion()
    await saveQuestion(course.id, questionId, categoryId, { ...content, points: 2 })
    const stale = await publishPreview(course.id)
    expect(stale.questions.changed.map((q) => q.changes)).toEqual([['points']])
    await saveQuestion(course.id, questionId, categoryId, { ...content, points: 3 })
    expect(await status(publishFromStudio(course.id, stale.token))).toBe(409)
    expect(await prisma.courseVersion.count({ where: { courseId: course.id } })).toBe(1)
  })

  it("another instructor cannot see the review or edit the question (403); another course's id is a 404", async () => {
    const { course, questionId } = await publishedCourseWithOneQuestion()
    const other = await publishedCourseWithOneQuestion()
    const outsider = await createTestUser({ roles: ['INSTRUCTOR'] })
    const cookie = (await createSession(outsider.id, {})).split(';')[0]!
    const headers = { Cookie: cookie, Accept: 'application/json' }
    expect(
      await status(
        publishLoader({
          request: new Request(`http://localhost/studio/courses/${course.id}/publish`, { headers }),
          params: { courseId: course.id },
          context: {},
        }),
      ),
    ).toBe(403)
    expect(
      await status(
        questionLoader({
          request: new Request(
            `http://localhost/authoring/bank/${course.id}/questions/${questionId}`,
            { headers },
          ),
          params: { courseId: course.id, questionId },
          context: {},
        }),
      ),
    ).toBe(403)
    // The other course's own instructor asks for this course's question under their course.
    const theirs = (await createSession(other.teacher.id, {})).split(';')[0]!
    expect(
      await status(
        questionLoader({
          request: new Request(
            `http://localhost/authoring/bank/${other.course.id}/questions/${questionId}`,
            { headers: { Cookie: theirs, Accept: 'application/json' } },
          ),
          params: { courseId: other.course.id, questionId },
          context: {},
        }),
      ),
    ).toBe(404)
  })
})
