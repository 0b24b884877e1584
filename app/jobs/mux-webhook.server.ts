// A verified Mux webhook delivery stored in WebhookEvent, applied to its video once.
import { processMuxEvent } from '~/models/video.server'
import { prisma } from '~/utils/db.server'
import { muxWebhookContract } from './contracts.server'
import { defineJob } from './define.server'

export const muxWebhookJob = defineJob({
  ...muxWebhookContract,
  concurrency: 5,
  handler: (p) => processMuxEvent(p),
  recover: {
    find: (cutoff, limit) =>
      prisma.$queryRaw<{ eventId: string }[]>`
        SELECT id AS "eventId" FROM "WebhookEvent"
        WHERE "processedAt" IS NULL AND "receivedAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        ORDER BY "receivedAt" LIMIT ${limit}`,
  },
})
