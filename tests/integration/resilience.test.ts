// Failure modes of the grading pipeline on real services: a worker killed in the middle of a
// grading job, and Redis unreachable while learners submit.
import { spawn, type ChildProcess } from 'node:child_process'
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

const { prisma } = await import('~/utils/db.server')
const { closeQueues, getQueue } = await import('~/jobs/queue.server')
const { relayOutbox } = await import('~/jobs/relay.server')
const { startAttempt, submitAttempt } = await import('~/models/quiz.server')
const { redis } = await import('~/utils/redis.server')
const { startWorkers } = await import('../../workers/index')
const { createTestUser } = await import('../support/factories')
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
