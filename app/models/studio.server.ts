// The course studio: instructors of a course (and admins) edit its working draft (metadata,
// modules, lessons, lesson documents) and publish it as a new immutable CourseVersion only when
// something changed. Every structural change runs in a transaction that first locks the course
// row, so two editors never interleave positions. Removing never deletes: archived modules and
// lessons stay, and the published LessonVersions learners' records point to are never touched.
import { createHash } from 'node:crypto'
import { diffCourse, type CourseDiff, type CourseSnapshot } from '~/domain/course-diff'
import type { BankDiff } from '~/domain/question-diff'
import { checkCourseJp } from '~/domain/jp'
import type { LessonKind, Prisma, ProgramArea, Role } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '~/utils/errors'
import { markdownToDoc } from '~/utils/markdown.server'
import { prepareLessonContent } from '~/utils/rich-text.server'
import { bankDraft } from './bank-draft.server'
import { activeOutline, PUBLISHED_LESSON, publishCourse } from './course.server'
import { teaches } from './course-instructor.server'
import { isCourseVideo } from './studio-media.server'

export interface StudioActor {
  id: string
  roles: Role[]
}

/** Largest lesson document accepted (JSON characters): far above a long lesson, far below abuse. */
export const MAX_DOC_CHARS = 300_000

export function slugify(text: string) {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/g, '') || 'kursus'
  )
}

/**
 * The course, when the actor may author it (studio, question bank, analysis): 404 when there is
 * none, 403 when they do not teach it.
 */
export async function requireTeaching(actor: StudioActor, courseId: string) {
  const course = await prisma.course.findUnique({
    where: { id: courseId },
    select: { id: true, title: true, slug: true },
  })
  if (!course) throw new NotFoundError('studio.courseNotFound')
  if (!(await teaches(actor, courseId))) throw new ForbiddenError('studio.notYourCourse')
  return course
}

/** The courses the actor teaches (admins: every course), as a filter. */
export function taughtBy(actor: StudioActor): Prisma.CourseWhereInput {
  return actor.roles.includes('ADMIN') ? {} : { instructors: { some: { userId: actor.id } } }
}

export async function studioCourses(actor: StudioActor) {
  return prisma.course.findMany({
    where: taughtBy(actor),
    orderBy: { title: 'asc' },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      area: true,
      jp: true,
      updatedAt: true,
      currentVersion: { select: { version: true, publishedAt: true } },
    },
  })
}

export interface CourseMeta {
  title: string
  summary: string
  area: ProgramArea
  jp: number
  passMark: number
}

/** A new draft course; its creator becomes its instructor. */
export async function createCourse(actor: StudioActor, meta: CourseMeta) {
  const base = slugify(meta.title)
  return prisma.$transaction(async (tx) => {
    const taken = new Set(
      (
        await tx.course.findMany({
          where: { slug: { startsWith: base } },
          select: { slug: true },
        })
      ).map((c) => c.slug),
    )
    let slug = base
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`
    const course = await tx.course.create({
      data: { slug, ...meta, status: 'DRAFT' },
      select: { id: true, slug: true },
    })
    await tx.courseInstructor.create({
      data: { courseId: course.id, userId: actor.id, assignedBy: actor.id },
    })
    return course
  })
}

/** Runs `fn` with the course row locked: structural edits of one course never interleave. */
async function withCourseLock<T>(
  courseId: string,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
) {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Course" WHERE id = ${courseId} FOR UPDATE`
      const result = await fn(tx)
      await tx.course.update({ where: { id: courseId }, data: { updatedAt: new Date() } })
      return result
    },
    { maxWait: 10_000, timeout: 20_000 },
  )
}

export async function updateCourseMeta(courseId: string, meta: CourseMeta) {
  await prisma.course.update({ where: { id: courseId }, data: meta })
}

export async function setCourseCompetency(courseId: string, code: string, level: number) {
  const competency = await prisma.competency.findUnique({ where: { code }, select: { id: true } })
  if (!competency)
    throw new InvalidError('studio.unknownCompetency', {
      params: { code },
      field: 'code',
    })
  await prisma.courseCompetency.upsert({
    where: { courseId_competencyId: { courseId, competencyId: competency.id } },
    create: { courseId, competencyId: competency.id, level },
    update: { level },
  })
}

export async function removeCourseCompetency(courseId: string, code: string) {
  await prisma.courseCompetency.deleteMany({ where: { courseId, competency: { code } } })
}

/** The working draft: metadata, competencies, active modules and lessons in order. */
export async function workingCourse(courseId: string) {
  return prisma.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      area: true,
      jp: true,
      passMark: true,
      status: true,
      updatedAt: true,
      currentVersion: { select: { version: true, publishedAt: true } },
      competencies: {
        orderBy: { competency: { code: 'asc' } },
        select: { level: true, competency: { select: { code: true, name: true } } },
      },
      modules: activeOutline(
        { id: true, title: true, position: true },
        {
          id: true,
          slug: true,
          title: true,
          kind: true,
          minutes: true,
          required: true,
          videoId: true,
          quiz: { select: { id: true } },
        },
      ),
    },
  })
}

async function activeModule(tx: Prisma.TransactionClient, courseId: string, moduleId: string) {
  const m = await tx.module.findFirst({
    where: { id: moduleId, courseId, archivedAt: null },
    select: { id: true, position: true },
  })
  if (!m) throw new NotFoundError('studio.moduleNotFound')
  return m
}

async function activeLesson(tx: Prisma.TransactionClient, courseId: string, lessonId: string) {
  const l = await tx.lesson.findFirst({
    where: { id: lessonId, archivedAt: null, module: { courseId, archivedAt: null } },
    select: { id: true, position: true, moduleId: true, kind: true },
  })
  if (!l) throw new NotFoundError('studio.lessonNotFound')
  return l
}

/** A position no active row uses, for archived rows and for the middle step of a swap. */
async function parkingPosition(
  tx: Prisma.TransactionClient,
  table: 'Module' | 'Lesson',
  where: { courseId?: string; moduleId?: string },
) {
  const rows =
    table === 'Module'
      ? await tx.module.aggregate({ where: { courseId: where.courseId }, _min: { position: true } })
      : await tx.lesson.aggregate({ where: { moduleId: where.moduleId }, _min: { position: true } })
  return Math.min(rows._min.position ?? 0, 0) - 1
}

export async function addModule(courseId: string, title: string) {
  return withCourseLock(courseId, async (tx) => {
    const last = await tx.module.aggregate({
      where: { courseId, archivedAt: null },
      _max: { position: true },
    })
    const position = Math.max(last._max.position ?? -1, -1) + 1
    // An archived module may sit at a position ≥ 0 (content packs park them there): skip past it.
    const clash = await tx.module.aggregate({ where: { courseId }, _max: { position: true } })
    return tx.module.create({
      data: { courseId, title, position: Math.max(position, (clash._max.position ?? -1) + 1) },
      select: { id: true },
    })
  })
}

export async function renameModule(courseId: string, moduleId: string, title: string) {
  await withCourseLock(courseId, async (tx) => {
    await activeModule(tx, courseId, moduleId)
    await tx.module.update({ where: { id: moduleId }, data: { title } })
  })
}

export async function moveModule(courseId: string, moduleId: string, dir: 'up' | 'down') {
  await withCourseLock(courseId, async (tx) => {
    const m = await activeModule(tx, courseId, moduleId)
    const other = await tx.module.findFirst({
      where: {
        courseId,
        archivedAt: null,
        position: dir === 'up' ? { lt: m.position } : { gt: m.position },
      },
      orderBy: { position: dir === 'up' ? 'desc' : 'asc' },
      select: { id: true, position: true },
    })
    if (!other) return
    const park = await parkingPosition(tx, 'Module', { courseId })
    await tx.module.update({ where: { id: m.id }, data: { position: park } })
    await tx.module.update({ where: { id: other.id }, data: { position: m.position } })
    await tx.module.update({ where: { id: m.id }, data: { position: other.position } })
  })
}

/** Archives a module and its lessons; published versions keep them. */
export async function removeModule(courseId: string, moduleId: string) {
  await withCourseLock(courseId, async (tx) => {
    await activeModule(tx, courseId, moduleId)
    const now = new Date()
    const park = await parkingPosition(tx, 'Module', { courseId })
    await tx.module.update({ where: { id: moduleId }, data: { archivedAt: now, position: park } })
    await tx.lesson.updateMany({ where: { moduleId, archivedAt: null }, data: { archivedAt: now } })
  })
}

/**
 * Adds a lesson at the end of a module. A QUIZ lesson comes with its quiz (the course's pass mark,
 * the default settings, no questions yet): the question bank adds questions to it
 * (/authoring/bank) and /authoring/quizzes/:id holds its settings.
 */
export async function addLesson(
  courseId: string,
  moduleId: string,
  input: { title: string; kind: LessonKind },
) {
  return withCourseLock(courseId, async (tx) => {
    await activeModule(tx, courseId, moduleId)
    const base = slugify(input.title)
    const taken = new Set(
      (await tx.lesson.findMany({ where: { module: { courseId } }, select: { slug: true } })).map(
        (l) => l.slug,
      ),
    )
    let slug = base
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`
    const last = await tx.lesson.aggregate({ where: { moduleId }, _max: { position: true } })
    const empty = { type: 'doc', content: [{ type: 'paragraph' }] }
    const content = input.kind === 'QUIZ' ? null : prepareLessonContent(empty)
    const lesson = await tx.lesson.create({
      data: {
        moduleId,
        slug,
        title: input.title,
        kind: input.kind,
        position: Math.max(last._max.position ?? -1, -1) + 1,
        ...(content
          ? {
              contentJson: content.json as unknown as Prisma.InputJsonValue,
              contentHtml: content.html,
            }
          : {}),
      },
      select: { id: true, slug: true },
    })
    if (input.kind === 'QUIZ') {
      const { passMark } = await tx.course.findUniqueOrThrow({
        where: { id: courseId },
        select: { passMark: true },
      })
      await tx.quiz.create({ data: { lessonId: lesson.id, passMark } })
    }
    return lesson
  })
}

export async function moveLesson(courseId: string, lessonId: string, dir: 'up' | 'down') {
  await withCourseLock(courseId, async (tx) => {
    const l = await activeLesson(tx, courseId, lessonId)
    const other = await tx.lesson.findFirst({
      where: {
        moduleId: l.moduleId,
        archivedAt: null,
        position: dir === 'up' ? { lt: l.position } : { gt: l.position },
      },
      orderBy: { position: dir === 'up' ? 'desc' : 'asc' },
      select: { id: true, position: true },
    })
    if (!other) return
    const park = await parkingPosition(tx, 'Lesson', { moduleId: l.moduleId })
    await tx.lesson.update({ where: { id: l.id }, data: { position: park } })
    await tx.lesson.update({ where: { id: other.id }, data: { position: l.position } })
    await tx.lesson.update({ where: { id: l.id }, data: { position: other.position } })
  })
}

/** Archives a lesson: the next version leaves it out; earlier versions and progress keep it. */
export async function removeLesson(courseId: string, lessonId: string) {
  await withCourseLock(courseId, async (tx) => {
    const l = await activeLesson(tx, courseId, lessonId)
    const park = await parkingPosition(tx, 'Lesson', { moduleId: l.moduleId })
    await tx.lesson.update({
      where: { id: lessonId },
      data: { archivedAt: new Date(), position: park },
    })
  })
}

export async function lessonForEditing(courseId: string, lessonId: string) {
  const lesson = await prisma.lesson.findFirst({
    where: { id: lessonId, archivedAt: null, module: { courseId, archivedAt: null } },
    select: {
      id: true,
      slug: true,
      title: true,
      kind: true,
      minutes: true,
      required: true,
      videoId: true,
      contentJson: true,
      contentHtml: true,
      module: { select: { title: true } },
      quiz: { select: { id: true } },
    },
  })
  if (!lesson) throw new NotFoundError('studio.lessonNotFound')
  return lesson
}

export async function updateLessonSettings(
  courseId: string,
  lessonId: string,
  input: { title: string; minutes: number; required: boolean; videoId?: string | null },
) {
  if (input.videoId && !(await isCourseVideo(courseId, input.videoId)))
    throw new InvalidError('studio.videoNotOfCourse', { field: 'videoId' })
  await withCourseLock(courseId, async (tx) => {
    const l = await activeLesson(tx, courseId, lessonId)
    if (l.kind === 'VIDEO' && input.videoId === null)
      throw new InvalidError('studio.videoRequired', { field: 'videoId' })
    await tx.lesson.update({
      where: { id: lessonId },
      data: {
        title: input.title,
        minutes: input.minutes,
        required: input.required,
        ...(l.kind === 'VIDEO' && input.videoId !== undefined ? { videoId: input.videoId } : {}),
      },
    })
  })
}

/** Parses what the editor sent: Tiptap JSON (the editor) or pack Markdown (the no-JS form). */
export function parseLessonInput(input: { doc?: string; markdown?: string }) {
  let raw: unknown
  if (input.doc !== undefined) {
    if (input.doc.length > MAX_DOC_CHARS)
      throw new InvalidError('studio.docTooLarge', {
        params: { max: MAX_DOC_CHARS.toLocaleString('id-ID') },
      })
    try {
      raw = JSON.parse(input.doc)
    } catch {
      throw new InvalidError('studio.docNotJson')
    }
  } else if (input.markdown !== undefined) {
    if (input.markdown.length > MAX_DOC_CHARS)
      throw new InvalidError('studio.docTooLarge', {
        params: { max: MAX_DOC_CHARS.toLocaleString('id-ID') },
      })
    // Markdown outside the subset throws MarkdownError (a coded 400, `lessonDoc.markdown.*`).
    raw = markdownToDoc(input.markdown)
  } else throw new InvalidError('studio.docMissing')
  // Validated against the renderer's schema and the link rule (RichTextError, a coded 400,
  // `lessonDoc.*`: the editor shows the reason in the reader's language); rendered once, here.
  return prepareLessonContent(raw)
}

/** Saves a lesson's document (the draft); embedded videos must be the course's own. */
export async function saveLessonContent(
  courseId: string,
  lessonId: string,
  input: { doc?: string; markdown?: string },
) {
  const content = parseLessonInput(input)
  const videoIds = new Set<string>()
  const walk = (n: { type: string; attrs?: Record<string, unknown>; content?: unknown[] }) => {
    if (n.type === 'courseVideo') videoIds.add(String(n.attrs?.videoId))
    for (const c of (n.content ?? []) as (typeof n)[]) walk(c)
  }
  walk(content.json)
  for (const id of videoIds)
    if (!(await isCourseVideo(courseId, id))) throw new InvalidError('studio.videoNotOfCourse')
  return withCourseLock(courseId, async (tx) => {
    const l = await activeLesson(tx, courseId, lessonId)
    if (l.kind === 'QUIZ') throw new InvalidError('studio.notTextLesson')
    const saved = await tx.lesson.update({
      where: { id: lessonId },
      data: {
        contentJson: content.json as unknown as Prisma.InputJsonValue,
        contentHtml: content.html,
      },
      select: { id: true },
    })
    return { ...saved, savedAt: new Date() }
  })
}

async function snapshots(courseId: string) {
  const course = await prisma.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      title: true,
      summary: true,
      jp: true,
      passMark: true,
      currentVersion: {
        select: {
          title: true,
          summary: true,
          jp: true,
          passMark: true,
          lessons: {
            select: {
              lessonId: true,
              moduleTitle: true,
              modulePosition: true,
              ...PUBLISHED_LESSON,
            },
          },
        },
      },
      modules: activeOutline({ title: true, position: true }, { id: true, ...PUBLISHED_LESSON }),
    },
  })
  const draft: CourseSnapshot = {
    title: course.title,
    summary: course.summary,
    jp: course.jp,
    passMark: course.passMark,
    lessons: course.modules.flatMap((m) =>
      m.lessons.map(({ id, ...l }) => ({
        lessonId: id,
        ...l,
        moduleTitle: m.title,
        modulePosition: m.position,
      })),
    ),
  }
  const cv = course.currentVersion
  const published: CourseSnapshot | null = cv ? { ...cv, lessons: cv.lessons } : null
  return { published, draft }
}

/** What publishing now would change, and a token naming exactly this draft. */
export async function publishPreview(
  courseId: string,
): Promise<CourseDiff & { questions: BankDiff; token: string }> {
  const { diff, token } = await reviewDraft(courseId)
  return { ...diff, token }
}

/**
 * The course's draft against its published version: lessons and metadata (diffCourse) and the
 * question bank (decision 111). Empty only when neither changed.
 */
async function reviewDraft(courseId: string) {
  const [{ published, draft }, bank] = await Promise.all([snapshots(courseId), bankDraft(courseId)])
  const lessons = diffCourse(published, draft)
  const diff = {
    ...lessons,
    questions: bank.diff,
    empty: lessons.empty && bank.diff.empty,
  }
  const token = createHash('sha256')
    .update(JSON.stringify([draft, bank.state]))
    .digest('hex')
    .slice(0, 32)
  return { diff, token, draft }
}

/** The draft's declared JP against its required lessons' minutes (decision 066). */
function jpCheckOf(draft: CourseSnapshot) {
  return checkCourseJp(draft.jp, draft.lessons, env.JP_MINUTES)
}

/** The parameters of the `studio.jpMismatch` message (and the studio's JP hint). */
function jpMessageParams(jp: Exclude<ReturnType<typeof checkCourseJp>, { ok: true }>) {
  return {
    jp: jp.jp,
    minutes: jp.minutes,
    expected: jp.expected,
    perJp: jp.perJp,
    from: jp.minutesFor[0],
    to: jp.minutesFor[1],
  }
}

/**
 * The course's JP as its content justifies it, for the course page and the review page: the
 * required lessons' minutes, the JP they are worth, and whether the declared JP is that. The same
 * rule refuses a publish and a pack's import (checkCourseJp).
 */
export async function courseJp(courseId: string) {
  const { draft } = await snapshots(courseId)
  const check = jpCheckOf(draft)
  return check.ok
    ? { ok: true as const, jp: check.jp, minutes: check.minutes, perJp: check.perJp }
    : { ok: false as const, ...jpMessageParams(check) }
}

/**
 * Publishes the draft the instructor reviewed (`token` from publishPreview): nothing when nothing
 * changed; a 409 when the draft changed after the review (review again).
 */
export async function publishFromStudio(courseId: string, token: string) {
  const { diff: preview, token: current, draft } = await reviewDraft(courseId)
  if (preview.empty) return { created: false as const }
  if (current !== token) throw new ConflictError('studio.changedSinceReview')
  const empty = await quizzesWithoutQuestions(courseId)
  if (empty.length)
    throw new InvalidError('studio.quizWithoutQuestions', { params: { title: empty.join(', ') } })
  const jp = jpCheckOf(draft)
  if (!jp.ok) throw new InvalidError('studio.jpMismatch', { params: jpMessageParams(jp) })
  try {
    const result = await publishCourse(courseId, { contentHash: `studio:${token}` })
    return { created: result.created, version: result.version }
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002' || (e as { code?: string }).code === 'P2034')
      throw new ConflictError('studio.publishRace')
    throw e
  }
}

/** Titles of the course's active quiz lessons that would draw no question: not publishable. */
export async function quizzesWithoutQuestions(courseId: string) {
  const lessons = await prisma.lesson.findMany({
    where: {
      kind: 'QUIZ',
      archivedAt: null,
      module: { courseId, archivedAt: null },
      OR: [{ quiz: null }, { quiz: { slots: { none: {} } } }],
    },
    orderBy: [{ module: { position: 'asc' } }, { position: 'asc' }],
    select: { title: true },
  })
  return lessons.map((l) => l.title)
}

/** The draft as a learner would see it, for the preview page. */
export async function previewLessons(courseId: string) {
  const { draft } = await snapshots(courseId)
  return draft.lessons
}

/**
 * What a quiz lesson of the draft asks, as a learner would see it (the preview page): each slot
 * with the questions it draws from (a fixed question, or a category's active questions, of which
 * it draws `drawCount`), in their current version. Text, type and option texts only: never the
 * answer key (correct options, accepted answers, the numeric answer) nor any feedback.
 */
export async function previewQuiz(courseId: string, lessonId: string) {
  const version = {
    select: {
      type: true,
      text: true,
      optionIds: true,
      question: { select: { options: { select: { id: true, text: true } } } },
    },
  } as const
  const quiz = await prisma.quiz.findFirst({
    where: { lessonId, lesson: { archivedAt: null, module: { courseId, archivedAt: null } } },
    select: {
      slots: {
        orderBy: { position: 'asc' },
        select: {
          drawCount: true,
          question: { select: { archivedAt: true, currentVersion: version } },
          category: {
            select: {
              name: true,
              questions: {
                where: { archivedAt: null },
                orderBy: { createdAt: 'asc' },
                select: { currentVersion: version },
              },
            },
          },
        },
      },
    },
  })
  if (!quiz) return null
  type Version = {
    type: string
    text: string
    optionIds: string[]
    question: { options: { id: string; text: string }[] }
  }
  const shown = (v: Version) => {
    const text = new Map(v.question.options.map((o) => [o.id, o.text]))
    return { type: v.type, text: v.text, options: v.optionIds.map((id) => text.get(id) ?? '') }
  }
  return quiz.slots.map((s) => {
    const versions = s.category
      ? s.category.questions.flatMap((q) => (q.currentVersion ? [q.currentVersion] : []))
      : s.question?.currentVersion && !s.question.archivedAt
        ? [s.question.currentVersion]
        : []
    return {
      category: s.category?.name ?? null,
      draw: s.category ? Math.min(s.drawCount, versions.length) : versions.length,
      questions: versions.map(shown),
    }
  })
}
