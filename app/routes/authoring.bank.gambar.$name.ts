// Images of the question bank (imported from Moodle XML), for instructors' previews.
import fs from 'node:fs/promises'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { bankImagePath } from '~/models/question-bank.server'
import { requireRole } from '~/utils/auth.server'

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const file = bankImagePath(params.name ?? '')
  const bytes = file ? await fs.readFile(file).catch(() => null) : null
  if (!file || !bytes) throw new Response('Gambar tidak ditemukan.', { status: 404 })
  return new Response(bytes, {
    headers: {
      'Content-Type': TYPES[file.split('.').pop()!]!,
      'Cache-Control': 'private, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
