// Background work that can wait yields to learners (decision 098): while an exam's submissions
// wait to be graded, certificates and the dashboard refresh wait (each at most its own maximum).
import { env } from '~/utils/env.server'
import { gradeAttemptContract } from './contracts.server'
import { getQueue } from './queue.server'

/**
 * True while more than `limit` grading jobs wait. One Redis read a second per process, shared by
 * the certificate jobs that ask at the same time.
 */
export function gradingBacklogOver(limit: number) {
  let asked = 0
  let answer: Promise<boolean> = Promise.resolve(false)
  return () => {
    if (Date.now() - asked >= 1_000) {
      asked = Date.now()
      answer = getQueue(gradeAttemptContract.name)
        .getWaitingCount()
        .then((n) => n > limit)
    }
    return answer
  }
}

let shared: (() => Promise<boolean>) | undefined
/**
 * A job definition's `yieldWhile` for work that waits for grading (at most `maxMs`), or nothing
 * when BACKGROUND_YIELD_BACKLOG is 0. The jobs of a process share one backlog reading.
 */
export function yieldToGrading(maxMs: number) {
  if (env.BACKGROUND_YIELD_BACKLOG <= 0 || maxMs <= 0) return {}
  shared ??= gradingBacklogOver(env.BACKGROUND_YIELD_BACKLOG)
  return { yieldWhile: { busy: shared, maxMs } }
}
