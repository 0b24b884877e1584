// The scheduled maintenance job: overdue attempts finalised (all of a cohort, once each) and the
// outbox pruned of rows sent long ago.
import { randomUUID } from 'node:crypto'
import { Worker } from 'bullmq'
import { afterAll, describe, expect, it } from 'vitest'
import { completeEnrolmentJob } from '~/jobs/complete-enrolment.server'
import { bullPrefix, closeQueues, getQueue } from '~/jobs/queue.server'
import { OUTBOX_RETENTION_DAYS, pruneOutbox } from '~/jobs/maintenance.server'
import { relayOutbox } from '~/jobs/relay.server'
import { maybeCompleteEnrolment, maybeCompleteEnrolments } from '~/models/course.server'
import { gradeAttempt } from '~/models/grading.server'
import { outboxBacklog } from '~/models/jobs-admin.server'
import { finaliseOverdueAttempts, startAttempt, submitAttempt } from '~/models/quiz.server'
import { rateCompetencyJob } from '~/jobs/rate-competency.server'
import { recoverJobs } from '~/jobs/recovery.server'
import { prisma } from '~/utils/db.server'
import { createRedis, redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { answersFor, COURSE, finishLessons, QUIZ, takeQuiz } from '../support/learning'
import { waitFor } from '../support/wait'
import { startWorkers } from '../../workers/index'

/** The rating job's recovery sweep, as the maintenance job runs it (work older than 2 minutes). */
const requeueUnrated = async () =>
  (await recoverJobs([rateCompetencyJob], { olderThanMs: 120_000 })).rateCompetency ?? 0

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

async function startedAttempt() {
  const u = await createTestUser()
  await finishLessons(u.id)
  return (await startAttempt(COURSE, QUIZ, u.id)).attemptId
}

const gradingRows = (attemptId: string) =>
  prisma.outboxMessage.count({
    where: { jobName: 'gradeAttempt', payload: { path: ['attemptId'], equals: attemptId } },
  })

describe('overdue attempts', () => {
  it('are all finalised, in batches, each with exactly one grading job', async () => {
    const overdue = await Promise.all([1, 2, 3, 4, 5].map(() => startedAttempt()))
    const running = await startedAttempt()
    await prisma.quizAttempt.updateMany({
      where: { id: { in: overdue } },
      data: { deadlineAt: new Date(Date.now() - 60_000) },
    })

    // A batch of 2 takes three rounds for five attempts; all are closed by the one call.
    expect(await finaliseOverdueAttempts(2)).toBeGreaterThanOrEqual(overdue.length)
    const after = await prisma.quizAttempt.findMany({
      where: { id: { in: [...overdue, running] } },
      select: { id: true, status: true, submittedAt: true },
    })
    for (const a of after) {
      if (a.id === running) {
        expect(a.status).toBe('IN_PROGRESS')
        expect(await gradingRows(a.id)).toBe(0)
      } else {
        expect(a.status).toBe('SUBMITTED')
        expect(a.submittedAt).not.toBeNull()
        expect(await gradingRows(a.id)).toBe(1)
      }
    }
    // A second sweep finds nothing more to do for them.
    await finaliseOverdueAttempts(2)
    for (const id of overdue) expect(await gradingRows(id)).toBe(1)
  })
})

describe('graded attempts whose rating job was lost', () => {
  it('get the rating job back, and are rated once', { timeout: 60_000 }, async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    const { attemptId } = await startAttempt(COURSE, QUIZ, u.id)
    await submitAttempt(attemptId, u.id, await answersFor(attemptId, true))
    await gradeAttempt({ attemptId })
    // The rating job reached Redis (relayed right after grading)... and Redis lost it.
    const queue = getQueue('rateCompetency')
    const job = await waitFor(
      () => queue.getJob(`rateCompetency.${attemptId}`),
      10_000,
      'rating job',
    )
    await job.remove()
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { gradedAt: new Date(Date.now() - 10 * 60_000) },
    })
    expect(await prisma.competencyRating.count({ where: { userId: u.id } })).toBe(0)

    expect(await requeueUnrated()).toBeGreaterThanOrEqual(1)
    const requeued = await queue.getJob(`rateCompetency.${attemptId}`)
    expect(await requeued?.getState()).toBe('waiting')
    // While the job waits, a second sweep leaves it alone (the same job, not a new one).
    await requeueUnrated()
    expect((await queue.getJob(`rateCompetency.${attemptId}`))?.timestamp).toBe(requeued!.timestamp)

    const workers = await startWorkers(['rateCompetency'])
    try {
      const rated = await waitFor(
        () =>
          prisma.quizAttempt
            .findUniqueOrThrow({ where: { id: attemptId }, select: { ratedAt: true } })
            .then((a) => a.ratedAt),
        20_000,
        'attempt rated',
      )
      expect(rated).toBeInstanceOf(Date)
    } finally {
      await workers.stop() // closes this process's queues too
    }
    const evidence = await prisma.evidence.count({ where: { attemptId } })
    expect(await prisma.competencyRating.count({ where: { userId: u.id } })).toBe(evidence)
    expect(await prisma.competencyRatingHistory.count({ where: { userId: u.id } })).toBe(evidence)
    // Rated: nothing more for the sweep to do about it.
    await requeueUnrated()
    const after = await getQueue('rateCompetency').getJob(`rateCompetency.${attemptId}`)
    expect(await after?.getState()).toBe('completed')
  })
})

describe('outbox pruning', () => {
  it('deletes rows sent before the retention and keeps recent and unsent ones', async () => {
    const day = 86_400_000
    const now = new Date()
    const ago = (days: number) => new Date(now.getTime() - days * day)
    const rows = {
      oldSent: {
        createdAt: ago(OUTBOX_RETENTION_DAYS + 2),
        sentAt: ago(OUTBOX_RETENTION_DAYS + 1),
      },
      recentSent: { createdAt: ago(2), sentAt: ago(1) },
      oldUnsent: { createdAt: ago(OUTBOX_RETENTION_DAYS + 30), sentAt: null },
    }
    const ids = Object.fromEntries(Object.keys(rows).map((k) => [k, randomUUID()])) as Record<
      keyof typeof rows,
      string
    >
    await prisma.outboxMessage.createMany({
      data: Object.entries(rows).map(([k, r]) => ({
        id: ids[k as keyof typeof rows],
        jobName: 'notify',
        payload: { kind: 'WELCOME', userId: 'x', subjectId: k },
        ...r,
      })),
    })
    expect(await pruneOutbox(now, 1)).toBeGreaterThanOrEqual(1)
    const left = await prisma.outboxMessage.findMany({
      where: { id: { in: Object.values(ids) } },
      select: { id: true },
    })
    expect(left.map((r) => r.id).sort()).toEqual([ids.recentSent, ids.oldUnsent].sort())
  })
})

describe('an outbox row that cannot be relayed', () => {
  it('is set aside with its reason and never blocks the others', async () => {
    const old = new Date(Date.now() - 3_600_000)
    const poisoned = {
      unknown: { jobName: 'noSuchJob', payload: { attemptId: 'a' } },
      badPayload: { jobName: 'gradeAttempt', payload: { attemptId: 42 } },
    }
    const ids = { unknown: randomUUID(), badPayload: randomUUID() }
    // Oldest first: a relay reading the oldest rows meets them before anything else.
    await prisma.outboxMessage.createMany({
      data: (['unknown', 'badPayload'] as const).map((k) => ({
        id: ids[k],
        createdAt: old,
        ...poisoned[k],
      })),
    })
    // A valid row recorded just after them (written here, so nothing relays it but the loop below).
    const u = await createTestUser()
    const goodId = randomUUID()
    await prisma.outboxMessage.create({
      data: {
        id: goodId,
        jobName: 'notify',
        payload: { kind: 'WELCOME', userId: u.id, subjectId: u.id },
        createdAt: new Date(old.getTime() + 1_000),
      },
    })
    const good = () => prisma.outboxMessage.findUniqueOrThrow({ where: { id: goodId } })
    // Relays of two rows at a time: the set-aside rows are not read again.
    for (let i = 0; i < 50 && !(await good()).sentAt; i++) await relayOutbox({ limit: 2 })
    expect((await good()).sentAt).not.toBeNull()
    const dead = await prisma.outboxMessage.findMany({
      where: { id: { in: Object.values(ids) } },
      select: { id: true, deadAt: true, sentAt: true, attempts: true, lastError: true },
    })
    const byId = new Map(dead.map((d) => [d.id, d]))
    expect(byId.get(ids.unknown)).toMatchObject({ sentAt: null, attempts: 0 })
    expect(byId.get(ids.unknown)!.deadAt).toBeInstanceOf(Date)
    expect(byId.get(ids.unknown)!.lastError).toBe('unknown job "noSuchJob"')
    expect(byId.get(ids.badPayload)!.deadAt).toBeInstanceOf(Date)
    expect(byId.get(ids.badPayload)!.lastError).toMatch(/^bad payload/)
    // Never relayed, never pruned.
    await relayOutbox()
    expect(await pruneOutbox(new Date(Date.now() + 365 * 86_400_000))).toBeGreaterThanOrEqual(0)
    expect(await prisma.outboxMessage.count({ where: { id: { in: Object.values(ids) } } })).toBe(2)
    expect(await getQueue('gradeAttempt').getJob('gradeAttempt.a')).toBeUndefined()
    // Shown to admins at /admin/jobs, with the reason.
    const backlog = await outboxBacklog()
    expect(backlog.dead.count).toBeGreaterThanOrEqual(2)
    const shown = backlog.dead.latest.filter((d) => d.id === ids.unknown || d.id === ids.badPayload)
    expect(shown.map((d) => d.lastError).sort()).toEqual(
      [byId.get(ids.badPayload)!.lastError, 'unknown job "noSuchJob"'].sort(),
    )
  })
})

describe('the completion job', () => {
  it('completes once however often it runs (twice at once, then again)', async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    await takeQuiz(u.id, true)
    const { id: enrolmentId } = await prisma.enrolment.findFirstOrThrow({
      where: { userId: u.id },
      select: { id: true },
    })
    const runs = await Promise.all([
      completeEnrolmentJob.handler({ enrolmentId }),
      completeEnrolmentJob.handler({ enrolmentId }),
    ])
    await completeEnrolmentJob.handler({ enrolmentId })
    expect(runs.filter((r) => (r as { newlyCompleted: boolean }).newlyCompleted)).toHaveLength(1)
    expect(await prisma.jpCredit.count({ where: { userId: u.id } })).toBe(1)
    expect(
      await prisma.outboxMessage.count({
        where: { jobName: 'notify', payload: { path: ['subjectId'], equals: enrolmentId } },
      }),
    ).toBe(1)
  })

  it('completes a batch of enrolments each on its own guard (decision 014)', async () => {
    const enrolmentOf = async (userId: string) =>
      (await prisma.enrolment.findFirstOrThrow({ where: { userId }, select: { id: true } })).id
    const passed = await createTestUser()
    await finishLessons(passed.id)
    await takeQuiz(passed.id, true)
    const failed = await createTestUser()
    await finishLessons(failed.id)
    await takeQuiz(failed.id, false)
    const done = await createTestUser()
    await finishLessons(done.id)
    await takeQuiz(done.id, true)
    const [p, f, d] = await Promise.all([passed, failed, done].map((u) => enrolmentOf(u.id)))
    await maybeCompleteEnrolment(d!)
    const missing = randomUUID()
    const results = await maybeCompleteEnrolments([p!, f!, d!, missing, p!], { inPlace: true })
    expect(results.get(p!)).toMatchObject({ completed: true, newlyCompleted: true })
    // Only the short follow-ups come back to run in place; the certificate is relayed.
    expect(
      (results.get(p!) as { followUps: { job: { name: string } }[] }).followUps
        .map((r) => r.job.name)
        .sort(),
    ).toEqual(['evaluationSurveyInvite', 'notify'])
    expect(results.get(f!)).toEqual({ completed: false, newlyCompleted: false })
    expect(results.get(d!)).toEqual({ completed: true, newlyCompleted: false })
    expect(results.get(missing)).toBeInstanceOf(Error)
    const statuses = await prisma.enrolment.findMany({
      where: { id: { in: [p!, f!, d!] } },
      select: { id: true, status: true },
    })
    expect(Object.fromEntries(statuses.map((e) => [e.id, e.status]))).toEqual({
      [p!]: 'COMPLETED',
      [f!]: 'ACTIVE',
      [d!]: 'COMPLETED',
    })
    for (const u of [passed, done])
      expect(await prisma.jpCredit.count({ where: { userId: u.id } })).toBe(1)
    expect(await prisma.jpCredit.count({ where: { userId: failed.id } })).toBe(0)
    const rows = await prisma.outboxMessage.findMany({
      where: { payload: { path: ['enrolmentId'], equals: p } },
      select: { jobName: true },
    })
    expect(rows.map((r) => r.jobName).sort()).toEqual([
      'completeEnrolment',
      'evaluationSurveyInvite',
      'issueCertificate',
    ])
    expect(
      await prisma.outboxMessage.count({
        where: { jobName: 'notify', payload: { path: ['subjectId'], equals: p } },
      }),
    ).toBe(1)
    // Again: nothing more.
    const again = await maybeCompleteEnrolments([p!, f!], { inPlace: true })
    expect(again.get(p!)).toEqual({ completed: true, newlyCompleted: false })
    expect(await prisma.jpCredit.count({ where: { userId: passed.id } })).toBe(1)
  })

  it('is recorded again by the sweep for a passed but not completed enrolment', async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    const attemptId = await takeQuiz(u.id, true)
    const { id: enrolmentId } = await prisma.enrolment.findFirstOrThrow({
      where: { userId: u.id },
      select: { id: true },
    })
    // The completion job was lost (and its outbox row with it): once relayed (the relay runs just
    // after grading; removing the job before it lands would race it).
    const queued = () => getQueue('completeEnrolment').getJob(`completeEnrolment.${enrolmentId}`)
    await waitFor(queued, 10_000, 'completion job relayed')
    await prisma.outboxMessage.deleteMany({
      where: { jobName: 'completeEnrolment', payload: { equals: { enrolmentId } } },
    })
    await (await queued())?.remove()
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { gradedAt: new Date(Date.now() - 10 * 60_000) },
    })
    const requeued = await recoverJobs([completeEnrolmentJob], { olderThanMs: 120_000 })
    expect(requeued.completeEnrolment).toBeGreaterThanOrEqual(1)
    const job = await getQueue('completeEnrolment').getJob(`completeEnrolment.${enrolmentId}`)
    expect(job?.data).toEqual({ enrolmentId })
  })
})

describe('a job that failed all its tries', () => {
  it('waits for an admin: the sweep does not run it again', { timeout: 30_000 }, async () => {
    const u = await createTestUser()
    await finishLessons(u.id)
    const attemptId = await takeQuiz(u.id, true)
    await prisma.quizAttempt.update({
      where: { id: attemptId },
      data: { gradedAt: new Date(Date.now() - 10 * 60_000) },
    })
    const queue = getQueue('rateCompetency')
    await (await queue.getJob(`rateCompetency.${attemptId}`))?.remove()
    await queue.add(
      'rateCompetency',
      { userId: u.id, attemptId },
      { jobId: `rateCompetency.${attemptId}`, attempts: 1 },
    )
    const connection = createRedis({ maxRetriesPerRequest: null })
    const failing = new Worker(
      'rateCompetency',
      async () => {
        throw new Error('database unreachable')
      },
      { connection, prefix: bullPrefix() },
    )
    try {
      await waitFor(
        async () => (await queue.getJob(`rateCompetency.${attemptId}`))?.isFailed(),
        15_000,
        'job failed',
      )
    } finally {
      await failing.close()
      connection.disconnect()
    }
    await requeueUnrated()
    expect(await (await queue.getJob(`rateCompetency.${attemptId}`))?.getState()).toBe('failed')
  })
})
