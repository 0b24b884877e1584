// Recovery that does not trust Redis: each job's `recover.find` re-derives from PostgreSQL the work
// that is not done, and `ensureJob` gives it a job unless one is waiting or running. A failed job
// (its tries used up) is left for an admin.
import type { JobDefinition } from './define.server'
import { addJobs, getQueue } from './queue.server'

type Outcome = 'queued' | 'present' | 'failed'

/** Makes sure a job exists for work the database says is not done. */
export async function ensureJob(job: JobDefinition, payload: unknown): Promise<Outcome> {
  const existing = await getQueue(job.name).getJob(job.jobId(payload))
  const state = existing ? await existing.getState() : 'missing'
  if (state === 'failed') return 'failed'
  if (state === 'completed' && !job.recover?.rerunCompleted) return 'present'
  if (state === 'missing' || state === 'unknown' || state === 'completed') {
    if (existing) await existing.remove()
    await addJobs(job, [payload])
    return 'queued'
  }
  return 'present'
}

/**
 * Runs every job's recovery: work older than `olderThanMs` (0: all of it, after Redis lost its
 * data) gets its job back, at most `limit` items per job. Returns how many were re-queued per job.
 */
export async function recoverJobs(
  jobs: readonly JobDefinition[],
  opts: { olderThanMs: number; limit?: number; now?: Date },
) {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.olderThanMs)
  const requeued: Record<string, number> = {}
  for (const job of jobs) {
    if (!job.recover) continue
    const due = await job.recover.find(cutoff, opts.limit ?? 500)
    let n = 0
    // A few round trips at a time: recovery after a lost Redis can concern a whole exam cohort.
    for (let i = 0; i < due.length; i += 50) {
      const outcomes = await Promise.all(due.slice(i, i + 50).map((p) => ensureJob(job, p)))
      n += outcomes.filter((o) => o === 'queued').length
    }
    requeued[job.name] = n
  }
  return requeued
}
