import { describe, expect, it } from 'vitest'
import {
  action as courseAction,
  loader as courseLoader,
} from '~/routes/studio.courses.$courseId._index'
import { action as lessonAction } from '~/routes/studio.courses.$courseId.lessons.$lessonId'
import { storeLessonImage } from '~/models/studio-media.server'
import {
  addLesson,
  addModule,
  createCourse,
  publishFromStudio,
  publishPreview,
  saveLessonContent,
  updateLessonSettings,
} from '~/models/studio.server'
import { enrol, markTextLessonDone } from '~/models/course.server'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { AppError } from '~/utils/errors'
import { renderMessage } from '~/utils/messages'
import { createTestUser } from '../support/factories'

const meta = {
  title: 'Kursus Uji Studio',
  summary: 'Ringkasan kursus uji studio yang cukup panjang.',
  area: 'LITERASI_DIGITAL' as const,
  jp: 1,
  passMark: 70,
}

async function cookieFor(userId: string) {
  return (await createSession(userId, {})).split(';')[0]!
}

async function statusOf(p: Promise<unknown>) {
  try {
    const r = await p
    return r instanceof Response
      ? r.status
      : ((r as { init?: { status?: number } })?.init?.status ?? 200)
  } catch (e) {
    if (e instanceof Response) return e.status
    const init = (e as { init?: { status?: number } }).init
    if (init?.status) return init.status
    throw e
  }
}

async function newCourse() {
  const teacher = await createTestUser({ roles: ['INSTRUCTOR', 'ASN'] })
  const course = await createCourse(teacher, { ...meta, title: `${meta.title} ${Date.now()}` })
  const mod = await addModule(course.id, 'Modul Satu')
  const lesson = await addLesson(course.id, mod.id, { title: 'Pelajaran Satu', kind: 'TEXT' })
  await saveLessonContent(course.id, lesson.id, { markdown: '## Awal\n\nIsi pertama.' })
  // 45 required minutes: the 1 JP declared (decision 066).
  await updateLessonSettings(course.id, lesson.id, {
    title: 'Pelajaran Satu',
    minutes: 45,
    required: true,
  })
  return { teacher, course, mod, lesson }
}

const expectCode = async (p: Promise<unknown>, code: string, status: number) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(AppError)
  expect((e as AppError).code).toBe(code)
  expect((e as AppError).status).toBe(status)
  return e as AppError
}

describe('course studio', () => {
  it('an instructor of another course gets 403 on open and change; nothing changes', async () => {
    const { course } = await newCourse()
    const stranger = await createTestUser({ roles: ['INSTRUCTOR'] })
    await createCourse(stranger, meta)
    const cookie = await cookieFor(stranger.id)
    const url = `http://localhost/studio/courses/${course.id}`
    expect(
      await statusOf(
        courseLoader({
          request: new Request(url, { headers: { Cookie: cookie } }),
          params: { courseId: course.id },
          context: {},
        }),
      ),
    ).toBe(403)
    const body = new URLSearchParams({ intent: 'module-add', title: 'Modul Penyusup' })
    expect(
      await statusOf(
        courseAction({
          request: new Request(url, {
            method: 'POST',
            body,
            headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
          }),
          params: { courseId: course.id },
          context: {},
        }),
      ),
    ).toBe(403)
    expect(await prisma.module.count({ where: { courseId: course.id } })).toBe(1)
  })

  it('refuses crafted documents with a clear message and keeps the saved draft', async () => {
    const { course, lesson, teacher } = await newCourse()
    const para = (text: string, marks?: unknown[]) => ({
      type: 'paragraph',
      content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
    })
    const unknownNode = JSON.stringify({
      type: 'doc',
      content: [{ type: 'iframe', attrs: { src: 'https://x' } }],
    })
    // Each refusal names its own reason (decision 044), not one catch-all code.
    const e1 = await expectCode(
      saveLessonContent(course.id, lesson.id, { doc: unknownNode }),
      'lessonDoc.unknownNode',
      400,
    )
    expect(e1.params).toMatchObject({ type: 'iframe', path: 'doc › iframe[0]' })
    const js = JSON.stringify({
      type: 'doc',
      content: [para('klik', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])],
    })
    const e2 = await expectCode(
      saveLessonContent(course.id, lesson.id, { doc: js }),
      'lessonDoc.link',
      400,
    )
    expect(e2.params).toMatchObject({ href: 'javascript:alert(1)' })
    const foreignImage = JSON.stringify({
      type: 'doc',
      content: [{ type: 'image', attrs: { src: 'https://tracker.example/p.png' } }],
    })
    await expectCode(
      saveLessonContent(course.id, lesson.id, { doc: foreignImage }),
      'lessonDoc.image',
      400,
    )
    // The no-JS form's Markdown goes through the same rules.
    const md = await expectCode(
      saveLessonContent(course.id, lesson.id, { markdown: 'Teks\n\n<iframe src="x"></iframe>' }),
      'lessonDoc.markdown.html',
      400,
    )
    expect(md.params).toMatchObject({ html: '<iframe src="x"></iframe>' })
    const huge = JSON.stringify({
      type: 'doc',
      content: Array.from({ length: 30_000 }, () => ({ type: 'paragraph' })),
    })
    await expectCode(
      saveLessonContent(course.id, lesson.id, { doc: huge }),
      'studio.docTooLarge',
      400,
    )
    // Through the route: a 400 with the code and values the editor shows in the reader's
    // language (its notice and the form's error), never a 500.
    const cookie = await cookieFor(teacher.id)
    const res = (await lessonAction({
      request: new Request(`http://localhost/studio/courses/${course.id}/lessons/${lesson.id}`, {
        method: 'POST',
        body: new URLSearchParams({ intent: 'content', doc: js }),
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
      params: { courseId: course.id, lessonId: lesson.id },
      context: {},
    })) as unknown as {
      data: {
        ok: boolean
        message: string
        params: Record<string, string>
        result: { error?: Record<string, string[]> }
      }
      init: { status: number }
    }
    expect(res.init.status).toBe(400)
    expect(res.data).toMatchObject({ ok: false, message: 'lessonDoc.link' })
    const notice = { code: res.data.message, params: res.data.params }
    expect(renderMessage(notice, 'id')).toBe(
      'Tautan "javascript:alert(1)" tidak diizinkan: gunakan alamat https:// atau halaman Bina (diawali /) (di doc › paragraph[0] › text[0]).',
    )
    expect(renderMessage(notice, 'en')).toBe(
      'Link "javascript:alert(1)" is not allowed: use an https:// address or a Bina page (starting with /) (at doc › paragraph[0] › text[0]).',
    )
    // The form's own error (Conform's reply) carries the same code with its values.
    const formError = res.data.result.error?.['']?.[0] ?? ''
    expect(renderMessage(formError, 'en')).toBe(renderMessage(notice, 'en'))
    const saved = await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } })
    expect(saved.contentHtml).toContain('Isi pertama.')
  })

  it('judges uploads by their bytes and size', async () => {
    async function* bytes(b: Buffer) {
      yield new Uint8Array(b)
    }
    // A script named .png: refused from its bytes.
    await expectCode(
      storeLessonImage(bytes(Buffer.from('<script>alert(1)</script>'.repeat(10)))),
      'studio.wrongType',
      415,
    )
    // A real PNG header followed by 6 MB: over the 5 MB limit.
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
      'hex',
    )
    async function* big() {
      yield new Uint8Array(png)
      for (let i = 0; i < 6; i++) yield new Uint8Array(1024 * 1024)
    }
    await expectCode(storeLessonImage(big()), 'studio.tooLarge', 413)
    const ok = await storeLessonImage(bytes(Buffer.concat([png, Buffer.alloc(100)])))
    expect(ok.src).toMatch(/^\/media\/images\/[a-f0-9]{64}\.png$/)
  })

  it('publishes only when something changed; a learner keeps the lesson version they finished', async () => {
    const { course, lesson, mod } = await newCourse()
    const first = await publishPreview(course.id)
    const v1 = await publishFromStudio(course.id, first.token)
    expect(v1).toMatchObject({ created: true, version: 1 })
    // Nothing changed: no version 2, however often it is clicked.
    const again = await publishPreview(course.id)
    expect(again.empty).toBe(true)
    expect(await publishFromStudio(course.id, again.token)).toEqual({ created: false })
    expect(await prisma.courseVersion.count({ where: { courseId: course.id } })).toBe(1)

    const learner = await createTestUser({ roles: ['ASN'] })
    const slug = (await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).slug
    const enrolment = await enrol(learner.id, slug)
    await markTextLessonDone(learner.id, slug, 'pelajaran-satu')
    const finishedHtml = (
      await prisma.lessonVersion.findFirstOrThrow({
        where: { courseVersionId: enrolment.courseVersionId, lessonId: lesson.id },
      })
    ).contentHtml

    await saveLessonContent(course.id, lesson.id, { markdown: '## Baru\n\nIsi yang direvisi.' })
    const added = await addLesson(course.id, mod.id, { title: 'Pelajaran Dua', kind: 'TEXT' })
    const diff = await publishPreview(course.id)
    expect(diff.changed.map((c) => [c.lessonId, c.changes])).toEqual([[lesson.id, ['content']]])
    expect(diff.added.map((a) => a.lessonId)).toEqual([added.id])
    // A draft changed after the review is not published blindly.
    await expectCode(publishFromStudio(course.id, 'stale'), 'studio.changedSinceReview', 409)
    expect(await publishFromStudio(course.id, diff.token)).toMatchObject({
      created: true,
      version: 2,
    })

    const after = await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })
    expect(after.courseVersionId).toBe(enrolment.courseVersionId)
    const kept = await prisma.lessonVersion.findFirstOrThrow({
      where: { courseVersionId: enrolment.courseVersionId, lessonId: lesson.id },
    })
    expect(kept.contentHtml).toBe(finishedHtml)
    expect(kept.contentHtml).toContain('Isi pertama.')
  })
})
