import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/utils/auth.server'
import { NotFoundError } from '~/utils/errors'
import { withResourceErrors } from '~/utils/route-errors.server'

/**
 * Images of lessons (uploaded in the studio, named by their SHA-256): for signed-in users, sent
 * by server/app.ts from MEDIA_DIR (X-Bina-Send-File). A content-addressed file never changes.
 */
export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request)
  const name = params.name ?? ''
  if (!/^[a-f0-9]{64}\.(png|jpg|webp|gif)$/.test(name))
    throw new NotFoundError('media.imageNotFound')
  return new Response(null, {
    status: 200,
    headers: {
      'X-Bina-Send-File': `images/${name}`,
      'Cache-Control': 'private, max-age=31536000, immutable',
    },
  })
})
