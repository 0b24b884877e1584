// Runs the supervision queue (dashboard refresh, bulk ASN import) and schedules the periodic
// dashboard refresh. Started by workers/index.ts.
import { Worker } from 'bullmq'
import { bullPrefix } from '~/jobs/queue.server'
import {
  closeSupervisionQueue,
  SUPERVISION_QUEUE,
  supervisionJobs,
  supervisionProcessor,
  supervisionQueue,
} from '~/jobs/supervision.server'
import { applyImport, validateImport } from '~/models/asn-import.server'
import { refreshDashboard } from '~/models/supervision.server'
import { env } from '~/utils/env.server'
import { createRedis } from '~/utils/redis.server'

const REFRESH_EVERY_MS = env.DASHBOARD_REFRESH_MS

export async function startSupervisionWorker() {
  const connection = createRedis({ maxRetriesPerRequest: null })
  const worker = new Worker(
    SUPERVISION_QUEUE,
    supervisionProcessor({
      dashboardRefresh: () => refreshDashboard(),
      importValidate: (p, job) => validateImport(p.importId, (n) => job.updateProgress(n)),
      importApply: (p, job) => applyImport(p.importId, (n) => job.updateProgress(n)),
    }),
    { connection, prefix: bullPrefix(), concurrency: 2, lockDuration: 120_000 },
  )
  worker.on('failed', (job, err) =>
    console.error(
      `[worker:${SUPERVISION_QUEUE}] job ${job?.id} (${job?.name}) failed: ${err.message}`,
    ),
  )
  worker.on('error', (err) => console.error(`[worker:${SUPERVISION_QUEUE}] ${err.message}`))
  await supervisionQueue()
    .upsertJobScheduler(
      'dashboard-refresh-schedule',
      { every: REFRESH_EVERY_MS },
      { name: supervisionJobs.dashboardRefresh.name, data: {}, opts: { removeOnComplete: true } },
    )
    .catch((e) => console.error(`[supervision] could not schedule the refresh: ${String(e)}`))
  return async function stop() {
    await worker.close()
    await closeSupervisionQueue()
    connection.disconnect()
  }
}
