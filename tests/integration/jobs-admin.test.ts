import { randomUUID } from 'node:crypto'
import { Worker, type Job } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bullPrefix, closeQueues, getQueue } from '~/jobs/queue.server'
import { outboxBacklog, queueOverview, retryFailedJob } from '~/models/jobs-admin.server'
import { prisma } from '~/utils/db.server'
import { createRedis, redis } from '~/utils/redis.server'
import { waitFor } from '../support/wait'
import { renderMessage } from '~/utils/messages'

const QUEUE = 'maintenance' as const
const REASON = 'no processor knows test.unknown-job'

let worker: Worker | undefined
let workerConnection: ReturnType<typeof createRedis> | undefined
const jobIds: string[] = []

beforeAll(async () => {
  workerConnection = createRedis({ maxRetriesPerRequest: null })
  // A stand-in worker whose processor knows no job: whatever it takes fails.
  worker = new Worker(
    QUEUE,
    async (job: Job) => {
      throw new Error(`no processor knows ${job.name}`)
    },
    { connection: workerConnection, prefix: bullPrefix(), concurrency: 1 },
  )
  worker.on('error', () => {})
  await worker.waitUntilReady()
})

afterAll(async () => {
  await worker?.close()
  for (const id of jobIds) await (await getQueue(QUEUE).getJob(id))?.remove()
  await closeQueues()
  workerConnection?.disconnect()
  redis().disconnect()
})

describe('jobs admin', () => {
  it('lists a failed job with its reason and retries it back to waiting', async () => {
    const jobId = `test-unknown-${randomUUID()}`
    jobIds.push(jobId)
    const payload = { probe: jobId, nested: { n: 1 } }
    await getQueue(QUEUE).add('test.unknown-job', payload, {
      jobId,
      attempts: 1,
      removeOnFail: false,
      removeOnComplete: true,
    })
    await waitFor(async () => (await getQueue(QUEUE).getJob(jobId))?.isFailed())

    // The worker must not pick the job up again once it is retried.
    await worker!.close()

    const overview = await queueOverview()
    expect(overview.redis.ok).toBe(true)
    const queue = overview.queues.find((q) => q.name === QUEUE)!
    expect(queue.counts.failed).toBeGreaterThanOrEqual(1)
    const failed = queue.failed.find((j) => j.id === jobId)
    expect(failed).toBeDefined()
    expect(failed!.name).toBe('test.unknown-job')
    expect(failed!.failedReason).toBe(REASON)
    expect(failed!.attemptsMade).toBe(1)
    expect(failed!.finishedOn).toBeInstanceOf(Date)
    expect(JSON.parse(failed!.data)).toEqual(payload)

    const result = await retryFailedJob(QUEUE, jobId)
    expect(result.ok).toBe(true)
    const job = await getQueue(QUEUE).getJob(jobId)
    expect(await job!.getState()).toBe('waiting')
    expect(job!.failedReason ?? null).toBeNull()
    const after = await queueOverview()
    expect(after.queues.find((q) => q.name === QUEUE)!.failed.some((j) => j.id === jobId)).toBe(
      false,
    )

    // A second retry finds it no longer failed.
    const again = await retryFailedJob(QUEUE, jobId)
    expect(again.ok).toBe(false)
    expect(renderMessage(again.message)).toContain('bukan gagal')
    expect(renderMessage(again.message, 'en')).toContain('not failed')
  })

  it('refuses to retry a job that does not exist', async () => {
    const result = await retryFailedJob(QUEUE, `missing-${randomUUID()}`)
    expect(result).toMatchObject({ ok: false })
    expect(renderMessage(result.message)).toContain('tidak ditemukan')
  })

  it('reports the unsent outbox rows with the oldest one’s age and last error', async () => {
    // Older than anything the seed or other tests record, so it is the oldest unsent row.
    const createdAt = new Date('2000-01-01T00:00:00Z')
    const row = await prisma.outboxMessage.create({
      data: {
        jobName: 'notify',
        payload: { kind: 'WELCOME', userId: 'x', subjectId: 'x' },
        createdAt,
        attempts: 2,
        lastError: 'Error: connect ECONNREFUSED',
      },
    })
    try {
      const backlog = await outboxBacklog()
      expect(backlog.unsent).toBeGreaterThanOrEqual(1)
      expect(backlog.oldest).toMatchObject({
        id: row.id,
        jobName: 'notify',
        attempts: 2,
        lastError: 'Error: connect ECONNREFUSED',
      })
      expect(backlog.oldest!.ageSeconds).toBeGreaterThan(20 * 365 * 24 * 3600)
      const overview = await queueOverview()
      expect(overview.outbox.oldest?.id).toBe(row.id)
    } finally {
      await prisma.outboxMessage.delete({ where: { id: row.id } })
    }
  })
})
