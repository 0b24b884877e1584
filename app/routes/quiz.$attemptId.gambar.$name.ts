// Images of the questions of an attempt (imported from Moodle XML): for the attempt's learner
// and for who teaches the course, only images of the question versions the attempt was drawn
// with. Sent from media storage by server/app.ts (X-Bina-Send-File).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { attemptBankImage } from '~/models/question-bank.server'
import { requireUser } from '~/utils/auth.server'
import { withResourceErrors } from '~/utils/route-errors.server'

export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const key = await attemptBankImage(user, params.attemptId ?? '', params.name ?? '')
  return new Response(null, {
    status: 200,
    headers: { 'X-Bina-Send-File': key, 'Cache-Control': 'private, max-age=31536000, immutable' },
  })
})
