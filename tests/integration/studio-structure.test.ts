// The structure of a course in the studio (issue 12, item 1), through the course page's action as
// the browser posts it, with JavaScript (a fetch: data back) and without (a navigation: 303 back to
// the page): modules and lessons added, renamed, moved and removed; the order learners see after
// publishing; the boundaries (first up, last down, a removed or foreign id); a removed lesson keeps
// every record learners have of it. The preview shows a quiz's questions without the answer key,
// and only to who teaches the course.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { courseOutline, enrol, markTextLessonDone } from '~/models/course.server'
import { addCategorySlot, confirmImport } from '~/models/question-bank.server'
import { startAttempt, submitAttempt } from '~/models/quiz.server'
import {
  addLesson,
  addModule,
  createCourse,
  publishFromStudio,
  publishPreview,
  saveLessonContent,
  setCourseCompetency,
  updateLessonSettings,
  workingCourse,
} from '~/models/studio.server'
import { action as courseAction } from '~/routes/studio.courses.$courseId._index'
import { loader as previewLoader } from '~/routes/studio.courses.$courseId.preview'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

async function cookieFor(userId: string) {
  return (await createSession(userId, {})).split(';')[0]!
}

/** The status of a route's answer (data, a Response, or a thrown refusal). */
async function answer(p: Promise<unknown>) {
  try {
    const r = await p
    if (r instanceof Response) return { status: r.status, location: r.headers.get('Location') }
    return { status: (r as { init?: { status?: number } })?.init?.status ?? 200, location: null }
  } catch (e) {
    if (e instanceof Response) return { status: e.status, location: null }
    const init = (e as { init?: { status?: number } }).init
    if (init?.status) return { status: init.status, location: null }
    throw e
  }
}

/** Posts a form of the course page: as a fetch (JavaScript) or as a navigation (without). */
function post(
  cookie: string,
  courseId: string,
  fields: Record<string, string>,
  js: boolean,
): Promise<{ status: number; location: string | null }> {
  const request = new Request(`http://localhost/studio/courses/${courseId}`, {
    method: 'POST',
    headers: {
      Cookie: cookie,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Sec-Fetch-Mode': js ? 'cors' : 'navigate',
    },
    body: new URLSearchParams(fields),
  })
  return answer(courseAction({ request, params: { courseId }, context: {} }))
}

/** The draft's outline as the studio shows it: module titles with their lesson titles. */
async function draftOutline(courseId: string) {
  const c = await workingCourse(courseId)
  return c.modules.map((m) => [m.title, m.lessons.map((l) => l.title)])
}

async function lessonId(courseId: string, title: string) {
  return (
    await prisma.lesson.findFirstOrThrow({
      where: { title, module: { courseId } },
      select: { id: true },
    })
  ).id
}

async function moduleId(courseId: string, title: string) {
  return (
    await prisma.module.findFirstOrThrow({ where: { title, courseId }, select: { id: true } })
  ).id
}

async function newCourse(title: string) {
  const teacher = await createTestUser({ roles: ['INSTRUCTOR', 'ASN'] })
  const course = await createCourse(teacher, {
    title: `${title} ${Date.now()}`,
    summary: 'Kursus uji struktur studio yang cukup panjang.',
    area: 'PELAYANAN_PUBLIK',
    jp: 1,
    passMark: 70,
  })
  return { teacher, course, cookie: await cookieFor(teacher.id) }
}

for (const js of [true, false])
  describe(`course structure ${js ? 'with' : 'without'} JavaScript`, () => {
    it('adds, renames, moves and removes; learners get the order the draft had when published', async () => {
      const { course, cookie } = await newCourse(`Struktur ${js ? 'JS' : 'HTML'}`)
      const ok = js ? { status: 200, location: null } : { status: 303 }
      const send = (fields: Record<string, string>) => post(cookie, course.id, fields, js)
      const expectOk = async (fields: Record<string, string>) => {
        const r = await send(fields)
        expect(r, JSON.stringify(fields)).toMatchObject(ok)
        if (!js) expect(r.location).toBe(`/studio/courses/${course.id}?saved=1`)
      }
      await expectOk({ intent: 'module-add', title: 'Modul Alfa' })
      await expectOk({ intent: 'module-add', title: 'Modul Beta' })
      const alfa = await moduleId(course.id, 'Modul Alfa')
      const beta = await moduleId(course.id, 'Modul Beta')
      for (const title of ['Satu', 'Dua', 'Tiga'])
        await expectOk({ intent: 'lesson-add', moduleId: alfa, title, kind: 'TEXT' })
      await expectOk({ intent: 'lesson-add', moduleId: beta, title: 'Empat', kind: 'TEXT' })
      expect(await draftOutline(course.id)).toEqual([
        ['Modul Alfa', ['Satu', 'Dua', 'Tiga']],
        ['Modul Beta', ['Empat']],
      ])

      await expectOk({ intent: 'module-rename', moduleId: alfa, title: 'Modul Pertama' })
      await expectOk({
        intent: 'lesson-move',
        lessonId: await lessonId(course.id, 'Tiga'),
        dir: 'up',
      })
      await expectOk({ intent: 'module-move', moduleId: beta, dir: 'up' })
      expect(await draftOutline(course.id)).toEqual([
        ['Modul Beta', ['Empat']],
        ['Modul Pertama', ['Satu', 'Tiga', 'Dua']],
      ])

      // The boundaries: the first item up and the last item down change nothing and are no error.
      await expectOk({ intent: 'module-move', moduleId: beta, dir: 'up' })
      await expectOk({ intent: 'module-move', moduleId: alfa, dir: 'down' })
      await expectOk({
        intent: 'lesson-move',
        lessonId: await lessonId(course.id, 'Satu'),
        dir: 'up',
      })
      await expectOk({
        intent: 'lesson-move',
        lessonId: await lessonId(course.id, 'Dua'),
        dir: 'down',
      })
      // The only lesson of a module is both first and last.
      await expectOk({
        intent: 'lesson-move',
        lessonId: await lessonId(course.id, 'Empat'),
        dir: 'down',
      })
      expect(await draftOutline(course.id)).toEqual([
        ['Modul Beta', ['Empat']],
        ['Modul Pertama', ['Satu', 'Tiga', 'Dua']],
      ])

      const satu = await lessonId(course.id, 'Satu')
      await expectOk({ intent: 'lesson-remove', lessonId: satu })
      expect(await draftOutline(course.id)).toEqual([
        ['Modul Beta', ['Empat']],
        ['Modul Pertama', ['Tiga', 'Dua']],
      ])
      // A removed lesson cannot be moved or removed again: a 404, not a 500, and nothing changes.
      for (const intent of ['lesson-move', 'lesson-remove'])
        expect((await send({ intent, lessonId: satu, dir: 'up' })).status).toBe(404)
      // Bad input is a 400: an unknown direction, an empty title.
      expect(
        (
          await send({
            intent: 'lesson-move',
            lessonId: await lessonId(course.id, 'Dua'),
            dir: 'left',
          })
        ).status,
      ).toBe(400)
      expect((await send({ intent: 'module-rename', moduleId: beta, title: ' ' })).status).toBe(400)
      expect(await draftOutline(course.id)).toEqual([
        ['Modul Beta', ['Empat']],
        ['Modul Pertama', ['Tiga', 'Dua']],
      ])

      // Publish (15 + 15 + 15 required minutes = the 1 JP declared) and read the learner's outline.
      for (const title of ['Empat', 'Tiga', 'Dua']) {
        const id = await lessonId(course.id, title)
        await saveLessonContent(course.id, id, { markdown: `Isi pelajaran ${title}.` })
        await updateLessonSettings(course.id, id, { title, minutes: 15, required: true })
      }
      const { token } = await publishPreview(course.id)
      expect(await publishFromStudio(course.id, token)).toMatchObject({ created: true, version: 1 })
      const learner = await createTestUser()
      const outline = await courseOutline(course.slug, learner.id)
      expect(outline!.lessons.map((l) => [l.moduleTitle, l.title])).toEqual([
        ['Modul Beta', 'Empat'],
        ['Modul Pertama', 'Tiga'],
        ['Modul Pertama', 'Dua'],
      ])
    })
  })

describe('another instructor', () => {
  it('cannot move, rename or remove in a course they do not teach (403); a module of another course is a 404', async () => {
    const mine = await newCourse('Milik Sendiri')
    const theirs = await newCourse('Milik Orang Lain')
    const mod = await addModule(theirs.course.id, 'Modul Orang Lain')
    const lesson = await addLesson(theirs.course.id, mod.id, { title: 'Rahasia', kind: 'TEXT' })
    const before = await draftOutline(theirs.course.id)
    for (const js of [true, false]) {
      for (const fields of [
        { intent: 'module-move', moduleId: mod.id, dir: 'up' },
        { intent: 'module-rename', moduleId: mod.id, title: 'Diambil alih' },
        { intent: 'lesson-remove', lessonId: lesson.id },
        { intent: 'module-remove', moduleId: mod.id },
      ] as Record<string, string>[]) {
        expect((await post(mine.cookie, theirs.course.id, fields, js)).status).toBe(403)
        // Their ids under my own course: not found there.
        expect((await post(mine.cookie, mine.course.id, fields, js)).status).toBe(404)
      }
    }
    expect(await draftOutline(theirs.course.id)).toEqual(before)
  })
})

describe('removing what learners have records of', () => {
  it('archives: the draft drops the lesson and the module; versions, progress and attempts stay', async () => {
    const { course, cookie } = await newCourse('Arsip')
    await setCourseCompetency(course.id, 'T.LD.01', 2)
    const mod = await addModule(course.id, 'Modul Satu')
    const text = await addLesson(course.id, mod.id, { title: 'Bacaan', kind: 'TEXT' })
    await saveLessonContent(course.id, text.id, { markdown: 'Isi bacaan.' })
    await updateLessonSettings(course.id, text.id, { title: 'Bacaan', minutes: 35, required: true })
    const quizLesson = await addLesson(course.id, mod.id, { title: 'Kuis', kind: 'QUIZ' })
    const competency = await prisma.competency.findUniqueOrThrow({
      where: { code: 'T.LD.01' },
      select: { id: true },
    })
    await confirmImport(
      course.id,
      'moodle',
      fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'moodle', 'bank-lengkap.xml'), 'utf8'),
      { byCategory: {}, default: { competencyId: competency.id, level: 2 } },
    )
    const category = await prisma.questionCategory.findUniqueOrThrow({
      where: { courseId_name: { courseId: course.id, name: 'Keamanan Digital' } },
      select: { id: true },
    })
    const quiz = await prisma.quiz.findUniqueOrThrow({ where: { lessonId: quizLesson.id } })
    await addCategorySlot(course.id, quiz.id, category.id, 1)
    const v1 = await publishFromStudio(course.id, (await publishPreview(course.id)).token)
    expect(v1).toMatchObject({ created: true, version: 1 })

    const learner = await createTestUser()
    const enrolment = await enrol(learner.id, course.slug)
    await markTextLessonDone(learner.id, course.slug, 'bacaan')
    const { attemptId } = await startAttempt(course.slug, 'kuis', learner.id)
    await submitAttempt(attemptId, learner.id, {})
    const records = () =>
      Promise.all([
        prisma.lessonProgress.findMany({
          where: { enrolmentId: enrolment.id },
          orderBy: { lessonId: 'asc' },
        }),
        prisma.quizAttempt.findMany({ where: { userId: learner.id } }),
        prisma.lessonVersion.findMany({
          where: { courseVersionId: enrolment.courseVersionId },
          orderBy: { position: 'asc' },
        }),
        prisma.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } }),
      ])
    const before = await records()
    expect(before[0].map((p) => p.lessonId)).toContain(text.id)
    expect(before[1]).toHaveLength(1)
    expect(before[2].map((l) => l.title)).toEqual(['Bacaan', 'Kuis'])

    // The text lesson goes (no JavaScript), then the whole module (with JavaScript).
    expect(
      await post(cookie, course.id, { intent: 'lesson-remove', lessonId: text.id }, false),
    ).toMatchObject({ status: 303 })
    expect(await draftOutline(course.id)).toEqual([['Modul Satu', ['Kuis']]])
    const second = await addModule(course.id, 'Modul Dua')
    const extra = await addLesson(course.id, second.id, { title: 'Pengganti', kind: 'TEXT' })
    await saveLessonContent(course.id, extra.id, { markdown: 'Isi pengganti.' })
    await updateLessonSettings(course.id, extra.id, {
      title: 'Pengganti',
      minutes: 35,
      required: true,
    })
    const diff = await publishPreview(course.id)
    expect(diff.removed.map((r) => r.title)).toEqual(['Bacaan'])
    expect(await publishFromStudio(course.id, diff.token)).toMatchObject({ version: 2 })
    expect(
      await post(cookie, course.id, { intent: 'module-remove', moduleId: mod.id }, true),
    ).toMatchObject({ status: 200 })
    expect(await draftOutline(course.id)).toEqual([['Modul Dua', ['Pengganti']]])

    // Nothing a learner has was deleted or changed: the rows are archived, the records intact.
    expect(await records()).toEqual(before)
    const archived = await prisma.lesson.findMany({
      where: { id: { in: [text.id, quizLesson.id] } },
      select: { id: true, archivedAt: true },
    })
    expect(archived).toHaveLength(2)
    for (const l of archived) expect(l.archivedAt).toBeInstanceOf(Date)
    expect(await prisma.quiz.count({ where: { id: quiz.id } })).toBe(1)
    // The learner still reads version 1 with both lessons; version 2 has no "Bacaan".
    const outline = await courseOutline(course.slug, learner.id)
    expect(outline!.version.number).toBe(1)
    expect(outline!.lessons.map((l) => l.title)).toEqual(['Bacaan', 'Kuis'])
    expect(outline!.lessons[0]!.state).toBe('done')
    const v2 = await prisma.courseVersion.findFirstOrThrow({
      where: { courseId: course.id, version: 2 },
      select: { lessons: { orderBy: [{ modulePosition: 'asc' }, { position: 'asc' }] } },
    })
    expect(v2.lessons.map((l) => l.title)).toEqual(['Kuis', 'Pengganti'])
  })
})

describe('the preview of a quiz lesson', () => {
  it('shows the questions a learner gets, never the key or the feedback; a learner cannot open it', async () => {
    const { teacher, course } = await newCourse('Pratinjau Kuis')
    const mod = await addModule(course.id, 'Modul Satu')
    const quizLesson = await addLesson(course.id, mod.id, { title: 'Kuis Pratinjau', kind: 'QUIZ' })
    await setCourseCompetency(course.id, 'T.LD.01', 2)
    const competency = await prisma.competency.findUniqueOrThrow({
      where: { code: 'T.LD.01' },
      select: { id: true },
    })
    await confirmImport(
      course.id,
      'gift',
      [
        '::Pilihan:: Siapa penanggung jawab akun dinas? {=Instansi pemilik#RAHASIA-UMPAN-BENAR ~Penyedia platform#RAHASIA-UMPAN-SALAH}',
        '::Singkat:: Tulis singkatan aparatur sipil negara. {=KUNCI-ASN-RAHASIA}',
        '::Angka:: Berapa digit NIP? {#18:0}',
        '::Esai:: Jelaskan etika akun dinas. {}',
        '',
      ].join('\n\n'),
      { byCategory: {}, default: { competencyId: competency.id, level: 2 } },
    )
    const category = await prisma.questionCategory.findFirstOrThrow({
      where: { courseId: course.id },
      select: { id: true, name: true },
    })
    const quiz = await prisma.quiz.findUniqueOrThrow({ where: { lessonId: quizLesson.id } })
    await addCategorySlot(course.id, quiz.id, category.id, 3)

    const get = async (userId: string, slug: string) => {
      const request = new Request(
        `http://localhost/studio/courses/${course.id}/preview?lesson=${slug}`,
        { headers: { Cookie: await cookieFor(userId) } },
      )
      return previewLoader({ request, params: { courseId: course.id }, context: {} })
    }
    const data = (await get(teacher.id, 'kuis-pratinjau')) as unknown as {
      current: { title: string; kind: string }
      quiz: {
        category: string
        draw: number
        questions: { type: string; text: string; options: string[] }[]
      }[]
    }
    expect(data.current).toMatchObject({ title: 'Kuis Pratinjau', kind: 'QUIZ' })
    expect(data.quiz).toEqual([
      {
        category: category.name,
        draw: 3,
        questions: [
          {
            type: 'SINGLE',
            text: 'Siapa penanggung jawab akun dinas?',
            options: ['Instansi pemilik', 'Penyedia platform'],
          },
          { type: 'SHORT', text: 'Tulis singkatan aparatur sipil negara.', options: [] },
          { type: 'NUMERIC', text: 'Berapa digit NIP?', options: [] },
          { type: 'ESSAY', text: 'Jelaskan etika akun dinas.', options: [] },
        ],
      },
    ])
    // Nothing of the key or the feedback is in what the page gets.
    const sent = JSON.stringify(data)
    for (const secret of ['RAHASIA', 'KUNCI', '"correct"', 'feedback', 'accepted', 'numeric"'])
      expect(sent).not.toContain(secret)
    expect(sent).not.toMatch(/\b18\b/)

    const learner = await createTestUser()
    expect((await answer(get(learner.id, 'kuis-pratinjau'))).status).toBe(403)
    const otherTeacher = await createTestUser({ roles: ['INSTRUCTOR'] })
    expect((await answer(get(otherTeacher.id, 'kuis-pratinjau'))).status).toBe(403)
  })
})
