import { describe, expect, it } from 'vitest'
import { canSupervise } from '~/models/org.server'
import { teamMember, teamOverview } from '~/models/team.server'
import { prisma } from '~/utils/db.server'
import { ForbiddenError } from '~/utils/errors'
import { createTestUser } from '../support/factories'

async function viewerOf(id: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id },
    select: { id: true, roles: true, unit: { select: { path: true } } },
  })
}

describe('supervisor scope', () => {
  it('covers the unit subtree and direct reports, and nobody else', async () => {
    const opd = await prisma.unit.findFirstOrThrow({
      where: { kind: 'OPD', children: { some: {} } },
      select: { code: true, children: { select: { code: true } } },
    })
    const childCode = opd.children[0]!.code
    const other = await prisma.unit.findFirstOrThrow({
      where: { kind: 'OPD', code: { not: opd.code } },
      select: { code: true },
    })

    const boss = await viewerOf(
      (await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: opd.code })).id,
    )
    const inChild = await createTestUser({ unitCode: childCode })
    const elsewhereReport = await createTestUser({ unitCode: other.code, supervisorId: boss.id })
    const stranger = await createTestUser({ unitCode: other.code })

    expect(await canSupervise(boss, inChild.id)).toBe(true)
    expect(await canSupervise(boss, elsewhereReport.id)).toBe(true)
    expect(await canSupervise(boss, stranger.id)).toBe(false)

    const overview = await teamOverview(boss)
    const ids = overview.people.map((p) => p.id)
    expect(ids).toContain(inChild.id)
    expect(ids).toContain(elsewhereReport.id)
    expect(ids).not.toContain(stranger.id)
    expect(ids).not.toContain(boss.id)

    const denied = await teamMember(boss, stranger.id).catch((e) => e)
    expect(denied).toBeInstanceOf(ForbiddenError)
    expect(denied.status).toBe(403)
    expect(denied.code).toBe('team.outOfScope')
  })

  it('gives a plain learner no supervisory reach', async () => {
    const opd = await prisma.unit.findFirstOrThrow({
      where: { kind: 'OPD' },
      select: { code: true },
    })
    const learner = await viewerOf((await createTestUser({ unitCode: opd.code })).id)
    const colleague = await createTestUser({ unitCode: opd.code })
    expect(await canSupervise(learner, colleague.id)).toBe(false)
  })
})
