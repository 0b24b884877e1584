// The supervisor dashboard's FIGURES on a small constructed subtree, after the refresh the workers
// run (the dashboardRefresh job's handler): completion by unit, course and person; the people
// below 20 JP (a PNS with 19 in, 20 out; JP are whole numbers; a PPPK with 19 never: a PPPK has a
// maximum, not a minimum); the PPPK cap (23 under, 24 at, 30 over, shown and summed as 24); the
// heatmap cell's share below the standard and average gap; the overdue list (due yesterday in
// Jakarta: overdue; due today, until 23:59:59.999 WIB: not; due tomorrow: not; completed: not). A person of a sibling unit, with facts
// that would change every figure, appears in none. And the person drill-down's certificates.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { averageGap, jpStatus, percent, shareBelow } from '~/domain/supervision'
import { jakartaCalendar, jakartaYear } from '~/domain/time'
import { dashboardRefreshJob } from '~/jobs/supervision.server'
import {
  dashboard,
  peopleBatches,
  personDetail,
  refreshDashboard,
  type PageRow,
} from '~/models/supervision.server'
import type { EmployeeKind } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { uniqueNip } from '../support/factories'

type Parent = { id: string; path: string; depth: number }

async function makeUnit(parent: Parent, name: string) {
  const u = await prisma.unit.create({
    data: {
      code: `F-${randomUUID().slice(0, 12)}`,
      name,
      kind: 'BIDANG',
      parentId: parent.id,
      path: '',
      depth: parent.depth + 1,
    },
  })
  return prisma.unit.update({
    where: { id: u.id },
    data: { path: `${parent.path}${u.id}/` },
    select: { id: true, path: true, depth: true, code: true, name: true },
  })
}

async function person(
  unitId: string,
  name: string,
  opts: {
    kind?: EmployeeKind
    jabatanId?: string
    roles?: ('ASN' | 'SUPERVISOR')[]
    supervisorId?: string
  } = {},
) {
  const nip = uniqueNip()
  return prisma.user.create({
    data: {
      nip,
      name,
      email: `fig.${nip}.${randomUUID().slice(0, 6)}@test.jambiprov.go.id`,
      unitId,
      employeeKind: opts.kind ?? 'PNS',
      jabatanId: opts.jabatanId,
      roles: opts.roles ?? ['ASN'],
      supervisorId: opts.supervisorId,
    },
    select: { id: true, nip: true, name: true, roles: true, unit: { select: { path: true } } },
  })
}

/** JP credits of this year (whole JP, as the ledger holds them), one row per amount. */
async function credit(userId: string, year: number, ...amounts: number[]) {
  for (const jp of amounts)
    await prisma.jpCredit.create({
      data: { userId, year, jp, sourceType: 'test', sourceId: randomUUID(), title: 'Uji' },
    })
}

/** 00:00 in Jakarta of the Jakarta day `days` from today (how a due date is stored). */
function jakartaDayStart(days: number, now = new Date()) {
  const c = jakartaCalendar(now)
  const ymd = new Date(Date.UTC(c.year, c.month - 1, c.day + days))
  return new Date(`${ymd.toISOString().slice(0, 10)}T00:00:00+07:00`)
}

async function twoCourses() {
  const courses = await prisma.course.findMany({
    where: { status: 'PUBLISHED', currentVersionId: { not: null } },
    orderBy: { slug: 'asc' },
    take: 2,
    select: { id: true, title: true, currentVersionId: true },
  })
  expect(courses).toHaveLength(2)
  return courses as { id: string; title: string; currentVersionId: string }[]
}

async function enrolAs(
  userId: string,
  course: { id: string; currentVersionId: string },
  status: 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN',
) {
  return prisma.enrolment.create({
    data: {
      userId,
      courseId: course.id,
      courseVersionId: course.currentVersionId,
      status,
      completedAt: status === 'COMPLETED' ? new Date() : null,
    },
    select: { id: true },
  })
}

async function rate(userId: string, competencyId: string, level: number) {
  await prisma.competencyRating.create({
    data: { userId, competencyId, level, ratedAt: new Date(), provenance: {} },
  })
}

describe('supervisor dashboard figures on a constructed subtree', () => {
  it('completion, JP below 20 and the PPPK cap, heatmap cells and overdue, nobody from outside', async () => {
    const year = jakartaYear(new Date())
    const opd = await prisma.unit.findFirstOrThrow({
      where: { kind: 'OPD' },
      orderBy: { code: 'asc' },
      select: { id: true, path: true, depth: true },
    })
    const root = await makeUnit(opd, 'Bidang Uji Angka')
    const c1 = await makeUnit(root, 'Subbidang Uji Satu')
    const c2 = await makeUnit(root, 'Subbidang Uji Dua')
    const outside = await makeUnit(opd, 'Bidang Uji Sebelah')

    // A jabatan of this test: K1 required at level 3, K2 at level 2.
    const [k1, k2] = await prisma.competency.findMany({
      orderBy: { code: 'asc' },
      take: 2,
      select: { id: true, code: true },
    })
    const jabatan = await prisma.jabatan.create({
      data: {
        code: `JF-${randomUUID().slice(0, 10)}`,
        name: 'Analis Uji Angka',
        kind: 'PELAKSANA',
        standards: {
          create: [
            { competencyId: k1!.id, requiredLevel: 3 },
            { competencyId: k2!.id, requiredLevel: 2 },
          ],
        },
      },
    })
    const j = jabatan.id
    const [x, y] = await twoCourses()

    const boss = await person(root.id, 'Fig Atasan', { roles: ['SUPERVISOR', 'ASN'] })
    const a = await person(c1.id, 'Fig A', { jabatanId: j })
    const b = await person(c1.id, 'Fig B', { jabatanId: j })
    const p1 = await person(c1.id, 'Fig P1', { kind: 'PPPK', jabatanId: j })
    const d = await person(c2.id, 'Fig D', { jabatanId: j })
    const p2 = await person(c2.id, 'Fig P2', { kind: 'PPPK', jabatanId: j })
    const p3 = await person(c2.id, 'Fig P3', { kind: 'PPPK', jabatanId: j })
    // A PPPK with 19 JP and no jabatan (no standard): not "below", no gap.
    const p4 = await person(c1.id, 'Fig P4', { kind: 'PPPK' })
    // Outside the subtree: below 20 JP, an overdue assignment, gaps, enrolments in X and Y.
    const e = await person(outside.id, 'Fig E Luar', { jabatanId: j })

    await credit(boss.id, year, 25)
    await credit(a.id, year, 10, 9) // 19: below
    await credit(a.id, year - 1, 5) // last year's credit does not count
    await credit(b.id, year, 20) // exactly 20: not below
    await credit(p1.id, year, 24) // PPPK at the cap
    await credit(p2.id, year, 23) // PPPK one under the cap
    await credit(p3.id, year, 20, 10) // PPPK over the cap: 30 recorded, 24 count
    await credit(p4.id, year, 19) // PPPK under 20: not below
    await credit(e.id, year, 5)

    await enrolAs(a.id, x!, 'COMPLETED')
    await enrolAs(a.id, y!, 'ACTIVE')
    await enrolAs(b.id, x!, 'COMPLETED')
    await enrolAs(p1.id, y!, 'WITHDRAWN') // not counted as enrolled
    await enrolAs(d.id, x!, 'ACTIVE')
    await enrolAs(p3.id, y!, 'COMPLETED')
    await enrolAs(e.id, x!, 'ACTIVE')
    await enrolAs(e.id, y!, 'COMPLETED')

    const yesterday = jakartaDayStart(-1)
    const today = jakartaDayStart(0)
    const tomorrow = jakartaDayStart(1)
    await prisma.courseAssignment.createMany({
      data: [
        { userId: d.id, courseId: x!.id, dueAt: yesterday }, // overdue
        { userId: d.id, courseId: y!.id, dueAt: tomorrow }, // not yet
        { userId: a.id, courseId: y!.id, dueAt: today }, // not yet: today is not over
        { userId: b.id, courseId: x!.id, dueAt: yesterday }, // completed: not overdue
        { userId: e.id, courseId: x!.id, dueAt: yesterday }, // outside
      ],
    })

    await rate(a.id, k1!.id, 2) // K1 gap 1
    await rate(a.id, k2!.id, 2) // K2 at the standard
    await rate(b.id, k1!.id, 4) // K1 above; K2 unmeasured: gap 2
    await rate(p1.id, k1!.id, 3)
    await rate(p1.id, k2!.id, 3)
    await rate(d.id, k1!.id, 1) // K1 gap 2; K2 unmeasured: gap 2
    await rate(p2.id, k1!.id, 5)
    await rate(p2.id, k2!.id, 2)
    await rate(p3.id, k2!.id, 1) // K1 unmeasured: gap 3; K2 gap 1

    // The refresh the workers run on their schedule.
    await dashboardRefreshJob.handler({})

    const viewer = { id: boss.id, roles: boss.roles, unit: boss.unit }
    const view = await dashboard(viewer)
    expect(view.unit?.id).toBe(root.id)

    // ── Totals of the subtree (the boss is counted in the figures, not in the list).
    expect(view.totals).toMatchObject({
      headcount: 8,
      pns: 4,
      pppk: 4,
      pnsBelow: 2, // A (19) and D (0); B (20) is not
      pppkAtCap: 2, // P1 (24) and P3 (30); P2 (23) is not
      jpBelow: 2, // PNS only: P4 (PPPK, 19) is not below
      enrolled: 5,
      completed: 3,
      assigned: 4,
      overdue: 1,
      withOverdue: 1,
      withGap: 4,
      // P3's 30 recorded JP count as 24.
      jpSum: 25 + 19 + 20 + 24 + 23 + 24 + 19,
    })
    expect(view.totals!.jpSum).toBe(154)
    expect(percent(view.totals!.completed, view.totals!.enrolled)).toBe(60)

    // ── Completion by unit.
    const byUnit = Object.fromEntries(view.children.map((c) => [c.id, c]))
    expect(Object.keys(byUnit).sort()).toEqual([c1.id, c2.id].sort())
    expect(byUnit[c1.id]).toMatchObject({
      headcount: 4,
      pppk: 2,
      jpSum: 19 + 20 + 24 + 19,
      enrolled: 3,
      completed: 2,
      pnsBelow: 1,
      pppkAtCap: 1,
      overdue: 0,
    })
    expect(byUnit[c2.id]).toMatchObject({
      headcount: 3,
      jpSum: 0 + 23 + 24, // P3: 24, not 30
      enrolled: 2,
      completed: 1,
      pnsBelow: 1,
      pppkAtCap: 1,
      overdue: 1,
    })
    expect(percent(byUnit[c1.id]!.completed, byUnit[c1.id]!.enrolled)).toBe(67)
    expect(percent(byUnit[c2.id]!.completed, byUnit[c2.id]!.enrolled)).toBe(50)
    expect(view.own).toMatchObject({ headcount: 1, enrolled: 0, completed: 0 })

    // ── Completion by course (E's enrolments in X and Y are not counted).
    const byCourse = Object.fromEntries(view.courses.map((c) => [c.courseId, c]))
    expect(Object.keys(byCourse).sort()).toEqual([x!.id, y!.id].sort())
    expect(byCourse[x!.id]).toMatchObject({ enrolled: 3, completed: 2, assigned: 2, overdue: 1 })
    expect(byCourse[y!.id]).toMatchObject({ enrolled: 2, completed: 1, assigned: 2, overdue: 0 })
    expect(percent(2, 3)).toBe(67)

    // ── By person.
    const rows = new Map<string, PageRow>(view.people.rows.map((r) => [r.userId, r]))
    expect([...rows.keys()].sort()).toEqual([a.id, b.id, p1.id, d.id, p2.id, p3.id, p4.id].sort())
    const fig = (id: string) => {
      const r = rows.get(id)!
      return [
        r.jp,
        r.enrolled,
        r.completed,
        percent(r.completed, r.enrolled),
        r.overdue,
        r.gapCount,
      ]
    }
    expect(fig(a.id)).toEqual([19, 2, 1, 50, 0, 1])
    expect(fig(b.id)).toEqual([20, 1, 1, 100, 0, 1])
    expect(fig(p1.id)).toEqual([24, 0, 0, 0, 0, 0])
    expect(fig(d.id)).toEqual([0, 1, 0, 0, 1, 2])
    expect(fig(p2.id)).toEqual([23, 0, 0, 0, 0, 0])
    expect(fig(p3.id)).toEqual([24, 1, 1, 100, 0, 2])
    expect(fig(p4.id)).toEqual([19, 0, 0, 0, 0, 0])
    // The status the page and the export show: a PPPK is never BELOW; a PNS under 20 is.
    expect(jpStatus('PPPK', rows.get(p4.id)!.jp)).toBe('MET')
    expect(jpStatus('PPPK', rows.get(p3.id)!.jp)).toBe('CAP')
    expect(jpStatus('PNS', rows.get(a.id)!.jp)).toBe('BELOW')
    expect(jpStatus('PNS', rows.get(b.id)!.jp)).toBe('MET')
    // The person drill-down shows the JP that count too (the ledger keeps all 30).
    expect((await personDetail(viewer, p3.id)).jp).toBe(24)
    expect((await personDetail(viewer, p4.id)).jp).toBe(19)
    expect((await personDetail(viewer, a.id)).jp).toBe(19)
    // The people export's rows (every batch): the same counted JP and the same "below" list.
    const exported = async (filter: 'all' | 'below') => {
      const out: { userId: string; jp: number }[] = []
      for await (const batch of peopleBatches(viewer, undefined, filter)) out.push(...batch)
      return out
    }
    expect((await exported('all')).find((r) => r.userId === p3.id)?.jp).toBe(24)
    expect((await exported('below')).map((r) => r.userId).sort()).toEqual([a.id, d.id].sort())

    // ── The lists behind the filters.
    const list = async (filter: 'below' | 'overdue' | 'gap') => {
      const v = await dashboard(viewer, { filter })
      expect(v.people.total).toBe(v.people.rows.length)
      return v.people.rows.map((r) => r.userId).sort()
    }
    expect(await list('below')).toEqual([a.id, d.id].sort())
    expect(await list('overdue')).toEqual([d.id])
    expect(await list('gap')).toEqual([a.id, b.id, d.id, p3.id].sort())

    // ── Heatmap: rows are the child units (subtrees) then the boss's own unit; cells per
    // competency in code order: [people, below, gapSum].
    expect(view.heatmap.competencies.map((c) => c.id)).toEqual([k1!.id, k2!.id])
    const cells = Object.fromEntries(view.heatmap.rows.map((r) => [r.id + (r.own ? '+' : ''), r]))
    expect(cells[c1.id]!.cells).toEqual([
      [3, 1, 1], // K1: A 1 below
      [3, 1, 2], // K2: B unmeasured, 2 below
    ])
    expect(cells[c2.id]!.cells).toEqual([
      [3, 2, 5], // K1: D 2 + P3 3
      [3, 2, 3], // K2: D 2 + P3 1
    ])
    // As the page shows them: share below (whole percent) and average gap of those below.
    const shown = (id: string) =>
      cells[id]!.cells.map(([people, below, gapSum]) => {
        const c = { people, below, gapSum }
        return [Math.round(shareBelow(c)! * 100), averageGap(c)]
      })
    expect(shown(c1.id)).toEqual([
      [33, 1],
      [33, 2],
    ])
    expect(shown(c2.id)).toEqual([
      [67, 2.5],
      [67, 1.5],
    ])
    expect(cells[`${root.id}+`]!.cells).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])

    // ── The outside person's unit is refused, and their detail too.
    await expect(dashboard(viewer, { unitId: outside.id })).rejects.toMatchObject({ status: 403 })
    await expect(personDetail(viewer, e.id)).rejects.toMatchObject({ status: 403 })
    expect(JSON.stringify(view)).not.toContain(e.id)
    expect(JSON.stringify(view)).not.toContain('Fig E Luar')

    // Overdue is judged at the refresh's time, as the reminders and the home page judge it
    // (decision 117): a course due yesterday is overdue from 00:00 WIB today on, not at its due
    // instant (00:00 WIB yesterday) nor at 23:59:59.999 WIB yesterday.
    await refreshDashboard(yesterday)
    expect((await dashboard(viewer)).totals).toMatchObject({ overdue: 0, withOverdue: 0 })
    await refreshDashboard(new Date(today.getTime() - 1))
    expect((await dashboard(viewer)).totals).toMatchObject({ overdue: 0, withOverdue: 0 })
    await refreshDashboard(today)
    expect((await dashboard(viewer)).totals).toMatchObject({ overdue: 1, withOverdue: 1 })
    // A's course due today: overdue from 00:00 WIB tomorrow, not at 23:59:59.999 WIB today.
    await refreshDashboard(new Date(tomorrow.getTime() - 1))
    expect((await dashboard(viewer)).totals).toMatchObject({ overdue: 1, withOverdue: 1 })
    await refreshDashboard(tomorrow)
    const dayAfter = await dashboard(viewer, { filter: 'overdue' })
    expect(dayAfter.totals).toMatchObject({ overdue: 2, withOverdue: 2 })
    expect(dayAfter.people.rows.map((r) => r.userId).sort()).toEqual([a.id, d.id].sort())
    await dashboardRefreshJob.handler({})

    // A child unit's view: its own figures only.
    const v2 = await dashboard(viewer, { unitId: c2.id })
    expect(v2.totals).toMatchObject({ headcount: 3, pnsBelow: 1, pppkAtCap: 1, overdue: 1 })
    expect(v2.people.rows.map((r) => r.userId).sort()).toEqual([d.id, p2.id, p3.id].sort())
  })
})

describe('person drill-down: certificates', () => {
  it("lists the person's certificates with code, course, date, status and whether the PDF is there", async () => {
    const opd = await prisma.unit.findFirstOrThrow({
      where: { kind: 'OPD' },
      orderBy: { code: 'asc' },
      select: { id: true, path: true, depth: true },
    })
    const unit = await makeUnit(opd, 'Bidang Uji Sertifikat')
    const outside = await makeUnit(opd, 'Bidang Uji Sertifikat Lain')
    const boss = await person(unit.id, 'Cert Atasan', { roles: ['SUPERVISOR', 'ASN'] })
    const holder = await person(unit.id, 'Cert Pemegang')
    const colleague = await person(unit.id, 'Cert Rekan')
    const stranger = await person(outside.id, 'Cert Orang Luar')
    const [x, y] = await twoCourses()
    const issue = async (
      userId: string,
      course: { id: string; title: string; currentVersionId: string },
      issuedAt: Date,
      extra: { pdfKey?: string; revokedAt?: Date } = {},
    ) => {
      const en = await enrolAs(userId, course, 'COMPLETED')
      const code = `UJ${randomUUID().replace(/-/g, '').slice(0, 18).toUpperCase()}`
      return prisma.certificate.create({
        data: {
          code,
          enrolmentId: en.id,
          userId,
          courseId: course.id,
          holderName: 'Uji',
          holderNip: '0',
          courseTitle: course.title,
          courseVersion: 1,
          jp: 3,
          completedAt: issuedAt,
          issuedAt,
          competencies: [],
          signerName: 'Penandatangan',
          signerTitle: 'Kepala',
          signerNip: '0',
          ...extra,
          ...(extra.revokedAt ? { revokedReason: 'DATA_ERROR' as const } : {}),
        },
      })
    }
    const older = await issue(holder.id, x!, new Date('2026-03-02T03:00:00Z'), {
      pdfKey: 'certificates/uji.pdf',
    })
    const newer = await issue(holder.id, y!, new Date('2026-05-10T03:00:00Z'), {
      revokedAt: new Date('2026-06-01T03:00:00Z'),
    })
    await issue(stranger.id, x!, new Date('2026-04-01T03:00:00Z'))

    const viewer = { id: boss.id, roles: boss.roles, unit: boss.unit }
    const detail = await personDetail(viewer, holder.id)
    expect(detail.certificates).toEqual([
      {
        id: newer.id,
        code: newer.code,
        courseTitle: y!.title,
        jp: 3,
        issuedAt: '2026-05-10T03:00:00.000Z',
        revokedAt: '2026-06-01T03:00:00.000Z',
        pdf: false,
      },
      {
        id: older.id,
        code: older.code,
        courseTitle: x!.title,
        jp: 3,
        issuedAt: '2026-03-02T03:00:00.000Z',
        revokedAt: null,
        pdf: true,
      },
    ])
    // Nobody else's certificates, and none for someone outside the scope.
    expect((await personDetail(viewer, colleague.id)).certificates).toEqual([])
    await expect(personDetail(viewer, stranger.id)).rejects.toMatchObject({ status: 403 })
  })
})
