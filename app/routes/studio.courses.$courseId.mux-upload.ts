import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { startStudioMuxUpload } from '~/models/studio-media.server'
import { videoTitleSchema } from '~/schemas/studio'
import { InvalidError, NotFoundError } from '~/utils/errors'
import { appErrorResponse, withResourceErrors, readForm } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

/** Creates a Mux direct upload for a video of the course; answers JSON { videoId, uploadUrl }. */
export async function action({ request, params }: ActionFunctionArgs) {
  try {
    const { courseId, user } = await requireStudioCourse(request, params)
    const title = videoTitleSchema.safeParse((await readForm(request)).get('title'))
    if (!title.success) throw new InvalidError('studio.videoTitle', { field: 'title' })
    const upload = await startStudioMuxUpload(
      courseId,
      user.id,
      title.data,
      new URL(request.url).origin,
    )
    return Response.json(upload, { status: 201 })
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
