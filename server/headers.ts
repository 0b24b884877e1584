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

export function nonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  next()
}

const nonceSource = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce}'`

export function securityHeaders(opts: { development: boolean }) {
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

/** HSTS only over https (req.secure honours a trusted proxy's X-Forwarded-Proto). */
export function hsts(req: Request, res: Response, next: NextFunction) {
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  next()
}

/** gzip/brotli for HTML, JS, CSS, JSON (compressible types only; video is never compressed). */
export const compress = compression({ threshold: 1024 })
