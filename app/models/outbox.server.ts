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

/** Relays up to `limit` unsent messages in bulk (one addBulk per queue). Returns how many were sent. */
export async function relayOutbox(opts: { limit?: number; ids?: string[] } = {}) {
  const rows = await prisma.outboxMessage.findMany({
    where: { sentAt: null, ...(opts.ids ? { id: { in: opts.ids } } : {}) },
    orderBy: { createdAt: 'asc' },
    take: opts.limit ?? 1000,
  })
  const unknown = rows.filter((r) => !(r.jobName in jobs))
  if (unknown.length) {
    await prisma.outboxMessage.updateMany({
      where: { id: { in: unknown.map((r) => r.id) } },
      data: { attempts: { increment: 1 }, lastError: 'unknown job' },
    })
  }
  const byQueue = new Map<string, typeof rows>()
  for (const r of rows) {
    if (!(r.jobName in jobs)) continue
    const q = jobs[r.jobName as JobName].queue
    byQueue.set(q, [...(byQueue.get(q) ?? []), r])
  }
  let sent = 0
  for (const [, batch] of byQueue) {
    try {
      // BullMQ waits for a connection indefinitely; give up on this pass instead. If the add still
      // lands later, the deterministic job ids make the next relay of these rows a no-op.
      await withTimeout(
        enqueueMany(
          batch.map((r) => ({ name: r.jobName as JobName, payload: r.payload as never })),
        ),
        ENQUEUE_TIMEOUT_MS,
      )
      await prisma.outboxMessage.updateMany({
        where: { id: { in: batch.map((r) => r.id) } },
        data: { sentAt: new Date() },
      })
      sent += batch.length
    } catch (error) {
      await prisma.outboxMessage.updateMany({
        where: { id: { in: batch.map((r) => r.id) } },
        data: { attempts: { increment: 1 }, lastError: String(error).slice(0, 500) },
      })
    }
  }
  return sent
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
