// Producers: validated, idempotent enqueueing of the contracts in ./contracts.
import { Queue } from 'bullmq'
import { env } from '~/utils/env.server'
import { createRedis } from '~/utils/redis.server'
import { jobs, type JobName, type JobPayload, type QueueName } from './contracts'

declare global {
  var __binaQueues: Map<QueueName, Queue> | undefined
}

let connection: ReturnType<typeof createRedis> | undefined

export function bullPrefix() {
  return `${env.REDIS_PREFIX}:bull`
}

export function getQueue(name: QueueName): Queue {
  const queues = (globalThis.__binaQueues ??= new Map())
  let q = queues.get(name)
  if (!q) {
    connection ??= createRedis({ maxRetriesPerRequest: 1 })
    q = new Queue(name, { connection, prefix: bullPrefix() })
    queues.set(name, q)
  }
  return q
}

export async function enqueue<N extends JobName>(name: N, payload: JobPayload<N>) {
  const contract = jobs[name]
  const data = contract.payload.parse(payload)
  return getQueue(contract.queue).add(contract.name, data, {
    jobId: (contract.jobId as (p: unknown) => string)(data),
    attempts: contract.options.attempts,
    backoff: contract.options.backoff,
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: false,
  })
}

/** Adds many jobs of one queue in one round trip (addBulk). All must share a queue. */
export async function enqueueMany(items: { name: JobName; payload: JobPayload<JobName> }[]) {
  if (items.length === 0) return []
  const queue = jobs[items[0]!.name].queue
  const bulk = items.map(({ name, payload }) => {
    const contract = jobs[name]
    if (contract.queue !== queue) throw new Error('enqueueMany: jobs of different queues')
    const data = contract.payload.parse(payload)
    return {
      name: contract.name,
      data,
      opts: {
        jobId: (contract.jobId as (p: unknown) => string)(data),
        attempts: contract.options.attempts,
        backoff: contract.options.backoff,
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: false,
      },
    }
  })
  return getQueue(queue).addBulk(bulk)
}

export async function closeQueues() {
  const queues = globalThis.__binaQueues
  if (queues) await Promise.all([...queues.values()].map((q) => q.close()))
  globalThis.__binaQueues = undefined
  connection?.disconnect()
  connection = undefined
}
