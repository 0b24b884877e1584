// An in-app notification built from a database fact (stored as kind + parameters, rendered in the
// reader's language at read time).
import {
  completionNotificationsInSql,
  createCompletionNotifications,
  createNotificationFromJob,
} from '~/models/notification.server'
import { prisma } from '~/utils/db.server'
import { batched } from './batch.server'
import { notifyContract } from './contracts.server'
import { defineJob } from './define.server'

const { payload } = notifyContract

/**
 * Concurrent course-completion notifications (one per passed attempt at the end of an exam) share
 * one statement (decision 012); other kinds run one by one.
 */
const notifyCompleted = batched(
  async (items: { userId: string; subjectId: string }[]) => {
    const created = await createCompletionNotifications(items)
    const told = new Set<string>()
    return items.map((i) => {
      const id = created.get(i.subjectId)
      // Two runs for one subject in a batch: one wrote it.
      if (!id || told.has(id)) return { created: false }
      told.add(id)
      return { created: true, notificationId: id, mailQueued: false }
    })
  },
  { maxSize: 50, waitMs: 10 },
)

export const notifyJob = defineJob({
  ...notifyContract,
  // Up to 10 completion notices share a statement; other kinds still hold a pooled connection
  // each (an interactive transaction): not more, or they starve the grading of connections.
  concurrency: 10,
  handler: (p) =>
    p.kind === 'COURSE_COMPLETED' && completionNotificationsInSql
      ? notifyCompleted(p)
      : createNotificationFromJob(p),
  recover: {
    // Relayed a while ago (within the outbox retention) and never delivered.
    find: async (cutoff, limit) => {
      const rows = await prisma.$queryRaw<{ payload: unknown }[]>`
        SELECT o.payload FROM "OutboxMessage" o
        WHERE o."jobName" = 'notify' AND o."sentAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
          AND o."deadAt" IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM "Notification" n
            WHERE n."dedupeKey" = (o.payload->>'kind') || ':' || (o.payload->>'subjectId'))
        ORDER BY o."sentAt" LIMIT ${limit}`
      return rows.flatMap((r) => {
        const p = payload.safeParse(r.payload)
        return p.success ? [p.data] : []
      })
    },
  },
})
