// Response headers for every request (issue 10, point 4): helmet with a strict Content-Security-
// Policy whose script-src allows only our own files and the scripts carrying this request's nonce
// (no 'unsafe-inline' scripts), frame-ancestors 'none', HSTS only over https, and compression.
import { randomBytes } from 'node:crypto'
import compression from 'compression'
import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'

declare module 'express-serve-static-core' {
  interface Locals {
    cspNonce: string
  }
}

// Nonces are cut from a buffer of the CSPRNG's bytes, 16 bytes each and never reused, refilled
// when used up: one `randomBytes` call per 256 requests instead of one per request.
const NONCE_BYTES = 16
const POOL_BYTES = NONCE_BYTES * 256
let pool = Buffer.alloc(0)
let at = 0

/** A new CSP nonce: 16 random bytes, base64. */
export function freshNonce(): string {
  if (at + NONCE_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES)
    at = 0
  }
  const value = pool.toString('base64', at, at + NONCE_BYTES)
  at += NONCE_BYTES
  return value
}

export function nonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = freshNonce()
  next()
}

const nonceSource = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce}'`

interface HeaderOptions {
  development: boolean
  /**
   * More origins the page may send requests to: the origin of MUX_BASE_URL, when a stand-in for
   * Mux's API is configured (tests), as its direct-upload URLs are on it.
   */
  connect?: string[]
}

function helmetFor(opts: HeaderOptions) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      // In development Vite injects its own client; report only there.
      reportOnly: opts.development,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", nonceSource],
        'script-src-attr': ["'none'"],
        // React style attributes need inline styles; scripts never run inline without the nonce.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:', 'https://image.mux.com'],
        'media-src': ["'self'", 'blob:', 'https://stream.mux.com'],
        'connect-src': [
          "'self'",
          'https://*.mux.com',
          'https://storage.googleapis.com',
          ...(opts.connect ?? []),
          ...(opts.development ? ['ws:'] : []),
        ],
        'worker-src': ["'self'", 'blob:'],
        'font-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'frame-src': ["'none'"],
      },
    },
    // Mux's player loads cross-origin media without CORP headers.
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Set below, only when the request really came over https.
    strictTransportSecurity: false,
  })
}

const NONCE_MARK = 'NONCEMARK0123456789'

/**
 * helmet's headers, worked out once (decision 075): they are the same for every response except
 * the CSP's nonce, and running helmet's dozen middlewares per request was ~1.5% of a page's CPU.
 * The headers come from helmet itself, run once on a stand-in response with a marker as the
 * nonce; each request then sets them with its own nonce in the marker's place. If helmet ever
 * stops answering synchronously (or the marker is missing), it runs per request as before.
 */
export function securityHeaders(opts: HeaderOptions) {
  const perRequest = helmetFor(opts)
  const headers: [string, string][] = []
  let done = false
  const stand = {
    locals: { cspNonce: NONCE_MARK },
    setHeader: (k: string, v: unknown) => void headers.push([k, String(v)]),
    removeHeader: () => undefined,
    getHeader: () => undefined,
  }
  perRequest(
    { method: 'GET', url: '/', headers: {} } as Request,
    stand as unknown as Response,
    () => {
      done = true
    },
  )
  const marked = headers.filter(([, v]) => v.includes(NONCE_MARK))
  if (!done || marked.length !== 1) return perRequest
  return (_req: Request, res: Response, next: NextFunction) => {
    res.removeHeader('X-Powered-By')
    for (const [k, v] of headers)
      res.setHeader(k, v.includes(NONCE_MARK) ? v.replace(NONCE_MARK, res.locals.cspNonce) : v)
    next()
  }
}

/** HSTS only over https (req.secure honours a trusted proxy's X-Forwarded-Proto). */
export function hsts(req: Request, res: Response, next: NextFunction) {
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  next()
}

/** gzip/brotli for HTML, JS, CSS, JSON (compressible types only; video is never compressed). */
export const compress = compression({ threshold: 1024 })
