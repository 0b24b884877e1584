import id from '~/locales/id'
// The instructor's quiz settings page: what it stores (times read as WIB), that new attempts follow
// it, that invalid input is refused field by field with nothing written, and who may use it.
import { parseWithZod } from '@conform-to/zod'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { enrol } from '~/models/course.server'
import {
  quizSettings,
  quizSettingsSchema,
  quizzesForAuthoring,
  updateQuizSettings,
  type QuizSettingsValue,
} from '~/models/quiz-settings.server'
import { startAttempt, type Layout } from '~/models/quiz.server'
import { FieldError } from '~/models/user.server'
import { action, loader } from '~/routes/authoring.quizzes.$quizId'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { COURSE, QUIZ } from '../support/learning'
import { messageWith } from '~/utils/errors'
import { renderMessage } from '~/utils/messages'

/** Conform's field errors (message codes) as the Indonesian page shows them. */
function rendered(errors: Record<string, string[] | null> | undefined | null) {
  return Object.fromEntries(
    Object.entries(errors ?? {}).map(([k, v]) => [k, v?.map((m) => renderMessage(m))]),
  )
}

let quizId: string
let slotId: string
let bankSize: number
let instructorCookie: string
let otherInstructorCookie: string
const userIdOfCookie = new Map<string, string>()
let asnCookie: string

/** Everything the settings page can change, as stored. */
async function snapshot() {
  const quiz = await prisma.quiz.findUniqueOrThrow({
    where: { id: quizId },
    include: { slots: { orderBy: { position: 'asc' } } },
  })
  return quiz
}
let original: Awaited<ReturnType<typeof snapshot>>

async function cookieFor(roles: ('ASN' | 'INSTRUCTOR' | 'ADMIN')[], teachesCourse?: string) {
  const user = await createTestUser({ roles })
  if (teachesCourse)
    await prisma.courseInstructor.create({
      data: { courseId: teachesCourse, userId: user.id, assignedBy: user.id },
    })
  const cookie = (await createSession(user.id, {})).split(';')[0]!
  userIdOfCookie.set(cookie, user.id)
  return cookie
}

beforeAll(async () => {
  const quiz = await prisma.quiz.findFirstOrThrow({
    where: { lesson: { slug: QUIZ, module: { course: { slug: COURSE } } } },
    select: { id: true, lesson: { select: { module: { select: { courseId: true } } } } },
  })
  quizId = quiz.id
  original = await snapshot()
  const slot = original.slots.find((s) => s.categoryId)!
  slotId = slot.id
  bankSize = await prisma.question.count({ where: { categoryId: slot.categoryId! } })
  // An instructor of the quiz's course, and one who teaches only another course.
  instructorCookie = await cookieFor(['INSTRUCTOR'], quiz.lesson.module.courseId)
  const other = await prisma.course.findFirstOrThrow({
    where: { id: { not: quiz.lesson.module.courseId } },
    select: { id: true },
  })
  otherInstructorCookie = await cookieFor(['INSTRUCTOR'], other.id)
  asnCookie = await cookieFor(['ASN'])
})

// Tests in this file share the quiz row: put back what a test changed.
afterEach(async () => {
  const { id: _id, lessonId: _lessonId, slots, ...settings } = original
  await prisma.$transaction([
    prisma.quiz.update({
      where: { id: quizId },
      data: {
        ...settings,
        reviewAfterSubmit: settings.reviewAfterSubmit ?? {},
        reviewAfterClose: settings.reviewAfterClose ?? {},
      },
    }),
    ...slots.map((s) =>
      prisma.quizSlot.update({ where: { id: s.id }, data: { drawCount: s.drawCount } }),
    ),
  ])
})

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

function formData(fields: Record<string, string>) {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.append(k, v)
  return f
}

function postRequest(cookie: string, fields: Record<string, string>) {
  return new Request(`http://localhost/authoring/quizzes/${quizId}`, {
    method: 'POST',
    headers: { Cookie: cookie },
    body: formData(fields),
  })
}

/** An action's result as status + data, whether it came back through `data()` or as is. */
function unwrap(r: unknown) {
  const x = r as { type?: string; data?: unknown; init?: { status?: number } | null }
  if (x && x.type === 'DataWithResponseInit')
    return { status: x.init?.status ?? 200, data: x.data as ActionData }
  return { status: 200, data: r as ActionData }
}
type ActionData = {
  result: { status?: string; error?: Record<string, string[] | null> }
  saved: boolean
}

async function thrown(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  // A coded refusal is thrown as data({ code }, { status }) (decision 040); read it as a Response.
  if (e && typeof e === 'object' && (e as { type?: string }).type === 'DataWithResponseInit') {
    const d = e as { data: unknown; init: { status: number } | null }
    return new Response(JSON.stringify(d.data), { status: d.init?.status ?? 200 })
  }
  expect(e).toBeInstanceOf(Response)
  return e as Response
}

/** A complete, valid form (the fields the page posts); override what a test needs. */
function validForm(overrides: Record<string, string> = {}) {
  return {
    passMark: '80',
    attemptsAllowed: '5',
    gradingMethod: 'AVERAGE',
    timeLimitMinutes: '45',
    // WIB wall-clock times: 08:00 WIB is 01:00 UTC.
    openAt: '2020-01-01T08:00',
    closeAt: '2099-12-31T17:30',
    // shuffleQuestions left unchecked: absent from the post.
    shuffleOptions: 'on',
    'reviewAfterSubmit.score': 'on',
    'reviewAfterSubmit.correct': 'on',
    // reviewAfterClose: all three unchecked.
    [`draw_${slotId}`]: '4',
    ...overrides,
  }
}

describe('saving quiz settings', () => {
  it('stores every field (times read as WIB) and a new attempt follows them', async () => {
    const res = unwrap(
      await action({
        request: postRequest(instructorCookie, validForm()),
        params: { quizId },
        context: {},
      }),
    )
    expect(res.status).toBe(200)
    expect(res.data.result.status).toBe('success')
    expect(res.data.saved).toBe(true)

    const q = await snapshot()
    expect(q).toMatchObject({
      passMark: 80,
      attemptsAllowed: 5,
      gradingMethod: 'AVERAGE',
      timeLimitSec: 45 * 60,
      shuffleQuestions: false,
      shuffleOptions: true,
      reviewAfterSubmit: { score: true, correct: true, feedback: false },
      reviewAfterClose: { score: false, correct: false, feedback: false },
    })
    expect(q.openAt!.toISOString()).toBe('2020-01-01T01:00:00.000Z')
    expect(q.closeAt!.toISOString()).toBe('2099-12-31T10:30:00.000Z')
    expect(q.slots.find((s) => s.id === slotId)!.drawCount).toBe(4)

    // The page shows the stored times back in WIB.
    const view = (await loader({
      request: new Request(`http://localhost/authoring/quizzes/${quizId}`, {
        headers: { Cookie: instructorCookie },
      }),
      params: { quizId },
      context: {},
    })) as Awaited<ReturnType<typeof loader>>
    expect(view.defaults).toMatchObject({
      openAt: '2020-01-01T08:00',
      closeAt: '2099-12-31T17:30',
      timeLimitMinutes: '45',
      gradingMethod: 'AVERAGE',
      [`draw_${slotId}`]: '4',
    })
    expect(view.quiz.questionCount).toBe(4)
    // The authoring list's summary of this quiz.
    const instructor = { id: userIdOfCookie.get(instructorCookie)!, roles: ['INSTRUCTOR' as const] }
    const other = { id: userIdOfCookie.get(otherInstructorCookie)!, roles: ['INSTRUCTOR' as const] }
    // Only the course's instructors see it listed (the settings page refuses the others).
    expect((await quizzesForAuthoring(other)).some((x) => x.id === quizId)).toBe(false)
    const listed = (await quizzesForAuthoring(instructor)).find((x) => x.id === quizId)!
    expect(listed).toMatchObject({ courseSlug: COURSE, lessonSlug: QUIZ })
    expect(listed.summary).toBe(
      'nilai lulus 80 · maks. 5 percobaan · nilai rata-rata · 45 menit · 4 soal · ' +
        'buka 1 Jan 2020, 08.00 WIB · tutup 31 Des 2099, 17.30 WIB',
    )
    // The same line from the English locale texts for an English reader.
    const listedEn = (await quizzesForAuthoring(instructor, 'en')).find((x) => x.id === quizId)!
    expect(listedEn.summary).toBe(
      'pass mark 80 · max. 5 attempts · grading: average · 45 minutes · 4 questions · ' +
        'opens 1 Jan 2020, 08:00 WIB · closes 31 Dec 2099, 17:30 WIB',
    )

    // A learner's new attempt: 45 minutes from the start, 4 questions drawn.
    const learner = await createTestUser()
    await enrol(learner.id, COURSE)
    const { attemptId } = await startAttempt(COURSE, QUIZ, learner.id)
    const a = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
    expect(a.deadlineAt!.getTime() - a.startedAt.getTime()).toBe(45 * 60_000)
    expect((a.layout as Layout).length).toBe(4)
  })

  it('ends attempts at the close time when that comes before the time limit', async () => {
    // 10 minutes from now as a WIB wall-clock time, to the minute.
    const close = new Date(Date.now() + 10 * 60_000)
    close.setUTCSeconds(0, 0)
    const closeWib = new Date(close.getTime() + 7 * 3600_000).toISOString().slice(0, 16)
    const settings = (await quizSettings(quizId))!
    const submission = parseWithZod(
      formData(validForm({ openAt: '', closeAt: closeWib, timeLimitMinutes: '30' })),
      { schema: quizSettingsSchema(settings.slots) },
    )
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value.openAt).toBeNull()
    await updateQuizSettings(quizId, submission.value, 'test-instructor')
    expect((await snapshot()).closeAt!.getTime()).toBe(close.getTime())

    const learner = await createTestUser()
    await enrol(learner.id, COURSE)
    const { attemptId } = await startAttempt(COURSE, QUIZ, learner.id)
    const a = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
    expect(a.deadlineAt!.getTime()).toBe(close.getTime())
  })

  it('judges the close time by when the start request arrived, to the millisecond', async () => {
    // Closed a second ago (as the server processes it now); the requests arrived around then.
    const close = new Date(Date.now() - 1000)
    await prisma.quiz.update({ where: { id: quizId }, data: { closeAt: close } })
    const early = await createTestUser()
    await enrol(early.id, COURSE)
    // Arrived 1 ms before the close: in time, and its deadline is the close time.
    const { attemptId } = await startAttempt(COURSE, QUIZ, early.id, new Date(close.getTime() - 1))
    const a = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
    expect(a.startedAt.getTime()).toBe(close.getTime() - 1)
    expect(a.deadlineAt!.getTime()).toBe(close.getTime())
    // Arrived exactly at the close: refused, and nothing written.
    const late = await createTestUser()
    await enrol(late.id, COURSE)
    const e = await startAttempt(COURSE, QUIZ, late.id, close).catch((x: unknown) => x)
    expect(e).toMatchObject({ code: 'quiz.closed' })
    expect(await prisma.quizAttempt.count({ where: { userId: late.id } })).toBe(0)
  })

  it('keeps the deadline and questions of an attempt already started', async () => {
    const learner = await createTestUser()
    await enrol(learner.id, COURSE)
    const { attemptId } = await startAttempt(COURSE, QUIZ, learner.id)
    const before = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
    const res = unwrap(
      await action({
        request: postRequest(
          instructorCookie,
          validForm({ timeLimitMinutes: '5', [`draw_${slotId}`]: '2' }),
        ),
        params: { quizId },
        context: {},
      }),
    )
    expect(res.data.result.status).toBe('success')
    const after = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })
    expect(after.deadlineAt).toEqual(before.deadlineAt)
    expect(after.layout).toEqual(before.layout)
    // Resuming returns the same attempt, not a new one under the new settings.
    expect((await startAttempt(COURSE, QUIZ, learner.id)).attemptId).toBe(attemptId)
  })

  it('treats an empty time limit as none and unchecked boxes as off', async () => {
    const settings = (await quizSettings(quizId))!
    const submission = parseWithZod(
      formData({
        passMark: '0',
        attemptsAllowed: '0',
        gradingMethod: 'LAST',
        timeLimitMinutes: '',
        openAt: '',
        closeAt: '',
        [`draw_${slotId}`]: String(bankSize),
      }),
      { schema: quizSettingsSchema(settings.slots) },
    )
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value).toEqual({
      passMark: 0,
      attemptsAllowed: 0,
      gradingMethod: 'LAST',
      timeLimitSec: null,
      openAt: null,
      closeAt: null,
      shuffleQuestions: false,
      shuffleOptions: false,
      reviewAfterSubmit: { score: false, correct: false, feedback: false },
      reviewAfterClose: { score: false, correct: false, feedback: false },
      draws: { [slotId]: bankSize },
    } satisfies QuizSettingsValue)
  })
})

describe('invalid settings', () => {
  it('answer each field with its own message (a code, shown in Indonesian) and change nothing', async () => {
    const res = unwrap(
      await action({
        request: postRequest(
          instructorCookie,
          validForm({
            passMark: '150',
            openAt: '2026-03-10T10:00',
            closeAt: '2026-03-10T09:00',
            [`draw_${slotId}`]: String(bankSize + 1),
          }),
        ),
        params: { quizId },
        context: {},
      }),
    )
    expect(res.status).toBe(400)
    expect(res.data.saved).toBe(false)
    expect(res.data.result.status).toBe('error')
    expect(rendered(res.data.result.error)).toMatchObject({
      passMark: ['Nilai lulus harus bilangan bulat 0–100.'],
      closeAt: ['Waktu tutup harus setelah waktu buka.'],
      [`draw_${slotId}`]: [
        `Kategori ini hanya memiliki ${bankSize} soal; jumlah soal yang diambil paling banyak ${bankSize}.`,
      ],
    })
    // Fields that were valid carry no error.
    expect(res.data.result.error?.attemptsAllowed ?? null).toBeNull()
    expect(await snapshot()).toEqual(original)
  })

  it('explain other mistakes specifically', async () => {
    const settings = (await quizSettings(quizId))!
    const submission = parseWithZod(
      formData(
        validForm({
          passMark: '',
          attemptsAllowed: '21',
          gradingMethod: 'ACAK',
          timeLimitMinutes: '0',
          openAt: '2026-02-30T08:00',
          closeAt: 'besok',
          [`draw_${slotId}`]: '0',
        }),
      ),
      { schema: quizSettingsSchema(settings.slots) },
    )
    expect(submission.status).toBe('error')
    if (submission.status !== 'error') return
    expect(rendered(submission.error)).toMatchObject({
      passMark: ['Isi nilai lulus (bilangan bulat 0–100).'],
      attemptsAllowed: ['Jumlah percobaan harus bilangan bulat 0–20 (0 = tanpa batas).'],
      gradingMethod: ['Pilih metode penilaian: Tertinggi, Terakhir, Pertama, atau Rata-rata.'],
      timeLimitMinutes: [
        'Batas waktu harus bilangan bulat 1–600 menit; kosongkan jika tanpa batas waktu.',
      ],
      openAt: ['Waktu buka tidak valid. Isi tanggal dan jam (WIB), misalnya 2026-03-01 08:00.'],
      closeAt: ['Waktu tutup tidak valid. Isi tanggal dan jam (WIB), misalnya 2026-03-31 23:59.'],
      [`draw_${slotId}`]: ['Jumlah soal yang diambil paling sedikit 1.'],
    })
    const decimal = parseWithZod(formData(validForm({ passMark: '70.5' })), {
      schema: quizSettingsSchema(settings.slots),
    })
    expect(
      decimal.status === 'error' && decimal.error?.passMark?.map((m) => renderMessage(m)),
    ).toEqual(['Nilai lulus harus bilangan bulat 0–100.'])
  })

  it('write nothing when the bank is smaller than the draw at save time (one transaction)', async () => {
    const value: QuizSettingsValue = {
      passMark: 55,
      attemptsAllowed: 7,
      gradingMethod: 'FIRST',
      timeLimitSec: 600,
      openAt: null,
      closeAt: null,
      shuffleQuestions: false,
      shuffleOptions: false,
      reviewAfterSubmit: { score: false, correct: false, feedback: false },
      reviewAfterClose: { score: false, correct: false, feedback: false },
      draws: { [slotId]: bankSize + 5 },
    }
    const e = await updateQuizSettings(quizId, value, 'test-instructor').catch((err) => err)
    expect(e).toBeInstanceOf(FieldError)
    expect(e.field).toBe(`draw_${slotId}`)
    expect(renderMessage(messageWith(e.code, e.params))).toBe(
      `Kategori ini hanya memiliki ${bankSize} soal; jumlah soal yang diambil paling banyak ${bankSize}.`,
    )
    expect(await snapshot()).toEqual(original)

    // Slots replaced since the page was loaded (say, by a content import): refused as a whole.
    const stale = await updateQuizSettings(
      quizId,
      { ...value, draws: { 'slot-yang-sudah-tidak-ada': 1 } },
      'test-instructor',
    ).catch((err) => err)
    expect(stale).toBeInstanceOf(FieldError)
    expect(stale.field).toBe('')
    expect(renderMessage(stale.message)).toMatch(/^Susunan soal kuis ini berubah/)
    expect(await snapshot()).toEqual(original)
  })
})

describe('access', () => {
  it('refuses a plain ASN with 403 on the page and on saving', async () => {
    const page = await thrown(
      loader({
        request: new Request(`http://localhost/authoring/quizzes/${quizId}`, {
          headers: { Cookie: asnCookie },
        }),
        params: { quizId },
        context: {},
      }),
    )
    expect(page.status).toBe(403)
    const save = await thrown(
      action({
        request: postRequest(asnCookie, validForm({ passMark: '10' })),
        params: { quizId },
        context: {},
      }),
    )
    expect(save.status).toBe(403)
    expect(await snapshot()).toEqual(original)
  })

  it('refuses an instructor of another course with 403, and lets an admin in', async () => {
    const page = await thrown(
      loader({
        request: new Request(`http://localhost/authoring/quizzes/${quizId}`, {
          headers: { Cookie: otherInstructorCookie },
        }),
        params: { quizId },
        context: {},
      }),
    )
    expect(page.status).toBe(403)
    expect(await page.json()).toEqual({ code: 'quizSettings.notInstructor' })
    expect(renderMessage('quizSettings.notInstructor')).toMatch(/Hanya pengajar kursus ini/)
    const save = await thrown(
      action({
        request: postRequest(otherInstructorCookie, validForm({ passMark: '10' })),
        params: { quizId },
        context: {},
      }),
    )
    expect(save.status).toBe(403)
    expect(await snapshot()).toEqual(original)
    // An admin who teaches nothing may open it; the course's own instructor may save.
    const admin = await cookieFor(['ADMIN'])
    const opened = await loader({
      request: new Request(`http://localhost/authoring/quizzes/${quizId}`, {
        headers: { Cookie: admin },
      }),
      params: { quizId },
      context: {},
    })
    expect(opened.quiz.id).toBe(quizId)
    const saved = unwrap(
      await action({
        request: postRequest(instructorCookie, validForm({ passMark: '75' })),
        params: { quizId },
        context: {},
      }),
    )
    expect(saved.data.saved).toBe(true)
  })

  it('answers 404 in Indonesian for an unknown quiz', async () => {
    const err = (await loader({
      request: new Request('http://localhost/authoring/quizzes/tidak-ada', {
        headers: { Cookie: instructorCookie },
      }),
      params: { quizId: 'tidak-ada' },
      context: {},
    }).catch((e: unknown) => e)) as { init?: { status?: number }; data?: { code?: string } }
    expect(err.init?.status).toBe(404)
    // The error boundary renders errors.codes.<code> in the reader's language.
    expect(err.data?.code).toBe('quiz.notFound')
    expect(id.errors.codes.quiz.notFound).toBe('Kuis tidak ditemukan.')
  })
})
