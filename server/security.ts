// Cross-site request protection for every state-changing request, applied before Remix.
import type { NextFunction, Request, Response } from 'express'
import { env } from '~/utils/env.server'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Server-to-server callbacks that authenticate themselves (signed webhooks). */
const CROSS_SITE_ALLOWED = [/^\/webhooks\//]

function expectedOrigin(req: Request) {
  return env.APP_ORIGIN ?? `${req.protocol}://${req.get('host')}`
}

/**
 * Refuses state-changing requests that do not come from this site: the browser's Origin (or,
 * without it, Referer) must be ours, and Sec-Fetch-Site must not say cross-site.
 */
export function crossSiteGuard(req: Request, res: Response, next: NextFunction) {
  if (SAFE.has(req.method) || CROSS_SITE_ALLOWED.some((r) => r.test(req.path))) return next()
  const expected = expectedOrigin(req)
  const site = req.get('sec-fetch-site')
  let origin = req.get('origin')
  if (!origin || origin === 'null') {
    const referer = req.get('referer')
    try {
      origin = referer ? new URL(referer).origin : undefined
    } catch {
      origin = undefined
    }
  }
  if ((site && site !== 'same-origin' && site !== 'none') || origin !== expected) {
    res
      .status(403)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Permintaan ditolak</title></head>' +
          '<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto"><h1>Permintaan ditolak</h1>' +
          '<p>Permintaan ini tidak berasal dari halaman Bina sendiri, sehingga ditolak demi keamanan akun Anda. ' +
          'Buka kembali halaman Bina lalu ulangi.</p><p lang="en">Request refused: it did not come from this site.</p>' +
          '<p><a href="/">Kembali ke Bina</a></p></body></html>',
      )
    return
  }
  next()
}

/**
 * When APP_ORIGIN is https, plain-http requests are refused: pages move to https (308), other
 * requests get a 403. /healthz stays reachable for load balancers that probe over http.
 */
export function schemeGuard(req: Request, res: Response, next: NextFunction) {
  const origin = env.APP_ORIGIN
  if (
    env.NODE_ENV !== 'production' ||
    !origin?.startsWith('https:') ||
    req.protocol === 'https' ||
    req.path === '/healthz'
  )
    return next()
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.redirect(308, new URL(req.originalUrl, origin).toString())
    return
  }
  res
    .status(403)
    .type('text/plain; charset=utf-8')
    .send('Gunakan https. / Use https: this site refuses plain http.')
}
