// A tiny local stand-in for the Mux HTTP API (Mux itself is unreachable from tests). The real
// @mux/mux-node client is pointed at it with MUX_BASE_URL, so only the HTTP boundary is faked.
// It implements what the app calls (direct upload creation), the upload URL a browser PUTs the
// file to (on the fake's own origin, with CORS for the upload's origin), and records every request.
import { createHmac, randomBytes } from 'node:crypto'
import http, { type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path and query, e.g. `/video/v1/uploads`. */
  path: string
  headers: IncomingHttpHeaders
  /** The raw `Authorization` header, if any. */
  authorization: string | undefined
  rawBody: string
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown
}

export interface FakeUpload {
  id: string
  url: string
  status: 'waiting' | 'asset_created'
  new_asset_settings: Record<string, unknown>
  cors_origin: string | undefined
  timeout: number
}

export interface FakeMux {
  /** Base URL to give the client, e.g. `http://127.0.0.1:40123`. */
  url: string
  port: number
  requests: RecordedRequest[]
  uploads: Map<string, FakeUpload>
  /** The bytes each upload URL received (a browser's PUT), by upload id. */
  received: Map<string, Buffer>
  close(): Promise<void>
}

/** Mux-like opaque ids: URL-safe, 44 characters. */
function muxId() {
  return randomBytes(33).toString('base64url')
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

function muxError(res: http.ServerResponse, status: number, type: string, message: string) {
  send(res, status, { error: { type, messages: [message] } })
}

export async function startFakeMux(opts: {
  tokenId: string
  tokenSecret: string
  port?: number
  /** Called once an upload URL received its file (the e2e fake sends Mux's webhooks then). */
  onUploaded?: (upload: FakeUpload) => void
}): Promise<FakeMux> {
  const expectedAuth = `Basic ${Buffer.from(`${opts.tokenId}:${opts.tokenSecret}`).toString('base64')}`
  const requests: RecordedRequest[] = []
  const uploads = new Map<string, FakeUpload>()
  const received = new Map<string, Buffer>()
  let base = ''

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const bytes = Buffer.concat(chunks)
      const rawBody = req.method === 'PUT' ? '' : bytes.toString('utf8')
      let json: unknown
      try {
        json = rawBody ? JSON.parse(rawBody) : undefined
      } catch {
        json = undefined
      }
      const path = req.url ?? '/'
      requests.push({
        method: req.method ?? '',
        path,
        headers: req.headers,
        authorization: req.headers.authorization,
        rawBody,
        json,
      })

      const pathname = new URL(path, 'http://fake-mux').pathname
      // The upload URL (Mux hands out a signed storage URL): no Basic auth, CORS for the
      // upload's cors_origin only, as the storage behind Mux's direct uploads answers.
      const up = pathname.match(/^\/upload\/([^/]+)$/)
      if (up) {
        const upload = uploads.get(decodeURIComponent(up[1]!))
        const origin = req.headers.origin
        const cors: Record<string, string> =
          upload && origin && origin === upload.cors_origin
            ? {
                'access-control-allow-origin': origin,
                'access-control-allow-methods': 'PUT, OPTIONS',
                'access-control-allow-headers': 'content-type',
              }
            : {}
        if (!upload) return muxError(res, 404, 'not_found', 'No such upload')
        if (req.method === 'OPTIONS') {
          res.writeHead(204, cors)
          return res.end()
        }
        if (req.method !== 'PUT') return muxError(res, 405, 'invalid_request', 'PUT only')
        received.set(upload.id, bytes)
        upload.status = 'asset_created'
        res.writeHead(200, { ...cors, 'content-length': '0' })
        res.end()
        opts.onUploaded?.(upload)
        return
      }
      if (req.headers.authorization !== expectedAuth)
        return muxError(res, 401, 'unauthorized', 'Unauthorized request')

      if (req.method === 'POST' && pathname === '/video/v1/uploads') {
        if (
          rawBody &&
          (json === undefined || typeof json !== 'object' || json === null || Array.isArray(json))
        ) {
          return muxError(res, 400, 'invalid_parameters', 'Request body must be a JSON object')
        }
        const body = (json ?? {}) as {
          new_asset_settings?: Record<string, unknown>
          cors_origin?: string
          timeout?: number
        }
        const id = muxId()
        const upload: FakeUpload = {
          id,
          url: `${base}/upload/${id}?Expires=${Math.floor(Date.now() / 1000) + 3600}&Signature=${randomBytes(16).toString('hex')}`,
          status: 'waiting',
          new_asset_settings: body.new_asset_settings ?? {},
          cors_origin: body.cors_origin,
          timeout: body.timeout ?? 3600,
        }
        uploads.set(id, upload)
        return send(res, 201, { data: upload })
      }

      const m = pathname.match(/^\/video\/v1\/uploads\/([^/]+)$/)
      if (req.method === 'GET' && m) {
        const upload = uploads.get(decodeURIComponent(m[1]!))
        return upload
          ? send(res, 200, { data: upload })
          : muxError(res, 404, 'not_found', 'The requested resource was not found')
      }

      return muxError(
        res,
        404,
        'not_found',
        `The fake Mux server does not implement ${req.method} ${pathname}`,
      )
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${port}`

  return {
    url: base,
    port,
    requests,
    uploads,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}

/**
 * The `mux-signature` header value for a webhook body, as Mux signs it:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 */
export function signMuxWebhook(body: string, secret: string, at = Math.floor(Date.now() / 1000)) {
  const v1 = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')
  return `t=${at},v1=${v1}`
}
