// The signed PDF of one certificate: its holder, an admin or the holder's supervisor.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { certificatePdf } from '~/models/certificate.server'
import { requireUser } from '~/utils/auth.server'
import { fileResponse } from '~/utils/file-response.server'
import { withResourceErrors } from '~/utils/route-errors.server'

export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const file = await certificatePdf(user, params.code ?? '')
  return fileResponse(file, 'application/pdf')
})
