// What each role's home page shows, read in one pass.
import type { SessionUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { assignmentOverdueCutoff, isAssignmentOverdue } from '~/domain/assignment'
import { belowJpMinimum } from '~/domain/jp'
import { countedJp, JP_MAX_PPPK, JP_TARGET_PNS, jpForYear, jpTarget, jpYear } from './jp.server'
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

/** "Continue learning": each active course with its next unfinished lesson (in course order). */
export async function continueLearning(userId: string, take = 6) {
  return prisma.$queryRaw<
    {
      enrolmentId: string
      courseSlug: string
      courseTitle: string
      total: number
      done: number
      nextSlug: string | null
      nextTitle: string | null
    }[]
  >`
    SELECT e.id AS "enrolmentId", c.slug AS "courseSlug", cv.title AS "courseTitle",
      (SELECT count(*)::int FROM "LessonVersion" lv WHERE lv."courseVersionId" = e."courseVersionId") AS total,
      (SELECT count(*)::int FROM "LessonVersion" lv
         JOIN "LessonProgress" p ON p."enrolmentId" = e.id AND p."lessonId" = lv."lessonId"
           AND p."completedAt" IS NOT NULL
       WHERE lv."courseVersionId" = e."courseVersionId") AS done,
      nx.slug AS "nextSlug", nx.title AS "nextTitle"
    FROM "Enrolment" e
    JOIN "Course" c ON c.id = e."courseId"
    JOIN "CourseVersion" cv ON cv.id = e."courseVersionId"
    LEFT JOIN LATERAL (
      SELECT lv.slug, lv.title FROM "LessonVersion" lv
      WHERE lv."courseVersionId" = e."courseVersionId"
        AND NOT EXISTS (
          SELECT 1 FROM "LessonProgress" p
          WHERE p."enrolmentId" = e.id AND p."lessonId" = lv."lessonId" AND p."completedAt" IS NOT NULL)
      ORDER BY lv."modulePosition", lv.position
      LIMIT 1
    ) nx ON true
    WHERE e."userId" = ${userId} AND e.status = 'ACTIVE'
    ORDER BY (SELECT max(p."updatedAt") FROM "LessonProgress" p WHERE p."enrolmentId" = e.id)
      DESC NULLS LAST, e."enrolledAt" DESC
    LIMIT ${take}`
}

/** The person's assigned courses, soonest due first, with whether each is finished. */
export async function assignedCourses(userId: string) {
  const rows = await prisma.$queryRaw<
    { id: string; dueAt: Date; courseSlug: string; courseTitle: string; completed: boolean }[]
  >`
    SELECT a.id, a."dueAt", c.slug AS "courseSlug", c.title AS "courseTitle",
      EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = a."userId"
                AND e."courseId" = a."courseId" AND e.status = 'COMPLETED') AS completed
    FROM "CourseAssignment" a JOIN "Course" c ON c.id = a."courseId"
    WHERE a."userId" = ${userId}
    ORDER BY a."dueAt" ASC
    LIMIT 20`
  return rows
}

/**
 * A supervisor's people who need attention: a PNS below 20 JP this year (a PPPK has a maximum,
 * not a minimum) or anyone with an assigned course overdue and unfinished (its due day in Jakarta
 * is over at `now`, the request's arrival). Scope as everywhere: the unit subtree plus direct
 * reports. `jp` is the JP that count (a PPPK's stop at 24).
 */
export async function peopleNeedingAttention(
  viewer: { id: string; unit: { path: string } | null },
  now: Date,
  take = 8,
) {
  const year = jpYear(now)
  const overdueBefore = assignmentOverdueCutoff(now)
  const path = viewer.unit?.path ?? null
  const rows = await prisma.$queryRaw<
    {
      id: string
      name: string
      nip: string
      employeeKind: 'PNS' | 'PPPK'
      jp: number
      overdue: number
      total: number
    }[]
  >`
    WITH scope AS (
      SELECT u.id, u.name, u.nip, u."employeeKind" FROM "User" u
      LEFT JOIN "Unit" un ON un.id = u."unitId"
      WHERE u.active AND u.id <> ${viewer.id}
        AND (u."supervisorId" = ${viewer.id}
             OR (${path}::text IS NOT NULL AND un.path LIKE ${path ? `${path}%` : ''}))
    ), figures AS (
      SELECT s.id, s.name, s.nip, s."employeeKind",
        COALESCE((SELECT sum(j.jp)::int FROM "JpCredit" j WHERE j."userId" = s.id AND j.year = ${year}), 0) AS recorded,
        (SELECT count(*)::int FROM "CourseAssignment" a
          WHERE a."userId" = s.id AND a."dueAt" < (${overdueBefore.toISOString()}::timestamptz AT TIME ZONE 'UTC')
            AND NOT EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = a."userId"
                              AND e."courseId" = a."courseId" AND e.status = 'COMPLETED')) AS overdue
      FROM scope s
    )
    -- The counted JP (countedJp) and "below" for a PNS only (belowJpMinimum), as in app/domain/jp.ts.
    , counted AS (
      SELECT id, name, nip, "employeeKind", overdue,
        CASE WHEN "employeeKind" = 'PPPK' THEN least(recorded, ${JP_MAX_PPPK}::int) ELSE recorded END AS jp
      FROM figures
    )
    SELECT id, name, nip, "employeeKind", jp, overdue, count(*) OVER ()::int AS total FROM counted
    WHERE ("employeeKind" = 'PNS' AND jp < ${JP_TARGET_PNS}::int) OR overdue > 0
    ORDER BY overdue DESC, jp ASC, name ASC
    LIMIT ${take}`
  return {
    target: JP_TARGET_PNS,
    total: rows[0]?.total ?? 0,
    people: rows.map(({ total: _total, ...r }) => ({
      ...r,
      below: belowJpMinimum(r.employeeKind, r.jp),
    })),
  }
}

export async function homeData(user: SessionUser, now = new Date()) {
  const year = jpYear(now)
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
        const [next, assigned] = await Promise.all([
          continueLearning(user.id),
          assignedCourses(user.id),
        ])
        return {
          next,
          assigned: assigned.map((a) => ({
            ...a,
            overdue: !a.completed && isAssignmentOverdue(a.dueAt, now),
          })),
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
        attention: await peopleNeedingAttention(user, now),
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
