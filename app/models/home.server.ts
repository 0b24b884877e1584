// What each role's home page shows, read in one pass.
import type { SessionUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { countedJp, jpForYear, jpTarget, jpYear } from './jp.server'
import { supervisedUsersWhere } from './org.server'

export async function unitPathNames(path: string | undefined) {
  if (!path) return []
  const ids = path.split('/').filter(Boolean)
  const units = await prisma.unit.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  })
  const byId = new Map(units.map((u) => [u.id, u.name]))
  return ids.map((id) => byId.get(id) ?? '')
}

export async function homeData(user: SessionUser) {
  const year = jpYear(new Date())
  const [unitPath, supervisor] = await Promise.all([
    unitPathNames(user.unit?.path),
    prisma.user.findUnique({
      where: { id: user.id },
      select: { supervisor: { select: { name: true } } },
    }),
  ])
  const me = {
    name: user.name,
    nip: user.nip,
    employeeKind: user.employeeKind,
    roles: user.roles,
    jabatan: user.jabatan,
    unitPath: unitPath.slice(1),
    supervisor: supervisor?.supervisor?.name ?? null,
  }
  const learner = user.roles.includes('ASN')
    ? await (async () => {
        const [jp, active, completed] = await Promise.all([
          jpForYear(user.id, year).then((jp) => countedJp(user.employeeKind, jp)),
          prisma.enrolment.count({ where: { userId: user.id, status: 'ACTIVE' } }),
          prisma.enrolment.count({ where: { userId: user.id, status: 'COMPLETED' } }),
        ])
        return {
          year,
          jp,
          target: jpTarget(user.employeeKind),
          activeCourses: active,
          completedCourses: completed,
        }
      })()
    : null
  const supervisorData = user.roles.includes('SUPERVISOR')
    ? {
        people: await prisma.user.count({
          where: { AND: [supervisedUsersWhere(user), { active: true }] },
        }),
      }
    : null
  const instructor = user.roles.includes('INSTRUCTOR')
    ? {
        published: await prisma.course.count({ where: { status: 'PUBLISHED' } }),
        drafts: await prisma.course.count({ where: { status: 'DRAFT' } }),
      }
    : null
  const admin = user.roles.includes('ADMIN')
    ? await Promise.all([
        prisma.user.count({ where: { active: true } }),
        prisma.unit.count(),
        prisma.unit.count({ where: { kind: 'OPD' } }),
      ]).then(([users, units, opd]) => ({ users, units, opd }))
    : null
  return { me, learner, supervisor: supervisorData, instructor, admin }
}
