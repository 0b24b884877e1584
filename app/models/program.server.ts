// Training needs analysis and program composition (AKPK, docs/decisions/085): the needs of an
// organisation scope for a year (competency gaps against the jabatan standards, JP shortfall), the
// program the program team composes from them, the background assignment of each item's target
// group (CourseAssignment + Enrolment + a notification per person, in one statement per batch) and
// the program's progress (completion, JP, gap before and now).
import { Prisma } from '~/generated/prisma/client'
import type { ProgramMethod } from '~/generated/prisma/client'
import { notifyContract, programAssignContract } from '~/jobs/contracts.server'
import { OUTBOX_TABLE, outboxInsert, outboxSelect, relaySoon } from '~/jobs/outbox.server'
import { prisma, sql } from '~/utils/db.server'
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '~/utils/errors'
import { audit } from './audit.server'
import type { Viewer } from './scope.server'

export const ASSIGN_BATCH = 2_000

function requireProgramTeam(viewer: Viewer) {
  // The program team works with the ADMIN role (docs/decisions/085).
  if (!viewer.roles.includes('ADMIN')) throw new ForbiddenError('forbidden')
}

async function unitById(id: string) {
  const unit = await prisma.unit.findUnique({
    where: { id },
    select: { id: true, name: true, code: true, path: true },
  })
  if (!unit) throw new NotFoundError('program.unitNotFound')
  return unit
}

// ---------------------------------------------------------------------------------------------
// Needs analysis

export interface NeedRow {
  competencyId: string
  code: string
  name: string
  /** People of the scope whose jabatan standard names the competency. */
  people: number
  /** Of those, below the standard (unmeasured counts as level 0). */
  below: number
  /** Sum of (required - level) over the people below. */
  gapSum: number
  byUnit: { unitId: string; name: string; people: number; below: number; gapSum: number }[]
  byJabatan: { jabatanId: string; name: string; people: number; below: number; gapSum: number }[]
  /** Published courses that develop the competency (suggestions), highest level first. */
  courses: { id: string; title: string; jp: number; level: number }[]
}

type Cell = { competencyId: string; people: number; below: number; gapSum: number }
type UnitCell = Cell & { unitId: string }
type JabatanCell = Cell & { jabatanId: string }
type JpNeeds = { people: number; pns: number; pnsBelow: number; shortfall: number }

/**
 * The needs of a unit subtree for a year: per competency the people with a gap, their average
 * gap, by the scope's child units (people directly in the scope unit under the unit itself) and
 * by jabatan; and the year's JP shortfall of the PNS (20 JP minimum). Read from the aggregates
 * the dashboard refresh maintains (docs/decisions/086): a handful of rows by primary key, as of
 * `computedAt`; equal to `needsAnalysisLive` on the data of that moment (tests/integration/
 * program.test.ts compares them). Before the first refresh it computes live.
 */
export async function needsAnalysis(viewer: Viewer, scopeUnitId: string, year: number) {
  requireProgramTeam(viewer)
  const scope = await unitById(scopeUnitId)
  const [refresh] = await sql<{ refreshedAt: Date }>(
    Prisma.sql`SELECT "refreshedAt" FROM "DashRefresh" WHERE id = 1`,
  )
  if (!refresh) return { ...(await computeNeedsLive(scope, year)), computedAt: null }
  const [unitCells, jabatanCells, jp, lookups] = await Promise.all([
    sql<UnitCell>(Prisma.sql`
      SELECT s."unitId", s."competencyId", s.people, s.below, s."gapSum"
      FROM "DashTreeCompetencyStat" s JOIN "Unit" c ON c.id = s."unitId"
      WHERE c."parentId" = ${scope.id}
      UNION ALL
      SELECT "unitId", "competencyId", people, below, "gapSum"
      FROM "DashUnitCompetencyStat" WHERE "unitId" = ${scope.id}`),
    sql<JabatanCell>(Prisma.sql`
      SELECT "jabatanId", "competencyId", people, below, "gapSum"
      FROM "DashTreeJabatanCompetencyStat" WHERE "unitId" = ${scope.id}`),
    sql<JpNeeds>(Prisma.sql`
      SELECT t.headcount AS people, t.pns, t.pns - coalesce(j."pnsMet", 0) AS "pnsBelow",
             20 * t.pns - coalesce(j."pnsCredited", 0) AS shortfall
      FROM "DashTreeStat" t
      LEFT JOIN "DashTreeJpStat" j ON j."unitId" = t."unitId" AND j.year = ${year}::int
      WHERE t."unitId" = ${scope.id}`),
    needsLookups(scope.id),
  ])
  return {
    scope,
    year,
    needs: assembleNeeds(unitCells, jabatanCells, lookups),
    jp: jp[0] ?? { people: 0, pns: 0, pnsBelow: 0, shortfall: 0 },
    computedAt: refresh.refreshedAt,
  }
}

/** The same needs computed from the base tables (5-25 s province-wide at 70,000 ASN). */
export async function needsAnalysisLive(viewer: Viewer, scopeUnitId: string, year: number) {
  requireProgramTeam(viewer)
  return computeNeedsLive(await unitById(scopeUnitId), year)
}

async function computeNeedsLive(scope: { id: string; path: string }, year: number) {
  const prefix = `${scope.path}%`
  const [cells, jp, lookups] = await Promise.all([
    prisma.$queryRaw<(UnitCell & { jabatanId: string })[]>`
      WITH p AS (
        SELECT u.id, u."jabatanId",
               coalesce(nullif(split_part(substr(un.path, ${scope.path.length + 1}), '/', 1), ''), ${scope.id}) AS "unitId"
        FROM "User" u JOIN "Unit" un ON un.id = u."unitId"
        WHERE u.active AND un.path LIKE ${prefix} AND u."jabatanId" IS NOT NULL
      )
      SELECT s."competencyId", p."unitId", p."jabatanId", count(*)::int AS people,
             count(*) FILTER (WHERE coalesce(r.level, 0) < s."requiredLevel")::int AS below,
             coalesce(sum(s."requiredLevel" - coalesce(r.level, 0))
               FILTER (WHERE coalesce(r.level, 0) < s."requiredLevel"), 0)::int AS "gapSum"
      FROM p JOIN "JabatanStandard" s ON s."jabatanId" = p."jabatanId"
      LEFT JOIN "CompetencyRating" r ON r."userId" = p.id AND r."competencyId" = s."competencyId"
      GROUP BY 1, 2, 3`,
    prisma.$queryRaw<JpNeeds[]>`
      WITH p AS (
        SELECT u.id, u."employeeKind" FROM "User" u JOIN "Unit" un ON un.id = u."unitId"
        WHERE u.active AND un.path LIKE ${prefix}
      ), j AS (
        SELECT c."userId", sum(c.jp)::int AS jp FROM "JpCredit" c JOIN p ON p.id = c."userId"
        WHERE c.year = ${year} GROUP BY 1
      )
      SELECT count(*)::int AS people,
             count(*) FILTER (WHERE p."employeeKind" = 'PNS')::int AS pns,
             count(*) FILTER (WHERE p."employeeKind" = 'PNS' AND coalesce(j.jp, 0) < 20)::int AS "pnsBelow",
             coalesce(sum(greatest(0, 20 - coalesce(j.jp, 0))) FILTER (WHERE p."employeeKind" = 'PNS'), 0)::int AS shortfall
      FROM p LEFT JOIN j ON j."userId" = p.id`,
    needsLookups(scope.id),
  ])
  // The (unit, jabatan, competency) cells summed per unit and per jabatan.
  const sum = <T extends Cell>(rows: T[], key: (r: T) => string, make: (r: T) => T) => {
    const by = new Map<string, T>()
    for (const r of rows) {
      const k = key(r)
      const acc = by.get(k)
      if (!acc) by.set(k, make(r))
      else {
        acc.people += r.people
        acc.below += r.below
        acc.gapSum += r.gapSum
      }
    }
    return [...by.values()]
  }
  const unitCells: UnitCell[] = sum(
    cells,
    (c) => `${c.unitId}|${c.competencyId}`,
    (c) => ({ ...c }),
  ).map(({ unitId, competencyId, people, below, gapSum }) => ({
    unitId,
    competencyId,
    people,
    below,
    gapSum,
  }))
  const jabatanCells: JabatanCell[] = sum(
    cells,
    (c) => `${c.jabatanId}|${c.competencyId}`,
    (c) => ({ ...c }),
  ).map(({ jabatanId, competencyId, people, below, gapSum }) => ({
    jabatanId,
    competencyId,
    people,
    below,
    gapSum,
  }))
  return { scope, year, needs: assembleNeeds(unitCells, jabatanCells, lookups), jp: jp[0]! }
}

/** Names of the scope's units, the jabatan and competencies, and the course suggestions. */
async function needsLookups(scopeId: string) {
  const [units, jabatan, comps, courses] = await Promise.all([
    prisma.unit.findMany({
      where: { OR: [{ parentId: scopeId }, { id: scopeId }] },
      select: { id: true, name: true },
    }),
    prisma.jabatan.findMany({ select: { id: true, name: true } }),
    prisma.competency.findMany({ select: { id: true, code: true, name: true } }),
    prisma.courseCompetency.findMany({
      where: { course: { status: 'PUBLISHED', currentVersionId: { not: null } } },
      select: {
        competencyId: true,
        level: true,
        course: { select: { id: true, title: true, jp: true } },
      },
      orderBy: [{ level: 'desc' }, { courseId: 'asc' }],
    }),
  ])
  return { units, jabatan, comps, courses }
}

/**
 * Need rows from cells per (unit, competency) and per (jabatan, competency); the totals of a
 * competency are the sum over jabatan (each person has one jabatan). Ties sort by id, so the
 * live and the aggregated computations give the same order.
 */
function assembleNeeds(
  unitCells: UnitCell[],
  jabatanCells: JabatanCell[],
  lookups: Awaited<ReturnType<typeof needsLookups>>,
): NeedRow[] {
  const unitName = new Map(lookups.units.map((u) => [u.id, u.name]))
  const jabatanName = new Map(lookups.jabatan.map((j) => [j.id, j.name]))
  const byComp = new Map<string, NeedRow>()
  for (const c of lookups.comps) {
    byComp.set(c.id, {
      competencyId: c.id,
      code: c.code,
      name: c.name,
      people: 0,
      below: 0,
      gapSum: 0,
      byUnit: [],
      byJabatan: [],
      courses: lookups.courses
        .filter((x) => x.competencyId === c.id)
        .map((x) => ({ ...x.course, level: x.level })),
    })
  }
  const figures = (c: Cell) => ({ people: c.people, below: c.below, gapSum: c.gapSum })
  for (const cell of unitCells) {
    byComp.get(cell.competencyId)?.byUnit.push({
      unitId: cell.unitId,
      name: unitName.get(cell.unitId) ?? '?',
      ...figures(cell),
    })
  }
  for (const cell of jabatanCells) {
    const need = byComp.get(cell.competencyId)
    if (!need) continue
    need.people += cell.people
    need.below += cell.below
    need.gapSum += cell.gapSum
    need.byJabatan.push({
      jabatanId: cell.jabatanId,
      name: jabatanName.get(cell.jabatanId) ?? '?',
      ...figures(cell),
    })
  }
  const order = (a: { below: number; name: string }, b: { below: number; name: string }) =>
    b.below - a.below || a.name.localeCompare(b.name)
  return [...byComp.values()]
    .filter((n) => n.people > 0)
    .map((n) => ({
      ...n,
      byUnit: n.byUnit.sort((a, b) => order(a, b) || a.unitId.localeCompare(b.unitId)),
      byJabatan: n.byJabatan.sort((a, b) => order(a, b) || a.jabatanId.localeCompare(b.jabatanId)),
    }))
    .sort((a, b) => b.below - a.below || a.code.localeCompare(b.code))
}

// ---------------------------------------------------------------------------------------------
// Composition

export async function listPrograms(viewer: Viewer) {
  requireProgramTeam(viewer)
  const programs = await prisma.program.findMany({
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
    take: 200,
    select: {
      id: true,
      name: true,
      year: true,
      scopeUnitId: true,
      _count: { select: { items: true } },
    },
  })
  const units = await prisma.unit.findMany({
    where: { id: { in: programs.map((p) => p.scopeUnitId) } },
    select: { id: true, name: true },
  })
  const name = new Map(units.map((u) => [u.id, u.name]))
  return programs.map((p) => ({ ...p, scopeName: name.get(p.scopeUnitId) ?? '?' }))
}

export async function createProgram(
  viewer: Viewer,
  input: { name: string; year: number; scopeUnitId: string },
  at = new Date(),
) {
  requireProgramTeam(viewer)
  await unitById(input.scopeUnitId)
  return prisma.$transaction(async (tx) => {
    const program = await tx.program.create({
      data: { ...input, createdById: viewer.id },
      select: { id: true, name: true, year: true, scopeUnitId: true },
    })
    await audit(tx, {
      actorId: viewer.id,
      action: 'program.create',
      entityType: 'Program',
      entityId: program.id,
      after: program,
      at,
    })
    return program
  })
}

export interface ItemInput {
  courseId: string
  competencyId: string
  targetUnitId: string
  targetJabatanId?: string | null
  onlyWithGap: boolean
  method: ProgramMethod
  provider: string
  startsOn: Date
  endsOn: Date
  dueAt: Date
  jp: number
  budget: number
  fundingSource: string
}

export async function addProgramItem(
  viewer: Viewer,
  programId: string,
  input: ItemInput,
  at = new Date(),
) {
  requireProgramTeam(viewer)
  const program = await prisma.program.findUnique({ where: { id: programId } })
  if (!program) throw new NotFoundError('program.notFound')
  const [scope, target, course, competency, jabatan] = await Promise.all([
    unitById(program.scopeUnitId),
    prisma.unit.findUnique({ where: { id: input.targetUnitId }, select: { path: true } }),
    prisma.course.findUnique({
      where: { id: input.courseId },
      select: { status: true, currentVersionId: true },
    }),
    prisma.competency.findUnique({ where: { id: input.competencyId }, select: { id: true } }),
    input.targetJabatanId
      ? prisma.jabatan.findUnique({ where: { id: input.targetJabatanId }, select: { id: true } })
      : Promise.resolve({ id: '' }),
  ])
  if (!target || !target.path.startsWith(scope.path))
    throw new InvalidError('program.targetOutOfScope', { field: 'targetUnitId' })
  if (!course || course.status !== 'PUBLISHED' || !course.currentVersionId)
    throw new InvalidError('program.courseNotPublished', { field: 'courseId' })
  if (!competency) throw new InvalidError('program.competencyNotFound', { field: 'competencyId' })
  if (!jabatan) throw new InvalidError('program.jabatanNotFound', { field: 'targetJabatanId' })
  if (input.endsOn < input.startsOn)
    throw new InvalidError('program.endsBeforeStart', { field: 'endsOn' })
  if (input.dueAt < input.startsOn)
    throw new InvalidError('program.dueBeforeStart', { field: 'dueAt' })
  return prisma.$transaction(async (tx) => {
    const item = await tx.programItem.create({
      data: {
        ...input,
        targetJabatanId: input.targetJabatanId || null,
        budget: BigInt(input.budget),
        programId,
      },
    })
    await audit(tx, {
      actorId: viewer.id,
      action: 'program.item.add',
      entityType: 'Program',
      entityId: programId,
      after: { ...item, budget: item.budget.toString() } as unknown as Prisma.InputJsonValue,
      at,
    })
    return item
  })
}

/** Starts the background assignment of an item's target group (once: a second call is a 409). */
export async function startAssignment(viewer: Viewer, itemId: string, at = new Date()) {
  requireProgramTeam(viewer)
  const outboxId = await prisma.$transaction(async (tx) => {
    const moved = await tx.programItem.updateMany({
      where: { id: itemId, status: 'DRAFT' },
      data: { status: 'ASSIGNING' },
    })
    if (moved.count === 0) {
      const exists = await tx.programItem.count({ where: { id: itemId } })
      if (!exists) throw new NotFoundError('program.itemNotFound')
      throw new ConflictError('program.alreadyAssigned')
    }
    const item = await tx.programItem.findUniqueOrThrow({ where: { id: itemId } })
    await audit(tx, {
      actorId: viewer.id,
      action: 'program.item.assign',
      entityType: 'Program',
      entityId: item.programId,
      before: { itemId, status: 'DRAFT' },
      after: {
        itemId,
        status: 'ASSIGNING',
        courseId: item.courseId,
        targetUnitId: item.targetUnitId,
        targetJabatanId: item.targetJabatanId,
        onlyWithGap: item.onlyWithGap,
        dueAt: item.dueAt.toISOString(),
      },
      at,
    })
    return outboxInsert(tx, programAssignContract, { itemId })
  })
  relaySoon([outboxId])
  return { itemId }
}

/**
 * The job: enrols the item's target group in batches of `batch` people (keyset on user id). Each
 * batch is ONE statement: the new members (with their gap before), their CourseAssignment (due
 * date; an existing one keeps the earlier date), their Enrolment (source PROGRAM; an existing one
 * is kept) and one `notify` outbox row per new member. A retry after a crash re-runs from the
 * start: people already members are skipped (no second notification). Returns the members added.
 */
export async function assignProgramItem(itemId: string, batch = ASSIGN_BATCH) {
  const item = await prisma.programItem.findUnique({
    where: { id: itemId },
    include: { program: { select: { createdById: true } } },
  })
  if (!item || item.status !== 'ASSIGNING') return { added: 0, done: true }
  const [target, course] = await Promise.all([
    prisma.unit.findUnique({ where: { id: item.targetUnitId }, select: { path: true } }),
    prisma.course.findUnique({
      where: { id: item.courseId },
      select: { currentVersionId: true },
    }),
  ])
  if (!target || !course?.currentVersionId) throw new Error(`program item ${itemId}: target gone`)
  const prefix = `${target.path}%`
  const jabatan = item.targetJabatanId
    ? Prisma.sql`AND u."jabatanId" = ${item.targetJabatanId}`
    : Prisma.empty
  const gapOnly = item.onlyWithGap ? Prisma.sql`AND t.gap > 0` : Prisma.empty
  let after = ''
  let added = 0
  for (;;) {
    const now = new Date()
    const rows = await prisma.$queryRaw<{ last: string | null; n: number; added: number }[]>`
      WITH page AS (
        SELECT u.id FROM "User" u JOIN "Unit" un ON un.id = u."unitId"
        WHERE u.active AND un.path LIKE ${prefix} ${jabatan} AND u.id > ${after}
        ORDER BY u.id LIMIT ${batch}
      ), t AS (
        SELECT page.id, greatest(0, coalesce(s."requiredLevel", 0) - coalesce(r.level, 0))::int AS gap
        FROM page JOIN "User" u ON u.id = page.id
        LEFT JOIN "JabatanStandard" s ON s."jabatanId" = u."jabatanId" AND s."competencyId" = ${item.competencyId}
        LEFT JOIN "CompetencyRating" r ON r."userId" = page.id AND r."competencyId" = ${item.competencyId}
      ), m AS (
        INSERT INTO "ProgramMember" (id, "itemId", "userId", "gapBefore", "addedAt")
        SELECT gen_random_uuid()::text, ${itemId}, t.id, t.gap, ${now} FROM t WHERE TRUE ${gapOnly}
        ON CONFLICT ("itemId", "userId") DO NOTHING
        RETURNING id, "userId"
      ), a AS (
        INSERT INTO "CourseAssignment" (id, "userId", "courseId", "dueAt", "assignedById", "createdAt")
        SELECT gen_random_uuid()::text, m."userId", ${item.courseId}, ${item.dueAt}, ${item.program.createdById}, ${now}
        FROM m
        ON CONFLICT ("userId", "courseId") DO UPDATE SET "dueAt" = least("CourseAssignment"."dueAt", EXCLUDED."dueAt")
      ), e AS (
        INSERT INTO "Enrolment" (id, "userId", "courseId", "courseVersionId", source, status, "enrolledAt")
        SELECT gen_random_uuid()::text, m."userId", ${item.courseId}, ${course.currentVersionId}, 'PROGRAM', 'ACTIVE', ${now}
        FROM m
        ON CONFLICT ("userId", "courseId") DO NOTHING
      ), o AS (
        INSERT INTO ${OUTBOX_TABLE}
        SELECT ${outboxSelect(
          notifyContract,
          Prisma.sql`jsonb_build_object('kind', 'PROGRAM_ASSIGNED', 'userId', m."userId", 'subjectId', m.id)`,
          now,
        )} FROM m
      ), c AS (
        UPDATE "ProgramItem" SET "memberCount" = "memberCount" + (SELECT count(*) FROM m), "updatedAt" = ${now}
        WHERE id = ${itemId}
      )
      SELECT (SELECT max(id) FROM page) AS last, (SELECT count(*) FROM page)::int AS n,
             (SELECT count(*) FROM m)::int AS added`
    const r = rows[0]!
    added += r.added
    if (r.n < batch || !r.last) break
    after = r.last
  }
  await prisma.programItem.updateMany({
    where: { id: itemId, status: 'ASSIGNING' },
    data: { status: 'ASSIGNED', assignedAt: new Date() },
  })
  return { added, done: true }
}

/** Items whose assignment should have finished by `cutoff` (lost job): for the recovery sweep. */
export function unfinishedAssignments(cutoff: Date, limit: number) {
  return prisma.programItem.findMany({
    where: { status: 'ASSIGNING', updatedAt: { lt: cutoff } },
    select: { id: true },
    orderBy: { updatedAt: 'asc' },
    take: limit,
  })
}

// ---------------------------------------------------------------------------------------------
// Program page and progress

export interface ItemProgress {
  itemId: string
  members: number
  enrolled: number
  completed: number
  jpEarned: number
  /** Members with a standard in the item's competency. */
  measured: number
  gapBefore: number
  gapNow: number
}

export async function itemProgress(programId: string): Promise<Map<string, ItemProgress>> {
  const rows = await prisma.$queryRaw<ItemProgress[]>`
    SELECT m."itemId",
           count(*)::int AS members,
           count(e.id) FILTER (WHERE e.status <> 'WITHDRAWN')::int AS enrolled,
           count(e.id) FILTER (WHERE e.status = 'COMPLETED')::int AS completed,
           coalesce(sum(i.jp) FILTER (WHERE e.status = 'COMPLETED'), 0)::int AS "jpEarned",
           count(s."jabatanId")::int AS measured,
           coalesce(sum(m."gapBefore"), 0)::int AS "gapBefore",
           coalesce(sum(greatest(0, s."requiredLevel" - coalesce(r.level, 0))), 0)::int AS "gapNow"
    FROM "ProgramMember" m JOIN "ProgramItem" i ON i.id = m."itemId"
    JOIN "User" u ON u.id = m."userId"
    LEFT JOIN "Enrolment" e ON e."userId" = m."userId" AND e."courseId" = i."courseId"
    LEFT JOIN "JabatanStandard" s ON s."jabatanId" = u."jabatanId" AND s."competencyId" = i."competencyId"
    LEFT JOIN "CompetencyRating" r ON r."userId" = m."userId" AND r."competencyId" = i."competencyId"
    WHERE i."programId" = ${programId}
    GROUP BY m."itemId"`
  return new Map(rows.map((r) => [r.itemId, r]))
}

export async function programDetail(viewer: Viewer, programId: string) {
  requireProgramTeam(viewer)
  const program = await prisma.program.findUnique({
    where: { id: programId },
    include: { items: { orderBy: { createdAt: 'asc' } } },
  })
  if (!program) throw new NotFoundError('program.notFound')
  const [scope, progress, courses, competencies, units, jabatan] = await Promise.all([
    unitById(program.scopeUnitId),
    itemProgress(programId),
    prisma.course.findMany({
      where: { id: { in: program.items.map((i) => i.courseId) } },
      select: { id: true, title: true },
    }),
    prisma.competency.findMany({ select: { id: true, code: true, name: true } }),
    prisma.unit.findMany({ select: { id: true, name: true, path: true, depth: true } }),
    prisma.jabatan.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ])
  const courseName = new Map(courses.map((c) => [c.id, c.title]))
  const comp = new Map(competencies.map((c) => [c.id, c]))
  const unitName = new Map(units.map((u) => [u.id, u.name]))
  const jabName = new Map(jabatan.map((j) => [j.id, j.name]))
  const items = program.items.map((i) => {
    const p = progress.get(i.id)
    return {
      ...i,
      budget: Number(i.budget),
      course: courseName.get(i.courseId) ?? '?',
      competency: comp.get(i.competencyId) ?? { id: i.competencyId, code: '?', name: '?' },
      targetUnit: unitName.get(i.targetUnitId) ?? '?',
      targetJabatan: i.targetJabatanId ? (jabName.get(i.targetJabatanId) ?? '?') : null,
      progress: p ?? {
        itemId: i.id,
        members: 0,
        enrolled: 0,
        completed: 0,
        jpEarned: 0,
        measured: 0,
        gapBefore: 0,
        gapNow: 0,
      },
    }
  })
  const { items: _items, ...programOnly } = program
  return {
    program: programOnly,
    scope,
    items,
    units: units
      .filter((u) => u.path.startsWith(scope.path))
      .sort((a, b) => a.path.localeCompare(b.path)),
    jabatan,
  }
}

/** Options for the "new program" form. */
export async function programFormOptions(viewer: Viewer) {
  requireProgramTeam(viewer)
  return prisma.unit.findMany({
    where: { closedAt: null },
    select: { id: true, name: true, depth: true },
    orderBy: { path: 'asc' },
  })
}

/** AKPK plan rows of a program, in batches (the export streams them). */
export async function* akpkRows(viewer: Viewer, programId: string) {
  const d = await programDetail(viewer, programId)
  yield d.items.map((i) => ({ ...i, year: d.program.year, scope: d.scope.name }))
}
