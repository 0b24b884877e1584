// Transactional outbox. `recordJob` runs inside the caller's transaction; `relayOutbox` moves
// unsent rows to BullMQ (jobs carry deterministic ids, so a row relayed twice is still one job).
import { jobs, type JobName, type JobPayload } from '~/jobs/contracts'
import { enqueue } from '~/jobs/queue.server'
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

/** Relays up to `limit` unsent messages. Returns how many were sent. Safe to run concurrently. */
export async function relayOutbox(opts: { limit?: number; ids?: string[] } = {}) {
  const rows = await prisma.outboxMessage.findMany({
    where: { sentAt: null, ...(opts.ids ? { id: { in: opts.ids } } : {}) },
    orderBy: { createdAt: 'asc' },
    take: opts.limit ?? 500,
  })
  let sent = 0
  for (const row of rows) {
    const name = row.jobName as JobName
    if (!(name in jobs)) {
      await prisma.outboxMessage.update({
        where: { id: row.id },
        data: { attempts: { increment: 1 }, lastError: `unknown job ${row.jobName}` },
      })
      continue
    }
    try {
      // BullMQ waits for a connection indefinitely; give up on this pass instead. If the add still
      // lands later, the deterministic job id makes the next relay of this row a no-op.
      await withTimeout(enqueue(name, row.payload as JobPayload<typeof name>), ENQUEUE_TIMEOUT_MS)
      await prisma.outboxMessage.update({ where: { id: row.id }, data: { sentAt: new Date() } })
      sent++
    } catch (error) {
      await prisma.outboxMessage.update({
        where: { id: row.id },
        data: { attempts: { increment: 1 }, lastError: String(error).slice(0, 500) },
      })
      // Redis is likely unreachable: stop this pass, the sweep retries later.
      break
    }
  }
  return sent
}

/** Best effort right after commit: relays the given rows now without making the caller wait on Redis. */
export function relaySoon(ids: string[]) {
  void relayOutbox({ ids }).catch(() => {
    // The periodic sweep in the workers picks these up.
  })
}
