// The quiz engine: attempts with server-side deadlines, answer saving, submission through the
// outbox, and what a learner may see before and after review. Grading is in grading.server.ts.
import { randomInt } from 'node:crypto'
import { z } from 'zod'
import { attemptDeadline, DEADLINE_GRACE_MS, isPastDeadline, quizOpen } from '~/domain/deadline'
import { finalGrade } from '~/domain/grading-method'
import { drawLayout, type Slot } from '~/domain/layout'
import { indonesianNumberValue, parseIndonesianNumber } from '~/domain/numbers'
import type { QuestionType, QuizResponse } from '~/domain/scoring'
import { Prisma, type AttemptStatus, type GradingMethod } from '~/generated/prisma/client'
import { prisma, sql } from '~/utils/db.server'
import { AppError, messageWith, readMessage, type ErrorParams } from '~/utils/errors'
import { gradeAttemptContract } from '~/jobs/contracts.server'
import { OUTBOX_TABLE, outboxSelect, outboxValues, relaySoon } from '~/jobs/outbox.server'
import { reviewOptions } from './quiz-settings.server'

/**
 * What an attempt was drawn with, in the order shown: the stable question, the exact immutable
 * version, and that version's option ids in the order this learner sees them.
 */
export type Layout = { questionId: string; versionId: string; optionIds: string[] }[]
export type Response = QuizResponse
/** Grading's per-question result, kept with the attempt: questionId -> [score, maxScore]. */
export type AnswerScores = Record<string, [number, number]>

/**
 * A question's score in a graded attempt: from the attempt's `answerScores`, or (attempts graded
 * before they were kept there) from its answer row; 0 when neither has one.
 */
export function answerScore(
  scores: AnswerScores | null,
  questionId: string,
  row: { score: number | null } | undefined,
) {
  return scores ? (scores[questionId]?.[0] ?? 0) : (row?.score ?? 0)
}
export { DEADLINE_GRACE_MS, finalGrade }
export interface ReviewOptions {
  score: boolean
  correct: boolean
  feedback: boolean
}

/**
 * A quiz rule's refusal as a message code `quiz.<reason>` with its parameters (decision 041); a
 * route shows it in the reader's language. The message is the code with its parameters, so a
 * route that hands `e.message` to a form keeps working.
 */
export class QuizError extends AppError {
  constructor(reason: string, status = 400, params: ErrorParams = {}) {
    super(`quiz.${reason}`, { status, params })
    this.name = 'QuizError'
    this.message = messageWith(this.code, params)
  }
}

/**
 * The overdue sweep closes an attempt this long after its deadline, so a submit that arrived in
 * time but waits in a busy server's queue normally finds it still open. A submit that arrived in
 * time and comes later still overrides the sweep's result while the attempt waits for grading.
 */
export const SWEEP_GRACE_MS = 10_000

async function quizForLesson(courseSlug: string, lessonSlug: string, userId: string) {
  const enrolment = await prisma.enrolment.findFirst({
    where: {
      userId,
      course: { slug: courseSlug, status: 'PUBLISHED' },
      status: { not: 'WITHDRAWN' },
    },
    select: { id: true, courseVersionId: true },
  })
  if (!enrolment) throw new QuizError('notEnrolled', 403)
  const lv = await prisma.lessonVersion.findUnique({
    where: {
      courseVersionId_slug: { courseVersionId: enrolment.courseVersionId, slug: lessonSlug },
    },
    select: { lessonId: true, kind: true },
  })
  if (!lv || lv.kind !== 'QUIZ') throw new QuizError('notFound', 404)
  const quiz = await prisma.quiz.findUnique({ where: { lessonId: lv.lessonId } })
  if (!quiz) throw new QuizError('notReady', 404)
  return { quiz, enrolmentId: enrolment.id }
}

/**
 * The pass mark and grading method that count for a learner's final grade: those stored with
 * their latest attempt (each attempt keeps the settings it started under; a regrade rewrites them).
 */
function settingsOfAttempts(
  quiz: { passMark: number; gradingMethod: GradingMethod },
  attempts: { number: number; passMark: number; gradingMethod: GradingMethod }[],
) {
  const latest = attempts.reduce<(typeof attempts)[number] | null>(
    (a, b) => (a && a.number > b.number ? a : b),
    null,
  )
  return latest
    ? { passMark: latest.passMark, gradingMethod: latest.gradingMethod }
    : { passMark: quiz.passMark, gradingMethod: quiz.gradingMethod }
}

/** Summary for the quiz lesson page: settings, the learner's attempts and their final grade. */
export async function quizOverview(
  courseSlug: string,
  lessonSlug: string,
  userId: string,
  /** When the request arrived: the open/close window is judged at this moment. */
  now = new Date(),
) {
  const { quiz } = await quizForLesson(courseSlug, lessonSlug, userId)
  const rows = await prisma.quizAttempt.findMany({
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
      passMark: true,
      gradingMethod: true,
    },
  })
  const slots = await prisma.quizSlot.findMany({
    where: { quizId: quiz.id },
    select: { questionId: true, drawCount: true },
  })
  const questionCount = slots.reduce((s, x) => s + (x.questionId ? 1 : x.drawCount), 0)
  const graded = rows
    .filter((a) => a.status === 'GRADED' && a.percent != null)
    .map((a) => ({ number: a.number, percent: a.percent! }))
  const settings = settingsOfAttempts(quiz, rows)
  const finalPercent = finalGrade(settings.gradingMethod, graded)
  const used = rows.length
  const open = quizOpen(quiz, now)
  // The review options decide whether scores are shown here too (not only on the attempt page).
  const review = reviewFor(quiz, 'GRADED', now)!
  const attempts = rows.map((a) => ({
    id: a.id,
    number: a.number,
    status: a.status,
    startedAt: a.startedAt,
    submittedAt: a.submittedAt,
    deadlineAt: a.deadlineAt,
    percent: review.score ? a.percent : null,
    passed: review.score ? a.passed : null,
  }))
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
    finalPercent: review.score ? finalPercent : null,
    passed: review.score ? finalPercent != null && finalPercent >= settings.passMark : null,
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
      attempts: {
        where: { userId },
        select: {
          number: true,
          status: true,
          percent: true,
          passMark: true,
          gradingMethod: true,
        },
      },
    },
  })
  return quizzesPassed(quizzes)
}

/** The quiz lessons a learner passed, from each quiz's settings and the learner's attempts. */
export function quizzesPassed(
  quizzes: {
    lessonId: string
    passMark: number
    gradingMethod: GradingMethod
    attempts: {
      number: number
      status: string
      percent: number | null
      passMark: number
      gradingMethod: GradingMethod
    }[]
  }[],
) {
  const passed = new Set<string>()
  for (const q of quizzes) {
    const settings = settingsOfAttempts(q, q.attempts)
    const g = finalGrade(
      settings.gradingMethod,
      q.attempts
        .filter((a) => a.status === 'GRADED' && a.percent != null)
        .map((a) => ({ number: a.number, percent: a.percent! })),
    )
    if (g != null && g >= settings.passMark) passed.add(q.lessonId)
  }
  return passed
}

/**
 * Starts a new attempt (or returns the one in progress). The server fixes start and deadline, from
 * `now`: when the request arrived (a start that arrived before the window closed is in time).
 */
export async function startAttempt(
  courseSlug: string,
  lessonSlug: string,
  userId: string,
  now = new Date(),
) {
  const { quiz, enrolmentId } = await quizForLesson(courseSlug, lessonSlug, userId)
  if (quiz.openAt && quiz.openAt > now) throw new QuizError('notOpen')
  if (quiz.closeAt && quiz.closeAt <= now) throw new QuizError('closed')
  const existing = await prisma.quizAttempt.findMany({
    where: { quizId: quiz.id, userId },
    select: { id: true, number: true, status: true },
  })
  const open = existing.find((a) => a.status === 'IN_PROGRESS')
  if (open) return { attemptId: open.id, resumed: true }
  if (quiz.attemptsAllowed > 0 && existing.length >= quiz.attemptsAllowed) {
    throw new QuizError('attemptsUsed', 400, { max: quiz.attemptsAllowed })
  }
  const layout = await buildLayout(quiz.id, quiz.shuffleQuestions, quiz.shuffleOptions)
  if (layout.length === 0) throw new QuizError('noQuestions')
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
        // Kept with the attempt: a later change of the quiz's settings does not regrade it.
        passMark: quiz.passMark,
        gradingMethod: quiz.gradingMethod,
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

/**
 * Draws the questions (their published versions: a bank edit reaches learners when the course is
 * published, decision 111) and orders the options. Options are shuffled per attempt; with
 * shuffling turned off they are ordered by their random ids, never by authoring order
 * (docs/decisions/050-versioned-questions.md).
 */
async function buildLayout(
  quizId: string,
  shuffleQuestions: boolean,
  shuffleOptions: boolean,
): Promise<Layout> {
  const slots = await prisma.quizSlot.findMany({ where: { quizId }, orderBy: { position: 'asc' } })
  // Every live question the slots can draw, in one read; the draw itself is the domain rule
  // (app/domain/layout.ts) with a cryptographic generator.
  const fixed = slots.flatMap((s) => (s.questionId ? [s.questionId] : []))
  const categories = slots.flatMap((s) => (s.categoryId ? [s.categoryId] : []))
  const questions = await prisma.question.findMany({
    where: {
      OR: [{ id: { in: fixed } }, { categoryId: { in: categories } }],
      // The published version: bank edits and removals are drafts until the course is published.
      publishedVersionId: { not: null },
    },
    select: {
      id: true,
      categoryId: true,
      publishedVersion: { select: { id: true, optionIds: true } },
    },
  })
  const live = new Map(questions.map((q) => [q.id, q]))
  const pools = new Map<string, string[]>()
  for (const q of questions) {
    if (!q.categoryId) continue
    const pool = pools.get(q.categoryId)
    if (pool) pool.push(q.id)
    else pools.set(q.categoryId, [q.id])
  }
  const drawn = drawLayout({
    slots: slots.flatMap((s): Slot[] =>
      s.questionId
        ? live.has(s.questionId)
          ? [{ questionId: s.questionId }]
          : []
        : s.categoryId
          ? [{ categoryId: s.categoryId, drawCount: s.drawCount }]
          : [],
    ),
    pools,
    // Unshuffled options in id order: the ids are random, so the order says nothing of the key.
    options: new Map(questions.map((q) => [q.id, [...q.publishedVersion!.optionIds].sort()])),
    shuffleQuestions,
    shuffleOptions,
    rng: randomInt,
  })
  return drawn.map((l) => ({ ...l, versionId: live.get(l.questionId)!.publishedVersion!.id }))
}

function reviewFor(
  quiz: { closeAt: Date | null; reviewAfterSubmit: unknown; reviewAfterClose: unknown },
  status: string,
  now = new Date(),
): ReviewOptions | null {
  if (status !== 'GRADED') return null
  const closed = quiz.closeAt != null && quiz.closeAt <= now
  return reviewOptions(closed ? quiz.reviewAfterClose : quiz.reviewAfterSubmit)
}

// What the attempt page shows of a question version: versions and their options are immutable
// (decision 050: a change is a new version, a changed option a new option id), so each web process
// keeps them by version id and the page reads only the attempt per request (decision 073). The
// cache holds the answer key too; attemptView copies out only what the review options allow.
interface ShownVersion {
  id: string
  type: QuestionType
  text: string
  points: number
  feedback: string | null
  acceptedAnswers: string[]
  numericAnswer: number | null
  level: number
  options: Map<string, { id: string; text: string; correct: boolean; feedback: string | null }>
}
const SHOWN_VERSIONS_MAX = 5_000
const shownVersionCache = new Map<string, ShownVersion>()

async function shownVersions(versionIds: string[]) {
  const missing = [...new Set(versionIds)].filter((id) => !shownVersionCache.has(id))
  if (missing.length) {
    const rows = await sql<
      Omit<ShownVersion, 'options'> & {
        options: { id: string; text: string; correct: boolean; feedback: string | null }[]
      }
    >(Prisma.sql`
      SELECT v.id, v.type::text AS type, v.text, v.points, v.feedback, v."acceptedAnswers" AS "acceptedAnswers",
             v."numericAnswer" AS "numericAnswer", v.level,
             COALESCE((SELECT json_agg(json_build_object('id', o.id, 'text', o.text, 'correct', o.correct,
                         'feedback', o.feedback))
                       FROM "QuestionOption" o WHERE o."questionId" = v."questionId"), '[]') AS options
      FROM "QuestionVersion" v WHERE v.id = ANY(${missing}::text[])`)
    for (const { options, ...v } of rows) {
      if (shownVersionCache.size >= SHOWN_VERSIONS_MAX)
        shownVersionCache.delete(shownVersionCache.keys().next().value as string)
      shownVersionCache.set(v.id, { ...v, options: new Map(options.map((o) => [o.id, o])) })
    }
  }
  return shownVersionCache
}

interface AttemptRow {
  id: string
  number: number
  status: string
  startedAt: Date
  deadlineAt: Date | null
  submittedAt: Date | null
  lastSavedAt: Date | null
  timedOut: boolean
  gradedAt: Date | null
  score: number | null
  maxScore: number | null
  percent: number | null
  passed: boolean | null
  passMark: number
  layout: Layout
  answerScores: AnswerScores | null
  closeAt: Date | null
  reviewAfterSubmit: unknown
  reviewAfterClose: unknown
  lesson_slug: string
  lesson_title: string
  course_slug: string
  course_title: string
  /** [questionId, response, score] */
  answers: [string, Response | null, number | null][]
  /** versionId -> [competency code, competency name] (competencies are reference data: read live) */
  competencies: Record<string, [string, string]>
}

/**
 * What the learner may see of an attempt: exactly the question versions and options it was drawn
 * with. The answer key (option correctness, accepted and numeric answers) and the question's own
 * feedback (it often states the answer) are given out only when "show correct answers" is on; an
 * option's feedback only for options the learner chose, unless the answers are shown. One
 * statement per request (the attempt, its quiz's review settings, its answers, where it belongs);
 * the question versions come from the process's cache.
 */
export async function attemptView(attemptId: string, userId: string) {
  const { context: _context, ...view } = await attemptPageView(attemptId, userId)
  return view
}

/** attemptView plus where the attempt belongs (lesson, course) and when it was graded. */
export async function attemptPageView(attemptId: string, userId: string) {
  const [attempt] = await sql<AttemptRow>(
    Prisma.sql`
    SELECT a.id, a.number, a.status::text AS status, a."startedAt" AS "startedAt",
      a."deadlineAt" AS "deadlineAt", a."submittedAt" AS "submittedAt", a."lastSavedAt" AS "lastSavedAt",
      a."timedOut" AS "timedOut", a."gradedAt" AS "gradedAt", a.score, a."maxScore" AS "maxScore",
      a.percent, a.passed, a."passMark" AS "passMark", a.layout, a."answerScores" AS "answerScores",
      q."closeAt" AS "closeAt", q."reviewAfterSubmit" AS "reviewAfterSubmit",
      q."reviewAfterClose" AS "reviewAfterClose",
      l.slug AS lesson_slug, l.title AS lesson_title, c.slug AS course_slug, c.title AS course_title,
      COALESCE((SELECT json_agg(json_build_array(an."questionId", an.response, an.score))
                FROM "AttemptAnswer" an WHERE an."attemptId" = a.id), '[]') AS answers,
      COALESCE((SELECT json_object_agg(v.id, json_build_array(k.code, k.name))
                FROM jsonb_array_elements(a.layout) x
                JOIN "QuestionVersion" v ON v.id = x->>'versionId'
                JOIN "Competency" k ON k.id = v."competencyId"), '{}') AS competencies
    FROM "QuizAttempt" a
    JOIN "Quiz" q ON q.id = a."quizId"
    JOIN "Lesson" l ON l.id = q."lessonId"
    JOIN "Module" m ON m.id = l."moduleId"
    JOIN "Course" c ON c.id = m."courseId"
    WHERE a.id = ${attemptId} AND a."userId" = ${userId}`,
    { prepare: true },
  )
  if (!attempt) throw new QuizError('attemptNotFound', 404)
  const review = reviewFor(attempt, attempt.status)
  const showKey = review?.correct ?? false
  const showFeedback = review?.feedback ?? false
  const layout = attempt.layout
  const versions = await shownVersions(layout.map((l) => l.versionId))
  const answers = new Map(
    attempt.answers.map(([questionId, response, score]) => [questionId, { response, score }]),
  )
  const items = layout.map((l, index) => {
    const v = versions.get(l.versionId)!
    const a = answers.get(l.questionId)
    const response = a?.response ?? null
    const chosen = new Set(response?.optionIds ?? [])
    const [code, name] = attempt.competencies[l.versionId] ?? ['', '']
    return {
      index: index + 1,
      id: l.questionId,
      type: v.type,
      text: v.text,
      points: v.points,
      options: l.optionIds.flatMap((id) => {
        const o = v.options.get(id)
        if (!o) return []
        const rest = { id: o.id, text: o.text, ...(showKey ? { correct: o.correct } : {}) }
        const feedback = showFeedback ? o.feedback : undefined
        // Feedback of an option the learner did not choose can give the key away.
        return [showKey || chosen.has(id) ? { ...rest, feedback } : rest]
      }),
      response,
      score: review?.score ? answerScore(attempt.answerScores, l.questionId, a) : undefined,
      feedback: showKey && showFeedback ? v.feedback : undefined,
      acceptedAnswers: showKey ? v.acceptedAnswers : undefined,
      numericAnswer: showKey ? v.numericAnswer : undefined,
      competency: { code, name },
      level: v.level,
    }
  })
  return {
    attempt: {
      id: attempt.id,
      number: attempt.number,
      status: attempt.status as AttemptStatus,
      startedAt: attempt.startedAt,
      deadlineAt: attempt.deadlineAt,
      submittedAt: attempt.submittedAt,
      lastSavedAt: attempt.lastSavedAt,
      timedOut: attempt.timedOut,
      passMark: attempt.passMark,
      score: review?.score ? attempt.score : null,
      maxScore: review?.score ? attempt.maxScore : null,
      percent: review?.score ? attempt.percent : null,
      passed: review?.score ? attempt.passed : null,
    },
    review,
    items,
    /** Where the attempt belongs and when it was graded (the page's links and "updated" marks). */
    context: {
      gradedAt: attempt.gradedAt,
      lesson: { slug: attempt.lesson_slug, title: attempt.lesson_title },
      course: { slug: attempt.course_slug, title: attempt.course_title },
    },
  }
}

/** Longest text answer accepted (an essay); short and numeric answers are far below it. */
export const MAX_TEXT_ANSWER = 20_000

/**
 * The schema of the answers to one attempt, built from its layout: only its questions, for a
 * choice question only that question's option ids and each at most once, text within its cap.
 */
export function answersSchema(layout: Layout) {
  const shape: Record<string, z.ZodTypeAny> = {}
  for (const l of layout) {
    if (l.optionIds.length) {
      const ids = l.optionIds as [string, ...string[]]
      shape[l.questionId] = z
        .object({
          optionIds: z
            .array(z.enum(ids, { message: 'quiz.answer.unknownOption' }))
            .max(ids.length)
            .refine((a) => new Set(a).size === a.length, 'quiz.answer.repeatedOption'),
        })
        .strict()
        .optional()
    } else {
      shape[l.questionId] = z
        .object({
          text: z
            .string()
            .max(MAX_TEXT_ANSWER, messageWith('quiz.answer.tooLong', { max: MAX_TEXT_ANSWER }))
            .optional(),
          value: z.number().finite().nullable().optional(),
        })
        .strict()
        .optional()
    }
  }
  return z.object(shape).strict()
}

const plainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Exactly what `answersSchema(layout)` accepts unchanged, checked without building it. */
function plainlyValid(raw: unknown, layout: Layout) {
  if (!plainObject(raw)) return false
  const byId = new Map(layout.map((l) => [l.questionId, l]))
  for (const [id, answer] of Object.entries(raw)) {
    const l = byId.get(id)
    if (!l || !plainObject(answer)) return false
    const keys = Object.keys(answer)
    if (l.optionIds.length) {
      const ids = answer.optionIds
      if (keys.length !== 1 || !Array.isArray(ids) || ids.length > l.optionIds.length) return false
      if (new Set(ids).size !== ids.length) return false
      if (!ids.every((x) => typeof x === 'string' && l.optionIds.includes(x))) return false
    } else {
      if (keys.some((k) => k !== 'text' && k !== 'value')) return false
      const { text, value } = answer
      if (text !== undefined && (typeof text !== 'string' || text.length > MAX_TEXT_ANSWER))
        return false
      if (value !== undefined && value !== null && !(typeof value === 'number' && isFinite(value)))
        return false
      if ('text' in answer && text === undefined) return false
      if ('value' in answer && value === undefined) return false
    }
  }
  return true
}

/**
 * Reads answers (responses by question id, or the attempt page's form) against the attempt's
 * layout. In a form, `q_<questionId>` carries the choice(s) or text; `shown` lists the questions
 * on the page, so a multiple-answer question with every box unticked (the browser sends nothing
 * for it) is saved as an empty answer instead of keeping the old ticks.
 */
export function parseAnswers(
  given: Record<string, Response> | FormData,
  layout: Layout,
): Record<string, Response> {
  let raw: Record<string, unknown> = given as Record<string, unknown>
  if (given instanceof FormData) {
    raw = {}
    const shown = new Set(given.getAll('shown').map(String))
    for (const l of layout) {
      const key = `q_${l.questionId}`
      if (!given.has(key) && !shown.has(l.questionId)) continue
      const values = given.getAll(key).map(String)
      if (l.optionIds.length) raw[l.questionId] = { optionIds: values.filter((v) => v !== '') }
      else {
        const text = values[0] ?? ''
        // Stored as typed plus the number it reads as ("6.600.000" -> 6600000); an ambiguous
        // "6.600" keeps value null and is settled at grading by the key's magnitude.
        raw[l.questionId] = { text, value: indonesianNumberValue(text) }
      }
    }
  }
  // Well-formed answers (nearly all) skip building the attempt's Zod schema (decision 071); the
  // schema decides, and words the message, for anything else.
  if (plainlyValid(raw, layout)) return raw as Record<string, Response>
  const parsed = answersSchema(layout).safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    // The schema's own codes (quiz.answer.*); anything else Zod says is "not a valid answer".
    const coded =
      issue.code === 'unrecognized_keys'
        ? { code: 'quiz.answer.unknownQuestion' }
        : readMessage(issue.message)
    const reason = coded?.code.startsWith('quiz.') ? coded.code.slice(5) : 'invalidAnswer'
    throw new QuizError(reason, 400, coded?.code.startsWith('quiz.') ? coded.params : {})
  }
  return parsed.data as Record<string, Response>
}

async function openAttempt(attemptId: string, userId: string) {
  const rows = await sql<{
    id: string
    status: string
    deadlineAt: Date | null
    layout: unknown
    timedOut: boolean
  }>(
    Prisma.sql`
    SELECT id, status::text AS status, "deadlineAt", layout, "timedOut" FROM "QuizAttempt" WHERE id = ${attemptId} AND "userId" = ${userId}`,
    { prepare: true },
  )
  const attempt = rows[0]
  if (!attempt) throw new QuizError('attemptNotFound', 404)
  return attempt
}

/**
 * Saves answers while the attempt is open, as ONE guarded statement: the attempt must still be in
 * progress and the request must have arrived before the deadline (plus grace) — checked on the row
 * the statement locks, so a save racing a submit either lands before it or changes nothing. Each
 * answer keeps the arrival time of the request that wrote it, and an answer is only replaced by
 * one that arrived later: of two saves in flight, the later-arrived wins whatever the order the
 * server processes them in.
 */
export async function saveAnswers(
  attemptId: string,
  userId: string,
  /** Responses by question id, or the attempt page's form (parsed against the attempt's layout). */
  given: Record<string, Response> | FormData,
  /** When the server received the request (ms): a request queued behind a burst keeps its time. */
  receivedAt = Date.now(),
) {
  const attempt = await openAttempt(attemptId, userId)
  if (attempt.status !== 'IN_PROGRESS') throw new QuizError('saveAfterSubmit', 409)
  if (isPastDeadline(attempt.deadlineAt, receivedAt)) throw new QuizError('lateSave', 409)
  const entries = Object.entries(parseAnswers(given, attempt.layout as Layout))
  const arrival = new Date(receivedAt).toISOString()
  const grace = DEADLINE_GRACE_MS
  const [row] = await sql<{ moved: number; status: string | null }>(
    Prisma.sql`
    WITH moved AS (
      UPDATE "QuizAttempt" SET "lastSavedAt" = GREATEST("lastSavedAt", (${arrival}::timestamptz AT TIME ZONE 'UTC'))
      WHERE id = ${attemptId} AND "userId" = ${userId} AND status = 'IN_PROGRESS'
        AND ("deadlineAt" IS NULL OR (${arrival}::timestamptz AT TIME ZONE 'UTC') <= "deadlineAt" + make_interval(secs => ${grace}::float8 / 1000))
      RETURNING id
    ), answers AS (
      INSERT INTO "AttemptAnswer" ("attemptId", "questionId", "response", "savedAt")
      SELECT moved.id, t.q, t.r::jsonb, (${arrival}::timestamptz AT TIME ZONE 'UTC')
      FROM moved, unnest(${entries.map(([q]) => q)}::text[], ${entries.map(([, r]) => JSON.stringify(r))}::text[]) AS t(q, r)
      ON CONFLICT ("attemptId", "questionId") DO UPDATE SET "response" = EXCLUDED."response", "savedAt" = EXCLUDED."savedAt"
      WHERE "AttemptAnswer"."savedAt" <= EXCLUDED."savedAt"
      RETURNING 1
    )
    SELECT (SELECT count(*)::int FROM moved) AS moved, (SELECT count(*)::int FROM answers) AS saved,
           (SELECT status::text FROM "QuizAttempt" WHERE id = ${attemptId}) AS status`,
    { prepare: true },
  )
  if (!row?.moved) {
    // The submit (or the sweep) got there first.
    throw new QuizError('saveAfterSubmit', 409)
  }
  // Numbers that read two ways ("6.600"): saved as typed, and the learner is told to make them clear.
  const ambiguousNumbers = entries.filter(
    ([, r]) => typeof r.text === 'string' && parseIndonesianNumber(r.text).kind === 'ambiguous',
  ).length
  return { saved: entries.length, ambiguousNumbers }
}

export type SubmitOutcome =
  /** Submitted now with the answers sent (or, if late, with those saved in time). */
  | 'submitted'
  /** The overdue sweep had closed the attempt; this in-time submit's answers replaced the saved ones. */
  | 'overrodeTimeout'
  /** Already submitted by the learner (a double submit): nothing changed. */
  | 'alreadySubmitted'
  /** The sweep closed it and grading had finished before this submit was processed. */
  | 'timedOutGraded'

/**
 * Submits: the state change, the answers given with the submit (when still in time) and the
 * grading job's outbox row are ONE SQL statement (data-modifying CTEs are atomic), so an exam-end
 * burst costs one round trip per submission. A second submit changes nothing. A submit that
 * arrived in time is honoured even when the overdue sweep closed the attempt first: while the
 * attempt waits for grading, its answers replace the ones the sweep saw (the grading job, queued
 * by the sweep, reads them; a grading run already under way notices and retries).
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
  const late = isPastDeadline(attempt.deadlineAt, receivedAt)
  const responses = parseAnswers(given, attempt.layout as Layout)
  const lateAnswersRefused = late && Object.keys(responses).length > 0
  if (attempt.status !== 'IN_PROGRESS' && (late || !attempt.timedOut)) {
    return {
      outcome: (attempt.timedOut ? 'timedOutGraded' : 'alreadySubmitted') as SubmitOutcome,
      alreadySubmitted: true,
      lateAnswersRefused,
    }
  }
  const entries = late ? [] : Object.entries(responses)
  const now = new Date().toISOString()
  const arrival = new Date(receivedAt).toISOString()
  // `old` locks the row and yields its state before this statement: a fresh submit moves
  // IN_PROGRESS -> SUBMITTED and records the grading job; an in-time submit after the sweep
  // (SUBMITTED and timedOut, not yet graded) keeps SUBMITTED, replaces the answers and reuses the
  // sweep's grading job.
  const rows = await sql<{ outbox_id: string | null; old_status: string | null }>(
    Prisma.sql`
    WITH old AS (
      SELECT id, status::text AS status FROM "QuizAttempt"
      WHERE id = ${attemptId} AND "userId" = ${userId} FOR UPDATE
    ), moved AS (
      UPDATE "QuizAttempt" a SET status = 'SUBMITTED', "submittedAt" = (${now}::timestamptz AT TIME ZONE 'UTC'),
        "lastSavedAt" = GREATEST(a."lastSavedAt", (${arrival}::timestamptz AT TIME ZONE 'UTC')),
        "timedOut" = false
      FROM old
      WHERE a.id = old.id AND (old.status = 'IN_PROGRESS' OR (old.status = 'SUBMITTED' AND a."timedOut" AND NOT ${late}::boolean))
      RETURNING a.id, old.status AS old_status
    ), answers AS (
      INSERT INTO "AttemptAnswer" ("attemptId", "questionId", "response", "savedAt")
      SELECT moved.id, t.q, t.r::jsonb, (${arrival}::timestamptz AT TIME ZONE 'UTC')
      FROM moved, unnest(${entries.map(([q]) => q)}::text[], ${entries.map(([, r]) => JSON.stringify(r))}::text[]) AS t(q, r)
      ON CONFLICT ("attemptId", "questionId") DO UPDATE SET "response" = EXCLUDED."response", "savedAt" = EXCLUDED."savedAt"
    ), outbox AS (
      INSERT INTO ${OUTBOX_TABLE} SELECT ${outboxValues(gradeAttemptContract, { attemptId }, now)}
      FROM moved WHERE moved.old_status = 'IN_PROGRESS'
      RETURNING id
    )
    SELECT (SELECT id FROM outbox) AS outbox_id, (SELECT old_status FROM moved) AS old_status`,
    { prepare: true },
  )
  const outboxId = rows[0]?.outbox_id ?? null
  const oldStatus = rows[0]?.old_status ?? null
  // The job and payload are known here: the relay need not read the row back.
  if (outboxId) relaySoon([{ id: outboxId, job: gradeAttemptContract, payload: { attemptId } }])
  const outcome: SubmitOutcome =
    oldStatus === 'IN_PROGRESS'
      ? 'submitted'
      : oldStatus === 'SUBMITTED'
        ? 'overrodeTimeout'
        : attempt.timedOut || attempt.status === 'IN_PROGRESS'
          ? 'timedOutGraded'
          : 'alreadySubmitted'
  return {
    outcome,
    alreadySubmitted: oldStatus === null,
    lateAnswersRefused,
  }
}

/**
 * Scheduled: closes attempts whose deadline passed more than SWEEP_GRACE_MS ago and queues their
 * grading, `batch` at a time in one statement each (attempt state and outbox rows together). At
 * the end of a timed exam a whole cohort can run out of time at once; SKIP LOCKED lets a submit
 * that is being written win. The attempt is marked `timedOut`, so an in-time submit processed
 * later can still override it while it waits for grading.
 */
export async function finaliseOverdueAttempts(batch = 2_000) {
  const cutoff = new Date(Date.now() - SWEEP_GRACE_MS)
  let total = 0
  for (;;) {
    const now = new Date()
    const rows = await sql<{ id: string }>(
      Prisma.sql`
      WITH due AS (
        SELECT id FROM "QuizAttempt"
        WHERE status = 'IN_PROGRESS' AND "deadlineAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        LIMIT ${batch} FOR UPDATE SKIP LOCKED
      ), moved AS (
        UPDATE "QuizAttempt" a SET status = 'SUBMITTED', "submittedAt" = (${now}::timestamptz AT TIME ZONE 'UTC'),
          "timedOut" = true
        FROM due WHERE a.id = due.id AND a.status = 'IN_PROGRESS'
        RETURNING a.id
      )
      INSERT INTO ${OUTBOX_TABLE}
      SELECT ${outboxSelect(gradeAttemptContract, Prisma.sql`jsonb_build_object('attemptId', moved.id)`, now)}
      FROM moved
      RETURNING id`,
      // Not prepared: the sweep's plan depends on its cutoff and batch size, and prepared
      // statements run with generic plans (decision 122); it runs once per sweep.
    )
    if (rows.length) relaySoon(rows.map((r) => r.id))
    total += rows.length
    if (rows.length < batch) return total
  }
}

/** State of one of the learner's attempts for the result page's poll (null: not theirs or none). */
export async function attemptStatus(attemptId: string, userId: string) {
  const [row] = await sql<{ status: string; rated: boolean }>(
    Prisma.sql`
    SELECT status::text AS status, "ratedAt" IS NOT NULL AS rated
    FROM "QuizAttempt" WHERE id = ${attemptId} AND "userId" = ${userId}`,
    { prepare: true },
  )
  return row ?? null
}

/** Screen read-model of the attempt page: where the attempt belongs (course, lesson). */
export async function attemptContext(attemptId: string, userId: string) {
  const a = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId },
    select: {
      layout: true,
      gradedAt: true,
      quiz: {
        select: {
          lesson: {
            select: {
              slug: true,
              title: true,
              module: { select: { course: { select: { slug: true, title: true } } } },
            },
          },
        },
      },
    },
  })
  if (!a) throw new QuizError('attemptNotFound', 404)
  return a
}
