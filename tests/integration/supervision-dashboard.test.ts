// The supervisor dashboard read as one statement: the people list, totals and direct reports stay
// inside the supervisor's scope (scope.server.ts), and a unit outside it is a 403.
import { describe, expect, it } from 'vitest'
import { dashboard, personDetail, refreshDashboard } from '~/models/supervision.server'
import { prisma } from '~/utils/db.server'
import { createTestUser } from '../support/factories'

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
