// Limits at the edge (issue 10, point 5), before any route code runs:
// - a body size per route (forms small, quiz answers a little larger, webhooks bounded);
// - bodies must declare their length (browsers always do for forms and fetch), so a limit is
//   checked before a byte is read; the body is then read into memory (bounded by that limit);
// - control characters (NUL and the other C0 controls except tab, line feed and carriage return,
//   plus DEL) are refused in the path, the query and any form or JSON field, and every field is
//   capped in length;
// - the answers are 413 / 411 / 400 with a clear message (Indonesian first), never a 500.
import type { Request, Response } from 'express'
import { IMAGE_MAX_BYTES, UPLOAD_OVERHEAD_BYTES, VIDEO_MAX_BYTES } from '~/domain/uploads'

const KB = 1024

export interface BodyRule {
  pattern: RegExp
  limit: number
  /** Longest single field value (characters). */
  fieldMax: number
  /** Content types a body may have here (others: 415). Defaults to the two form encodings. */
  types?: string[]
  /**
   * Multipart bodies are passed to the route as a stream (not read into memory here): file
   * uploads of the course studio, which judge the bytes and count the size themselves.
   */
  streamMultipart?: boolean
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/** First match wins. Uploads of video files go straight to Mux (or the CLI), never through here. */
export const BODY_RULES: BodyRule[] = [
  { pattern: /^\/webhooks\//, limit: 256 * KB, fieldMax: 256 * KB, types: ['application/json'] },
  // The player's progress reports (fetch with JSON).
  {
    pattern: /^\/courses\/[^/]+\/lessons\/[^/]+\/progress\/?$/,
    limit: 64 * KB,
    fieldMax: 20_000,
    types: ['application/json', ...FORM_TYPES],
  },
  // Essay answers live here: bounded, but roomier than other forms.
  { pattern: /^\/quiz\//, limit: 256 * KB, fieldMax: 100_000 },
  { pattern: /^\/authoring\//, limit: 512 * KB, fieldMax: 400_000 },
  // ── course ── studio uploads (streamed), then lesson documents (JSON in a form field).
  {
    pattern: /^\/studio\/courses\/[^/]+\/video-upload$/,
    limit: VIDEO_MAX_BYTES + UPLOAD_OVERHEAD_BYTES,
    fieldMax: 20_000,
    streamMultipart: true,
  },
  {
    pattern: /^\/studio\/courses\/[^/]+\/images$/,
    limit: IMAGE_MAX_BYTES + UPLOAD_OVERHEAD_BYTES,
    fieldMax: 20_000,
    streamMultipart: true,
  },
  { pattern: /^\/studio\//, limit: 512 * KB, fieldMax: 400_000 },
  { pattern: /^/, limit: 64 * KB, fieldMax: 20_000 },
]

export function ruleFor(path: string) {
  return BODY_RULES.find((r) => r.pattern.test(path))!
}

// eslint-disable-next-line no-control-regex
const CONTROL_IN_FIELD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
// eslint-disable-next-line no-control-regex
const CONTROL_IN_URL = /[\u0000-\u001f\u007f]/

export class EdgeError extends Error {
  constructor(
    public status: 400 | 411 | 413 | 415,
    public id: string,
    public en: string,
  ) {
    super(id)
  }
}

function decode(s: string) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    throw new EdgeError(
      400,
      'Alamat atau data berisi kode persen (%) yang tidak valid.',
      'The address or data contains an invalid percent-encoding.',
    )
  }
}

const controlError = () =>
  new EdgeError(
    400,
    'Data berisi karakter kendali (misalnya NUL) yang tidak diizinkan. Hapus karakter itu lalu kirim ulang.',
    'The data contains control characters (such as NUL) that are not allowed.',
  )

function checkField(value: string, fieldMax: number) {
  if (CONTROL_IN_FIELD.test(value)) throw controlError()
  if (value.length > fieldMax)
    throw new EdgeError(
      413,
      `Salah satu isian terlalu panjang (paling banyak ${fieldMax.toLocaleString('id-ID')} karakter).`,
      `One of the fields is too long (at most ${fieldMax} characters).`,
    )
}

/** Path and query: no control characters at all (ids included), valid percent-encoding. */
export function checkUrl(originalUrl: string) {
  const q = originalUrl.indexOf('?')
  const path = q === -1 ? originalUrl : originalUrl.slice(0, q)
  const query = q === -1 ? '' : originalUrl.slice(q + 1)
  if (CONTROL_IN_URL.test(decode(path))) throw controlError()
  for (const part of query.split('&')) if (CONTROL_IN_URL.test(decode(part))) throw controlError()
}

function checkJson(value: unknown, fieldMax: number, depth = 0): void {
  if (depth > 32)
    throw new EdgeError(400, 'Data JSON terlalu bertingkat.', 'The JSON is nested too deeply.')
  if (typeof value === 'string') checkField(value, fieldMax)
  else if (Array.isArray(value)) for (const v of value) checkJson(v, fieldMax, depth + 1)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      checkField(k, fieldMax)
      checkJson(v, fieldMax, depth + 1)
    }
}

/** Checks a complete body by its content type. Unknown types are only size-limited. */
export function checkBody(body: Buffer, contentType: string | undefined, rule: BodyRule) {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'text/plain') {
    checkField(body.toString('utf8'), rule.limit)
  } else if (type === 'application/x-www-form-urlencoded') {
    const text = body.toString('utf8')
    for (const pair of text.split('&')) checkField(decode(pair), rule.fieldMax)
  } else if (type === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      throw new EdgeError(400, 'Data JSON tidak valid.', 'The JSON body is not valid.')
    }
    checkJson(parsed, rule.fieldMax)
  } else if (type === 'multipart/form-data') {
    // No route takes file uploads through the portal: every part is text, checked as such.
    checkField(body.toString('latin1').replace(/\r\n/g, '\n'), rule.limit)
  }
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Reads the request body within its route's limit (or answers with an EdgeError). Returns null
 * for requests without a body.
 */
export async function readLimitedBody(req: Request): Promise<Buffer | Request | null> {
  checkUrl(req.originalUrl)
  if (BODYLESS.has(req.method)) return null
  const rule = ruleFor(req.path)
  const declared = req.headers['content-length']
  if (declared === undefined) {
    if (req.headers['transfer-encoding'])
      throw new EdgeError(
        411,
        'Permintaan harus menyebutkan ukuran datanya (Content-Length).',
        'Length required (Content-Length).',
      )
    return null
  }
  const length = Number(declared)
  if (!Number.isSafeInteger(length) || length < 0)
    throw new EdgeError(400, 'Ukuran data tidak valid.', 'Invalid Content-Length.')
  if (length > rule.limit) {
    throw new EdgeError(
      413,
      `Data yang dikirim terlalu besar (batas ${Math.round(rule.limit / KB)} KB untuk halaman ini).`,
      `The request body is too large (limit ${Math.round(rule.limit / KB)} KB here).`,
    )
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  // Within the declared length (Node never reads past it): the route streams and checks it.
  if (rule.streamMultipart && type === 'multipart/form-data') return req
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total > rule.limit) throw new EdgeError(413, 'Data terlalu besar.', 'Body too large.')
    chunks.push(chunk)
  }
  const body = Buffer.concat(chunks)
  // Actions read forms; a JSON (or any other) body where a form is expected is refused here
  // rather than failing inside the route.
  if (body.length > 0 && !(rule.types ?? FORM_TYPES).includes(type))
    throw new EdgeError(
      415,
      'Jenis data yang dikirim tidak diterima di halaman ini. Kirim lewat formulir Bina.',
      'This kind of request body is not accepted here: use the Bina form.',
    )
  checkBody(body, req.headers['content-type'], rule)
  return body
}

export function sendEdgeError(req: Request, res: Response, e: EdgeError) {
  if (res.headersSent) return
  res.status(e.status).setHeader('Cache-Control', 'no-store').setHeader('Connection', 'close')
  const wantsJson =
    (req.headers.accept ?? '').includes('application/json') ||
    (req.headers['content-type'] ?? '').includes('application/json')
  if (wantsJson) {
    res.json({ error: e.id, errorEn: e.en })
    return
  }
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  res
    .type('text/html; charset=utf-8')
    .send(
      '<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
        '<title>Permintaan tidak dapat diproses</title></head>' +
        '<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>Permintaan tidak dapat diproses</h1>' +
        `<p>${esc(e.id)}</p><p lang="en">${esc(e.en)}</p><p><a href="/">Kembali ke Bina</a></p></body></html>`,
    )
}
