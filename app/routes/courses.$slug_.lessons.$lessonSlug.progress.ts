import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { recordVideoProgress } from '~/models/course.server'
import { requireUser } from '~/utils/auth.server'

const schema = z.object({
  positionSec: z.number().min(0).max(86_400),
  ranges: z.array(z.tuple([z.number().min(0), z.number().min(0)])).max(500),
})

/** Watch progress from the player (JSON). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = schema.safeParse(await request.json().catch(() => null))
  if (!parsed.success)
    return Response.json({ error: 'Data kemajuan video tidak valid.' }, { status: 400 })
  const result = await recordVideoProgress(user.id, params.slug!, params.lessonSlug!, parsed.data)
  return Response.json(result)
}
