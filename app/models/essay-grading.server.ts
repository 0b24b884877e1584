// Essay grading by instructors. An attempt with an ungraded essay waits in NEEDS_GRADING (see
// grading.server.ts); an instructor scores its essays here. Once every essay is scored, the
// attempt goes back to SUBMITTED and its grading job is recorded in the same transaction, so the
// grading worker computes the total, evidence and rating as for any other attempt.
import { gradeAttemptContract, notifyContract } from '~/jobs/contracts.server'
import { outboxInsert, relaySoon } from '~/jobs/outbox.server'
import { prisma } from '~/utils/db.server'
import { AppError, messageWith, type ErrorParams } from '~/utils/errors'
import { audit } from './audit.server'
import { taughtCourseIds, type Actor } from './course-instructor.server'
import type { Layout, Response } from './quiz.server'

/**
 * A refusal of the grading model: a code under errors.codes.essayGrading with its parameters
 * (decision 041). `message` is the code with its parameters (`messageWith`), which `ErrorList` /
 * `useErrorText` translate.
 */
export class EssayGradingError extends AppError {
  constructor(
    code: string,
    status = 400,
    /** The question the message is about, so a form can show it next to that field. */
    public questionId?: string,
    params: ErrorParams = {},
  ) {
    super(`essayGrading.${code}`, { status, params })
    this.name = 'EssayGradingError'
    this.message = messageWith(this.code, params)
  }
}

const alreadyGraded = () => new EssayGradingError('alreadyGraded', 409)

function refuseUnlessNeedsGrading(status: string) {
  if (status === 'NEEDS_GRADING') return
  if (status === 'IN_PROGRESS') throw new EssayGradingError('notSubmitted', 409)
  throw alreadyGraded()
}

/** The ESSAY question versions among the given ones (the versions the attempts were drawn with). */
async function essayVersionsAmong(versionIds: string[]) {
  if (versionIds.length === 0) return new Map<string, { text: string; points: number }>()
  const rows = await prisma.questionVersion.findMany({
    where: { id: { in: versionIds }, type: 'ESSAY' },
    select: { id: true, text: true, points: true },
  })
  return new Map(rows.map((r) => [r.id, { text: r.text, points: r.points }]))
}

/** Who took the attempt and in which course and quiz: shown on both grading pages. */
const attemptHeaderSelect = {
  user: { select: { name: true, nip: true } },
  quiz: {
    select: {
      lesson: {
        select: { title: true, module: { select: { course: { select: { title: true } } } } },
      },
    },
  },
} as const

/**
 * Which attempts an actor may grade: those of the courses they teach (every course for an admin),
 * never their own.
 */
async function gradableWhere(actor: Actor) {
  const courses = await taughtCourseIds(actor)
  return {
    userId: { not: actor.id },
    ...(courses === null ? {} : { quiz: { lesson: { module: { courseId: { in: courses } } } } }),
  }
}

/**
 * Refuses an attempt the actor may not grade or read: 404 when it does not exist, 403 when it is
 * their own or of a course they do not teach.
 */
async function authorise(attemptId: string, actor: Actor) {
  const row = await prisma.quizAttempt.findUnique({
    where: { id: attemptId },
    select: {
      userId: true,
      quiz: { select: { lesson: { select: { module: { select: { courseId: true } } } } } },
    },
  })
  if (!row) throw new EssayGradingError('attemptNotFound', 404)
  if (row.userId === actor.id) throw new EssayGradingError('ownAttempt', 403)
  const courses = await taughtCourseIds(actor)
  if (courses !== null && !courses.includes(row.quiz.lesson.module.courseId))
    throw new EssayGradingError('notInstructor', 403)
}

/** Attempts waiting for an instructor, oldest submission first, with how many essays are still ungraded. */
export async function listAttemptsNeedingGrading(
  actor: Actor,
  { limit = 100 }: { limit?: number } = {},
) {
  const where = { status: 'NEEDS_GRADING' as const, ...(await gradableWhere(actor)) }
  const [total, rows] = await Promise.all([
    prisma.quizAttempt.count({ where }),
    prisma.quizAttempt.findMany({
      where,
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      take: limit,
      select: {
        id: true,
        number: true,
        submittedAt: true,
        layout: true,
        ...attemptHeaderSelect,
        answers: { where: { gradedBy: { not: null } }, select: { questionId: true } },
      },
    }),
  ])
  const essays = await essayVersionsAmong([
    ...new Set(rows.flatMap((r) => (r.layout as Layout).map((l) => l.versionId))),
  ])
  const attempts = rows.map((r) => {
    const graded = new Set(r.answers.map((a) => a.questionId))
    const essayIds = (r.layout as Layout)
      .filter((l) => essays.has(l.versionId))
      .map((l) => l.questionId)
    return {
      id: r.id,
      number: r.number,
      submittedAt: r.submittedAt,
      learner: { name: r.user.name, nip: r.user.nip },
      courseTitle: r.quiz.lesson.module.course.title,
      lessonTitle: r.quiz.lesson.title,
      essays: essayIds.length,
      ungradedEssays: essayIds.filter((id) => !graded.has(id)).length,
    }
  })
  return { total, attempts }
}

/**
 * What an instructor needs to grade one attempt: who and what it is, and its essay questions with
 * the learner's answers. Other questions, answers and any answer key are not read. Null when the
 * attempt does not exist.
 */
export async function essayGradingView(attemptId: string, actor: Actor) {
  await authorise(attemptId, actor).catch((e) => {
    if (e instanceof EssayGradingError && e.status === 404) return null
    throw e
  })
  const attempt = await prisma.quizAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      number: true,
      status: true,
      submittedAt: true,
      layout: true,
      ...attemptHeaderSelect,
    },
  })
  if (!attempt) return null
  const layout = attempt.layout as Layout
  const versions = await essayVersionsAmong(layout.map((l) => l.versionId))
  const essayQuestionIds = layout.filter((l) => versions.has(l.versionId)).map((l) => l.questionId)
  const answers = await prisma.attemptAnswer.findMany({
    where: { attemptId, questionId: { in: essayQuestionIds } },
    select: { questionId: true, response: true, score: true, gradedBy: true },
  })
  const answerById = new Map(answers.map((a) => [a.questionId, a]))
  const essays = layout.flatMap((l, index) => {
    const v = versions.get(l.versionId)
    if (!v) return []
    const q = { id: l.questionId, ...v }
    const a = answerById.get(q.id)
    const text = (a?.response as Response | undefined)?.text
    return [
      {
        questionId: q.id,
        /** The number the learner saw the question under. */
        number: index + 1,
        text: q.text,
        points: q.points,
        answer: typeof text === 'string' && text.trim() !== '' ? text : null,
        /** The instructor's score; null while the essay is ungraded. */
        score: a?.gradedBy ? (a.score ?? 0) : null,
      },
    ]
  })
  return {
    attempt: {
      id: attempt.id,
      number: attempt.number,
      status: attempt.status,
      submittedAt: attempt.submittedAt,
      learner: attempt.user,
      courseTitle: attempt.quiz.lesson.module.course.title,
      lessonTitle: attempt.quiz.lesson.title,
    },
    essays,
  }
}

/**
 * Scores essays of an attempt waiting for grading (`scores`: questionId → score). The scores, and
 * once every essay is scored the move back to SUBMITTED with its grading job, are one
 * transaction; the attempt row is locked so two instructors grading at once do not interleave.
 */
export async function gradeEssays(
  attemptId: string,
  grader: Actor,
  scores: Record<string, number>,
) {
  await authorise(attemptId, grader)
  const graderId = grader.id
  const attempt = await prisma.quizAttempt.findUnique({
    where: { id: attemptId },
    select: { status: true, layout: true, userId: true },
  })
  if (!attempt) throw new EssayGradingError('attemptNotFound', 404)
  refuseUnlessNeedsGrading(attempt.status)
  const attemptOwner = attempt.userId

  const layout = attempt.layout as Layout
  const numberOf = new Map(layout.map((l, i) => [l.questionId, i + 1]))
  const versions = await essayVersionsAmong(layout.map((l) => l.versionId))
  const essays = layout
    .filter((l) => versions.has(l.versionId))
    .map((l) => ({ id: l.questionId, points: versions.get(l.versionId)!.points }))
  const pointsOf = new Map(essays.map((q) => [q.id, q.points]))
  const entries = Object.entries(scores)
  if (entries.length === 0) throw new EssayGradingError('noScores')
  for (const [questionId, score] of entries) {
    const number = numberOf.get(questionId)
    const points = pointsOf.get(questionId)
    if (number === undefined) throw new EssayGradingError('notInAttempt', 400, questionId)
    if (points === undefined) throw new EssayGradingError('notEssay', 400, questionId, { number })
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > points) {
      // The maximum as a plain number ("1.5"); the page shows it in the reader's format.
      throw new EssayGradingError('scoreRange', 400, questionId, { number, max: points })
    }
  }

  const result = await prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { status: string }[]
    >`SELECT "status"::text AS status FROM "QuizAttempt" WHERE "id" = ${attemptId} FOR UPDATE`
    if (!locked) throw new EssayGradingError('attemptNotFound', 404)
    refuseUnlessNeedsGrading(locked.status)
    // Audited (org): the scores a person gave, with what was there before.
    const previous = await tx.attemptAnswer.findMany({
      where: { attemptId, questionId: { in: entries.map(([q]) => q) } },
      select: { questionId: true, score: true, gradedBy: true },
    })
    await audit(tx, {
      actorId: graderId,
      action: 'attempt.gradeEssays',
      entityType: 'QuizAttempt',
      entityId: attemptId,
      before: previous,
      after: entries.map(([questionId, score]) => ({ questionId, score, gradedBy: graderId })),
    })
    for (const [questionId, score] of entries) {
      const maxScore = pointsOf.get(questionId)!
      await tx.attemptAnswer.upsert({
        where: { attemptId_questionId: { attemptId, questionId } },
        create: { attemptId, questionId, response: {}, score, maxScore, gradedBy: graderId },
        update: { score, maxScore, gradedBy: graderId },
      })
    }
    const graded = await tx.attemptAnswer.count({
      where: { attemptId, questionId: { in: essays.map((q) => q.id) }, gradedBy: { not: null } },
    })
    const remaining = essays.length - graded
    if (remaining > 0) return { remaining, outboxId: null }
    const moved = await tx.quizAttempt.updateMany({
      where: { id: attemptId, status: 'NEEDS_GRADING' },
      data: { status: 'SUBMITTED' },
    })
    // Cannot happen under the row lock; throwing rolls the scores back rather than leave them orphaned.
    if (moved.count === 0) throw alreadyGraded()
    // Its own job id (the first grading's job may still be kept as completed under the plain one).
    const outboxId = await outboxInsert(tx, gradeAttemptContract, { attemptId, afterEssays: true })
    // The learner hears of the grade a person gave (org); the job waits for the grading above.
    const notifyId = await outboxInsert(tx, notifyContract, {
      kind: 'GRADED',
      userId: attemptOwner,
      subjectId: attemptId,
    })
    return { remaining: 0, outboxId, notifyId }
  })

  relaySoon([result.outboxId, 'notifyId' in result ? result.notifyId : null])
  return { complete: result.remaining === 0, remaining: result.remaining }
}
