// The guard of every studio route: an instructor or admin, and for a course page one who teaches
// that course (admins: every course). 403 otherwise, 404 for a course that does not exist.
import { z } from 'zod'
import { requireTeaching } from '~/models/studio.server'
import { requireRole } from './auth.server'
import { routeParam } from './route-errors.server'

export async function requireStudio(request: Request) {
  return requireRole(request, 'INSTRUCTOR', 'ADMIN')
}

export async function requireStudioCourse(
  request: Request,
  params: Record<string, string | undefined>,
) {
  const user = await requireStudio(request)
  const courseId = routeParam(
    params,
    'courseId',
    z.string().regex(/^[\w-]{1,64}$/),
    'studio.courseNotFound',
  )
  await requireTeaching(user, courseId)
  return { user, courseId }
}

/** The first message of a failed parse (an i18n key) and the field it belongs to. */
export function firstIssue(error: z.ZodError) {
  const issue = error.issues[0]
  return { message: issue?.message ?? 'input.invalid', field: String(issue?.path[0] ?? '') }
}
