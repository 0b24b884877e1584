// Transactional outbox. `recordJob` runs inside the caller's transaction; `relayOutbox` moves
// unsent rows to BullMQ (jobs carry deterministic ids, so a row relayed twice is still one job).
import { jobs, type JobName, type JobPayload } from '~/jobs/contracts'
import { enqueueMany } from '~/jobs/queue.server'
import { prisma } from '~/utils/db.server'
import type { Prisma } from '~/generated/prisma/client'

type Tx = Prisma.TransactionClient

export async function recordJob<N extends JobName>(tx: Tx, name: N, payload: JobPayload<N>) {
  const data = jobs[name].payload.parse(payload)
  return tx.outboxMessage.create({ data: { jobName: name, payload: data }, select: { id: true } })
}

const ENQUEUE_TIMEOUT_MS = 3_000

function withTimeout<T>(p: Promise<T>, ms: number) {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    )
  })
}

interface OutboxRow {
  id: string
  jobName: string
  payload: unknown
}

/**
 * Relays unsent messages in bulk (one addBulk per queue): the given `ids` (all of them), or else the
 * oldest `limit`. Returns how many were sent.
 * Raw SQL: this runs after every submission and every graded attempt (docs/decisions/007).
 */
export async function relayOutbox(opts: { limit?: number; ids?: string[] } = {}) {
  const limit = opts.limit ?? 1000
  // By id, the primary key finds the rows; `sentAt` is checked here rather than in SQL, where the
  // planner would pick the (sentAt, createdAt) index and walk every not-yet-vacuumed NULL entry.
  const rows = opts.ids
    ? (
        await prisma.$queryRaw<(OutboxRow & { sentAt: Date | null })[]>`
          SELECT id, "jobName", payload, "sentAt" FROM "OutboxMessage" WHERE id = ANY(${opts.ids}::text[])`
      ).filter((r) => r.sentAt === null)
    : await prisma.$queryRaw<OutboxRow[]>`
        SELECT id, "jobName", payload FROM "OutboxMessage"
        WHERE "sentAt" IS NULL ORDER BY "createdAt" LIMIT ${limit}`
  const failed = (ids: string[], error: string) => prisma.$executeRaw`
    UPDATE "OutboxMessage" SET attempts = attempts + 1, "lastError" = ${error.slice(0, 500)}
    WHERE id = ANY(${ids}::text[])`
  const unknown = rows.filter((r) => !(r.jobName in jobs))
  if (unknown.length)
    await failed(
      unknown.map((r) => r.id),
      'unknown job',
    )
  const byQueue = new Map<string, OutboxRow[]>()
  for (const r of rows) {
    if (!(r.jobName in jobs)) continue
    const q = jobs[r.jobName as JobName].queue
    byQueue.set(q, [...(byQueue.get(q) ?? []), r])
  }
  let sent = 0
  for (const [, batch] of byQueue) {
    const ids = batch.map((r) => r.id)
    try {
      // BullMQ waits for a connection indefinitely; give up on this pass instead. If the add still
      // lands later, the deterministic job ids make the next relay of these rows a no-op.
      await withTimeout(
        enqueueMany(
          batch.map((r) => ({ name: r.jobName as JobName, payload: r.payload as never })),
        ),
        ENQUEUE_TIMEOUT_MS,
      )
      await prisma.$executeRaw`
        UPDATE "OutboxMessage" SET "sentAt" = (${new Date()}::timestamptz AT TIME ZONE 'UTC')
        WHERE id = ANY(${ids}::text[])`
      sent += batch.length
    } catch (error) {
      await failed(ids, String(error))
    }
  }
  return sent
}

/** Sent rows are kept this long (to look into a delivery), then deleted by the maintenance sweep. */
export const OUTBOX_RETENTION_DAYS = 7

/** Deletes sent rows older than the retention, `batch` at a time. Unsent rows are never deleted. */
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

// Rows recorded by this process are relayed together shortly after commit (a burst of
// submissions becomes a few addBulk calls instead of one round trip each).
const pending = new Set<string>()
let flushTimer: NodeJS.Timeout | undefined
const FLUSH_MS = 20

/** Records several jobs of one contract in one insert (inside the caller's transaction). */
export async function recordJobs<N extends JobName>(tx: Tx, name: N, payloads: JobPayload<N>[]) {
  if (payloads.length === 0) return []
  const rows = await tx.outboxMessage.createManyAndReturn({
    data: payloads.map((p) => ({ jobName: name, payload: jobs[name].payload.parse(p) })),
    select: { id: true },
  })
  return rows.map((r) => r.id)
}

/** Best effort right after commit; the workers' sweep relays whatever this misses. */
export function relaySoon(ids: string[]) {
  for (const id of ids) pending.add(id)
  flushTimer ??= setTimeout(() => {
    flushTimer = undefined
    const batch = [...pending]
    pending.clear()
    void relayOutbox({ ids: batch }).catch(() => {
      // The periodic sweep in the workers picks these up.
    })
  }, FLUSH_MS)
}
