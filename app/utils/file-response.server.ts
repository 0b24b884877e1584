// Streams a stored file as a download response.
import type { Readable } from 'node:stream'
import { createReadableStreamFromReadable } from '@remix-run/node'

export function fileResponse(
  file: { stream: Readable; size: number; filename: string },
  contentType: string,
) {
  return new Response(createReadableStreamFromReadable(file.stream), {
    headers: {
      'Content-Type': contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
