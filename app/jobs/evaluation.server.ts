// Kirkpatrick evaluation jobs (docs/decisions/061):
// - `evaluationSurveyInvite`: the L1 survey invitation of a completion (recorded in the
//   completion's transaction, ./completion-follow-ups.server.ts); one notification per enrolment.
// - `evaluationL3Sweep`: scheduled; asks the direct supervisor about completions that are
//   EVAL_L3_DELAY_DAYS old. Idempotent (one request per enrolment) and self-recovering: a lost or
//   failed run leaves the work to the next one, which finds it from PostgreSQL.
import { z } from 'zod'
import { askDueL3, inviteToSurveys, SURVEY_NOTIFICATION } from '~/models/evaluation.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { batched } from './batch.server'
import { evaluationSurveyInviteContract } from './contracts.server'
import { defineJob } from './define.server'

const invitePayload = evaluationSurveyInviteContract.payload

/** Concurrent invitations (one per completion) share one statement (decision 012). */
const invite = batched(
  async (enrolmentIds: string[]) => {
    const created = await inviteToSurveys(enrolmentIds)
    // Two runs for one enrolment in a batch: one wrote it.
    return enrolmentIds.map((id) => ({ created: created.delete(id) }))
  },
  { maxSize: 50, waitMs: 10 },
)

export const evaluationSurveyInviteJob = defineJob({
  ...evaluationSurveyInviteContract,
  concurrency: 20,
  handler: (p) => invite(p.enrolmentId),
  recover: {
    // Relayed a while ago (within the outbox retention) and no invitation written.
    find: async (cutoff, limit) => {
      const rows = await prisma.$queryRaw<{ payload: unknown }[]>`
        SELECT o.payload FROM "OutboxMessage" o
        WHERE o."jobName" = 'evaluationSurveyInvite'
          AND o."sentAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC') AND o."deadAt" IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM "Notification" n
            WHERE n."dedupeKey" = ${SURVEY_NOTIFICATION} || ':' || (o.payload->>'enrolmentId'))
        ORDER BY o."sentAt" LIMIT ${limit}`
      return rows.flatMap((r) => {
        const p = invitePayload.safeParse(r.payload)
        return p.success ? [p.data] : []
      })
    },
  },
})

export const evaluationL3SweepJob = defineJob({
  name: 'evaluationL3Sweep',
  payload: z.object({}),
  options: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 } },
  concurrency: 1,
  key: () => 'sweep',
  // Batches of 500 until nothing is due (a first run after a long pause may find many).
  handler: async () => {
    let total = 0
    for (let i = 0; i < 100; i++) {
      const n = await askDueL3(new Date())
      total += n
      if (n < 500) break
    }
    return { asked: total }
  },
  every: () => env.EVAL_SWEEP_MS,
})
