// The worker process: one BullMQ worker per queue, plus the outbox relay sweep. Shares env
// validation, the Prisma client and the models with the web app. Stops gracefully on SIGTERM.
import os from 'node:os'
import { Worker } from 'bullmq'
import { jobs, QUEUES, type QueueName } from '~/jobs/contracts'
import { bullPrefix, closeQueues, getQueue } from '~/jobs/queue.server'
import { relayOutbox } from '~/models/outbox.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { createRedis } from '~/utils/redis.server'
import { processorFor } from './processors'
import { startSupervisionWorker } from './supervision'

const CONCURRENCY: Record<QueueName, number> = {
  notifications: 5,
  video: 5,
  grading: 20,
  competency: 10,
  maintenance: 1,
}
const SWEEP_MS = Number(process.env.OUTBOX_SWEEP_MS ?? 2000)
const MAINTENANCE_EVERY_MS = Number(process.env.MAINTENANCE_EVERY_MS ?? 10_000)

export async function startWorkers(queues: readonly QueueName[] = QUEUES) {
  const connection = createRedis({ maxRetriesPerRequest: null })
  const workers = queues.map(
    (q) =>
      new Worker(q, processorFor(q), {
        connection,
        prefix: bullPrefix(),
        concurrency: CONCURRENCY[q],
        // A worker killed mid-job loses its lock after lockDuration; the job is then retried.
        lockDuration: Number(process.env.WORKER_LOCK_MS ?? 30_000),
        stalledInterval: Number(process.env.WORKER_STALLED_MS ?? 30_000),
      }),
  )
  for (const w of workers) {
    w.on('failed', (job, err) =>
      console.error(`[worker:${w.name}] job ${job?.id} (${job?.name}) failed: ${err.message}`),
    )
    w.on('error', (err) => console.error(`[worker:${w.name}] ${err.message}`))
  }
  if (queues.includes('maintenance')) {
    // The scheduled maintenance job (overdue attempts, lost grading jobs): one schedule, upserted.
    await getQueue('maintenance')
      .upsertJobScheduler(
        'maintenance-sweep',
        { every: MAINTENANCE_EVERY_MS },
        {
          name: jobs.maintenanceSweep.name,
          data: {},
          opts: { removeOnComplete: 100, removeOnFail: 500 },
        },
      )
      .catch((e) => console.error(`[maintenance] could not schedule the sweep yet: ${String(e)}`))
  }
  // The supervision queue (issue 13) runs with the full set of queues only.
  const stopSupervision = queues.length === QUEUES.length ? await startSupervisionWorker() : null
  let sweeping = false
  const sweep = setInterval(() => {
    if (sweeping) return
    sweeping = true
    relayOutbox()
      .catch((e) => console.error(`[outbox] ${String(e)}`))
      .finally(() => (sweeping = false))
  }, SWEEP_MS)

  async function stop() {
    clearInterval(sweep)
    await Promise.all(workers.map((w) => w.close()))
    await stopSupervision?.()
    await closeQueues()
    connection.disconnect()
  }
  return { workers, stop }
}

async function main() {
  try {
    os.setPriority(0, env.WORKER_NICE)
  } catch (e) {
    console.error(`[workers] could not set niceness ${env.WORKER_NICE}: ${String(e)}`)
  }
  const { stop } = await startWorkers()
  console.log(
    `Bina workers started (queues: ${QUEUES.join(', ')}; prefix ${env.REDIS_PREFIX}; nice ${os.getPriority()})`,
  )
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: finishing active jobs (deadline ${env.WORKER_SHUTDOWN_MS} ms)`)
    const deadline = new Promise<'timeout'>((r) =>
      setTimeout(() => r('timeout'), env.WORKER_SHUTDOWN_MS).unref(),
    )
    const result = await Promise.race([stop().then(() => 'closed' as const), deadline])
    await prisma.$disconnect().catch(() => {})
    if (result === 'timeout')
      console.error('Shutdown deadline passed; unfinished jobs will be retried (stalled).')
    process.exit(result === 'closed' ? 0 : 1)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

if (import.meta.url === `file://${process.argv[1]}`) void main()
