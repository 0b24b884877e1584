// Download of a finished certificate export (only by whoever requested it).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportFile } from '~/models/certificate-export.server'
import { requireUser } from '~/utils/auth.server'
import { fileResponse } from '~/utils/file-response.server'
import { withResourceErrors } from '~/utils/route-errors.server'

export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return fileResponse(await exportFile(user.id, params.id ?? ''), 'application/zip')
})
