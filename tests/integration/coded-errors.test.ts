// Issue 8 (decision 043): refusals of resource routes (downloads, images, exports, the player's
// progress) and of the converted models reach the reader as a coded message in the reader's
// language (?lng= or the language cookie, Indonesian otherwise), with the right status.
import { beforeAll, describe, expect, it } from 'vitest'
import { generateCertificateCode } from '~/domain/certificate-code'
import { lngCookie } from '~/i18next.server'
import { revokeCertificate } from '~/models/certificate.server'
import { assignInstructor } from '~/models/course-instructor.server'
import { enrol, markVideoOpened, recordVideoProgress } from '~/models/course.server'
import { startAttempt } from '~/models/quiz.server'
import * as lessonPage from '~/routes/courses.$slug_.lessons.$lessonSlug'
import * as progress from '~/routes/courses.$slug_.lessons.$lessonSlug.progress'
import * as image from '~/routes/media.images.$name'
import * as video from '~/routes/media.videos.$videoId'
import * as programExport from '~/routes/program.$programId.ekspor'
import * as quizStatus from '~/routes/quiz.$attemptId.status'
import * as certificateExport from '~/routes/sertifikat.ekspor.$id'
import * as certificateDownload from '~/routes/sertifikat.unduh.$code'
import * as dashboardExport from '~/routes/supervisi.ekspor.$view'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { AppError } from '~/utils/errors'
import { renderMessage } from '~/utils/messages'
import { createTestUser } from '../support/factories'
import { COURSE, currentLessons, QUIZ } from '../support/learning'

type Handler = (args: {
  request: Request
  params: Record<string, string>
  context: object
}) => Promise<unknown>

let learner = { id: '', cookie: '' }
let supervisor = { id: '', cookie: '', unitPath: '' }
let admin = { id: '', cookie: '' }
let englishCookie = ''

const session = async (id: string) => (await createSession(id, {})).split(';')[0]!

beforeAll(async () => {
  const opds = await prisma.unit.findMany({
    where: { kind: 'OPD' },
    select: { code: true, path: true },
    orderBy: { code: 'asc' },
    take: 2,
  })
  const l = await createTestUser()
  const s = await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: opds[0]!.code })
  const a = await createTestUser({ roles: ['ADMIN', 'ASN'] })
  learner = { id: l.id, cookie: await session(l.id) }
  supervisor = { id: s.id, cookie: await session(s.id), unitPath: opds[0]!.path }
  admin = { id: a.id, cookie: await session(a.id) }
  englishCookie = (await lngCookie.serialize('en')).split(';')[0]!
})

/** What the reader gets: status, body text, language and code of a resource route's answer. */
async function answer(
  handler: Handler,
  path: string,
  params: Record<string, string>,
  cookie: string,
  init: RequestInit = {},
) {
  let r: unknown
  try {
    r = await handler({
      request: new Request(`http://localhost${path}`, {
        ...init,
        headers: { Cookie: cookie, ...(init.headers as Record<string, string>) },
      }),
      params,
      context: {},
    })
  } catch (e) {
    r = e
  }
  if (!(r instanceof Response)) throw new Error(`not a Response: ${String(r)}`)
  return {
    status: r.status,
    text: (await r.text()).trim(),
    type: r.headers.get('Content-Type'),
    lng: r.headers.get('Content-Language'),
    code: r.headers.get('X-Error-Code'),
  }
}

/** The same request read in Indonesian (default), English by ?lng=en and English by cookie. */
async function inBothLanguages(
  handler: Handler,
  path: string,
  params: Record<string, string>,
  cookie: string,
  init: RequestInit = {},
) {
  const sep = path.includes('?') ? '&' : '?'
  return {
    id: await answer(handler, path, params, cookie, init),
    en: await answer(handler, `${path}${sep}lng=en`, params, cookie, init),
    enCookie: await answer(handler, path, params, `${cookie}; ${englishCookie}`, init),
  }
}

/** One request to a resource route: its handler, path, route params, cookie and options. */
type Ask = {
  handler: unknown
  path: string
  params: Record<string, string>
  cookie: string
  init?: RequestInit
}

/**
 * Asks in both languages (Indonesian, ?lng=en, the English cookie) and expects the refusal: the
 * status, the code and its text in each language. Returns the three answers.
 */
async function expectRefused(
  ask: Ask,
  status: number,
  code: string,
  params: Record<string, string | number> = {},
) {
  const r = await inBothLanguages(
    ask.handler as Handler,
    ask.path,
    ask.params,
    ask.cookie,
    ask.init,
  )
  expectCoded(r, status, code, params)
  return r
}

function expectCoded(
  r: Awaited<ReturnType<typeof inBothLanguages>>,
  status: number,
  code: string,
  params: Record<string, string | number> = {},
) {
  for (const x of [r.id, r.en, r.enCookie]) {
    expect(x.status).toBe(status)
    expect(x.code).toBe(code)
    expect(x.type).toBe('text/plain; charset=utf-8')
  }
  expect(r.id.lng).toBe('id')
  expect(r.id.text).toBe(renderMessage({ code, params }, 'id'))
  expect(r.en.lng).toBe('en')
  expect(r.en.text).toBe(renderMessage({ code, params }, 'en'))
  expect(r.enCookie.text).toBe(r.en.text)
  // Two real sentences, not the code and not one language twice.
  expect(r.id.text).not.toBe(r.en.text)
  expect(r.id.text).not.toContain(code)
}

describe('resource routes answer coded errors in the reader language', () => {
  it('certificate PDF: an unknown code and another holder are the same 404', async () => {
    const r = await expectRefused(
      {
        handler: certificateDownload.loader,
        path: '/sertifikat/unduh/BINA-0000-0000',
        params: { code: 'BINA-0000-0000' },
        cookie: learner.cookie,
      },
      404,
      'certificate.notFound',
    )
    expect(r.id.text).toBe('Sertifikat tidak ditemukan.')
    expect(r.en.text).toBe('The certificate was not found.')
  })

  it('certificate export download: not found for anyone but who asked', async () => {
    const other = await prisma.certificateExport.create({
      data: { requestedById: admin.id, scope: 'TEAM' },
      select: { id: true },
    })
    await expectRefused(
      {
        handler: certificateExport.loader,
        path: `/sertifikat/ekspor/${other.id}`,
        params: { id: other.id },
        cookie: learner.cookie,
      },
      404,
      'certificateExport.notFound',
    )
    // Its owner is told it is not finished yet (409), not that it does not exist.
    const mine = await answer(
      certificateExport.loader as Handler,
      `/sertifikat/ekspor/${other.id}?lng=en`,
      { id: other.id },
      admin.cookie,
    )
    expect(mine).toMatchObject({ status: 409, code: 'certificateExport.notDone' })
    expect(mine.text).toBe('The export is not finished yet.')
  })

  it('lesson images and videos: 404 text for a malformed or unknown name', async () => {
    await expectRefused(
      {
        handler: image.loader,
        path: '/media/images/x.svg',
        params: { name: 'x.svg' },
        cookie: learner.cookie,
      },
      404,
      'media.imageNotFound',
    )
    await expectRefused(
      {
        handler: video.loader,
        path: '/media/videos/nope',
        params: { videoId: 'nope' },
        cookie: learner.cookie,
      },
      404,
      'media.videoNotFound',
    )
  })

  it('dashboard export: 400 for a bad view, 403 for a unit outside the scope or a learner', async () => {
    await expectRefused(
      {
        handler: dashboardExport.loader,
        path: '/supervisi/ekspor/semua?format=csv',
        params: { view: 'semua' },
        cookie: supervisor.cookie,
      },
      400,
      'export.query',
    )
    const outside = await prisma.unit.findFirstOrThrow({
      where: { kind: 'OPD', NOT: { path: { startsWith: supervisor.unitPath } } },
      select: { id: true },
    })
    await expectRefused(
      {
        handler: dashboardExport.loader,
        path: `/supervisi/ekspor/unit?format=csv&unit=${outside.id}`,
        params: { view: 'unit' },
        cookie: supervisor.cookie,
      },
      403,
      'scope.outOfScope',
    )
    // requireRole's 403 is coded too.
    await expectRefused(
      {
        handler: dashboardExport.loader,
        path: '/supervisi/ekspor/unit?format=csv',
        params: { view: 'unit' },
        cookie: learner.cookie,
      },
      403,
      'forbidden',
    )
  })

  it('program export: 400 for a format other than csv or xlsx', async () => {
    await expectRefused(
      {
        handler: programExport.loader,
        path: '/program/abc/ekspor?format=pdf',
        params: { programId: 'abc' },
        cookie: admin.cookie,
      },
      400,
      'export.format',
    )
  })

  it("quiz status poll: another learner's attempt is a 404", async () => {
    await expectRefused(
      {
        handler: quizStatus.loader,
        path: '/quiz/cmx0000000000000000000000/status',
        params: { attemptId: 'cmx0000000000000000000000' },
        cookie: learner.cookie,
      },
      404,
      'quiz.attemptNotFound',
    )
  })

  it('video progress: bad data is a 400, a lesson of a course one is not enrolled in a 403', async () => {
    const lesson = (await currentLessons()).find((l) => l.kind === 'VIDEO')!
    const path = `/courses/${COURSE}/lessons/${lesson.slug}/progress`
    const params = { slug: COURSE, lessonSlug: lesson.slug }
    const post = (body: unknown): RequestInit => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    const stranger = await createTestUser()
    const cookie = await session(stranger.id)
    await expectRefused(
      { handler: progress.action, path, params, cookie, init: post({ positionSec: -1 }) },
      400,
      'videoProgress.invalid',
    )
    await expectRefused(
      {
        handler: progress.action,
        path,
        params,
        cookie,
        init: post({ positionSec: 5, ranges: [[0, 5]] }),
      },
      403,
      'course.notEnrolled',
    )
  })
})

/** A coded message (or its `code?params` string) reads `id` in Indonesian and `en` in English. */
function expectTexts(message: string, id: string, en: string) {
  expect(renderMessage(message, 'id')).toBe(id)
  expect(renderMessage(message, 'en')).toBe(en)
}

describe('converted models refuse with codes the pages render in both languages', () => {
  it('quiz rules: not enrolled (403) with the code the lesson page shows', async () => {
    const stranger = await createTestUser()
    const e = await startAttempt(COURSE, QUIZ, stranger.id).catch((x) => x)
    expect(e).toBeInstanceOf(AppError)
    expect(e).toMatchObject({ code: 'quiz.notEnrolled', status: 403 })
    // The lesson page's action answers the code, shown by its ErrorList in the reader's language.
    const form = new URLSearchParams({ intent: 'start-quiz' })
    const r = (await (lessonPage.action as Handler)({
      request: new Request(`http://localhost/courses/${COURSE}/lessons/${QUIZ}`, {
        method: 'POST',
        headers: {
          Cookie: await session(stranger.id),
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: form,
      }),
      params: { slug: COURSE, lessonSlug: QUIZ },
      context: {},
    })) as { data: { error: string }; init: { status: number } }
    expect(r.init.status).toBe(403)
    expectTexts(
      r.data.error,
      'Daftar ke kursus ini terlebih dahulu untuk mengerjakan kuis.',
      'Enrol in this course first to take the quiz.',
    )
  })

  it('quiz attempts limit carries its number into both languages', async () => {
    const e = new (await import('~/models/quiz.server')).QuizError('attemptsUsed', 400, { max: 3 })
    expectTexts(
      e.message,
      'Batas 3 kali percobaan sudah tercapai.',
      'The limit of 3 attempts has been reached.',
    )
  })

  it('certificate revocation: a malformed code is a 400, an unknown one a 404', async () => {
    const at = new Date()
    const bad = await revokeCertificate({
      actorId: admin.id,
      code: '???',
      reason: 'DATA_ERROR',
      note: '',
      at,
    }).catch((x) => x)
    expect(bad).toMatchObject({ code: 'certificate.badCode', status: 400 })
    const unknown = await revokeCertificate({
      actorId: admin.id,
      // Well-formed (its check characters fit) but never issued.
      code: generateCertificateCode(),
      reason: 'DATA_ERROR',
      note: '',
      at,
    }).catch((x) => x)
    expect(unknown).toMatchObject({ code: 'certificate.notFound', status: 404 })
    expectTexts(bad.message, 'Kode sertifikat tidak valid.', 'The certificate code is not valid.')
  })

  it('instructor assignment: an unknown person is a 400 on the "who" field', async () => {
    const course = await prisma.course.findUniqueOrThrow({ where: { slug: COURSE } })
    const e = await assignInstructor(course.id, 'nobody@nowhere.invalid', admin.id).catch((x) => x)
    expect(e).toMatchObject({ code: 'instructors.unknownUser', status: 400, field: 'who' })
    expectTexts(
      e.message,
      'Pengguna dengan NIP atau surel itu tidak ditemukan.',
      'No user with that NIP or email.',
    )
  })

  it('video progress faster than the clock is a 422 with its own message', async () => {
    const u = await createTestUser()
    await enrol(u.id, COURSE)
    const lesson = (await currentLessons()).find((l) => l.kind === 'VIDEO')!
    const { durationSec } = await prisma.video.findUniqueOrThrow({
      where: { id: lesson.videoId! },
      select: { durationSec: true },
    })
    // The whole video reported watched the moment the lesson was opened.
    await markVideoOpened(u.id, COURSE, lesson.slug, new Date())
    const e = await recordVideoProgress(u.id, COURSE, lesson.slug, {
      positionSec: durationSec!,
      ranges: [[0, durationSec!]],
    }).catch((x) => x)
    expect(e).toMatchObject({ code: 'videoProgress.tooFast', status: 422 })
    expect(renderMessage(e.message, 'en')).toMatch(/more than the time since the video started/)
  })
})
