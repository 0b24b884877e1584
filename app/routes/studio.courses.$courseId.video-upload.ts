import {
  redirect,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/node'
import { videoTitleSchema } from '~/schemas/studio'
import { storeLocalStudioVideo } from '~/models/studio-media.server'
import { AppError, InvalidError, NotFoundError } from '~/utils/errors'
import { appErrorResponse, withResourceErrors } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

/**
 * Local video upload (multipart: "title" first, then "file"), streamed to storage and checked as
 * it streams (type from the bytes, size counted). The browser's XMLHttpRequest shows the progress
 * and reads JSON; a form without JavaScript is sent back to the videos page with the outcome.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const wantsJson = (request.headers.get('Accept') ?? '').includes('application/json')
  let courseId = ''
  try {
    const guard = await requireStudioCourse(request, params)
    courseId = guard.courseId
    if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data'))
      throw new InvalidError('studio.noFile')
    let title = ''
    let stored: { videoId: string } | null = null
    await unstable_parseMultipartFormData(request, async (part) => {
      if (part.name === 'title' && !part.filename) {
        const chunks: Uint8Array[] = []
        let size = 0
        for await (const c of part.data) {
          size += c.byteLength
          if (size > 1000) throw new InvalidError('studio.videoTitle')
          chunks.push(c)
        }
        title = Buffer.concat(chunks).toString('utf8')
        return title
      }
      if (part.name === 'file' && part.filename) {
        const parsed = videoTitleSchema.safeParse(title)
        if (!parsed.success) throw new InvalidError('studio.videoTitle', { field: 'title' })
        stored = await storeLocalStudioVideo(courseId, guard.user.id, parsed.data, part.data)
        return stored.videoId
      }
      for await (const _ of part.data) void _
      return undefined
    })
    if (!stored) throw new InvalidError('studio.noFile')
    const { videoId } = stored as { videoId: string }
    if (wantsJson) return Response.json(stored, { status: 201 })
    return redirect(`/studio/courses/${courseId}/videos?uploaded=${videoId}`)
  } catch (e) {
    if (!wantsJson && courseId && e instanceof AppError && e.status < 500) {
      const q = new URLSearchParams({ error: e.code })
      for (const [k, v] of Object.entries(e.params)) q.set(`p.${k}`, String(v))
      // The page puts the message next to this field (the form kit's reply, built by its loader).
      q.set('field', e.field ?? (e.code === 'studio.noFile' ? 'file' : ''))
      return redirect(`/studio/courses/${courseId}/videos?${q}`)
    }
    const response = appErrorResponse(e)
    if (response) return response
    throw e
  }
}

/** Only the action answers here; a GET is a 404 in the reader's language. */
export const loader = withResourceErrors(async (_: LoaderFunctionArgs) => {
  throw new NotFoundError('notFound')
})
