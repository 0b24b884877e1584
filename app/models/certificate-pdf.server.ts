// Renders a certificate as an A4 landscape PDF (pdfkit, embedded DejaVu TTF, QR code to the
// public verification page). Signing happens afterwards (app/utils/signing.server.ts).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { LEVEL_NAMES_ID, wibDateLong } from '~/domain/certificate'
import { formatNip } from '~/utils/nip'

const require = createRequire(import.meta.url)
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
// Parsed once per process and shared by every document (pdfkit accepts a fontkit font): parsing
// the TTF per document cost more than the rest of the certificate (docs/decisions/060).
const fontkit = require('fontkit') as { create(data: Buffer): object }

interface FontkitGlyph {
  _decode(): unknown
}
interface FontkitFont {
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph | null
}
const memoised = new WeakSet<FontkitGlyph>()

/**
 * fontkit keeps one glyph object per glyph id, but decodes its outline (`_decode`, all points and
 * flags) again every time a document's font subset copies the glyph: most of the cost of embedding
 * the font. The outline of a glyph never changes, so each glyph decodes it once per process; the
 * subset only reads it (contour count, components).
 */
function decodeGlyphsOnce<F extends object>(font: F): F {
  const f = font as unknown as FontkitFont
  const getGlyph = f.getGlyph.bind(f)
  f.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints)
    if (glyph && !memoised.has(glyph)) {
      memoised.add(glyph)
      const decode = glyph._decode.bind(glyph)
      let decoded: { value: unknown } | undefined
      glyph._decode = () => (decoded ??= { value: decode() }).value
    }
    return glyph
  }
  return font
}

let fonts: { body: object; bold: object } | undefined
function loadFonts() {
  return (fonts ??= {
    body: decodeGlyphsOnce(fontkit.create(fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')))),
    bold: decodeGlyphsOnce(
      fontkit.create(fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'))),
    ),
  })
}
type FontSource = Parameters<PDFKit.PDFDocument['registerFont']>[1]

// Text layout (fontkit's OpenType shaping of each word, GSUB/GPOS) is cached by pdfkit per
// document; these caches are shared by the documents of the process instead, so the words every
// certificate prints are shaped once (docs/decisions/064). A run depends only on the font and the
// word, and pdfkit does not change a cached run. Replaced every LAYOUT_CACHE_DOCS documents so
// the names and courses of a long run do not pile up.
const LAYOUT_CACHE_DOCS = 500
let layoutCaches = { body: Object.create(null) as object, bold: Object.create(null) as object }
let documentsSinceReset = 0
function sharedLayoutCaches() {
  if (++documentsSinceReset > LAYOUT_CACHE_DOCS) {
    layoutCaches = { body: Object.create(null) as object, bold: Object.create(null) as object }
    documentsSinceReset = 1
  }
  return layoutCaches
}
/** pdfkit's current font object (EmbeddedFont), whose `layoutCache` is public in all but type. */
type WithFont = { _font: { layoutCache?: object } }

export interface CertificatePrint {
  code: string
  holderName: string
  holderNip: string
  courseTitle: string
  jp: number
  completedAt: Date
  issuedAt: Date
  competencies: { code: string; name: string; level: number }[]
  signerName: string
  signerTitle: string
  signerNip: string
  issuer: string
  verifyUrl: string
}

export async function renderCertificatePdf(c: CertificatePrint): Promise<Buffer> {
  const { body, bold } = loadFonts()
  const doc = new PDFDocument({
    // No default font: pdfkit would parse Helvetica's metrics for every document.
    font: null as unknown as string,
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: {
      Title: `Sertifikat ${c.code}`,
      Author: c.issuer,
      Subject: c.courseTitle,
      Keywords: c.code,
    },
  })
  doc.registerFont('Body', body as FontSource)
  doc.registerFont('Bold', bold as FontSource)
  const caches = sharedLayoutCaches()
  ;(doc.font('Bold') as unknown as WithFont)._font.layoutCache = caches.bold
  ;(doc.font('Body') as unknown as WithFont)._font.layoutCache = caches.body
  const chunks: Buffer[] = []
  doc.on('data', (b: Buffer) => chunks.push(b))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const W = doc.page.width
  const H = doc.page.height
  const green = '#14532d'
  doc
    .rect(18, 18, W - 36, H - 36)
    .lineWidth(3)
    .stroke(green)
  doc
    .rect(26, 26, W - 52, H - 52)
    .lineWidth(0.8)
    .stroke(green)

  const center = (text: string, y: number, size: number, font = 'Body', color = '#111') =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, 60, y, { width: W - 120, align: 'center' })

  center('PEMERINTAH PROVINSI JAMBI', 50, 13, 'Bold', green)
  center(c.issuer.toUpperCase(), 68, 11, 'Body', green)
  center('SERTIFIKAT', 100, 30, 'Bold', green)
  center(`Nomor: ${c.code}`, 138, 11)
  center('Diberikan kepada', 168, 12)
  center(c.holderName, 188, 22, 'Bold')
  center(`NIP ${formatNip(c.holderNip)}`, 220, 12)
  center('yang telah menyelesaikan pelatihan', 246, 12)
  center(c.courseTitle, 266, 17, 'Bold')
  center(
    `dengan beban ${c.jp} JP (jam pelajaran), selesai pada ${wibDateLong(c.completedAt)}`,
    294,
    12,
  )

  if (c.competencies.length) {
    center('Kompetensi dan level yang dicapai', 322, 11, 'Bold')
    let y = 340
    for (const k of c.competencies.slice(0, 6)) {
      center(`${k.code} ${k.name}: level ${k.level} (${LEVEL_NAMES_ID[k.level] ?? '-'})`, y, 10)
      y += 14
    }
  }

  // QR code and verification hint, bottom left.
  // Drawn as vector rectangles (crisp at any zoom; no PNG to encode and decode), with a quiet
  // zone: one rectangle per horizontal run of dark modules (about a third of one per module).
  const qr = QRCode.create(c.verifyUrl, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const qrSize = 96
  const qx = 60
  const qy = H - 60 - qrSize - 22
  const cell = qrSize / (n + 4)
  doc.rect(qx, qy, qrSize, qrSize).fill('#fff')
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(y, x)) continue
      let end = x + 1
      while (end < n && qr.modules.get(y, end)) end++
      doc.rect(qx + (x + 2) * cell, qy + (y + 2) * cell, (end - x) * cell, cell)
      x = end
    }
  doc.fill('#000')
  doc
    .font('Body')
    .fontSize(7.5)
    .fillColor('#333')
    .text(`Verifikasi keaslian: ${c.verifyUrl}`, 60, H - 60 - 18, { width: 330 })

  // Signer, bottom right.
  const sx = W - 60 - 280
  const sy = H - 60 - 118
  const right = (text: string, y: number, size: number, font = 'Body') =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor('#111')
      .text(text, sx, y, { width: 280, align: 'center' })
  right(`Jambi, ${wibDateLong(c.issuedAt)}`, sy, 10.5)
  right(c.signerTitle, sy + 16, 10.5)
  right('Ditandatangani secara elektronik', sy + 46, 8.5)
  right(c.signerName, sy + 76, 11, 'Bold')
  right(`NIP ${formatNip(c.signerNip)}`, sy + 92, 10)

  doc.end()
  return done
}
