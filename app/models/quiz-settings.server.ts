// Quiz settings for instructors: pass mark, attempts, grading method, time limit, open/close window
// (entered and shown in WIB), shuffling, review options and how many questions each category slot
// draws. The quiz engine (quiz.server.ts) reads these when an attempt starts.
import { Prisma, type GradingMethod } from '~/generated/prisma/client'
import { GRADING_METHODS } from '~/domain/grading-method'
import { parseJakartaDateTime, PORTAL_TIME_ZONE, toJakartaDateTimeInput } from '~/domain/time'
import type { Lng } from '~/i18n'
import { prisma } from '~/utils/db.server'
import type { ErrorParams } from '~/utils/errors'
import { messageTemplate, renderMessage } from '~/utils/messages'
import {
  drawField,
  REVIEW_KEYS,
  type DrawField,
  type QuizSettingsValue,
} from '~/schemas/quiz-settings'
import { taughtCourseIds, teaches, type Actor } from './course-instructor.server'
import { type ReviewOptions } from './quiz.server'
import { FieldError } from './user.server'

export { GRADING_METHODS }
// The form's schema is client-safe (the browser validates with it too): app/schemas/quiz-settings.ts.
export {
  ATTEMPTS_MAX,
  drawField,
  PASS_MARK_MAX,
  quizSettingsSchema,
  REVIEW_KEYS,
  TIME_LIMIT_MINUTES_MAX,
  type DrawField,
  type QuizSettingsValue,
} from '~/schemas/quiz-settings'

// ---------------------------------------------------------------------------------------------
// WIB (Asia/Jakarta) date-times: `<input type="datetime-local">` carries no zone; we read and
// write it as Jakarta time (app/domain/time.ts).

/** "2026-03-01T08:00" read as WIB, or null when it is not a real date and time (2000–2099). */
export const parseWibDateTime = (text: string): Date | null => parseJakartaDateTime(text)

/** The value for a `datetime-local` input showing `date` in WIB ("2026-03-01T08:00"). */
export const toWibInput = toJakartaDateTimeInput

const wibFormats = {
  id: new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: PORTAL_TIME_ZONE,
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: PORTAL_TIME_ZONE,
  }),
}

/** "1 Mar 2026, 08.00 WIB" (id) or "1 Mar 2026, 08:00 WIB" (en) for summaries. */
export function formatWib(date: Date, lng: Lng = 'id') {
  return `${wibFormats[lng].format(date)} WIB`
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Review options stored as JSON; a missing or malformed key counts as "not shown". */
export function reviewOptions(json: unknown): ReviewOptions {
  const o = (json && typeof json === 'object' && !Array.isArray(json) ? json : {}) as Record<
    string,
    unknown
  >
  return { score: o.score === true, correct: o.correct === true, feedback: o.feedback === true }
}

function questionCountOf(slots: { questionId: string | null; drawCount: number }[]) {
  return slots.reduce((s, x) => s + (x.questionId ? 1 : x.drawCount), 0)
}

/**
 * One line describing a quiz's settings, for lists, in the reader's language: every part is a
 * locale text (`screens.quizSettings.summary.*`) with its values.
 */
export function settingsSummary(
  q: Pick<
    QuizSettingsValue,
    'passMark' | 'attemptsAllowed' | 'gradingMethod' | 'timeLimitSec' | 'openAt' | 'closeAt'
  > & { questionCount: number },
  lng: Lng = 'id',
) {
  const S = 'screens.quizSettings.summary'
  const part = (key: string, params: ErrorParams = {}) =>
    renderMessage({ code: `${S}.${key}`, params }, lng)
  const minutes = q.timeLimitSec ? Math.round(q.timeLimitSec / 60) : 0
  const method = messageTemplate(`domain.gradingMethod.name.${q.gradingMethod}`, lng) ?? ''
  const parts = [
    part('passMark', { mark: q.passMark }),
    q.attemptsAllowed === 0
      ? part('attemptsUnlimited')
      : part('attempts', { count: q.attemptsAllowed }),
    part('method', { method: method.toLowerCase() }),
    minutes ? part(minutes === 1 ? 'minute' : 'minutes', { count: minutes }) : part('noTimeLimit'),
    part(q.questionCount === 1 ? 'question' : 'questions', { count: q.questionCount }),
  ]
  if (q.openAt) parts.push(part('opens', { at: formatWib(q.openAt, lng) }))
  if (q.closeAt) parts.push(part('closes', { at: formatWib(q.closeAt, lng) }))
  return parts.join(' · ')
}

/** What both the quiz list and the settings page read: the summary settings and where the quiz is. */
const summarySelect = {
  id: true,
  passMark: true,
  attemptsAllowed: true,
  gradingMethod: true,
  timeLimitSec: true,
  openAt: true,
  closeAt: true,
  lesson: {
    select: {
      title: true,
      slug: true,
      module: { select: { course: { select: { id: true, title: true, slug: true } } } },
    },
  },
} satisfies Prisma.QuizSelect

/**
 * The quizzes the actor may configure (their courses' quizzes; every quiz for an admin), with
 * course and lesson, in course order, with a short settings summary.
 */
export async function quizzesForAuthoring(actor: Actor, lng: Lng = 'id') {
  const courseIds = await taughtCourseIds(actor)
  const quizzes = await prisma.quiz.findMany({
    where: courseIds ? { lesson: { module: { courseId: { in: courseIds } } } } : {},
    orderBy: [
      { lesson: { module: { course: { title: 'asc' } } } },
      { lesson: { module: { position: 'asc' } } },
      { lesson: { position: 'asc' } },
    ],
    select: {
      ...summarySelect,
      slots: { select: { questionId: true, drawCount: true } },
    },
  })
  return quizzes.map((q) => ({
    id: q.id,
    courseTitle: q.lesson.module.course.title,
    courseSlug: q.lesson.module.course.slug,
    lessonTitle: q.lesson.title,
    lessonSlug: q.lesson.slug,
    summary: settingsSummary({ ...q, questionCount: questionCountOf(q.slots) }, lng),
  }))
}

export type SettingsSlot = {
  id: string
  position: number
  kind: 'QUESTION' | 'CATEGORY'
  /** Fixed question: its text. */
  questionText: string | null
  /** Category slot: the category, how many questions it holds and how many are drawn. */
  categoryName: string | null
  categoryQuestions: number
  drawCount: number
}

/** The quiz with every setting and its slots, or null when there is no such quiz. */
export async function quizSettings(quizId: string) {
  const quiz = await prisma.quiz.findUnique({
    where: { id: quizId },
    select: {
      ...summarySelect,
      shuffleQuestions: true,
      shuffleOptions: true,
      reviewAfterSubmit: true,
      reviewAfterClose: true,
      slots: {
        orderBy: { position: 'asc' },
        select: {
          id: true,
          position: true,
          questionId: true,
          drawCount: true,
          question: { select: { currentVersion: { select: { text: true } } } },
          category: {
            select: {
              name: true,
              _count: { select: { questions: { where: { archivedAt: null } } } },
            },
          },
        },
      },
      _count: { select: { attempts: { where: { status: 'IN_PROGRESS' } } } },
    },
  })
  if (!quiz) return null
  const slots: SettingsSlot[] = quiz.slots.map((s) => ({
    id: s.id,
    position: s.position,
    kind: s.questionId ? 'QUESTION' : 'CATEGORY',
    questionText: s.question?.currentVersion?.text ?? null,
    categoryName: s.category?.name ?? null,
    categoryQuestions: s.category?._count.questions ?? 0,
    drawCount: s.drawCount,
  }))
  return {
    id: quiz.id,
    courseId: quiz.lesson.module.course.id,
    courseTitle: quiz.lesson.module.course.title,
    courseSlug: quiz.lesson.module.course.slug,
    lessonTitle: quiz.lesson.title,
    lessonSlug: quiz.lesson.slug,
    passMark: quiz.passMark,
    attemptsAllowed: quiz.attemptsAllowed,
    gradingMethod: quiz.gradingMethod,
    timeLimitSec: quiz.timeLimitSec,
    openAt: quiz.openAt,
    closeAt: quiz.closeAt,
    shuffleQuestions: quiz.shuffleQuestions,
    shuffleOptions: quiz.shuffleOptions,
    reviewAfterSubmit: reviewOptions(quiz.reviewAfterSubmit),
    reviewAfterClose: reviewOptions(quiz.reviewAfterClose),
    slots,
    questionCount: questionCountOf(quiz.slots),
    attemptsInProgress: quiz._count.attempts,
  }
}

export type QuizSettings = NonNullable<Awaited<ReturnType<typeof quizSettings>>>

type ReviewFields = Record<(typeof REVIEW_KEYS)[number], string>

/** The settings form's field values: text as the inputs hold it ("on" = checked). */
export type SettingsFormDefaults = {
  passMark: string
  attemptsAllowed: string
  gradingMethod: GradingMethod
  timeLimitMinutes: string
  openAt: string
  closeAt: string
  shuffleQuestions: string
  shuffleOptions: string
  reviewAfterSubmit: ReviewFields
  reviewAfterClose: ReviewFields
} & Record<DrawField, string>

/** The form's field values for the current settings (times as WIB `datetime-local` text). */
export function settingsFormDefaults(q: QuizSettings): SettingsFormDefaults {
  const draws: Record<DrawField, string> = Object.fromEntries(
    q.slots.filter((s) => s.kind === 'CATEGORY').map((s) => [drawField(s.id), String(s.drawCount)]),
  )
  const review = (r: ReviewOptions) =>
    Object.fromEntries(REVIEW_KEYS.map((k) => [k, r[k] ? 'on' : ''])) as ReviewFields
  return {
    passMark: String(q.passMark),
    attemptsAllowed: String(q.attemptsAllowed),
    gradingMethod: q.gradingMethod,
    timeLimitMinutes: q.timeLimitSec ? String(Math.round(q.timeLimitSec / 60)) : '',
    openAt: toWibInput(q.openAt),
    closeAt: toWibInput(q.closeAt),
    shuffleQuestions: q.shuffleQuestions ? 'on' : '',
    shuffleOptions: q.shuffleOptions ? 'on' : '',
    reviewAfterSubmit: review(q.reviewAfterSubmit),
    reviewAfterClose: review(q.reviewAfterClose),
    ...draws,
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Saves the settings and the category slots' draw counts in one transaction: either all of it is
 * written or nothing is. Returns null when the quiz does not exist; throws FieldError when the
 * question bank or the slots changed since the form was validated (nothing is written then).
 *
 * Attempts already started keep their deadline and their questions: startAttempt fixes both on
 * the attempt row (deadlineAt from the time limit and close time, layout from the slots and the
 * shuffle options), and answers are checked against that row, never against the quiz. So the
 * time limit, open/close window, draw counts and shuffling apply to attempts started from now on.
 * The pass mark is applied when an attempt is graded (attempts already graded keep their stored
 * result); the grading method and review options are read whenever grades and reviews are shown.
 */
export async function updateQuizSettings(
  quizId: string,
  value: QuizSettingsValue,
  actorId: string,
) {
  const changedMeanwhile = () => new FieldError('', 'quizSettings.changedMeanwhile')
  let saved: boolean
  try {
    saved = await prisma.$transaction(async (tx) => {
      const quiz = await tx.quiz.findUnique({
        where: { id: quizId },
        select: {
          slots: {
            where: { questionId: null },
            select: {
              id: true,
              category: {
                select: { _count: { select: { questions: { where: { archivedAt: null } } } } },
              },
            },
          },
        },
      })
      if (!quiz) return false
      const slotIds = new Set(quiz.slots.map((s) => s.id))
      const given = Object.keys(value.draws)
      if (given.length !== slotIds.size || given.some((id) => !slotIds.has(id)))
        throw changedMeanwhile()
      for (const s of quiz.slots) {
        const n = s.category?._count.questions ?? 0
        if (value.draws[s.id]! > n)
          throw new FieldError(drawField(s.id), 'quizSettings.drawMax', { max: n })
      }
      await tx.quiz.update({
        where: { id: quizId },
        data: {
          passMark: value.passMark,
          attemptsAllowed: value.attemptsAllowed,
          gradingMethod: value.gradingMethod,
          timeLimitSec: value.timeLimitSec,
          openAt: value.openAt,
          closeAt: value.closeAt,
          shuffleQuestions: value.shuffleQuestions,
          shuffleOptions: value.shuffleOptions,
          reviewAfterSubmit: { ...value.reviewAfterSubmit },
          reviewAfterClose: { ...value.reviewAfterClose },
        },
      })
      for (const s of quiz.slots)
        await tx.quizSlot.update({ where: { id: s.id }, data: { drawCount: value.draws[s.id]! } })
      return true
    })
  } catch (e) {
    // A content import replaced the slots between our read and our write (the row is gone).
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2025')
      throw changedMeanwhile()
    throw e
  }
  if (saved) console.info(`[authoring] quiz ${quizId} settings changed by user ${actorId}`)
  return saved ? { id: quizId } : null
}

/** A message code (errors.codes.quizSettings.notInstructor), rendered by the error boundary. */
export const NOT_INSTRUCTOR_MESSAGE = 'quizSettings.notInstructor'

/**
 * The quiz settings for someone who may see and change them: an admin, or an instructor of the
 * quiz's course (course instructors, decision of issue 9 item 8). Null when there is no such quiz;
 * `forbidden` when the actor does not teach the course.
 */
export async function quizSettingsFor(quizId: string, actor: Actor) {
  const quiz = await quizSettings(quizId)
  if (!quiz) return { quiz: null, forbidden: false } as const
  if (!(await teaches(actor, quiz.courseId))) return { quiz: null, forbidden: true } as const
  return { quiz, forbidden: false } as const
}
