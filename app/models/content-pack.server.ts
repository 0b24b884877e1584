// Course packs in content/: parsed and validated completely in memory first (every file, every
// question), then written in one transaction, then published as a new version when the content
// changed. A second import of the same pack updates in place and publishes nothing new.
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { checkCourseJp } from '~/domain/jp'
import type { Prisma } from '~/generated/prisma/client'
import { env } from '~/utils/env.server'
import { AppError, type ErrorParams } from '~/utils/errors'
import { renderMessage } from '~/utils/messages'
import { prisma } from '~/utils/db.server'
import { MarkdownError, markdownToDoc } from '~/utils/markdown.server'
import { prepareLessonContent, RichTextError } from '~/utils/rich-text.server'
import { questionImageNames } from '~/domain/question-images'
import { mediaStorage } from '~/utils/storage.server'
import {
  bankImageKey,
  bankImageName,
  ensureCategoryPath,
  packQuestionKey,
  writeQuestion,
} from './question-bank.server'
import { storeLocalVideo } from './video.server'
import { publishCourse } from './course.server'
import { publishPreview } from './studio.server'

/**
 * A refused pack: the file and a coded reason `pack.<reason>` with its parameters (decision 043),
 * or, for a refused lesson document, the validator's own code (`lessonDoc.*`, decision 044).
 * The studio renders `code` / `params` in the reader's language; the import CLI prints `reason`,
 * the Indonesian rendering (`renderMessage(e, 'en')` gives the English one).
 */
export class PackError extends AppError {
  readonly file: string
  /**
   * `reason`: the last part of a `pack.*` code (no dot), or a full code (`lessonDoc.link`,
   * `pack.v.slug`): anything holding a dot is taken as it is.
   */
  constructor(file: string, reason: string, params: ErrorParams = {}) {
    super(reason.includes('.') ? reason : `pack.${reason}`, { status: 400, params })
    this.name = 'PackError'
    this.file = file
    this.message = `${file}: ${this.reason}`
  }

  /** The reason in Indonesian (the CLI's language). */
  get reason() {
    return renderMessage({ code: this.code, params: this.params }, 'id')
  }
}

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'pack.v.slug')
const level = z.number().int().min(1).max(5)

const lessonSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('TEXT'),
    slug,
    title: z.string().min(3),
    file: z.string(),
    minutes: z.number().int().positive(),
    required: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('VIDEO'),
    slug,
    title: z.string().min(3),
    video: z.string().regex(/\.mp4$/, 'pack.v.mp4'),
    durationSeconds: z.number().positive(),
    file: z.string().optional(),
    minutes: z.number().int().positive(),
    required: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('QUIZ'),
    slug,
    title: z.string().min(3),
    minutes: z.number().int().positive(),
    required: z.boolean().default(true),
    draw: z.number().int().positive().optional(),
    /** Which questions of questions.json the quiz draws: the graded-at-once ones, or the essays. */
    questions: z.enum(['auto', 'essay']).default('auto'),
    /**
     * What the quiz draws, in order (decision 065): `draw` questions of a category of the pack's
     * questions, or one question by its id. Given, it replaces `questions` and `draw`.
     */
    slots: z
      .array(
        z.union([
          z.object({ category: z.string().min(1), draw: z.number().int().positive() }).strict(),
          z.object({ question: z.string().min(1) }).strict(),
        ]),
      )
      .min(1)
      .optional(),
    timeLimitMinutes: z.number().int().positive().optional(),
    attemptsAllowed: z.number().int().min(0).optional(),
    gradingMethod: z.enum(['HIGHEST', 'LAST', 'FIRST', 'AVERAGE']).optional(),
  }),
])

export const courseSchema = z.object({
  slug,
  title: z.string().min(5),
  summary: z.string().min(20),
  area: z.enum(['LITERASI_DIGITAL', 'MANAJEMEN_KEUANGAN', 'PELAYANAN_PUBLIK']),
  jp: z.number().int().min(1).max(200),
  competencies: z.array(z.object({ code: z.string(), level })).min(1),
  passMark: z.number().int().min(1).max(100).default(70),
  modules: z
    .array(z.object({ title: z.string().min(3), lessons: z.array(lessonSchema).min(1) }))
    .min(1),
})

const optionSchema = z.object({
  text: z.string().min(1),
  correct: z.boolean(),
  feedback: z.string().optional(),
})
export const questionSchema = z
  .object({
    id: z.string().min(1),
    type: z.enum(['SINGLE', 'MULTIPLE', 'TRUE_FALSE', 'SHORT', 'NUMERIC', 'ESSAY']),
    competency: z.string(),
    level,
    text: z.string().min(5),
    options: z.array(optionSchema).optional(),
    answers: z.array(z.string().min(1)).optional(),
    answer: z.number().optional(),
    tolerance: z.number().min(0).optional(),
    feedback: z.string().optional(),
    points: z.number().positive().optional(),
    /** The bank category ("a/b" nested); without it, the pack's own category (decision 065). */
    category: z.string().trim().min(1).optional(),
  })
  .superRefine((q, ctx) => {
    const correct = q.options?.filter((o) => o.correct).length ?? 0
    const n = q.options?.length ?? 0
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message })
    if (q.type === 'SINGLE' && (n < 2 || correct !== 1)) fail('pack.v.single')
    if (q.type === 'MULTIPLE' && (n < 3 || correct < 1)) fail('pack.v.multiple')
    if (q.type === 'TRUE_FALSE' && (n !== 2 || correct !== 1)) fail('pack.v.trueFalse')
    if (q.type === 'SHORT' && !q.answers?.length) fail('pack.v.short')
    if (q.type === 'NUMERIC' && q.answer === undefined) fail('pack.v.numeric')
  })

export type ParsedQuestion = z.infer<typeof questionSchema>

/**
 * The pack error of a schema refusal (its first issue): the schema's own code (`pack.v.*`), or a
 * `pack.z.*` code for the kind of rule Zod reports, with the values the text needs, so the reader
 * gets the refusal in their language rather than Zod's English sentence. `path` names the field
 * language-neutrally; a question's 1-based number leads it ("#3 › options.0.text").
 */
export function schemaError(file: string, e: z.ZodError, number?: number) {
  const issue = e.issues[0]!
  const field = issue.path.join('.') || '$'
  const params: ErrorParams = { path: number === undefined ? field : `#${number} › ${field}` }
  if (number !== undefined) params.number = number
  // The full code: a reason holding a dot is taken as a code as it is (PackError).
  if (issue.message.startsWith('pack.v.')) return new PackError(file, issue.message, params)
  return new PackError(file, ...zodRule(issue, params))
}

/** The `pack.z.*` codes of a bound, by what is bounded; a number's bound may be exclusive. */
const BOUND_CODES = {
  string: { min: 'pack.z.minLength', max: 'pack.z.maxLength' },
  array: { min: 'pack.z.minItems', max: 'pack.z.maxItems' },
  inclusive: { min: 'pack.z.minValue', max: 'pack.z.maxValue' },
  // A positive number is "more than 0": the bound itself is refused.
  exclusive: { min: 'pack.z.moreThan', max: 'pack.z.lessThan' },
} as const

/** The `pack.z.*` code and values of one Zod issue (zod 3's issue codes). */
function zodRule(issue: z.ZodIssue, params: ErrorParams): [string, ErrorParams] {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return ['pack.z.required', params]
      if (issue.expected === 'integer') return ['pack.z.integer', params]
      return ['pack.z.type', { ...params, expected: issue.expected, received: issue.received }]
    case 'too_small':
    case 'too_big': {
      const kind =
        issue.type === 'string' || issue.type === 'array'
          ? issue.type
          : issue.inclusive === false
            ? 'exclusive'
            : 'inclusive'
      const [edge, bound] =
        issue.code === 'too_small'
          ? (['min', issue.minimum] as const)
          : (['max', issue.maximum] as const)
      return [BOUND_CODES[kind][edge], { ...params, bound: Number(bound) }]
    }
    case 'invalid_enum_value':
    case 'invalid_union_discriminator':
      return ['pack.z.oneOf', { ...params, options: quoted(issue.options) }]
    case 'invalid_literal':
      return ['pack.z.oneOf', { ...params, options: quoted([issue.expected]) }]
    case 'unrecognized_keys':
      return ['pack.z.unknownKeys', { ...params, keys: issue.keys.join(', ') }]
    default:
      return ['pack.z.invalid', params]
  }
}

const quoted = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).join(', ')

async function readJson(file: string) {
  let raw: string
  try {
    raw = await fs.readFile(file, 'utf8')
  } catch {
    throw new PackError(file, 'fileMissing')
  }
  return parseJson(file, raw)
}

/**
 * A pack's JSON text (a leading byte order mark, as some Windows editors write, is skipped). A
 * syntax error is refused as `pack.jsonAt` with the line and column (from 1) of the offset the
 * parser names, or the end of the file when it ended too early; else as `pack.json`. The
 * parser's own English sentence is never shown.
 */
function parseJson(file: string, raw: string): unknown {
  const text = raw.replace(/^\uFEFF/, '')
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    const message = e instanceof Error ? e.message : ''
    const at = /at position (\d+)/.exec(message)
    const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : null
    if (offset === null) throw new PackError(file, 'json')
    const lines = text.slice(0, offset).split('\n')
    throw new PackError(file, 'jsonAt', { line: lines.length, column: lines.at(-1)!.length + 1 })
  }
}

export interface ParsedPack {
  dir: string
  course: z.infer<typeof courseSchema>
  lessons: Map<string, { json: unknown; html: string; text: string }>
  videos: Map<string, string>
  questions: ParsedQuestion[]
  /** The question images (decision 059) the questions show, by name, with their bytes. */
  images: Map<string, Buffer>
  hash: string
}

/** Reads and validates one pack directory completely; throws PackError naming the file and reason. */
export async function parsePack(dir: string, knownCompetencies: Set<string>): Promise<ParsedPack> {
  const courseFile = path.join(dir, 'course.json')
  const parsed = courseSchema.safeParse(await readJson(courseFile))
  if (!parsed.success) throw schemaError(courseFile, parsed.error)
  const course = parsed.data
  if (path.basename(dir) !== course.slug)
    throw new PackError(courseFile, 'slugFolder', {
      slug: course.slug,
      folder: path.basename(dir),
    })
  for (const c of course.competencies) {
    if (!knownCompetencies.has(c.code))
      throw new PackError(courseFile, 'competency', { code: c.code })
  }
  const all = course.modules.flatMap((m) => m.lessons)
  const dup = all.find((l, i) => all.findIndex((o) => o.slug === l.slug) !== i)
  if (dup) throw new PackError(courseFile, 'lessonSlugRepeated', { slug: dup.slug })
  // The JP a course declares must be what its required lessons' minutes are worth, the one rule
  // the studio's publish follows too (checkCourseJp, decision 066).
  const jp = checkCourseJp(course.jp, all, env.JP_MINUTES)
  if (!jp.ok)
    throw new PackError(courseFile, 'jp', {
      jp: jp.jp,
      minutes: jp.minutes,
      expected: jp.expected,
      perJp: jp.perJp,
    })
  // Any number of quizzes, each required or not as it says (decision 065). Those without `slots`
  // use the shorthand of decision 058: the pack's bank, or its essays.
  const quizzes = all.filter((l) => l.kind === 'QUIZ')
  const shorthand = quizzes.filter((l) => !l.slots)
  const essayQuizzes = shorthand.filter((l) => l.questions === 'essay')
  // The shorthand essay assignment is optional: a required one would hold every completion (and
  // the JP and certificate behind it) until someone grades it (docs/decisions/058).
  const requiredEssay = essayQuizzes.find((l) => l.required)
  if (requiredEssay) throw new PackError(courseFile, 'requiredEssay', { slug: requiredEssay.slug })

  const lessons = new Map<string, { json: unknown; html: string; text: string }>()
  const videos = new Map<string, string>()
  const hash = createHash('sha256').update(JSON.stringify(course))
  for (const l of all) {
    if (l.kind === 'VIDEO') {
      const file = path.join(dir, l.video)
      const stat = await fs.stat(file).catch(() => null)
      if (!stat?.isFile()) throw new PackError(file, 'videoMissing')
      videos.set(l.slug, file)
      hash.update(`${l.video}:${stat.size}`)
    }
    if ((l.kind === 'TEXT' || l.kind === 'VIDEO') && l.file) {
      const file = path.join(dir, l.file)
      const md = await fs.readFile(file, 'utf8').catch(() => {
        throw new PackError(file, 'lessonMissing')
      })
      try {
        // Markdown, or the editor's own JSON for lessons Markdown cannot carry (tables, images).
        const doc = file.endsWith('.json') ? parseJson(file, md) : markdownToDoc(md)
        const content = prepareLessonContent(doc)
        lessons.set(l.slug, content)
        hash.update(content.html)
      } catch (e) {
        if (e instanceof MarkdownError || e instanceof RichTextError)
          throw new PackError(file, e.code, e.params)
        throw e
      }
    }
  }

  const questionsFile = path.join(dir, 'questions.json')
  let questions: ParsedQuestion[] = []
  const ids = new Set<string>()
  const rawQuestions = await fs.readFile(questionsFile, 'utf8').catch(() => null)
  if (rawQuestions !== null) {
    const arr = await readJson(questionsFile)
    if (!Array.isArray(arr)) throw new PackError(questionsFile, 'questionsNotArray')
    questions = arr.map((q, i) => {
      const r = questionSchema.safeParse(q)
      if (!r.success) throw schemaError(questionsFile, r.error, i + 1)
      if (!knownCompetencies.has(r.data.competency))
        throw new PackError(questionsFile, 'questionCompetency', {
          id: r.data.id,
          code: r.data.competency,
        })
      return r.data
    })
    for (const q of questions) {
      if (ids.has(q.id)) throw new PackError(questionsFile, 'questionIdRepeated', { id: q.id })
      ids.add(q.id)
    }
    hash.update(rawQuestions)
  }
  if (quizzes.length && questions.length === 0)
    throw new PackError(questionsFile, 'questionsRequired')
  // The images the questions show travel under images/<name> (decision 068): each one present,
  // an accepted image read from its bytes, and named by its own content hash.
  const images = new Map<string, Buffer>()
  for (const q of questions) {
    for (const name of questionImageNames(q)) {
      if (images.has(name)) continue
      if (!bankImageKey(name)) throw new PackError(questionsFile, 'imageName', { id: q.id, name })
      const file = path.join(dir, 'images', name)
      const bytes = await fs.readFile(file).catch(() => {
        throw new PackError(questionsFile, 'imageMissing', { id: q.id, name })
      })
      if ((await bankImageName(bytes)) !== name) throw new PackError(file, 'imageInvalid', { name })
      images.set(name, bytes)
    }
  }
  const inCategory = new Map<string, number>()
  for (const q of questions) {
    const c = packCategory(course.title, q)
    inCategory.set(c, (inCategory.get(c) ?? 0) + 1)
  }
  if (essayQuizzes.length && !inCategory.get(conventionCategory(course.title, 'essay')))
    throw new PackError(questionsFile, 'essayQuestionsRequired')
  if (
    shorthand.length > essayQuizzes.length &&
    !inCategory.get(conventionCategory(course.title, 'auto'))
  )
    throw new PackError(questionsFile, 'autoQuestionsRequired')
  for (const l of quizzes) {
    for (const s of l.slots ?? []) {
      if ('category' in s && !inCategory.get(s.category))
        throw new PackError(courseFile, 'slotCategoryEmpty', { quiz: l.slug, category: s.category })
      if ('question' in s && !ids.has(s.question))
        throw new PackError(courseFile, 'slotQuestionMissing', {
          quiz: l.slug,
          question: s.question,
        })
    }
  }
  return { dir, course, lessons, videos, questions, images, hash: hash.digest('hex') }
}

/** The category a shorthand quiz draws (decision 058): the pack's bank, or its essays. */
function conventionCategory(title: string, questions: 'auto' | 'essay') {
  return questions === 'essay' ? `Esai: ${title}` : `Bank soal: ${title}`
}

/** The bank category of a pack question: its own, else the shorthand's by its type. */
function packCategory(title: string, q: ParsedQuestion) {
  return q.category ?? conventionCategory(title, q.type === 'ESSAY' ? 'essay' : 'auto')
}

/**
 * Brings the pack's questions into the bank without touching what attempts point to: a new or
 * changed question gets a new immutable version (options that did not change keep their ids, new
 * or changed ones get new random ids); an unchanged one is left alone; a question no longer in
 * the pack is archived (no longer drawn) in each category the pack names, never deleted
 * (docs/decisions/050). A pack question is found within the course only: by its scoped import
 * key, by the Moodle importer's key the export wrote, else (a studio export of a question that
 * had none) by its id.
 */
async function upsertQuestions(
  tx: Prisma.TransactionClient,
  courseId: string,
  title: string,
  questions: ParsedQuestion[],
  competencyIds: Map<string, string>,
) {
  const packIds = questions.map((q) => q.id)
  const keys = new Map(packIds.map((id) => [packQuestionKey(courseId, id), id]))
  const existing = await tx.question.findMany({
    where: {
      category: { courseId },
      OR: [{ externalId: { in: [...keys.keys(), ...packIds] } }, { id: { in: packIds } }],
    },
    select: { id: true, externalId: true },
  })
  // By the scoped key first; then by a key the export wrote as it is (a question the Moodle
  // importer brought into this course, `bank:<courseId>:…`); then by the question's id.
  const found = new Map<string, string>()
  for (const q of existing) {
    const id = q.externalId ? keys.get(q.externalId) : undefined
    if (id) found.set(id, q.id)
  }
  for (const q of existing)
    if (q.externalId && !found.has(q.externalId) && packIds.includes(q.externalId))
      found.set(q.externalId, q.id)
  for (const q of existing) if (!found.has(q.id) && packIds.includes(q.id)) found.set(q.id, q.id)
  const categories = new Map<string, { categoryId: string; size: number }>()
  const questionIds = new Map<string, string>()
  let versionsCreated = 0
  for (const q of questions) {
    const name = packCategory(title, q)
    let category = categories.get(name)
    if (!category) {
      const row = await tx.questionCategory.findUnique({
        where: { courseId_name: { courseId, name } },
        select: { id: true },
      })
      const categoryId =
        row?.id ??
        (q.category
          ? await ensureCategoryPath(tx, courseId, name)
          : (await tx.questionCategory.create({ data: { courseId, name }, select: { id: true } }))
              .id)
      category = { categoryId, size: 0 }
      categories.set(name, category)
    }
    category.size++
    // The bank's one writer (decision 051): unchanged content writes nothing, a change adds a
    // version, options that stay exactly the same keep their ids.
    const written = await writeQuestion(
      tx,
      {
        questionId: found.get(q.id) ?? null,
        externalId: packQuestionKey(courseId, q.id),
        categoryId: category.categoryId,
      },
      {
        type: q.type,
        competencyId: competencyIds.get(q.competency)!,
        level: q.level,
        text: q.text,
        points: q.points ?? 1,
        feedback: q.feedback ?? null,
        options: (q.options ?? []).map((o) => ({
          text: o.text,
          correct: o.correct,
          feedback: o.feedback ?? null,
        })),
        acceptedAnswers: q.answers ?? [],
        numericAnswer: q.answer ?? null,
        tolerance: q.tolerance ?? null,
      },
    )
    questionIds.set(q.id, written.questionId)
    if (written.created) versionsCreated++
  }
  await tx.question.updateMany({
    where: {
      categoryId: { in: [...categories.values()].map((c) => c.categoryId) },
      archivedAt: null,
      id: { notIn: [...questionIds.values()] },
    },
    data: { archivedAt: new Date() },
  })
  return { categories, questionIds, versionsCreated }
}

const slotKey = (s: {
  position: number
  categoryId: string | null
  questionId: string | null
  drawCount: number
}) => [s.position, s.categoryId, s.questionId, s.drawCount]

/** The quiz's slots, as the pack's `slots` say, or by the shorthand; null: no bank to draw. */
function packSlots(
  l: Extract<ParsedPack['course']['modules'][number]['lessons'][number], { kind: 'QUIZ' }>,
  title: string,
  bank: Awaited<ReturnType<typeof upsertQuestions>>,
) {
  if (l.slots)
    return l.slots.map((s, position) =>
      'category' in s
        ? {
            position,
            categoryId: bank.categories.get(s.category)!.categoryId,
            questionId: null,
            drawCount: s.draw,
          }
        : {
            position,
            categoryId: null,
            questionId: bank.questionIds.get(s.question)!,
            drawCount: 1,
          },
    )
  const category = bank.categories.get(conventionCategory(title, l.questions))
  if (!category) return null
  return [
    {
      position: 0,
      categoryId: category.categoryId,
      questionId: null,
      drawCount: Math.min(l.draw ?? 10, category.size),
    },
  ]
}

/** Writes a parsed pack (one transaction) and publishes it when its content changed. */
export async function importPack(pack: ParsedPack, mediaDir: string) {
  // The questions' images first (content-addressed, create-once): restoring one that is there
  // already changes nothing, and a pack whose course is otherwise unchanged still brings them.
  for (const [name, bytes] of pack.images) await mediaStorage().putOnce(bankImageKey(name)!, bytes)
  // A pack unchanged since its current published version writes nothing: re-running the import
  // (every `npm run demo` does) must not undo what instructors changed in the portal since.
  const current = await prisma.course.findUnique({
    where: { slug: pack.course.slug },
    select: {
      id: true,
      status: true,
      currentVersion: { select: { version: true, contentHash: true } },
    },
  })
  // The same pack imported before, then edited in the studio (whose versions carry a "studio:"
  // hash): the studio's work stays until the pack itself changes (docs/decisions/055).
  const importedBefore =
    current?.status === 'PUBLISHED' &&
    current.currentVersion?.contentHash !== pack.hash &&
    (await prisma.courseVersion.count({
      where: { courseId: current.id, contentHash: pack.hash },
    })) > 0 &&
    current.currentVersion?.contentHash?.startsWith('studio:')
  if (importedBefore)
    return {
      courseId: current.id,
      slug: pack.course.slug,
      published: false,
      version: current.currentVersion!.version,
      questionVersions: 0,
    }
  if (current?.status === 'PUBLISHED' && current.currentVersion?.contentHash === pack.hash) {
    return {
      courseId: current.id,
      slug: pack.course.slug,
      published: false,
      version: current.currentVersion.version,
      questionVersions: 0,
    }
  }
  const competencies = await prisma.competency.findMany({ select: { id: true, code: true } })
  const competencyIds = new Map(competencies.map((c) => [c.code, c.id]))
  const { course } = pack
  // Videos first (files on disk, rows keyed by their content hash): re-running is harmless.
  const videoIds = new Map<string, string>()
  for (const [lessonSlug, file] of pack.videos) {
    const lesson = course.modules.flatMap((m) => m.lessons).find((l) => l.slug === lessonSlug)!
    videoIds.set(
      lessonSlug,
      await storeLocalVideo(file, mediaDir, {
        title: lesson.title,
        durationSec: lesson.kind === 'VIDEO' ? lesson.durationSeconds : undefined,
      }),
    )
  }

  const { courseId, questionVersions } = await prisma.$transaction(
    async (tx) => {
      const data = {
        title: course.title,
        summary: course.summary,
        area: course.area,
        jp: course.jp,
        passMark: course.passMark,
      }
      const row = await tx.course.upsert({
        where: { slug: course.slug },
        create: { slug: course.slug, ...data },
        update: data,
        select: { id: true },
      })
      await tx.courseCompetency.deleteMany({ where: { courseId: row.id } })
      await tx.courseCompetency.createMany({
        data: course.competencies.map((c) => ({
          courseId: row.id,
          competencyId: competencyIds.get(c.code)!,
          level: c.level,
        })),
      })

      // Keep lesson ids stable by slug (progress refers to them); park positions to reorder freely.
      const existing = await tx.lesson.findMany({
        where: { module: { courseId: row.id } },
        select: { id: true, slug: true },
      })
      const bySlug = new Map(existing.map((l) => [l.slug, l.id]))
      await tx.lesson.updateMany({
        where: { module: { courseId: row.id } },
        data: { position: { increment: 100_000 } },
      })
      await tx.module.updateMany({
        where: { courseId: row.id },
        data: { position: { increment: 100_000 } },
      })
      const modules = await tx.module.findMany({
        where: { courseId: row.id, archivedAt: null },
        orderBy: { position: 'asc' },
        select: { id: true },
      })
      const keep = new Set<string>()
      const keepModules = new Set<string>()
      // Questions into their categories: each question's own, else the shorthand's (the pack's
      // bank, or its essays, drawn by the optional essay assignment: decisions 058, 065).
      const bank = await upsertQuestions(tx, row.id, course.title, pack.questions, competencyIds)

      for (const [mi, m] of course.modules.entries()) {
        const moduleId =
          modules[mi]?.id ??
          (
            await tx.module.create({
              data: { courseId: row.id, position: mi, title: m.title },
              select: { id: true },
            })
          ).id
        await tx.module.update({
          where: { id: moduleId },
          data: { position: mi, title: m.title, archivedAt: null },
        })
        keepModules.add(moduleId)
        for (const [li, l] of m.lessons.entries()) {
          const content = pack.lessons.get(l.slug)
          const lessonData = {
            moduleId,
            position: li,
            title: l.title,
            kind: l.kind,
            required: l.required,
            minutes: l.minutes,
            contentJson: (content?.json ?? undefined) as Prisma.InputJsonValue | undefined,
            contentHtml: content?.html ?? null,
            videoId: videoIds.get(l.slug) ?? null,
            archivedAt: null,
          }
          const id = bySlug.get(l.slug)
          const lessonId = id
            ? (await tx.lesson.update({ where: { id }, data: lessonData, select: { id: true } })).id
            : (
                await tx.lesson.create({
                  data: { slug: l.slug, ...lessonData },
                  select: { id: true },
                })
              ).id
          keep.add(lessonId)
          const slots = l.kind === 'QUIZ' ? packSlots(l, course.title, bank) : null
          if (l.kind === 'QUIZ' && slots) {
            // The pack sets up a new quiz; once it exists, its settings belong to the authoring
            // page (/authoring/quizzes/:id) and a changed pack leaves them (decision 008). What it
            // draws follows the pack's `slots` when it lists them (decision 065); by the shorthand,
            // only when the quiz no longer draws from the pack's category at all.
            const quiz = await tx.quiz.findUnique({
              where: { lessonId },
              select: {
                id: true,
                slots: {
                  orderBy: { position: 'asc' },
                  select: { position: true, categoryId: true, questionId: true, drawCount: true },
                },
              },
            })
            if (!quiz) {
              await tx.quiz.create({
                data: {
                  lessonId,
                  passMark: course.passMark,
                  attemptsAllowed: l.attemptsAllowed ?? 3,
                  gradingMethod: l.gradingMethod ?? 'HIGHEST',
                  timeLimitSec: (l.timeLimitMinutes ?? 20) * 60,
                  slots: { createMany: { data: slots } },
                },
              })
            } else if (
              l.slots
                ? JSON.stringify(quiz.slots.map(slotKey)) !== JSON.stringify(slots.map(slotKey))
                : !quiz.slots.some((s) => s.categoryId === slots[0]!.categoryId)
            ) {
              await tx.quizSlot.deleteMany({ where: { quizId: quiz.id } })
              await tx.quizSlot.createMany({ data: slots.map((s) => ({ quizId: quiz.id, ...s })) })
            }
          }
        }
      }
      // Lessons and modules that left the pack are archived, never deleted: a quiz's attempts
      // (and through them evidence, ratings and JP) point to them.
      const archivedAt = new Date()
      await tx.lesson.updateMany({
        where: { module: { courseId: row.id }, id: { notIn: [...keep] }, archivedAt: null },
        data: { archivedAt },
      })
      await tx.module.updateMany({
        where: { courseId: row.id, id: { notIn: [...keepModules] }, archivedAt: null },
        data: { archivedAt },
      })
      return { courseId: row.id, questionVersions: bank.versionsCreated }
    },
    { timeout: 60_000 },
  )
  // Publish only when the draft now differs from the current version, as the studio decides
  // (decision 065): an exported pack imported unchanged writes different bytes, not a new course.
  if (current?.status === 'PUBLISHED' && current.currentVersion) {
    const preview = await publishPreview(courseId)
    if (preview.empty)
      return {
        courseId,
        slug: course.slug,
        published: false,
        version: current.currentVersion.version,
        questionVersions,
      }
  }
  const published = await publishCourse(courseId, { contentHash: pack.hash })
  return {
    courseId,
    slug: course.slug,
    published: published.created,
    version: published.version,
    questionVersions,
  }
}

/** Imports every pack under `root` (content/courses). Validates all packs before writing any. */
export async function importAllPacks(root: string, mediaDir: string) {
  const competencies = await prisma.competency.findMany({ select: { code: true } })
  const known = new Set(competencies.map((c) => c.code))
  const dirs = (await fs.readdir(root, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => path.join(root, d.name))
    .sort()
  const packs: ParsedPack[] = []
  for (const dir of dirs) packs.push(await parsePack(dir, known))
  const results = []
  for (const p of packs) results.push(await importPack(p, mediaDir))
  return results
}
