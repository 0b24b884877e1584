import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/utils/auth.server'

/**
 * Images of lessons (uploaded in the studio, named by their SHA-256): for signed-in users, sent
 * by server/app.ts from MEDIA_DIR (X-Bina-Send-File). A content-addressed file never changes.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request)
  const name = params.name ?? ''
  if (!/^[a-f0-9]{64}\.(png|jpg|webp|gif)$/.test(name))
    throw new Response('Gambar tidak ditemukan.', { status: 404 })
  return new Response(null, {
    status: 200,
    headers: {
      'X-Bina-Send-File': `images/${name}`,
      'Cache-Control': 'private, max-age=31536000, immutable',
    },
  })
}
