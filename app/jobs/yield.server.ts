// Background work that can wait yields to learners (decision 098): while an exam's submissions
// are being graded, certificates and the dashboard refresh wait (each at most its own maximum).
import { env } from '~/utils/env.server'
import { gradeAttemptContract } from './contracts.server'
import { bullPrefix, getQueue, queueRedis } from './queue.server'

/** Set by a grading batch of BACKGROUND_YIELD_BACKLOG or more attempts (decision 109). */
export function gradingLoadKey() {
  return `${bullPrefix()}:${gradeAttemptContract.name}:load`
}

/**
 * Called by a grading batch of `size` attempts: a batch that large means an exam's end is under
 * way (at least BACKGROUND_YIELD_BACKLOG submissions within the batch's 200 ms), so background work
 * keeps yielding for BACKGROUND_YIELD_HOLD_MS after it, also in the moments when the workers have
 * caught up and nothing waits. One Redis write per such batch, not awaited by the grading.
 */
export function noteGradingBatch(size: number) {
  if (env.BACKGROUND_YIELD_BACKLOG <= 0 || env.BACKGROUND_YIELD_HOLD_MS <= 0) return
  if (size < env.BACKGROUND_YIELD_BACKLOG) return
  void queueRedis()
    .set(gradingLoadKey(), '1', 'PX', env.BACKGROUND_YIELD_HOLD_MS)
    .catch(() => undefined)
}

/**
 * True while more than `limit` grading jobs wait, or a large grading batch ran within the last
 * BACKGROUND_YIELD_HOLD_MS (noteGradingBatch). A "busy" answer is kept for a second per process,
 * shared by the jobs that ask meanwhile; a "not busy" answer is not kept, so the first
 * certificates of an exam's end see its first grading batch (decision 109). Concurrent asks share
 * one Redis round trip.
 */
export function gradingBacklogOver(limit: number) {
  let busyUntil = 0
  let inFlight: Promise<boolean> | undefined
  return (): Promise<boolean> => {
    if (Date.now() < busyUntil) return Promise.resolve(true)
    return (inFlight ??= (async () => {
      try {
        const [waiting, load] = await Promise.all([
          getQueue(gradeAttemptContract.name).getWaitingCount(),
          queueRedis().exists(gradingLoadKey()),
        ])
        const busy = waiting > limit || load > 0
        if (busy) busyUntil = Date.now() + 1_000
        return busy
      } finally {
        inFlight = undefined
      }
    })())
  }
}

let shared: (() => Promise<boolean>) | undefined
/**
 * A job definition's `yieldWhile` for work that waits for grading (at most `maxMs`), or nothing
 * when BACKGROUND_YIELD_BACKLOG is 0. The jobs of a process share one reading.
 */
export function yieldToGrading(maxMs: number) {
  if (env.BACKGROUND_YIELD_BACKLOG <= 0 || maxMs <= 0) return {}
  shared ??= gradingBacklogOver(env.BACKGROUND_YIELD_BACKLOG)
  return { yieldWhile: { busy: shared, maxMs } }
}
