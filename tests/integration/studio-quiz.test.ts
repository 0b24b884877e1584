// A quiz built in the studio (issue 12): a QUIZ lesson comes with its quiz, a course whose quiz has
// no questions cannot be published, and images of imported Moodle questions reach the learner of
// an attempt (and who teaches the course) only: other learners, other instructors and names the
// attempt does not show get a 404. Real PostgreSQL, the real Moodle fixture.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { enrol } from '~/models/course.server'
import { addCategorySlot, confirmImport } from '~/models/question-bank.server'
import { startAttempt, type Layout } from '~/models/quiz.server'
import {
  addLesson,
  addModule,
  createCourse,
  publishFromStudio,
  publishPreview,
  quizzesWithoutQuestions,
  saveLessonContent,
  setCourseCompetency,
  updateLessonSettings,
} from '~/models/studio.server'
import { loader as bankImageLoader } from '~/routes/authoring.bank.$courseId.gambar.$name'
import { loader as attemptImageLoader } from '~/routes/quiz.$attemptId.gambar.$name'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { AppError } from '~/utils/errors'
import { redis } from '~/utils/redis.server'
import { mediaStorage } from '~/utils/storage.server'
import { createTestUser } from '../support/factories'

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'moodle', name), 'utf8')

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

/** The response of a resource route; a refusal (thrown by withAppErrors) as its status alone. */
async function status(p: Promise<unknown>) {
  try {
    const r = await p
    return r instanceof Response ? r : new Response(null, { status: 200 })
  } catch (e) {
    if (e instanceof Response) return e
    const init = (e as { init?: { status?: number } }).init
    if (init?.status) return new Response(null, { status: init.status })
    throw e
  }
}

async function get(
  loader: typeof attemptImageLoader,
  userId: string,
  url: string,
  params: Record<string, string>,
) {
  const cookie = (await createSession(userId, {})).split(';')[0]!
  return status(
    loader({ request: new Request(url, { headers: { Cookie: cookie } }), params, context: {} }),
  )
}

/** A studio course with a text lesson and a quiz lesson drawing the fixture's phishing category. */
async function studioCourseWithImageQuiz() {
  const teacher = await createTestUser({ roles: ['INSTRUCTOR', 'ASN'] })
  const course = await createCourse(teacher, {
    title: `Kuis Bergambar ${Date.now()}`,
    summary: 'Kursus uji untuk soal bergambar dari Moodle XML.',
    area: 'LITERASI_DIGITAL',
    jp: 1,
    passMark: 70,
  })
  await setCourseCompetency(course.id, 'T.LD.01', 2)
  const mod = await addModule(course.id, 'Modul Satu')
  const text = await addLesson(course.id, mod.id, { title: 'Bacaan', kind: 'TEXT' })
  await saveLessonContent(course.id, text.id, { markdown: 'Isi bacaan.' })
  // 35 + 10 required minutes: the 1 JP declared (decision 066).
  await updateLessonSettings(course.id, text.id, { title: 'Bacaan', minutes: 35, required: true })
  const quizLesson = await addLesson(course.id, mod.id, { title: 'Kuis Gambar', kind: 'QUIZ' })
  return { teacher, course, quizLesson }
}

describe('a quiz lesson in the studio', () => {
  it('comes with a quiz; publishing waits until it has questions', async () => {
    const { course, quizLesson } = await studioCourseWithImageQuiz()
    const quiz = await prisma.quiz.findUniqueOrThrow({
      where: { lessonId: quizLesson.id },
      select: { passMark: true, slots: true },
    })
    expect(quiz).toEqual({ passMark: 70, slots: [] })
    expect(await quizzesWithoutQuestions(course.id)).toEqual(['Kuis Gambar'])
    const { token } = await publishPreview(course.id)
    const refused = await publishFromStudio(course.id, token).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AppError)
    expect((refused as AppError).code).toBe('studio.quizWithoutQuestions')
    expect(
      await prisma.courseVersion.count({ where: { courseId: course.id } }),
      'nothing published',
    ).toBe(0)
  })
})

describe('question images', () => {
  it('reach the learner of the attempt and who teaches the course, nobody else', async () => {
    const { teacher, course, quizLesson } = await studioCourseWithImageQuiz()
    const competency = await prisma.competency.findUniqueOrThrow({
      where: { code: 'T.LD.01' },
      select: { id: true },
    })
    await confirmImport(course.id, 'moodle', fixture('bank-lengkap.xml'), {
      byCategory: {},
      default: { competencyId: competency.id, level: 2 },
    })
    const category = await prisma.questionCategory.findUniqueOrThrow({
      where: { courseId_name: { courseId: course.id, name: 'Keamanan Digital' } },
      select: { id: true, _count: { select: { questions: true } } },
    })
    const quiz = await prisma.quiz.findUniqueOrThrow({
      where: { lessonId: quizLesson.id },
      select: { id: true },
    })
    await addCategorySlot(course.id, quiz.id, category.id, category._count.questions)
    const { token } = await publishPreview(course.id)
    expect(await publishFromStudio(course.id, token)).toMatchObject({ created: true, version: 1 })

    const learner = await createTestUser()
    const slug = (await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).slug
    await enrol(learner.id, slug)
    const { attemptId } = await startAttempt(slug, 'kuis-gambar', learner.id)
    const layout = (
      await prisma.quizAttempt.findUniqueOrThrow({
        where: { id: attemptId },
        select: { layout: true },
      })
    ).layout as Layout
    const versions = await prisma.questionVersion.findMany({
      where: { id: { in: layout.map((l) => l.versionId) } },
      select: { text: true },
    })
    const name = versions
      .map((v) => /\[\[gambar:([0-9a-f]{64}\.png)\]\]/.exec(v.text)?.[1])
      .find(Boolean)!
    expect(name, 'the phishing question carries its image').toBeTruthy()
    expect(await mediaStorage().get(`bank/${name}`)).not.toBeNull()

    const attemptUrl = `http://localhost/quiz/${attemptId}/gambar/${name}`
    const own = await get(attemptImageLoader, learner.id, attemptUrl, { attemptId, name })
    expect(own.status).toBe(200)
    expect(own.headers.get('X-Bina-Send-File')).toBe(`bank/${name}`)
    // Who teaches the course (grading) sees it too.
    expect(
      (await get(attemptImageLoader, teacher.id, attemptUrl, { attemptId, name })).status,
    ).toBe(200)
    // Another learner, another course's instructor: 404, as for a missing file.
    const other = await createTestUser()
    const otherTeacher = await createTestUser({ roles: ['INSTRUCTOR'] })
    for (const u of [other, otherTeacher])
      expect((await get(attemptImageLoader, u.id, attemptUrl, { attemptId, name })).status).toBe(
        404,
      )
    // A well-formed name the attempt does not show, and a path trick: 404.
    for (const bad of [`${'a'.repeat(64)}.png`, '../images/x.png', `${name}/../../x`])
      expect(
        (
          await get(attemptImageLoader, learner.id, attemptUrl, {
            attemptId,
            name: bad,
          })
        ).status,
      ).toBe(404)

    // The bank's address: who teaches the course; another instructor is refused.
    const bankUrl = `http://localhost/authoring/bank/${course.id}/gambar/${name}`
    const params = { courseId: course.id, name }
    const mine = await get(bankImageLoader, teacher.id, bankUrl, params)
    expect(mine.status).toBe(200)
    expect(mine.headers.get('X-Bina-Send-File')).toBe(`bank/${name}`)
    expect((await get(bankImageLoader, otherTeacher.id, bankUrl, params)).status).toBe(403)
    expect((await get(bankImageLoader, learner.id, bankUrl, params)).status).toBe(403)
  })
})
