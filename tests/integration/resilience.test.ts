// Failure modes of the grading pipeline on real services: a worker killed in the middle of a
// grading job, and Redis unreachable while learners submit.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import net from 'node:net'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../support/wait'

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

function startRedis(port: number) {
  const p = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  return p
}

// This file talks to its own Redis server so it can stop and restart it.
const redisPort = await freePort()
let redisProc: ChildProcess = startRedis(redisPort)
process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`
process.env.WORKER_LOCK_MS = '2000'
process.env.WORKER_STALLED_MS = '1000'
process.env.REDIS_CHECK_MS = '500'

const { prisma } = await import('~/utils/db.server')
const { closeQueues, getQueue } = await import('~/jobs/queue.server')
const { relayOutbox } = await import('~/jobs/relay.server')
const { startAttempt, submitAttempt } = await import('~/models/quiz.server')
const { redis } = await import('~/utils/redis.server')
const { startWorkers } = await import('../../workers/index')
const { createTestUser } = await import('../support/factories')
const { gradeAttempt } = await import('~/models/grading.server')
const { maybeCompleteEnrolment } = await import('~/models/course.server')
const { markerKey } = await import('~/jobs/runtime.server')
const { jobs } = await import('~/jobs/index.server')
const { answersFor, COURSE, finishLessons, QUIZ } = await import('../support/learning')

beforeAll(async () => {
  await waitFor(
    () =>
      redis()
        .ping()
        .then((r) => r === 'PONG')
        .catch(() => false),
    10_000,
    'redis',
  )
})
afterAll(async () => {
  await closeQueues()
  redis().disconnect()
  redisProc.kill('SIGKILL')
})

async function submittedAttempt() {
  const u = await createTestUser()
  await finishLessons(u.id)
  const { attemptId } = await startAttempt(COURSE, QUIZ, u.id)
  return { userId: u.id, attemptId, answers: await answersFor(attemptId, true) }
}

/** Everything a passed attempt sets off, counted in PostgreSQL. */
async function followUps(userId: string, attemptId: string) {
  const [attempt, enrolment, jp, completedNotes] = await Promise.all([
    prisma.quizAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { status: true, ratedAt: true, enrolmentId: true },
    }),
    prisma.enrolment.findFirstOrThrow({ where: { userId }, select: { id: true, status: true } }),
    prisma.jpCredit.count({ where: { userId } }),
    prisma.notification.count({ where: { userId, kind: 'COURSE_COMPLETED' } }),
  ])
  return {
    graded: attempt.status === 'GRADED',
    rated: attempt.ratedAt !== null,
    completed: enrolment.status === 'COMPLETED',
    jp,
    completedNotes,
  }
}

const allDone = (f: Awaited<ReturnType<typeof followUps>>) =>
  f.graded && f.rated && f.completed && f.jp === 1 && f.completedNotes === 1

async function results(attemptId: string) {
  // Status first, evidence after: read in parallel, the evidence query could run just before the
  // grading transaction commits and the status query just after.
  const attempt = await prisma.quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { status: true, percent: true },
  })
  const evidence = await prisma.evidence.findMany({
    where: { attemptId },
    select: { competencyId: true },
  })
  return { attempt, evidence }
}

// Where the killed worker is stopped: on its first read (the job has written nothing) or on its
// write statement (one statement: PostgreSQL applies all of it or none of it).
const LOCKS = {
  read: 'LOCK TABLE "AttemptAnswer" IN ACCESS EXCLUSIVE MODE',
  write: 'SELECT id FROM "QuizAttempt" WHERE id = $1 FOR UPDATE',
} as const

describe('a worker killed mid-job', () => {
  it.each(Object.keys(LOCKS) as (keyof typeof LOCKS)[])(
    'leaves no partial result, and the retried job leaves exactly one (blocked on its %s)',
    { timeout: 120_000 },
    async (where) => {
      const { userId, attemptId, answers } = await submittedAttempt()
      await submitAttempt(attemptId, userId, answers)
      await relayOutbox()
      // Block the worker's grading job half-way, then kill the worker.
      const lock = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await lock.connect()
      await lock.query('BEGIN')
      await lock.query(LOCKS[where], where === 'write' ? [attemptId] : [])
      const child = spawn('npx', ['tsx', 'workers/index.ts'], {
        env: { ...process.env, NODE_ENV: 'test' },
        stdio: 'ignore',
        detached: true,
      })
      const job = await waitFor(
        () => getQueue('gradeAttempt').getJob(`gradeAttempt.${attemptId}`),
        10_000,
        'job',
      )
      await waitFor(
        async () => (await job.getState()) === 'active',
        30_000,
        'job active in the child worker',
      )
      await new Promise((r) => setTimeout(r, 500))
      process.kill(-child.pid!, 'SIGKILL')
      await lock.query('ROLLBACK')
      await lock.end()
      await new Promise((r) => setTimeout(r, 300))

      // All or nothing: either still submitted with no evidence, or fully graded.
      const mid = await results(attemptId)
      if (where === 'read') expect(mid.attempt.status).toBe('SUBMITTED')
      if (mid.attempt.status === 'SUBMITTED') expect(mid.evidence).toHaveLength(0)
      else expect(mid.evidence.length).toBeGreaterThan(0)

      const workers = await startWorkers([
        'gradeAttempt',
        'rateCompetency',
        'completeEnrolment',
        'notify',
      ])
      try {
        const done = await waitFor(
          async () => {
            const r = await results(attemptId)
            return r.attempt.status === 'GRADED' ? r : null
          },
          30_000,
          'grading after restart',
        )
        expect(done.attempt.percent).toBe(100)
        expect(done.evidence.length).toBe(new Set(done.evidence.map((e) => e.competencyId)).size)
        expect(done.evidence.length).toBeGreaterThan(0)
        // The retried grading job ran to completion (a no-op if the killed one had committed).
        await waitFor(async () => (await job.getState()) === 'completed', 15_000, 'job completed')
        await waitFor(
          () =>
            prisma.competencyRating
              .count({ where: { userId } })
              .then((n) => n === done.evidence.length),
          15_000,
          'ratings',
        )
        const answers = await prisma.attemptAnswer.count({ where: { attemptId } })
        expect(answers).toBe(10)
        expect(
          await prisma.outboxMessage.count({
            where: {
              jobName: 'rateCompetency',
              payload: { path: ['attemptId'], equals: attemptId },
            },
          }),
        ).toBe(1)
      } finally {
        await workers.stop()
      }
    },
  )
})

describe('Redis unreachable while a learner submits', () => {
  it('accepts the submission and grades it once Redis is back', { timeout: 90_000 }, async () => {
    const { userId, attemptId, answers } = await submittedAttempt()
    redisProc.kill('SIGKILL')
    await waitFor(
      () =>
        redis()
          .ping()
          .then(() => false)
          .catch(() => true),
      10_000,
      'redis down',
    )

    const r = await submitAttempt(attemptId, userId, answers)
    expect(r.alreadySubmitted).toBe(false)
    expect((await results(attemptId)).attempt.status).toBe('SUBMITTED')
    const row = await waitFor(
      () =>
        prisma.outboxMessage.findFirst({
          where: {
            jobName: 'gradeAttempt',
            payload: { path: ['attemptId'], equals: attemptId },
            attempts: { gt: 0 },
          },
        }),
      10_000,
      'a failed relay attempt',
    )
    expect(row.sentAt).toBeNull()

    redisProc = startRedis(redisPort)
    await waitFor(
      () =>
        redis()
          .ping()
          .then((p) => p === 'PONG')
          .catch(() => false),
      10_000,
      'redis back',
    )
    const workers = await startWorkers([
      'gradeAttempt',
      'rateCompetency',
      'completeEnrolment',
      'notify',
    ])
    try {
      await waitFor(
        async () =>
          (await relayOutbox()) >= 0 && (await results(attemptId)).attempt.status === 'GRADED',
        30_000,
        'graded after Redis returned',
      )
      const done = await results(attemptId)
      expect(done.attempt.percent).toBe(100)
      expect(done.evidence.length).toBeGreaterThan(0)
    } finally {
      await workers.stop()
    }
  })
})

describe('a worker killed after the grading commit', () => {
  it(
    'still yields the completion, one JP credit and one notification',
    { timeout: 120_000 },
    async () => {
      const { userId, attemptId, answers } = await submittedAttempt()
      const enrolment = await prisma.enrolment.findFirstOrThrow({
        where: { userId },
        select: { id: true },
      })
      await submitAttempt(attemptId, userId, answers)
      await relayOutbox()
      // The completion (its write references the enrolment row) blocks on our lock of that row.
      const lock = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await lock.connect()
      await lock.query('BEGIN')
      await lock.query('SELECT id FROM "Enrolment" WHERE id = $1 FOR UPDATE', [enrolment.id])
      const lockPid = (await lock.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number
      // The killed worker's PostgreSQL sessions carry a name of their own: the waits and the
      // termination below concern them only, never the sessions of other tests on the database.
      // Watched from outside the lock's transaction (pg_stat_activity is a snapshot per
      // transaction).
      const appName = `bina-test-killed-${randomUUID().slice(0, 8)}`
      const watch = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await watch.connect()
      const sessions = async (blockedByUs: boolean) =>
        (
          await watch.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE application_name = $1 AND (NOT $2 OR $3::int = ANY(pg_blocking_pids(pid)))`,
            [appName, blockedByUs, lockPid],
          )
        ).rows[0].n as number
      const child = spawn('npx', ['tsx', 'workers/index.ts'], {
        env: { ...process.env, NODE_ENV: 'test', PGAPPNAME: appName },
        stdio: 'ignore',
        detached: true,
      })
      try {
        await waitFor(async () => (await followUps(userId, attemptId)).graded, 30_000, 'graded')
        // The grading committed; its completion check (run in place by the grading job, or as its
        // own job once relayed) is now blocked on the enrolment row by our lock.
        await waitFor(
          async () => (await sessions(true)) > 0,
          20_000,
          'completion blocked on the enrolment',
        )
      } finally {
        process.kill(-child.pid!, 'SIGKILL')
        try {
          // Whatever the killed worker had sent dies with it (PostgreSQL does not notice a
          // vanished client while a statement runs or waits for a lock; a crashed machine would
          // not commit it either): every session of the worker ends before our lock is released.
          await waitFor(
            async () => {
              await watch.query(
                'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
                [appName],
              )
              return (await sessions(false)) === 0
            },
            15_000,
            "the killed worker's sessions gone",
          )
        } finally {
          await lock.query('ROLLBACK')
          await lock.end()
          await watch.end()
        }
      }
      const mid = await followUps(userId, attemptId)
      expect(mid.graded).toBe(true)
      expect(mid.completed).toBe(false)
      expect(mid.jp).toBe(0)
      // The completion check was recorded as a job by the grading statement: that alone brings it
      // back. Redis keeps its data (markers in place), so no recovery sweep repairs a lost one.
      expect(
        await prisma.outboxMessage.count({
          where: {
            jobName: 'completeEnrolment',
            payload: { path: ['enrolmentId'], equals: enrolment.id },
          },
        }),
      ).toBe(1)
      const at = new Date().toISOString()
      await redis().mset(Object.fromEntries(jobs.map((j) => [markerKey(j.name), at])))

      const workers = await startWorkers()
      try {
        await waitFor(async () => allDone(await followUps(userId, attemptId)), 40_000, 'all done')
        // Exactly once, however the killed and the retried job overlapped.
        await new Promise((r) => setTimeout(r, 1_500))
        const f = await followUps(userId, attemptId)
        expect(f.jp).toBe(1)
        expect(f.completedNotes).toBe(1)
      } finally {
        await workers.stop()
      }
    },
  )
})

describe('Redis restarted empty with jobs waiting', () => {
  it(
    'recovers every kind of job and the schedules without restarting the worker',
    { timeout: 120_000 },
    async () => {
      const workers = await startWorkers()
      try {
        // The workers stand still (as under a backlog) while the jobs wait in Redis.
        await Promise.all(workers.workers.map((w) => w.pause(true)))
        // And their queues: a worker paused while it waits for a job (BullMQ's blocking fetch)
        // still takes the next job that arrives, which would leave nothing waiting. Emptying
        // Redis below loses these pauses with the jobs.
        const held = ['gradeAttempt', 'rateCompetency', 'completeEnrolment', 'notify']
        await Promise.all(held.map((q) => getQueue(q).pause()))
        // One attempt waits for grading; one graded attempt's rating and completion jobs wait;
        // one completed enrolment's notification job waits; a new account's welcome waits.
        const toGrade = await submittedAttempt()
        await submitAttempt(toGrade.attemptId, toGrade.userId, toGrade.answers)
        const graded = await submittedAttempt()
        await submitAttempt(graded.attemptId, graded.userId, graded.answers)
        await gradeAttempt({ attemptId: graded.attemptId })
        const completed = await submittedAttempt()
        await submitAttempt(completed.attemptId, completed.userId, completed.answers)
        await gradeAttempt({ attemptId: completed.attemptId })
        const enrolment = await prisma.enrolment.findFirstOrThrow({
          where: { userId: completed.userId },
          select: { id: true },
        })
        expect((await maybeCompleteEnrolment(enrolment.id)).newlyCompleted).toBe(true)
        while ((await relayOutbox()) > 0);
        expect(await prisma.outboxMessage.count({ where: { sentAt: null } })).toBe(0)
        const waiting = await Promise.all(held.map((q) => getQueue(q).getWaitingCount()))
        for (const n of waiting) expect(n).toBeGreaterThan(0)
        expect(await getQueue('maintenance').getJobSchedulersCount()).toBe(1)

        // Emptied and counted in one transaction: the workers' Redis-loss watch may run right
        // after it and start the recovery this test is about (reading the queues afterwards once
        // found a grading job already requeued).
        const [, [, keys]] = (await redis().multi().flushall().dbsize().exec()) as [
          unknown,
          [unknown, number],
        ]
        expect(keys).toBe(0)

        await Promise.all(workers.workers.map((w) => w.resume()))
        for (const a of [toGrade, graded, completed])
          await waitFor(
            async () => allDone(await followUps(a.userId, a.attemptId)),
            60_000,
            `all follow-ups of ${a.attemptId}`,
          )
        // The markers are written back once every job's recovery has run (the follow-ups above
        // can finish first: recovery re-queues job by job).
        await waitFor(
          async () =>
            (await redis().exists(markerKey('gradeAttempt'), markerKey('maintenance'))) === 2,
          30_000,
          'markers written back',
        )
        expect(await getQueue('maintenance').getJobSchedulersCount()).toBe(1)
      } finally {
        await workers.stop()
      }
    },
  )
})
