// HTTP server: listens with the app of server/app.ts (Vite middleware in development, the built
// server in production). Cross-site protection, headers and limits live there, in one place.
import type { ServerBuild } from '@remix-run/node'
import cluster from 'node:cluster'
import http from 'node:http'
import { warmPool } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { acceptFromPrimary } from './accept'
import { createApp } from './app'

const MODE = env.NODE_ENV === 'production' ? 'production' : 'development'
const PORT = env.PORT
const HOST = env.HOST

async function main() {
  if (MODE === 'development') {
    const vite = await import('vite').then((v) =>
      v.createServer({ server: { middlewareMode: true } }),
    )
    const app = createApp({
      mode: MODE,
      trustProxy: env.TRUST_PROXY,
      before: [vite.middlewares],
      build: () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
    })
    app.listen(PORT, HOST, () =>
      console.log(`Bina listening on http://localhost:${PORT} (${MODE})`),
    )
    return
  }
  const build = (await import(
    new URL('../build/server/index.js', import.meta.url).href
  )) as ServerBuild
  const app = createApp({ mode: MODE, build, trustProxy: env.TRUST_PROXY })
  // The pool opened and its backends warm before the first request (decision 109). A database
  // that is not up yet does not stop the server: its pages answer 503 until it is.
  await warmPool(env.DATABASE_POOL_WARM ?? env.DATABASE_POOL_MAX).catch((e: unknown) =>
    console.error(`[db] pool not warmed: ${e instanceof Error ? e.message : String(e)}`),
  )
  // Under server/cluster.ts the primary binds the port and sends this process copies of the
  // listening socket (server/accept.ts, decision 118); run alone, the process listens itself.
  let stop: () => void
  if (cluster.isWorker) {
    const accepting = acceptFromPrimary(http.createServer(app))
    stop = () => accepting.close(() => process.exit(0))
  } else {
    const server = app.listen(PORT, HOST, () => {
      console.log(`Bina listening on http://localhost:${PORT} (${MODE})`)
    })
    stop = () => server.close(() => process.exit(0))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
