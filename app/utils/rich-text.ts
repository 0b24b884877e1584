// The one Tiptap extension set of lesson documents: the editor, the validator and the renderer
// all use it, so what the editor can produce is exactly what the server accepts.
import type { Extensions } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'

/** Link targets a lesson may carry: web pages, email, and paths inside Bina. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length > 2000) return false
  const trimmed = href.trim()
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return true
  try {
    const u = new URL(trimmed)
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:'
  } catch {
    return false
  }
}

export function lessonExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['https', 'http', 'mailto'],
        defaultProtocol: 'https',
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
        isAllowedUri: (url) => isSafeHref(url),
      },
      undoRedo: {},
    }),
  ]
}

export type TiptapDoc = { type: 'doc'; content?: TiptapNode[] }
export type TiptapNode = {
  type: string
  attrs?: Record<string, unknown>
  content?: TiptapNode[]
  marks?: { type: string; attrs?: Record<string, unknown> }[]
  text?: string
}
