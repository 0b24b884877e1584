// The question bank (issue 12): an import preview writes nothing, a confirm writes new versions
// (again: none when nothing changed), export then import changes nothing, an edit never changes
// what an attempt already drawn shows or scores, and item analysis flags what does not
// discriminate. Real PostgreSQL, the real pack data and the real fixtures.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { enrol } from '~/models/course.server'
import { flaggedQuestionsByCourse, quizAnalysis } from '~/models/item-analysis.server'
import {
  bankImageKey,
  confirmImport,
  exportCourseBank,
  previewImport,
  questionOfCourse,
  saveQuestion,
} from '~/models/question-bank.server'
import { loader as bankLoader } from '~/routes/authoring.bank.$courseId._index'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { mediaStorage } from '~/utils/storage.server'
import { createTestUser } from '../support/factories'
import { answersFor, COURSE, QUIZ } from '../support/learning'
import { startAttempt, submitAttempt, type Layout } from '~/models/quiz.server'
import { gradeAttempt } from '~/models/grading.server'

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'moodle', name), 'utf8')

let courseId: string
let otherCourseId: string
let competencies: { id: string; code: string }[]

const counts = async () => ({
  questions: await prisma.question.count(),
  versions: await prisma.questionVersion.count(),
  options: await prisma.questionOption.count(),
  categories: await prisma.questionCategory.count(),
})

beforeAll(async () => {
  const course = await prisma.course.findUniqueOrThrow({
    where: { slug: 'pengelolaan-keuangan-daerah' },
    select: {
      id: true,
      competencies: { select: { competency: { select: { id: true, code: true } } } },
    },
  })
  courseId = course.id
  competencies = course.competencies.map((c) => c.competency)
  otherCourseId = (
    await prisma.course.findUniqueOrThrow({ where: { slug: COURSE }, select: { id: true } })
  ).id
})

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

describe('import', () => {
  it('a preview lists questions and refusals and writes nothing', async () => {
    const before = await counts()
    const preview = await previewImport('moodle', fixture('bank-lengkap.xml'))
    expect(preview.questions).toHaveLength(6)
    expect(preview.categories).toEqual([
      'Keamanan Digital',
      'Keamanan Digital/Kata Sandi',
      'Keuangan Daerah',
    ])
    const broken = await previewImport('moodle', fixture('tipe-tidak-didukung.xml'))
    expect(broken.problems.map((p) => p.name)).toEqual([
      'Isian rumpang APBD',
      'Pasangkan dokumen',
      'Seret kata SPBE',
      'Pilihan tanpa kunci',
      'Angka rusak',
    ])
    expect(await counts()).toEqual(before)
  })

  it('a broken file writes nothing on confirm either', async () => {
    const before = await counts()
    const err = await confirmImport(courseId, 'moodle', fixture('rusak.xml'), {
      byCategory: {},
      default: { competencyId: competencies[0]!.id, level: 2 },
    }).catch((e) => e)
    expect(err.code).toBe('bank.nothingToImport')
    expect(await counts()).toEqual(before)
  })

  it('refuses a competency the course does not develop, writing nothing', async () => {
    const foreign = await prisma.competency.findFirstOrThrow({
      where: { id: { notIn: competencies.map((c) => c.id) } },
      select: { id: true },
    })
    const before = await counts()
    const err = await confirmImport(courseId, 'gift', fixture('bank.gift'), {
      byCategory: {},
      default: { competencyId: foreign.id, level: 2 },
    }).catch((e) => e)
    expect(err.code).toBe('bank.competencyUnknown')
    expect(await counts()).toEqual(before)
  })

  it('confirm writes versions with the mapping, nested categories and stored images; again: nothing new', async () => {
    const [c1, c2] = competencies
    const mapping = {
      byCategory: { 'Keuangan Daerah': { competencyId: c2!.id, level: 3 } },
      default: { competencyId: c1!.id, level: 2 },
    }
    const first = await confirmImport(courseId, 'moodle', fixture('bank-lengkap.xml'), mapping)
    expect(first).toEqual({ created: 6, unchanged: 0, refused: 0 })
    const nested = await prisma.questionCategory.findUniqueOrThrow({
      where: { courseId_name: { courseId, name: 'Keamanan Digital/Kata Sandi' } },
      select: { parent: { select: { name: true } }, questions: { select: { id: true } } },
    })
    expect(nested.parent?.name).toBe('Keamanan Digital')
    expect(nested.questions).toHaveLength(2)
    const money = await prisma.questionVersion.findMany({
      where: { question: { category: { courseId, name: 'Keuangan Daerah' } } },
      select: { competencyId: true, level: true, type: true },
    })
    expect(money.map((v) => [v.type, v.competencyId, v.level]).sort()).toEqual(
      [
        ['ESSAY', c2!.id, 3],
        ['NUMERIC', c2!.id, 3],
        ['SHORT', c2!.id, 3],
      ].sort(),
    )
    const phishing = await prisma.questionVersion.findFirstOrThrow({
      where: { question: { category: { courseId, name: 'Keamanan Digital' } } },
      select: { text: true, level: true, competencyId: true },
    })
    expect([phishing.competencyId, phishing.level]).toEqual([c1!.id, 2])
    // General and per-option feedback are stored with the version, the key as the file says.
    const stored = await prisma.questionVersion.findFirstOrThrow({
      where: { question: { category: { courseId, name: 'Keamanan Digital' } } },
      select: { feedback: true, optionIds: true, question: { select: { options: true } } },
    })
    expect(stored.feedback).toBe(
      'Alamat pengirim yang meniru domain resmi adalah tanda utama phishing.',
    )
    const byId = new Map(stored.question.options.map((o) => [o.id, o]))
    expect(stored.optionIds.map((id) => [byId.get(id)!.correct, byId.get(id)!.feedback])).toEqual([
      [true, 'Tepat. Domain tiruan adalah ciri paling kuat.'],
      [false, 'Waktu pengiriman bukan ciri phishing.'],
      [false, 'Logo mudah ditiru, tetapi surel resmi juga memakainya.'],
      [false, null],
    ])
    const marker = /\[\[gambar:([0-9a-f]{64}\.png)\]\]/.exec(phishing.text)
    expect(marker).not.toBeNull()
    expect(await mediaStorage().get(bankImageKey(marker![1]!)!)).not.toBeNull()

    const before = await counts()
    const again = await confirmImport(courseId, 'moodle', fixture('bank-lengkap.xml'), mapping)
    expect(again).toEqual({ created: 0, unchanged: 6, refused: 0 })
    expect(await counts()).toEqual(before)
  })

  it('export then import of the whole bank (pack questions, essays, images) changes nothing', async () => {
    const xml = await exportCourseBank(courseId)
    expect(xml).toContain('<file name="')
    const active = await prisma.question.count({
      where: { category: { courseId }, archivedAt: null },
    })
    const before = await counts()
    const result = await confirmImport(courseId, 'moodle', xml, {
      byCategory: {},
      default: { competencyId: competencies[0]!.id, level: 1 },
    })
    expect(result).toEqual({ created: 0, unchanged: active, refused: 0 })
    expect(await counts()).toEqual(before)
    // And what it exported is what it exports again.
    expect(await exportCourseBank(courseId)).toBe(xml)
  })

  it('a pack question exports its pack id as idnumber (no course scope); re-import finds it again', async () => {
    const scope = `pack:${courseId}:`
    const packed = await prisma.question.findFirstOrThrow({
      where: { category: { courseId }, archivedAt: null, externalId: { startsWith: scope } },
      orderBy: { externalId: 'asc' },
      select: { id: true, externalId: true, currentVersion: { select: { points: true } } },
    })
    const packId = packed.externalId!.slice(scope.length)
    const xml = await exportCourseBank(courseId)
    expect(xml).toContain(`<idnumber>${packId}</idnumber>`)
    expect(xml).not.toContain('pack:')
    // The same file with that question's points changed: a new version of the same question,
    // under the same key, and no new question in the course.
    const chunks = xml.split('<!-- question:')
    const i = chunks.findIndex((c) => c.includes(`<idnumber>${packId}</idnumber>`))
    const points = packed.currentVersion!.points + 1
    chunks[i] = chunks[i]!.replace(
      /<defaultgrade>[^<]*<\/defaultgrade>/,
      `<defaultgrade>${points.toFixed(7)}</defaultgrade>`,
    )
    const mapping = { byCategory: {}, default: { competencyId: competencies[0]!.id, level: 1 } }
    const before = await counts()
    const changed = await confirmImport(courseId, 'moodle', chunks.join('<!-- question:'), mapping)
    expect(changed.created).toBe(1)
    expect(await counts()).toMatchObject({ questions: before.questions })
    const after = await prisma.question.findUniqueOrThrow({
      where: { id: packed.id },
      select: { externalId: true, currentVersion: { select: { points: true } } },
    })
    expect(after).toEqual({ externalId: packed.externalId, currentVersion: { points } })
    // The file as exported puts the pack's points back, on the same question again.
    expect((await confirmImport(courseId, 'moodle', xml, mapping)).created).toBe(1)
    expect(await counts()).toMatchObject({ questions: before.questions })
    expect(await exportCourseBank(courseId)).toBe(xml)
  })
})

describe('builder', () => {
  it('an edit is a new version; an unchanged save adds none; another course cannot reach it', async () => {
    const q = await prisma.question.findFirstOrThrow({
      where: { category: { courseId }, archivedAt: null, currentVersion: { type: 'SINGLE' } },
      select: { id: true, categoryId: true },
    })
    const current = await questionOfCourse(courseId, q.id)
    const unchanged = await saveQuestion(courseId, q.id, q.categoryId, current.content)
    expect(unchanged.created).toBe(false)
    const edited = await saveQuestion(courseId, q.id, q.categoryId, {
      ...current.content,
      text: `${current.content.text} (direvisi)`,
    })
    expect(edited.created).toBe(true)
    const after = await questionOfCourse(courseId, q.id)
    expect(after.version).toBe(current.version + 1)
    // Options that did not change keep their ids.
    const versions = await prisma.questionVersion.findMany({
      where: { questionId: q.id },
      orderBy: { version: 'desc' },
      take: 2,
      select: { optionIds: true },
    })
    expect(versions[0]!.optionIds).toEqual(versions[1]!.optionIds)
    await expect(questionOfCourse(otherCourseId, q.id)).rejects.toMatchObject({ status: 404 })
    await expect(
      saveQuestion(otherCourseId, q.id, q.categoryId, current.content),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('refuses a key the engine cannot grade (two right answers of a single-answer question, none of a multiple one) and writes nothing', async () => {
    const q = await prisma.question.findFirstOrThrow({
      where: { category: { courseId }, archivedAt: null, currentVersion: { type: 'SINGLE' } },
      select: { id: true, categoryId: true },
    })
    const current = await questionOfCourse(courseId, q.id)
    const versions = () => prisma.questionVersion.count({ where: { questionId: q.id } })
    const before = await versions()
    const twoRight = current.content.options.map((o, i) => ({ ...o, correct: i < 2 }))
    await expect(
      saveQuestion(courseId, q.id, q.categoryId, { ...current.content, options: twoRight }),
    ).rejects.toMatchObject({ status: 400, code: 'bank.oneCorrect' })
    const noneRight = current.content.options.map((o) => ({ ...o, correct: false }))
    await expect(
      saveQuestion(courseId, q.id, q.categoryId, {
        ...current.content,
        type: 'MULTIPLE',
        options: noneRight,
      }),
    ).rejects.toMatchObject({ status: 400, code: 'bank.someCorrect' })
    expect(await versions()).toBe(before)
  })

  it('an instructor who does not teach the course gets a 403; one who does sees the bank', async () => {
    const outsider = await createTestUser({ roles: ['INSTRUCTOR'] })
    const cookie = (await createSession(outsider.id, {})).split(';')[0]!
    const call = () =>
      bankLoader({
        request: new Request(`http://localhost/authoring/bank/${courseId}`, {
          headers: { Cookie: cookie },
        }),
        params: { courseId },
        context: {},
      })
    const refused = await call().catch((e) => e)
    // withAppErrors throws the 4xx as data({ code }, { status }).
    expect(refused.init?.status ?? refused.status).toBe(403)
    expect(refused.data).toEqual({ code: 'studio.notYourCourse' })
    await prisma.courseInstructor.create({
      data: { courseId, userId: outsider.id, assignedBy: outsider.id },
    })
    const view = (await call()) as Awaited<ReturnType<typeof bankLoader>>
    expect(view.categories.some((c) => c.name === 'Keamanan Digital/Kata Sandi')).toBe(true)
  })
})

describe('attempts keep their version', () => {
  it('an attempt drawn before an edit is answered, scored and reviewed on its own version', async () => {
    const learner = await createTestUser()
    await enrol(learner.id, COURSE)
    const { attemptId } = await startAttempt(COURSE, QUIZ, learner.id)
    const attempt = await prisma.quizAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { layout: true },
    })
    const layout = attempt.layout as Layout
    const drawn = await prisma.questionVersion.findUniqueOrThrow({
      where: { id: layout[0]!.versionId },
      select: { text: true, questionId: true, question: { select: { categoryId: true } } },
    })
    const answers = await answersFor(attemptId, true)
    // The instructor rewrites the question and flips its key while the attempt is open.
    const current = await questionOfCourse(otherCourseId, drawn.questionId)
    // A valid new key: a single answer moves to the next option, a multiple one is inverted.
    const opts = current.content.options
    const single = current.content.type === 'SINGLE' || current.content.type === 'TRUE_FALSE'
    const right = opts.findIndex((o) => o.correct)
    const flipped = single
      ? opts.map((o, i) => ({ ...o, correct: i === (right + 1) % opts.length }))
      : opts.map((o) => ({ ...o, correct: !o.correct }))
    await saveQuestion(otherCourseId, drawn.questionId, drawn.question.categoryId, {
      ...current.content,
      text: 'Teks baru setelah percobaan dimulai',
      options: flipped,
      acceptedAnswers: current.content.acceptedAnswers.length ? ['jawaban lain'] : [],
      numericAnswer:
        current.content.numericAnswer === null ? null : current.content.numericAnswer + 999,
    })
    await submitAttempt(attemptId, learner.id, answers)
    await gradeAttempt({ attemptId })
    const graded = await prisma.quizAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { percent: true, layout: true },
    })
    expect(graded.percent).toBe(100)
    expect((graded.layout as Layout)[0]!.versionId).toBe(layout[0]!.versionId)
    const shown = await prisma.questionVersion.findUniqueOrThrow({
      where: { id: layout[0]!.versionId },
      select: { text: true },
    })
    expect(shown.text).toBe(drawn.text)
  })
})

describe('item analysis', () => {
  it('flags the question weak learners get right, links its editor, and counts attempts', async () => {
    const course = await prisma.course.findUniqueOrThrow({
      where: { slug: 'pelayanan-publik-prima' },
      select: { id: true },
    })
    const quiz = await prisma.quiz.findFirstOrThrow({
      where: { lesson: { slug: QUIZ, module: { courseId: course.id } } },
      select: { id: true },
    })
    const [good, bad] = await prisma.question.findMany({
      where: { category: { courseId: course.id }, currentVersion: { type: 'SINGLE' } },
      take: 2,
      select: { id: true, currentVersionId: true },
    })
    // 12 graded attempts: the strong half gets `good` right, the weak half gets `bad` right.
    for (let i = 0; i < 12; i++) {
      const user = await createTestUser()
      const strong = i >= 6
      const percent = strong ? 60 + i * 3 : 10 + i * 3
      const layout = [good!, bad!].map((q) => ({
        questionId: q.id,
        versionId: q.currentVersionId!,
        optionIds: [],
      }))
      await prisma.quizAttempt.create({
        data: {
          quizId: quiz.id,
          userId: user.id,
          number: 1,
          status: 'GRADED',
          layout,
          passMark: 70,
          gradingMethod: 'HIGHEST',
          submittedAt: new Date(),
          gradedAt: new Date(),
          score: percent / 50,
          maxScore: 2,
          percent,
          passed: percent >= 70,
          answers: {
            create: [
              { questionId: good!.id, response: {}, score: strong ? 1 : 0, maxScore: 1 },
              { questionId: bad!.id, response: {}, score: strong ? 0 : 1, maxScore: 1 },
            ],
          },
        },
      })
    }
    const analysis = await quizAnalysis(quiz.id)
    expect(analysis.attempts.graded).toBe(12)
    expect(analysis.distribution.reduce((s, b) => s + b.count, 0)).toBe(12)
    const item = (id: string) => analysis.items.find((i) => i.questionId === id)!
    expect(item(good!.id)).toMatchObject({ facility: 0.5, discrimination: 1, flagged: false })
    expect(item(bad!.id)).toMatchObject({ facility: 0.5, discrimination: -1, flagged: true })

    const flagged = await flaggedQuestionsByCourse(course.id)
    expect(flagged.map((f) => f.questionId)).toEqual([bad!.id])
    expect(flagged[0]!.editUrl).toBe(`/authoring/bank/${course.id}/questions/${bad!.id}`)
    expect(flagged[0]!.flags).toContain('negative')
    // Another course's report does not list it.
    expect((await flaggedQuestionsByCourse(courseId)).map((f) => f.questionId)).not.toContain(
      bad!.id,
    )
  })
})
