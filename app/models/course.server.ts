// Courses: publishing versions, the catalogue, enrolment, progress and completion.
import { randomUUID } from 'node:crypto'
import {
  Prisma,
  type CourseStatus,
  type EnrolmentStatus,
  type ProgramArea,
} from '~/generated/prisma/client'
import { jpYear } from '~/domain/jp'
import { judgeConfirmation, judgeProgress } from '~/domain/video-progress'
import { prisma, sql } from '~/utils/db.server'
import { completionFollowUps } from '~/jobs/completion-follow-ups.server'
import { OUTBOX_TABLE, relaySoon, type RecordedJob } from '~/jobs/outbox.server'
import { immutableCache } from '~/utils/memo.server'
import { quizzesPassed } from './quiz.server'
import {
  AppError,
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
} from '~/utils/errors'

/** What a LessonVersion copies from the draft lesson (the studio's diff compares the same). */
export const PUBLISHED_LESSON = {
  slug: true,
  title: true,
  kind: true,
  required: true,
  minutes: true,
  contentHtml: true,
  videoId: true,
  position: true,
} as const satisfies Prisma.LessonSelect

/**
 * The working structure in outline order: the course's active modules, each with its active
 * lessons (archived ones stay in the database for the records that point to them).
 */
export function activeOutline<M extends Prisma.ModuleSelect, L extends Prisma.LessonSelect>(
  module: M,
  lesson: L,
) {
  return {
    where: { archivedAt: null },
    orderBy: { position: 'asc' as const },
    select: {
      ...module,
      lessons: {
        where: { archivedAt: null },
        orderBy: { position: 'asc' as const },
        select: lesson,
      },
    },
  }
}

/**
 * Snapshots the working structure into a new CourseVersion (lessons with their rendered HTML and
 * text), indexes it for search and makes it current. With `contentHash` equal to the current
 * version's, nothing new is published.
 */
/**
 * The course's question bank as learners draw it becomes its draft (decision 111): each question's
 * current version is published, and a question archived in the draft stops being drawn.
 */
export async function publishQuestions(tx: Prisma.TransactionClient, courseId: string) {
  await tx.$executeRaw`
    UPDATE "Question" q SET "publishedVersionId" =
      CASE WHEN q."archivedAt" IS NULL THEN q."currentVersionId" ELSE NULL END
    FROM "QuestionCategory" c
    WHERE q."categoryId" = c.id AND c."courseId" = ${courseId}
      AND q."publishedVersionId" IS DISTINCT FROM
        (CASE WHEN q."archivedAt" IS NULL THEN q."currentVersionId" ELSE NULL END)`
}

export async function publishCourse(courseId: string, opts: { contentHash?: string } = {}) {
  return prisma.$transaction(
    async (tx) => {
      const course = await tx.course.findUniqueOrThrow({
        where: { id: courseId },
        select: {
          id: true,
          title: true,
          summary: true,
          jp: true,
          passMark: true,
          status: true,
          currentVersion: { select: { id: true, version: true, contentHash: true } },
          modules: activeOutline(
            { title: true, position: true },
            { id: true, ...PUBLISHED_LESSON, contentJson: true },
          ),
        },
      })
      if (
        opts.contentHash &&
        course.currentVersion?.contentHash === opts.contentHash &&
        course.status === 'PUBLISHED'
      ) {
        return {
          created: false,
          version: course.currentVersion.version,
          versionId: course.currentVersion.id,
        }
      }
      const lessons = course.modules.flatMap((m) => m.lessons)
      if (lessons.length === 0) throw new InvalidError('studio.noLessons')
      const last = await tx.courseVersion.aggregate({
        where: { courseId },
        _max: { version: true },
      })
      const version = (last._max.version ?? 0) + 1
      const v = await tx.courseVersion.create({
        data: {
          courseId,
          version,
          title: course.title,
          summary: course.summary,
          jp: course.jp,
          passMark: course.passMark,
          contentHash: opts.contentHash ?? null,
        },
        select: { id: true },
      })
      const { docPlainText } = await import('~/utils/rich-text.server')
      await tx.lessonVersion.createMany({
        data: course.modules.flatMap((m) =>
          m.lessons.map((l) => ({
            courseVersionId: v.id,
            lessonId: l.id,
            moduleTitle: m.title,
            modulePosition: m.position,
            position: l.position,
            slug: l.slug,
            title: l.title,
            kind: l.kind,
            required: l.required,
            minutes: l.minutes,
            contentHtml: l.contentHtml,
            plainText: l.contentJson ? docPlainText(l.contentJson as never) : null,
            videoId: l.videoId,
          })),
        ),
      })
      await tx.$executeRaw`
        UPDATE "CourseVersion" SET search =
          setweight(to_tsvector('indonesian', title), 'A') ||
          setweight(to_tsvector('indonesian', summary), 'B') ||
          setweight(to_tsvector('indonesian', coalesce((
            SELECT string_agg(lv.title || ' ' || coalesce(lv."plainText", ''), ' ')
            FROM "LessonVersion" lv WHERE lv."courseVersionId" = ${v.id}), '')), 'C')
        WHERE id = ${v.id}`
      await publishQuestions(tx, courseId)
      await tx.course.update({
        where: { id: courseId },
        data: { currentVersionId: v.id, status: 'PUBLISHED' },
      })
      return { created: true, version, versionId: v.id }
    },
    { timeout: 30_000 },
  )
}

export interface CatalogueFilter {
  q?: string
  area?: ProgramArea
  competency?: string
  maxJp?: number
}

export async function catalogue(userId: string, f: CatalogueFilter) {
  // One statement through `sql` (was: the search, an ORM read with two nested relations and the
  // progress query; decision 073). Search results by rank, then by title, like the rest.
  const q = f.q?.trim() ? f.q : null
  const rows = await sql<{
    id: string
    slug: string
    title: string
    summary: string
    area: ProgramArea
    jp: number
    competencies: { level: number; competency: { code: string; name: string } }[]
    enrolment_status: EnrolmentStatus | null
    done: number | null
    total: number | null
  }>(
    Prisma.sql`
    SELECT c.id, c.slug, c.title, c.summary, c.area::text AS area, c.jp,
      COALESCE((SELECT json_agg(json_build_object('level', cc.level,
          'competency', json_build_object('code', k.code, 'name', k.name)) ORDER BY k.code)
        FROM "CourseCompetency" cc JOIN "Competency" k ON k.id = cc."competencyId"
        WHERE cc."courseId" = c.id), '[]'::json) AS competencies,
      e.status::text AS enrolment_status, pr.done, pr.total
    FROM "Course" c
    LEFT JOIN "CourseVersion" v ON v.id = c."currentVersionId"
    LEFT JOIN "Enrolment" e ON e."courseId" = c.id AND e."userId" = ${userId}
    LEFT JOIN LATERAL (
      SELECT count(lv.id) FILTER (WHERE lp."completedAt" IS NOT NULL)::int AS done, count(lv.id)::int AS total
      FROM "LessonVersion" lv
      LEFT JOIN "LessonProgress" lp ON lp."enrolmentId" = e.id AND lp."lessonId" = lv."lessonId"
      WHERE lv."courseVersionId" = e."courseVersionId" AND lv.required
    ) pr ON e.id IS NOT NULL
    WHERE c.status = 'PUBLISHED'
      AND (${q}::text IS NULL OR v.search @@ websearch_to_tsquery('indonesian', ${q}::text))
      AND (${f.area ?? null}::text IS NULL OR c.area::text = ${f.area ?? null}::text)
      AND (${f.competency ?? null}::text IS NULL OR EXISTS (
        SELECT 1 FROM "CourseCompetency" cc JOIN "Competency" k ON k.id = cc."competencyId"
        WHERE cc."courseId" = c.id AND k.code = ${f.competency ?? null}::text))
      AND (${f.maxJp ?? null}::int IS NULL OR c.jp <= ${f.maxJp ?? null}::int)
    ORDER BY CASE WHEN ${q}::text IS NULL THEN 0
                  ELSE ts_rank(v.search, websearch_to_tsquery('indonesian', ${q}::text)) END DESC,
             c.title ASC`,
    { prepare: true },
  )
  return rows.map(({ enrolment_status, done, total, ...c }) => ({
    ...c,
    enrolment: enrolment_status
      ? { status: enrolment_status, percent: total ? Math.round(((done ?? 0) / total) * 100) : 0 }
      : null,
  }))
}

export async function findPublishedCourse(slug: string) {
  const course = await prisma.course.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      area: true,
      jp: true,
      status: true,
      currentVersionId: true,
      competencies: { select: { level: true, competency: { select: { code: true, name: true } } } },
    },
  })
  if (!course || course.status !== 'PUBLISHED' || !course.currentVersionId) return null
  return course as typeof course & { currentVersionId: string }
}

export function getEnrolment(userId: string, courseId: string) {
  return prisma.enrolment.findUnique({ where: { userId_courseId: { userId, courseId } } })
}

export async function enrol(
  userId: string,
  courseSlug: string,
  source: 'SELF' | 'ASSIGNED' | 'PROGRAM' = 'SELF',
) {
  const course = await findPublishedCourse(courseSlug)
  if (!course) throw new NotFoundError('course.notFound')
  const existing = await getEnrolment(userId, course.id)
  if (existing) {
    if (existing.status === 'WITHDRAWN') {
      return prisma.enrolment.update({
        where: { id: existing.id },
        data: { status: 'ACTIVE', courseVersionId: course.currentVersionId },
      })
    }
    return existing
  }
  return prisma.enrolment.upsert({
    where: { userId_courseId: { userId, courseId: course.id } },
    create: { userId, courseId: course.id, courseVersionId: course.currentVersionId, source },
    update: {},
  })
}

export type LessonState = 'done' | 'in-progress' | 'todo'

// Published versions never change (docs/decisions/070-where-page-time-goes.md): their outline and
// lesson bodies are read once per process and kept by version id. The course row, the enrolment
// and the progress are read per request, in two raw queries (the ORM's per-query cost dominated
// these pages).
const versionOutline = immutableCache(500, (versionId: string) =>
  prisma.courseVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      id: true,
      version: true,
      title: true,
      jp: true,
      lessons: {
        orderBy: [{ modulePosition: 'asc' }, { position: 'asc' }],
        select: {
          lessonId: true,
          slug: true,
          title: true,
          kind: true,
          required: true,
          minutes: true,
          moduleTitle: true,
          modulePosition: true,
          videoId: true,
        },
      },
    },
  }),
)

const lessonBody = immutableCache(2000, (key: string) => {
  const [courseVersionId, slug] = JSON.parse(key) as [string, string]
  return prisma.lessonVersion.findUnique({
    where: { courseVersionId_slug: { courseVersionId, slug } },
    select: {
      lessonId: true,
      slug: true,
      title: true,
      kind: true,
      contentHtml: true,
      videoId: true,
      moduleTitle: true,
      required: true,
    },
  })
})

interface CourseRow {
  id: string
  slug: string
  title: string
  summary: string
  area: ProgramArea
  jp: number
  status: CourseStatus
  currentVersionId: string | null
  competencies: { level: number; competency: { code: string; name: string } }[]
  enrolment_id: string | null
  enrolment_status: EnrolmentStatus | null
  enrolment_completed_at: Date | null
  enrolment_version_id: string | null
  /** [lessonId, completedAt (ISO, UTC) or null, watchedShare, videoPositionSec] per progress row. */
  progress: [string, string | null, number, number][]
}

/**
 * The course (published), the learner's enrolment and progress: what a page reads per request, in
 * one statement through `sql` (pg directly; decision 073: the ORM's per-statement cost was most
 * of the page's time once the published version came from memory).
 */
async function learnerCourseState(courseSlug: string, userId: string) {
  const [r] = await sql<CourseRow>(
    Prisma.sql`
    SELECT c.id, c.slug, c.title, c.summary, c.area::text AS area, c.jp, c.status::text AS status,
      c."currentVersionId" AS "currentVersionId",
      COALESCE((SELECT json_agg(json_build_object('level', cc.level,
          'competency', json_build_object('code', k.code, 'name', k.name)) ORDER BY k.code)
        FROM "CourseCompetency" cc JOIN "Competency" k ON k.id = cc."competencyId"
        WHERE cc."courseId" = c.id), '[]'::json) AS competencies,
      e.id AS enrolment_id, e.status::text AS enrolment_status,
      e."completedAt" AS enrolment_completed_at, e."courseVersionId" AS enrolment_version_id,
      COALESCE((SELECT json_agg(json_build_array(p."lessonId",
          to_char(p."completedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), p."watchedShare", p."videoPositionSec"))
        FROM "LessonProgress" p WHERE p."enrolmentId" = e.id), '[]'::json) AS progress
    FROM "Course" c
    LEFT JOIN "Enrolment" e ON e."courseId" = c.id AND e."userId" = ${userId}
    WHERE c.slug = ${courseSlug}`,
    { prepare: true },
  )
  if (!r || r.status !== 'PUBLISHED' || !r.currentVersionId) return null
  const enrolment = r.enrolment_id
    ? {
        id: r.enrolment_id,
        status: r.enrolment_status!,
        completedAt: r.enrolment_completed_at,
        courseVersionId: r.enrolment_version_id!,
      }
    : null
  const progress = enrolment
    ? r.progress.map(([lessonId, completedAt, watchedShare, videoPositionSec]) => ({
        lessonId,
        completedAt: completedAt ? new Date(completedAt) : null,
        watchedShare,
        videoPositionSec,
      }))
    : []
  const course = {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    area: r.area,
    jp: r.jp,
    status: r.status,
    currentVersionId: r.currentVersionId,
    competencies: r.competencies,
  }
  return { course, enrolment, progress }
}

/** The outline of the version a learner sees (their enrolment's, or the current one). */
export async function courseOutline(courseSlug: string, userId: string) {
  return (await outlineWithProgress(courseSlug, userId))?.outline ?? null
}

async function outlineWithProgress(courseSlug: string, userId: string) {
  const state = await learnerCourseState(courseSlug, userId)
  if (!state) return null
  const { course, enrolment, progress } = state
  const version = await versionOutline(enrolment?.courseVersionId ?? course.currentVersionId)
  const byLesson = new Map(progress.map((p) => [p.lessonId, p]))
  const lessons = version.lessons.map((l) => {
    const p = byLesson.get(l.lessonId)
    const state: LessonState = p?.completedAt ? 'done' : p ? 'in-progress' : 'todo'
    return { ...l, state }
  })
  const required = lessons.filter((l) => l.required)
  const done = required.filter((l) => l.state === 'done').length
  const outline = {
    course,
    version: { id: version.id, number: version.version, jp: version.jp },
    enrolment: enrolment
      ? { id: enrolment.id, status: enrolment.status, completedAt: enrolment.completedAt }
      : null,
    lessons,
    percent: required.length ? Math.round((done / required.length) * 100) : 0,
    nextLesson: lessons.find((l) => l.state !== 'done') ?? null,
  }
  return { outline, byLesson }
}

export async function lessonForLearner(courseSlug: string, lessonSlug: string, userId: string) {
  const found = await outlineWithProgress(courseSlug, userId)
  if (!found) return null
  const { outline, byLesson } = found
  const index = outline.lessons.findIndex((l) => l.slug === lessonSlug)
  if (index < 0) return null
  const lesson = await lessonBody(JSON.stringify([outline.version.id, lessonSlug]))
  if (!lesson) return null
  const progress = outline.enrolment ? byLesson.get(lesson.lessonId) : undefined
  return {
    outline,
    lesson,
    progress: progress
      ? {
          completedAt: progress.completedAt,
          positionSec: progress.videoPositionSec,
          watchedShare: progress.watchedShare,
        }
      : null,
    prev: outline.lessons[index - 1] ?? null,
    next: outline.lessons[index + 1] ?? null,
  }
}

async function activeEnrolmentFor(userId: string, courseSlug: string, lessonSlug: string) {
  const course = await findPublishedCourse(courseSlug)
  if (!course) throw new NotFoundError('course.notFound')
  const enrolment = await getEnrolment(userId, course.id)
  if (!enrolment || enrolment.status === 'WITHDRAWN') throw new ForbiddenError('course.notEnrolled')
  const lesson = await prisma.lessonVersion.findUnique({
    where: {
      courseVersionId_slug: { courseVersionId: enrolment.courseVersionId, slug: lessonSlug },
    },
    select: { lessonId: true, kind: true, videoId: true },
  })
  if (!lesson) throw new NotFoundError('lesson.notFound')
  return { enrolment, lesson }
}

/** Marks a text lesson done (idempotent) and completes the course when it was the last step. */
export async function markTextLessonDone(userId: string, courseSlug: string, lessonSlug: string) {
  const { enrolment, lesson } = await activeEnrolmentFor(userId, courseSlug, lessonSlug)
  if (lesson.kind !== 'TEXT') throw new InvalidError('lesson.notText')
  const key = { enrolmentId_lessonId: { enrolmentId: enrolment.id, lessonId: lesson.lessonId } }
  const existing = await prisma.lessonProgress.findUnique({
    where: key,
    select: { completedAt: true },
  })
  if (!existing?.completedAt) {
    const now = new Date()
    await prisma.lessonProgress.upsert({
      where: key,
      create: { enrolmentId: enrolment.id, lessonId: lesson.lessonId, completedAt: now },
      update: { completedAt: now },
    })
  }
  return maybeCompleteEnrolment(enrolment.id)
}

export { COMPLETE_SHARE as VIDEO_COMPLETE_SHARE } from '~/domain/video-progress'

async function videoLessonFor(userId: string, courseSlug: string, lessonSlug: string) {
  const { enrolment, lesson } = await activeEnrolmentFor(userId, courseSlug, lessonSlug)
  if (lesson.kind !== 'VIDEO' || !lesson.videoId) throw new InvalidError('lesson.notVideo')
  const video = await prisma.video.findUniqueOrThrow({
    where: { id: lesson.videoId },
    select: { durationSec: true },
  })
  const key = { enrolmentId_lessonId: { enrolmentId: enrolment.id, lessonId: lesson.lessonId } }
  return { enrolment, lesson, durationSec: video.durationSec, key }
}

/**
 * Notes when the learner opened a video lesson (the first time only): progress and the
 * no-JavaScript confirmation are judged against the time since then.
 */
export async function markVideoOpened(
  userId: string,
  courseSlug: string,
  lessonSlug: string,
  at = new Date(),
) {
  const { enrolment, lesson, key } = await videoLessonFor(userId, courseSlug, lessonSlug)
  await prisma.lessonProgress.upsert({
    where: key,
    create: { enrolmentId: enrolment.id, lessonId: lesson.lessonId, videoStartedAt: at },
    update: {},
  })
  await prisma.lessonProgress.updateMany({
    where: { enrolmentId: enrolment.id, lessonId: lesson.lessonId, videoStartedAt: null },
    data: { videoStartedAt: at },
  })
}

/** Status and message code of each refusal of app/domain/video-progress.ts. */
const PROGRESS_ERRORS = {
  INVALID: [400, 'videoProgress.invalid'],
  TOO_FAST: [422, 'videoProgress.tooFast'],
  NO_DURATION: [409, 'videoProgress.noDuration'],
} as const

/** Records watch progress, judged by app/domain/video-progress.ts; completes at 90% watched. */
export async function recordVideoProgress(
  userId: string,
  courseSlug: string,
  lessonSlug: string,
  input: { positionSec: number; ranges: [number, number][] },
  now = new Date(),
) {
  const { enrolment, lesson, durationSec, key } = await videoLessonFor(
    userId,
    courseSlug,
    lessonSlug,
  )
  const existing = await prisma.lessonProgress.findUnique({ where: key })
  const previous = (existing?.watchedRanges as [number, number][] | undefined) ?? []
  const startedAt = existing?.videoStartedAt ?? now
  const verdict = judgeProgress({
    previous,
    report: input,
    durationSec,
    startedAtMs: startedAt.getTime(),
    nowMs: now.getTime(),
  })
  if (!verdict.ok) {
    const [status, code] = PROGRESS_ERRORS[verdict.code]
    throw new AppError(code, { status })
  }
  const completedAt = existing?.completedAt ?? (verdict.complete ? now : null)
  const data = {
    videoPositionSec: Math.min(input.positionSec, durationSec ?? input.positionSec),
    watchedShare: verdict.share,
    watchedRanges: verdict.merged,
    completedAt,
  }
  await prisma.lessonProgress.upsert({
    where: key,
    create: {
      enrolmentId: enrolment.id,
      lessonId: lesson.lessonId,
      videoStartedAt: startedAt,
      ...data,
    },
    update: { ...data, videoStartedAt: startedAt },
  })
  const completion =
    completedAt && !existing?.completedAt ? await maybeCompleteEnrolment(enrolment.id) : null
  return {
    watchedShare: verdict.share,
    completed: Boolean(completedAt),
    courseCompleted: completion?.completed ?? false,
  }
}

/**
 * "Saya sudah menonton" without JavaScript: accepted once the video's whole duration has passed
 * since the lesson was opened; the lesson then counts as fully watched.
 */
export async function confirmVideoWatched(
  userId: string,
  courseSlug: string,
  lessonSlug: string,
  now = new Date(),
) {
  const { enrolment, lesson, durationSec, key } = await videoLessonFor(
    userId,
    courseSlug,
    lessonSlug,
  )
  const existing = await prisma.lessonProgress.findUnique({ where: key })
  if (existing?.completedAt) return { completed: true, courseCompleted: false }
  const verdict = judgeConfirmation({
    durationSec,
    openedAtMs: existing?.videoStartedAt?.getTime() ?? null,
    nowMs: now.getTime(),
  })
  if (!verdict.ok) {
    if (verdict.code === 'NO_DURATION') throw new ConflictError('videoProgress.noDuration')
    return { completed: false, waitSec: verdict.waitSec ?? durationSec ?? 0 }
  }
  const claimed = await prisma.lessonProgress.updateMany({
    where: { enrolmentId: enrolment.id, lessonId: lesson.lessonId, completedAt: null },
    data: { completedAt: now, watchedShare: 1, watchedRanges: [[0, durationSec!]] },
  })
  const completion = claimed.count ? await maybeCompleteEnrolment(enrolment.id) : null
  return { completed: true, courseCompleted: completion?.completed ?? false }
}

export interface CompletionResult {
  completed: boolean
  newlyCompleted: boolean
  /** With `inPlace`: the follow-ups marked `inPlace`, for the caller to run. */
  followUps?: RecordedJob[]
}

/**
 * Completes the enrolment when every required lesson is done (quiz lessons: the quiz passed).
 * Credits the course's JP once (unique per enrolment) and records the completion follow-ups
 * (app/jobs/completion-follow-ups.server.ts: notification, ...) in the same transaction. Safe to call
 * any number of times: the `completeEnrolment` job, which grading records with a passed attempt.
 */
export async function maybeCompleteEnrolment(
  enrolmentId: string,
  /**
   * The caller (the completion job) runs the follow-ups marked `inPlace` itself: they are
   * returned instead of relayed (decision 014); the others are relayed as before.
   */
  opts: { inPlace?: boolean } = {},
): Promise<CompletionResult> {
  const r = (await maybeCompleteEnrolments([enrolmentId], opts)).get(enrolmentId)!
  if (r instanceof Error) throw r
  return r
}

/**
 * `maybeCompleteEnrolment` for many enrolments at once (the completion job batches its concurrent
 * runs, like grading: decision 014): one read and (when something changes) one write statement
 * for all, through `sql`; this runs for every passed attempt at the end of an exam. Each
 * enrolment's completion, JP credit and follow-ups are guarded by its own ACTIVE -> COMPLETED
 * move. Returns per enrolment its result, or a NotFoundError.
 */
export async function maybeCompleteEnrolments(
  enrolmentIds: string[],
  opts: { inPlace?: boolean } = {},
): Promise<Map<string, CompletionResult | Error>> {
  const ids = [...new Set(enrolmentIds)].sort()
  const out = new Map<string, CompletionResult | Error>()
  const rows = await sql<{
    id: string
    userId: string
    courseId: string
    status: string
    jp: number
    title: string
    lessons: { lessonId: string; kind: string }[]
    done: string[]
    quizzes: Parameters<typeof quizzesPassed>[0]
  }>(
    Prisma.sql`
    SELECT e.id, e."userId", e."courseId", e.status::text AS status, cv.jp, cv.title,
      COALESCE((SELECT json_agg(json_build_object('lessonId', lv."lessonId", 'kind', lv.kind))
                FROM "LessonVersion" lv WHERE lv."courseVersionId" = e."courseVersionId" AND lv.required), '[]') AS lessons,
      COALESCE((SELECT json_agg(p."lessonId") FROM "LessonProgress" p
                WHERE p."enrolmentId" = e.id AND p."completedAt" IS NOT NULL), '[]') AS done,
      COALESCE((SELECT json_agg(json_build_object('lessonId', q."lessonId", 'passMark', q."passMark",
                  'gradingMethod', q."gradingMethod",
                  'attempts', COALESCE((SELECT json_agg(json_build_object('number', a.number, 'status', a.status,
                                          'percent', a.percent, 'passMark', a."passMark", 'gradingMethod', a."gradingMethod"))
                                        FROM "QuizAttempt" a WHERE a."quizId" = q.id AND a."userId" = e."userId"), '[]')))
                FROM "Quiz" q WHERE q."lessonId" IN (
                  SELECT lv."lessonId" FROM "LessonVersion" lv
                  WHERE lv."courseVersionId" = e."courseVersionId" AND lv.required AND lv.kind = 'QUIZ')), '[]') AS quizzes
    FROM "Enrolment" e JOIN "CourseVersion" cv ON cv.id = e."courseVersionId"
    WHERE e.id = ANY(${ids}::text[])`,
    { prepare: true },
  )
  for (const id of ids) out.set(id, new NotFoundError('enrolment.notFound'))
  const now = new Date()
  const plans: {
    id: string
    userId: string
    jp: number
    title: string
    newlyDone: string[]
    complete: boolean
    recorded: (RecordedJob & { inPlace: boolean })[]
  }[] = []
  for (const enrolment of rows) {
    if (enrolment.status === 'COMPLETED') {
      out.set(enrolment.id, { completed: true, newlyCompleted: false })
      continue
    }
    const done = new Set(enrolment.done)
    const passed = quizzesPassed(enrolment.quizzes)
    // A passed quiz is a finished lesson: recorded so outlines and progress bars count it.
    const newlyDone = [...passed].filter((id) => !done.has(id))
    const complete = enrolment.lessons.every((l) =>
      l.kind === 'QUIZ' ? passed.has(l.lessonId) : done.has(l.lessonId),
    )
    if (!complete && newlyDone.length === 0) {
      out.set(enrolment.id, { completed: false, newlyCompleted: false })
      continue
    }
    const completed = {
      id: enrolment.id,
      userId: enrolment.userId,
      courseId: enrolment.courseId,
      completedAt: now,
    }
    plans.push({
      id: enrolment.id,
      userId: enrolment.userId,
      jp: enrolment.jp,
      title: enrolment.title,
      newlyDone,
      complete,
      // Relayed as recorded (the relay need not read the rows back; decision 012).
      recorded: complete
        ? completionFollowUps.map((f) => ({
            id: randomUUID(),
            job: f.job,
            payload: f.job.payload.parse(f.payload(completed)),
            inPlace: f.inPlace,
          }))
        : [],
    })
  }
  if (plans.length === 0) return out
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`
  const progress = plans.flatMap((p) => p.newlyDone.map((lessonId) => ({ id: p.id, lessonId })))
  const followUps = plans.flatMap((p) => p.recorded.map((r) => ({ ...r, enrolmentId: p.id })))
  // Per enrolment: the quiz lessons' progress rows, the ACTIVE -> COMPLETED move, its JP credit
  // and its follow-ups' outbox rows, the last two guarded by the move (a second run writes
  // nothing but the already-present progress rows). One statement, so one transaction.
  const [written] = await sql<{ moved: string[]; ids: string[] }>(
    Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(${plans.map((p) => p.id)}::text[], ${plans.map((p) => p.complete)}::boolean[],
                           ${plans.map((p) => p.jp)}::int[], ${plans.map((p) => p.title)}::text[])
        AS t(id, complete, jp, title)
    ), progress AS (
      INSERT INTO "LessonProgress" (id, "enrolmentId", "lessonId", "completedAt", "updatedAt")
      SELECT gen_random_uuid()::text, t.e, t.l, ${at}, ${at}
      FROM unnest(${progress.map((x) => x.id)}::text[], ${progress.map((x) => x.lessonId)}::text[]) AS t(e, l)
      ON CONFLICT ("enrolmentId", "lessonId") DO UPDATE SET "completedAt" = EXCLUDED."completedAt",
        "updatedAt" = EXCLUDED."updatedAt"
      WHERE "LessonProgress"."completedAt" IS NULL
      RETURNING 1
    ), moved AS (
      UPDATE "Enrolment" e SET status = 'COMPLETED', "completedAt" = ${at}
      FROM input i
      WHERE e.id = i.id AND e.status = 'ACTIVE' AND i.complete
      RETURNING e.id, e."userId"
    ), jp AS (
      INSERT INTO "JpCredit" (id, "userId", year, jp, "sourceType", "sourceId", title)
      SELECT gen_random_uuid()::text, moved."userId", ${jpYear(now)}::int, i.jp, 'COURSE', moved.id, i.title
      FROM moved JOIN input i ON i.id = moved.id
      ON CONFLICT ("sourceType", "sourceId") DO NOTHING
      RETURNING 1
    ), follow_ups AS (
      INSERT INTO ${OUTBOX_TABLE}
      SELECT t.id, t.job, t.payload, ${at}, 0
      FROM unnest(${followUps.map((f) => f.id)}::text[], ${followUps.map((f) => f.job.name)}::text[],
                  ${followUps.map((f) => JSON.stringify(f.payload))}::jsonb[],
                  ${followUps.map((f) => f.enrolmentId)}::text[]) AS t(id, job, payload, enrolment_id)
      JOIN moved ON moved.id = t.enrolment_id
      RETURNING id
    )
    SELECT ARRAY(SELECT id FROM moved) AS moved, (SELECT count(*)::int FROM progress) AS progress,
           (SELECT count(*)::int FROM jp) AS jp, ARRAY(SELECT id FROM follow_ups) AS ids`,
    { prepare: true },
  )
  const moved = new Set(written?.moved ?? [])
  const notMoved = plans.filter((p) => p.complete && !moved.has(p.id)).map((p) => p.id)
  // Another run completed it first (or it is no longer active: e.g. withdrawn).
  const statuses = notMoved.length
    ? await sql<{ id: string; status: string }>(
        Prisma.sql`SELECT id, status::text AS status FROM "Enrolment" WHERE id = ANY(${notMoved}::text[])`,
      )
    : []
  const statusOf = new Map(statuses.map((r) => [r.id, r.status]))
  const recordedIds = new Set(written?.ids ?? [])
  const relay: RecordedJob[] = []
  for (const p of plans) {
    if (!p.complete) {
      out.set(p.id, { completed: false, newlyCompleted: false })
      continue
    }
    if (!moved.has(p.id)) {
      out.set(p.id, { completed: statusOf.get(p.id) === 'COMPLETED', newlyCompleted: false })
      continue
    }
    const mine = p.recorded.filter((r) => recordedIds.has(r.id))
    const here = opts.inPlace ? mine.filter((r) => r.inPlace) : []
    relay.push(...mine.filter((r) => !here.includes(r)))
    const runHere = here.map(({ id, job, payload }) => ({ id, job, payload }))
    out.set(p.id, {
      completed: true,
      newlyCompleted: true,
      ...(opts.inPlace ? { followUps: runHere } : {}),
    })
  }
  relaySoon(relay)
  return out
}
