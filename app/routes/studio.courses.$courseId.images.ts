import {
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/node'
import { storeLessonImage } from '~/models/studio-media.server'
import { AppError, InvalidError, NotFoundError } from '~/utils/errors'
import { appErrorResponse, withResourceErrors } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

/**
 * Lesson image upload from the editor (multipart, field "file"). Answers JSON: { src } or an
 * error payload { code, params } (415 wrong type, 413 too large). The type comes from the bytes.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  try {
    await requireStudioCourse(request, params)
    if (request.method !== 'POST') throw new AppError('input.invalid', { status: 405 })
    if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data'))
      throw new InvalidError('studio.noFile')
    let stored: { src: string; size: number } | null = null
    await unstable_parseMultipartFormData(request, async (part) => {
      if (part.name !== 'file' || !part.filename) {
        for await (const _ of part.data) void _
        return undefined
      }
      stored = await storeLessonImage(part.data)
      return stored.src
    })
    if (!stored) throw new InvalidError('studio.noFile')
    return Response.json(stored, { status: 201 })
  } catch (e) {
    const response = appErrorResponse(e)
    if (response) return response
    throw e
  }
}

/** Only the action answers here; a GET is a 404 in the reader's language. */
export const loader = withResourceErrors(async (_: LoaderFunctionArgs) => {
  throw new NotFoundError('notFound')
})
