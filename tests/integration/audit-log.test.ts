// The audit log (issue 13 item 7): entries cannot be changed or removed (database trigger), sensitive
// actions write an entry (role changes, assignments, regrades, unit changes), and the admin view
// filters by actor, action, record and WIB date range, page by page.
import { afterAll, describe, expect, it } from 'vitest'
import { loader } from '~/routes/admin.audit'
import { audit, auditView } from '~/models/audit.server'
import { assignCourse } from '~/models/supervision.server'
import { updateUser } from '~/models/user.server'
import { requestRegrade } from '~/jobs/regrade-quiz.server'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'

afterAll(() => redis().disconnect())

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of entries, even by the app database user', async () => {
    const { id } = await audit(prisma, {
      actorId: null,
      action: 'test.entry',
      entityType: 'Test',
      entityId: 'x',
      after: { v: 1 },
    })
    await expect(
      prisma.$executeRaw`UPDATE "AuditLog" SET action = 'test.changed' WHERE id = ${id}`,
    ).rejects.toThrow(/append-only/)
    await expect(prisma.$executeRaw`DELETE FROM "AuditLog" WHERE id = ${id}`).rejects.toThrow(
      /append-only/,
    )
    await expect(prisma.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/)
    await expect(
      prisma.auditLog.update({ where: { id }, data: { entityId: 'y' } }),
    ).rejects.toThrow()
    const row = await prisma.auditLog.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ action: 'test.entry', entityId: 'x' })
  })
})

describe('sensitive actions write entries', () => {
  it('a role change is user.roles with before and after; another edit is user.update', async () => {
    const admin = await createTestUser({ roles: ['ADMIN', 'ASN'] })
    const u = await prisma.user.findUniqueOrThrow({
      where: { id: (await createTestUser()).id },
      include: { unit: true },
    })
    const form = {
      nip: u.nip,
      name: u.name,
      email: u.email,
      employeeKind: u.employeeKind,
      unitId: u.unitId ?? undefined,
      jabatanId: u.jabatanId ?? undefined,
      supervisorNip: undefined,
      roles: ['ASN', 'SUPERVISOR'] as ('ASN' | 'SUPERVISOR')[],
    }
    await updateUser(u.id, form as never, { actorId: admin.id, ip: '10.9.9.9' })
    await updateUser(u.id, { ...form, name: `${u.name} Baru` } as never, { actorId: admin.id })
    const entries = await prisma.auditLog.findMany({
      where: { entityType: 'User', entityId: u.id },
      orderBy: { at: 'asc' },
    })
    expect(entries.map((e) => e.action)).toEqual(['user.roles', 'user.update'])
    expect(entries[0]!.before).toMatchObject({ roles: ['ASN'] })
    expect(entries[0]!.after).toMatchObject({ roles: ['ASN', 'SUPERVISOR'] })
    expect(entries[0]!).toMatchObject({ actorId: admin.id, ip: '10.9.9.9' })
  })

  it('an assignment and a regrade are audited in their own transaction', async () => {
    const boss = await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: 'BPKAD' })
    const person = await createTestUser({ unitCode: 'BPKAD.AKT' })
    const course = await prisma.course.findFirstOrThrow({ select: { id: true } })
    const dueAt = new Date(Date.UTC(2031, 0, 15))
    const viewer = { id: boss.id, roles: boss.roles, unit: boss.unit }
    const a = await assignCourse(viewer, { userId: person.id, courseId: course.id, dueAt })
    await assignCourse(viewer, {
      userId: person.id,
      courseId: course.id,
      dueAt: new Date(Date.UTC(2031, 1, 15)),
    })
    const entries = await prisma.auditLog.findMany({
      where: { entityType: 'CourseAssignment', entityId: a.id },
      orderBy: { at: 'asc' },
    })
    expect(entries.map((e) => e.action)).toEqual(['assignment.create', 'assignment.update'])
    expect(entries[1]!.before).toMatchObject({ dueAt: dueAt.toISOString() })

    // Refused outside the scope: nothing written.
    const stranger = await createTestUser({ unitCode: 'DISKOMINFO' })
    const before = await prisma.auditLog.count()
    await expect(
      assignCourse(viewer, { userId: stranger.id, courseId: course.id, dueAt }),
    ).rejects.toThrow()
    expect(await prisma.auditLog.count()).toBe(before)

    const teacher = await createTestUser({ roles: ['ADMIN', 'INSTRUCTOR'] })
    const quiz = await prisma.quiz.findFirstOrThrow({ select: { id: true } })
    const { regradeId } = await requestRegrade(quiz.id, {
      id: teacher.id,
      roles: ['ADMIN', 'INSTRUCTOR'],
    })
    const r = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'quiz.regrade', entityId: quiz.id, actorId: teacher.id },
    })
    expect(r.after).toMatchObject({ regradeId })
  })
})

describe('/admin/audit', () => {
  it('filters by actor, action, record and WIB day range, and pages', async () => {
    const actor = await createTestUser({ roles: ['ADMIN', 'ASN'] })
    const entity = `E${Date.now()}`
    // 17:00 UTC on 1 March is 00:00 WIB on 2 March.
    const edge = new Date(Date.UTC(2030, 2, 1, 17, 0, 0))
    for (let i = 0; i < 55; i++)
      await audit(prisma, {
        actorId: actor.id,
        action: 'test.page',
        entityType: 'TestPaging',
        entityId: entity,
        at: new Date(edge.getTime() + i * 1000),
      })
    await audit(prisma, {
      actorId: actor.id,
      action: 'test.page',
      entityType: 'TestPaging',
      entityId: entity,
      at: new Date(edge.getTime() - 1),
    })
    const p1 = await auditView({ actor: actor.nip, entityType: 'TestPaging' }, 1)
    expect(p1.total).toBe(56)
    expect(p1.pages).toBe(2)
    expect(p1.entries).toHaveLength(50)
    expect(p1.entries[0]!.actor).toMatchObject({ id: actor.id, nip: actor.nip })

    const cookie = (await createSession(actor.id, {})).split(';')[0]!
    const get = (q: string) =>
      loader({
        request: new Request(`http://localhost/admin/audit?${q}`, { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      })
    const onSecond = await get(`entityId=${entity}&from=2030-03-02&to=2030-03-02`)
    expect(onSecond.total).toBe(55)
    const onFirst = await get(`entityId=${entity}&from=2030-03-01&to=2030-03-01`)
    expect(onFirst.total).toBe(1)
    const page2 = await get(`entityId=${entity}&action=test.page&page=2`)
    expect(page2.entries).toHaveLength(6)
    const byEmail = await get(`actor=${encodeURIComponent(actor.email)}&entity=TestPaging`)
    expect(byEmail.total).toBe(56)
    const nobody = await get(`actor=tidak-ada-orang-ini&entity=TestPaging`)
    expect(nobody.total).toBe(0)
    // Malformed filters are dropped, not a 500.
    const junk = await get(`from=kemarin&page=-4&action=${encodeURIComponent("x' OR 1=1")}`)
    expect(junk.page).toBe(1)

    const asn = await createTestUser()
    const asnCookie = (await createSession(asn.id, {})).split(';')[0]!
    await expect(
      loader({
        request: new Request('http://localhost/admin/audit', { headers: { Cookie: asnCookie } }),
        params: {},
        context: {},
      }),
    ).rejects.toMatchObject({ status: 403 })
  })
})
