// A small status resource for the result page's poll: the attempt's state and whether its
// evidence is in the competency ratings. Only the attempt's owner can read it.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { attemptStatus } from '~/models/quiz.server'
import { requireUser } from '~/utils/auth.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const status = await attemptStatus(params.attemptId!, user.id)
  if (!status) return Response.json({ error: 'not found' }, { status: 404 })
  return Response.json(status, { headers: { 'cache-control': 'no-store' } })
}
