// The quiz engine: attempts with server-side deadlines, answer saving, submission through the
// outbox, and what a learner may see before and after review. Grading is in grading.server.ts.
import { randomInt } from 'node:crypto'
import { attemptDeadline, isPastDeadline, overdueCutoff, quizOpen } from '~/domain/deadline'
import { finalGrade, quizPassed } from '~/domain/grading-method'
import { drawLayout, type Layout } from '~/domain/layout'
import { indonesianNumberValue, parseIndonesianNumber } from '~/domain/numbers'
import type { QuestionType, QuizResponse } from '~/domain/scoring'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { gradeAttemptJob } from '~/jobs/grade-attempt.server'
import { OUTBOX_TABLE, outboxSelect, outboxValues, relaySoon } from '~/jobs/outbox.server'

export type { Layout }
export type Response = QuizResponse
export { finalGrade }
export interface ReviewOptions {
  score: boolean
  correct: boolean
  feedback: boolean
}

export class QuizError extends Error {
  constructor(
    message: string,
    public status = 400,
  ) {
    super(message)
  }
}

async function quizForLesson(courseSlug: string, lessonSlug: string, userId: string) {
  const enrolment = await prisma.enrolment.findFirst({
    where: {
      userId,
      course: { slug: courseSlug, status: 'PUBLISHED' },
      status: { not: 'WITHDRAWN' },
    },
    select: { id: true, courseVersionId: true },
  })
  if (!enrolment)
    throw new QuizError('Daftar ke kursus ini terlebih dahulu untuk mengerjakan kuis.', 403)
  const lv = await prisma.lessonVersion.findUnique({
    where: {
      courseVersionId_slug: { courseVersionId: enrolment.courseVersionId, slug: lessonSlug },
    },
    select: { lessonId: true, kind: true },
  })
  if (!lv || lv.kind !== 'QUIZ') throw new QuizError('Kuis tidak ditemukan.', 404)
  const quiz = await prisma.quiz.findUnique({ where: { lessonId: lv.lessonId } })
  if (!quiz) throw new QuizError('Kuis belum disiapkan oleh pengajar.', 404)
  return { quiz, enrolmentId: enrolment.id }
}

/** Summary for the quiz lesson page: settings, the learner's attempts and their final grade. */
export async function quizOverview(courseSlug: string, lessonSlug: string, userId: string) {
  const { quiz } = await quizForLesson(courseSlug, lessonSlug, userId)
  const attempts = await prisma.quizAttempt.findMany({
    where: { quizId: quiz.id, userId },
    orderBy: { number: 'asc' },
    select: {
      id: true,
      number: true,
      status: true,
      startedAt: true,
      submittedAt: true,
      percent: true,
      passed: true,
      deadlineAt: true,
    },
  })
  const slots = await prisma.quizSlot.findMany({
    where: { quizId: quiz.id },
    select: { questionId: true, drawCount: true },
  })
  const questionCount = slots.reduce((s, x) => s + (x.questionId ? 1 : x.drawCount), 0)
  const graded = attempts
    .filter((a) => a.status === 'GRADED' && a.percent != null)
    .map((a) => ({ number: a.number, percent: a.percent! }))
  const finalPercent = finalGrade(quiz.gradingMethod, graded)
  const used = attempts.length
  const now = new Date()
  const open = quizOpen(quiz, now)
  return {
    quiz: {
      id: quiz.id,
      passMark: quiz.passMark,
      attemptsAllowed: quiz.attemptsAllowed,
      gradingMethod: quiz.gradingMethod,
      timeLimitSec: quiz.timeLimitSec,
      openAt: quiz.openAt,
      closeAt: quiz.closeAt,
      questionCount,
    },
    attempts,
    finalPercent,
    passed: quizPassed(quiz.gradingMethod, graded, quiz.passMark),
    inProgress: attempts.find((a) => a.status === 'IN_PROGRESS') ?? null,
    canStart:
      open &&
      (quiz.attemptsAllowed === 0 || used < quiz.attemptsAllowed) &&
      !attempts.some((a) => a.status === 'IN_PROGRESS'),
    open,
  }
}

/** Lessons (of the given quiz lessons) whose quiz the learner has passed under its grading method. */
export async function quizPassedForLessons(userId: string, lessonIds: string[]) {
  const quizzes = await prisma.quiz.findMany({
    where: { lessonId: { in: lessonIds } },
    select: {
      lessonId: true,
      passMark: true,
      gradingMethod: true,
      attempts: { where: { userId, status: 'GRADED' }, select: { number: true, percent: true } },
    },
  })
  const passed = new Set<string>()
  for (const q of quizzes) {
    const graded = q.attempts
      .filter((a) => a.percent != null)
      .map((a) => ({ number: a.number, percent: a.percent! }))
    if (quizPassed(q.gradingMethod, graded, q.passMark)) passed.add(q.lessonId)
  }
  return passed
}

/** Starts a new attempt (or returns the one in progress). The server fixes start and deadline. */
export async function startAttempt(courseSlug: string, lessonSlug: string, userId: string) {
  const { quiz, enrolmentId } = await quizForLesson(courseSlug, lessonSlug, userId)
  const now = new Date()
  if (quiz.openAt && quiz.openAt > now) throw new QuizError('Kuis belum dibuka.')
  if (quiz.closeAt && quiz.closeAt <= now) throw new QuizError('Kuis sudah ditutup.')
  const existing = await prisma.quizAttempt.findMany({
    where: { quizId: quiz.id, userId },
    select: { id: true, number: true, status: true },
  })
  const open = existing.find((a) => a.status === 'IN_PROGRESS')
  if (open) return { attemptId: open.id, resumed: true }
  if (quiz.attemptsAllowed > 0 && existing.length >= quiz.attemptsAllowed) {
    throw new QuizError(`Batas ${quiz.attemptsAllowed} kali percobaan sudah tercapai.`)
  }
  const layout = await buildLayout(quiz.id, quiz.shuffleQuestions, quiz.shuffleOptions)
  if (layout.length === 0) throw new QuizError('Kuis ini belum memiliki soal.')
  try {
    const attempt = await prisma.quizAttempt.create({
      data: {
        quizId: quiz.id,
        userId,
        enrolmentId,
        number: Math.max(0, ...existing.map((a) => a.number)) + 1,
        startedAt: now,
        deadlineAt: attemptDeadline({
          startedAt: now,
          timeLimitSec: quiz.timeLimitSec,
          closeAt: quiz.closeAt,
        }),
        layout,
      },
      select: { id: true },
    })
    return { attemptId: attempt.id, resumed: false }
  } catch (e) {
    // Two starts at once: the unique (quiz, user, number) lets one win; return the winner.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      const again = await prisma.quizAttempt.findFirst({
        where: { quizId: quiz.id, userId, status: 'IN_PROGRESS' },
        select: { id: true },
      })
      if (again) return { attemptId: again.id, resumed: true }
    }
    throw e
  }
}

async function buildLayout(
  quizId: string,
  shuffleQuestions: boolean,
  shuffleOptions: boolean,
): Promise<Layout> {
  const slots = await prisma.quizSlot.findMany({ where: { quizId }, orderBy: { position: 'asc' } })
  const categoryIds = [...new Set(slots.map((s) => s.categoryId).filter((c): c is string => !!c))]
  const poolRows = categoryIds.length
    ? await prisma.question.findMany({
        where: { categoryId: { in: categoryIds } },
        orderBy: { id: 'asc' },
        select: { id: true, categoryId: true },
      })
    : []
  const pools = new Map<string, string[]>()
  for (const q of poolRows)
    if (q.categoryId) pools.set(q.categoryId, [...(pools.get(q.categoryId) ?? []), q.id])
  const candidates = [
    ...new Set([...slots.map((s) => s.questionId), ...poolRows.map((q) => q.id)]),
  ].filter((id): id is string => !!id)
  const optionRows = await prisma.questionOption.findMany({
    where: { questionId: { in: candidates } },
    orderBy: { position: 'asc' },
    select: { id: true, questionId: true },
  })
  const options = new Map<string, string[]>()
  for (const o of optionRows)
    options.set(o.questionId, [...(options.get(o.questionId) ?? []), o.id])
  return drawLayout({
    slots: slots.map((s) =>
      s.questionId
        ? { questionId: s.questionId }
        : { categoryId: s.categoryId ?? '', drawCount: s.drawCount },
    ),
    pools,
    options,
    shuffleQuestions,
    shuffleOptions,
    rng: (n) => randomInt(n),
  })
}

function reviewFor(
  quiz: { closeAt: Date | null; reviewAfterSubmit: unknown; reviewAfterClose: unknown },
  status: string,
): ReviewOptions | null {
  if (status !== 'GRADED') return null
  const closed = quiz.closeAt != null && quiz.closeAt <= new Date()
  return (closed ? quiz.reviewAfterClose : quiz.reviewAfterSubmit) as ReviewOptions
}

/**
 * What the learner may see of an attempt. The answer key (option correctness, accepted answers,
 * numeric answers) is read only when the review options allow it.
 */
export async function attemptView(attemptId: string, userId: string) {
  const attempt = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId },
    select: {
      id: true,
      number: true,
      status: true,
      startedAt: true,
      deadlineAt: true,
      submittedAt: true,
      score: true,
      maxScore: true,
      percent: true,
      passed: true,
      layout: true,
      quiz: {
        select: {
          id: true,
          passMark: true,
          closeAt: true,
          reviewAfterSubmit: true,
          reviewAfterClose: true,
          gradingMethod: true,
        },
      },
      answers: { select: { questionId: true, response: true, score: true, maxScore: true } },
    },
  })
  if (!attempt) throw new QuizError('Percobaan kuis tidak ditemukan.', 404)
  const review = reviewFor(attempt.quiz, attempt.status)
  const layout = attempt.layout as Layout
  const ids = layout.map((l) => l.questionId)
  const questions = await prisma.question.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      type: true,
      text: true,
      points: true,
      feedback: review?.feedback ?? false,
      acceptedAnswers: review?.correct ?? false,
      numericAnswer: review?.correct ?? false,
      competency: { select: { code: true, name: true } },
      level: true,
      options: {
        select: {
          id: true,
          text: true,
          correct: review?.correct ?? false,
          feedback: review?.feedback ?? false,
        },
      },
    },
  })
  const byId = new Map(questions.map((q) => [q.id, q]))
  const answers = new Map(attempt.answers.map((a) => [a.questionId, a]))
  const items = layout.map((l, index) => {
    const q = byId.get(l.questionId)!
    const optionById = new Map(q.options.map((o) => [o.id, o]))
    const a = answers.get(q.id)
    return {
      index: index + 1,
      id: q.id,
      type: q.type as QuestionType,
      text: q.text,
      points: q.points,
      options: l.optionIds.map((id) => optionById.get(id)!).filter(Boolean),
      response: (a?.response ?? null) as Response | null,
      score: review?.score ? (a?.score ?? 0) : undefined,
      feedback: 'feedback' in q ? (q.feedback as string | null) : undefined,
      acceptedAnswers: 'acceptedAnswers' in q ? (q.acceptedAnswers as string[]) : undefined,
      numericAnswer: 'numericAnswer' in q ? (q.numericAnswer as number | null) : undefined,
      competency: q.competency,
      level: q.level,
    }
  })
  return {
    attempt: {
      id: attempt.id,
      number: attempt.number,
      status: attempt.status,
      startedAt: attempt.startedAt,
      deadlineAt: attempt.deadlineAt,
      submittedAt: attempt.submittedAt,
      passMark: attempt.quiz.passMark,
      score: review?.score ? attempt.score : null,
      maxScore: review?.score ? attempt.maxScore : null,
      percent: review?.score ? attempt.percent : null,
      passed: review?.score ? attempt.passed : null,
    },
    review,
    items,
  }
}

/** Parses form fields q_<questionId> (radio/checkbox/text) into responses for the layout. */
export function responsesFromForm(form: FormData, layout: Layout): Record<string, Response> {
  const out: Record<string, Response> = {}
  for (const l of layout) {
    const key = `q_${l.questionId}`
    if (!form.has(key)) continue
    const values = form.getAll(key).map(String)
    if (l.optionIds.length)
      out[l.questionId] = { optionIds: values.filter((v) => l.optionIds.includes(v)) }
    else {
      const text = values[0] ?? ''
      // Stored as typed plus the number it reads as ("6.600.000" -> 6600000); an ambiguous
      // "6.600" keeps value null and is settled at grading by the key's magnitude.
      out[l.questionId] = { text, value: indonesianNumberValue(text) }
    }
  }
  return out
}

async function openAttempt(attemptId: string, userId: string) {
  const rows = await prisma.$queryRaw<
    { id: string; status: string; deadlineAt: Date | null; layout: unknown }[]
  >`
    SELECT id, status::text AS status, "deadlineAt", layout FROM "QuizAttempt" WHERE id = ${attemptId} AND "userId" = ${userId}`
  const attempt = rows[0]
  if (!attempt) throw new QuizError('Percobaan kuis tidak ditemukan.', 404)
  return attempt
}

/** Upserts many answers in one statement (one round trip, not one per question). */
async function upsertAnswers(
  db: Pick<Prisma.TransactionClient, '$executeRaw'>,
  attemptId: string,
  entries: [string, Response][],
  now: Date,
) {
  if (entries.length === 0) return
  const questionIds = entries.map(([q]) => q)
  const responses = entries.map(([, r]) => JSON.stringify(r))
  await db.$executeRaw`
    INSERT INTO "AttemptAnswer" ("attemptId", "questionId", "response", "savedAt")
    SELECT ${attemptId}, t.q, t.r::jsonb, (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    FROM unnest(${questionIds}::text[], ${responses}::text[]) AS t(q, r)
    ON CONFLICT ("attemptId", "questionId") DO UPDATE SET "response" = EXCLUDED."response", "savedAt" = EXCLUDED."savedAt"`
}

/** Saves answers while the attempt is open; refuses them after the deadline. */
export async function saveAnswers(
  attemptId: string,
  userId: string,
  /** Responses by question id, or the attempt page's form (parsed against the attempt's layout). */
  given: Record<string, Response> | FormData,
  /** When the server received the request (ms): a request queued behind a burst keeps its time. */
  receivedAt = Date.now(),
) {
  const attempt = await openAttempt(attemptId, userId)
  const responses =
    given instanceof FormData ? responsesFromForm(given, attempt.layout as Layout) : given
  if (attempt.status !== 'IN_PROGRESS')
    throw new QuizError('Percobaan ini sudah dikumpulkan; jawaban tidak dapat diubah.', 409)
  if (isPastDeadline(attempt.deadlineAt, receivedAt))
    throw new QuizError('Waktu pengerjaan sudah habis; jawaban tidak disimpan.', 409)
  const allowed = new Set((attempt.layout as Layout).map((l) => l.questionId))
  const entries = Object.entries(responses).filter(([qid]) => allowed.has(qid))
  if (entries.length === 0) return { saved: 0, ambiguousNumbers: 0 }
  await upsertAnswers(prisma, attemptId, entries, new Date())
  // Numbers that read two ways ("6.600"): saved as typed, and the learner is told to make them clear.
  const ambiguousNumbers = entries.filter(
    ([, r]) => typeof r.text === 'string' && parseIndonesianNumber(r.text).kind === 'ambiguous',
  ).length
  return { saved: entries.length, ambiguousNumbers }
}

/**
 * Submits: the state change, the answers given with the submit (when still in time) and the
 * grading job's outbox row are ONE SQL statement (data-modifying CTEs are atomic), so an exam-end
 * burst costs one round trip per submission. A second submit changes nothing.
 */
export async function submitAttempt(
  attemptId: string,
  userId: string,
  /** Responses by question id, or the attempt page's form (parsed against the attempt's layout). */
  given: Record<string, Response> | FormData = {},
  /** When the server received the request (ms): a request queued behind a burst keeps its time. */
  receivedAt = Date.now(),
) {
  const attempt = await openAttempt(attemptId, userId)
  const responses =
    given instanceof FormData ? responsesFromForm(given, attempt.layout as Layout) : given
  if (attempt.status !== 'IN_PROGRESS') return { alreadySubmitted: true, lateAnswersRefused: false }
  const late = isPastDeadline(attempt.deadlineAt, receivedAt)
  const allowed = new Set((attempt.layout as Layout).map((l) => l.questionId))
  const entries = late ? [] : Object.entries(responses).filter(([qid]) => allowed.has(qid))
  const now = new Date().toISOString()
  const rows = await prisma.$queryRaw<{ outbox_id: string | null }[]>`
    WITH moved AS (
      UPDATE "QuizAttempt" SET status = 'SUBMITTED', "submittedAt" = (${now}::timestamptz AT TIME ZONE 'UTC')
      WHERE id = ${attemptId} AND "userId" = ${userId} AND status = 'IN_PROGRESS'
      RETURNING id
    ), answers AS (
      INSERT INTO "AttemptAnswer" ("attemptId", "questionId", "response", "savedAt")
      SELECT ${attemptId}, t.q, t.r::jsonb, (${now}::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${entries.map(([q]) => q)}::text[], ${entries.map(([, r]) => JSON.stringify(r))}::text[]) AS t(q, r)
      WHERE EXISTS (SELECT 1 FROM moved)
      ON CONFLICT ("attemptId", "questionId") DO UPDATE SET "response" = EXCLUDED."response", "savedAt" = EXCLUDED."savedAt"
    ), outbox AS (
      INSERT INTO ${OUTBOX_TABLE} SELECT ${outboxValues(gradeAttemptJob, { attemptId }, now)} FROM moved
      RETURNING id
    )
    SELECT (SELECT id FROM outbox) AS outbox_id`
  const outboxId = rows[0]?.outbox_id ?? null
  if (outboxId) relaySoon([outboxId])
  return {
    alreadySubmitted: outboxId === null,
    lateAnswersRefused: late && Object.keys(responses).length > 0,
  }
}

/**
 * Scheduled: closes attempts whose deadline has passed and queues their grading, `batch` at a time
 * in one statement each (attempt state and outbox rows together). At the end of a timed exam a
 * whole cohort can run out of time at once; SKIP LOCKED lets a submit that is being written win.
 */
export async function finaliseOverdueAttempts(batch = 2_000) {
  const cutoff = overdueCutoff(Date.now())
  let total = 0
  for (;;) {
    const now = new Date()
    const rows = await prisma.$queryRaw<{ id: string }[]>`
      WITH due AS (
        SELECT id FROM "QuizAttempt"
        WHERE status = 'IN_PROGRESS' AND "deadlineAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        LIMIT ${batch} FOR UPDATE SKIP LOCKED
      ), moved AS (
        UPDATE "QuizAttempt" a SET status = 'SUBMITTED', "submittedAt" = (${now}::timestamptz AT TIME ZONE 'UTC')
        FROM due WHERE a.id = due.id AND a.status = 'IN_PROGRESS'
        RETURNING a.id
      )
      INSERT INTO ${OUTBOX_TABLE}
      SELECT ${outboxSelect(gradeAttemptJob, Prisma.sql`jsonb_build_object('attemptId', moved.id)`, now)}
      FROM moved
      RETURNING id`
    if (rows.length) relaySoon(rows.map((r) => r.id))
    total += rows.length
    if (rows.length < batch) return total
  }
}
