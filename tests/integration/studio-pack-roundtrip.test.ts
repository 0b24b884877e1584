// Packs both ways, the rules of decision 065: importing a pack exported from the studio, unchanged,
// publishes no new course version and changes nothing a learner's record points to; changing one
// lesson publishes one new version that differs by that lesson only; and any course the studio
// can build (two ordinary quizzes, a required quiz drawing an essay, nested Moodle categories,
// a fixed question) exports a pack the importer reads back into the same quizzes.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { importPack, PackError, parsePack } from '~/models/content-pack.server'
import {
  addCategorySlot,
  bankImageKey,
  confirmImport,
  packQuestionKey,
} from '~/models/question-bank.server'
import { exportCoursePack } from '~/models/studio-export.server'
import {
  addLesson,
  addModule,
  courseJp,
  createCourse,
  publishFromStudio,
  publishPreview,
  saveLessonContent,
  setCourseCompetency,
  updateLessonSettings,
} from '~/models/studio.server'
import { AppError } from '~/utils/errors'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { redis } from '~/utils/redis.server'
import { mediaStorage } from '~/utils/storage.server'
import { createTestUser } from '../support/factories'
import { finishLessons, takeQuiz } from '../support/learning'

const SOURCE = 'content/courses/pelayanan-publik-prima'
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bina-roundtrip-'))

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true })
  await closeQueues()
  redis().disconnect()
})

async function known() {
  return new Set((await prisma.competency.findMany({ select: { code: true } })).map((c) => c.code))
}

let exports = 0
/** Exports the course's pack into a fresh folder named after its slug; returns that folder. */
async function exportTo(courseId: string) {
  const pack = await exportCoursePack(courseId)
  const dir = path.join(tmp, `export-${++exports}`, pack.slug)
  for (const f of pack.files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true })
    fs.writeFileSync(path.join(dir, f.path), f.data)
  }
  return dir
}

/** Everything of a course a learner's record or a quiz draw depends on. */
async function courseState(courseId: string) {
  const course = await prisma.course.findUniqueOrThrow({
    where: { id: courseId },
    select: { currentVersionId: true, title: true, summary: true, jp: true, passMark: true },
  })
  const versions = await prisma.courseVersion.findMany({
    where: { courseId },
    orderBy: { version: 'asc' },
    select: { id: true, version: true },
  })
  const lessons = await prisma.lesson.findMany({
    where: { module: { courseId } },
    orderBy: { slug: 'asc' },
    select: {
      id: true,
      slug: true,
      title: true,
      kind: true,
      required: true,
      minutes: true,
      position: true,
      contentHtml: true,
      videoId: true,
      archivedAt: true,
      module: { select: { title: true, position: true } },
      quiz: {
        select: {
          id: true,
          passMark: true,
          attemptsAllowed: true,
          gradingMethod: true,
          timeLimitSec: true,
          slots: {
            orderBy: { position: 'asc' },
            select: {
              position: true,
              drawCount: true,
              questionId: true,
              category: { select: { name: true } },
            },
          },
        },
      },
    },
  })
  const questions = await prisma.question.findMany({
    where: { category: { courseId } },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      externalId: true,
      currentVersionId: true,
      archivedAt: true,
      category: { select: { name: true } },
      _count: { select: { versions: true, options: true } },
    },
  })
  const categories = await prisma.questionCategory.findMany({
    where: { courseId },
    orderBy: { name: 'asc' },
    select: { name: true, parent: { select: { name: true } } },
  })
  return { course, versions, lessons, questions, categories }
}

/** A learner's record of the course: enrolment, progress, attempts, JP. */
async function learnerRecord(userId: string, courseId: string) {
  const enrolment = await prisma.enrolment.findFirstOrThrow({
    where: { userId, courseId },
    select: {
      id: true,
      courseVersionId: true,
      status: true,
      completedAt: true,
      progress: {
        orderBy: { lessonId: 'asc' },
        select: { lessonId: true, completedAt: true, watchedShare: true },
      },
      attempts: {
        orderBy: { startedAt: 'asc' },
        select: { id: true, status: true, score: true, layout: true, submittedAt: true },
      },
    },
  })
  const jp = await prisma.jpCredit.findMany({
    where: { userId },
    orderBy: { id: 'asc' },
    select: { jp: true, sourceType: true, sourceId: true },
  })
  return { enrolment, jp }
}

/** A copy of a real pack under its own slug, title and question ids (`keys`: their prefix). */
function copyOfPack(stamp: string, keys = stamp) {
  const slug = `uji-ulang-${stamp}`
  const src = path.join(tmp, 'src', slug)
  fs.cpSync(SOURCE, src, { recursive: true })
  const courseJson = JSON.parse(fs.readFileSync(path.join(src, 'course.json'), 'utf8'))
  fs.writeFileSync(
    path.join(src, 'course.json'),
    JSON.stringify({ ...courseJson, slug, title: `Uji Impor Ulang ${stamp}` }),
  )
  const questions = JSON.parse(fs.readFileSync(path.join(src, 'questions.json'), 'utf8')) as {
    id: string
  }[]
  fs.writeFileSync(
    path.join(src, 'questions.json'),
    JSON.stringify(questions.map((q) => ({ ...q, id: `${keys}-${q.id}` }))),
  )
  return { slug, src }
}

describe('re-importing an exported pack', () => {
  it('publishes nothing when nothing changed; one changed lesson makes one new version', async () => {
    const stamp = `${Date.now().toString(36)}r`
    const { slug, src } = copyOfPack(stamp)
    const first = await importPack(await parsePack(src, await known()), env.MEDIA_DIR)
    expect(first).toMatchObject({ published: true, version: 1 })
    const { courseId } = first

    // A learner finishes the course (lessons, the final quiz passed) on version 1.
    const learner = await createTestUser()
    await finishLessons(learner.id, slug)
    await takeQuiz(learner.id, true, slug)
    const record = await learnerRecord(learner.id, courseId)
    expect(record.enrolment.attempts).toHaveLength(1)
    expect(record.enrolment.attempts[0]!.status).toBe('GRADED')
    const before = await courseState(courseId)

    // Exported and imported again, unchanged: the same version, the same everything.
    const unchanged = await importPack(
      await parsePack(await exportTo(courseId), await known()),
      env.MEDIA_DIR,
    )
    expect(unchanged).toMatchObject({ courseId, published: false, version: 1, questionVersions: 0 })
    expect(await courseState(courseId)).toEqual(before)
    expect(await learnerRecord(learner.id, courseId)).toEqual(record)

    // One lesson changed in the exported pack: version 2, differing by that lesson only.
    const dir = await exportTo(courseId)
    const lessonFile = fs
      .readdirSync(path.join(dir, 'lessons'))
      .find((f) => f.includes('standar-pelayanan'))!
    fs.appendFileSync(
      path.join(dir, 'lessons', lessonFile),
      '\n\nStandar pelayanan ditinjau setiap tahun.\n',
    )
    const changed = await importPack(await parsePack(dir, await known()), env.MEDIA_DIR)
    expect(changed).toMatchObject({ courseId, published: true, version: 2 })
    const after = await courseState(courseId)
    const lessonsOf = (versionId: string) =>
      prisma.lessonVersion.findMany({
        where: { courseVersionId: versionId },
        orderBy: { slug: 'asc' },
        select: {
          lessonId: true,
          slug: true,
          title: true,
          kind: true,
          required: true,
          minutes: true,
          position: true,
          moduleTitle: true,
          modulePosition: true,
          contentHtml: true,
          videoId: true,
        },
      })
    const v1 = await lessonsOf(before.course.currentVersionId!)
    const v2 = await lessonsOf(after.course.currentVersionId!)
    const differing = v2.filter((l, i) => JSON.stringify(l) !== JSON.stringify(v1[i]))
    expect(differing.map((l) => l.slug)).toEqual(['standar-pelayanan'])
    expect(differing[0]!.contentHtml).toContain('Standar pelayanan ditinjau setiap tahun.')
    expect(v1.find((l) => l.slug === 'standar-pelayanan')!.contentHtml).not.toContain(
      'ditinjau setiap tahun',
    )
    // Questions and quizzes did not move; the learner's record still points to version 1.
    expect(after.questions).toEqual(before.questions)
    expect(after.lessons.map((l) => l.quiz)).toEqual(before.lessons.map((l) => l.quiz))
    expect(await learnerRecord(learner.id, courseId)).toEqual(record)
    expect(record.enrolment.courseVersionId).toBe(before.course.currentVersionId)
  }, 120_000)
})

/**
 * A course built in the studio as no hand-written pack is: two ordinary quizzes drawing their own
 * (nested) Moodle categories, the second one required and drawing an essay too, plus a fixed
 * question slot.
 */
async function studioCourse() {
  const teacher = await createTestUser({ roles: ['INSTRUCTOR', 'ASN'] })
  const course = await createCourse(teacher, {
    title: `Dua Kuis Studio ${Date.now()}`,
    summary: 'Kursus studio dengan dua kuis biasa dan soal dari Moodle XML.',
    area: 'LITERASI_DIGITAL',
    jp: 1,
    passMark: 70,
  })
  await setCourseCompetency(course.id, 'T.LD.01', 2)
  const mod = await addModule(course.id, 'Modul Satu')
  const text = await addLesson(course.id, mod.id, { title: 'Bacaan', kind: 'TEXT' })
  await saveLessonContent(course.id, text.id, { markdown: '## Bacaan\n\nIsi bacaan.' })
  // 25 + 10 + 10 minutes of required lessons: 1 JP of 45 minutes.
  await updateLessonSettings(course.id, text.id, { title: 'Bacaan', minutes: 25, required: true })
  const quizOne = await addLesson(course.id, mod.id, { title: 'Kuis Satu', kind: 'QUIZ' })
  const quizTwo = await addLesson(course.id, mod.id, { title: 'Kuis Dua', kind: 'QUIZ' })
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
  const categories = await prisma.questionCategory.findMany({
    where: { courseId: course.id },
    select: {
      id: true,
      name: true,
      questions: { select: { id: true, currentVersion: { select: { type: true } } } },
    },
  })
  const byName = (name: string) => categories.find((c) => c.name === name)!
  const quizOf = async (lessonId: string) =>
    (await prisma.quiz.findUniqueOrThrow({ where: { lessonId }, select: { id: true } })).id
  const nested = byName('Keamanan Digital/Kata Sandi')
  const withEssay = categories.find((c) =>
    c.questions.some((q) => q.currentVersion?.type === 'ESSAY'),
  )!
  await addCategorySlot(course.id, await quizOf(quizOne.id), byName('Keamanan Digital').id, 1)
  await addCategorySlot(course.id, await quizOf(quizOne.id), nested.id, nested.questions.length)
  await addCategorySlot(
    course.id,
    await quizOf(quizTwo.id),
    withEssay.id,
    withEssay.questions.length,
  )
  // A fixed question, as the authoring page can add one.
  const fixed = byName('Keamanan Digital').questions[0]!
  await prisma.quizSlot.create({
    data: { quizId: await quizOf(quizTwo.id), position: 1, questionId: fixed.id },
  })
  const { token } = await publishPreview(course.id)
  expect(await publishFromStudio(course.id, token)).toMatchObject({ created: true, version: 1 })
  return { course, withEssay }
}

describe('a studio course with two ordinary quizzes', () => {
  it('exports a pack the importer reads back into the same quizzes, publishing nothing', async () => {
    const { course, withEssay } = await studioCourse()
    expect(withEssay.questions.length).toBeGreaterThan(1)
    const before = await courseState(course.id)
    const dir = await exportTo(course.id)
    const pack = await parsePack(dir, await known())
    const quizzes = pack.course.modules.flatMap((m) => m.lessons).filter((l) => l.kind === 'QUIZ')
    expect(quizzes.map((q) => [q.slug, q.required])).toEqual([
      ['kuis-satu', true],
      ['kuis-dua', true],
    ])
    expect(await importPack(pack, env.MEDIA_DIR)).toMatchObject({
      courseId: course.id,
      published: false,
      version: 1,
    })
    const after = await courseState(course.id)
    expect(after).toEqual(before)
    expect(after.lessons.find((l) => l.slug === 'kuis-dua')!.quiz!.slots).toEqual([
      {
        position: 0,
        drawCount: withEssay.questions.length,
        questionId: null,
        category: { name: withEssay.name },
      },
      expect.objectContaining({ position: 1, drawCount: 1, category: null }),
    ])
    // And the export of what was imported is the same pack, file for file.
    const again = await exportCoursePack(course.id)
    for (const f of again.files)
      expect(String(f.data), f.path).toBe(fs.readFileSync(path.join(dir, f.path), 'utf8'))
  })

  it('a slot naming a category no question of the pack is in is refused, naming it', async () => {
    const { course } = await studioCourse()
    const dir = await exportTo(course.id)
    const file = path.join(dir, 'course.json')
    const json = JSON.parse(fs.readFileSync(file, 'utf8'))
    json.modules[0].lessons[1].slots[0].category = 'Tidak Ada'
    fs.writeFileSync(file, JSON.stringify(json))
    const refused = await parsePack(dir, await known()).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(PackError)
    expect((refused as PackError).reason).toContain('kuis-satu')
    expect((refused as PackError).reason).toContain('"Tidak Ada"')
  })
})

/** The error a promise is refused with (or null). */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  )

describe('JP: one rule for the studio and the importer (decision 066)', () => {
  it('a studio course of exactly 45 required minutes publishes 1 JP and round-trips; 44 is refused by both', async () => {
    expect(env.JP_MINUTES).toBe(45)
    const teacher = await createTestUser({ roles: ['INSTRUCTOR', 'ASN'] })
    const course = await createCourse(teacher, {
      title: `JP Studio ${Date.now()}`,
      summary: 'Kursus studio untuk menguji JP terhadap menit pelajaran wajib.',
      area: 'PELAYANAN_PUBLIK',
      jp: 1,
      passMark: 70,
    })
    await setCourseCompetency(course.id, 'T.LD.01', 2)
    const mod = await addModule(course.id, 'Modul JP')
    const one = await addLesson(course.id, mod.id, { title: 'Bacaan Satu', kind: 'TEXT' })
    const two = await addLesson(course.id, mod.id, { title: 'Bacaan Dua', kind: 'TEXT' })
    await saveLessonContent(course.id, one.id, { markdown: 'Isi bacaan satu.' })
    await saveLessonContent(course.id, two.id, { markdown: 'Isi bacaan dua.' })
    const settings = (minutes: number, required = true) =>
      updateLessonSettings(course.id, one.id, { title: 'Bacaan Satu', minutes, required })
    // 35 + 10 minutes: exactly 1 JP of 45 minutes.
    await settings(35)
    expect(await courseJp(course.id)).toEqual({ ok: true, jp: 1, minutes: 45, perJp: 45 })
    const { token } = await publishPreview(course.id)
    expect(await publishFromStudio(course.id, token)).toMatchObject({ created: true, version: 1 })

    // Exported and imported back: the importer agrees, nothing new is published.
    const pack = await parsePack(await exportTo(course.id), await known())
    expect(pack.course.jp).toBe(1)
    expect(await importPack(pack, env.MEDIA_DIR)).toMatchObject({
      courseId: course.id,
      published: false,
      version: 1,
    })

    // One minute less (34 + 10 = 44): worth 0 JP, so the declared 1 JP is refused by the studio's
    // publish, with the numbers the instructor needs, and by the import of its export.
    await settings(34)
    const jp = { jp: 1, minutes: 44, expected: 0, perJp: 45, from: 45, to: 89 }
    expect(await courseJp(course.id)).toEqual({ ok: false, ...jp })
    const review = await publishPreview(course.id)
    expect(review.empty).toBe(false)
    const refused = await refusal(publishFromStudio(course.id, review.token))
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ code: 'studio.jpMismatch', status: 400, params: jp })
    const dir = await exportTo(course.id)
    const imported = await refusal(parsePack(dir, await known()))
    expect(imported).toBeInstanceOf(PackError)
    expect((imported as PackError).code).toBe('pack.jp')
    expect((imported as PackError).reason).toBe(
      'jp 1 tidak sesuai dengan 44 menit pelajaran: 0 JP (1 JP = 45 menit)',
    )
    // An optional lesson does not count: 45 minutes, one of them optional, is still refused.
    await settings(35, false)
    expect(await courseJp(course.id)).toMatchObject({ ok: false, minutes: 10, expected: 0 })
    expect(await refusal(parsePack(await exportTo(course.id), await known()))).toMatchObject({
      code: 'pack.jp',
    })
    // Back to 45 required minutes: publishable again (the same draft as version 1: nothing new).
    await settings(35)
    expect((await publishPreview(course.id)).empty).toBe(true)
    expect(await prisma.courseVersion.count({ where: { courseId: course.id } })).toBe(1)
  }, 120_000)
})

describe('question images travel with the pack (decision 068)', () => {
  it('the export carries the images, the import restores them byte for byte', async () => {
    const { course } = await studioCourse()
    const texts = await prisma.questionVersion.findMany({
      where: { question: { category: { courseId: course.id } } },
      select: { text: true },
    })
    const names = [
      ...new Set(
        texts.flatMap((t) => [...t.text.matchAll(/\[\[gambar:([^\]]+)\]\]/g)].map((m) => m[1]!)),
      ),
    ].sort()
    expect(names.length).toBeGreaterThan(0)
    const stored = new Map<string, Buffer>()
    for (const name of names) stored.set(name, (await mediaStorage().get(bankImageKey(name)!))!)

    const dir = await exportTo(course.id)
    expect(fs.readdirSync(path.join(dir, 'images')).sort()).toEqual(names)
    for (const name of names)
      expect(fs.readFileSync(path.join(dir, 'images', name)).equals(stored.get(name)!)).toBe(true)

    // Another installation: the media storage does not have them.
    for (const name of names) await mediaStorage().delete(bankImageKey(name)!)
    expect(await mediaStorage().get(bankImageKey(names[0]!)!)).toBeNull()
    const pack = await parsePack(dir, await known())
    expect([...pack.images.keys()].sort()).toEqual(names)
    expect(await importPack(pack, env.MEDIA_DIR)).toMatchObject({ published: false, version: 1 })
    for (const name of names) {
      const back = await mediaStorage().get(bankImageKey(name)!)
      expect(back?.equals(stored.get(name)!), name).toBe(true)
    }

    // A pack whose image is missing, or whose bytes are not the image its name says, is refused.
    const image = path.join(dir, 'images', names[0]!)
    const bytes = fs.readFileSync(image)
    fs.rmSync(image)
    expect(await refusal(parsePack(dir, await known()))).toMatchObject({
      code: 'pack.imageMissing',
    })
    fs.writeFileSync(image, Buffer.concat([bytes, Buffer.from([0])]))
    expect(await refusal(parsePack(dir, await known()))).toMatchObject({
      code: 'pack.imageInvalid',
    })
  }, 120_000)
})

describe('pack question keys are scoped to their course (decision 067)', () => {
  it('two courses whose packs use the same question ids keep their own questions and versions', async () => {
    const stamp = Date.now().toString(36)
    const shared = `${stamp}k`
    const a = copyOfPack(`${stamp}a`, shared)
    const b = copyOfPack(`${stamp}b`, shared)
    const first = await importPack(await parsePack(a.src, await known()), env.MEDIA_DIR)
    const before = await courseState(first.courseId)
    expect(before.questions.length).toBeGreaterThan(0)
    expect(before.questions.every((q) => q.externalId!.startsWith(`pack:${first.courseId}:`))).toBe(
      true,
    )

    const second = await importPack(await parsePack(b.src, await known()), env.MEDIA_DIR)
    expect(second.courseId).not.toBe(first.courseId)
    // B got questions of its own: as many, new ones, none of A's moved or versioned.
    const bState = await courseState(second.courseId)
    expect(bState.questions).toHaveLength(before.questions.length)
    const aIds = new Set(before.questions.map((q) => q.id))
    expect(bState.questions.some((q) => aIds.has(q.id))).toBe(false)
    expect(await courseState(first.courseId)).toEqual(before)

    // B's pack changes every question: new versions in B only.
    const file = path.join(b.src, 'questions.json')
    const questions = JSON.parse(fs.readFileSync(file, 'utf8')) as { text: string }[]
    fs.writeFileSync(file, JSON.stringify(questions.map((q) => ({ ...q, text: `${q.text} (B)` }))))
    const changed = await importPack(await parsePack(b.src, await known()), env.MEDIA_DIR)
    expect(changed.questionVersions).toBe(questions.length)
    expect(await courseState(first.courseId)).toEqual(before)
    const versionsOfA = await prisma.questionVersion.findMany({
      where: { questionId: { in: [...aIds] } },
      select: { text: true },
    })
    expect(versionsOfA.some((v) => v.text.endsWith('(B)'))).toBe(false)

    // Rows written before the keys were scoped: the migration backfills them from their course.
    const migration = fs.readFileSync(
      'prisma/migrations/20261202020000_pack_question_keys_per_course/migration.sql',
      'utf8',
    )
    const firstKey = before.questions[0]!.externalId!
    const legacy = firstKey.slice(`pack:${first.courseId}:`.length)
    await prisma.question.update({
      where: { id: before.questions[0]!.id },
      data: { externalId: legacy },
    })
    const secondBefore = await courseState(second.courseId)
    await prisma.$executeRawUnsafe(migration)
    expect(
      (await prisma.question.findUniqueOrThrow({ where: { id: before.questions[0]!.id } }))
        .externalId,
    ).toBe(packQuestionKey(first.courseId, legacy))
    expect(await courseState(first.courseId)).toEqual(before)
    // Keys already scoped are left exactly as they are (not scoped twice); the Moodle importer's
    // "bank:" keys too (tests/integration/migrations.test.ts).
    expect(await courseState(second.courseId)).toEqual(secondBefore)
  }, 120_000)
})
