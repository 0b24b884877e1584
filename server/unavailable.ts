// With the database down, pages answer 503 with a "try again shortly" page in Bahasa Indonesia
// and English instead of a 500 (issue 10, point 8). Nothing is kept about the outage: every 5xx
// asks the database again (at most once a second per process), so the portal recovers by itself
// the moment the database answers again.
import type { Request, Response } from 'express'
import { databaseUp } from '~/models/health.server'

const PROBE_EVERY_MS = 1000
let lastProbe: { at: number; up: Promise<boolean> } | undefined

/** Whether the database answers now (one probe shared by the requests of the same second). */
export function databaseAnswers(now = Date.now()) {
  if (!lastProbe || now - lastProbe.at >= PROBE_EVERY_MS)
    lastProbe = { at: now, up: databaseUp().catch(() => false) }
  return lastProbe.up
}

export const RETRY_AFTER_S = 10

export function sendUnavailable(req: Request, res: Response) {
  res
    .status(503)
    .setHeader('Retry-After', String(RETRY_AFTER_S))
    .setHeader('Cache-Control', 'no-store')
  const wantsJson =
    req.query._data !== undefined ||
    (req.headers.accept ?? '').includes('application/json') ||
    (req.headers['content-type'] ?? '').includes('application/json')
  if (wantsJson) {
    res.json({
      error: 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
      errorEn: 'The service is unavailable for a moment. Please try again shortly.',
    })
    return
  }
  res
    .type('text/html; charset=utf-8')
    .send(
      '<!doctype html><html lang="id"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width,initial-scale=1">' +
        `<meta http-equiv="refresh" content="${RETRY_AFTER_S * 2}">` +
        '<title>Sedang tidak tersedia · Bina</title></head>' +
        '<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">' +
        '<main><h1>Bina sedang tidak tersedia</h1>' +
        '<p>Layanan sedang mengalami gangguan sementara. Data Anda aman. Coba lagi sebentar lagi; ' +
        'halaman ini akan memuat ulang sendiri.</p>' +
        '<h2 lang="en">Bina is unavailable for a moment</h2>' +
        '<p lang="en">The service is briefly unavailable. Your data is safe. Please try again ' +
        'shortly; this page reloads by itself.</p>' +
        '<p><a href="">Coba lagi / Try again</a></p></main></body></html>',
    )
}
