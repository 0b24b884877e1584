// What the "program assigned" notification says (kind PROGRAM_ASSIGNED, subject = ProgramMember
// id): the course, its due date and the link. Kept apart from program.server.ts so that the
// notification model does not import the job definitions.
import { jakartaDate } from '~/domain/time'
import { prisma } from '~/utils/db.server'

export async function programAssignedNotice(memberId: string) {
  const member = await prisma.programMember.findUnique({
    where: { id: memberId },
    select: { item: { select: { courseId: true, dueAt: true, jp: true } } },
  })
  if (!member) return null
  const course = await prisma.course.findUnique({
    where: { id: member.item.courseId },
    select: { title: true, slug: true },
  })
  if (!course) return null
  return {
    params: {
      course: course.title,
      // The Jakarta day (00:00 WIB is 17:00 UTC of the day before).
      due: jakartaDate(member.item.dueAt),
      jp: member.item.jp,
    },
    link: `/courses/${course.slug}`,
  }
}
