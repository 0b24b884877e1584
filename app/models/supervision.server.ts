// The supervisor dashboard: completion, JP and competency gaps of a unit subtree (plus the
// supervisor's direct reports elsewhere), read from aggregate tables that the dashboard refresh
// job rebuilds (see refreshDashboard and docs/decisions/080). A request never scans the base tables
// of the whole scope; the person drill-down reads one person's own rows.
import { Prisma } from '~/generated/prisma/client'
import type { EmployeeKind } from '~/generated/prisma/client'
import { ForbiddenError } from '~/utils/errors'
import { prisma, sql } from '~/utils/db.server'
import { jakartaYear } from '~/domain/time'
import { assignmentOverdueCutoff } from '~/domain/assignment'
import { countedJp, JP_MAX_PPPK, JP_TARGET_PNS } from '~/domain/jp'
import { audit } from './audit.server'
import { canSupervise, scopeUnit, type ScopeUnit, type Viewer } from './scope.server'
import { PAGE_SIZE, PEOPLE_FILTERS, type PeopleFilter } from '~/domain/supervision'

export { PAGE_SIZE, PEOPLE_FILTERS, type PeopleFilter }

// ---------------------------------------------------------------------------------------------
// Refresh: rebuild every aggregate in one transaction (readers keep the old figures until commit).

export async function refreshDashboard(now = new Date()) {
  const started = performance.now()
  const year = jakartaYear(now)
  let users: number | null = null
  // One refresh at a time. The rebuild reads one REPEATABLE READ snapshot, which starts with the
  // transaction's first statement: a refresh that waited for the lock would see neither the rows
  // the previous one wrote nor be allowed to delete them. So it tries the lock, and when another
  // refresh holds it, rolls back and tries again a second later with a fresh snapshot.
  for (let attempt = 0; users === null; attempt++) {
    if (attempt > 0) {
      if (attempt > 300) throw new Error('dashboard refresh: the lock stayed taken for 5 minutes')
      await new Promise((r) => setTimeout(r, 1_000))
    }
    users = await rebuild(now, year)
  }
  // Fresh statistics for the planner (the tables were just rewritten wholesale), and a visibility
  // map, so a deep page of DashScopeMember is an index-only scan.
  await prisma.$executeRaw`VACUUM (ANALYZE) "DashScopeMember"`
  await prisma.$executeRaw`ANALYZE "DashUserStat", "DashUnitStat", "DashUnitCourseStat", "DashUnitCompetencyStat", "DashTreeStat", "DashTreeCourseStat", "DashTreeCompetencyStat", "DashUnitJabatanCompetencyStat", "DashTreeJabatanCompetencyStat", "DashTreeJpStat", "DashScopeView"`
  const ms = Math.round(performance.now() - started)
  await prisma.dashRefresh.upsert({
    where: { id: 1 },
    create: { id: 1, year, refreshedAt: now, ms, users },
    update: { year, refreshedAt: now, ms, users },
  })
  return { year, users, ms }
}

/** The rebuild in one transaction (readers keep the old figures until commit); null: locked. */
function rebuild(now: Date, year: number) {
  // Overdue at `now`: unfinished and due before today in Jakarta (the due day is over).
  const overdueBefore = assignmentOverdueCutoff(now)
  return prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<
        { ok: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(80801) AS ok`
      if (!lock?.ok) return null
      await tx.$executeRaw`DELETE FROM "DashUserStat"`
      await tx.$executeRaw`DELETE FROM "DashUnitStat"`
      await tx.$executeRaw`DELETE FROM "DashUnitCourseStat"`
      await tx.$executeRaw`DELETE FROM "DashUnitCompetencyStat"`
      await tx.$executeRaw`DELETE FROM "DashTreeStat"`
      await tx.$executeRaw`DELETE FROM "DashTreeCourseStat"`
      await tx.$executeRaw`DELETE FROM "DashTreeCompetencyStat"`
      await tx.$executeRaw`DELETE FROM "DashUnitJabatanCompetencyStat"`
      await tx.$executeRaw`DELETE FROM "DashTreeJabatanCompetencyStat"`
      await tx.$executeRaw`DELETE FROM "DashTreeJpStat"`
      await tx.$executeRaw`DELETE FROM "DashScopeMember"`
      await tx.$executeRaw`DELETE FROM "DashScopeView"`
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
                 count(*) FILTER (WHERE a."dueAt" < ${overdueBefore} AND e.status IS DISTINCT FROM 'COMPLETED')::int AS overdue
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
               -- The JP that count (app/domain/jp.ts countedJp): a PPPK's stop at the cap.
               CASE WHEN p."employeeKind" = 'PPPK' THEN least(coalesce(jp.jp, 0), ${JP_MAX_PPPK}::int)
                    ELSE coalesce(jp.jp, 0) END, coalesce(en.enrolled, 0), coalesce(en.completed, 0),
               coalesce(asg.assigned, 0), coalesce(asg.overdue, 0),
               coalesce(gap.assessed, 0), coalesce(gap."gapCount", 0), coalesce(gap."gapSum", 0)
        FROM p LEFT JOIN jp ON jp."userId" = p.id LEFT JOIN en ON en."userId" = p.id
        LEFT JOIN asg ON asg."userId" = p.id LEFT JOIN gap ON gap."userId" = p.id`
      // Each person under every unit of their path, in name order with the list filters: a page
      // of any scope is one index range read (the people list and the exports).
      await tx.$executeRaw`
        INSERT INTO "DashScopeMember" ("scopeId", name, "userId", below, overdue, gap)
        SELECT a.id, d.name, d."userId", ${belowSql}, d.overdue > 0, d."gapCount" > 0
        FROM "DashUserStat" d
        CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from d."unitPath"), '/')) AS a(id)`
      await tx.$executeRaw`
        INSERT INTO "DashUnitStat" ("unitId", year, headcount, pns, pppk, "jpSum", "pnsBelow",
          "pppkAtCap", enrolled, completed, assigned, overdue)
        SELECT "unitId", ${year}, count(*)::int,
               count(*) FILTER (WHERE "employeeKind" = 'PNS')::int,
               count(*) FILTER (WHERE "employeeKind" = 'PPPK')::int,
               sum(jp)::int,
               count(*) FILTER (WHERE "employeeKind" = 'PNS' AND jp < ${JP_TARGET_PNS}::int)::int,
               count(*) FILTER (WHERE "employeeKind" = 'PPPK' AND jp >= ${JP_MAX_PPPK}::int)::int,
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
                 coalesce(a."dueAt" < ${overdueBefore} AND e.status IS DISTINCT FROM 'COMPLETED', false) AS overdue
          FROM "Enrolment" e
          FULL JOIN "CourseAssignment" a ON a."userId" = e."userId" AND a."courseId" = e."courseId"
        ) x JOIN "DashUserStat" d ON d."userId" = x.uid
        GROUP BY 1, 2`
      // Per unit, jabatan and competency of its standard (the training needs, AKPK); the unit x
      // competency heatmap rows are their sums over jabatan (one pass over people x standards).
      await tx.$executeRaw`
        INSERT INTO "DashUnitJabatanCompetencyStat" ("unitId", "jabatanId", "competencyId", people,
          assessed, below, "gapSum")
        SELECT d."unitId", u."jabatanId", s."competencyId", count(*)::int, count(r.level)::int,
               count(*) FILTER (WHERE coalesce(r.level, 0) < s."requiredLevel")::int,
               coalesce(sum(s."requiredLevel" - coalesce(r.level, 0))
                 FILTER (WHERE coalesce(r.level, 0) < s."requiredLevel"), 0)::int
        FROM "DashUserStat" d JOIN "User" u ON u.id = d."userId"
        JOIN "JabatanStandard" s ON s."jabatanId" = u."jabatanId"
        LEFT JOIN "CompetencyRating" r ON r."userId" = u.id AND r."competencyId" = s."competencyId"
        GROUP BY 1, 2, 3`
      await tx.$executeRaw`
        INSERT INTO "DashUnitCompetencyStat" ("unitId", "competencyId", people, assessed, below, "gapSum")
        SELECT "unitId", "competencyId", sum(people)::int, sum(assessed)::int, sum(below)::int,
               sum("gapSum")::int
        FROM "DashUnitJabatanCompetencyStat" GROUP BY 1, 2`
      // Subtree sums: every unit with everything below it (a few hundred units).
      await tx.$executeRaw`
        INSERT INTO "DashTreeStat" ("unitId", headcount, pns, pppk, "jpSum", "pnsBelow", "pppkAtCap",
          enrolled, completed, assigned, overdue, "jpBelow", "withOverdue", "withGap")
        SELECT c.id, coalesce(sum(s.headcount), 0), coalesce(sum(s.pns), 0), coalesce(sum(s.pppk), 0),
               coalesce(sum(s."jpSum"), 0), coalesce(sum(s."pnsBelow"), 0), coalesce(sum(s."pppkAtCap"), 0),
               coalesce(sum(s.enrolled), 0), coalesce(sum(s.completed), 0), coalesce(sum(s.assigned), 0),
               coalesce(sum(s.overdue), 0),
               (SELECT count(*) FROM "DashScopeMember" m WHERE m."scopeId" = c.id AND m.below),
               (SELECT count(*) FROM "DashScopeMember" m WHERE m."scopeId" = c.id AND m.overdue),
               (SELECT count(*) FROM "DashScopeMember" m WHERE m."scopeId" = c.id AND m.gap)
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
      await tx.$executeRaw`
        INSERT INTO "DashTreeJabatanCompetencyStat" ("unitId", "jabatanId", "competencyId", people, below, "gapSum")
        SELECT c.id, s."jabatanId", s."competencyId", sum(s.people), sum(s.below), sum(s."gapSum")
        FROM "Unit" c JOIN "Unit" u ON u.path LIKE c.path || '%'
        JOIN "DashUnitJabatanCompetencyStat" s ON s."unitId" = u.id GROUP BY 1, 2, 3`
      // JP of the PNS per year with credits (the needs analysis may be for any year).
      await tx.$executeRaw`
        INSERT INTO "DashTreeJpStat" ("unitId", year, "pnsMet", "pnsCredited")
        WITH y AS (
          SELECT c."userId", c.year, sum(c.jp)::int AS jp
          FROM "JpCredit" c JOIN "DashUserStat" d ON d."userId" = c."userId" AND d."employeeKind" = 'PNS'
          GROUP BY 1, 2
        ), per AS (
          SELECT d."unitId", y.year, count(*) FILTER (WHERE y.jp >= 20)::int AS met,
                 sum(least(20, y.jp))::int AS credited
          FROM y JOIN "DashUserStat" d ON d."userId" = y."userId" GROUP BY 1, 2
        )
        SELECT c.id, p.year, sum(p.met), sum(p.credited)
        FROM "Unit" c JOIN "Unit" u ON u.path LIKE c.path || '%'
        JOIN per p ON p."unitId" = u.id GROUP BY 1, 2`
      // The scope-wide part of every unit's view, as the page needs it (passed through as text).
      await tx.$executeRaw`
        INSERT INTO "DashScopeView" ("unitId", body)
        SELECT c.id, json_build_object(
          'totals', (SELECT row_to_json(s) FROM "DashTreeStat" s WHERE s."unitId" = c.id),
          'own', (SELECT row_to_json(s) FROM "DashUnitStat" s WHERE s."unitId" = c.id),
          'children', (SELECT coalesce(json_agg(x ORDER BY x.code), '[]') FROM (
              SELECT ch.id, ch.name, ch.code, ch."closedAt" IS NOT NULL AS closed,
                     coalesce(s.headcount, 0) AS headcount, coalesce(s.pns, 0) AS pns,
                     coalesce(s.pppk, 0) AS pppk, coalesce(s."jpSum", 0) AS "jpSum",
                     coalesce(s."pnsBelow", 0) AS "pnsBelow", coalesce(s."pppkAtCap", 0) AS "pppkAtCap",
                     coalesce(s.enrolled, 0) AS enrolled, coalesce(s.completed, 0) AS completed,
                     coalesce(s.assigned, 0) AS assigned, coalesce(s.overdue, 0) AS overdue
              FROM "Unit" ch LEFT JOIN "DashTreeStat" s ON s."unitId" = ch.id
              WHERE ch."parentId" = c.id) x),
          'courses', (SELECT coalesce(json_agg(x ORDER BY x.title, x."courseId"), '[]') FROM (
              SELECT co.id AS "courseId", co.title, s.enrolled, s.completed, s.assigned, s.overdue
              FROM "DashTreeCourseStat" s JOIN "Course" co ON co.id = s."courseId"
              WHERE s."unitId" = c.id) x),
          'competencies', (SELECT coalesce(json_agg(json_build_object('id', k.id, 'code', k.code, 'name', k.name)
                ORDER BY k.code), '[]')
              FROM "DashTreeCompetencyStat" s JOIN "Competency" k ON k.id = s."competencyId"
              WHERE s."unitId" = c.id),
          -- Heatmap rows: the child units (their subtrees), then the people placed directly in
          -- the unit; one [people, below, gapSum] per competency of the scope, in code order.
          'rows', (SELECT coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'own', r.own,
                'cells', (SELECT coalesce(json_agg(json_build_array(coalesce(x.people, 0),
                              coalesce(x.below, 0), coalesce(x."gapSum", 0)) ORDER BY k.code), '[]')
                          FROM "DashTreeCompetencyStat" sc JOIN "Competency" k ON k.id = sc."competencyId"
                          LEFT JOIN LATERAL (
                            SELECT t.people, t.below, t."gapSum" FROM "DashTreeCompetencyStat" t
                            WHERE NOT r.own AND t."unitId" = r.id AND t."competencyId" = sc."competencyId"
                            UNION ALL
                            SELECT t.people, t.below, t."gapSum" FROM "DashUnitCompetencyStat" t
                            WHERE r.own AND t."unitId" = r.id AND t."competencyId" = sc."competencyId"
                          ) x ON true
                          WHERE sc."unitId" = c.id))
                ORDER BY r.own, r.code), '[]')
              FROM (
                SELECT ch.id, ch.name, ch.code, false AS own FROM "Unit" ch WHERE ch."parentId" = c.id
                UNION ALL
                SELECT c.id, c.name, c.code, true FROM "DashUnitStat" o
                WHERE o."unitId" = c.id AND o.headcount > 0
              ) r)
        )::text
        FROM "Unit" c`
      return n
    },
    // One snapshot for every table (a person changing unit or jabatan mid-refresh is counted
    // once, in one place).
    {
      // 17-85 s at 70,000 ASN on the shared 2-core machine (bench/dashboard.md).
      timeout: 300_000,
      maxWait: 10_000,
      isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
    },
  )
}

function requireSupervisor(viewer: Viewer) {
  if (!viewer.roles.includes('SUPERVISOR') && !viewer.roles.includes('ADMIN'))
    throw new ForbiddenError('forbidden')
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

/**
 * "Below the minimum" on DashUserStat (alias d, whose jp is already the counted JP): a PNS under
 * 20 JP; never a PPPK (app/domain/jp.ts belowJpMinimum).
 */
const belowSql = Prisma.sql`(d."employeeKind" = 'PNS' AND d.jp < ${JP_TARGET_PNS}::int)`

function filterCount(t: TreeFigures, filter: PeopleFilter) {
  return { all: t.headcount, below: t.jpBelow, overdue: t.withOverdue, gap: t.withGap }[filter]
}

/** A list filter on DashUserStat (alias d). */
function peopleFilterSql(filter: PeopleFilter) {
  switch (filter) {
    case 'below':
      return Prisma.sql`AND ${belowSql}`
    case 'overdue':
      return Prisma.sql`AND d.overdue > 0`
    case 'gap':
      return Prisma.sql`AND d."gapCount" > 0`
    default:
      return Prisma.empty
  }
}

/** The same filter on DashScopeMember (alias m), where it is a flag of the index row. */
function memberFilterSql(filter: PeopleFilter) {
  switch (filter) {
    case 'below':
      return Prisma.sql`AND m.below`
    case 'overdue':
      return Prisma.sql`AND m.overdue`
    case 'gap':
      return Prisma.sql`AND m.gap`
    default:
      return Prisma.empty
  }
}

/** Everything the exports show of a person. */
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

const personColumns = Prisma.sql`d."userId", d.name, d.nip, d."employeeKind", d."jabatanName",
  d."unitId", d.jp, d.enrolled, d.completed, d.assigned, d.overdue, d.assessed, d."gapCount", d."gapSum"`

/** What the people table of a view shows (a page of these goes to the browser). */
export type PageRow = Pick<
  PersonRow,
  | 'userId'
  | 'name'
  | 'nip'
  | 'employeeKind'
  | 'jabatanName'
  | 'jp'
  | 'enrolled'
  | 'completed'
  | 'overdue'
  | 'gapCount'
>

const pageColumns = Prisma.sql`d."userId", d.name, d.nip, d."employeeKind", d."jabatanName", d.jp,
  d.enrolled, d.completed, d.overdue, d."gapCount"`

type ChildFigures = UnitFigures & { id: string; name: string; code: string; closed: boolean }

/** The scope-wide part of a view, built by the refresh (DashScopeView.body). */
interface ScopeViewJson {
  totals: TreeFigures | null
  own: (UnitFigures & { unitId: string; year: number }) | null
  children: ChildFigures[]
  courses: {
    courseId: string
    title: string
    enrolled: number
    completed: number
    assigned: number
    overdue: number
  }[]
  competencies: { id: string; code: string; name: string }[]
  /** Heatmap rows; cells are [people, below, gapSum] per competency, in the order above. */
  rows: { id: string; name: string; own: boolean; cells: [number, number, number][] }[]
}

interface ViewRequestJson {
  trail: { id: string; name: string; depth: number }[]
  totals: TreeFigures | null
  refresh: { id: number; year: number; refreshedAt: string; ms: number; users: number } | null
  people: PageRow[]
  self: boolean
  direct: PageRow[]
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

const emptyView: ScopeViewJson = {
  totals: null,
  own: null,
  children: [],
  courses: [],
  competencies: [],
  rows: [],
}

/** Where a page of the people list starts: a page number (OFFSET), or after / before a person. */
export interface PeopleCursor {
  page?: number
  /** Keyset: the people after this person of the scope, in name order (the "next" link). */
  after?: string | null
  /** Keyset: the people before this person of the scope (the "previous" link). */
  before?: string | null
}

/**
 * One dashboard view: the scope check (one primary-key read) and ONE statement, both on the pool
 * directly. The scope-wide figures are the unit's DashScopeView row, built by the refresh and
 * passed through as text; the people list is one index range of DashScopeMember (the page in
 * name order, whatever the scope's size) joined to 50 DashUserStat rows by primary key.
 * docs/decisions/086 and bench/dashboard.md say where the time went.
 *
 * `version` identifies the scope view's row as written by one refresh (its `xmin`: every refresh
 * deletes and inserts every row in one transaction, so the view's content changes exactly when
 * this does). A caller that already holds the view of that version (`knownVersion` of the unit)
 * gets `view: null` and is spared the text (decision 095).
 *
 * The people page is cut in the index: `after`/`before` (keyset, a person of this scope) read 50
 * entries from that person on, whatever the depth; `page` alone skips (page - 1) * 50 entries.
 */
export async function dashboardView(
  viewer: Viewer,
  opts: {
    unitId?: string | null
    filter?: PeopleFilter
    knownVersion?: (unitId: string) => string | null | undefined
  } & PeopleCursor = {},
) {
  requireSupervisor(viewer)
  const unit = await scopeUnit(viewer, opts.unitId)
  const filter = opts.filter ?? 'all'
  const page = Math.max(1, opts.page ?? 1)
  const admin = viewer.roles.includes('ADMIN')
  const withDirect = !admin && !opts.unitId
  const prefix = unit ? `${unit.path}%` : null
  const directSql = withDirect
    ? Prisma.sql`(SELECT coalesce(json_agg(x ORDER BY x.name, x."userId"), '[]') FROM (
        SELECT ${pageColumns} FROM "User" u JOIN "DashUserStat" d ON d."userId" = u.id
        WHERE u."supervisorId" = ${viewer.id}
          ${prefix ? Prisma.sql`AND d."unitPath" NOT LIKE ${prefix}` : Prisma.empty}) x)`
    : Prisma.sql`'[]'::json`
  // The keyset: the (name, userId) of a person of this scope; the name is read by primary key
  // and only inside the scope (a person of another scope finds none, so the page is empty and
  // nothing of their place in the order leaks).
  const key = opts.after ?? opts.before ?? null
  const backwards = !opts.after && !!opts.before
  const cut = key
    ? Prisma.sql`AND (m.name, m."userId") ${Prisma.raw(backwards ? '<' : '>')}
          ((SELECT k.name FROM "DashUserStat" k WHERE k."userId" = ${key} AND k."unitPath" LIKE ${prefix}), ${key})
        ORDER BY m.name ${Prisma.raw(backwards ? 'DESC' : 'ASC')}, m."userId" ${Prisma.raw(backwards ? 'DESC' : 'ASC')}
        LIMIT ${PAGE_SIZE + 1}::int`
    : Prisma.sql`ORDER BY m.name, m."userId"
        LIMIT ${PAGE_SIZE + 1}::int OFFSET ${(page - 1) * PAGE_SIZE}::int`
  const known = unit ? (opts.knownVersion?.(unit.id) ?? null) : null
  const unitSql = unit
    ? Prisma.sql`
      'trail', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'depth', t.depth) ORDER BY t.depth), '[]')
                FROM "Unit" t WHERE t.id = ANY(${unit.path.split('/').filter(Boolean)}::text[])
                ${admin || !viewer.unit ? Prisma.empty : Prisma.sql`AND t.path LIKE ${`${viewer.unit.path}%`}`}),
      'totals', (SELECT row_to_json(s) FROM "DashTreeStat" s WHERE s."unitId" = ${unit.id}),
      'people', (SELECT coalesce(json_agg(x ORDER BY x.name, x."userId"), '[]') FROM (
          SELECT ${pageColumns} FROM (
            -- The page in the index alone (a deep page skips index entries, not joined rows);
            -- one entry more than a page says whether there is more in that direction.
            SELECT m."userId" FROM "DashScopeMember" m
            WHERE m."scopeId" = ${unit.id} AND m."userId" <> ${viewer.id} ${memberFilterSql(filter)}
            ${cut}
          ) pg JOIN "DashUserStat" d ON d."userId" = pg."userId") x),
      'self', EXISTS (SELECT 1 FROM "DashUserStat" d WHERE d."userId" = ${viewer.id}
                      AND d."unitPath" LIKE ${prefix} ${peopleFilterSql(filter)}),`
    : Prisma.sql`'trail', '[]'::json, 'totals', NULL::json, 'people', '[]'::json, 'self', false,`
  const [row] = await sql<{ version: string | null; view: string | null; d: ViewRequestJson }>(
    Prisma.sql`
    SELECT v.version, CASE WHEN v.version = ${known} THEN NULL ELSE v.body END AS view,
      json_build_object(
        ${unitSql}
        'refresh', (SELECT row_to_json(r) FROM "DashRefresh" r WHERE r.id = 1),
        'direct', ${directSql}) AS d
    FROM (SELECT 1) one
    LEFT JOIN (SELECT xmin::text AS version, body FROM "DashScopeView"
               WHERE "unitId" = ${unit?.id ?? null}) v ON true`,
  )
  const d = row!.d
  const refresh = d.refresh ? { ...d.refresh, refreshedAt: new Date(d.refresh.refreshedAt) } : null
  const direct = d.direct
  if (!unit) {
    return {
      unit: null,
      trail: [],
      refresh,
      version: null,
      view: null,
      totals: null,
      people: { rows: direct, total: direct.length, page: 1, more: false, less: false },
      direct,
      filter,
    }
  }
  const view: ScopeViewJson | null = row!.view
    ? (JSON.parse(row!.view) as ScopeViewJson)
    : row!.version === null
      ? emptyView
      : null
  const sums: TreeFigures = d.totals ?? { ...zeroUnit, jpBelow: 0, withOverdue: 0, withGap: 0 }
  // The viewer's own row is in the unit's figures but not in the people list.
  const selfIn = d.self ? 1 : 0
  // PAGE_SIZE + 1 entries were read in the page's direction (they come in name order): the
  // extra one, the last read, is not shown.
  const extra = d.people.length > PAGE_SIZE
  const inOrder = extra ? (backwards ? d.people.slice(1) : d.people.slice(0, PAGE_SIZE)) : d.people
  return {
    unit,
    trail: d.trail,
    refresh,
    version: row!.version,
    view,
    totals: sums,
    people: {
      rows: inOrder,
      total: Math.max(0, filterCount(sums, filter) - selfIn),
      page,
      /** Entries after the page / before it. */
      more: backwards ? !!key : extra,
      less: backwards ? extra : !!key || page > 1,
    },
    direct,
    filter,
  }
}

/** A whole dashboard view (the exports and the tests; the page caches the scope part). */
export async function dashboard(
  viewer: Viewer,
  opts: { unitId?: string | null; filter?: PeopleFilter } & PeopleCursor = {},
) {
  const { view, version: _v, ...d } = await dashboardView(viewer, opts)
  const v = view ?? emptyView
  return {
    ...d,
    own: d.unit ? (v.own ?? zeroUnit) : null,
    children: v.children,
    courses: v.courses,
    heatmap: { competencies: v.competencies, rows: v.rows },
  }
}

export type ScopeView = ScopeViewJson

/** The viewer's direct reports whose unit is outside the viewer's subtree (few; read live). */
async function directReportsElsewhere(viewer: Viewer, unit: ScopeUnit | null) {
  if (viewer.roles.includes('ADMIN')) return []
  const outside = unit ? Prisma.sql`AND d."unitPath" NOT LIKE ${`${unit.path}%`}` : Prisma.empty
  return sql<PersonRow>(Prisma.sql`
    SELECT ${personColumns} FROM "User" u JOIN "DashUserStat" d ON d."userId" = u.id
    WHERE u."supervisorId" = ${viewer.id} ${outside}
    ORDER BY d.name, d."userId"`)
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
  let after: { name: string; userId: string } | null = null
  for (;;) {
    // One index range of the scope's members in name order per batch.
    const keyset: Prisma.Sql = after
      ? Prisma.sql`AND (m.name, m."userId") > (${after.name}, ${after.userId})`
      : Prisma.empty
    const rows: PersonRow[] = await sql<PersonRow>(Prisma.sql`
      SELECT ${personColumns} FROM "DashScopeMember" m JOIN "DashUserStat" d ON d."userId" = m."userId"
      WHERE m."scopeId" = ${unit.id} AND m."userId" <> ${viewer.id} ${memberFilterSql(filter)} ${keyset}
      ORDER BY m.name, m."userId" LIMIT ${batch}::int`)
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
  /** The person's certificates, newest first; `pdf`: the signed PDF is stored (downloadable). */
  certificates: {
    id: string
    code: string
    courseTitle: string
    jp: number
    issuedAt: string
    revokedAt: string | null
    pdf: boolean
  }[]
  jp: number
}

/** A UTC timestamp column as the ISO string JSON.stringify(Date) gives ("...Z"; null stays null). */
const iso = (col: Prisma.Sql) => Prisma.sql`to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** One person's own rows, after the scope check: one SQL statement returning JSON. */
export async function personDetail(viewer: Viewer, userId: string) {
  if (!(await canSupervise(viewer, userId))) throw new ForbiddenError('team.outOfScope')
  const year = jakartaYear(new Date())
  const [{ d }] = (await sql<{ d: PersonDetail }>(Prisma.sql`
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
      'certificates', (SELECT coalesce(json_agg(json_build_object(
            'id', c.id, 'code', c.code, 'courseTitle', c."courseTitle", 'jp', c.jp,
            'issuedAt', ${iso(Prisma.raw('c."issuedAt"'))}, 'revokedAt', ${iso(Prisma.raw('c."revokedAt"'))},
            'pdf', c."pdfKey" IS NOT NULL) ORDER BY c."issuedAt" DESC, c.code), '[]')
          FROM "Certificate" c WHERE c."userId" = u.id),
      'jp', (SELECT coalesce(sum(jp), 0)::int FROM "JpCredit" WHERE "userId" = u.id AND year = ${year}::int)
    ) AS d
    FROM "User" u WHERE u.id = ${userId}`)) as [{ d: PersonDetail }]
  // The JP that count this year (a PPPK's stop at the cap; the ledger keeps every credit).
  return { ...d, jp: countedJp(d.person.employeeKind, d.jp), year }
}

/** Records (or moves) the due date of a course assigned to a person in the viewer's scope. */
export async function assignCourse(
  viewer: Viewer,
  input: { userId: string; courseId: string; dueAt: Date },
) {
  if (!(await canSupervise(viewer, input.userId))) throw new ForbiddenError('team.outOfScope')
  // Audited (org), in the same transaction as the assignment.
  return prisma.$transaction(async (tx) => {
    const before = await tx.courseAssignment.findUnique({
      where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
      select: { dueAt: true, assignedById: true },
    })
    const row = await tx.courseAssignment.upsert({
      where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
      create: { ...input, assignedById: viewer.id },
      update: { dueAt: input.dueAt, assignedById: viewer.id },
    })
    await audit(tx, {
      actorId: viewer.id,
      action: before ? 'assignment.update' : 'assignment.create',
      entityType: 'CourseAssignment',
      entityId: row.id,
      before: before ? { ...before, dueAt: before.dueAt.toISOString() } : null,
      after: { userId: row.userId, courseId: row.courseId, dueAt: row.dueAt.toISOString() },
    })
    return row
  })
}
