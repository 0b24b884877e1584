// Production entry that uses the machine: WEB_CONCURRENCY processes (default: the number of cores)
// each run server/index.ts and share one port through node:cluster (the primary hands out
// connections). One process cannot use more than one core for rendering pages
// (docs/decisions/070-where-page-time-goes.md). WEB_CONCURRENCY=1, or development mode, runs
// server/index.ts in this process. A process that dies is replaced; SIGTERM/SIGINT stop all.
// Usage: NODE_ENV=production node --import tsx server/cluster.ts
import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'

function concurrency() {
  const raw = process.env.WEB_CONCURRENCY
  if (raw === undefined || raw === '') return availableParallelism()
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`WEB_CONCURRENCY must be an integer from 1 to 64 (got "${raw}")`)
  return n
}

const processes = process.env.NODE_ENV === 'production' ? concurrency() : 1

if (cluster.isPrimary && processes > 1) {
  let stopping = false
  let recentExits: number[] = []
  for (let i = 0; i < processes; i++) cluster.fork()
  console.log(`Bina: ${processes} web processes (WEB_CONCURRENCY)`)
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    // A process that cannot start (bad environment, port taken) would be restarted forever.
    const now = Date.now()
    recentExits = recentExits.filter((t) => now - t < 30_000).concat(now)
    if (recentExits.length > 2 * processes) {
      console.error('web processes keep ending: stopping')
      process.exit(1)
    }
    console.error(`web process ${worker.process.pid} ended (${signal ?? code}); starting another`)
    cluster.fork()
  })
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => {
      stopping = true
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal)
      setTimeout(() => process.exit(0), 10_000).unref()
    })
} else {
  await import('./index.ts')
}
