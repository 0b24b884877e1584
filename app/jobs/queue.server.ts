// BullMQ queues (one per job, named after it) and validated, idempotent adds.
import { Queue } from 'bullmq'
import { env } from '~/utils/env.server'
import { createRedis } from '~/utils/redis.server'
import { addOptions, type JobDefinition } from './define.server'

declare global {
  var __binaQueues: Map<string, Queue> | undefined
}

let connection: ReturnType<typeof createRedis> | undefined

export function bullPrefix() {
  return `${env.REDIS_PREFIX}:bull`
}

/** The Redis connection the queues of this process share (also for a job's own keys). */
export function queueRedis() {
  return (connection ??= createRedis({ maxRetriesPerRequest: 1 }))
}

export function getQueue(name: string): Queue {
  const queues = (globalThis.__binaQueues ??= new Map())
  let q = queues.get(name)
  if (!q) {
    q = new Queue(name, { connection: queueRedis(), prefix: bullPrefix() })
    queues.set(name, q)
  }
  return q
}

/** Adds jobs of one definition in one round trip; payloads are parsed first (throws when bad). */
export async function addJobs(job: JobDefinition, payloads: unknown[]) {
  if (payloads.length === 0) return []
  const bulk = payloads.map((p) => {
    const data: unknown = job.payload.parse(p)
    return { name: job.name, data, opts: addOptions(job, data) }
  })
  return getQueue(job.name).addBulk(bulk)
}

export async function closeQueues() {
  const queues = globalThis.__binaQueues
  globalThis.__binaQueues = undefined
  if (queues) await Promise.all([...queues.values()].map((q) => q.close()))
  connection?.disconnect()
  connection = undefined
}
