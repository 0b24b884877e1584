// Tiptap JSON back to the restricted Markdown of content packs (app/utils/markdown.server.ts
// reads it): the no-JavaScript editing form and pack export. A document with something that
// subset cannot say (images, tables, embedded videos) gives null rather than a lossy text.
import type { TiptapDoc, TiptapNode } from './rich-text'

class Unsayable extends Error {}

function escapeText(s: string) {
  return s.replace(/([\\`*_[\]<>#])/g, '\\$1')
}

type Mark = NonNullable<TiptapNode['marks']>[number]
const OPEN: Record<string, (m: Mark) => string> = {
  bold: () => '**',
  italic: () => '*',
  strike: () => '~~',
  link: () => '[',
}
const CLOSE: Record<string, (m: Mark) => string> = {
  bold: () => '**',
  italic: () => '*',
  strike: () => '~~',
  link: (m) => `](${String(m.attrs?.href ?? '')})`,
}
const sameMark = (a: Mark, b: Mark) =>
  a.type === b.type && (a.type !== 'link' || a.attrs?.href === b.attrs?.href)

/** Inline content with marks opened and closed across text nodes, as prosemirror-markdown does. */
function inline(nodes: TiptapNode[] | undefined): string {
  let out = ''
  const open: Mark[] = []
  const closeTo = (keep: number) => {
    while (open.length > keep) {
      const m = open.pop()!
      out += CLOSE[m.type]!(m)
    }
  }
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') {
      out += '  \n'
      continue
    }
    if (n.type !== 'text') throw new Unsayable(n.type)
    const marks = n.marks ?? []
    for (const m of marks) if (m.type !== 'code' && !OPEN[m.type]) throw new Unsayable(m.type)
    const wanted = marks.filter((m) => m.type !== 'code')
    let keep = 0
    while (keep < open.length && wanted.some((m) => sameMark(m, open[keep]!))) keep++
    closeTo(keep)
    // Links outermost among the marks still to open, so "[**a**](x)" rather than "**[a](x)**".
    const toOpen = wanted
      .filter((m) => !open.some((o) => sameMark(o, m)))
      .sort((a, b) => (a.type === 'link' ? -1 : 0) - (b.type === 'link' ? -1 : 0))
    for (const m of toOpen) {
      out += OPEN[m.type]!(m)
      open.push(m)
    }
    const text = n.text ?? ''
    out += marks.some((m) => m.type === 'code') ? `\`${text}\`` : escapeText(text)
  }
  closeTo(0)
  return out
}

function block(n: TiptapNode, indent: string): string[] {
  switch (n.type) {
    case 'paragraph':
      return [indent + inline(n.content).replace(/\n/g, `\n${indent}`)]
    case 'heading':
      return [`${indent}${'#'.repeat(Number(n.attrs?.level ?? 2))} ${inline(n.content)}`]
    case 'blockquote':
      return blocks(n.content, '').map((l) => `${indent}> ${l}`.trimEnd())
    case 'codeBlock':
      return [indent + '```', ...(n.content?.[0]?.text ?? '').split('\n'), indent + '```']
    case 'horizontalRule':
      return [`${indent}---`]
    case 'bulletList':
    case 'orderedList':
      return (n.content ?? []).flatMap((item, i) => {
        const start = Number(n.attrs?.start ?? 1)
        const bullet = n.type === 'bulletList' ? '- ' : `${start + i}. `
        const inner = blocks(item.content, '')
        return inner.map((l, j) =>
          j === 0 ? `${indent}${bullet}${l}` : l ? `${indent}${' '.repeat(bullet.length)}${l}` : '',
        )
      })
    default:
      throw new Unsayable(n.type)
  }
}

function blocks(nodes: TiptapNode[] | undefined, indent: string): string[] {
  const out: string[] = []
  for (const [i, n] of (nodes ?? []).entries()) {
    if (i > 0) out.push('')
    out.push(...block(n, indent))
  }
  return out
}

/** The document as pack Markdown, or null when it holds something Markdown cannot carry. */
export function docToMarkdown(doc: TiptapDoc): string | null {
  try {
    return blocks(doc.content, '').join('\n').trim() + '\n'
  } catch (e) {
    if (e instanceof Unsayable) return null
    throw e
  }
}
