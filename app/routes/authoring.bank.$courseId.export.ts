// The course's question bank as Moodle XML (a download).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportCourseBank } from '~/models/question-bank.server'
import { requireTeaching } from '~/models/studio.server'
import { requireRole } from '~/utils/auth.server'
import { withResourceErrors } from '~/utils/route-errors.server'

export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  const xml = await exportCourseBank(course.id)
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="bank-soal-${course.slug}.xml"`,
      'Cache-Control': 'no-store',
    },
  })
})
