// The worker process: runs the jobs listed in app/jobs/index.server.ts (app/jobs/runtime.server.ts
// builds one BullMQ worker per job, the outbox relay and the Redis-loss watch). Stops gracefully on
// SIGTERM.
import os from 'node:os'
import { jobs } from '~/jobs/index.server'
import { startJobRuntime } from '~/jobs/runtime.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'

/** Starts the workers of the given jobs (all by default). */
export function startWorkers(names?: readonly string[]) {
  return startJobRuntime(names)
}

/** The job names this process runs: WORKER_JOBS (default all) minus WORKER_SKIP_JOBS. */
export function selectedJobs(only?: string, skip?: string) {
  const list = (s?: string) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
  const all = jobs.map((j) => j.name)
  const unknown = [...list(only), ...list(skip)].filter((n) => !all.includes(n))
  if (unknown.length)
    throw new Error(`WORKER_JOBS / WORKER_SKIP_JOBS: unknown job ${unknown.join(', ')}`)
  const wanted = list(only).length ? list(only) : all
  return wanted.filter((n) => !list(skip).includes(n))
}

async function main() {
  try {
    os.setPriority(0, env.WORKER_NICE)
  } catch (e) {
    console.error(`[workers] could not set niceness ${env.WORKER_NICE}: ${String(e)}`)
  }
  const names = selectedJobs(env.WORKER_JOBS, env.WORKER_SKIP_JOBS)
  const { stop } = await startWorkers(names)
  console.log(
    `Bina workers started (jobs: ${names.join(', ')}; prefix ${env.REDIS_PREFIX}; nice ${os.getPriority()})`,
  )
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: finishing active jobs (deadline ${env.WORKER_SHUTDOWN_MS} ms)`)
    const deadline = new Promise<'timeout'>((r) =>
      setTimeout(() => r('timeout'), env.WORKER_SHUTDOWN_MS).unref(),
    )
    const result = await Promise.race([stop().then(() => 'closed' as const), deadline])
    await prisma.$disconnect().catch(() => {})
    if (result === 'timeout')
      console.error('Shutdown deadline passed; unfinished jobs will be retried (stalled).')
    process.exit(result === 'closed' ? 0 : 1)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

if (import.meta.url === `file://${process.argv[1]}`) void main()
