// Moves outbox rows to BullMQ (one addBulk per job). A row that cannot be relayed (unknown job,
// payload that does not parse) is set aside at once with its reason (`deadAt`, `lastError`) and never
// blocks the others; a row Redis did not take (Redis down) stays unsent and is tried again.
// Raw SQL: this runs after every submission and every graded attempt (docs/decisions/007).
import { Prisma } from '~/generated/prisma/client'
import { sql } from '~/utils/db.server'
import type { JobDefinition } from './define.server'
import { jobByName } from './index.server'
import { addJobs } from './queue.server'

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

/** Sets rows aside for good (an admin looks at them at /admin/jobs). */
function setAside(rows: { id: string; error: string }[]) {
  if (rows.length === 0) return
  return sql(Prisma.sql`
    UPDATE "OutboxMessage" o SET "deadAt" = now() AT TIME ZONE 'UTC', "lastError" = t.error
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.error.slice(0, 500))}::text[]) AS t(id, error)
    WHERE o.id = t.id`)
}

/**
 * Relays unsent rows: the given `ids` (all of them), or else the oldest `limit`. Returns how many
 * were sent.
 */
export async function relayOutbox(
  opts: {
    limit?: number
    ids?: string[]
    /** Rows just recorded by this process, with their job and payload (not read again). */
    recorded?: OutboxRow[]
    /** Only rows at least this old (the sweep: rows just recorded are being relayed or run in place). */
    minAgeMs?: number
  } = {},
) {
  const cutoff = new Date(Date.now() - (opts.minAgeMs ?? 0))
  const limit = opts.limit ?? 1000
  // By id, the primary key finds the rows; `sentAt` is checked here rather than in SQL, where the
  // planner would pick the (sentAt, createdAt) index and walk every not-yet-vacuumed NULL entry.
  const byId = opts.ids?.length
    ? (
        await sql<OutboxRow & { sentAt: Date | null; deadAt: Date | null }>(
          Prisma.sql`
          SELECT id, "jobName", payload, "sentAt", "deadAt" FROM "OutboxMessage" WHERE id = ANY(${opts.ids}::text[])`,
          { prepare: true },
        )
      ).filter((r) => r.sentAt === null && r.deadAt === null)
    : []
  const rows =
    opts.ids || opts.recorded
      ? [...byId, ...(opts.recorded ?? [])]
      : await sql<OutboxRow>(
          Prisma.sql`
        SELECT id, "jobName", payload FROM "OutboxMessage"
        WHERE "sentAt" IS NULL AND "deadAt" IS NULL
          AND "createdAt" <= (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        ORDER BY "createdAt" LIMIT ${limit}`,
          // Not prepared: a sweep's plan depends on its cutoff and limit, and prepared statements
          // run with generic plans (decision 122); planning it on each sweep costs little.
        )
  const dead: { id: string; error: string }[] = []
  const byJob = new Map<JobDefinition, { ids: string[]; payloads: unknown[] }>()
  for (const r of rows) {
    const job = jobByName(r.jobName)
    if (!job) {
      dead.push({ id: r.id, error: `unknown job "${r.jobName}"` })
      continue
    }
    const parsed = job.payload.safeParse(r.payload)
    if (!parsed.success) {
      dead.push({ id: r.id, error: `bad payload: ${parsed.error.issues[0]?.message ?? 'invalid'}` })
      continue
    }
    const batch = byJob.get(job) ?? { ids: [], payloads: [] }
    batch.ids.push(r.id)
    batch.payloads.push(parsed.data)
    byJob.set(job, batch)
  }
  await setAside(dead)
  let sent = 0
  for (const [job, batch] of byJob) {
    try {
      // BullMQ waits for a connection indefinitely; give up on this pass instead. If the add still
      // lands later, the deterministic job ids make the next relay of these rows a no-op.
      await withTimeout(addJobs(job, batch.payloads), ENQUEUE_TIMEOUT_MS)
      await sql(
        Prisma.sql`
        UPDATE "OutboxMessage" SET "sentAt" = now() AT TIME ZONE 'UTC' WHERE id = ANY(${batch.ids}::text[])`,
        { prepare: true },
      )
      sent += batch.ids.length
    } catch (error) {
      await sql(Prisma.sql`
        UPDATE "OutboxMessage" SET attempts = attempts + 1, "lastError" = ${String(error).slice(0, 500)}
        WHERE id = ANY(${batch.ids}::text[])`)
    }
  }
  return sent
}
