// The forms moved onto the kit (decision 090) refuse bad input through their actions: a 4xx, the
// specific message next to the field it is about (a Conform reply), nothing written.
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { startAttempt } from '~/models/quiz.server'
import { addLesson, addModule, createCourse, saveLessonContent } from '~/models/studio.server'
import { action as quizAction } from '~/routes/quiz.$attemptId'
import { action as courseAction } from '~/routes/studio.courses.$courseId._index'
import { action as lessonAction } from '~/routes/studio.courses.$courseId.lessons.$lessonId'
import { action as publishAction } from '~/routes/studio.courses.$courseId.publish'
import { action as newCourseAction } from '~/routes/studio.courses._index'
import { action as importAction } from '~/routes/authoring.bank.$courseId.import'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { COURSE, finishLessons, QUIZ } from '../support/learning'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

type Reply = {
  data: { result?: { status?: string; error?: Record<string, string[] | null> }; message?: string }
  init: { status: number } | null
}
type Action = (args: {
  request: Request
  params: Record<string, string>
  context: object
}) => unknown

const cookieFor = async (userId: string) => (await createSession(userId, {})).split(';')[0]!

async function post(
  action: Action,
  url: string,
  params: Record<string, string>,
  cookie: string,
  body: FormData | URLSearchParams,
) {
  return (await action({
    request: new Request(`http://localhost${url}`, {
      method: 'POST',
      body,
      headers: { Cookie: cookie },
    }),
    params,
    context: {},
  })) as Reply
}

async function teacherCourse() {
  const teacher = await createTestUser({ roles: ['INSTRUCTOR'] })
  const course = await createCourse(teacher, {
    title: `Kursus Formulir ${Date.now()}`,
    summary: 'Kursus uji formulir yang cukup panjang untuk ringkasan.',
    area: 'PELAYANAN_PUBLIK',
    jp: 1,
    passMark: 70,
  })
  const mod = await addModule(course.id, 'Modul Satu')
  const lesson = await addLesson(course.id, mod.id, { title: 'Pelajaran Satu', kind: 'TEXT' })
  await saveLessonContent(course.id, lesson.id, { markdown: 'Isi asli.' })
  return { teacher, course, mod, lesson, cookie: await cookieFor(teacher.id) }
}

describe('forms on the kit refuse bad input', () => {
  it('studio: course, module, lesson and publish forms answer 400 with the field message; nothing changes', async () => {
    const { course, mod, lesson, cookie } = await teacherCourse()
    const base = `/studio/courses/${course.id}`
    const params = { courseId: course.id }

    const shortTitle = await post(
      newCourseAction as Action,
      '/studio/courses',
      {},
      cookie,
      new URLSearchParams({ title: 'ab', summary: 'terlalu pendek', area: 'X', jp: '0' }),
    )
    expect(shortTitle.init?.status).toBe(400)
    expect(shortTitle.data.result?.error).toMatchObject({
      title: ['studio.validation.title'],
      summary: ['studio.validation.summary'],
      area: ['studio.validation.area'],
      jp: ['studio.validation.jp'],
    })
    expect(await prisma.course.count({ where: { title: 'ab' } })).toBe(0)

    // A rename of 2 characters, on the module's own form; a title of exactly 3 is accepted.
    const rename = await post(
      courseAction as Action,
      base,
      params,
      cookie,
      new URLSearchParams({ intent: 'module-rename', moduleId: mod.id, title: 'ab' }),
    )
    expect(rename.init?.status).toBe(400)
    expect(rename.data).toMatchObject({ formKey: `module-rename-${mod.id}` })
    expect(rename.data.result?.error?.title).toEqual(['studio.validation.title'])
    expect((await prisma.module.findUniqueOrThrow({ where: { id: mod.id } })).title).toBe(
      'Modul Satu',
    )
    const ok = await post(
      courseAction as Action,
      base,
      params,
      cookie,
      new URLSearchParams({ intent: 'module-rename', moduleId: mod.id, title: 'Abc' }),
    )
    expect(ok.init?.status ?? 200).toBe(200)
    expect((await prisma.module.findUniqueOrThrow({ where: { id: mod.id } })).title).toBe('Abc')

    // An id that cannot be one, a direction that does not exist: 400 on the id's form.
    const move = await post(
      courseAction as Action,
      base,
      params,
      cookie,
      new URLSearchParams({ intent: 'lesson-move', lessonId: 'not an id', dir: 'sideways' }),
    )
    expect(move.init?.status).toBe(400)
    expect(Object.keys(move.data.result?.error ?? {})).toEqual(
      expect.arrayContaining(['lessonId', 'dir']),
    )

    // Lesson minutes 601 (600 is the most), on the settings form; the lesson keeps its minutes.
    const minutesBefore = (await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } }))
      .minutes
    const minutes = await post(
      lessonAction as Action,
      `${base}/lessons/${lesson.id}`,
      { ...params, lessonId: lesson.id },
      cookie,
      new URLSearchParams({ intent: 'settings', title: 'Pelajaran Satu', minutes: '601' }),
    )
    expect(minutes.init?.status).toBe(400)
    expect(minutes.data).toMatchObject({
      ok: false,
      message: 'studio.validation.minutes',
      formKey: 'settings',
    })
    expect(minutes.data.result?.error?.minutes).toEqual(['studio.validation.minutes'])
    expect((await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } })).minutes).toBe(
      minutesBefore,
    )

    // Publish without the review's token: 400, no version.
    const publish = await post(
      publishAction as Action,
      `${base}/publish`,
      params,
      cookie,
      new URLSearchParams({ token: '' }),
    )
    expect(publish.init?.status).toBe(400)
    expect(publish.data.result?.error?.token).toEqual(['form.publishToken'])
    // A stale token: 409, said on the form, no version.
    const stale = await post(
      publishAction as Action,
      `${base}/publish`,
      params,
      cookie,
      new URLSearchParams({ token: 'a'.repeat(32) }),
    )
    expect(stale.init?.status).toBe(409)
    expect(stale.data.result?.error?.['']).toEqual(['studio.changedSinceReview'])
    expect(await prisma.courseVersion.count({ where: { courseId: course.id } })).toBe(0)
  })

  it('bank import: no file and an oversized file are refused at the file field; a bad mapping at confirm', async () => {
    const { course, cookie } = await teacherCourse()
    const url = `/authoring/bank/${course.id}/import`
    const params = { courseId: course.id }
    const questionsBefore = await prisma.question.count()
    const none = new FormData()
    none.set('intent', 'preview')
    const noFile = await post(importAction as Action, url, params, cookie, none)
    expect(noFile.init?.status).toBe(400)
    expect(noFile.data.result?.error?.file).toEqual(['bank.v.file'])
    const big = new FormData()
    big.set('intent', 'preview')
    big.set('file', new File([new Uint8Array(8 * 1024 * 1024 + 1)], 'bank.gift'))
    const tooBig = await post(importAction as Action, url, params, cookie, big)
    expect(tooBig.init?.status).toBe(400)
    expect(tooBig.data.result?.error?.file).toEqual(['bank.v.fileTooBig'])
    const confirm = await post(
      importAction as Action,
      url,
      params,
      cookie,
      new URLSearchParams({
        intent: 'confirm',
        format: 'gift',
        source: 'OjpROjogMisyPTQ=',
        defaultLevel: '6',
      }),
    )
    expect(confirm.init?.status).toBe(400)
    expect(confirm.data.result?.error).toMatchObject({
      defaultCompetencyId: ['bank.v.competency'],
      defaultLevel: ['bank.v.level'],
    })
    expect(await prisma.question.count()).toBe(questionsBefore)
  })

  it('quiz page: an unknown button and an overlong answer are 400 with the message, nothing saved', async () => {
    const user = await createTestUser()
    await finishLessons(user.id, COURSE)
    const { attemptId } = await startAttempt(COURSE, QUIZ, user.id)
    const cookie = await cookieFor(user.id)
    const layout = (await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } }))
      .layout as { questionId: string }[]
    const q = layout[0]!.questionId
    const intent = await post(
      quizAction as Action,
      `/quiz/${attemptId}`,
      { attemptId },
      cookie,
      new URLSearchParams({ intent: 'publish', [`q_${q}`]: 'x' }),
    )
    expect(intent.init?.status).toBe(400)
    expect(intent.data.result?.error?.intent).toEqual(['form.quizIntent'])
    expect(intent.data.message).toBe('Tombol yang dikirim tidak dikenal; muat ulang halaman kuis.')
    const long = await post(
      quizAction as Action,
      `/quiz/${attemptId}?lng=en`,
      { attemptId },
      cookie,
      new URLSearchParams({ intent: 'submit', shown: q, [`q_${q}`]: 'x'.repeat(20_001) }),
    )
    expect(long.init?.status).toBe(400)
    expect(long.data.result?.error?.[`q_${q}`]).toEqual(['form.answerTooLong?max=20000'])
    expect(long.data.message).toBe('An answer may be at most 20000 characters long.')
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(0)
    expect((await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe(
      'IN_PROGRESS',
    )
  })
})
