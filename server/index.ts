// HTTP server: Express in front of the Remix request handler (Vite middleware in development,
// the built server in production). Cross-site protection for every state-changing request
// lives here, in one place (docs/decisions/003-auth-sessions.md).
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { env } from '~/utils/env.server'
import { crossSiteGuard } from './security'

const MODE = env.NODE_ENV === 'production' ? 'production' : 'development'
const PORT = env.PORT
const HOST = env.HOST

const app = express()
app.disable('x-powered-by')
// Behind a reverse proxy, set TRUST_PROXY (e.g. "1" or "loopback") so req.ip is the client.
if (env.TRUST_PROXY !== undefined) app.set('trust proxy', env.TRUST_PROXY)

app.use((req, res, next) => {
  res.set('X-Content-Type-Options', 'nosniff')
  res.set('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.set('X-Frame-Options', 'DENY')
  // The client address for rate limits comes from the socket (or trusted proxy), never the client.
  req.headers['x-bina-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
  // When the request arrived: quiz deadlines are judged by it, not by when a busy server got to it.
  req.headers['x-bina-received-at'] = String(Date.now())
  next()
})

app.use(crossSiteGuard)

async function main() {
  let build: () => Promise<ServerBuild>
  if (MODE === 'development') {
    const vite = await import('vite').then((v) =>
      v.createServer({ server: { middlewareMode: true } }),
    )
    app.use(vite.middlewares)
    build = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  } else {
    app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
    app.use(express.static('build/client', { maxAge: '1h' }))
    const mod = (await import(
      new URL('../build/server/index.js', import.meta.url).href
    )) as ServerBuild
    build = async () => mod
  }
  app.all('*', createRequestHandler({ build, mode: MODE }))
  app.listen(PORT, HOST, () => {
    console.log(`Bina listening on http://localhost:${PORT} (${MODE})`)
  })
}

void main()
