// Validation and rendering of lesson documents (Tiptap JSON). Documents are checked against the
// editor's own schema; HTML is rendered once, at save/publish time, and stored.
import { getSchema } from '@tiptap/core'
import { Node as PMNode } from '@tiptap/pm/model'
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
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

export class RichTextError extends Error {}

const MAX_NODES = 20_000

/** Returns the document unchanged when it is valid; throws RichTextError with the reason otherwise. */
export function validateLessonDoc(input: unknown): TiptapDoc {
  if (!input || typeof input !== 'object' || (input as { type?: unknown }).type !== 'doc') {
    throw new RichTextError('Dokumen pelajaran harus berupa dokumen Tiptap (type "doc").')
  }
  let count = 0
  const walk = (n: TiptapNode, path: string) => {
    if (++count > MAX_NODES)
      throw new RichTextError(`Dokumen terlalu besar (lebih dari ${MAX_NODES} node).`)
    if (typeof n.type !== 'string') throw new RichTextError(`Node tanpa jenis di ${path}.`)
    if (!schema.nodes[n.type])
      throw new RichTextError(`Jenis node "${n.type}" tidak dikenal (di ${path}).`)
    if (n.type === 'image' && !isLessonImageSrc(n.attrs?.src))
      throw new RichTextError(
        `Gambar "${String(n.attrs?.src).slice(0, 80)}" tidak diizinkan: unggah gambar melalui editor (di ${path}).`,
      )
    if (
      n.type === 'courseVideo' &&
      !(typeof n.attrs?.videoId === 'string' && VIDEO_ID.test(n.attrs.videoId))
    )
      throw new RichTextError(`Video tanpa id yang valid (di ${path}).`)
    for (const m of n.marks ?? []) {
      if (!schema.marks[m.type])
        throw new RichTextError(`Jenis format "${m.type}" tidak dikenal (di ${path}).`)
      if (m.type === 'link' && !isSafeHref(m.attrs?.href)) {
        throw new RichTextError(
          `Tautan "${String(m.attrs?.href).slice(0, 80)}" tidak diizinkan: gunakan alamat https:// atau halaman Bina (diawali /).`,
        )
      }
    }
    n.content?.forEach((c, i) => walk(c, `${path} › ${n.type}[${i}]`))
  }
  walk(input as TiptapNode, 'dokumen')
  try {
    PMNode.fromJSON(schema, input).check()
  } catch (e) {
    throw new RichTextError(
      `Struktur dokumen tidak valid: ${e instanceof Error ? e.message : String(e)}`,
    )
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
