// The Express application: headers, edge limits, cross-site guard, static files and Remix.
// server/index.ts only listens; tests build the same app on an ephemeral port.
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { writeReadableStreamToWritable } from '@remix-run/node'
import { Readable } from 'node:stream'
import express from 'express'
import { DOCUMENT_HTML } from '~/utils/document.server'
import { env } from '~/utils/env.server'
import send from 'send'
import { compress, hsts, nonce, securityHeaders } from './headers'
import { EdgeError, readLimitedBody, sendEdgeError } from './limits'
import { installRequestReuse } from './request-reuse'
import { installPlainEncode } from './turbo-encode'
import { installRouteMatchCache } from './route-match-cache'
import { crossSiteGuard, schemeGuard } from './security'
import { databaseAnswers, sendUnavailable } from './unavailable'

export interface AppOptions {
  mode: 'production' | 'development'
  build: ServerBuild | (() => Promise<ServerBuild>)
  /** Extra middleware before Remix (Vite's in development). */
  before?: express.RequestHandler[]
  trustProxy?: string | number
  clientDir?: string
  /** Where X-Bina-Send-File paths live (MEDIA_DIR). */
  mediaDir?: string
}

export function createApp(opts: AppOptions) {
  // Route matching remembered per (route tree, pathname): decision 074.
  installRouteMatchCache()
  // Loaders and actions get the request itself, not Remix's two copies of it: decision 123.
  installRequestReuse()
  // Plain route data encoded in one synchronous pass, same bytes as turbo-stream: decision 125.
  installPlainEncode()
  const app = express()
  app.disable('x-powered-by')
  // Behind a reverse proxy, set TRUST_PROXY (e.g. "1" or "loopback"): then req.ip is the client
  // and req.protocol follows the proxy's X-Forwarded-Proto.
  if (opts.trustProxy !== undefined) app.set('trust proxy', opts.trustProxy)
  app.use(
    nonce,
    securityHeaders({
      development: opts.mode === 'development',
      // A stand-in for Mux's API (tests) serves the upload URLs the browser sends files to.
      connect: env.MUX_BASE_URL ? [new URL(env.MUX_BASE_URL).origin] : [],
    }),
    hsts,
    compress,
  )
  app.use((req, _res, next) => {
    // Set from the socket (or trusted proxy), never taken from the client.
    req.headers['x-bina-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    req.headers['x-bina-proto'] = req.protocol
    // When the request arrived: deadlines are judged by it, not by when a busy server got to it.
    req.headers['x-bina-received-at'] = String(Date.now())
    next()
  })
  app.use(schemeGuard)
  app.use(crossSiteGuard)
  for (const mw of opts.before ?? []) app.use(mw)
  if (opts.mode === 'production') {
    const dir = opts.clientDir ?? 'build/client'
    // Hashed file names: cached for a year and never revalidated.
    app.use('/assets', express.static(`${dir}/assets`, { immutable: true, maxAge: '1y' }))
    // Only a path whose last segment has a dot can be a file here (favicon.svg, robots.txt): a page
    // request skips the file-system lookup that found nothing on every page (decision 073).
    const files = express.static(dir, { maxAge: '1h' })
    app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? files(req, res, next) : next()))
  }
  const handle = createRequestHandler(opts.build, opts.mode)
  app.all('*', async (req, res, next) => {
    try {
      const body = await readLimitedBody(req)
      const controller = new AbortController()
      // Aborted only when the client leaves before the response ended (an event stream, a slow
      // page): aborting every finished request made a DOMException with its stack each time.
      res.on('close', () => {
        if (!res.writableFinished) controller.abort()
      })
      const headers = new Headers()
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue
        for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one)
      }
      const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`)
      const request = new Request(url, {
        method: req.method,
        headers,
        signal: controller.signal,
        // A studio upload arrives as the request stream itself (server/limits.ts).
        ...(body && !Buffer.isBuffer(body)
          ? { body: Readable.toWeb(body) as ReadableStream, duplex: 'half' }
          : { body: body && body.length ? new Uint8Array(body) : undefined }),
      } as RequestInit)
      const response = await handle(request, {
        cspNonce: res.locals.cspNonce,
        // A document request renders its page here: markup a loader renders itself goes into the
        // HTML once instead of also into the route data (app/utils/html-fragment.tsx).
        fragments: url.pathname.endsWith('.data') ? undefined : new Map<string, string>(),
      })
      // A server error while the database is down is an outage, not a bug: 503, try again shortly.
      if (response.status === 500 && !(await databaseAnswers())) {
        await response.body?.cancel().catch(() => undefined)
        return sendUnavailable(req, res)
      }
      const file = response.headers.get('X-Bina-Send-File')
      if (file && response.status === 200) {
        // An authorised file (e.g. a lesson video): `send` answers Range, If-None-Match and
        // If-Modified-Since itself. Only paths under the media directory, never dotfiles.
        res.setHeader('Cache-Control', response.headers.get('Cache-Control') ?? 'private')
        send(req, file, {
          root: opts.mediaDir ?? env.MEDIA_DIR,
          dotfiles: 'deny',
          cacheControl: false,
          etag: true,
          lastModified: true,
        })
          .on('error', (err: { status?: number }) => {
            if (!res.headersSent) res.status(err.status ?? 404).end()
          })
          .pipe(res)
        return
      }
      res.statusMessage = response.statusText
      res.status(response.status)
      for (const [k, v] of response.headers) if (k !== 'set-cookie') res.append(k, v)
      for (const c of response.headers.getSetCookie()) res.append('Set-Cookie', c)
      const type = response.headers.get('Content-Type') ?? ''
      if (/text\/event-stream/i.test(type)) res.flushHeaders()
      const html = (response as { [DOCUMENT_HTML]?: unknown })[DOCUMENT_HTML]
      if (typeof html === 'string' && !response.bodyUsed) {
        // A page rendered by app/utils/document.server.tsx: its markup written as it is, encoded
        // once into the socket's write (decision 126).
        res.setHeader('Content-Length', Buffer.byteLength(html))
        res.end(html)
      } else if (response.body && /^text\/html/i.test(type)) {
        // A page has no deferred data, so it is complete when rendered: sent in one write instead
        // of one socket write (and, compressed, one zlib flush) per React chunk (decision 073).
        // Downloads and event streams keep streaming.
        const page = Buffer.from(await response.arrayBuffer())
        // Compression drops this header when it compresses; otherwise the length goes out as is.
        res.setHeader('Content-Length', page.length)
        res.end(page)
      } else if (response.body) await writeReadableStreamToWritable(response.body, res)
      else res.end()
    } catch (e) {
      if (e instanceof EdgeError) return sendEdgeError(req, res, e)
      if (!res.headersSent && !(await databaseAnswers())) return sendUnavailable(req, res)
      next(e)
    }
  })
  return app
}
