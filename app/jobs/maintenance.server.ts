// The scheduled maintenance run: finalise overdue attempts, give lost work its jobs back (each job's
// own recovery), prune the outbox.
import { finaliseOverdueAttempts } from '~/models/quiz.server'
import type { JobDefinition } from './define.server'
import { recoverJobs } from './recovery.server'
import { pruneOutbox } from './relay.server'
import { jobSettings } from './settings.server'

export async function runMaintenance(jobs: readonly JobDefinition[]) {
  const finalised = await finaliseOverdueAttempts()
  const requeued = await recoverJobs(jobs, { olderThanMs: jobSettings.recoverAfterMs })
  const pruned = await pruneOutbox()
  return { finalised, requeued, pruned }
}
