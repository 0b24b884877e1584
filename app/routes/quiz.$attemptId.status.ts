// A small status resource for the result page's poll: the attempt's state and whether its
// evidence is in the competency ratings. Only the attempt's owner can read it.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { attemptStatus } from '~/models/quiz.server'
import { requireUser } from '~/utils/auth.server'
import { NotFoundError } from '~/utils/errors'
import { withResourceErrors } from '~/utils/route-errors.server'

export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const status = await attemptStatus(params.attemptId!, user.id)
  if (!status) throw new NotFoundError('quiz.attemptNotFound')
  return Response.json(status, { headers: { 'cache-control': 'no-store' } })
})
