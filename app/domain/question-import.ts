// Question banks in Moodle's own formats (docs/decisions/051-question-bank-import.md): Moodle XML
// and GIFT read into one neutral shape, and a bank written back as Moodle XML. Pure: text in,
// questions and problems out. Problems carry a code and parameters (the UI words them).
//
// Mapping to the engine's types:
// - multichoice single -> SINGLE (exactly one option at 100 %, partial credit refused);
//   multichoice multiple -> MULTIPLE (options with a positive fraction are the correct ones: the
//   engine splits the points among them, see app/domain/scoring.ts);
// - truefalse -> TRUE_FALSE with the options "Benar" and "Salah";
// - shortanswer -> SHORT (answers at 100 %; partial-credit answers are dropped with a note);
// - numerical -> NUMERIC (first answer at 100 % and its tolerance; units ignored);
// - essay -> ESSAY; description -> its text opens the next question of the same category;
// - everything else (cloze, matching, ddwtos, calculated...) is listed as unsupported.
// Question text is plain text in Bina: HTML is reduced to text; an embedded image becomes the
// marker [[gambar:<file name>]] and its bytes are returned beside the question.
import { parse as giftParse, type GIFTQuestion, type TextFormat } from 'gift-pegjs'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { IMAGE_MARKER, imageMarker, imageMarkers } from './question-images'
import type { QuestionType } from './scoring'

export { imageMarkers } from './question-images'

export interface BankOption {
  text: string
  correct: boolean
  feedback: string | null
}

/** What a question says, whatever its source (the builder, a Moodle or GIFT file, an export). */
export interface QuestionBody {
  type: QuestionType
  text: string
  points: number
  feedback: string | null
  options: BankOption[]
  acceptedAnswers: string[]
  numericAnswer: number | null
  tolerance: number | null
}

export interface BankImage {
  name: string
  base64: string
}

export interface BankQuestion extends QuestionBody {
  name: string
  /** Moodle idnumber (Bina's question key on export); null when the file has none. */
  idnumber: string | null
  /** Category path below the course ("Keamanan/Phishing"); "" for the top category. */
  category: string
  /** From the tags bina-kompetensi:<code> and bina-level:<n> (Bina's own export); else null. */
  competencyCode: string | null
  level: number | null
  images: BankImage[]
  /** Things dropped on the way in (codes: partialAnswersDropped, unitsIgnored). */
  notes: string[]
}

export type ProblemCode =
  | 'emptyFile'
  | 'notMoodleXml'
  | 'xmlSyntax'
  | 'giftSyntax'
  | 'unsupportedType'
  | 'missingText'
  | 'noCorrectOption'
  | 'severalCorrect'
  | 'partialSingle'
  | 'tooFewOptions'
  | 'noAnswer'
  | 'badNumber'
  | 'badImage'

export interface BankProblem {
  /** The question's name ("" when the problem is the file's). */
  name: string
  /** Line in the file where the question (or the syntax error) starts, when known. */
  line: number | null
  code: ProblemCode
  params: Record<string, string | number>
}

export interface ParsedBank {
  questions: BankQuestion[]
  problems: BankProblem[]
}

export const TRUE_TEXT = 'Benar'
export const FALSE_TEXT = 'Salah'

class EntryProblem extends Error {
  constructor(
    public code: ProblemCode,
    public params: Record<string, string | number> = {},
  ) {
    super(code)
  }
}

// ---------------------------------------------------------------------------------------------
// Text

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

function decodeEntities(s: string) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m
    }
    return ENTITIES[e.toLowerCase()] ?? m
  })
}

/** HTML (as Moodle's editors write it) to Bina's plain text; images become markers. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/\r/g, '')
      .replace(/\s*\n\s*/g, ' ')
      .replace(
        /<img\b[^>]*?\bsrc\s*=\s*["']@@PLUGINFILE@@\/([^"'?]+)[^"']*["'][^>]*>/gi,
        (_, n) => {
          let name = n as string
          try {
            name = decodeURIComponent(name)
          } catch {
            // keep the raw name
          }
          return imageMarker(name)
        },
      )
      .replace(/<img\b[^>]*?\balt\s*=\s*["']([^"']*)["'][^>]*>/gi, '$1')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6]|li|tr|blockquote|pre)>/gi, '\n\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Markdown (Moodle's FORMAT_MARKDOWN) to plain text: emphasis and code marks dropped. */
export function markdownToText(md: string): string {
  return md
    .replace(/\*\*(\S(?:[^*]*\S)?)\*\*/g, '$1')
    .replace(/__(\S(?:[^_]*\S)?)__/g, '$1')
    .replace(/(^|[^\w*])\*(\S(?:[^*]*\S)?)\*(?!\w)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
}

function escapeHtml(s: string) {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Bina's plain text to the HTML Moodle stores (paragraphs, line breaks, image markers). */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map(
      (para) =>
        `<p>${escapeHtml(para)
          .replace(/\n/g, '<br>')
          .replace(
            IMAGE_MARKER,
            (_, name: string) =>
              `<img src="@@PLUGINFILE@@/${encodeURIComponent(name)}" alt="" role="presentation">`,
          )}</p>`,
    )
    .join('')
}

/** Replaces image marker names (after the images were stored under new names). */
export function renameImageMarkers(text: string, names: Map<string, string>): string {
  return text.replace(IMAGE_MARKER, (m, name: string) =>
    names.has(name) ? imageMarker(names.get(name)!) : m,
  )
}

/** "$course$/top/Keamanan/Phishing" -> "Keamanan/Phishing"; the top category is "". */
export function categoryPath(raw: string): string {
  const parts = raw
    .trim()
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean)
  if (parts[0] && /^\$[a-z0-9]+\$$/i.test(parts[0])) parts.shift()
  if (parts[0]?.toLowerCase() === 'top') parts.shift()
  return parts.join('/')
}

const round9 = (x: number) => Math.round(x * 1e9) / 1e9

function lineOf(source: string, offset: number) {
  let line = 1
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++
  return line
}

/** Validates the engine's rules for a question built from a file. */
function checkQuestion(q: BankQuestion) {
  if (!q.text.trim()) throw new EntryProblem('missingText')
  const correct = q.options.filter((o) => o.correct).length
  if (q.type === 'SINGLE' || q.type === 'TRUE_FALSE') {
    if (q.options.length < 2) throw new EntryProblem('tooFewOptions', { min: 2 })
    if (correct === 0) throw new EntryProblem('noCorrectOption')
    if (correct > 1) throw new EntryProblem('severalCorrect', { count: correct })
  }
  if (q.type === 'MULTIPLE') {
    if (q.options.length < 2) throw new EntryProblem('tooFewOptions', { min: 2 })
    if (correct === 0) throw new EntryProblem('noCorrectOption')
  }
  if (q.type === 'SHORT' && q.acceptedAnswers.length === 0) throw new EntryProblem('noAnswer')
  if (q.type === 'NUMERIC' && (q.numericAnswer === null || !Number.isFinite(q.numericAnswer)))
    throw new EntryProblem('noAnswer')
}

function blank(name: string, category: string): BankQuestion {
  return {
    name,
    idnumber: null,
    category,
    type: 'ESSAY',
    text: '',
    points: 1,
    feedback: null,
    options: [],
    acceptedAnswers: [],
    numericAnswer: null,
    tolerance: null,
    competencyCode: null,
    level: null,
    images: [],
    notes: [],
  }
}

/** A description's text opens the next question of the same category. */
function attachDescriptions(
  items: (
    { kind: 'description'; category: string; text: string } | { kind: 'question'; q: BankQuestion }
  )[],
) {
  const questions: BankQuestion[] = []
  let pending: { category: string; text: string } | null = null
  for (const item of items) {
    if (item.kind === 'description') {
      pending =
        pending && pending.category === item.category
          ? { category: item.category, text: `${pending.text}\n\n${item.text}` }
          : { category: item.category, text: item.text }
      continue
    }
    if (pending && pending.category === item.q.category && pending.text) {
      item.q.text = `${pending.text}\n\n${item.q.text}`
    }
    pending = null
    questions.push(item.q)
  }
  return questions
}

// ---------------------------------------------------------------------------------------------
// Moodle XML

type XmlNode = Record<string, unknown>

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ['question', 'answer', 'file', 'tag', 'unit'].includes(name),
})

function str(x: unknown): string {
  if (x === undefined || x === null) return ''
  if (typeof x === 'string') return x
  if (typeof x === 'number' || typeof x === 'boolean') return String(x)
  if (typeof x === 'object' && '#text' in (x as XmlNode)) return str((x as XmlNode)['#text'])
  return ''
}

/** The text of a <x format=".."><text>..</text></x> element as Bina text. */
function formatted(node: unknown): string {
  if (!node || typeof node !== 'object') return ''
  const n = node as XmlNode
  const raw = str(n.text)
  const format = str(n['@_format'])
  if (format === 'html' || format === '' || format === 'moodle_auto_format') return htmlToText(raw)
  const text = raw.replace(/\r/g, '').trim()
  return format === 'markdown' ? markdownToText(text) : text
}

function filesIn(node: unknown, out: BankImage[]) {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const n of node) filesIn(n, out)
    return
  }
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key === 'file' && Array.isArray(value)) {
      for (const f of value as XmlNode[]) {
        const name = str(f['@_name'])
        const encoding = str(f['@_encoding'])
        if (!name) continue
        if (encoding && encoding !== 'base64') throw new EntryProblem('badImage', { file: name })
        const base64 = str(f['#text']).replace(/\s+/g, '')
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length === 0)
          throw new EntryProblem('badImage', { file: name })
        if (!out.some((o) => o.name === name)) out.push({ name, base64 })
      }
    } else if (typeof value === 'object') filesIn(value, out)
  }
}

function fractionOf(a: XmlNode): number {
  const f = Number(str(a['@_fraction']))
  if (!Number.isFinite(f)) throw new EntryProblem('badNumber', { value: str(a['@_fraction']) })
  return f
}

const FULL = 99.999

function moodleQuestion(node: XmlNode, category: string): BankQuestion {
  const type = str(node['@_type'])
  const name = htmlToText(str((node.name as XmlNode | undefined)?.text)) || '(tanpa nama)'
  const q = blank(name, category)
  q.idnumber = str(node.idnumber).trim() || null
  q.text = formatted(node.questiontext)
  const general = formatted(node.generalfeedback)
  q.feedback = general || null
  const grade = Number(str(node.defaultgrade) || '1')
  q.points = Number.isFinite(grade) && grade > 0 ? Math.round(grade * 1000) / 1000 : 1
  for (const t of ((node.tags as XmlNode | undefined)?.tag as XmlNode[] | undefined) ?? []) {
    const tag = str(t.text).trim()
    const c = /^bina-kompetensi:(.+)$/.exec(tag)
    const l = /^bina-level:([1-5])$/.exec(tag)
    if (c) q.competencyCode = c[1]!.trim()
    if (l) q.level = Number(l[1])
  }
  filesIn(node, q.images)
  const answers = (node.answer as XmlNode[] | undefined) ?? []
  switch (type) {
    case 'multichoice': {
      const single = str(node.single).trim() !== 'false' && str(node.single).trim() !== '0'
      const options = answers.map((a) => ({
        fraction: fractionOf(a),
        text: formatted(a),
        feedback: formatted(a.feedback) || null,
      }))
      if (single) {
        if (options.some((o) => o.fraction > 0 && o.fraction < FULL))
          throw new EntryProblem('partialSingle')
        q.type = 'SINGLE'
        q.options = options.map((o) => ({
          text: o.text,
          correct: o.fraction >= FULL,
          feedback: o.feedback,
        }))
      } else {
        q.type = 'MULTIPLE'
        q.options = options.map((o) => ({
          text: o.text,
          correct: o.fraction > 0,
          feedback: o.feedback,
        }))
      }
      break
    }
    case 'truefalse': {
      q.type = 'TRUE_FALSE'
      const t = answers.find((a) => formatted(a).toLowerCase() === 'true')
      const f = answers.find((a) => formatted(a).toLowerCase() === 'false')
      if (!t || !f) throw new EntryProblem('tooFewOptions', { min: 2 })
      q.options = [
        {
          text: TRUE_TEXT,
          correct: fractionOf(t) >= FULL,
          feedback: formatted(t.feedback) || null,
        },
        {
          text: FALSE_TEXT,
          correct: fractionOf(f) >= FULL,
          feedback: formatted(f.feedback) || null,
        },
      ]
      break
    }
    case 'shortanswer': {
      q.type = 'SHORT'
      const full = answers.filter((a) => fractionOf(a) >= FULL)
      if (full.length < answers.filter((a) => fractionOf(a) > 0).length)
        q.notes.push('partialAnswersDropped')
      q.acceptedAnswers = full.map((a) => formatted(a)).filter(Boolean)
      break
    }
    case 'numerical': {
      q.type = 'NUMERIC'
      const full = answers.find((a) => fractionOf(a) >= FULL)
      if (!full) throw new EntryProblem('noAnswer')
      const value = Number(str(full.text).trim())
      const tolerance = Number(str(full.tolerance).trim() || '0')
      if (!Number.isFinite(value)) throw new EntryProblem('badNumber', { value: str(full.text) })
      if (!Number.isFinite(tolerance) || tolerance < 0)
        throw new EntryProblem('badNumber', { value: str(full.tolerance) })
      q.numericAnswer = value
      q.tolerance = tolerance
      if (((node.units as XmlNode | undefined)?.unit as unknown[] | undefined)?.length)
        q.notes.push('unitsIgnored')
      break
    }
    case 'essay':
      q.type = 'ESSAY'
      break
    default:
      throw new EntryProblem('unsupportedType', { type: type || '?' })
  }
  checkQuestion(q)
  return q
}

/** Reads a Moodle XML export. Never throws: a broken file or entry is a problem in the list. */
export function parseMoodleXml(source: string): ParsedBank {
  const text = source.replace(/^\uFEFF/, '')
  if (!text.trim()) return { questions: [], problems: [fileProblem('emptyFile')] }
  const valid = XMLValidator.validate(text)
  if (valid !== true)
    return {
      questions: [],
      problems: [
        { name: '', line: valid.err.line, code: 'xmlSyntax', params: { message: valid.err.msg } },
      ],
    }
  const doc = xmlParser.parse(text) as XmlNode
  const quiz = doc.quiz as XmlNode | undefined
  if (!quiz || typeof quiz !== 'object')
    return { questions: [], problems: [fileProblem('notMoodleXml')] }
  const nodes = (quiz.question as XmlNode[] | undefined) ?? []
  // Line of each <question> start tag, in document order (the parser keeps that order).
  const starts = [...text.matchAll(/<question\b/g)].map((m) => lineOf(text, m.index))
  const problems: BankProblem[] = []
  const items: Parameters<typeof attachDescriptions>[0] = []
  let category = ''
  nodes.forEach((node, i) => {
    const type = str(node['@_type'])
    const line = starts[i] ?? null
    if (type === 'category') {
      category = categoryPath(str((node.category as XmlNode | undefined)?.text))
      return
    }
    const name = htmlToText(str((node.name as XmlNode | undefined)?.text)) || `#${i + 1}`
    if (type === 'description') {
      items.push({ kind: 'description', category, text: formatted(node.questiontext) })
      return
    }
    try {
      items.push({ kind: 'question', q: moodleQuestion(node, category) })
    } catch (e) {
      if (!(e instanceof EntryProblem)) throw e
      problems.push({ name, line, code: e.code, params: e.params })
    }
  })
  return { questions: attachDescriptions(items), problems }
}

function fileProblem(code: ProblemCode): BankProblem {
  return { name: '', line: null, code, params: {} }
}

// ---------------------------------------------------------------------------------------------
// GIFT

function giftText(t: TextFormat | null | undefined): string {
  if (!t) return ''
  if (t.format === 'html') return htmlToText(t.text)
  const text = t.text.replace(/\r/g, '').trim()
  return t.format === 'markdown' ? markdownToText(text) : text
}

function giftQuestion(
  g: Exclude<GIFTQuestion, { type: 'Category' } | { type: 'Description' }>,
  category: string,
) {
  const q = blank(g.title?.trim() || giftText(g.stem).slice(0, 60), category)
  q.text = giftText(g.stem)
  q.feedback = giftText(g.globalFeedback) || null
  switch (g.type) {
    case 'MC': {
      const weighted = g.choices.some((c) => c.weight !== null)
      const positive = g.choices.filter((c) => (c.weight ?? (c.isCorrect ? 100 : 0)) > 0)
      const full = g.choices.filter((c) => (c.weight ?? (c.isCorrect ? 100 : 0)) >= FULL)
      const single = !weighted ? positive.length === 1 : full.length === 1 && positive.length === 1
      q.type = single ? 'SINGLE' : 'MULTIPLE'
      if (!single && weighted && positive.length === 0) throw new EntryProblem('noCorrectOption')
      q.options = g.choices.map((c) => ({
        text: giftText(c.text),
        correct: (c.weight ?? (c.isCorrect ? 100 : 0)) > 0,
        feedback: giftText(c.feedback) || null,
      }))
      break
    }
    case 'TF': {
      q.type = 'TRUE_FALSE'
      // GIFT: {T#feedback when wrong#feedback when right} (Moodle's reading).
      const wrong = giftText(g.trueFeedback) || null
      const right = giftText(g.falseFeedback) || null
      q.options = [
        { text: TRUE_TEXT, correct: g.isTrue, feedback: g.isTrue ? right : wrong },
        { text: FALSE_TEXT, correct: !g.isTrue, feedback: g.isTrue ? wrong : right },
      ]
      break
    }
    case 'Short': {
      q.type = 'SHORT'
      const full = g.choices.filter((c) => (c.weight ?? (c.isCorrect ? 100 : 0)) >= FULL)
      if (full.length < g.choices.filter((c) => (c.weight ?? (c.isCorrect ? 100 : 0)) > 0).length)
        q.notes.push('partialAnswersDropped')
      q.acceptedAnswers = full.map((c) => giftText(c.text)).filter(Boolean)
      break
    }
    case 'Numerical': {
      q.type = 'NUMERIC'
      const choice = Array.isArray(g.choices)
        ? g.choices.find((c) => (c.weight ?? (c.isCorrect ? 100 : 0)) >= FULL)?.text
        : g.choices
      if (!choice) throw new EntryProblem('noAnswer')
      if (choice.type === 'high-low') {
        const hi = choice.numberHigh ?? NaN
        const lo = choice.numberLow ?? NaN
        q.numericAnswer = round9((hi + lo) / 2)
        q.tolerance = round9(Math.abs(hi - lo) / 2)
      } else {
        q.numericAnswer = choice.number ?? NaN
        q.tolerance = choice.range ?? 0
      }
      if (!Number.isFinite(q.numericAnswer) || !Number.isFinite(q.tolerance))
        throw new EntryProblem('badNumber', { value: String(q.numericAnswer) })
      break
    }
    case 'Essay':
      q.type = 'ESSAY'
      break
    case 'Matching':
      throw new EntryProblem('unsupportedType', { type: 'matching' })
  }
  if (g.hasEmbeddedAnswers) throw new EntryProblem('unsupportedType', { type: 'cloze' })
  checkQuestion(q)
  return q
}

/**
 * Reads a GIFT file. Entries are separated by blank lines and parsed one by one with the
 * gift-pegjs grammar, so one broken entry is reported (with its line) and the others still read.
 */
export function parseGift(source: string): ParsedBank {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  if (!text.trim()) return { questions: [], problems: [fileProblem('emptyFile')] }
  const lines = text.split('\n')
  const chunks: { start: number; text: string }[] = []
  let current: string[] = []
  let start = 1
  let depth = 0
  lines.forEach((line, i) => {
    const isComment = /^\s*\/\//.test(line)
    if (line.trim() === '' && depth === 0) {
      if (current.some((l) => l.trim() && !/^\s*\/\//.test(l)))
        chunks.push({ start, text: current.join('\n') })
      current = []
      start = i + 2
      return
    }
    if (!current.length) start = i + 1
    current.push(line)
    if (!isComment) {
      const unescaped = line.replace(/\\./g, '')
      depth += (unescaped.match(/\{/g) ?? []).length - (unescaped.match(/\}/g) ?? []).length
      if (depth < 0) depth = 0
    }
  })
  if (current.some((l) => l.trim() && !/^\s*\/\//.test(l)))
    chunks.push({ start, text: current.join('\n') })

  const problems: BankProblem[] = []
  const items: Parameters<typeof attachDescriptions>[0] = []
  let category = ''
  for (const chunk of chunks) {
    const title = /::((?:\\.|[^:])+)::/.exec(chunk.text)?.[1]?.trim() ?? ''
    let parsed: GIFTQuestion[]
    try {
      parsed = giftParse(chunk.text + '\n')
    } catch (e) {
      const err = e as { location?: { start?: { line?: number } }; message?: string }
      const line = chunk.start + (err.location?.start?.line ?? 1) - 1
      problems.push({
        name:
          title ||
          chunk.text
            .split('\n')
            .find((l) => l.trim() && !l.trim().startsWith('//'))!
            .trim()
            .slice(0, 60),
        line,
        code: 'giftSyntax',
        params: { message: String(err.message ?? '') },
      })
      continue
    }
    for (const g of parsed) {
      if (g.type === 'Category') {
        category = categoryPath(g.title)
        continue
      }
      if (g.type === 'Description') {
        items.push({ kind: 'description', category, text: giftText(g.stem) })
        continue
      }
      try {
        items.push({ kind: 'question', q: giftQuestion(g, category) })
      } catch (e) {
        if (!(e instanceof EntryProblem)) throw e
        problems.push({
          name: g.title?.trim() || title,
          line: chunk.start,
          code: e.code,
          params: e.params,
        })
      }
    }
  }
  return { questions: attachDescriptions(items), problems }
}

// ---------------------------------------------------------------------------------------------
// Export

export interface ExportQuestion extends QuestionBody {
  name: string
  idnumber: string
  category: string
  competencyCode: string
  level: number
}

function xmlEscape(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function cdata(s: string) {
  return s ? `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>` : ''
}

/** A fraction as Moodle writes it: up to 7 decimals, trailing zeros dropped ("33.33333"). */
export function moodleFraction(x: number): string {
  return String(Number(x.toFixed(5)))
}

function htmlBlock(tag: string, text: string, files: Map<string, string>, indent = '    ') {
  const images = imageMarkers(text)
    .filter((n, i, all) => all.indexOf(n) === i && files.has(n))
    .map(
      (n) =>
        `\n${indent}  <file name="${xmlEscape(n).replace(/"/g, '&quot;')}" path="/" encoding="base64">${files.get(n)}</file>`,
    )
    .join('')
  return `${indent}<${tag} format="html">\n${indent}  <text>${cdata(text ? textToHtml(text) : '')}</text>${images}\n${indent}</${tag}>`
}

/**
 * A bank as Moodle XML, in Moodle's own export layout: a category pseudo-question before each
 * category's questions, <text> wrappers, fractions like 33.33333, images as base64 <file>s.
 * `files` maps image marker names to their bytes (base64). Competency and level travel as tags.
 */
export function exportMoodleXml(questions: ExportQuestion[], files = new Map<string, string>()) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>']
  const byCategory = new Map<string, ExportQuestion[]>()
  for (const q of questions) byCategory.set(q.category, [...(byCategory.get(q.category) ?? []), q])
  let n = 0
  for (const [category, list] of byCategory) {
    out.push(
      `<!-- question: 0  -->`,
      `  <question type="category">`,
      `    <category>`,
      `      <text>${xmlEscape(category ? `$course$/top/${category}` : '$course$/top')}</text>`,
      `    </category>`,
      `    <info format="moodle_auto_format">`,
      `      <text></text>`,
      `    </info>`,
      `    <idnumber></idnumber>`,
      `  </question>`,
      '',
    )
    for (const q of list) {
      n++
      const type =
        q.type === 'SINGLE' || q.type === 'MULTIPLE'
          ? 'multichoice'
          : q.type === 'TRUE_FALSE'
            ? 'truefalse'
            : q.type === 'SHORT'
              ? 'shortanswer'
              : q.type === 'NUMERIC'
                ? 'numerical'
                : 'essay'
      const penalty =
        q.type === 'TRUE_FALSE' ? '1.0000000' : q.type === 'ESSAY' ? '0.0000000' : '0.3333333'
      out.push(
        `<!-- question: ${n}  -->`,
        `  <question type="${type}">`,
        `    <name>`,
        `      <text>${xmlEscape(q.name)}</text>`,
        `    </name>`,
        htmlBlock('questiontext', q.text, files),
        htmlBlock('generalfeedback', q.feedback ?? '', files),
        `    <defaultgrade>${q.points.toFixed(7)}</defaultgrade>`,
        `    <penalty>${penalty}</penalty>`,
        `    <hidden>0</hidden>`,
        `    <idnumber>${xmlEscape(q.idnumber)}</idnumber>`,
      )
      const answer = (
        fraction: string,
        text: string,
        feedback: string | null,
        format = 'html',
        extra = '',
      ) =>
        [
          `    <answer fraction="${fraction}" format="${format}">`,
          `      <text>${format === 'html' ? cdata(textToHtml(text)) : xmlEscape(text)}</text>`,
          `      <feedback format="html">`,
          `        <text>${cdata(feedback ? textToHtml(feedback) : '')}</text>`,
          `      </feedback>${extra}`,
          `    </answer>`,
        ].join('\n')
      if (q.type === 'SINGLE' || q.type === 'MULTIPLE') {
        const k = q.options.filter((o) => o.correct).length
        const wrong = q.options.length - k
        out.push(
          `    <single>${q.type === 'SINGLE' ? 'true' : 'false'}</single>`,
          `    <shuffleanswers>true</shuffleanswers>`,
          `    <answernumbering>abc</answernumbering>`,
          `    <showstandardinstruction>0</showstandardinstruction>`,
          `    <correctfeedback format="html">`,
          `      <text>Jawaban Anda benar.</text>`,
          `    </correctfeedback>`,
          `    <partiallycorrectfeedback format="html">`,
          `      <text>Jawaban Anda sebagian benar.</text>`,
          `    </partiallycorrectfeedback>`,
          `    <incorrectfeedback format="html">`,
          `      <text>Jawaban Anda salah.</text>`,
          `    </incorrectfeedback>`,
          `    <shownumcorrect/>`,
          ...q.options.map((o) =>
            answer(
              q.type === 'SINGLE'
                ? o.correct
                  ? '100'
                  : '0'
                : moodleFraction(o.correct ? 100 / k : wrong ? -100 / wrong : 0),
              o.text,
              o.feedback,
            ),
          ),
        )
      } else if (q.type === 'TRUE_FALSE') {
        const t = q.options.find((o) => o.text === TRUE_TEXT) ?? q.options[0]!
        const f = q.options.find((o) => o !== t) ?? q.options[1]!
        out.push(
          answer(t.correct ? '100' : '0', 'true', t.feedback, 'moodle_auto_format'),
          answer(f.correct ? '100' : '0', 'false', f.feedback, 'moodle_auto_format'),
        )
      } else if (q.type === 'SHORT') {
        out.push(
          `    <usecase>0</usecase>`,
          ...q.acceptedAnswers.map((a) => answer('100', a, null, 'moodle_auto_format')),
        )
      } else if (q.type === 'NUMERIC') {
        out.push(
          answer(
            '100',
            String(q.numericAnswer ?? 0),
            null,
            'moodle_auto_format',
            `\n      <tolerance>${q.tolerance ?? 0}</tolerance>`,
          ),
          `    <unitgradingtype>0</unitgradingtype>`,
          `    <unitpenalty>0.1000000</unitpenalty>`,
          `    <showunits>3</showunits>`,
          `    <unitsleft>0</unitsleft>`,
        )
      } else {
        out.push(
          `    <responseformat>editor</responseformat>`,
          `    <responserequired>1</responserequired>`,
          `    <responsefieldlines>15</responsefieldlines>`,
          `    <minwordlimit></minwordlimit>`,
          `    <maxwordlimit></maxwordlimit>`,
          `    <attachments>0</attachments>`,
          `    <attachmentsrequired>0</attachmentsrequired>`,
          `    <maxbytes>0</maxbytes>`,
          `    <filetypeslist></filetypeslist>`,
          `    <graderinfo format="html">`,
          `      <text></text>`,
          `    </graderinfo>`,
          `    <responsetemplate format="html">`,
          `      <text></text>`,
          `    </responsetemplate>`,
        )
      }
      out.push(
        `    <tags>`,
        `      <tag><text>bina-kompetensi:${xmlEscape(q.competencyCode)}</text>`,
        `      </tag>`,
        `      <tag><text>bina-level:${q.level}</text>`,
        `      </tag>`,
        `    </tags>`,
        `  </question>`,
        '',
      )
    }
  }
  out.push('</quiz>', '')
  return out.join('\n')
}
