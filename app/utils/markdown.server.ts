// Markdown (the restricted subset of content packs) to the same Tiptap JSON the editor produces.
// Anything outside the subset (raw HTML, images, tables) is refused with a reason.
import { Lexer, type Token, type Tokens } from 'marked'
import { InvalidError, type ErrorParams } from './errors'
import type { TiptapDoc, TiptapNode } from './rich-text'

/**
 * Markdown outside the subset: code `lessonDoc.markdown.<reason>` with its parameters (decision
 * 044), in the reader's language in the editor and in Indonesian in the pack importer's output.
 */
export class MarkdownError extends InvalidError {
  constructor(reason: string, params: ErrorParams = {}) {
    super(`lessonDoc.markdown.${reason}`, { params })
    this.name = 'MarkdownError'
  }
}

/** The start of a refused piece of source, as a message can show it. */
const excerpt = (raw: string) => raw.trim().slice(0, 60)

type Mark = NonNullable<TiptapNode['marks']>[number]

function inline(tokens: Token[] | undefined, marks: Mark[] = []): TiptapNode[] {
  const out: TiptapNode[] = []
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text':
      case 'escape': {
        const tt = t as Tokens.Text
        if (tt.tokens?.length) out.push(...inline(tt.tokens, marks))
        else if (tt.text)
          out.push({ type: 'text', text: decode(tt.text), ...(marks.length ? { marks } : {}) })
        break
      }
      case 'strong':
        out.push(...inline((t as Tokens.Strong).tokens, [...marks, { type: 'bold' }]))
        break
      case 'em':
        out.push(...inline((t as Tokens.Em).tokens, [...marks, { type: 'italic' }]))
        break
      case 'del':
        out.push(...inline((t as Tokens.Del).tokens, [...marks, { type: 'strike' }]))
        break
      case 'codespan':
        out.push({
          type: 'text',
          text: decode((t as Tokens.Codespan).text),
          marks: [...marks, { type: 'code' }],
        })
        break
      case 'link': {
        const l = t as Tokens.Link
        out.push(...inline(l.tokens, [...marks, { type: 'link', attrs: { href: l.href } }]))
        break
      }
      case 'br':
        out.push({ type: 'hardBreak' })
        break
      case 'image':
        throw new MarkdownError('image')
      case 'html':
        throw new MarkdownError('html', { html: excerpt(t.raw) })
      default:
        throw new MarkdownError('element', { element: t.type })
    }
  }
  return out.filter((n) => n.type !== 'text' || n.text)
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}
function decode(s: string) {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m)
}

function paragraph(tokens: Token[] | undefined): TiptapNode {
  const content = inline(tokens)
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' }
}

function blocks(tokens: Token[]): TiptapNode[] {
  const out: TiptapNode[] = []
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
        break
      case 'heading': {
        const h = t as Tokens.Heading
        if (h.depth < 2 || h.depth > 3)
          throw new MarkdownError('headingLevel', { level: h.depth, text: excerpt(h.text) })
        out.push({ type: 'heading', attrs: { level: h.depth }, content: inline(h.tokens) })
        break
      }
      case 'paragraph':
        out.push(paragraph((t as Tokens.Paragraph).tokens))
        break
      case 'text':
        out.push(
          paragraph(
            (t as Tokens.Text).tokens ?? [
              { type: 'text', raw: t.raw, text: (t as Tokens.Text).text } as Token,
            ],
          ),
        )
        break
      case 'list': {
        const l = t as Tokens.List
        out.push({
          type: l.ordered ? 'orderedList' : 'bulletList',
          ...(l.ordered && typeof l.start === 'number' && l.start !== 1
            ? { attrs: { start: l.start } }
            : {}),
          content: l.items.map((item) => ({ type: 'listItem', content: blocks(item.tokens) })),
        })
        break
      }
      case 'blockquote':
        out.push({ type: 'blockquote', content: blocks((t as Tokens.Blockquote).tokens) })
        break
      case 'code': {
        const c = t as Tokens.Code
        out.push({
          type: 'codeBlock',
          attrs: { language: c.lang || null },
          content: c.text ? [{ type: 'text', text: c.text }] : [],
        })
        break
      }
      case 'hr':
        out.push({ type: 'horizontalRule' })
        break
      case 'html':
        throw new MarkdownError('html', { html: excerpt(t.raw) })
      case 'table':
        throw new MarkdownError('table')
      default:
        throw new MarkdownError('element', { element: t.type })
    }
  }
  return out
}

export function markdownToDoc(markdown: string): TiptapDoc {
  const tokens = new Lexer({ gfm: true }).lex(markdown)
  const content = blocks(tokens)
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] }
}
