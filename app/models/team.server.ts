// The supervisor's view of the people under their unit subtree and their direct reports.
import { prisma } from '~/utils/db.server'
import { countedJp, jpYear } from './jp.server'
import { ForbiddenError } from '~/utils/errors'
import { canSupervise, supervisedUsersWhere, type Viewer } from './scope.server'

export async function teamOverview(viewer: Viewer, opts: { page?: number; q?: string } = {}) {
  const year = jpYear(new Date())
  const pageSize = 50
  const page = Math.max(1, opts.page ?? 1)
  const q = opts.q?.trim()
  const where = {
    AND: [
      supervisedUsersWhere(viewer),
      { active: true },
      q
        ? {
            OR: [
              { name: { contains: q, mode: 'insensitive' as const } },
              { nip: { startsWith: q.replace(/\s+/g, '') } },
            ],
          }
        : {},
    ],
  }
  const [total, people] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: { name: 'asc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        name: true,
        nip: true,
        employeeKind: true,
        unit: { select: { name: true } },
        jabatan: { select: { name: true } },
      },
    }),
  ])
  const ids = people.map((p) => p.id)
  const [jp, completed] = await Promise.all([
    prisma.jpCredit.groupBy({
      by: ['userId'],
      where: { userId: { in: ids }, year },
      _sum: { jp: true },
    }),
    prisma.enrolment.groupBy({
      by: ['userId'],
      where: { userId: { in: ids }, status: 'COMPLETED' },
      _count: { _all: true },
    }),
  ])
  const jpBy = new Map(jp.map((r) => [r.userId, r._sum.jp ?? 0]))
  const doneBy = new Map(completed.map((r) => [r.userId, r._count._all]))
  return {
    year,
    total,
    page,
    pageSize,
    people: people.map((p) => ({
      ...p,
      jp: countedJp(p.employeeKind, jpBy.get(p.id) ?? 0),
      completedCourses: doneBy.get(p.id) ?? 0,
    })),
  }
}

/** One person's record for their supervisor; a ForbiddenError when they are outside the scope. */
export async function teamMember(viewer: Viewer, userId: string) {
  if (!(await canSupervise(viewer, userId))) {
    throw new ForbiddenError('team.outOfScope')
  }
  const year = jpYear(new Date())
  const person = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      nip: true,
      email: true,
      employeeKind: true,
      unit: { select: { name: true } },
      jabatan: { select: { name: true, kind: true } },
      enrolments: {
        orderBy: { enrolledAt: 'desc' },
        select: {
          id: true,
          status: true,
          completedAt: true,
          course: { select: { title: true, jp: true } },
        },
      },
      jpCredits: { where: { year }, select: { jp: true, title: true, createdAt: true } },
    },
  })
  return {
    year,
    person,
    jp: countedJp(
      person.employeeKind,
      person.jpCredits.reduce((s, c) => s + c.jp, 0),
    ),
  }
}
