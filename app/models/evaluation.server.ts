// Kirkpatrick evaluation (docs/decisions/061): course settings, the L1 reaction survey, the L2
// pre-test/post-test gain, the L3 supervisor check and its scheduled sweep. Reports and the
// revision loop are in ./evaluation-report.server.ts.
import { Prisma } from '~/generated/prisma/client'
import {
  isL3Due,
  isLikert,
  MAX_COMMENT_LENGTH,
  parseSurveyItems,
  storedSurveyItems,
  type SurveyItem,
} from '~/domain/evaluation'
import { prisma, sql } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '~/utils/errors'
import { audit } from './audit.server'
import { teaches, type Actor } from './course-instructor.server'

/** The survey asked when a course has none of its own (content, in Indonesian like the courses). */
export const DEFAULT_SURVEY_ITEMS: SurveyItem[] = [
  { key: 'd1', text: 'Materi pelatihan relevan dengan tugas saya.' },
  { key: 'd2', text: 'Materi disajikan dengan jelas dan mudah dipahami.' },
  { key: 'd3', text: 'Kuis dan latihan membantu saya memahami materi.' },
  { key: 'd4', text: 'Durasi pelatihan sesuai dengan JP yang diberikan.' },
  { key: 'd5', text: 'Saya akan menerapkan hasil pelatihan ini dalam pekerjaan.' },
]

export const SURVEY_NOTIFICATION = 'EVAL_SURVEY'
export const L3_NOTIFICATION = 'EVAL_L3'

async function courseBySlug(slug: string) {
  const course = await prisma.course.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true },
  })
  if (!course) throw new NotFoundError('notFound')
  return course
}

/** Quizzes of a course in outline order (module, lesson). */
export async function courseQuizzes(courseId: string) {
  const quizzes = await prisma.quiz.findMany({
    where: { lesson: { module: { courseId } } },
    select: {
      id: true,
      lesson: {
        select: {
          title: true,
          slug: true,
          position: true,
          required: true,
          module: { select: { position: true } },
        },
      },
    },
  })
  return quizzes
    .sort(
      (a, b) =>
        a.lesson.module.position - b.lesson.module.position ||
        a.lesson.position - b.lesson.position,
    )
    .map((q) => ({
      id: q.id,
      title: q.lesson.title,
      slug: q.lesson.slug,
      required: q.lesson.required,
    }))
}

export interface EvalSettings {
  items: SurveyItem[]
  customItems: boolean
  preQuizId: string | null
  postQuizId: string | null
  regulationRef: string | null
  regulationDate: Date | null
}

/**
 * A course's evaluation settings. Without a configured pre-/post-test both default to the course's
 * last required quiz (its first graded attempt against its last one, decision 061).
 */
export async function evalSettings(courseId: string): Promise<EvalSettings> {
  const [row, quizzes] = await Promise.all([
    prisma.evalCourseSetting.findUnique({ where: { courseId } }),
    courseQuizzes(courseId),
  ])
  // The course's final test: its last required quiz. An optional quiz after it (the pack's essay
  // assignment, decision 058) is no pre-/post-test; only without a required quiz is it taken.
  const finalQuiz = (quizzes.filter((q) => q.required).at(-1) ?? quizzes.at(-1))?.id ?? null
  const items = storedSurveyItems(row?.surveyItems)
  const known = (id: string | null | undefined) =>
    id && quizzes.some((q) => q.id === id) ? id : null
  return {
    items: items ?? DEFAULT_SURVEY_ITEMS,
    customItems: items !== null,
    preQuizId: known(row?.preQuizId) ?? finalQuiz,
    postQuizId: known(row?.postQuizId) ?? finalQuiz,
    regulationRef: row?.regulationRef ?? null,
    regulationDate: row?.regulationDate ?? null,
  }
}

async function requireTeaches(actor: Actor, courseId: string) {
  if (!(await teaches(actor, courseId))) throw new ForbiddenError('forbidden')
}

export async function settingsPage(actor: Actor, slug: string) {
  const course = await courseBySlug(slug)
  await requireTeaches(actor, course.id)
  const [settings, quizzes] = await Promise.all([evalSettings(course.id), courseQuizzes(course.id)])
  return { course, settings, quizzes }
}

export interface SettingsInput {
  items: string
  preQuizId: string
  postQuizId: string
  regulationRef: string
  /** YYYY-MM-DD or empty. */
  regulationDate: string
}

export async function saveEvalSettings(
  actor: Actor,
  slug: string,
  input: SettingsInput,
  at: Date,
  ip?: string | null,
) {
  const course = await courseBySlug(slug)
  await requireTeaches(actor, course.id)
  const parsed = parseSurveyItems(input.items)
  if (!parsed.ok) throw new InvalidError(`evaluation.items.${parsed.reason}`, { field: 'items' })
  const quizzes = await courseQuizzes(course.id)
  for (const f of ['preQuizId', 'postQuizId'] as const)
    if (input[f] && !quizzes.some((q) => q.id === input[f]))
      throw new InvalidError('evaluation.unknownQuiz', { field: f })
  let regulationDate: Date | null = null
  if (input.regulationDate) {
    const d = new Date(`${input.regulationDate}T00:00:00Z`)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.regulationDate) || Number.isNaN(d.getTime()) || d > at)
      throw new InvalidError('evaluation.badDate', { field: 'regulationDate' })
    regulationDate = d
  }
  const data = {
    surveyItems: parsed.items.length
      ? (parsed.items as unknown as Prisma.InputJsonArray)
      : Prisma.DbNull,
    preQuizId: input.preQuizId || null,
    postQuizId: input.postQuizId || null,
    regulationRef: input.regulationRef.trim() || null,
    regulationDate,
    updatedById: actor.id,
  }
  await prisma.$transaction(async (tx) => {
    const before = await tx.evalCourseSetting.findUnique({ where: { courseId: course.id } })
    await tx.evalCourseSetting.upsert({
      where: { courseId: course.id },
      create: { courseId: course.id, ...data },
      update: data,
    })
    await audit(tx, {
      actorId: actor.id,
      action: 'evaluation.settings',
      entityType: 'Course',
      entityId: course.id,
      before: before ? (JSON.parse(JSON.stringify(before)) as Prisma.InputJsonObject) : null,
      after: JSON.parse(JSON.stringify({ ...data, surveyItems: parsed.items })),
      ip,
      at,
    })
  })
}

// ---------------------------------------------------------------------------------------------
// L1: the reaction survey

export type SurveyState = 'notEnrolled' | 'notCompleted' | 'open' | 'answered'

/** What the learner sees of a course's survey. */
export async function surveyForLearner(userId: string, slug: string) {
  const course = await courseBySlug(slug)
  const enrolment = await prisma.enrolment.findFirst({
    where: { userId, courseId: course.id },
    orderBy: { enrolledAt: 'desc' },
    select: { id: true, status: true },
  })
  let state: SurveyState = 'notEnrolled'
  if (enrolment) {
    const answered = await prisma.evalSurveyResponse.count({
      where: { enrolmentId: enrolment.id },
    })
    state = answered ? 'answered' : enrolment.status === 'COMPLETED' ? 'open' : 'notCompleted'
  }
  const { items } = await evalSettings(course.id)
  return { course, state, items }
}

/** The survey state only (course page banner). */
export async function surveyState(userId: string, courseId: string): Promise<SurveyState> {
  const enrolment = await prisma.enrolment.findFirst({
    where: { userId, courseId },
    orderBy: { enrolledAt: 'desc' },
    select: { id: true, status: true },
  })
  if (!enrolment) return 'notEnrolled'
  if (await prisma.evalSurveyResponse.count({ where: { enrolmentId: enrolment.id } }))
    return 'answered'
  return enrolment.status === 'COMPLETED' ? 'open' : 'notCompleted'
}

/**
 * Records the learner's answers: every item on the 1-5 scale, an optional comment. One response
 * per enrolment (a second is a 409, also when two arrive at once).
 */
export async function submitSurvey(
  userId: string,
  slug: string,
  input: { values: Record<string, unknown>; comment: string },
  at: Date,
) {
  const course = await courseBySlug(slug)
  const enrolment = await prisma.enrolment.findFirst({
    where: { userId, courseId: course.id, status: 'COMPLETED' },
    orderBy: { enrolledAt: 'desc' },
    select: {
      id: true,
      courseVersionId: true,
      user: { select: { unit: { select: { path: true } } } },
    },
  })
  if (!enrolment) throw new ConflictError('evaluation.notCompleted')
  const { items } = await evalSettings(course.id)
  const missing = items.find((i) => !isLikert(input.values[i.key]))
  if (missing) throw new InvalidError('evaluation.itemMissing', { field: `item-${missing.key}` })
  const comment = input.comment.trim()
  if (comment.length > MAX_COMMENT_LENGTH)
    throw new InvalidError('evaluation.commentTooLong', { field: 'comment' })
  try {
    await prisma.evalSurveyResponse.create({
      data: {
        enrolmentId: enrolment.id,
        courseId: course.id,
        courseVersionId: enrolment.courseVersionId,
        unitPath: enrolment.user.unit?.path ?? null,
        comment: comment || null,
        submittedAt: at,
        answers: {
          create: items.map((i) => ({
            itemKey: i.key,
            itemText: i.text,
            value: input.values[i.key] as number,
          })),
        },
      },
      select: { id: true },
    })
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
      throw new ConflictError('evaluation.alreadyAnswered')
    throw e
  }
  return { course }
}

/** The survey invitation of a completion (job `evaluationSurveyInvite`): one notification. */
export async function inviteToSurvey(enrolmentId: string) {
  return { created: (await inviteToSurveys([enrolmentId])).has(enrolmentId) }
}

/**
 * The survey invitations of many completions in one statement (the invitation job batches its
 * concurrent runs; decision 012): one notification per completed enrolment, never a second.
 * Returns the enrolment ids invited now.
 */
export async function inviteToSurveys(enrolmentIds: string[]): Promise<Set<string>> {
  if (enrolmentIds.length === 0) return new Set()
  const rows = await sql<{ enrolmentId: string }>(
    Prisma.sql`
    INSERT INTO "Notification" (id, "userId", kind, params, link, "dedupeKey", "createdAt")
    SELECT gen_random_uuid()::text, e."userId", ${SURVEY_NOTIFICATION}::text,
           jsonb_build_object('course', cv.title), '/evaluasi/survei/' || c.slug,
           ${SURVEY_NOTIFICATION}::text || ':' || e.id, now() AT TIME ZONE 'UTC'
    FROM "Enrolment" e
    JOIN "CourseVersion" cv ON cv.id = e."courseVersionId"
    JOIN "Course" c ON c.id = e."courseId"
    WHERE e.id = ANY(${enrolmentIds}::text[]) AND e.status::text = 'COMPLETED' -- by primary key (decision 098)
    ORDER BY e.id
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING substr("dedupeKey", length(${SURVEY_NOTIFICATION}::text) + 2) AS "enrolmentId"`,
    { prepare: true },
  )
  return new Set(rows.map((r) => r.enrolmentId))
}

// ---------------------------------------------------------------------------------------------
// L3: the supervisor's check

/**
 * Asks the direct supervisor about every completion at least `delayDays` old that has none yet:
 * the request and the supervisor's notification in one statement, so a crash leaves both or
 * neither, and a rerun (or a concurrent sweep) adds nothing (unique enrolment, unique dedupe key).
 * Completions of learners without a supervisor wait until they have one.
 */
export async function askDueL3(
  now: Date,
  opts: { delayDays?: number; limit?: number } = {},
): Promise<number> {
  const delayDays = opts.delayDays ?? env.EVAL_L3_DELAY_DAYS
  const limit = opts.limit ?? 500
  const cutoff = new Date(now.getTime() - delayDays * 24 * 3600 * 1000)
  const rows = await prisma.$queryRaw<{ n: bigint }[]>`
    WITH due AS (
      SELECT e.id AS "enrolmentId", e."courseId", e."userId", u."supervisorId", un.path AS "unitPath",
             cv.title
      FROM "Enrolment" e
      JOIN "User" u ON u.id = e."userId"
      LEFT JOIN "Unit" un ON un.id = u."unitId"
      JOIN "CourseVersion" cv ON cv.id = e."courseVersionId"
      WHERE e.status = 'COMPLETED' AND e."completedAt" <= (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        AND u."supervisorId" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "EvalL3Request" r WHERE r."enrolmentId" = e.id)
      ORDER BY e."completedAt"
      LIMIT ${limit}
    ), asked AS (
      INSERT INTO "EvalL3Request" (id, "enrolmentId", "courseId", "learnerId", "supervisorId",
                                   "unitPath", "askedAt")
      SELECT gen_random_uuid()::text, "enrolmentId", "courseId", "userId", "supervisorId",
             "unitPath", (${now}::timestamptz AT TIME ZONE 'UTC')
      FROM due
      ON CONFLICT ("enrolmentId") DO NOTHING
      RETURNING id, "enrolmentId", "supervisorId", "learnerId"
    ), notified AS (
      INSERT INTO "Notification" (id, "userId", kind, params, link, "dedupeKey", "createdAt")
      SELECT gen_random_uuid()::text, a."supervisorId", ${L3_NOTIFICATION},
             jsonb_build_object('course', d.title, 'name', lu.name),
             '/evaluasi/atasan/' || a.id, ${L3_NOTIFICATION} || ':' || a."enrolmentId",
             (${now}::timestamptz AT TIME ZONE 'UTC')
      FROM asked a JOIN due d ON d."enrolmentId" = a."enrolmentId"
      JOIN "User" lu ON lu.id = a."learnerId"
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING id
    )
    SELECT count(*) AS n FROM asked`
  return Number(rows[0]?.n ?? 0)
}

/** Whether a completion completed at `completedAt` is due for its L3 check (for the UI). */
export function l3Due(completedAt: Date, now: Date) {
  return isL3Due(completedAt, now, env.EVAL_L3_DELAY_DAYS)
}

/** The supervisor's L3 requests: open ones first. */
export async function l3Inbox(supervisorId: string) {
  const rows = await prisma.evalL3Request.findMany({
    where: { supervisorId },
    orderBy: [{ answeredAt: { sort: 'desc', nulls: 'first' } }, { askedAt: 'desc' }],
    take: 200,
  })
  return withNames(rows)
}

async function withNames<R extends { learnerId: string; courseId: string }>(rows: R[]) {
  const [users, courses] = await Promise.all([
    prisma.user.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.learnerId))] } },
      select: { id: true, name: true, nip: true },
    }),
    prisma.course.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.courseId))] } },
      select: { id: true, title: true },
    }),
  ])
  return rows.map((r) => ({
    ...r,
    learner: users.find((u) => u.id === r.learnerId)!,
    course: courses.find((c) => c.id === r.courseId)!,
  }))
}

/** One request, for its supervisor only (anyone else: 404, as if it did not exist). */
export async function l3Request(supervisorId: string, id: string) {
  const row = await prisma.evalL3Request.findUnique({ where: { id } })
  if (!row || row.supervisorId !== supervisorId) throw new NotFoundError('notFound')
  return (await withNames([row]))[0]!
}

export async function answerL3(
  supervisorId: string,
  id: string,
  input: { applied: unknown; changed: unknown; example: string },
  at: Date,
) {
  await l3Request(supervisorId, id)
  if (!isLikert(input.applied))
    throw new InvalidError('evaluation.appliedMissing', { field: 'applied' })
  if (typeof input.changed !== 'boolean')
    throw new InvalidError('evaluation.changedMissing', { field: 'changed' })
  const example = input.example.trim()
  if (example.length > MAX_COMMENT_LENGTH)
    throw new InvalidError('evaluation.commentTooLong', { field: 'example' })
  // Only an open request takes an answer: two submissions at once record one.
  const r = await prisma.evalL3Request.updateMany({
    where: { id, supervisorId, answeredAt: null },
    data: {
      answeredAt: at,
      applied: input.applied,
      changed: input.changed,
      example: example || null,
    },
  })
  if (r.count === 0) throw new ConflictError('evaluation.alreadyAnswered')
}
