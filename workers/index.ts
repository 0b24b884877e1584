// The worker process: runs the jobs listed in app/jobs/index.server.ts (app/jobs/runtime.server.ts
// builds one BullMQ worker per job, the outbox relay and the Redis-loss watch). Stops gracefully on
// SIGTERM.
import os from 'node:os'
import { jobs } from '~/jobs/index.server'
import { startJobRuntime } from '~/jobs/runtime.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { niceWholeProcess } from './nice'

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

/** Jobs that may share a process with issueCertificate and still make it a certificate process. */
const CERTIFICATE_WORK = ['issueCertificate', 'buildCertificateExport', 'sendMail']

/**
 * The niceness of a worker process running `names`: CERT_WORKER_NICE when it issues certificates
 * and runs nothing of the learners' path (only certificate exports and mails beside them),
 * WORKER_NICE otherwise (decision 107).
 */
export function workerNice(
  names: readonly string[],
  nice: { WORKER_NICE: number; CERT_WORKER_NICE: number } = env,
) {
  const certificatesOnly =
    names.includes('issueCertificate') && names.every((n) => CERTIFICATE_WORK.includes(n))
  return certificatesOnly ? nice.CERT_WORKER_NICE : nice.WORKER_NICE
}

async function main() {
  const names = selectedJobs(env.WORKER_JOBS, env.WORKER_SKIP_JOBS)
  const nice = workerNice(names)
  try {
    niceWholeProcess(nice)
  } catch (e) {
    console.error(`[workers] could not set niceness ${nice}: ${String(e)}`)
  }
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
