// The question bank of a course, for its instructors (and admins): categories, questions written
// in the builder, imports from Moodle XML / GIFT (preview first, nothing written until confirmed)
// and export to Moodle XML. Every change of a question is a new immutable QuestionVersion
// (docs/decisions/050 and 051): attempts keep the version they were drawn with.
import { createHash, randomUUID } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { imageMarker, questionImageNames } from '~/domain/question-images'
import {
  exportMoodleXml,
  parseGift,
  parseMoodleXml,
  renameImageMarkers,
  type BankProblem,
  type BankQuestion,
  type ExportQuestion,
  type ParsedBank,
  type QuestionBody,
} from '~/domain/question-import'
import { Prisma } from '~/generated/prisma/client'
import { TOP_CATEGORY } from '~/schemas/question-bank'
import { prisma, sql } from '~/utils/db.server'
import { InvalidError, NotFoundError } from '~/utils/errors'
import { mediaStorage } from '~/utils/storage.server'
import { teaches, type Actor } from './course-instructor.server'
import { taughtBy } from './studio.server'

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

/** Courses whose bank the actor may edit. */
export async function bankCourses(actor: Actor) {
  return prisma.course.findMany({
    where: taughtBy(actor),
    orderBy: { title: 'asc' },
    select: {
      id: true,
      title: true,
      _count: { select: { questionCategories: true } },
    },
  })
}

/** Quizzes of a course (lesson title, archived lessons left out). */
export async function courseQuizzes(courseId: string) {
  const quizzes = await prisma.quiz.findMany({
    where: { lesson: { module: { courseId }, archivedAt: null } },
    select: {
      id: true,
      lesson: { select: { title: true } },
      slots: {
        orderBy: { position: 'asc' },
        select: {
          id: true,
          position: true,
          drawCount: true,
          category: { select: { id: true, name: true } },
          question: { select: { id: true, currentVersion: { select: { text: true } } } },
        },
      },
    },
  })
  return quizzes.map((q) => ({
    id: q.id,
    title: q.lesson.title,
    slots: q.slots.map((s) => ({
      id: s.id,
      drawCount: s.drawCount,
      category: s.category?.name ?? null,
      question: s.question?.currentVersion?.text ?? null,
    })),
  }))
}

/** The bank page: categories with their current questions, competencies, quizzes. */
export async function courseBank(courseId: string) {
  const [categories, competencies, quizzes] = await Promise.all([
    prisma.questionCategory.findMany({
      where: { courseId },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        questions: {
          where: { archivedAt: null },
          orderBy: { createdAt: 'asc' },
          select: {
            id: true,
            currentVersion: {
              select: {
                version: true,
                type: true,
                text: true,
                level: true,
                points: true,
                competency: { select: { code: true } },
              },
            },
          },
        },
      },
    }),
    courseCompetencies(courseId),
    courseQuizzes(courseId),
  ])
  return { categories, competencies, quizzes }
}

/** Competencies a question of this course may assess: the course's own. */
export async function courseCompetencies(courseId: string) {
  const rows = await prisma.courseCompetency.findMany({
    where: { courseId },
    orderBy: { competency: { code: 'asc' } },
    select: { competency: { select: { id: true, code: true, name: true } }, level: true },
  })
  return rows.map((r) => ({ ...r.competency, targetLevel: r.level }))
}

export async function createCategory(courseId: string, name: string) {
  const clean = name.trim()
  const exists = await prisma.questionCategory.findUnique({
    where: { courseId_name: { courseId, name: clean } },
    select: { id: true },
  })
  if (exists) throw new InvalidError('bank.categoryExists', { field: 'name' })
  return ensureCategoryPath(prisma, courseId, clean)
}

/** The category "a/b/c" of a course, with its parents, created when missing. */
export async function ensureCategoryPath(
  db: Prisma.TransactionClient | typeof prisma,
  courseId: string,
  fullPath: string,
) {
  const parts = fullPath
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean)
  if (!parts.length) parts.push(TOP_CATEGORY)
  let parentId: string | null = null
  let id = ''
  for (let i = 0; i < parts.length; i++) {
    const name = parts.slice(0, i + 1).join('/')
    const row: { id: string } = await db.questionCategory.upsert({
      where: { courseId_name: { courseId, name } },
      create: { courseId, name, parentId },
      update: {},
      select: { id: true },
    })
    id = row.id
    parentId = row.id
  }
  return id
}

/** Adds a slot to a quiz of the course: `drawCount` random questions of a category. */
export async function addCategorySlot(
  courseId: string,
  quizId: string,
  categoryId: string,
  drawCount: number,
) {
  const [quiz, category] = await Promise.all([
    prisma.quiz.findFirst({
      where: { id: quizId, lesson: { module: { courseId } } },
      select: { id: true, slots: { select: { position: true } } },
    }),
    prisma.questionCategory.findFirst({
      where: { id: categoryId, courseId },
      select: { id: true, _count: { select: { questions: { where: { archivedAt: null } } } } },
    }),
  ])
  if (!quiz) throw new InvalidError('bank.quizUnknown', { field: 'quizId' })
  if (!category) throw new InvalidError('bank.categoryUnknown', { field: 'categoryId' })
  if (drawCount > category._count.questions)
    throw new InvalidError('bank.drawTooMany', {
      field: 'drawCount',
      params: { count: category._count.questions },
    })
  const position = Math.max(-1, ...quiz.slots.map((s) => s.position)) + 1
  await prisma.quizSlot.create({ data: { quizId, categoryId, drawCount, position } })
}

// ---------------------------------------------------------------------------------------------
// Writing questions

export interface QuestionContent extends QuestionBody {
  competencyId: string
  level: number
}

/**
 * Hash of what a question says. Options are compared as a set (learners see them shuffled, and
 * Moodle's true/false has a fixed order), so an export and re-import of a bank changes nothing.
 */
export function contentHash(c: QuestionContent) {
  const options = c.options
    .map((o) => [o.text, o.correct, o.feedback ?? null] as const)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  return createHash('sha256')
    .update(
      JSON.stringify([
        'bank-v1',
        c.type,
        c.competencyId,
        c.level,
        c.text,
        c.points,
        c.acceptedAnswers,
        c.numericAnswer,
        c.tolerance,
        c.feedback,
        options,
      ]),
    )
    .digest('hex')
}

const OPTION = { id: true, text: true, correct: true, feedback: true } as const

/** What a stored version says (with its options), for comparing with an edit or an import. */
const VERSION_CONTENT = {
  version: true,
  type: true,
  competencyId: true,
  level: true,
  text: true,
  points: true,
  feedback: true,
  acceptedAnswers: true,
  numericAnswer: true,
  tolerance: true,
  optionIds: true,
  question: { select: { options: { select: OPTION } } },
} as const satisfies Prisma.QuestionVersionSelect

/** The content of a stored version, for comparing with an edit or an import. */
function versionContent(
  v: Prisma.QuestionVersionGetPayload<{ select: typeof VERSION_CONTENT }>,
): QuestionContent {
  const byId = new Map(v.question.options.map((o) => [o.id, o]))
  return {
    type: v.type,
    competencyId: v.competencyId,
    level: v.level,
    text: v.text,
    points: v.points,
    feedback: v.feedback,
    acceptedAnswers: v.acceptedAnswers,
    numericAnswer: v.numericAnswer,
    tolerance: v.tolerance,
    options: v.optionIds.map((id) => {
      const o = byId.get(id)!
      return { text: o.text, correct: o.correct, feedback: o.feedback }
    }),
  }
}

/**
 * Writes a question's content: a new question, or a new version of an existing one (never an
 * edit). Unchanged content writes nothing. Options that are exactly the same keep their ids.
 * Returns whether a version was added.
 */
export async function writeQuestion(
  tx: Prisma.TransactionClient,
  opts: { questionId: string | null; externalId: string | null; categoryId: string },
  c: QuestionContent,
) {
  const found = opts.questionId
    ? await tx.question.findUnique({
        where: { id: opts.questionId },
        select: {
          id: true,
          categoryId: true,
          archivedAt: true,
          currentVersion: { select: VERSION_CONTENT },
          options: { select: OPTION },
          versions: { orderBy: { version: 'desc' }, take: 1, select: { version: true } },
        },
      })
    : null
  const hash = contentHash(c)
  if (found?.currentVersion && contentHash(versionContent(found.currentVersion)) === hash) {
    if (found.categoryId !== opts.categoryId || found.archivedAt)
      await tx.question.update({
        where: { id: found.id },
        data: { categoryId: opts.categoryId, archivedAt: null },
      })
    return { questionId: found.id, created: false }
  }
  const questionId =
    found?.id ??
    (
      await tx.question.create({
        data: { externalId: opts.externalId, categoryId: opts.categoryId },
        select: { id: true },
      })
    ).id
  const pool = [...(found?.options ?? [])]
  const optionIds: string[] = []
  const fresh: Prisma.QuestionOptionCreateManyInput[] = []
  for (const o of c.options) {
    const i = pool.findIndex(
      (p) => p.text === o.text && p.correct === o.correct && p.feedback === (o.feedback ?? null),
    )
    if (i >= 0) {
      optionIds.push(pool[i]!.id)
      pool.splice(i, 1)
    } else {
      const id = randomUUID()
      fresh.push({ id, questionId, text: o.text, correct: o.correct, feedback: o.feedback ?? null })
      optionIds.push(id)
    }
  }
  if (fresh.length) await tx.questionOption.createMany({ data: fresh })
  const version = await tx.questionVersion.create({
    data: {
      questionId,
      version: (found?.versions[0]?.version ?? 0) + 1,
      type: c.type,
      competencyId: c.competencyId,
      level: c.level,
      text: c.text,
      points: c.points,
      acceptedAnswers: c.acceptedAnswers,
      numericAnswer: c.numericAnswer,
      tolerance: c.tolerance,
      feedback: c.feedback,
      optionIds,
      contentHash: hash,
    },
    select: { id: true },
  })
  await tx.question.update({
    where: { id: questionId },
    data: { currentVersionId: version.id, categoryId: opts.categoryId, archivedAt: null },
  })
  return { questionId, created: true }
}

async function checkCompetency(courseId: string, competencyId: string) {
  const ok = await prisma.courseCompetency.findFirst({
    where: { courseId, competencyId },
    select: { courseId: true },
  })
  if (!ok) throw new InvalidError('bank.competencyUnknown', { field: 'competencyId' })
}

/** Saves the builder's form: a new question, or a new version of `questionId`. */
export async function saveQuestion(
  courseId: string,
  questionId: string | null,
  categoryId: string,
  content: QuestionContent,
) {
  const category = await prisma.questionCategory.findFirst({
    where: { id: categoryId, courseId },
    select: { id: true },
  })
  if (!category) throw new InvalidError('bank.categoryUnknown', { field: 'categoryId' })
  // The form's schema says the same; this guards every other caller (a key the engine can grade).
  const correct = content.options.filter((o) => o.correct).length
  if ((content.type === 'SINGLE' || content.type === 'TRUE_FALSE') && correct !== 1)
    throw new InvalidError('bank.oneCorrect', { field: 'options' })
  if (content.type === 'MULTIPLE' && correct < 1)
    throw new InvalidError('bank.someCorrect', { field: 'options' })
  await checkCompetency(courseId, content.competencyId)
  if (questionId) await questionOfCourse(courseId, questionId)
  return prisma.$transaction((tx) =>
    writeQuestion(tx, { questionId, externalId: null, categoryId }, content),
  )
}

/** A question of the course (404 otherwise: another course's question is not there). */
export async function questionOfCourse(courseId: string, questionId: string) {
  const q = await prisma.question.findFirst({
    where: { id: questionId, category: { courseId } },
    select: {
      id: true,
      categoryId: true,
      archivedAt: true,
      currentVersion: { select: VERSION_CONTENT },
      _count: { select: { versions: true } },
    },
  })
  if (!q?.currentVersion) throw new NotFoundError('notFound')
  return {
    id: q.id,
    categoryId: q.categoryId,
    archived: q.archivedAt !== null,
    version: q.currentVersion.version,
    versions: q._count.versions,
    content: versionContent(q.currentVersion),
  }
}

// ---------------------------------------------------------------------------------------------
// Import

export type ImportFormat = 'moodle' | 'gift'

/** Which format a file is in: by its name, else by its first characters. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  if (/\.xml$/i.test(fileName)) return 'moodle'
  if (/\.(gift|txt)$/i.test(fileName)) return 'gift'
  return text.trimStart().startsWith('<') ? 'moodle' : 'gift'
}

export function parseBank(format: ImportFormat, text: string): ParsedBank {
  return format === 'moodle' ? parseMoodleXml(text) : parseGift(text)
}

/** Images that cannot be stored (not an image by their bytes, too big) become problems. */
async function checkImages(bank: ParsedBank): Promise<ParsedBank> {
  const problems: BankProblem[] = [...bank.problems]
  const questions: BankQuestion[] = []
  for (const q of bank.questions) {
    let bad: string | null = null
    for (const img of q.images) {
      const bytes = Buffer.from(img.base64, 'base64')
      const type = await fileTypeFromBuffer(bytes)
      if (bytes.length > IMAGE_MAX_BYTES || !type || !IMAGE_TYPES.has(type.mime)) bad = img.name
    }
    if (bad) problems.push({ name: q.name, line: null, code: 'badImage', params: { file: bad } })
    else questions.push(q)
  }
  return { questions, problems }
}

/** The preview of an import: what would be written, and what is refused. Writes nothing. */
export async function previewImport(format: ImportFormat, text: string) {
  const bank = await checkImages(parseBank(format, text))
  const categories = [...new Set(bank.questions.map((q) => q.category || TOP_CATEGORY))]
  return { ...bank, categories }
}

export interface ImportMapping {
  /** Per category path (as in the preview): competency id and level. */
  byCategory: Record<string, { competencyId: string; level: number } | undefined>
  default: { competencyId: string; level: number }
}

/** Stores an image of an import under its content hash (media storage, "bank/<sha256>.<ext>"). */
async function storeImage(base64: string) {
  const bytes = Buffer.from(base64, 'base64')
  const name = await bankImageName(bytes)
  if (!name) throw new InvalidError('bank.badImage')
  await mediaStorage().putOnce(bankImageKey(name)!, bytes)
  return name
}

/**
 * The name a bank image is stored under (its SHA-256 and the extension of the type read from its
 * bytes), or null when the bytes are not an accepted image or are too large.
 */
export async function bankImageName(bytes: Buffer) {
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !IMAGE_TYPES.has(type.mime) || bytes.length > IMAGE_MAX_BYTES) return null
  return `${createHash('sha256').update(bytes).digest('hex')}.${type.ext}`
}

/** Storage key of a bank image, or null when the name is not one (names are content hashes). */
export function bankImageKey(name: string) {
  return /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/.test(name) ? `bank/${name}` : null
}

const mentions = (marker: string) => ({
  OR: [{ text: { contains: marker } }, { feedback: { contains: marker } }],
})

/**
 * The storage key of an image that a question of the course shows (any version): for the bank's
 * pages, whose readers teach the course. 404 for a name no question of the course carries.
 */
export async function courseBankImage(courseId: string, name: string) {
  const key = bankImageKey(name)
  if (!key) throw new NotFoundError('notFound')
  const inCourse = { question: { category: { courseId } } }
  const found =
    (await prisma.questionVersion.findFirst({
      where: { ...inCourse, ...mentions(imageMarker(name)) },
      select: { id: true },
    })) ??
    (await prisma.questionOption.findFirst({
      where: { ...inCourse, ...mentions(imageMarker(name)) },
      select: { id: true },
    }))
  if (!found) throw new NotFoundError('notFound')
  return key
}

/**
 * The storage key of an image that a question drawn in the attempt shows, in the version the
 * attempt was drawn with: for the attempt's learner and for who teaches the course (grading).
 * Anyone else, and a name the attempt does not show, get a 404 (nothing is told about either).
 */
export async function attemptBankImage(actor: Actor, attemptId: string, name: string) {
  const key = bankImageKey(name)
  if (!key) throw new NotFoundError('notFound')
  // One statement (a quiz page may ask for several images at once): the attempt's learner and
  // course, and whether a version or option it was drawn with shows the image.
  const like = `%${imageMarker(name)}%`
  const [row] = await sql<{ userId: string; courseId: string; shows: boolean }>(Prisma.sql`
    SELECT a."userId", m."courseId",
      EXISTS (SELECT 1 FROM jsonb_array_elements(a.layout) AS l
              JOIN "QuestionVersion" v ON v.id = l->>'versionId'
              WHERE v.text LIKE ${like} OR v.feedback LIKE ${like})
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(a.layout) AS l
                 CROSS JOIN LATERAL jsonb_array_elements_text(l->'optionIds') AS o(id)
                 JOIN "QuestionOption" qo ON qo.id = o.id
                 WHERE qo.text LIKE ${like} OR qo.feedback LIKE ${like}) AS shows
    FROM "QuizAttempt" a
    JOIN "Quiz" q ON q.id = a."quizId"
    JOIN "Lesson" le ON le.id = q."lessonId"
    JOIN "Module" m ON m.id = le."moduleId"
    WHERE a.id = ${attemptId}`)
  if (!row?.shows || (row.userId !== actor.id && !(await teaches(actor, row.courseId))))
    throw new NotFoundError('notFound')
  return key
}

/**
 * Writes a confirmed import: the file is parsed again (the preview kept nothing), images go to
 * storage, then every question is written in one transaction. A question the file names with an
 * idnumber Bina gave it (an export of this course) or already imported under the same category
 * and name gets a new version only when it changed.
 */
export async function confirmImport(
  courseId: string,
  format: ImportFormat,
  text: string,
  mapping: ImportMapping,
) {
  const bank = await checkImages(parseBank(format, text))
  if (!bank.questions.length) throw new InvalidError('bank.nothingToImport')
  const allowed = new Map((await courseCompetencies(courseId)).map((c) => [c.id, c]))
  const byCode = new Map([...allowed.values()].map((c) => [c.code, c.id]))
  const choose = (q: BankQuestion) => {
    const m = mapping.byCategory[q.category || TOP_CATEGORY] ?? mapping.default
    const competencyId = (q.competencyCode && byCode.get(q.competencyCode)) || m.competencyId
    const level = q.competencyCode && byCode.get(q.competencyCode) && q.level ? q.level : m.level
    if (!allowed.has(competencyId))
      throw new InvalidError('bank.competencyUnknown', { field: 'default.competencyId' })
    return { competencyId, level }
  }
  // Images first (content-addressed files: a failed transaction leaves only unused files).
  const stored = new Map<string, string>()
  for (const q of bank.questions)
    for (const img of q.images)
      if (!stored.has(img.base64)) stored.set(img.base64, await storeImage(img.base64))

  const idnumbers = bank.questions.map((q) => q.idnumber).filter((x): x is string => Boolean(x))
  // Two entries of a file with the same category and name (and no idnumber) stay two questions.
  const seen = new Map<string, number>()
  const keyOf = new Map<BankQuestion, string>()
  for (const q of bank.questions) {
    const base = importKey(courseId, q)
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    keyOf.set(q, n === 1 ? base : `${base}#${n}`)
  }
  const keys = [...keyOf.values()]
  // An export writes a pack question's id without its course scope (`packQuestionId`): scope it
  // again to find the question in this course.
  const packKeys = idnumbers.map((id) => packQuestionKey(courseId, id))
  const existing = await prisma.question.findMany({
    where: {
      category: { courseId },
      OR: [{ id: { in: idnumbers } }, { externalId: { in: [...idnumbers, ...packKeys, ...keys] } }],
    },
    select: { id: true, externalId: true },
  })
  const find = (q: BankQuestion) =>
    existing.find(
      (e) =>
        (q.idnumber &&
          (e.id === q.idnumber ||
            e.externalId === q.idnumber ||
            e.externalId === packQuestionKey(courseId, q.idnumber))) ||
        e.externalId === keyOf.get(q),
    )?.id ?? null

  return prisma.$transaction(
    async (tx) => {
      let created = 0
      let unchanged = 0
      const categories = new Map<string, string>()
      for (const q of bank.questions) {
        const path = q.category || TOP_CATEGORY
        if (!categories.has(path))
          categories.set(path, await ensureCategoryPath(tx, courseId, path))
        const names = new Map(q.images.map((i) => [i.name, stored.get(i.base64)!]))
        const { competencyId, level } = choose(q)
        const rename = (s: string) => renameImageMarkers(s, names)
        const result = await writeQuestion(
          tx,
          {
            questionId: find(q),
            externalId: importKey(courseId, q),
            categoryId: categories.get(path)!,
          },
          {
            type: q.type,
            competencyId,
            level,
            text: rename(q.text),
            points: q.points,
            feedback: q.feedback ? rename(q.feedback) : null,
            options: q.options.map((o) => ({
              ...o,
              text: rename(o.text),
              feedback: o.feedback ? rename(o.feedback) : null,
            })),
            acceptedAnswers: q.acceptedAnswers,
            numericAnswer: q.numericAnswer,
            tolerance: q.tolerance,
          },
        )
        if (result.created) created++
        else unchanged++
      }
      return { created, unchanged, refused: bank.problems.length }
    },
    { timeout: 60_000 },
  )
}

/**
 * The stored import key of a pack question: the pack's id scoped to its course (decision 067),
 * so two courses whose packs use the same id never share or overwrite each other's questions
 * (the Moodle importer's keys are scoped the same way, `bank:<courseId>:…`).
 */
export function packQuestionKey(courseId: string, id: string) {
  return `pack:${courseId}:${id}`
}

/** The pack id of a question of the course: its import key without the scope, else its id. */
export function packQuestionId(courseId: string, q: { id: string; externalId: string | null }) {
  const scope = packQuestionKey(courseId, '')
  return q.externalId?.startsWith(scope) ? q.externalId.slice(scope.length) : (q.externalId ?? q.id)
}

/** Key of an imported question: its idnumber, else its category and name, within the course. */
function importKey(courseId: string, q: BankQuestion) {
  const key = q.idnumber ?? `${q.category}/${q.name}`
  return `bank:${courseId}:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`
}

// ---------------------------------------------------------------------------------------------
// Export

/** The course's bank (current versions of questions not archived) as Moodle XML. */
export async function exportCourseBank(courseId: string) {
  const questions = await prisma.question.findMany({
    where: { category: { courseId }, archivedAt: null, currentVersionId: { not: null } },
    orderBy: [{ category: { name: 'asc' } }, { createdAt: 'asc' }],
    select: {
      id: true,
      externalId: true,
      category: { select: { name: true } },
      options: { select: { id: true, text: true, correct: true, feedback: true } },
      currentVersion: {
        select: {
          type: true,
          text: true,
          points: true,
          feedback: true,
          level: true,
          acceptedAnswers: true,
          numericAnswer: true,
          tolerance: true,
          optionIds: true,
          competency: { select: { code: true } },
        },
      },
    },
  })
  const files = new Map<string, string>()
  const out: ExportQuestion[] = []
  for (const q of questions) {
    const v = q.currentVersion!
    const byId = new Map(q.options.map((o) => [o.id, o]))
    const options = v.optionIds.map((id) => {
      const o = byId.get(id)!
      return { text: o.text, correct: o.correct, feedback: o.feedback }
    })
    for (const name of questionImageNames({ text: v.text, feedback: v.feedback, options })) {
      const key = bankImageKey(name)
      if (!key || files.has(name)) continue
      const bytes = await mediaStorage().get(key)
      if (bytes) files.set(name, bytes.toString('base64'))
    }
    out.push({
      name: v.text
        .replace(/\[\[gambar:[^\]]+\]\]/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 80),
      // A pack question's key without its course scope, as its pack names it (decision 067).
      idnumber: packQuestionId(courseId, q),
      category: q.category.name === TOP_CATEGORY ? '' : q.category.name,
      type: v.type,
      text: v.text,
      points: v.points,
      feedback: v.feedback,
      options,
      acceptedAnswers: v.acceptedAnswers,
      numericAnswer: v.numericAnswer,
      tolerance: v.tolerance,
      competencyCode: v.competency.code,
      level: v.level,
    })
  }
  return exportMoodleXml(out, files)
}
