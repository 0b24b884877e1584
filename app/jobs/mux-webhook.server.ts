// A verified Mux webhook delivery stored in WebhookEvent, applied to its video once.
import { z } from 'zod'
import { processMuxEvent } from '~/models/video.server'
import { prisma } from '~/utils/db.server'
import { defineJob } from './define.server'

export const muxWebhookJob = defineJob({
  name: 'muxWebhook',
  payload: z.object({ eventId: z.string().min(1).max(200) }),
  options: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } },
  concurrency: 5,
  // Mux event ids are UUIDs; anything else is made safe for a BullMQ id.
  key: (p) => p.eventId.replace(/[^A-Za-z0-9_-]/g, '_'),
  handler: (p) => processMuxEvent(p),
  recover: {
    find: (cutoff, limit) =>
      prisma.$queryRaw<{ eventId: string }[]>`
        SELECT id AS "eventId" FROM "WebhookEvent"
        WHERE "processedAt" IS NULL AND "receivedAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        ORDER BY "receivedAt" LIMIT ${limit}`,
  },
})
