// When an attempt must be in. The server fixes the deadline when the attempt starts: the earlier
// of (start + time limit) and the quiz's close time. A request that ARRIVED within a short grace
// after the deadline (network latency of the last autosave or of the submit) is still in time.

/** Grace after the deadline for a request already on its way, in ms. */
export const DEADLINE_GRACE_MS = 2_000

/** The attempt's deadline, or null when neither a time limit nor a close time applies. */
export function attemptDeadline(opts: {
  startedAt: Date
  timeLimitSec: number | null
  closeAt: Date | null
}): Date | null {
  const candidates: number[] = []
  if ((opts.timeLimitSec ?? 0) > 0)
    candidates.push(opts.startedAt.getTime() + opts.timeLimitSec! * 1000)
  if (opts.closeAt) candidates.push(opts.closeAt.getTime())
  return candidates.length ? new Date(Math.min(...candidates)) : null
}

/** Whether a request that arrived at `receivedAtMs` is too late for `deadlineAt`. */
export function isPastDeadline(deadlineAt: Date | null, receivedAtMs: number): boolean {
  return deadlineAt != null && receivedAtMs > deadlineAt.getTime() + DEADLINE_GRACE_MS
}

/** Attempts with a deadline before this instant are overdue at `nowMs` (the sweep's cutoff). */
export function overdueCutoff(nowMs: number): Date {
  return new Date(nowMs - DEADLINE_GRACE_MS)
}

/** Whether the quiz accepts new attempts at `at` (open time reached, close time not). */
export function quizOpen(opts: { openAt: Date | null; closeAt: Date | null }, at: Date): boolean {
  return (!opts.openAt || opts.openAt <= at) && (!opts.closeAt || opts.closeAt > at)
}
