// Jobs of the supervision area (issue 13), on their own queue "supervision" so that they do not
// change the shared contracts: the dashboard refresh (scheduled, and after an import or a tree
// change) and the bulk ASN import (validate, then apply). Payloads carry ids; handlers re-read the
// database and do nothing when the work is already done (at-least-once).
import { Queue, type Job } from 'bullmq'
import { z } from 'zod'
import { createRedis } from '~/utils/redis.server'
import { bullPrefix } from './queue.server'

export const SUPERVISION_QUEUE = 'supervision'

export const supervisionJobs = {
  /** Rebuilds the dashboard aggregates. One pending refresh at a time (fixed id, debounced). */
  dashboardRefresh: {
    name: 'dashboard.refresh',
    payload: z.object({}),
    jobId: () => 'dashboard-refresh',
    options: { attempts: 3, backoff: { type: 'fixed' as const, delay: 5_000 } },
  },
  /** Parses and validates an uploaded ASN file, row by row. */
  importValidate: {
    name: 'asn-import.validate',
    payload: z.object({ importId: z.string().min(1) }),
    jobId: (p: { importId: string }) => `asn-import-validate.${p.importId}`,
    options: { attempts: 3, backoff: { type: 'exponential' as const, delay: 2_000 } },
  },
  /** Writes the valid rows of a validated import (upsert by NIP). */
  importApply: {
    name: 'asn-import.apply',
    payload: z.object({ importId: z.string().min(1) }),
    jobId: (p: { importId: string }) => `asn-import-apply.${p.importId}`,
    options: { attempts: 3, backoff: { type: 'exponential' as const, delay: 2_000 } },
  },
} as const

type Contracts = typeof supervisionJobs
export type SupervisionJobName = keyof Contracts

declare global {
  var __binaSupervisionQueue: Queue | undefined
}

export function supervisionQueue() {
  return (globalThis.__binaSupervisionQueue ??= new Queue(SUPERVISION_QUEUE, {
    connection: createRedis({ maxRetriesPerRequest: 1 }),
    prefix: bullPrefix(),
  }))
}

export async function enqueueSupervision<N extends SupervisionJobName>(
  name: N,
  payload: z.infer<Contracts[N]['payload']>,
  opts: { delay?: number } = {},
) {
  const c = supervisionJobs[name]
  const data = c.payload.parse(payload)
  return supervisionQueue().add(c.name, data, {
    jobId: (c.jobId as (p: unknown) => string)(data),
    attempts: c.options.attempts,
    backoff: c.options.backoff,
    delay: opts.delay,
    removeOnComplete: true,
    removeOnFail: 500,
  })
}

export type SupervisionHandlers = {
  [N in SupervisionJobName]: (
    payload: z.infer<Contracts[N]['payload']>,
    job: Job,
  ) => Promise<unknown>
}

/** The processor of the supervision queue, given the handlers (wired in workers/supervision.ts). */
export function supervisionProcessor(handlers: SupervisionHandlers) {
  return async (job: Job) => {
    const entry = Object.entries(supervisionJobs).find(([, c]) => c.name === job.name)
    if (!entry) throw new Error(`No contract for job ${job.name} on queue ${SUPERVISION_QUEUE}`)
    const [name, c] = entry as [SupervisionJobName, Contracts[SupervisionJobName]]
    const handler = handlers[name] as (p: unknown, job: Job) => Promise<unknown>
    return handler(c.payload.parse(job.data), job)
  }
}

export async function closeSupervisionQueue() {
  const q = globalThis.__binaSupervisionQueue
  globalThis.__binaSupervisionQueue = undefined
  if (q) await q.close()
}
