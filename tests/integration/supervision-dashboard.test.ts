// The supervisor dashboard read as one statement: the people list, totals and direct reports stay
// inside the supervisor's scope (scope.server.ts), and a unit outside it is a 403.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { cachedScopeSections, clearScopeSections } from '~/components/scope-sections.server'
import {
  dashboard,
  dashboardView,
  personDetail,
  refreshDashboard,
} from '~/models/supervision.server'
import * as dashboardPage from '~/routes/supervisi._index'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { createTestUser, uniqueNip } from '../support/factories'

async function viewerOf(id: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id },
    select: { id: true, roles: true, unit: { select: { path: true } } },
  })
}

describe('supervisor dashboard', () => {
  it('lists only the subtree, shows direct reports elsewhere, refuses other units', async () => {
    const opd = await prisma.unit.findFirstOrThrow({
      where: { kind: 'OPD', children: { some: {} } },
      select: { id: true, code: true, children: { select: { code: true } } },
    })
    const other = await prisma.unit.findFirstOrThrow({
      where: { kind: 'OPD', id: { not: opd.id } },
      select: { id: true, code: true },
    })
    const boss = await viewerOf(
      (await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: opd.code })).id,
    )
    const inChild = await createTestUser({ unitCode: opd.children[0]!.code })
    const report = await createTestUser({ unitCode: other.code, supervisorId: boss.id })
    const stranger = await createTestUser({ unitCode: other.code })
    await refreshDashboard()

    const d = await dashboard(boss)
    expect(d.unit?.id).toBe(opd.id)
    const ids = d.people.rows.map((r) => r.userId)
    expect(ids).toContain(inChild.id)
    expect(ids).not.toContain(boss.id)
    expect(ids).not.toContain(stranger.id)
    expect(d.direct.map((r) => r.userId)).toEqual([report.id])
    // The total excludes the viewer themself, like the list.
    expect(d.people.total).toBe(d.totals!.headcount - 1)
    expect(d.children.reduce((s, c) => s + c.headcount, 0) + d.own!.headcount).toBe(
      d.totals!.headcount,
    )

    await expect(dashboard(boss, { unitId: other.id })).rejects.toMatchObject({ status: 403 })
    await expect(personDetail(boss, stranger.id)).rejects.toMatchObject({ status: 403 })
    const detail = await personDetail(boss, report.id)
    expect(detail.person.nip).toBe(report.nip)
  })
})

// ── Keyset paging and the cached scope sections (decision 095) ──────────────────────────────

type Parent = { id: string; path: string; depth: number }

/** A unit of this test alone under `parent` (nothing else places people there). */
async function makeUnit(parent: Parent, name: string) {
  const u = await prisma.unit.create({
    data: {
      code: `T-${randomUUID().slice(0, 12)}`,
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

/** `n` people in `unitId` named from `names(i)`, with a jabatan whose standard has competencies. */
async function placePeople(unitId: string, n: number, names: (i: number) => string) {
  const jabatan = await prisma.jabatan.findFirstOrThrow({
    where: { standards: { some: {} } },
    select: { id: true },
  })
  const data = Array.from({ length: n }, (_, i) => {
    const nip = uniqueNip()
    return {
      nip,
      name: names(i),
      email: `keyset.${nip}@test.jambiprov.go.id`,
      unitId,
      jabatanId: jabatan.id,
    }
  })
  await prisma.user.createMany({ data, skipDuplicates: true })
}

async function someOpd() {
  return prisma.unit.findFirstOrThrow({
    where: { kind: 'OPD' },
    select: { id: true, path: true, depth: true },
    orderBy: { code: 'asc' },
  })
}

const ids = (rows: { userId: string }[]) => rows.map((r) => r.userId)

describe('people list: keyset pages', () => {
  it('next and previous pages equal the numbered pages, in every filter, and never leave the scope', async () => {
    const opd = await someOpd()
    const unit = await makeUnit(opd, 'Bidang Uji Halaman')
    const other = await makeUnit(opd, 'Bidang Uji Lain')
    // 119 people besides the viewer; ten share one name (the order falls back to the id).
    await placePeople(unit.id, 119, (i) =>
      i < 10 ? 'Sama Nama' : `Uji ${String(i).padStart(3, '0')}`,
    )
    await placePeople(other.id, 3, (i) => `Lain ${i}`)
    const boss = await viewerOf(
      (await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: unit.code })).id,
    )
    const stranger = await prisma.user.findFirstOrThrow({ where: { unitId: other.id } })
    await refreshDashboard()

    for (const filter of ['all', 'gap'] as const) {
      const byNumber = await Promise.all(
        [1, 2, 3].map((page) => dashboardView(boss, { filter, page })),
      )
      expect(byNumber[0]!.people.total).toBe(119)
      expect(byNumber.map((p) => p.people.rows.length)).toEqual([50, 50, 19])
      expect(byNumber.map((p) => [p.people.less, p.people.more])).toEqual([
        [false, true],
        [true, true],
        [true, false],
      ])
      // Forwards from page 1 by the last person of each page.
      const p2 = await dashboardView(boss, {
        filter,
        after: byNumber[0]!.people.rows.at(-1)!.userId,
      })
      expect(ids(p2.people.rows)).toEqual(ids(byNumber[1]!.people.rows))
      const p3 = await dashboardView(boss, { filter, after: p2.people.rows.at(-1)!.userId })
      expect(ids(p3.people.rows)).toEqual(ids(byNumber[2]!.people.rows))
      expect([p3.people.less, p3.people.more]).toEqual([true, false])
      // Backwards from page 3 by the first person of each page.
      const back2 = await dashboardView(boss, { filter, before: p3.people.rows[0]!.userId })
      expect(ids(back2.people.rows)).toEqual(ids(byNumber[1]!.people.rows))
      expect([back2.people.less, back2.people.more]).toEqual([true, true])
      const back1 = await dashboardView(boss, { filter, before: back2.people.rows[0]!.userId })
      expect(ids(back1.people.rows)).toEqual(ids(byNumber[0]!.people.rows))
      expect([back1.people.less, back1.people.more]).toEqual([false, true])
    }
    // The page's links (the route): "next" after the last person shown, "previous" before the
    // first, the page number carried along; a key of the wrong shape is ignored with a message.
    const cookie = (await createSession(boss.id, {})).split(';')[0]!
    const load = async (path: string) =>
      (await (dashboardPage.loader as unknown as Loader)({
        request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      })) as Page & { people: { rows: { userId: string }[] }; filterResult?: unknown }
    const first = await load('/supervisi?filter=gap')
    expect(first.people).toMatchObject({ page: 1, prev: null })
    expect(first.people.next).toBe(first.people.rows.at(-1)!.userId)
    const second = await load(`/supervisi?filter=gap&after=${first.people.next}&page=2`)
    expect(second.people.page).toBe(2)
    expect(second.people.prev).toBe(second.people.rows[0]!.userId)
    const back = await load(`/supervisi?filter=gap&before=${second.people.prev}&page=1`)
    expect(ids(back.people.rows)).toEqual(ids(first.people.rows))
    const bad = await load('/supervisi?after=..%2F..%2Fx')
    expect(ids(bad.people.rows)).toEqual(ids((await load('/supervisi')).people.rows))
    expect(JSON.stringify(bad.filterResult)).toContain('filter.invalidValue')
    // A person of another scope (or no one) as the key: an empty page, nothing of theirs.
    for (const key of [stranger.id, 'c' + 'x'.repeat(24)]) {
      const after = await dashboardView(boss, { after: key })
      const before = await dashboardView(boss, { before: key })
      expect(after.people.rows).toEqual([])
      expect(before.people.rows).toEqual([])
    }
  })
})

type Loader = (args: { request: Request; params: object; context: object }) => Promise<unknown>
type Page = {
  sections: { id: string; html: string | null } | null
  people: { next: string | null; prev: string | null; page: number }
}

describe('dashboard page: scope sections rendered once per refresh', () => {
  const session = async (id: string) => (await createSession(id, {})).split(';')[0]!
  const open = async (cookie: string, path = '/supervisi', context: object = {}) =>
    (await (dashboardPage.loader as unknown as Loader)({
      request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
      params: {},
      context,
    })) as Page

  it('differs per scope and language, changes when the aggregates refresh, and goes out once', async () => {
    const opd = await someOpd()
    const a = await makeUnit(opd, 'Bidang Uji Tampilan A')
    const a1 = await makeUnit(a, 'Subbagian Uji A1')
    const b = await makeUnit(opd, 'Bidang Uji Tampilan B')
    const b1 = await makeUnit(b, 'Subbagian Uji B1')
    await placePeople(a1.id, 4, (i) => `Uji A ${i}`)
    await placePeople(b1.id, 2, (i) => `Uji B ${i}`)
    const bossA = await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: a.code })
    const bossB = await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: b.code })
    const admin = await createTestUser({ roles: ['ADMIN', 'ASN'] })
    const [cookieA, cookieB, cookieAdmin] = await Promise.all(
      [bossA, bossB, admin].map((u) => session(u.id)),
    )
    await refreshDashboard()
    clearScopeSections()

    const pageA = await open(cookieA)
    const htmlA = pageA.sections!.html!
    expect(htmlA).toContain('Subbagian Uji A1')
    expect(htmlA).toContain(`unit=${a1.id}`)
    // B's supervisor, after A's sections were kept: B's own, nothing of A's subtree.
    const htmlB = (await open(cookieB)).sections!.html!
    expect(htmlB).toContain('Subbagian Uji B1')
    expect(htmlB).not.toContain(a.id)
    expect(htmlB).not.toContain(a1.id)
    expect(htmlB).not.toContain('Subbagian Uji A1')
    // B asking for A's unit is refused before anything cached is looked at.
    const refused = await open(cookieB, `/supervisi?unit=${a.id}`).catch((e: unknown) => e)
    // (withAppErrors throws the coded refusal as `data(payload, { status })`.)
    expect((refused as { init?: { status?: number } }).init?.status).toBe(403)
    // The same unit seen by an admin: the same sections (they depend on the unit only).
    expect((await open(cookieAdmin, `/supervisi?unit=${a.id}`)).sections!.html).toBe(htmlA)
    // Kept: the next request for A finds the same version and the same markup.
    const kept = cachedScopeSections(a.id, 'id')!
    expect(kept.html).toBe(htmlA)
    expect((await open(cookieA)).sections!.html).toBe(htmlA)

    // Per language.
    const english = (await open(cookieA, '/supervisi?lng=en')).sections!.html!
    expect(english).toContain('Competency gap heatmap')
    expect(htmlA).toContain('Peta kesenjangan kompetensi')
    expect(english).not.toBe(htmlA)
    expect(cachedScopeSections(a.id, 'id')!.html).toBe(htmlA)

    // Facts change: the sections stay as they were until the aggregates are rebuilt ...
    await prisma.unit.update({ where: { id: a1.id }, data: { name: 'Subbagian Uji A1 Baru' } })
    expect((await open(cookieA)).sections!.html).toBe(htmlA)
    // ... and follow the refresh, in each language.
    await refreshDashboard()
    const after = (await open(cookieA)).sections!.html!
    expect(after).toContain('Subbagian Uji A1 Baru')
    expect(cachedScopeSections(a.id, 'id')!.version).not.toBe(kept.version)
    expect((await open(cookieA, '/supervisi?lng=en')).sections!.html).toContain(
      'Subbagian Uji A1 Baru',
    )

    // A document request: the markup waits in the request's context for the render, and the
    // route data carries only the fragment's id (the markup goes to the browser once).
    const fragments = new Map<string, string>()
    const doc = await open(cookieA, '/supervisi', { fragments })
    expect(doc.sections).toEqual({ id: 'scope-sections', html: null })
    expect(fragments.get('scope-sections')).toBe(after)
  })
})
