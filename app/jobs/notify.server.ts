// An in-app notification built from a database fact (stored as kind + parameters, rendered in the
// reader's language at read time).
import { createNotificationFromJob } from '~/models/notification.server'
import { prisma } from '~/utils/db.server'
import { notifyContract } from './contracts.server'
import { defineJob } from './define.server'

const { payload } = notifyContract

export const notifyJob = defineJob({
  ...notifyContract,
  concurrency: 5,
  handler: (p) => createNotificationFromJob(p),
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
