// The one Tiptap extension set of lesson documents: the editor, the validator and the renderer
// all use it, so what the editor can produce is exactly what the server accepts.
import { Node, mergeAttributes, type Extensions } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { isAllowedContentLink } from '~/domain/links'

/** Link targets a lesson may carry: https pages and paths inside Bina (app/domain/links.ts). */
export function isSafeHref(href: unknown): href is string {
  return isAllowedContentLink(href)
}

/** Images of lessons are files uploaded to Bina's storage, addressed by their content hash. */
export const LESSON_IMAGE_SRC = /^\/media\/images\/[a-f0-9]{64}\.(png|jpg|webp|gif)$/
export function isLessonImageSrc(src: unknown): src is string {
  return typeof src === 'string' && LESSON_IMAGE_SRC.test(src)
}
export const VIDEO_ID = /^[\w-]{1,64}$/

/** A video of the course embedded in a text lesson (played from /media/videos/:id). */
export const CourseVideo = Node.create({
  name: 'courseVideo',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      videoId: { default: null },
      title: { default: '' },
    }
  },
  parseHTML() {
    return [{ tag: 'video[data-video-id]' }]
  },
  renderHTML({ node, HTMLAttributes }) {
    const id = String(node.attrs.videoId ?? '')
    return [
      'video',
      mergeAttributes({
        'data-video-id': HTMLAttributes.videoId,
        src: `/media/videos/${id}`,
        controls: 'controls',
        preload: 'metadata',
        title: HTMLAttributes.title || undefined,
        class: 'lesson-video',
      }),
    ]
  },
})

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
    Image.configure({ inline: false, allowBase64: false }),
    TableKit.configure({ table: { resizable: false } }),
    CourseVideo,
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
