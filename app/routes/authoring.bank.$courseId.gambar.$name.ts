// Images of a course's question bank (imported from Moodle XML), for the bank's pages: only for
// who teaches the course, and only images a question of the course shows. Sent from media
// storage by server/app.ts (X-Bina-Send-File).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { courseBankImage } from '~/models/question-bank.server'
import { requireTeaching } from '~/models/studio.server'
import { requireRole } from '~/utils/auth.server'
import { withResourceErrors } from '~/utils/route-errors.server'

export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  const key = await courseBankImage(course.id, params.name ?? '')
  return new Response(null, {
    status: 200,
    headers: { 'X-Bina-Send-File': key, 'Cache-Control': 'private, max-age=31536000, immutable' },
  })
})
