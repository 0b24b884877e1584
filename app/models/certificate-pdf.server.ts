// Renders a certificate as an A4 landscape PDF (pdfkit, embedded DejaVu TTF, QR code to the
// public verification page). Signing happens afterwards (app/utils/signing.server.ts).
import fs from 'node:fs'
import zlib from 'node:zlib'
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

// ---------------------------------------------------------------------------------------------
// One font subset for every certificate of the process (docs/decisions/106).
//
// pdfkit embeds, per document, a subset of each font holding the glyphs it printed, in the order
// it first printed them: encoding that TrueType subset (fontkit + restructure) and deflating it
// was the largest part of rendering. Here every document's subset starts with the same base
// glyphs (printable ASCII and the f-ligatures the default shaping makes of it), in the same
// order, so a certificate that prints nothing else (almost all: names, NIPs, course titles,
// dates and the URL are ASCII) embeds a font file, ToUnicode map and widths that are the same
// bytes every time: encoded and deflated once per process. A certificate with any other glyph
// (an accented name, a typographic quote) gets the base plus its own glyphs, encoded per
// document as before. The text, glyphs and layout are those pdfkit chooses either way.

interface FontkitSubset {
  glyphs: number[]
  includeGlyph(id: number): number
  encode(): Uint8Array
}
interface FontkitLaidOutGlyph {
  id: number
  advanceWidth: number
  codePoints: number[]
}
interface FontkitFull extends FontkitFont {
  createSubset(): FontkitSubset
  layout(text: string): { glyphs: FontkitLaidOutGlyph[] }
  unitsPerEm: number
}
/** pdfkit's EmbeddedFont, the parts this file touches. */
interface PdfkitEmbeddedFont {
  id: string
  font: FontkitFull
  subset: FontkitSubset
  widths: number[]
  unicode: number[][]
  scale: number
  document: { ref(data?: object): PdfkitRef }
  dictionary: PdfkitRef
  embed(): void
  toUnicodeCmap(): PdfkitRef
}
interface PdfkitRef {
  data: Record<string, unknown>
  end(chunk?: string | Uint8Array): void
}

const BASE_TEXT =
  Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join(' ') + ' ff fi fl ffi ffl'

interface BaseSubset {
  /** Glyph ids in subset order after .notdef (pdfkit's subsets start with glyph 0). */
  glyphs: number[]
  widths: number[]
  unicode: number[][]
  /** Deflated once: the subset's TrueType file and its ToUnicode CMap. */
  fontFile: Buffer
  cmap: Buffer
}

const bases = new WeakMap<object, BaseSubset>()

/** The base subset of a font, from the first document's EmbeddedFont (pdfkit's own code). */
function baseSubset(ef: PdfkitEmbeddedFont): BaseSubset {
  const subset = ef.font.createSubset()
  // As pdfkit's EmbeddedFont starts: glyph 0 with its width as pdfkit sets it, code point 0.
  const widths = [ef.widths[0]!]
  const unicode: number[][] = [[0]]
  const glyphs: number[] = []
  for (const g of ef.font.layout(BASE_TEXT).glyphs) {
    const gid = subset.includeGlyph(g.id)
    if (widths[gid] != null) continue
    glyphs.push(g.id)
    widths[gid] = g.advanceWidth * ef.scale
    unicode[gid] = g.codePoints
  }
  const count = subset.glyphs.length
  const fontFile = zlib.deflateSync(subset.encode())
  // Compound glyphs pull their components in at encode time: the file would then differ from a
  // document's. Not the case for DejaVu's ASCII; checked rather than assumed.
  if (subset.glyphs.length !== count) throw new Error('certificate font: compound base glyphs')
  let cmap = ''
  ef.toUnicodeCmap.call({
    unicode,
    document: { ref: () => ({ data: {}, end: (text: string) => (cmap = text) }) },
  } as unknown as PdfkitEmbeddedFont)
  return { glyphs, widths, unicode, fontFile, cmap: zlib.deflateSync(cmap) }
}

/**
 * Starts a document's font with the base glyphs; at the end, a document that printed no other
 * glyph embeds the process's encoded file and CMap, any other the usual way (pdfkit's embed).
 */
function startWithBaseSubset(ef: PdfkitEmbeddedFont) {
  let base = bases.get(ef.font)
  if (!base) bases.set(ef.font, (base = baseSubset(ef)))
  for (const id of base.glyphs) ef.subset.includeGlyph(id)
  ef.widths = base.widths.slice()
  ef.unicode = base.unicode.slice()
  const count = ef.subset.glyphs.length
  const embed = ef.embed.bind(ef)
  const b = base
  ef.embed = () => (ef.subset.glyphs.length === count ? embedBase(ef, b) : embed())
}

/** pdfkit's EmbeddedFont.embed for a TrueType font, with the font file and CMap given. */
function embedBase(ef: PdfkitEmbeddedFont, base: BaseSubset) {
  const font = ef.font as unknown as FontTables
  const fontFile = ef.document.ref({ Filter: 'FlateDecode' })
  fontFile.end(base.fontFile)
  const familyClass = (font['OS/2']?.sFamilyClass || 0) >> 8
  let flags = 0
  if (font.post.isFixedPitch) flags |= 1 << 0
  if (1 <= familyClass && familyClass <= 7) flags |= 1 << 1
  flags |= 1 << 2
  if (familyClass === 10) flags |= 1 << 3
  if (font.head.macStyle.italic) flags |= 1 << 6
  const tag = [1, 2, 3, 4, 5, 6]
    .map((i) => String.fromCharCode((ef.id.charCodeAt(i) || 73) + 17))
    .join('')
  const name = tag + '+' + font.postscriptName?.replaceAll(' ', '_')
  const { bbox } = font
  const s = ef.scale
  const descriptor = ef.document.ref({
    Type: 'FontDescriptor',
    FontName: name,
    Flags: flags,
    FontBBox: [bbox.minX * s, bbox.minY * s, bbox.maxX * s, bbox.maxY * s],
    ItalicAngle: font.italicAngle,
    Ascent: font.ascent * s,
    Descent: font.descent * s,
    CapHeight: (font.capHeight || font.ascent) * s,
    XHeight: (font.xHeight || 0) * s,
    StemV: 0,
    FontFile2: fontFile,
  })
  descriptor.end()
  const descendantFont = ef.document.ref({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: name,
    CIDSystemInfo: {
      Registry: new String('Adobe'),
      Ordering: new String('Identity'),
      Supplement: 0,
    },
    FontDescriptor: descriptor,
    W: [0, ef.widths],
    CIDToGIDMap: 'Identity',
  })
  descendantFont.end()
  const cmap = ef.document.ref({ Filter: 'FlateDecode' })
  cmap.end(base.cmap)
  ef.dictionary.data = {
    Type: 'Font',
    Subtype: 'Type0',
    BaseFont: name,
    Encoding: 'Identity-H',
    DescendantFonts: [descendantFont],
    ToUnicode: cmap,
  }
  ef.dictionary.end()
}
interface FontTables {
  'OS/2'?: { sFamilyClass?: number }
  post: { isFixedPitch: boolean }
  head: { macStyle: { italic: boolean } }
  postscriptName?: string
  bbox: { minX: number; minY: number; maxX: number; maxY: number }
  italicAngle: number
  ascent: number
  descent: number
  capHeight: number
  xHeight: number
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
  const boldFont = (doc.font('Bold') as unknown as WithFont)._font
  boldFont.layoutCache = caches.bold
  startWithBaseSubset(boldFont as unknown as PdfkitEmbeddedFont)
  const bodyFont = (doc.font('Body') as unknown as WithFont)._font
  bodyFont.layoutCache = caches.body
  startWithBaseSubset(bodyFont as unknown as PdfkitEmbeddedFont)
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
