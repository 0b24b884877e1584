// Operations view of the job system for admins: BullMQ job counts and failed jobs per queue, retry
// of a failed job, and the outbox rows not yet relayed. Every Redis call is bounded by a timeout so
// the page still answers (with the outbox part) when Redis is unreachable.
import type { Job } from 'bullmq'
import { JOB_NAMES } from '~/jobs/index.server'
import { getQueue } from '~/jobs/queue.server'
import { prisma } from '~/utils/db.server'
import { messageWith } from '~/utils/errors'

export const REDIS_TIMEOUT_MS = 2_000
export const FAILED_LIMIT = 50
const DATA_MAX_CHARS = 300

export const COUNT_TYPES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const
export type CountType = (typeof COUNT_TYPES)[number]

class RedisTimeoutError extends Error {}

/** Message codes (errors.codes.jobsAdmin.*, decision 041): the page renders them. */
const REDIS_DOWN_MESSAGE = 'jobsAdmin.redisDown'

function isConnectionError(e: unknown) {
  return (
    e instanceof Error &&
    /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|max retries per request|Connection is closed/i.test(e.message)
  )
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RedisTimeoutError(`Redis did not answer within ${ms} ms`)),
      ms,
    )
  })
  // A late rejection of the abandoned work must not become an unhandled rejection.
  work.catch(() => {})
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/** JSON on one line, cut to `max` characters. */
export function compactJson(value: unknown, max = DATA_MAX_CHARS) {
  let text: string
  try {
    text = JSON.stringify(value) ?? 'null'
  } catch {
    text = String(value)
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function failedJobView(job: Job) {
  return {
    id: job.id ?? '',
    name: job.name,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason || null,
    finishedOn: job.finishedOn ? new Date(job.finishedOn) : null,
    data: compactJson(job.data),
  }
}

export type FailedJobView = ReturnType<typeof failedJobView>

async function queueSummary(name: string, failedLimit: number) {
  const queue = getQueue(name)
  const [raw, failed] = await Promise.all([
    queue.getJobCounts(...COUNT_TYPES),
    queue.getFailed(0, failedLimit - 1),
  ])
  const counts = Object.fromEntries(COUNT_TYPES.map((t) => [t, raw[t] ?? 0])) as Record<
    CountType,
    number
  >
  return {
    name,
    counts,
    // A job removed between the two reads comes back empty.
    failed: failed.filter((j): j is Job => Boolean(j)).map(failedJobView),
  }
}

export type QueueSummary = Awaited<ReturnType<typeof queueSummary>>

/** Unsent outbox rows (how many, the oldest one's age and last relay error) and rows set aside. */
export async function outboxBacklog(now = new Date()) {
  const [unsent, oldest, deadCount, dead] = await Promise.all([
    prisma.outboxMessage.count({ where: { sentAt: null, deadAt: null } }),
    prisma.outboxMessage.findFirst({
      where: { sentAt: null, deadAt: null },
      orderBy: { createdAt: 'asc' },
      select: { id: true, jobName: true, createdAt: true, attempts: true, lastError: true },
    }),
    prisma.outboxMessage.count({ where: { deadAt: { not: null } } }),
    prisma.outboxMessage.findMany({
      where: { deadAt: { not: null } },
      orderBy: { deadAt: 'desc' },
      take: 20,
      select: { id: true, jobName: true, payload: true, deadAt: true, lastError: true },
    }),
  ])
  return {
    unsent,
    oldest: oldest
      ? {
          ...oldest,
          ageSeconds: Math.max(0, Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000)),
        }
      : null,
    /** Rows the relay set aside (unknown job or bad payload): never sent, kept for an admin. */
    dead: {
      count: deadCount,
      latest: dead.map((d) => ({ ...d, payload: compactJson(d.payload) })),
    },
  }
}

export type QueueOverview = {
  redis: { ok: true } | { ok: false; message: string }
  queues: QueueSummary[]
  outbox: Awaited<ReturnType<typeof outboxBacklog>>
}

export async function queueOverview(
  opts: { failedLimit?: number; timeoutMs?: number } = {},
): Promise<QueueOverview> {
  const failedLimit = opts.failedLimit ?? FAILED_LIMIT
  const [outbox, queues] = await Promise.all([
    outboxBacklog(),
    withTimeout(
      Promise.all(JOB_NAMES.map((q) => queueSummary(q, failedLimit))),
      opts.timeoutMs ?? REDIS_TIMEOUT_MS,
    ).then(
      (list) => ({ ok: true as const, list }),
      (e: unknown) => {
        console.error(`[jobs-admin] reading the queues failed: ${String(e)}`)
        return { ok: false as const, list: [] }
      },
    ),
  ])
  return {
    redis: queues.ok ? { ok: true } : { ok: false, message: REDIS_DOWN_MESSAGE },
    queues: queues.list,
    outbox,
  }
}

/** `message`: a message code with its parameters (`messageWith`), translated by the page. */
export type RetryResult = { ok: boolean; message: string }

/** Moves one failed job back to waiting. */
export async function retryFailedJob(
  queue: string,
  jobId: string,
  opts: { timeoutMs?: number } = {},
): Promise<RetryResult> {
  try {
    return await withTimeout(
      (async (): Promise<RetryResult> => {
        const job = await getQueue(queue).getJob(jobId)
        if (!job)
          return {
            ok: false,
            message: messageWith('jobsAdmin.retry.notFound', { jobId, queue }),
          }
        const state = await job.getState()
        if (state !== 'failed') {
          return {
            ok: false,
            message: messageWith('jobsAdmin.retry.notFailed', { jobId, state }),
          }
        }
        await job.retry('failed')
        return {
          ok: true,
          message: messageWith('jobsAdmin.retry.queued', { jobId, name: job.name, queue }),
        }
      })(),
      opts.timeoutMs ?? REDIS_TIMEOUT_MS,
    )
  } catch (e) {
    if (e instanceof RedisTimeoutError || isConnectionError(e)) {
      return {
        ok: false,
        message: 'jobsAdmin.retry.redisDown',
      }
    }
    console.error(`[jobs-admin] retrying ${queue}/${jobId} failed`, e)
    return {
      ok: false,
      message: messageWith('jobsAdmin.retry.failed', {
        jobId,
        reason: e instanceof Error ? e.message : String(e),
      }),
    }
  }
}
