// Runs the jobs of ./index.server.ts in a worker process: one BullMQ worker per job, the outbox
// relay loop, the repeatable schedules, and the watch for Redis losing its data.
//
// Redis is not trusted to keep anything: a marker key is written next to each job's queue. When
// it is gone (Redis restarted empty, FLUSHALL, a failover to an empty replica), this process re-creates
// the schedules and runs every job's recovery at once (no age threshold), then writes the marker
// again. It is checked every few seconds and as soon as the connection is ready again.
import { Worker } from 'bullmq'
import { createRedis } from '~/utils/redis.server'
import type { JobDefinition } from './define.server'
import { jobs as allJobs, recoverableJobs } from './index.server'
import { bullPrefix, closeQueues, getQueue } from './queue.server'
import { recoverJobs } from './recovery.server'
import { relayOutbox } from './relay.server'
import { jobSettings } from './settings.server'

/** The relay sweep leaves rows this young to the process that recorded them. */
export const SWEEP_MIN_AGE_MS = 5_000

/** Written next to a job's queue; gone when Redis lost its data. */
export function markerKey(jobName: string) {
  return `${bullPrefix()}:${jobName}:alive`
}

/** Re-creates the repeatable schedules (idempotent upserts). */
export async function ensureSchedules(jobs: readonly JobDefinition[] = allJobs) {
  for (const job of jobs) {
    if (!job.every) continue
    await getQueue(job.name).upsertJobScheduler(
      job.key({}),
      { every: job.every() },
      { name: job.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
    )
  }
}

export interface JobRuntime {
  workers: Worker[]
  /** Resolves after the next Redis check (tests). */
  checkRedis(): Promise<'intact' | 'recovered'>
  stop(): Promise<void>
}

/**
 * Waits (the job keeps its lock; BullMQ renews it) while `busy()`, for at most `maxMs`, and not
 * once the process is stopping (`stopping()`): a graceful stop then runs the job instead of
 * waiting out its maximum.
 */
export async function waitWhileBusy(
  y: { busy(): Promise<boolean>; maxMs: number },
  stopping: () => boolean = () => false,
) {
  const until = Date.now() + y.maxMs
  while (Date.now() < until && !stopping() && (await y.busy().catch(() => false)))
    await new Promise((r) => setTimeout(r, Math.min(1_000, Math.max(0, until - Date.now()))))
}

/** Starts the workers of the given jobs (all by default). */
export async function startJobRuntime(
  names: readonly string[] = allJobs.map((j) => j.name),
): Promise<JobRuntime> {
  const selected = allJobs.filter((j) => names.includes(j.name))
  let stopping = false
  const connection = createRedis({ maxRetriesPerRequest: null })
  const workers = selected.map(
    (job) =>
      new Worker(
        job.name,
        async (bullJob) => {
          // Only this job's own kind: anything else on its queue fails (visible to admins).
          if (bullJob.name !== job.name)
            throw new Error(`job ${bullJob.name} on the queue of ${job.name}: not run`)
          const payload = job.payload.parse(bullJob.data)
          if (job.yieldWhile) await waitWhileBusy(job.yieldWhile, () => stopping)
          return job.handler(payload)
        },
        {
          connection,
          prefix: bullPrefix(),
          concurrency: job.concurrency,
          ...(job.limiter ? { limiter: job.limiter } : {}),
          // A worker killed mid-job loses its lock after lockDuration; the job is then retried.
          lockDuration: jobSettings.lockMs,
          stalledInterval: jobSettings.stalledMs,
        },
      ),
  )
  for (const w of workers) {
    w.on('failed', (job, err) =>
      console.error(`[worker:${w.name}] job ${job?.id} failed: ${err.message}`),
    )
    w.on('error', (err) => console.error(`[worker:${w.name}] ${err.message}`))
  }

  // Redis-loss watch.
  const watch = createRedis({ maxRetriesPerRequest: 1 })
  let checking: Promise<'intact' | 'recovered'> | undefined
  const checkRedis = () =>
    (checking ??= (async () => {
      try {
        const markers = await watch.mget(selected.map((j) => markerKey(j.name)))
        const lost = selected.filter((_, i) => markers[i] === null)
        if (lost.length === 0) return 'intact' as const
        await ensureSchedules(lost)
        const requeued = await recoverJobs(
          lost.filter((j) => recoverableJobs.includes(j)),
          { olderThanMs: 0, limit: 100_000 },
        )
        const at = new Date().toISOString()
        await watch.mset(Object.fromEntries(lost.map((j) => [markerKey(j.name), at])))
        const n = Object.values(requeued).reduce((x, y) => x + y, 0)
        if (n > 0) console.log(`[jobs] Redis had lost its data: ${n} jobs recovered`, requeued)
        return 'recovered' as const
      } finally {
        checking = undefined
      }
    })())
  const check = () => void checkRedis().catch((e) => console.error(`[jobs] ${String(e)}`))
  watch.on('ready', check)
  const watchTimer = setInterval(check, jobSettings.redisCheckMs)
  await checkRedis().catch((e) => console.error(`[jobs] Redis not ready yet: ${String(e)}`))

  let sweeping = false
  const sweep = setInterval(() => {
    if (sweeping) return
    sweeping = true
    // Rows younger than a few seconds are on their way (relaySoon) or run in place (runInPlace).
    relayOutbox({ minAgeMs: SWEEP_MIN_AGE_MS })
      .catch((e) => console.error(`[outbox] ${String(e)}`))
      .finally(() => (sweeping = false))
  }, jobSettings.outboxSweepMs)

  async function stop() {
    stopping = true
    clearInterval(sweep)
    clearInterval(watchTimer)
    watch.off('ready', check)
    await Promise.all(workers.map((w) => w.close()))
    await checking?.catch(() => {})
    watch.disconnect()
    await closeQueues()
    connection.disconnect()
  }
  return { workers, checkRedis, stop }
}
