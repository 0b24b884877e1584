import type { LoaderFunctionArgs } from '@remix-run/node'
import { Readable } from 'node:stream'
import { openLocalVideo } from '~/models/video.server'
import { requireUser } from '~/utils/auth.server'

/** Local video files with HTTP range requests (seeking, resuming). Signed-in users only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request)
  const file = await openLocalVideo(params.videoId!, request.headers.get('Range'))
  if (!file) throw new Response('Video tidak ditemukan.', { status: 404 })
  if (file.status === 416)
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${file.size}` } })
  const headers = new Headers({
    'Content-Type': 'video/mp4',
    'Accept-Ranges': 'bytes',
    'Content-Length': String(file.end - file.start + 1),
    'Cache-Control': 'private, max-age=3600',
  })
  if (file.status === 206)
    headers.set('Content-Range', `bytes ${file.start}-${file.end}/${file.size}`)
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    status: file.status,
    headers,
  })
}
