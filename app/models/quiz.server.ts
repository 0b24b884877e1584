// The quiz engine: attempts with server-side deadlines, answer saving, submission through the
// outbox, and what a learner may see before and after review. Grading is in grading.server.ts.
import { randomInt } from 'node:crypto'
import { Prisma, type GradingMethod, type QuestionType } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { gradeAttemptJob } from '~/jobs/grade-attempt.server'
import { OUTBOX_TABLE, outboxSelect, outboxValues, relaySoon } from '~/jobs/outbox.server'

export type Layout = { questionId: string; optionIds: string[] }[]
export type Response = { optionIds?: string[]; text?: string; value?: number | null }
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

/** Grace for network latency on the last autosave, in ms. Anything later is refused. */
const DEADLINE_GRACE_MS = 2_000

function shuffle<T>(items: T[]): T[] {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
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
  const open = (!quiz.openAt || quiz.openAt <= now) && (!quiz.closeAt || quiz.closeAt > now)
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
    passed: finalPercent != null && finalPercent >= quiz.passMark,
    inProgress: attempts.find((a) => a.status === 'IN_PROGRESS') ?? null,
    canStart:
      open &&
      (quiz.attemptsAllowed === 0 || used < quiz.attemptsAllowed) &&
      !attempts.some((a) => a.status === 'IN_PROGRESS'),
    open,
  }
}

/** The grade that counts under the quiz's grading method (percent), or null without graded attempts. */
export function finalGrade(
  method: GradingMethod,
  graded: { number: number; percent: number }[],
): number | null {
  if (graded.length === 0) return null
  const byNumber = [...graded].sort((a, b) => a.number - b.number)
  switch (method) {
    case 'HIGHEST':
      return Math.max(...graded.map((g) => g.percent))
    case 'FIRST':
      return byNumber[0]!.percent
    case 'LAST':
      return byNumber[byNumber.length - 1]!.percent
    case 'AVERAGE':
      return Math.round((graded.reduce((s, g) => s + g.percent, 0) / graded.length) * 100) / 100
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
    const g = finalGrade(
      q.gradingMethod,
      q.attempts
        .filter((a) => a.percent != null)
        .map((a) => ({ number: a.number, percent: a.percent! })),
    )
    if (g != null && g >= q.passMark) passed.add(q.lessonId)
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
  const deadlines = [
    quiz.timeLimitSec ? now.getTime() + quiz.timeLimitSec * 1000 : null,
    quiz.closeAt?.getTime() ?? null,
  ].filter((x): x is number => x != null)
  try {
    const attempt = await prisma.quizAttempt.create({
      data: {
        quizId: quiz.id,
        userId,
        enrolmentId,
        number: Math.max(0, ...existing.map((a) => a.number)) + 1,
        startedAt: now,
        deadlineAt: deadlines.length ? new Date(Math.min(...deadlines)) : null,
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
  const chosen: string[] = []
  for (const slot of slots) {
    if (slot.questionId) {
      if (!chosen.includes(slot.questionId)) chosen.push(slot.questionId)
    } else if (slot.categoryId) {
      const pool = await prisma.question.findMany({
        where: { categoryId: slot.categoryId, id: { notIn: chosen } },
        select: { id: true },
      })
      chosen.push(...shuffle(pool.map((p) => p.id)).slice(0, slot.drawCount))
    }
  }
  const options = await prisma.questionOption.findMany({
    where: { questionId: { in: chosen } },
    orderBy: { position: 'asc' },
    select: { id: true, questionId: true },
  })
  const byQuestion = new Map<string, string[]>()
  for (const o of options)
    byQuestion.set(o.questionId, [...(byQuestion.get(o.questionId) ?? []), o.id])
  const order = shuffleQuestions ? shuffle(chosen) : chosen
  return order.map((questionId) => {
    const ids = byQuestion.get(questionId) ?? []
    return { questionId, optionIds: shuffleOptions ? shuffle(ids) : ids }
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
      const num = Number(text.replace(',', '.'))
      out[l.questionId] = { text, value: text.trim() !== '' && Number.isFinite(num) ? num : null }
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

function pastDeadline(deadlineAt: Date | null, now = Date.now()) {
  return deadlineAt != null && now > deadlineAt.getTime() + DEADLINE_GRACE_MS
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
  if (pastDeadline(attempt.deadlineAt, receivedAt))
    throw new QuizError('Waktu pengerjaan sudah habis; jawaban tidak disimpan.', 409)
  const allowed = new Set((attempt.layout as Layout).map((l) => l.questionId))
  const entries = Object.entries(responses).filter(([qid]) => allowed.has(qid))
  if (entries.length === 0) return { saved: 0 }
  await upsertAnswers(prisma, attemptId, entries, new Date())
  return { saved: entries.length }
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
  const late = pastDeadline(attempt.deadlineAt, receivedAt)
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
  const cutoff = new Date(Date.now() - DEADLINE_GRACE_MS)
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
