// The supervisor dashboard: completion, JP and competency gaps of a unit subtree (plus the
// supervisor's direct reports elsewhere), read from aggregate tables that the dashboard refresh
// job rebuilds (see refreshDashboard and docs/decisions/080). A request never scans the base tables
// of the whole scope; the person drill-down reads one person's own rows.
import { Prisma } from '~/generated/prisma/client'
import type { EmployeeKind } from '~/generated/prisma/client'
import { forbidden } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { jakartaYear } from '~/domain/time'
import { canSupervise, scopeUnit, type ScopeUnit, type Viewer } from './scope.server'
import { PAGE_SIZE, PEOPLE_FILTERS, type PeopleFilter } from '~/domain/supervision'

export { PAGE_SIZE, PEOPLE_FILTERS, type PeopleFilter }

// ---------------------------------------------------------------------------------------------
// Refresh: rebuild every aggregate in one transaction (readers keep the old figures until commit).

export async function refreshDashboard(now = new Date()) {
  const started = performance.now()
  const year = jakartaYear(now)
  const users = await prisma.$transaction(
    async (tx) => {
      // One refresh at a time; a second one waits and then rebuilds from fresh data.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(80801)`
      await tx.$executeRaw`DELETE FROM "DashUserStat"`
      await tx.$executeRaw`DELETE FROM "DashUnitStat"`
      await tx.$executeRaw`DELETE FROM "DashUnitCourseStat"`
      await tx.$executeRaw`DELETE FROM "DashUnitCompetencyStat"`
      await tx.$executeRaw`DELETE FROM "DashTreeStat"`
      await tx.$executeRaw`DELETE FROM "DashTreeCourseStat"`
      await tx.$executeRaw`DELETE FROM "DashTreeCompetencyStat"`
      const n = await tx.$executeRaw`
        INSERT INTO "DashUserStat" ("userId", year, "unitId", "unitPath", name, nip, "employeeKind",
          "jabatanName", jp, enrolled, completed, assigned, overdue, assessed, "gapCount", "gapSum")
        WITH p AS (
          SELECT u.id, u.name, u.nip, u."employeeKind", u."unitId", un.path, u."jabatanId", j.name AS jname
          FROM "User" u JOIN "Unit" un ON un.id = u."unitId" LEFT JOIN "Jabatan" j ON j.id = u."jabatanId"
          WHERE u.active
        ), jp AS (
          SELECT "userId", sum(jp)::int AS jp FROM "JpCredit" WHERE year = ${year} GROUP BY 1
        ), en AS (
          SELECT "userId", count(*)::int AS enrolled,
                 count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed
          FROM "Enrolment" WHERE status <> 'WITHDRAWN' GROUP BY 1
        ), asg AS (
          SELECT a."userId", count(*)::int AS assigned,
                 count(*) FILTER (WHERE a."dueAt" < ${now} AND e.status IS DISTINCT FROM 'COMPLETED')::int AS overdue
          FROM "CourseAssignment" a
          LEFT JOIN "Enrolment" e ON e."userId" = a."userId" AND e."courseId" = a."courseId"
          GROUP BY 1
        ), gap AS (
          SELECT p.id AS "userId", count(r.level)::int AS assessed,
                 count(*) FILTER (WHERE coalesce(r.level, 0) < s."requiredLevel")::int AS "gapCount",
                 coalesce(sum(s."requiredLevel" - coalesce(r.level, 0))
                   FILTER (WHERE coalesce(r.level, 0) < s."requiredLevel"), 0)::int AS "gapSum"
          FROM p JOIN "JabatanStandard" s ON s."jabatanId" = p."jabatanId"
          LEFT JOIN "CompetencyRating" r ON r."userId" = p.id AND r."competencyId" = s."competencyId"
          GROUP BY p.id
        )
        SELECT p.id, ${year}, p."unitId", p.path, p.name, p.nip, p."employeeKind", p.jname,
               coalesce(jp.jp, 0), coalesce(en.enrolled, 0), coalesce(en.completed, 0),
               coalesce(asg.assigned, 0), coalesce(asg.overdue, 0),
               coalesce(gap.assessed, 0), coalesce(gap."gapCount", 0), coalesce(gap."gapSum", 0)
        FROM p LEFT JOIN jp ON jp."userId" = p.id LEFT JOIN en ON en."userId" = p.id
        LEFT JOIN asg ON asg."userId" = p.id LEFT JOIN gap ON gap."userId" = p.id`
      await tx.$executeRaw`
        INSERT INTO "DashUnitStat" ("unitId", year, headcount, pns, pppk, "jpSum", "pnsBelow",
          "pppkAtCap", enrolled, completed, assigned, overdue)
        SELECT "unitId", ${year}, count(*)::int,
               count(*) FILTER (WHERE "employeeKind" = 'PNS')::int,
               count(*) FILTER (WHERE "employeeKind" = 'PPPK')::int,
               sum(jp)::int,
               count(*) FILTER (WHERE "employeeKind" = 'PNS' AND jp < 20)::int,
               count(*) FILTER (WHERE "employeeKind" = 'PPPK' AND jp >= 24)::int,
               sum(enrolled)::int, sum(completed)::int, sum(assigned)::int, sum(overdue)::int
        FROM "DashUserStat" GROUP BY "unitId"`
      await tx.$executeRaw`
        INSERT INTO "DashUnitCourseStat" ("unitId", "courseId", enrolled, completed, assigned, overdue)
        SELECT d."unitId", x."courseId",
               count(*) FILTER (WHERE x.enrolled)::int, count(*) FILTER (WHERE x.completed)::int,
               count(*) FILTER (WHERE x.assigned)::int, count(*) FILTER (WHERE x.overdue)::int
        FROM (
          SELECT coalesce(e."userId", a."userId") AS uid, coalesce(e."courseId", a."courseId") AS "courseId",
                 (e.id IS NOT NULL AND e.status <> 'WITHDRAWN') AS enrolled,
                 coalesce(e.status = 'COMPLETED', false) AS completed,
                 (a.id IS NOT NULL) AS assigned,
                 coalesce(a."dueAt" < ${now} AND e.status IS DISTINCT FROM 'COMPLETED', false) AS overdue
          FROM "Enrolment" e
          FULL JOIN "CourseAssignment" a ON a."userId" = e."userId" AND a."courseId" = e."courseId"
        ) x JOIN "DashUserStat" d ON d."userId" = x.uid
        GROUP BY 1, 2`
      await tx.$executeRaw`
        INSERT INTO "DashUnitCompetencyStat" ("unitId", "competencyId", people, assessed, below, "gapSum")
        SELECT d."unitId", s."competencyId", count(*)::int, count(r.level)::int,
               count(*) FILTER (WHERE coalesce(r.level, 0) < s."requiredLevel")::int,
               coalesce(sum(s."requiredLevel" - coalesce(r.level, 0))
                 FILTER (WHERE coalesce(r.level, 0) < s."requiredLevel"), 0)::int
        FROM "DashUserStat" d JOIN "User" u ON u.id = d."userId"
        JOIN "JabatanStandard" s ON s."jabatanId" = u."jabatanId"
        LEFT JOIN "CompetencyRating" r ON r."userId" = u.id AND r."competencyId" = s."competencyId"
        GROUP BY 1, 2`
      // Subtree sums: every unit with everything below it (a few hundred units).
      await tx.$executeRaw`
        INSERT INTO "DashTreeStat" ("unitId", headcount, pns, pppk, "jpSum", "pnsBelow", "pppkAtCap",
          enrolled, completed, assigned, overdue, "jpBelow", "withOverdue", "withGap")
        SELECT c.id, coalesce(sum(s.headcount), 0), coalesce(sum(s.pns), 0), coalesce(sum(s.pppk), 0),
               coalesce(sum(s."jpSum"), 0), coalesce(sum(s."pnsBelow"), 0), coalesce(sum(s."pppkAtCap"), 0),
               coalesce(sum(s.enrolled), 0), coalesce(sum(s.completed), 0), coalesce(sum(s.assigned), 0),
               coalesce(sum(s.overdue), 0),
               (SELECT count(*) FROM "DashUserStat" d WHERE d."unitPath" LIKE c.path || '%' AND d.jp < 20),
               (SELECT count(*) FROM "DashUserStat" d WHERE d."unitPath" LIKE c.path || '%' AND d.overdue > 0),
               (SELECT count(*) FROM "DashUserStat" d WHERE d."unitPath" LIKE c.path || '%' AND d."gapCount" > 0)
        FROM "Unit" c JOIN "Unit" u ON u.path LIKE c.path || '%'
        LEFT JOIN "DashUnitStat" s ON s."unitId" = u.id
        GROUP BY c.id`
      await tx.$executeRaw`
        INSERT INTO "DashTreeCourseStat" ("unitId", "courseId", enrolled, completed, assigned, overdue)
        SELECT c.id, s."courseId", sum(s.enrolled), sum(s.completed), sum(s.assigned), sum(s.overdue)
        FROM "Unit" c JOIN "Unit" u ON u.path LIKE c.path || '%'
        JOIN "DashUnitCourseStat" s ON s."unitId" = u.id GROUP BY 1, 2`
      await tx.$executeRaw`
        INSERT INTO "DashTreeCompetencyStat" ("unitId", "competencyId", people, assessed, below, "gapSum")
        SELECT c.id, s."competencyId", sum(s.people), sum(s.assessed), sum(s.below), sum(s."gapSum")
        FROM "Unit" c JOIN "Unit" u ON u.path LIKE c.path || '%'
        JOIN "DashUnitCompetencyStat" s ON s."unitId" = u.id GROUP BY 1, 2`
      return n
    },
    { timeout: 120_000, maxWait: 10_000 },
  )
  // Fresh statistics for the planner: the tables were just rewritten wholesale.
  await prisma.$executeRaw`ANALYZE "DashUserStat", "DashUnitStat", "DashUnitCourseStat", "DashUnitCompetencyStat", "DashTreeStat", "DashTreeCourseStat", "DashTreeCompetencyStat"`
  const ms = Math.round(performance.now() - started)
  await prisma.dashRefresh.upsert({
    where: { id: 1 },
    create: { id: 1, year, refreshedAt: now, ms, users },
    update: { year, refreshedAt: now, ms, users },
  })
  return { year, users, ms }
}

function requireSupervisor(viewer: Viewer) {
  if (!viewer.roles.includes('SUPERVISOR') && !viewer.roles.includes('ADMIN')) throw forbidden()
}

// ---------------------------------------------------------------------------------------------
// Dashboard reads

export interface UnitFigures {
  headcount: number
  pns: number
  pppk: number
  jpSum: number
  pnsBelow: number
  pppkAtCap: number
  enrolled: number
  completed: number
  assigned: number
  overdue: number
}

export interface TreeFigures extends UnitFigures {
  jpBelow: number
  withOverdue: number
  withGap: number
}

function filterCount(t: TreeFigures, filter: PeopleFilter) {
  return { all: t.headcount, below: t.jpBelow, overdue: t.withOverdue, gap: t.withGap }[filter]
}

function peopleFilterSql(filter: PeopleFilter) {
  switch (filter) {
    case 'below':
      return Prisma.sql`AND jp < 20`
    case 'overdue':
      return Prisma.sql`AND overdue > 0`
    case 'gap':
      return Prisma.sql`AND "gapCount" > 0`
    default:
      return Prisma.empty
  }
}

export interface PersonRow {
  userId: string
  name: string
  nip: string
  employeeKind: EmployeeKind
  jabatanName: string | null
  unitId: string
  jp: number
  enrolled: number
  completed: number
  assigned: number
  overdue: number
  assessed: number
  gapCount: number
  gapSum: number
}

const personColumns = Prisma.sql`"userId", name, nip, "employeeKind", "jabatanName", "unitId", jp,
  enrolled, completed, assigned, overdue, assessed, "gapCount", "gapSum"`

interface DashboardJson {
  trail: { id: string; name: string; depth: number }[]
  refresh: { id: number; year: number; refreshedAt: string; ms: number; users: number } | null
  totals: TreeFigures | null
  children: (UnitFigures & { id: string; name: string; code: string; closed: boolean })[]
  own: UnitFigures | null
  courses: {
    courseId: string
    title: string
    enrolled: number
    completed: number
    assigned: number
    overdue: number
  }[]
  competencies: { id: string; code: string; name: string }[]
  cells: { unitId: string; competencyId: string; people: number; below: number; gapSum: number }[]
  people: PersonRow[]
  self: boolean
  direct: PersonRow[]
}

const zeroUnit: UnitFigures = {
  headcount: 0,
  pns: 0,
  pppk: 0,
  jpSum: 0,
  pnsBelow: 0,
  pppkAtCap: 0,
  enrolled: 0,
  completed: 0,
  assigned: 0,
  overdue: 0,
}

/**
 * One dashboard view. After the scope check (one primary-key read) the whole view is ONE SQL
 * statement returning JSON: every figure comes from the aggregate tables by primary key, plus one
 * page of DashUserStat (bench/dashboard.md: the former nine parallel queries and four sequential
 * round trips cost more in planning, pool waits and node CPU than in execution).
 */
export async function dashboard(
  viewer: Viewer,
  opts: { unitId?: string | null; page?: number; filter?: PeopleFilter } = {},
) {
  requireSupervisor(viewer)
  const unit = await scopeUnit(viewer, opts.unitId)
  const filter = opts.filter ?? 'all'
  const page = Math.max(1, opts.page ?? 1)
  const admin = viewer.roles.includes('ADMIN')
  const withDirect = !admin && !opts.unitId
  const prefix = unit ? `${unit.path}%` : null
  const directSql = withDirect
    ? Prisma.sql`(SELECT coalesce(json_agg(x ORDER BY x.name), '[]') FROM (
        SELECT ${personColumns} FROM "DashUserStat" d
        WHERE d."userId" IN (SELECT id FROM "User" WHERE "supervisorId" = ${viewer.id})
          ${prefix ? Prisma.sql`AND "unitPath" NOT LIKE ${prefix}` : Prisma.empty}) x)`
    : Prisma.sql`'[]'::json`
  const unitSql = unit
    ? Prisma.sql`
      'trail', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'depth', t.depth) ORDER BY t.depth), '[]')
                FROM "Unit" t WHERE t.id = ANY(${unit.path.split('/').filter(Boolean)}::text[])
                ${admin || !viewer.unit ? Prisma.empty : Prisma.sql`AND t.path LIKE ${`${viewer.unit.path}%`}`}),
      'totals', (SELECT row_to_json(s) FROM "DashTreeStat" s WHERE s."unitId" = ${unit.id}),
      'children', (SELECT coalesce(json_agg(x ORDER BY x.code), '[]') FROM (
          SELECT c.id, c.name, c.code, c."closedAt" IS NOT NULL AS closed,
                 coalesce(s.headcount, 0) AS headcount, coalesce(s.pns, 0) AS pns, coalesce(s.pppk, 0) AS pppk,
                 coalesce(s."jpSum", 0) AS "jpSum", coalesce(s."pnsBelow", 0) AS "pnsBelow",
                 coalesce(s."pppkAtCap", 0) AS "pppkAtCap", coalesce(s.enrolled, 0) AS enrolled,
                 coalesce(s.completed, 0) AS completed, coalesce(s.assigned, 0) AS assigned,
                 coalesce(s.overdue, 0) AS overdue
          FROM "Unit" c LEFT JOIN "DashTreeStat" s ON s."unitId" = c.id
          WHERE c."parentId" = ${unit.id}) x),
      'own', (SELECT row_to_json(s) FROM "DashUnitStat" s WHERE s."unitId" = ${unit.id}),
      'courses', (SELECT coalesce(json_agg(x ORDER BY x.title), '[]') FROM (
          SELECT c.id AS "courseId", c.title, s.enrolled, s.completed, s.assigned, s.overdue
          FROM "DashTreeCourseStat" s JOIN "Course" c ON c.id = s."courseId"
          WHERE s."unitId" = ${unit.id}) x),
      'competencies', (SELECT coalesce(json_agg(x ORDER BY x.code), '[]') FROM (
          SELECT c.id, c.code, c.name FROM "DashTreeCompetencyStat" s
          JOIN "Competency" c ON c.id = s."competencyId" WHERE s."unitId" = ${unit.id}) x),
      'cells', (SELECT coalesce(json_agg(x), '[]') FROM (
          SELECT s."unitId", s."competencyId", s.people, s.below, s."gapSum"
          FROM "DashTreeCompetencyStat" s JOIN "Unit" c ON c.id = s."unitId"
          WHERE c."parentId" = ${unit.id}
          UNION ALL
          SELECT s."unitId", s."competencyId", s.people, s.below, s."gapSum"
          FROM "DashUnitCompetencyStat" s WHERE s."unitId" = ${unit.id}) x),
      'people', (SELECT coalesce(json_agg(x ORDER BY x.name, x."userId"), '[]') FROM (
          SELECT ${personColumns} FROM "DashUserStat"
          WHERE "unitPath" LIKE ${prefix} AND "userId" <> ${viewer.id} ${peopleFilterSql(filter)}
          ORDER BY name, "userId" LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}) x),
      'self', EXISTS (SELECT 1 FROM "DashUserStat" WHERE "userId" = ${viewer.id}
                      AND "unitPath" LIKE ${prefix} ${peopleFilterSql(filter)}),`
    : Prisma.sql`
      'trail', '[]'::json, 'totals', NULL, 'children', '[]'::json, 'own', NULL, 'courses', '[]'::json,
      'competencies', '[]'::json, 'cells', '[]'::json, 'people', '[]'::json, 'self', false,`
  const [{ d }] = await prisma.$queryRaw<{ d: DashboardJson }[]>`
    SELECT json_build_object(
      ${unitSql}
      'refresh', (SELECT row_to_json(r) FROM "DashRefresh" r WHERE r.id = 1),
      'direct', ${directSql}) AS d`
  const refresh = d.refresh ? { ...d.refresh, refreshedAt: new Date(d.refresh.refreshedAt) } : null
  const direct = d.direct
  if (!unit) {
    return {
      unit: null,
      trail: [],
      refresh,
      totals: null,
      children: [],
      courses: [],
      heatmap: { competencies: [], rows: [] },
      people: { rows: direct, total: direct.length, page: 1 },
      direct,
      filter,
    }
  }
  const sums: TreeFigures = d.totals ?? { ...zeroUnit, jpBelow: 0, withOverdue: 0, withGap: 0 }
  const ownFigures = d.own ?? zeroUnit
  const { children, competencies } = d
  const rows = [
    ...children.map((c) => ({ id: c.id, name: c.name, own: false })),
    ...(ownFigures.headcount > 0 ? [{ id: unit.id, name: unit.name, own: true }] : []),
  ]
  const cellBy = new Map(d.cells.map((c) => [`${c.unitId}|${c.competencyId}`, c]))
  // The viewer's own row is in the unit's figures but not in the people list.
  const selfIn0 = d.self ? 1 : 0
  return {
    unit,
    trail: d.trail,
    refresh,
    totals: sums,
    own: ownFigures,
    children,
    courses: d.courses,
    heatmap: {
      competencies,
      rows: rows.map((r) => ({
        ...r,
        cells: competencies.map((c) => {
          const cell = cellBy.get(`${r.id}|${c.id}`)
          return cell
            ? { people: cell.people, below: cell.below, gapSum: cell.gapSum }
            : { people: 0, below: 0, gapSum: 0 }
        }),
      })),
    },
    people: {
      rows: d.people,
      total: Math.max(0, filterCount(sums, filter) - selfIn0),
      page,
    },
    direct,
    filter,
  }
}

/** The viewer's direct reports whose unit is outside the viewer's subtree (few; read live). */
async function directReportsElsewhere(viewer: Viewer, unit: ScopeUnit | null) {
  if (viewer.roles.includes('ADMIN')) return []
  const outside = unit ? Prisma.sql`AND "unitPath" NOT LIKE ${`${unit.path}%`}` : Prisma.empty
  return prisma.$queryRaw<PersonRow[]>`
    SELECT ${personColumns} FROM "DashUserStat" d
    WHERE d."userId" IN (SELECT id FROM "User" WHERE "supervisorId" = ${viewer.id}) ${outside}
    ORDER BY name`
}

// ---------------------------------------------------------------------------------------------
// Streams for exports: every row of a view, read in keyset batches.

export async function* peopleBatches(
  viewer: Viewer,
  unitId: string | null | undefined,
  filter: PeopleFilter,
  batch = 2_000,
): AsyncGenerator<PersonRow[]> {
  requireSupervisor(viewer)
  const unit = await scopeUnit(viewer, unitId)
  if (!unit) {
    yield await directReportsElsewhere(viewer, null)
    return
  }
  const prefix = `${unit.path}%`
  let after: { name: string; userId: string } | null = null
  for (;;) {
    const keyset: Prisma.Sql = after
      ? Prisma.sql`AND (name, "userId") > (${after.name}, ${after.userId})`
      : Prisma.empty
    const rows: PersonRow[] = await prisma.$queryRaw<PersonRow[]>`
      SELECT ${personColumns} FROM "DashUserStat"
      WHERE "unitPath" LIKE ${prefix} AND "userId" <> ${viewer.id} ${peopleFilterSql(filter)} ${keyset}
      ORDER BY name, "userId" LIMIT ${batch}`
    if (rows.length === 0) break
    yield rows
    if (rows.length < batch) break
    const last = rows[rows.length - 1]!
    after = { name: last.name, userId: last.userId }
  }
  if (!unitId) {
    const direct = await directReportsElsewhere(viewer, unit)
    if (direct.length) yield direct
  }
}

// ---------------------------------------------------------------------------------------------
// Person drill-down (live: one person's own rows)

export interface PersonDetail {
  person: {
    id: string
    name: string
    nip: string
    email: string
    employeeKind: EmployeeKind
    unit: { id: string; name: string } | null
    jabatan: { name: string } | null
    enrolments: {
      id: string
      status: 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN'
      enrolledAt: string
      completedAt: string | null
      course: { id: string; title: string; jp: number }
    }[]
  }
  attempts: {
    id: string
    number: number
    status: string
    percent: number | null
    passed: boolean | null
    submittedAt: string | null
    quiz: { lesson: { title: string } }
  }[]
  assignments: { id: string; courseId: string; dueAt: string }[]
  jp: number
}

/** A UTC timestamp column as the ISO string JSON.stringify(Date) gives ("...Z"; null stays null). */
const iso = (col: Prisma.Sql) => Prisma.sql`to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** One person's own rows, after the scope check: one SQL statement returning JSON. */
export async function personDetail(viewer: Viewer, userId: string) {
  if (!(await canSupervise(viewer, userId)))
    throw forbidden('Pegawai ini berada di luar unit Anda dan bukan bawahan langsung Anda.')
  const year = jakartaYear(new Date())
  const [{ d }] = await prisma.$queryRaw<{ d: PersonDetail }[]>`
    SELECT json_build_object(
      'person', json_build_object(
        'id', u.id, 'name', u.name, 'nip', u.nip, 'email', u.email, 'employeeKind', u."employeeKind",
        'unit', (SELECT json_build_object('id', un.id, 'name', un.name) FROM "Unit" un WHERE un.id = u."unitId"),
        'jabatan', (SELECT json_build_object('name', j.name) FROM "Jabatan" j WHERE j.id = u."jabatanId"),
        'enrolments', (SELECT coalesce(json_agg(json_build_object(
              'id', e.id, 'status', e.status, 'enrolledAt', ${iso(Prisma.raw('e."enrolledAt"'))}, 'completedAt', ${iso(Prisma.raw('e."completedAt"'))},
              'course', json_build_object('id', c.id, 'title', c.title, 'jp', c.jp))
            ORDER BY e."enrolledAt" DESC), '[]')
          FROM "Enrolment" e JOIN "Course" c ON c.id = e."courseId" WHERE e."userId" = u.id)),
      'attempts', (SELECT coalesce(json_agg(x ORDER BY x."startedAt" DESC), '[]') FROM (
          SELECT a.id, a.number, a.status, a.percent, a.passed,
                 ${iso(Prisma.raw('a."submittedAt"'))} AS "submittedAt", a."startedAt",
                 json_build_object('lesson', json_build_object('title', l.title)) AS quiz
          FROM "QuizAttempt" a JOIN "Quiz" q ON q.id = a."quizId" JOIN "Lesson" l ON l.id = q."lessonId"
          WHERE a."userId" = u.id AND a.status <> 'IN_PROGRESS'
          ORDER BY a."startedAt" DESC LIMIT 50) x),
      'assignments', (SELECT coalesce(json_agg(json_build_object(
            'id', a.id, 'courseId', a."courseId", 'dueAt', ${iso(Prisma.raw('a."dueAt"'))}) ORDER BY a."dueAt"), '[]')
          FROM "CourseAssignment" a WHERE a."userId" = u.id),
      'jp', (SELECT coalesce(sum(jp), 0)::int FROM "JpCredit" WHERE "userId" = u.id AND year = ${year})
    ) AS d
    FROM "User" u WHERE u.id = ${userId}`
  return { ...d, year }
}

/** Records (or moves) the due date of a course assigned to a person in the viewer's scope. */
export async function assignCourse(
  viewer: Viewer,
  input: { userId: string; courseId: string; dueAt: Date },
) {
  if (!(await canSupervise(viewer, input.userId)))
    throw forbidden('Pegawai ini berada di luar unit Anda dan bukan bawahan langsung Anda.')
  return prisma.courseAssignment.upsert({
    where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
    create: { ...input, assignedById: viewer.id },
    update: { dueAt: input.dueAt, assignedById: viewer.id },
  })
}
