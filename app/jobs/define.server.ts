// The shape of a background job. Each job is defined once, in its own file under app/jobs/, and
// listed in ./index.server.ts; the workers (workers/) derive their processors from that list.
//
// One name per job: `name` is the BullMQ queue, the BullMQ job name, the prefix of its job ids and
// the `jobName` of its outbox rows.
import type { z } from 'zod'

export interface JobOptions {
  /** Tries before the job waits for an admin (failed, retried from /admin/jobs). */
  attempts: number
  backoff: { type: 'exponential' | 'fixed'; delay: number }
}

export interface JobRecovery<P> {
  /**
   * Work the database says is not done although its job should have done it by now (the job was
   * lost with Redis, or never relayed): payloads of the `limit` oldest such items older than
   * `cutoff`. The periodic sweep and the Redis-loss recovery make sure each has a job.
   */
  find(cutoff: Date, limit: number): Promise<P[]>
  /**
   * Whether a job kept as completed may still be re-run when its work is not done (true when the
   * work can become due again after the job ran, e.g. an attempt graded again after an essay).
   */
  rerunCompleted?: boolean
}

export interface JobSpec<N extends string, S extends z.ZodTypeAny> {
  name: N
  /** Payloads carry ids; the handler re-reads the database (jobs run at least once). */
  payload: S
  options: JobOptions
  /** Jobs of this kind one worker process runs at once. */
  concurrency: number
  /** What makes the job unique (no ':'): the job id is `${name}.${key}`. */
  key(payload: z.infer<S>): string
  /** Does the work, or nothing when it is already done (idempotent). */
  handler(payload: z.infer<S>): Promise<unknown>
  recover?: JobRecovery<z.infer<S>>
  /** A repeatable schedule (re-created whenever Redis comes back empty). */
  every?: () => number
}

export interface JobDefinition<
  N extends string = string,
  S extends z.ZodTypeAny = z.ZodTypeAny,
> extends JobSpec<N, S> {
  /** The deterministic BullMQ job id: a second enqueue of the same work is a no-op. */
  jobId(payload: z.infer<S>): string
}

export type JobPayload<J> = J extends JobDefinition<string, infer S> ? z.infer<S> : never
export type JobInput<J> = J extends JobDefinition<string, infer S> ? z.input<S> : never

export function defineJob<const N extends string, S extends z.ZodTypeAny>(
  spec: JobSpec<N, S>,
): JobDefinition<N, S> {
  if (spec.name.includes(':') || spec.name.includes('.'))
    throw new Error(`Job name ${spec.name}: no ':' or '.'`)
  return { ...spec, jobId: (p) => `${spec.name}.${spec.key(p)}` }
}

/** Options of every BullMQ add (relay and recovery alike). */
export function addOptions(job: JobDefinition, payload: unknown) {
  return {
    jobId: job.jobId(payload),
    attempts: job.options.attempts,
    backoff: job.options.backoff,
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    // Failed jobs stay (visible at /admin/jobs with a retry button) until an admin acts.
    removeOnFail: false,
  }
}
