// Knobs of the job system (milliseconds), validated once in env.server.ts.
import { env } from '~/utils/env.server'

export const jobSettings = {
  /** How often a worker process relays unsent outbox rows. */
  outboxSweepMs: env.OUTBOX_SWEEP_MS,
  /** How often the maintenance job runs (overdue attempts, recovery sweeps, outbox pruning). */
  maintenanceEveryMs: env.MAINTENANCE_EVERY_MS,
  /** Work not done this long after it became due is given its job back by the sweep. */
  recoverAfterMs: env.RECOVER_AFTER_MS,
  /** How often a worker process checks that Redis still holds its marker (lost data). */
  redisCheckMs: env.REDIS_CHECK_MS,
  lockMs: env.WORKER_LOCK_MS,
  stalledMs: env.WORKER_STALLED_MS,
}
