import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  courseSchema,
  importAllPacks,
  PackError,
  questionSchema,
  schemaError,
} from '~/models/content-pack.server'
import { renderMessage } from '~/utils/messages'
import {
  catalogue,
  courseOutline,
  maybeCompleteEnrolment,
  publishCourse,
  markVideoOpened,
  recordVideoProgress,
} from '~/models/course.server'
import { completeEnrolmentJob } from '~/jobs/complete-enrolment.server'
import { closeQueues } from '~/jobs/queue.server'
import { prisma } from '~/utils/db.server'
import { catalogueCompetencies } from '~/models/screens/catalogue.read.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { COURSE, currentLessons, finishLessons, takeQuiz } from '../support/learning'

const PACKS = path.resolve('content/courses')
const PACK_SLUGS = ['keamanan-digital-asn', 'pelayanan-publik-prima', 'pengelolaan-keuangan-daerah']
const MEDIA = 'storage/test-media'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

async function copyPack(slug: string, as = slug) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bina-pack-'))
  await fs.cp(path.join(PACKS, slug), path.join(dir, as), { recursive: true })
  return { root: dir, pack: path.join(dir, as) }
}

async function counts() {
  const [courses, versions, lessons, questions, videos] = await Promise.all([
    // Only the packs' courses: other test files of this worker may create courses of their own.
    prisma.course.count({ where: { slug: { in: PACK_SLUGS } } }),
    prisma.courseVersion.count(),
    prisma.lesson.count(),
    prisma.question.count(),
    prisma.video.count(),
  ])
  return { courses, versions, lessons, questions, videos }
}

describe('content packs', () => {
  it('are imported once: a second import updates and duplicates nothing', async () => {
    const before = await counts()
    expect(before.courses).toBe(3)
    expect(before.questions).toBeGreaterThanOrEqual(36)
    const results = await importAllPacks(PACKS, MEDIA)
    expect(results.map((r) => r.published)).toEqual([false, false, false])
    expect(await counts()).toEqual(before)
  })

  it('keep the quiz settings instructors changed when the import runs again', async () => {
    // A copy of a pack as its own course (own slug, own question ids), so the real one is untouched.
    const { root, pack } = await copyPack('pelayanan-publik-prima', 'uji-impor-ulang')
    const courseFile = path.join(pack, 'course.json')
    const json = JSON.parse(await fs.readFile(courseFile, 'utf8'))
    json.slug = 'uji-impor-ulang'
    await fs.writeFile(courseFile, JSON.stringify(json))
    const questionsFile = path.join(pack, 'questions.json')
    const questions = JSON.parse(await fs.readFile(questionsFile, 'utf8')) as { id: string }[]
    await fs.writeFile(
      questionsFile,
      JSON.stringify(questions.map((q) => ({ ...q, id: `uji-${q.id}` }))),
    )
    try {
      await importAllPacks(root, MEDIA)
      const quizOf = () =>
        prisma.quiz.findFirstOrThrow({
          where: { lesson: { module: { course: { slug: 'uji-impor-ulang' } } } },
          select: {
            id: true,
            passMark: true,
            timeLimitSec: true,
            gradingMethod: true,
            slots: { select: { id: true, drawCount: true } },
          },
        })
      const created = await quizOf()
      expect(created.slots).toHaveLength(1)
      // What an instructor saves on /authoring/quizzes/:id.
      await prisma.quiz.update({
        where: { id: created.id },
        data: { passMark: 85, timeLimitSec: 45 * 60, gradingMethod: 'LAST' },
      })
      await prisma.quizSlot.update({ where: { id: created.slots[0]!.id }, data: { drawCount: 4 } })
      const edited = await quizOf()

      // The same pack again: nothing is written.
      expect((await importAllPacks(root, MEDIA)).map((r) => r.published)).toEqual([false])
      expect(await quizOf()).toEqual(edited)

      // A changed lesson: a new version is published, the quiz keeps its settings and slots.
      const lessons = path.join(pack, 'lessons')
      const first = (await fs.readdir(lessons)).sort()[0]!
      await fs.appendFile(path.join(lessons, first), '\nParagraf tambahan untuk versi baru.\n')
      const [again] = await importAllPacks(root, MEDIA)
      expect(again!.published).toBe(true)
      expect(await quizOf()).toEqual(edited)
    } finally {
      // Courses are never deleted (what learners did points to them): archived instead.
      await prisma.course.updateMany({
        where: { slug: 'uji-impor-ulang' },
        data: { status: 'ARCHIVED' },
      })
    }
  })

  it('stops on a malformed pack, naming the file and the reason, before writing anything', async () => {
    const { root, pack } = await copyPack('pelayanan-publik-prima')
    const file = path.join(pack, 'course.json')
    const json = JSON.parse(await fs.readFile(file, 'utf8'))
    delete json.jp
    json.slug = 'pelayanan-publik-prima'
    await fs.writeFile(file, JSON.stringify(json))
    const before = await counts()
    const err = await importAllPacks(root, MEDIA).catch((e) => e)
    expect(err).toBeInstanceOf(PackError)
    expect(err.file).toBe(file)
    expect(err.reason).toMatch(/jp/)
    expect(await counts()).toEqual(before)
  })

  it('refuses a JSON file that does not parse with a coded reason: line and column, both languages', async () => {
    const { root, pack } = await copyPack('pelayanan-publik-prima')
    const file = path.join(pack, 'course.json')
    const good = await fs.readFile(file, 'utf8')
    const json = JSON.stringify(JSON.parse(good), null, 2).split('\n')
    const before = await counts()
    const refusal = async (text: string) => {
      await fs.writeFile(file, text)
      const err = await importAllPacks(root, MEDIA).catch((e) => e)
      expect(err).toBeInstanceOf(PackError)
      expect(err.file).toBe(file)
      return err as PackError
    }
    // A trailing comma after the last property (line 2 of the file): the closing brace is where
    // the parser stops, at the start of line 3.
    const comma = await refusal(`${json[0]}\n${json[1]!.replace(/,$/, '')},\n}\n`)
    expect(comma).toMatchObject({
      code: 'pack.jsonAt',
      status: 400,
      params: { line: 3, column: 1 },
    })
    expect(comma.reason).toBe('bukan JSON yang valid: kesalahan di baris 3, kolom 1')
    expect(renderMessage(comma, 'en')).toBe('not valid JSON: error at line 3, column 1')
    // Cut short: the end of the file is where it is wrong (line 2, after its 5 characters).
    const cut = await refusal('{\n  "a"')
    expect(cut).toMatchObject({ code: 'pack.jsonAt', params: { line: 2, column: 6 } })
    // A file that ends with nothing: line 1, column 1.
    expect(await refusal('')).toMatchObject({ code: 'pack.jsonAt', params: { line: 1, column: 1 } })
    // A stray word where the parser names no offset: refused without a place, never in English.
    const word = await refusal('{"slug": salah}')
    expect(word).toMatchObject({ code: 'pack.json' })
    expect(word.reason).toBe('bukan JSON yang valid')
    expect(renderMessage(word, 'en')).toBe('not valid JSON')
    expect(await counts()).toEqual(before)
    // A byte order mark before valid JSON (as some Windows editors save) is not an error.
    await fs.writeFile(file, `\uFEFF${good}`)
    await importAllPacks(root, MEDIA)
    expect(await counts()).toEqual(before)
  })

  it("names the schema's own rule (pack.v.*) with its texts in both languages", async () => {
    const { root, pack } = await copyPack('keamanan-digital-asn')
    const file = path.join(pack, 'course.json')
    const json = JSON.parse(await fs.readFile(file, 'utf8'))
    json.modules[0].lessons[0].slug = 'Bukan Slug'
    await fs.writeFile(file, JSON.stringify(json))
    const slug = await importAllPacks(root, MEDIA).catch((e) => e)
    expect(slug).toBeInstanceOf(PackError)
    expect(slug).toMatchObject({ code: 'pack.v.slug', status: 400 })
    expect(slug.reason).toBe(
      'modules.0.lessons.0.slug: harus huruf kecil, angka dan tanda hubung (kebab-case)',
    )
    expect(renderMessage(slug, 'en')).toBe(
      'modules.0.lessons.0.slug: lowercase letters, digits and hyphens only (kebab-case)',
    )
    const other = await copyPack('keamanan-digital-asn')
    const questionsFile = path.join(other.pack, 'questions.json')
    const qs = JSON.parse(await fs.readFile(questionsFile, 'utf8'))
    const i = qs.findIndex((q: { type: string }) => q.type === 'SINGLE')
    for (const o of qs[i].options) o.correct = true
    await fs.writeFile(questionsFile, JSON.stringify(qs))
    const single = await importAllPacks(other.root, MEDIA).catch((e) => e)
    expect(single).toMatchObject({ code: 'pack.v.single', params: { number: i + 1 } })
    expect(renderMessage(single, 'en')).toBe(
      `question ${i + 1}: SINGLE needs at least 2 options with exactly 1 correct`,
    )
  })

  it("words every kind of schema refusal in both languages, never in Zod's English", async () => {
    const q = {
      id: 'q1',
      type: 'SINGLE',
      competency: 'LD',
      level: 2,
      text: 'Pilih yang benar',
      options: [
        { text: 'A', correct: true },
        { text: 'B', correct: false },
      ],
    }
    const refuse = (value: unknown, number?: number) => {
      const r = (number === undefined ? courseSchema : questionSchema).safeParse(value)
      expect(r.success).toBe(false)
      const e = schemaError('f.json', r.error!, number)
      return [e.code, e.reason, renderMessage(e, 'en')]
    }
    expect(refuse({ ...q, text: undefined }, 3)).toEqual([
      'pack.z.required',
      '#3 › text: wajib diisi',
      '#3 › text: required',
    ])
    expect(refuse({ ...q, text: 'abcd' }, 3)).toEqual([
      'pack.z.minLength',
      '#3 › text: paling sedikit 5 karakter',
      '#3 › text: at least 5 characters',
    ])
    expect(refuse({ ...q, level: 6 }, 1)[1]).toBe('#1 › level: paling besar 5')
    expect(refuse({ ...q, level: 0 }, 1)[2]).toBe('#1 › level: at least 1')
    expect(refuse({ ...q, level: 2.5 }, 1)[1]).toBe('#1 › level: harus bilangan bulat')
    expect(refuse({ ...q, points: 0 }, 1)).toEqual([
      'pack.z.moreThan',
      '#1 › points: harus lebih dari 0',
      '#1 › points: must be more than 0',
    ])
    expect(refuse({ ...q, level: '2' }, 1)).toEqual([
      'pack.z.type',
      '#1 › level: harus bertipe number, bukan string',
      '#1 › level: must be of type number, not string',
    ])
    expect(refuse({ ...q, type: 'CLOZE' }, 2)[1]).toBe(
      '#2 › type: harus salah satu dari "SINGLE", "MULTIPLE", "TRUE_FALSE", "SHORT", "NUMERIC", "ESSAY"',
    )
    // A course-level field: the path alone, no question number.
    const [code, id, en] = refuse({})
    expect(code).toBe('pack.z.required')
    expect(id).toMatch(/^[a-z]+: wajib diisi$/)
    expect(en).toMatch(/^[a-z]+: required$/)
    // Through the importer: the file, the question and the rule, nothing written.
    const { root, pack } = await copyPack('keamanan-digital-asn')
    const questionsFile = path.join(pack, 'questions.json')
    const qs = JSON.parse(await fs.readFile(questionsFile, 'utf8'))
    qs[1].text = 'abc'
    await fs.writeFile(questionsFile, JSON.stringify(qs))
    const before = await counts()
    const err = await importAllPacks(root, MEDIA).catch((e) => e)
    expect(err).toMatchObject({ code: 'pack.z.minLength', status: 400, file: questionsFile })
    expect(err.message).toBe(`${questionsFile}: #2 › text: paling sedikit 5 karakter`)
    expect(await counts()).toEqual(before)
  })

  it('refuses a pack whose JP do not match its lesson minutes (JP_MINUTES per JP)', async () => {
    const { root, pack } = await copyPack('pelayanan-publik-prima')
    const file = path.join(pack, 'course.json')
    const json = JSON.parse(await fs.readFile(file, 'utf8'))
    // 270 minutes at 45 minutes per JP are 6 JP; 7 is refused, 6 was accepted (the shipped pack).
    json.jp = 7
    await fs.writeFile(file, JSON.stringify(json))
    const before = await counts()
    const err = await importAllPacks(root, MEDIA).catch((e) => e)
    expect(err).toBeInstanceOf(PackError)
    expect(err.reason).toMatch(
      /jp 7 tidak sesuai dengan 270 menit pelajaran: 6 JP \(1 JP = 45 menit\)/,
    )
    // Coded with its values (decision 043): the studio shows it in the reader's language.
    expect(err).toMatchObject({
      code: 'pack.jp',
      params: { jp: 7, minutes: 270, expected: 6, perJp: 45 },
    })
    expect(renderMessage(err, 'en')).toBe(
      'jp 7 does not match 270 lesson minutes: 6 JP (1 JP = 45 minutes)',
    )
    expect(await counts()).toEqual(before)
  })

  it('refuses lessons with script tags, javascript: links or unknown elements', async () => {
    // The reason is the validator's own code (decision 044): Indonesian in the CLI, English too.
    const cases: [string, RegExp, string, RegExp][] = [
      [
        'Teks biasa.\n\n<script>alert("x")</script>\n',
        /HTML mentah tidak diizinkan: <script>/,
        'lessonDoc.markdown.html',
        /^Raw HTML is not allowed: <script>/,
      ],
      [
        'Klik [di sini](javascript:alert(1)) sekarang.\n',
        /Tautan "javascript:alert\(1\)" tidak diizinkan/,
        'lessonDoc.link',
        /^Link "javascript:alert\(1\)" is not allowed/,
      ],
      [
        'Teks <img src=x onerror=alert(1)> sisipan.\n',
        /HTML mentah tidak diizinkan/,
        'lessonDoc.markdown.html',
        /^Raw HTML/,
      ],
      ['| a | b |\n|---|---|\n| 1 | 2 |\n', /Tabel/, 'lessonDoc.markdown.table', /^Tables/],
    ]
    for (const [md, reason, code, english] of cases) {
      const { root, pack } = await copyPack('keamanan-digital-asn')
      const lesson = path.join(pack, 'lessons', '01-kata-sandi-yang-kuat.md')
      await fs.writeFile(lesson, md)
      const err = await importAllPacks(root, MEDIA).catch((e) => e)
      expect(err).toBeInstanceOf(PackError)
      expect(err.file).toBe(lesson)
      expect(err.reason).toMatch(reason)
      expect(err.code).toBe(code)
      expect(renderMessage(err, 'en')).toMatch(english)
    }
    const stored = await prisma.lesson.findFirstOrThrow({
      where: { slug: 'kata-sandi-yang-kuat' },
      select: { contentHtml: true },
    })
    expect(stored.contentHtml).not.toMatch(/script|javascript:/i)
  })

  it('refuses a question tied to an unknown competency', async () => {
    const { root, pack } = await copyPack('keamanan-digital-asn')
    const file = path.join(pack, 'questions.json')
    const qs = JSON.parse(await fs.readFile(file, 'utf8'))
    qs[0].competency = 'X.99'
    await fs.writeFile(file, JSON.stringify(qs))
    const err = await importAllPacks(root, MEDIA).catch((e) => e)
    expect(err).toBeInstanceOf(PackError)
    expect(err.reason).toMatch(/kompetensi "X.99" tidak dikenal/)
  })
})

describe('catalogue', () => {
  it('finds courses by words in titles, summaries and lesson text (Indonesian stemming)', async () => {
    const u = await createTestUser()
    expect((await catalogue(u.id, { q: 'phishing' }))[0]?.slug).toBe('keamanan-digital-asn')
    expect((await catalogue(u.id, { q: 'APBD' }))[0]?.slug).toBe('pengelolaan-keuangan-daerah')
    expect((await catalogue(u.id, { q: 'SP2D' })).map((c) => c.slug)).toEqual([
      'pengelolaan-keuangan-daerah',
    ])
    expect((await catalogue(u.id, { q: 'mengadukan' })).map((c) => c.slug)).toContain(
      'pelayanan-publik-prima',
    )
    expect(await catalogue(u.id, { q: 'xylofonkuantum' })).toEqual([])
  })

  it('filters by area, competency and JP', async () => {
    const u = await createTestUser()
    // Other files publish studio courses into the shared test database at the same time: the
    // packs' courses are checked by slug, the rest by the property filtered on.
    const byArea = await catalogue(u.id, { area: 'MANAJEMEN_KEUANGAN' })
    expect(byArea.map((c) => c.slug)).toContain('pengelolaan-keuangan-daerah')
    expect(byArea.map((c) => c.slug)).not.toContain('pelayanan-publik-prima')
    expect(byArea.every((c) => c.area === 'MANAJEMEN_KEUANGAN')).toBe(true)
    const byCompetency = await catalogue(u.id, { competency: 'T.PP.02' })
    expect(byCompetency.map((c) => c.slug)).toContain('pelayanan-publik-prima')
    expect(byCompetency.map((c) => c.slug)).not.toContain('pengelolaan-keuangan-daerah')
    expect(
      byCompetency.every((c) => c.competencies.some((k) => k.competency.code === 'T.PP.02')),
    ).toBe(true)
    expect((await catalogue(u.id, { maxJp: 6 })).every((c) => c.jp <= 6)).toBe(true)
  })

  it('offers as competency filters only the competencies a course develops', async () => {
    const code = `Z.T${Date.now()}`
    const k = await prisma.competency.create({
      data: { code, type: 'TEKNIS', name: 'Kompetensi uji', description: 'Tanpa kursus' },
    })
    const before = await catalogueCompetencies()
    expect(before.map((c) => c.code)).toContain('T.PP.02')
    expect(before.map((c) => c.code)).not.toContain(code)
    // A draft course of this test's own: what counts is that some course develops it.
    const course = await prisma.course.create({
      data: {
        slug: `uji-filter-${Date.now()}`,
        title: 'Kursus uji filter',
        summary: 'Draf',
        area: 'PELAYANAN_PUBLIK',
        jp: 2,
        competencies: { create: { competencyId: k.id, level: 1 } },
      },
    })
    try {
      expect(await catalogueCompetencies()).toContainEqual({ code, name: 'Kompetensi uji' })
    } finally {
      await prisma.course.delete({ where: { id: course.id } })
      await prisma.competency.delete({ where: { id: k.id } })
    }
  })
})

describe('learning a course', () => {
  it('completes a video lesson only when 90% of it was actually watched', async () => {
    const u = await createTestUser()
    const { enrol } = await import('~/models/course.server')
    await enrol(u.id, COURSE)
    const video = (await currentLessons()).find((l) => l.kind === 'VIDEO')!
    const { durationSec } = await prisma.video.findUniqueOrThrow({ where: { id: video.videoId! } })
    const d = durationSec!
    const t0 = Date.now()
    const at = (s: number) => new Date(t0 + s * 1000)
    await markVideoOpened(u.id, COURSE, video.slug, at(0))
    const half = await recordVideoProgress(
      u.id,
      COURSE,
      video.slug,
      { positionSec: d / 2, ranges: [[0, d / 2]] },
      at(d / 2),
    )
    expect(half.completed).toBe(false)
    // Watching the same half again does not count twice.
    const again = await recordVideoProgress(
      u.id,
      COURSE,
      video.slug,
      { positionSec: d / 2, ranges: [[0, d / 2]] },
      at(d / 2 + 1),
    )
    expect(again.watchedShare).toBeCloseTo(0.5, 2)
    expect(again.completed).toBe(false)
    const most = await recordVideoProgress(
      u.id,
      COURSE,
      video.slug,
      { positionSec: d * 0.95, ranges: [[d / 2, d * 0.95]] },
      at(d * 0.95),
    )
    expect(most.watchedShare).toBeCloseTo(0.95, 2)
    expect(most.completed).toBe(true)
  })

  it('completes the course when every lesson is done and the quiz passed, and credits JP once', async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    let outline = await courseOutline(COURSE, u.id)
    expect(outline!.enrolment!.status).toBe('ACTIVE')
    expect(outline!.percent).toBeLessThan(100)
    await takeQuiz(u.id, false)
    outline = await courseOutline(COURSE, u.id)
    expect(outline!.enrolment!.status).toBe('ACTIVE')
    await takeQuiz(u.id, true)
    // Grading recorded the completion check as a job, in the grading statement; the job completes.
    const enrolmentId = outline!.enrolment!.id
    const checks = await prisma.outboxMessage.findMany({
      where: { jobName: completeEnrolmentJob.name, payload: { equals: { enrolmentId } } },
    })
    expect(checks).toHaveLength(1)
    await completeEnrolmentJob.handler({ enrolmentId })
    outline = await courseOutline(COURSE, u.id)
    expect(outline!.enrolment!.status).toBe('COMPLETED')
    const credits = await prisma.jpCredit.findMany({ where: { userId: u.id } })
    expect(credits).toHaveLength(1)
    expect(credits[0]!.jp).toBe(6)
    await maybeCompleteEnrolment(outline!.enrolment!.id)
    await maybeCompleteEnrolment(outline!.enrolment!.id)
    expect(await prisma.jpCredit.count({ where: { userId: u.id } })).toBe(1)
    expect(
      await prisma.outboxMessage.count({
        where: {
          jobName: 'notify',
          payload: { path: ['subjectId'], equals: outline!.enrolment!.id },
        },
      }),
    ).toBe(1)
  })

  it('keeps the version a learner finished when a new version is published', async () => {
    const done = await createTestUser()
    await finishLessons(done.id)
    await takeQuiz(done.id, true)
    const course = await prisma.course.findUniqueOrThrow({
      where: { slug: COURSE },
      select: { id: true, currentVersionId: true },
    })
    const finished = await prisma.enrolment.findFirstOrThrow({
      where: { userId: done.id, courseId: course.id },
    })
    expect(finished.courseVersionId).toBe(course.currentVersionId)

    const lesson = await prisma.lesson.findFirstOrThrow({ where: { slug: 'kata-sandi-yang-kuat' } })
    await prisma.lesson.update({
      where: { id: lesson.id },
      data: { title: 'Kata Sandi yang Kuat (revisi kebijakan 2027)' },
    })
    const v2 = await publishCourse(course.id)
    expect(v2.created).toBe(true)

    const after = await prisma.enrolment.findUniqueOrThrow({ where: { id: finished.id } })
    expect(after.courseVersionId).toBe(finished.courseVersionId)
    const oldOutline = await courseOutline(COURSE, done.id)
    expect(oldOutline!.lessons.find((l) => l.slug === 'kata-sandi-yang-kuat')!.title).toBe(
      'Kata Sandi yang Kuat dan Pengelola Kata Sandi',
    )
    const newcomer = await createTestUser()
    const { enrol } = await import('~/models/course.server')
    const e = await enrol(newcomer.id, COURSE)
    expect(e.courseVersionId).toBe(v2.versionId)
    expect(
      (await courseOutline(COURSE, newcomer.id))!.lessons.find(
        (l) => l.slug === 'kata-sandi-yang-kuat',
      )!.title,
    ).toMatch(/revisi/)
  })
})
