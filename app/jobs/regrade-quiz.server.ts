// The explicit, audited regrade of a quiz: each attempt
// keeps the pass mark and grading method it started under; an instructor of the course (or an
// admin) who wants a settings change to reach earlier attempts requests a regrade. The request
// (a QuizRegrade row: who, when, which settings) and its job's outbox row are one transaction; the
// job applies the settings to every attempt of the quiz, recomputes `passed` from each attempt's
// stored percent, and records which attempts changed, once (a second run finds it finished).
import { audit } from '~/models/audit.server'
import { teaches, type Actor } from '~/models/course-instructor.server'
import { prisma } from '~/utils/db.server'
import { AppError } from '~/utils/errors'
import { completeEnrolmentContract, regradeQuizContract } from './contracts.server'
import { defineJob } from './define.server'
import { outboxInsert, outboxInsertMany, relaySoon } from './outbox.server'

/** A refused regrade request: a code under errors.codes.regrade (decision 041). */
export class RegradeError extends AppError {
  constructor(code: string, status = 400) {
    super(`regrade.${code}`, { status })
    this.name = 'RegradeError'
  }
}

/** Records a regrade request with the quiz's current settings and queues its job. */
export async function requestRegrade(quizId: string, actor: Actor) {
  const quiz = await prisma.quiz.findUnique({
    where: { id: quizId },
    select: {
      id: true,
      passMark: true,
      gradingMethod: true,
      lesson: { select: { module: { select: { courseId: true } } } },
    },
  })
  if (!quiz) throw new RegradeError('quizNotFound', 404)
  if (!(await teaches(actor, quiz.lesson.module.courseId)))
    throw new RegradeError('notInstructor', 403)
  const { regradeId, outboxId } = await prisma.$transaction(async (tx) => {
    const row = await tx.quizRegrade.create({
      data: {
        quizId,
        requestedById: actor.id,
        passMark: quiz.passMark,
        gradingMethod: quiz.gradingMethod,
      },
      select: { id: true },
    })
    // Recorded through the outbox in the same transaction as the audit row.
    await audit(tx, {
      actorId: actor.id,
      action: 'quiz.regrade',
      entityType: 'Quiz',
      entityId: quizId,
      after: { regradeId: row.id, passMark: quiz.passMark, gradingMethod: quiz.gradingMethod },
    })
    const outboxId = await outboxInsert(tx, regradeQuizContract, { regradeId: row.id })
    return { regradeId: row.id, outboxId }
  })
  relaySoon([outboxId])
  return { regradeId }
}

/** The `regradeQuiz` job. */
export async function regradeQuiz({ regradeId }: { regradeId: string }) {
  const regrade = await prisma.quizRegrade.findUnique({
    where: { id: regradeId },
    select: {
      quizId: true,
      passMark: true,
      gradingMethod: true,
      finishedAt: true,
      requestedById: true,
    },
  })
  if (!regrade || regrade.finishedAt) return { changed: 0 }
  const result = await prisma.$transaction(async (tx) => {
    // Lock the audit row: a concurrent run of the same job waits, then finds it finished.
    const [locked] = await tx.$queryRaw<{ finishedAt: Date | null }[]>`
      SELECT "finishedAt" FROM "QuizRegrade" WHERE id = ${regradeId} FOR UPDATE`
    if (!locked || locked.finishedAt) return { changed: [] as Change[], ids: [] as string[] }
    const attempts = await tx.quizAttempt.findMany({
      where: { quizId: regrade.quizId },
      select: {
        id: true,
        status: true,
        percent: true,
        passed: true,
        passMark: true,
        gradingMethod: true,
        enrolmentId: true,
      },
    })
    const changed: Change[] = []
    for (const a of attempts) {
      const passed =
        a.status === 'GRADED' && a.percent != null ? a.percent >= regrade.passMark : a.passed
      if (
        a.passMark === regrade.passMark &&
        a.gradingMethod === regrade.gradingMethod &&
        passed === a.passed
      )
        continue
      await tx.quizAttempt.update({
        where: { id: a.id },
        data: { passMark: regrade.passMark, gradingMethod: regrade.gradingMethod, passed },
      })
      changed.push({
        attemptId: a.id,
        enrolmentId: a.enrolmentId,
        before: { passMark: a.passMark, gradingMethod: a.gradingMethod, passed: a.passed },
        after: { passMark: regrade.passMark, gradingMethod: regrade.gradingMethod, passed },
      })
    }
    await tx.quizRegrade.update({
      where: { id: regradeId },
      data: {
        finishedAt: new Date(),
        changes: changed.map(({ enrolmentId: _e, ...c }) => c),
      },
    })
    // Audited with what each changed attempt had before and has after, on behalf of the person
    // who asked for the regrade (the request's own entry holds the settings asked for).
    await audit(tx, {
      actorId: regrade.requestedById,
      action: 'quiz.regrade.apply',
      entityType: 'Quiz',
      entityId: regrade.quizId,
      before: changed.map((c) => ({ attemptId: c.attemptId, ...c.before })),
      after: changed.map((c) => ({ attemptId: c.attemptId, ...c.after })),
    })
    // A learner who passes under the new settings may now complete the course: the completion
    // check is recorded in the same transaction (an idempotent job).
    const enrolments = new Set(
      changed
        .filter((c) => c.after.passed && !c.before.passed && c.enrolmentId)
        .map((c) => c.enrolmentId!),
    )
    const ids = await outboxInsertMany(
      tx,
      completeEnrolmentContract,
      [...enrolments].map((enrolmentId) => ({ enrolmentId })),
    )
    return { changed, ids }
  })
  if (result.ids.length) relaySoon(result.ids)
  return { changed: result.changed.length }
}

interface Change {
  attemptId: string
  enrolmentId: string | null
  before: { passMark: number; gradingMethod: string; passed: boolean | null }
  after: { passMark: number; gradingMethod: string; passed: boolean | null }
}

/** The regrades of a quiz, newest first (shown on its settings page). */
export function regradesOf(quizId: string) {
  return prisma.quizRegrade.findMany({
    where: { quizId },
    orderBy: { requestedAt: 'desc' },
    take: 10,
    select: {
      id: true,
      requestedAt: true,
      finishedAt: true,
      passMark: true,
      gradingMethod: true,
      changes: true,
      requestedBy: { select: { name: true } },
    },
  })
}

export const regradeQuizJob = defineJob({
  ...regradeQuizContract,
  concurrency: 2,
  handler: (p) => regradeQuiz(p),
})
