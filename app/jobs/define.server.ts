// The shape of a background job. Each job is defined once, in its own file under app/jobs/, and
// listed in ./index.server.ts; the workers (workers/) derive their processors from that list.
//
// One name per job: `name` is the BullMQ queue, the BullMQ job name, the prefix of its job ids and
// the `jobName` of its outbox rows.
//
// Models record jobs through a contract (./contracts.server.ts: name, payload, options, key) and
// never import a job file; a job file imports its contract and the models its handler calls. So
// the imports go one way (jobs -> models -> contracts) and ESLint's import-x/no-cycle holds
// everywhere (docs/decisions/021).
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

/**
 * What the code that records a job needs to know of it: its name, payload, options and key. A
 * contract lives in ./contracts.server.ts, a leaf module that imports no model, so models can record
 * jobs (outbox rows) without importing the handlers that call them back (no import cycle).
 */
export interface JobContractSpec<N extends string, S extends z.ZodTypeAny> {
  name: N
  /** Payloads carry ids; the handler re-reads the database (jobs run at least once). */
  payload: S
  options: JobOptions
  /** What makes the job unique (no ':'): the job id is `${name}.${key}`. */
  key(payload: z.infer<S>): string
}

export interface JobContract<
  N extends string = string,
  S extends z.ZodTypeAny = z.ZodTypeAny,
> extends JobContractSpec<N, S> {
  /** The deterministic BullMQ job id: a second enqueue of the same work is a no-op. */
  jobId(payload: z.infer<S>): string
}

/** A job in full: its contract (spread in: `defineJob({ ...someContract, concurrency, handler })`). */
export interface JobSpec<N extends string, S extends z.ZodTypeAny> extends JobContractSpec<N, S> {
  /** Jobs of this kind one worker process runs at once. */
  concurrency: number
  /** At most `max` jobs started per `duration` ms by one worker process (BullMQ's limiter). */
  limiter?: { max: number; duration: number }
  /**
   * Work that can wait: while this answers true (asked about once a second), the job waits
   * before it starts, for at most `maxMs` (decision 098).
   */
  yieldWhile?: { busy(): Promise<boolean>; maxMs: number }
  /** Does the work, or nothing when it is already done (idempotent). */
  handler(payload: z.infer<S>): Promise<unknown>
  recover?: JobRecovery<z.infer<S>>
  /** A repeatable schedule (re-created whenever Redis comes back empty). */
  every?: () => number
}

export interface JobDefinition<N extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny>
  extends JobSpec<N, S>, JobContract<N, S> {}

export type JobPayload<J> = J extends JobContract<string, infer S> ? z.infer<S> : never
export type JobInput<J> = J extends JobContract<string, infer S> ? z.input<S> : never

function checkName(name: string) {
  if (name.includes(':') || name.includes('.')) throw new Error(`Job name ${name}: no ':' or '.'`)
}

/** The recordable part of a job (./contracts.server.ts). */
export function defineContract<const N extends string, S extends z.ZodTypeAny>(
  spec: JobContractSpec<N, S>,
): JobContract<N, S> {
  checkName(spec.name)
  return { ...spec, jobId: (p) => `${spec.name}.${spec.key(p)}` }
}

/** A runnable job: a contract with its handler, concurrency, recovery and schedule. */
export function defineJob<const N extends string, S extends z.ZodTypeAny>(
  spec: JobSpec<N, S>,
): JobDefinition<N, S> {
  checkName(spec.name)
  return { ...spec, jobId: (p) => `${spec.name}.${spec.key(p)}` }
}

/** Options of every BullMQ add (relay and recovery alike). */
export function addOptions(job: JobContract, payload: unknown) {
  return {
    jobId: job.jobId(payload),
    attempts: job.options.attempts,
    backoff: job.options.backoff,
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    // Failed jobs stay (visible at /admin/jobs with a retry button) until an admin acts.
    removeOnFail: false,
  }
}
