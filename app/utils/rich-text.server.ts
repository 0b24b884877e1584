// Validation and rendering of lesson documents (Tiptap JSON). Documents are checked against the
// editor's own schema; HTML is rendered once, at save/publish time, and stored.
import { getSchema } from '@tiptap/core'
import { Node as PMNode } from '@tiptap/pm/model'
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { InvalidError, type ErrorParams } from './errors'
import {
  isLessonImageSrc,
  isSafeHref,
  lessonExtensions,
  VIDEO_ID,
  type TiptapDoc,
  type TiptapNode,
} from './rich-text'

const extensions = lessonExtensions()
const schema = getSchema(extensions)

/**
 * A refused lesson document: code `lessonDoc.<reason>` with its parameters (decision 044), shown
 * in the reader's language by the editor and printed in Indonesian by the pack importer.
 */
export class RichTextError extends InvalidError {
  constructor(reason: string, params: ErrorParams = {}) {
    super(`lessonDoc.${reason}`, { params })
    this.name = 'RichTextError'
  }
}

const MAX_NODES = 20_000

/** A value from the document, cut to a length a message can show. */
const shown = (v: unknown) => String(v).slice(0, 80)

/**
 * The reason ProseMirror gives for a document its schema refuses, as a code: its messages are
 * English developer text, so only the node it names and the content it quotes travel.
 */
function structureError(e: unknown) {
  const message = e instanceof Error ? e.message : String(e)
  const content = /^Invalid content for node (\w+): (.*)$/s.exec(message)
  if (content) return new RichTextError('content', { node: content[1]!, detail: content[2]! })
  const marks = /^Invalid collection of marks for node (\w+)/.exec(message)
  if (marks) return new RichTextError('marks', { node: marks[1]! })
  return new RichTextError('structure', { detail: message.slice(0, 120) })
}

/** Returns the document unchanged when it is valid; throws RichTextError with the reason otherwise. */
export function validateLessonDoc(input: unknown): TiptapDoc {
  if (!input || typeof input !== 'object' || (input as { type?: unknown }).type !== 'doc') {
    throw new RichTextError('notDoc')
  }
  let count = 0
  // `path` places the node by the schema's own (language-neutral) names and its index among its
  // siblings: doc › bulletList[0] › listItem[1] › paragraph[0] › text[2]
  const walk = (n: TiptapNode, path: string) => {
    if (++count > MAX_NODES) throw new RichTextError('tooManyNodes', { max: MAX_NODES })
    if (typeof n.type !== 'string') throw new RichTextError('nodeWithoutType', { path })
    if (!schema.nodes[n.type]) throw new RichTextError('unknownNode', { type: shown(n.type), path })
    if (n.type === 'image' && !isLessonImageSrc(n.attrs?.src))
      throw new RichTextError('image', { src: shown(n.attrs?.src), path })
    if (
      n.type === 'courseVideo' &&
      !(typeof n.attrs?.videoId === 'string' && VIDEO_ID.test(n.attrs.videoId))
    )
      throw new RichTextError('videoId', { path })
    for (const m of n.marks ?? []) {
      if (!schema.marks[m.type])
        throw new RichTextError('unknownMark', { type: shown(m.type), path })
      if (m.type === 'link' && !isSafeHref(m.attrs?.href))
        throw new RichTextError('link', { href: shown(m.attrs?.href), path })
    }
    n.content?.forEach((c, i) => walk(c, `${path} › ${shown(c?.type)}[${i}]`))
  }
  walk(input as TiptapNode, 'doc')
  try {
    PMNode.fromJSON(schema, input).check()
  } catch (e) {
    throw structureError(e)
  }
  return input as TiptapDoc
}

export function renderLessonHtml(doc: TiptapDoc): string {
  return renderToHTMLString({ extensions, content: doc })
}

export function docPlainText(doc: TiptapDoc): string {
  const out: string[] = []
  const walk = (n: TiptapNode) => {
    if (n.text) out.push(n.text)
    n.content?.forEach(walk)
    if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'listItem') out.push('\n')
  }
  walk(doc)
  return out
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim()
}

/** Validates, renders and extracts text in one go: what a save or an import stores. */
export function prepareLessonContent(input: unknown) {
  const doc = validateLessonDoc(input)
  return { json: doc, html: renderLessonHtml(doc), text: docPlainText(doc) }
}
