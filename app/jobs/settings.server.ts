// Knobs of the job system (milliseconds), read once.
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isFinite(v) && v > 0 ? v : fallback
}

export const jobSettings = {
  /** How often a worker process relays unsent outbox rows. */
  outboxSweepMs: num('OUTBOX_SWEEP_MS', 2_000),
  /** How often the maintenance job runs (overdue attempts, recovery sweeps, outbox pruning). */
  maintenanceEveryMs: num('MAINTENANCE_EVERY_MS', 10_000),
  /** Work not done this long after it became due is given its job back by the sweep. */
  recoverAfterMs: num('RECOVER_AFTER_MS', 120_000),
  /** How often a worker process checks that Redis still holds its marker (lost data). */
  redisCheckMs: num('REDIS_CHECK_MS', 2_000),
  lockMs: num('WORKER_LOCK_MS', 30_000),
  stalledMs: num('WORKER_STALLED_MS', 30_000),
}
