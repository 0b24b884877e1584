// The scheduled maintenance run: finalise overdue attempts, give lost work its jobs back (each job's
// own recovery), prune the outbox.
import { finaliseOverdueAttempts } from '~/models/quiz.server'
import { prisma } from '~/utils/db.server'
import type { JobDefinition } from './define.server'
import { recoverJobs } from './recovery.server'
import { jobSettings } from './settings.server'

export async function runMaintenance(jobs: readonly JobDefinition[]) {
  const finalised = await finaliseOverdueAttempts()
  const requeued = await recoverJobs(jobs, { olderThanMs: jobSettings.recoverAfterMs })
  const pruned = await pruneOutbox()
  return { finalised, requeued, pruned }
}

/** Sent rows are kept this long (to look into a delivery, and for the notification recovery). */
export const OUTBOX_RETENTION_DAYS = 7

/** Deletes sent rows older than the retention, `batch` at a time. Unsent and set-aside rows stay. */
export async function pruneOutbox(now = new Date(), batch = 5_000) {
  const cutoff = new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000)
  let total = 0
  for (;;) {
    const n = await prisma.$executeRaw`
      DELETE FROM "OutboxMessage" WHERE id IN (
        SELECT id FROM "OutboxMessage"
        WHERE "sentAt" IS NOT NULL AND "sentAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        LIMIT ${batch})`
    total += n
    if (n < batch) return total
  }
}
