// Production entry that uses the machine: WEB_CONCURRENCY processes (default: the number of cores)
// each run server/index.ts and share one port (node:cluster forks them). One process cannot use more
// than one core for rendering pages (docs/decisions/070-where-page-time-goes.md).
// The primary serves no page and accepts nothing, also when WEB_CONCURRENCY=1: it binds the port
// and gives every web process WEB_ACCEPT_HANDLES copies of the listening socket (server/accept.ts,
// decision 118: one copy accepts one connection per event-loop iteration).
// Development mode runs server/index.ts in this process. A process that dies is replaced (it gets
// its copies of the socket when it is ready); SIGTERM/SIGINT stop all.
// Usage: NODE_ENV=production node --import tsx server/cluster.ts
import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'
import { env } from '~/utils/env.server'
import { bindListenSocket, handOut, LISTENING_MESSAGE, READY_MESSAGE } from './accept'

const production = env.NODE_ENV === 'production'
const processes = production ? (env.WEB_CONCURRENCY ?? availableParallelism()) : 1

if (cluster.isPrimary && production) {
  // Bound, never listened on here: the web processes accept on copies of it (server/accept.ts).
  const socket = bindListenSocket(env.HOST, env.PORT)
  let stopping = false
  let recentExits: number[] = []
  const start = () => {
    const worker: Worker = cluster.fork()
    let listening = 0
    worker.on('message', (message: unknown) => {
      if (message === LISTENING_MESSAGE && ++listening === 1)
        console.log(
          `Bina listening on http://localhost:${env.PORT} (web process ${worker.process.pid})`,
        )
      if (message !== READY_MESSAGE) return
      handOut(worker, socket, env.WEB_ACCEPT_HANDLES).catch((e: unknown) =>
        console.error(`[accept] web process ${worker.process.pid}: ${String(e)}`),
      )
    })
  }
  for (let i = 0; i < processes; i++) start()
  console.log(`Bina: ${processes} web process${processes === 1 ? '' : 'es'} (WEB_CONCURRENCY)`)
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    // A process that cannot start (bad environment) would be restarted forever.
    const now = Date.now()
    recentExits = recentExits.filter((t) => now - t < 30_000).concat(now)
    if (recentExits.length > 2 * processes) {
      console.error('web processes keep ending: stopping')
      process.exit(1)
    }
    console.error(`web process ${worker.process.pid} ended (${signal ?? code}); starting another`)
    start()
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
