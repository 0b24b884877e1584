// Course instructors: assigned by an admin; an instructor grades essays and regrades quizzes only
// of the courses they teach, and never their own attempts. Admins may act on every course (but
// likewise never on their own attempts).
import type { Role } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { AppError } from '~/utils/errors'

/** A refused assignment: `instructors.<reason>` (decision 041), the message is the code. */
export class InstructorError extends AppError {
  constructor(reason: 'unknownUser' | 'notInstructor' | 'courseNotFound', status = 400) {
    super(`instructors.${reason}`, {
      status,
      field: reason === 'courseNotFound' ? undefined : 'who',
    })
    this.name = 'InstructorError'
  }
}

export interface Actor {
  id: string
  roles: Role[]
}

const isAdmin = (a: Actor) => a.roles.includes('ADMIN')

/** Ids of the courses the actor may act on as an instructor (null: every course, for an admin). */
export async function taughtCourseIds(actor: Actor): Promise<string[] | null> {
  if (isAdmin(actor)) return null
  const rows = await prisma.courseInstructor.findMany({
    where: { userId: actor.id },
    select: { courseId: true },
  })
  return rows.map((r) => r.courseId)
}

/** Whether the actor teaches the course (admins: always). */
export async function teaches(actor: Actor, courseId: string) {
  if (isAdmin(actor)) return true
  const row = await prisma.courseInstructor.findUnique({
    where: { courseId_userId: { courseId, userId: actor.id } },
    select: { userId: true },
  })
  return row !== null
}

/** Every course with its instructors, for the admin page. */
export async function coursesWithInstructors() {
  return prisma.course.findMany({
    orderBy: { title: 'asc' },
    select: {
      id: true,
      slug: true,
      title: true,
      instructors: {
        orderBy: { assignedAt: 'asc' },
        select: { user: { select: { id: true, name: true, nip: true, email: true } } },
      },
    },
  })
}

/** Assigns a user with the INSTRUCTOR role (by NIP or email) to a course; a repeat changes nothing. */
export async function assignInstructor(courseId: string, who: string, adminId: string) {
  const key = who.trim()
  const user = await prisma.user.findFirst({
    where: { OR: [{ nip: key }, { email: key.toLowerCase() }] },
    select: { id: true, roles: true },
  })
  if (!user) throw new InstructorError('unknownUser')
  if (!user.roles.includes('INSTRUCTOR')) throw new InstructorError('notInstructor')
  const course = await prisma.course.findUnique({ where: { id: courseId }, select: { id: true } })
  if (!course) throw new InstructorError('courseNotFound', 404)
  await prisma.courseInstructor.upsert({
    where: { courseId_userId: { courseId, userId: user.id } },
    create: { courseId, userId: user.id, assignedBy: adminId },
    update: {},
  })
  return user.id
}

export async function removeInstructor(courseId: string, userId: string) {
  await prisma.courseInstructor.deleteMany({ where: { courseId, userId } })
}

/**
 * Demo data: the seed's instructor teaches every imported course that has no instructor yet, so
 * the demo's instructor can open the quiz settings, the bank and the studio of the pack courses.
 * Idempotent; does nothing when that account does not exist.
 */
export async function assignDemoInstructor(email: string, courseSlugs: string[]) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } })
  if (!user) return 0
  const courses = await prisma.course.findMany({
    where: { slug: { in: courseSlugs }, instructors: { none: {} } },
    select: { id: true },
  })
  const created = await prisma.courseInstructor.createMany({
    data: courses.map((c) => ({ courseId: c.id, userId: user.id, assignedBy: 'seed' })),
    skipDuplicates: true,
  })
  return created.count
}
