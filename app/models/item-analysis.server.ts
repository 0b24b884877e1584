// Results of a quiz for its instructors: attempts, score distribution and item analysis
// (app/domain/item-analysis.ts). Graded attempts only; a question is analysed over every
// attempt that drew it, whatever version was drawn (docs/decisions/052-item-analysis.md).
import {
  analyseItems,
  doesNotDiscriminate,
  scoreDistribution,
  type AnalysedAttempt,
  type ItemFlag,
} from '~/domain/item-analysis'
import { prisma } from '~/utils/db.server'
import { NotFoundError } from '~/utils/errors'
import type { AnswerScores } from './quiz.server'

type Layout = { questionId: string; versionId: string }[]

export interface QuizAnalysis {
  quiz: { id: string; title: string; courseId: string; courseTitle: string }
  attempts: { total: number; graded: number; waiting: number; inProgress: number; learners: number }
  meanPercent: number | null
  distribution: { from: number; to: number; count: number }[]
  items: {
    questionId: string
    text: string
    type: string
    version: number | null
    attempts: number
    facility: number
    discrimination: number | null
    flags: ItemFlag[]
    flagged: boolean
  }[]
}

export async function quizCourse(quizId: string) {
  const quiz = await prisma.quiz.findUnique({
    where: { id: quizId },
    select: {
      id: true,
      lesson: {
        select: {
          title: true,
          module: { select: { course: { select: { id: true, title: true } } } },
        },
      },
    },
  })
  if (!quiz) throw new NotFoundError('notFound')
  return {
    id: quiz.id,
    title: quiz.lesson.title,
    courseId: quiz.lesson.module.course.id,
    courseTitle: quiz.lesson.module.course.title,
  }
}

/** Attempts, distribution and per-question statistics of one quiz. */
export async function quizAnalysis(quizId: string): Promise<QuizAnalysis> {
  const quiz = await quizCourse(quizId)
  const [counts, graded] = await Promise.all([
    prisma.quizAttempt.groupBy({ by: ['status'], where: { quizId }, _count: { _all: true } }),
    prisma.quizAttempt.findMany({
      where: { quizId, status: 'GRADED', percent: { not: null } },
      orderBy: { submittedAt: 'asc' },
      select: {
        userId: true,
        percent: true,
        layout: true,
        answerScores: true,
        answers: { select: { questionId: true, score: true, maxScore: true } },
      },
    }),
  ])
  const count = (s: string) => counts.find((c) => c.status === s)?._count._all ?? 0
  const attempts: AnalysedAttempt[] = graded.map((a) => {
    // Kept with the attempt since decision 011; older attempts have them in their answer rows.
    const kept = a.answerScores as AnswerScores | null
    const scores = kept
      ? new Map(Object.entries(kept).map(([q, [score, maxScore]]) => [q, { score, maxScore }]))
      : new Map(a.answers.map((x) => [x.questionId, x]))
    const items: Record<string, number> = {}
    for (const slot of a.layout as Layout) {
      const s = scores.get(slot.questionId)
      items[slot.questionId] = s?.score != null && s.maxScore ? s.score / s.maxScore : 0
    }
    return { percent: a.percent!, items }
  })
  const stats = analyseItems(attempts)
  const questions = await prisma.question.findMany({
    where: { id: { in: stats.map((s) => s.questionId) } },
    select: { id: true, currentVersion: { select: { text: true, type: true, version: true } } },
  })
  const byId = new Map(questions.map((q) => [q.id, q]))
  const percents = attempts.map((a) => a.percent)
  return {
    quiz,
    attempts: {
      total: counts.reduce((s, c) => s + c._count._all, 0),
      graded: graded.length,
      waiting: count('NEEDS_GRADING') + count('SUBMITTED'),
      inProgress: count('IN_PROGRESS'),
      learners: new Set(graded.map((a) => a.userId)).size,
    },
    meanPercent: percents.length
      ? Math.round((percents.reduce((s, p) => s + p, 0) / percents.length) * 10) / 10
      : null,
    distribution: scoreDistribution(percents),
    items: stats.map((s) => {
      const q = byId.get(s.questionId)?.currentVersion
      return {
        ...s,
        text: q?.text ?? '',
        type: q?.type ?? '',
        version: q?.version ?? null,
        flagged: doesNotDiscriminate(s),
      }
    }),
  }
}

export interface FlaggedQuestion {
  courseId: string
  quizId: string
  quizTitle: string
  questionId: string
  text: string
  attempts: number
  facility: number
  discrimination: number | null
  flags: ItemFlag[]
  /** The question's editor in the bank. */
  editUrl: string
}

/**
 * Questions of a course's quizzes that do not discriminate (negative or below 0.2 over at least
 * MIN_ATTEMPTS graded attempts), for the revision report and the instructors.
 */
export async function flaggedQuestionsByCourse(courseId: string): Promise<FlaggedQuestion[]> {
  const quizzes = await prisma.quiz.findMany({
    where: { lesson: { module: { courseId } } },
    select: { id: true },
  })
  const out: FlaggedQuestion[] = []
  for (const { id } of quizzes) {
    const a = await quizAnalysis(id)
    for (const item of a.items.filter((i) => i.flagged))
      out.push({
        courseId,
        quizId: id,
        quizTitle: a.quiz.title,
        questionId: item.questionId,
        text: item.text,
        attempts: item.attempts,
        facility: item.facility,
        discrimination: item.discrimination,
        flags: item.flags,
        editUrl: questionEditUrl(courseId, item.questionId),
      })
  }
  return out
}

export function questionEditUrl(courseId: string, questionId: string) {
  return `/authoring/bank/${courseId}/questions/${questionId}`
}
