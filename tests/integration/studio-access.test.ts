// Who may open and change a course in the studio (issue 12, decision 055): every studio route,
// loader and action, refuses an instructor who does not teach the course (403) and a course that
// does not exist (404); a lesson of another course under one's own course is a 404; a refused
// request changes nothing. Uploads through the routes: a wrong type (by the bytes) and an oversized
// file are refused with the message the page shows.
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { addLesson, addModule, createCourse, saveLessonContent } from '~/models/studio.server'
import * as coursePage from '~/routes/studio.courses.$courseId._index'
import * as exportRoute from '~/routes/studio.courses.$courseId.export'
import * as imagesRoute from '~/routes/studio.courses.$courseId.images'
import * as lessonPage from '~/routes/studio.courses.$courseId.lessons.$lessonId'
import * as muxRoute from '~/routes/studio.courses.$courseId.mux-upload'
import * as previewPage from '~/routes/studio.courses.$courseId.preview'
import * as publishPage from '~/routes/studio.courses.$courseId.publish'
import * as videoUpload from '~/routes/studio.courses.$courseId.video-upload'
import * as videosPage from '~/routes/studio.courses.$courseId.videos'
import * as analysisPage from '~/routes/authoring.analysis.$quizId'
import * as bankPage from '~/routes/authoring.bank.$courseId._index'
import * as bankExport from '~/routes/authoring.bank.$courseId.export'
import * as bankImage from '~/routes/authoring.bank.$courseId.gambar.$name'
import * as bankImport from '~/routes/authoring.bank.$courseId.import'
import * as questionPage from '~/routes/authoring.bank.$courseId.questions.$questionId'
import * as questionPreview from '~/routes/authoring.bank.$courseId.questions.$questionId_.preview'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

type Handler = (args: {
  request: Request
  params: Record<string, string>
  context: object
}) => Promise<unknown> | unknown

async function statusOf(p: Promise<unknown> | unknown) {
  try {
    const r = await p
    if (r instanceof Response) return r.status
    return (r as { init?: { status?: number } })?.init?.status ?? 200
  } catch (e) {
    if (e instanceof Response) return e.status
    const init = (e as { init?: { status?: number } }).init
    if (init?.status) return init.status
    throw e
  }
}

async function teacherWithCourse(name: string) {
  const teacher = await createTestUser({ roles: ['INSTRUCTOR', 'ASN'] })
  const course = await createCourse(teacher, {
    title: `${name} ${Date.now()}`,
    summary: 'Kursus uji hak akses studio yang cukup panjang.',
    area: 'PELAYANAN_PUBLIK',
    jp: 1,
    passMark: 70,
  })
  const mod = await addModule(course.id, 'Modul Satu')
  const lesson = await addLesson(course.id, mod.id, { title: 'Pelajaran Satu', kind: 'TEXT' })
  await saveLessonContent(course.id, lesson.id, { markdown: 'Isi asli.' })
  const cookie = (await createSession(teacher.id, {})).split(';')[0]!
  return { teacher, course, mod, lesson, cookie }
}

const GIFT = '::Penyusup:: Soal penyusup yang cukup panjang {}\n'

const multipart = (parts: Record<string, Blob | string>) => {
  const form = new FormData()
  for (const [k, v] of Object.entries(parts))
    if (typeof v === 'string') form.append(k, v)
    else form.append(k, v, k === 'file' ? 'x.mp4' : 'x.bin')
  return form
}

describe('studio access', () => {
  it('every studio loader and action: 403 for another instructor, 404 for no course; nothing changes', async () => {
    const mine = await teacherWithCourse('Kursus Milik A')
    const theirs = await teacherWithCourse('Kursus Milik B')
    const base = `http://localhost/studio/courses/${mine.course.id}`
    const form = (body: Record<string, string>) => ({
      method: 'POST',
      body: new URLSearchParams(body),
      headers: {
        Cookie: theirs.cookie,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
    })
    const get = { headers: { Cookie: theirs.cookie, Accept: 'application/json' } }
    const bank = `http://localhost/authoring/bank/${mine.course.id}`
    const cases: [string, Handler, string, RequestInit, Record<string, string>][] = [
      ['course page', coursePage.loader as Handler, base, get, {}],
      [
        'course page',
        coursePage.action as Handler,
        base,
        form({ intent: 'module-add', title: 'Modul Penyusup' }),
        {},
      ],
      [
        'course page',
        coursePage.action as Handler,
        base,
        form({ intent: 'lesson-remove', lessonId: mine.lesson.id }),
        {},
      ],
      [
        'lesson page',
        lessonPage.loader as Handler,
        `${base}/lessons/${mine.lesson.id}`,
        get,
        { lessonId: mine.lesson.id },
      ],
      [
        'lesson page',
        lessonPage.action as Handler,
        `${base}/lessons/${mine.lesson.id}`,
        form({ intent: 'content', markdown: 'Diubah penyusup.' }),
        { lessonId: mine.lesson.id },
      ],
      ['preview', previewPage.loader as Handler, `${base}/preview`, get, {}],
      ['publish', publishPage.loader as Handler, `${base}/publish`, get, {}],
      ['publish', publishPage.action as Handler, `${base}/publish`, form({ token: 'x' }), {}],
      ['videos', videosPage.loader as Handler, `${base}/videos`, get, {}],
      ['export', exportRoute.loader as Handler, `${base}/export`, get, {}],
      [
        'mux upload',
        muxRoute.action as Handler,
        `${base}/mux-upload`,
        form({ title: 'Video penyusup' }),
        {},
      ],
      [
        'image upload',
        imagesRoute.action as Handler,
        `${base}/images`,
        {
          method: 'POST',
          body: multipart({ file: new Blob([Buffer.alloc(10)]) }),
          headers: { Cookie: theirs.cookie, Accept: 'application/json' },
        },
        {},
      ],
      [
        'video upload',
        videoUpload.action as Handler,
        `${base}/video-upload`,
        {
          method: 'POST',
          body: multipart({ title: 'Video penyusup', file: new Blob([Buffer.alloc(10)]) }),
          headers: { Cookie: theirs.cookie, Accept: 'application/json' },
        },
        {},
      ],
      [
        'bank',
        bankPage.loader as Handler,
        `http://localhost/authoring/bank/${mine.course.id}`,
        get,
        {},
      ],
      [
        'bank',
        bankPage.action as Handler,
        `http://localhost/authoring/bank/${mine.course.id}`,
        form({ intent: 'category', name: 'Kategori penyusup' }),
        {},
      ],
      ['bank import', bankImport.loader as Handler, `${bank}/import`, get, {}],
      [
        'bank import (preview)',
        bankImport.action as Handler,
        `${bank}/import`,
        {
          method: 'POST',
          body: (() => {
            const f = new FormData()
            f.append('intent', 'preview')
            f.append('file', new Blob([GIFT]), 'bank.gift')
            return f
          })(),
          headers: { Cookie: theirs.cookie, Accept: 'application/json' },
        },
        {},
      ],
      [
        'bank import (confirm)',
        bankImport.action as Handler,
        `${bank}/import`,
        form({
          intent: 'confirm',
          format: 'gift',
          source: Buffer.from(GIFT).toString('base64'),
          defaultCompetencyId: 'x',
          defaultLevel: '2',
        }),
        {},
      ],
      ['bank export', bankExport.loader as Handler, `${bank}/export`, get, {}],
      [
        'question editor',
        questionPage.loader as Handler,
        `${bank}/questions/baru`,
        get,
        { questionId: 'baru' },
      ],
      [
        'question editor',
        questionPage.action as Handler,
        `${bank}/questions/baru`,
        form({ type: 'ESSAY', text: 'Soal penyusup yang cukup panjang?', level: '2' }),
        { questionId: 'baru' },
      ],
      [
        'question preview',
        questionPreview.loader as Handler,
        `${bank}/questions/q/preview`,
        get,
        { questionId: 'q' },
      ],
      [
        'bank image',
        bankImage.loader as Handler,
        `${bank}/gambar/${'0'.repeat(64)}.png`,
        get,
        { name: `${'0'.repeat(64)}.png` },
      ],
    ]
    const refused: string[] = []
    for (const [name, handler, url, init, params] of cases) {
      const status = await statusOf(
        handler({
          request: new Request(url, init),
          params: { courseId: mine.course.id, ...params },
          context: {},
        }),
      )
      if (status !== 403) refused.push(`${name} ${init.method ?? 'GET'}: ${status}`)
      // A course that does not exist: 404, for the same instructor.
      const missing = await statusOf(
        handler({
          request: new Request(url.replace(mine.course.id, 'tidak-ada'), init),
          params: { ...params, courseId: 'tidak-ada' },
          context: {},
        }),
      )
      if (missing !== 404) refused.push(`${name} ${init.method ?? 'GET'} (no course): ${missing}`)
    }
    expect(refused).toEqual([])
    expect(await prisma.module.count({ where: { courseId: mine.course.id } })).toBe(1)
    const lesson = await prisma.lesson.findUniqueOrThrow({ where: { id: mine.lesson.id } })
    expect([lesson.archivedAt, lesson.contentHtml?.includes('Isi asli.')]).toEqual([null, true])
    expect(await prisma.questionCategory.count({ where: { courseId: mine.course.id } })).toBe(0)
    expect(await prisma.studioVideo.count({ where: { courseId: mine.course.id } })).toBe(0)
  })

  it("the item analysis of another course's quiz: 403; of a quiz that does not exist: 404", async () => {
    const mine = await teacherWithCourse('Kursus Analisis A')
    const theirs = await teacherWithCourse('Kursus Analisis B')
    const lesson = await addLesson(mine.course.id, mine.mod.id, { title: 'Kuis A', kind: 'QUIZ' })
    const quiz = await prisma.quiz.findUniqueOrThrow({
      where: { lessonId: lesson.id },
      select: { id: true },
    })
    const ask = (cookie: string, quizId: string) =>
      statusOf(
        (analysisPage.loader as Handler)({
          request: new Request(`http://localhost/authoring/analysis/${quizId}`, {
            headers: { Cookie: cookie },
          }),
          params: { quizId },
          context: {},
        }),
      )
    expect(await ask(theirs.cookie, quiz.id)).toBe(403)
    expect(await ask(theirs.cookie, 'tidak-ada')).toBe(404)
    expect(await ask(mine.cookie, quiz.id)).toBe(200)
  })

  it("another course's lesson under one's own course is a 404 on open and change", async () => {
    const mine = await teacherWithCourse('Kursus Milik C')
    const theirs = await teacherWithCourse('Kursus Milik D')
    const url = `http://localhost/studio/courses/${mine.course.id}/lessons/${theirs.lesson.id}`
    const params = { courseId: mine.course.id, lessonId: theirs.lesson.id }
    expect(
      await statusOf(
        lessonPage.loader({
          request: new Request(url, { headers: { Cookie: mine.cookie } }),
          params,
          context: {},
        }),
      ),
    ).toBe(404)
    const bodies: Record<string, string>[] = [
      { intent: 'content', markdown: 'Ditimpa dari kursus lain.' },
      { intent: 'settings', title: 'Judul dari kursus lain', minutes: '5' },
    ]
    for (const body of bodies)
      expect(
        await statusOf(
          lessonPage.action({
            request: new Request(url, {
              method: 'POST',
              body: new URLSearchParams(body),
              headers: {
                Cookie: mine.cookie,
                'Content-Type': 'application/x-www-form-urlencoded',
              },
            }),
            params,
            context: {},
          }),
        ),
      ).toBe(404)
    // Removing it through one's own course page: 404 as well.
    expect(
      await statusOf(
        coursePage.action({
          request: new Request(`http://localhost/studio/courses/${mine.course.id}`, {
            method: 'POST',
            body: new URLSearchParams({ intent: 'lesson-remove', lessonId: theirs.lesson.id }),
            headers: { Cookie: mine.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
          }),
          params: { courseId: mine.course.id },
          context: {},
        }),
      ),
    ).toBe(404)
    const lesson = await prisma.lesson.findUniqueOrThrow({ where: { id: theirs.lesson.id } })
    expect([lesson.title, lesson.archivedAt, lesson.contentHtml?.includes('Isi asli.')]).toEqual([
      'Pelajaran Satu',
      null,
      true,
    ])
  })

  it('uploads through the routes: a wrong type and an oversized image are refused with their message', async () => {
    const mine = await teacherWithCourse('Kursus Unggah')
    const base = `http://localhost/studio/courses/${mine.course.id}`
    // An error answers { code, params } with its status (the page words the code).
    const send = async (route: Handler, path: string, parts: Record<string, Blob | string>) =>
      (await route({
        request: new Request(`${base}/${path}`, {
          method: 'POST',
          body: multipart(parts),
          headers: { Cookie: mine.cookie, Accept: 'application/json' },
        }),
        params: { courseId: mine.course.id },
        context: {},
      })) as { data: { code: string; params?: Record<string, unknown> }; init: { status: number } }
    // A text file named like a video: judged by its bytes.
    const wrong = await send(videoUpload.action as Handler, 'video-upload', {
      title: 'Bukan video',
      file: new Blob([Buffer.from('ini bukan video, hanya teks biasa '.repeat(20))]),
    })
    expect(wrong.init.status).toBe(415)
    expect(wrong.data).toMatchObject({ code: 'studio.wrongType' })
    // An image over 5 MB: a PNG header, then more bytes than the limit.
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const big = await send(imagesRoute.action as Handler, 'images', {
      file: new Blob([png, Buffer.alloc(6 * 1024 * 1024)]),
    })
    expect(big.init.status).toBe(413)
    expect(big.data).toMatchObject({ code: 'studio.tooLarge', params: { max: 5 } })
    expect(await prisma.studioVideo.count({ where: { courseId: mine.course.id } })).toBe(0)
  })
})
