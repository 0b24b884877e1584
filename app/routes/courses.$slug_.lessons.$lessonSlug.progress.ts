import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { MAX_RANGES_PER_REPORT } from '~/domain/video-progress'
import { confirmVideoWatched, recordVideoProgress } from '~/models/course.server'
import { requireUser } from '~/utils/auth.server'
import { InvalidError } from '~/utils/errors'
import { receivedAt } from '~/utils/misc'
import { withResourceErrors } from '~/utils/route-errors.server'

const finite = z.number().finite().min(0).max(86_400)
const schema = z.object({
  positionSec: finite,
  ranges: z.array(z.tuple([finite, finite])).max(MAX_RANGES_PER_REPORT),
})

/**
 * Watch progress from the player (JSON), or the "Saya sudah menonton" form of the lesson page
 * (works without JavaScript: the server accepts it once the video's duration has passed).
 */
export const action = withResourceErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const now = new Date(receivedAt(request))
  const lessonUrl = `/courses/${params.slug}/lessons/${params.lessonSlug}`
  if (!(request.headers.get('Content-Type') ?? '').includes('application/json')) {
    const r = await confirmVideoWatched(user.id, params.slug!, params.lessonSlug!, now)
    return redirect(r.completed ? lessonUrl : `${lessonUrl}?wait=${r.waitSec}`)
  }
  const parsed = schema.safeParse(await request.json().catch(() => null))
  // Refusals (bad data, too fast, not enrolled) answer as text in the reader's language.
  if (!parsed.success) throw new InvalidError('videoProgress.invalid')
  const result = await recordVideoProgress(
    user.id,
    params.slug!,
    params.lessonSlug!,
    parsed.data,
    now,
  )
  return Response.json(result)
})
