import type { LoaderFunctionArgs } from '@remix-run/node'
import { canWatchVideo, localVideoPath } from '~/models/video.server'
import { requireUser } from '~/utils/auth.server'
import { NotFoundError } from '~/utils/errors'
import { withResourceErrors } from '~/utils/route-errors.server'

/**
 * Local video files, only for people who may see the lesson (app/models/video.server.ts). The
 * bytes are sent by server/app.ts with `send` (Range, ETag, 304) from MEDIA_DIR: this route only
 * authorises and names the file in the internal X-Bina-Send-File header, which never leaves the
 * server.
 */
export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const id = params.videoId ?? ''
  if (!/^[\w-]{1,64}$/.test(id)) throw new NotFoundError('media.videoNotFound')
  const file = await localVideoPath(id)
  // The same answer for "no such video" and "not yours": ids are not confirmed to strangers.
  if (!file || !(await canWatchVideo(user, id))) throw new NotFoundError('media.videoNotFound')
  return new Response(null, {
    status: 200,
    headers: { 'X-Bina-Send-File': file, 'Cache-Control': 'private, max-age=3600' },
  })
})
