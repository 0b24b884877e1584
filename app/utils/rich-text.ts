// The one Tiptap extension set of lesson documents: the editor, the validator and the renderer
// all use it, so what the editor can produce is exactly what the server accepts.
import type { Extensions } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { isAllowedContentLink } from '~/domain/links'

/** Link targets a lesson may carry: https pages and paths inside Bina (app/domain/links.ts). */
export function isSafeHref(href: unknown): href is string {
  return isAllowedContentLink(href)
}

export function lessonExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['https'],
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
