// Training needs analysis and program composition (AKPK): the needs of a scope at the exact gap
// boundary and only inside the subtree; the assignment of thousands of people runs as a job, is
// idempotent when retried and recoverable when lost; progress moves as people finish.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { programAssignJob } from '~/jobs/program-assign.server'
import {
  addProgramItem,
  createProgram,
  itemProgress,
  needsAnalysis,
  needsAnalysisLive,
  startAssignment,
  unfinishedAssignments,
} from '~/models/program.server'
import { createNotificationFromJob } from '~/models/notification.server'
import { refreshDashboard } from '~/models/supervision.server'
import { programAssignedNotice } from '~/models/program-notice.server'
import { prisma } from '~/utils/db.server'
import { ConflictError, ForbiddenError, InvalidError } from '~/utils/errors'
import { createTestUser, uniqueNip } from '../support/factories'

const YEAR = 2027

async function viewerOf(id: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id },
    select: { id: true, roles: true, unit: { select: { path: true } } },
  })
}

/** A fresh subtree: scope S with child C, and an outside sibling X; a fresh jabatan J. */
async function world() {
  const tag = randomUUID().slice(0, 8)
  const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } })
  const mk = async (code: string, parent: { id: string; path: string; depth: number }) => {
    const id = `u${tag}${code}`
    return prisma.unit.create({
      data: {
        id,
        code: `T${tag}.${code}`,
        name: `Unit ${code} ${tag}`,
        kind: 'BIDANG',
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
      },
    })
  }
  const s = await mk('S', root)
  const c = await mk('C', s)
  const x = await mk('X', root)
  const [k1, k2] = await prisma.competency.findMany({ orderBy: { code: 'asc' }, take: 2 })
  const j = await prisma.jabatan.create({
    data: {
      code: `J${tag}`,
      name: `Jabatan ${tag}`,
      kind: 'PELAKSANA',
      standards: {
        create: [
          { competencyId: k1!.id, requiredLevel: 3 },
          { competencyId: k2!.id, requiredLevel: 2 },
        ],
      },
    },
  })
  const course = await prisma.courseCompetency.findFirstOrThrow({
    where: { course: { status: 'PUBLISHED', currentVersionId: { not: null } } },
    select: { courseId: true, competencyId: true },
  })
  const admin = await viewerOf((await createTestUser({ roles: ['ADMIN'] })).id)
  return { tag, s, c, x, k1: k1!, k2: k2!, j, admin, courseId: course.courseId }
}

async function person(unitId: string, jabatanId: string, kind: 'PNS' | 'PPPK' = 'PNS') {
  const nip = uniqueNip()
  return prisma.user.create({
    data: {
      nip,
      name: `Uji ${nip}`,
      email: `${nip}-${randomUUID().slice(0, 6)}@uji.go.id`,
      unitId,
      jabatanId,
      employeeKind: kind,
    },
  })
}

async function rate(userId: string, competencyId: string, level: number) {
  await prisma.competencyRating.upsert({
    where: { userId_competencyId: { userId, competencyId } },
    create: { userId, competencyId, level, ratedAt: new Date(), provenance: {} },
    update: { level },
  })
}

async function credit(userId: string, year: number, jp: number) {
  await prisma.jpCredit.create({
    data: { userId, year, jp, sourceType: 'TEST', sourceId: randomUUID(), title: 'uji' },
  })
}

describe('needs analysis', () => {
  it('counts a gap only below the standard, inside the subtree, and the JP shortfall of the year', async () => {
    const w = await world()
    const atStandard = await person(w.s.id, w.j.id) // K1 = 3 (required 3): no gap
    const oneBelow = await person(w.c.id, w.j.id) // K1 = 2: gap 1
    await person(w.c.id, w.j.id) // unmeasured: no rating: gap 3 (and 2 in K2)
    const outside = await person(w.x.id, w.j.id) // outside the scope
    const pppk = await person(w.c.id, w.j.id, 'PPPK')
    await rate(atStandard.id, w.k1.id, 3)
    await rate(atStandard.id, w.k2.id, 5)
    await rate(oneBelow.id, w.k1.id, 2)
    await rate(oneBelow.id, w.k2.id, 2)
    await rate(outside.id, w.k1.id, 1)
    await rate(pppk.id, w.k1.id, 4)
    await rate(pppk.id, w.k2.id, 2)
    await credit(atStandard.id, YEAR, 20) // exactly 20: no shortfall
    await credit(oneBelow.id, YEAR, 19) // 1 short
    await credit(oneBelow.id, YEAR - 1, 30) // another year: does not count
    await credit(outside.id, YEAR, 0)

    // Read from the aggregates the workers maintain.
    await refreshDashboard()
    const r = await needsAnalysis(w.admin, w.s.id, YEAR)
    expect(r.computedAt).toBeInstanceOf(Date)
    const k1 = r.needs.find((n) => n.competencyId === w.k1.id)!
    expect(k1).toMatchObject({ people: 4, below: 2, gapSum: 4 })
    expect(k1.byUnit.find((u) => u.unitId === w.c.id)).toMatchObject({
      people: 3,
      below: 2,
      gapSum: 4,
    })
    expect(k1.byUnit.find((u) => u.unitId === w.s.id)).toMatchObject({ people: 1, below: 0 })
    expect(k1.byUnit.some((u) => u.unitId === w.x.id)).toBe(false)
    expect(k1.byJabatan).toEqual([
      { jabatanId: w.j.id, name: w.j.name, people: 4, below: 2, gapSum: 4 },
    ])
    const k2 = r.needs.find((n) => n.competencyId === w.k2.id)!
    expect(k2).toMatchObject({ people: 4, below: 1, gapSum: 2 })
    // 4 people in scope, 3 PNS; shortfall: 0 + 1 + 20 (the PPPK has a ceiling, not a minimum).
    expect(r.jp).toEqual({ people: 4, pns: 3, pnsBelow: 2, shortfall: 21 })

    // The subtree of C alone: the person at standard (in S) is out.
    const child = await needsAnalysis(w.admin, w.c.id, YEAR)
    expect(child.needs.find((n) => n.competencyId === w.k1.id)).toMatchObject({
      people: 3,
      below: 2,
    })

    // Only the program team (admin) may read it.
    const boss = await viewerOf(
      (await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: w.s.code })).id,
    )
    await expect(needsAnalysis(boss, w.s.id, YEAR)).rejects.toBeInstanceOf(ForbiddenError)
  })
})

describe('needs from the aggregates', () => {
  it('equal the live computation for every scope size and year', async () => {
    const w = await world()
    // A second jabatan with a standard in K1 and a third competency; a grandchild unit.
    const [, , k3] = await prisma.competency.findMany({ orderBy: { code: 'asc' }, take: 3 })
    const j2 = await prisma.jabatan.create({
      data: {
        code: `J2${w.tag}`,
        name: `Jabatan Dua ${w.tag}`,
        kind: 'FUNGSIONAL',
        standards: {
          create: [
            { competencyId: w.k1.id, requiredLevel: 4 },
            { competencyId: k3!.id, requiredLevel: 1 },
          ],
        },
      },
    })
    const g = await prisma.unit.create({
      data: {
        id: `u${w.tag}G`,
        code: `T${w.tag}.G`,
        name: `Unit G ${w.tag}`,
        kind: 'SUBBAGIAN',
        parentId: w.c.id,
        path: `${w.c.path}u${w.tag}G/`,
        depth: w.c.depth + 1,
      },
    })
    const people = [
      await person(w.s.id, w.j.id),
      await person(w.s.id, j2.id, 'PPPK'),
      await person(w.c.id, w.j.id),
      await person(w.c.id, j2.id),
      await person(g.id, j2.id),
      await person(g.id, w.j.id, 'PPPK'),
      await person(w.x.id, j2.id),
    ]
    // Levels below, at and above the standards, and unmeasured ones.
    const levels = [3, 0, 2, 4, 5, 1, 2]
    for (const [i, p] of people.entries()) {
      if (levels[i]) await rate(p.id, w.k1.id, levels[i]!)
      if (i % 2 === 0) await rate(p.id, w.k2.id, 1 + (i % 3))
      if (i % 3 === 0) await rate(p.id, k3!.id, 1)
      await credit(p.id, YEAR, [0, 20, 19, 25, 8, 30, 3][i]!)
      if (i % 2) await credit(p.id, YEAR - 1, 21)
    }
    // Not counted: an inactive person, and someone without a jabatan (counted in JP only).
    await prisma.user.update({
      where: { id: (await person(w.c.id, w.j.id)).id },
      data: { active: false },
    })
    const noJabatan = await prisma.user.create({
      data: {
        nip: uniqueNip(),
        name: 'Tanpa Jabatan',
        email: `tanpa-${w.tag}@uji.go.id`,
        unitId: g.id,
      },
    })
    await credit(noJabatan.id, YEAR, 4)

    await refreshDashboard()
    const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } })
    for (const scope of [w.s.id, w.c.id, g.id, w.x.id, root.id])
      for (const year of [YEAR, YEAR - 1, YEAR + 3]) {
        const { computedAt, ...fast } = await needsAnalysis(w.admin, scope, year)
        expect(computedAt).toBeInstanceOf(Date)
        expect(fast).toEqual(await needsAnalysisLive(w.admin, scope, year))
      }
    // The fixture's figures themselves, for S: K1 over 6 people of two jabatan.
    const s = await needsAnalysis(w.admin, w.s.id, YEAR)
    const k1 = s.needs.find((n) => n.competencyId === w.k1.id)!
    // Required 3 (J) or 4 (J2): levels 3/J ok, 0/J2 gap 4, 2/J gap 1, 4/J2 ok, 5/J2 ok, 1/J gap 2.
    expect(k1).toMatchObject({ people: 6, below: 3, gapSum: 7 })
    expect(k1.byUnit.map((u) => [u.unitId, u.people, u.below])).toEqual([
      [w.c.id, 4, 2],
      [w.s.id, 2, 1],
    ])
    // PNS in S: 4 with JP 0, 19, 25, 8 this year (+ the one without jabatan: 4).
    expect(s.jp).toEqual({ people: 7, pns: 5, pnsBelow: 4, shortfall: 20 + 1 + 12 + 16 })

    // Facts change: the aggregates follow at the next refresh, equal to live again.
    await rate(people[1]!.id, w.k1.id, 4)
    await credit(people[2]!.id, YEAR, 1)
    await refreshDashboard()
    const { computedAt: _c, ...again } = await needsAnalysis(w.admin, w.s.id, YEAR)
    expect(again).toEqual(await needsAnalysisLive(w.admin, w.s.id, YEAR))
    expect(again.needs.find((n) => n.competencyId === w.k1.id)).toMatchObject({ below: 2 })
    expect(again.jp.shortfall).toBe(20 + 12 + 16)
  }, 60_000)
})

describe('program assignment', () => {
  it('enrols a target group of thousands as a job, idempotently, and tracks progress', async () => {
    const w = await world()
    const N = 3_000
    // N people in C: every third at the K1 standard (no gap), the rest one level below.
    await prisma.$executeRaw`
      INSERT INTO "User" (id, nip, name, email, "unitId", "jabatanId", "updatedAt")
      SELECT ${w.tag} || '-' || g, ${w.tag} || lpad(g::text, 10, '0'), 'Massal ' || g,
             ${w.tag} || '-' || g || '@massal.go.id', ${w.c.id}, ${w.j.id}, now()
      FROM generate_series(1, ${N}::int) g`
    await prisma.$executeRaw`
      INSERT INTO "CompetencyRating" ("userId", "competencyId", level, "ratedAt", provenance)
      SELECT ${w.tag} || '-' || g, ${w.k1.id}, CASE WHEN g % 3 = 0 THEN 3 ELSE 2 END, now(), '{}'::jsonb
      FROM generate_series(1, ${N}::int) g`
    const withGap = N - Math.floor(N / 3)
    // Someone in the scope but outside the target unit, and someone who already finished the course.
    const inS = await person(w.s.id, w.j.id)
    const already = `${w.tag}-1`
    const course = await prisma.course.findUniqueOrThrow({ where: { id: w.courseId } })
    await prisma.enrolment.create({
      data: {
        userId: already,
        courseId: w.courseId,
        courseVersionId: course.currentVersionId!,
        status: 'COMPLETED',
        completedAt: new Date(),
      },
    })

    const program = await createProgram(w.admin, {
      name: `AKPK ${w.tag}`,
      year: YEAR,
      scopeUnitId: w.s.id,
    })
    const base = {
      courseId: w.courseId,
      competencyId: w.k1.id,
      targetJabatanId: null,
      method: 'ELEARNING' as const,
      provider: 'BPSDM Provinsi Jambi',
      startsOn: new Date('2027-02-01T00:00:00Z'),
      endsOn: new Date('2027-03-31T00:00:00Z'),
      dueAt: new Date('2027-03-31T00:00:00Z'),
      jp: 12,
      budget: 15_000_000,
      fundingSource: 'APBD',
    }
    // A target unit outside the program scope is refused.
    await expect(
      addProgramItem(w.admin, program.id, { ...base, targetUnitId: w.x.id, onlyWithGap: true }),
    ).rejects.toBeInstanceOf(InvalidError)
    const item = await addProgramItem(w.admin, program.id, {
      ...base,
      targetUnitId: w.c.id,
      onlyWithGap: true,
    })

    await startAssignment(w.admin, item.id)
    // The request only recorded the job: nobody is enrolled yet, the job waits in the outbox.
    expect(await prisma.programMember.count({ where: { itemId: item.id } })).toBe(0)
    const outbox = await prisma.outboxMessage.findMany({
      where: { jobName: 'programAssign', payload: { equals: { itemId: item.id } } },
    })
    expect(outbox).toHaveLength(1)
    await expect(startAssignment(w.admin, item.id)).rejects.toBeInstanceOf(ConflictError)
    const audits = await prisma.auditLog.findMany({
      where: { entityType: 'Program', entityId: program.id },
      orderBy: { at: 'asc' },
    })
    expect(audits.map((a) => a.action)).toEqual([
      'program.create',
      'program.item.add',
      'program.item.assign',
    ])

    // A lost job is found by the recovery sweep.
    const later = new Date(Date.now() + 3_600_000)
    expect((await unfinishedAssignments(later, 100)).map((i) => i.id)).toContain(item.id)

    const first = (await programAssignJob.handler({ itemId: item.id })) as { added: number }
    expect(first.added).toBe(withGap)
    const members = await prisma.programMember.findMany({ where: { itemId: item.id } })
    expect(members).toHaveLength(withGap)
    expect(members.every((m) => m.gapBefore === 1)).toBe(true)
    expect(members.some((m) => m.userId === inS.id)).toBe(false)
    const memberIds = members.map((m) => m.userId)
    expect(
      await prisma.courseAssignment.count({
        where: { courseId: w.courseId, userId: { in: memberIds }, dueAt: base.dueAt },
      }),
    ).toBe(withGap)
    expect(
      await prisma.enrolment.count({
        where: { courseId: w.courseId, userId: { in: memberIds }, source: 'PROGRAM' },
      }),
    ).toBe(withGap - 1)
    // The one who had finished keeps their completed enrolment.
    expect(
      (
        await prisma.enrolment.findUniqueOrThrow({
          where: { userId_courseId: { userId: already, courseId: w.courseId } },
        })
      ).status,
    ).toBe('COMPLETED')
    const notices = () =>
      prisma.outboxMessage.count({
        where: { jobName: 'notify', payload: { path: ['kind'], equals: 'PROGRAM_ASSIGNED' } },
      })
    const noticesAfterFirst = await notices()
    expect(
      await prisma.outboxMessage.count({
        where: {
          jobName: 'notify',
          payload: { path: ['subjectId'], equals: members[0]!.id },
        },
      }),
    ).toBe(1)
    let item1 = await prisma.programItem.findUniqueOrThrow({ where: { id: item.id } })
    expect(item1).toMatchObject({ status: 'ASSIGNED', memberCount: withGap })

    // A retry (the job ran again after a crash it did not notice): nothing twice.
    await prisma.programItem.update({ where: { id: item.id }, data: { status: 'ASSIGNING' } })
    const again = (await programAssignJob.handler({ itemId: item.id })) as { added: number }
    expect(again.added).toBe(0)
    expect(await prisma.programMember.count({ where: { itemId: item.id } })).toBe(withGap)
    expect(await notices()).toBe(noticesAfterFirst)
    item1 = await prisma.programItem.findUniqueOrThrow({ where: { id: item.id } })
    expect(item1).toMatchObject({ status: 'ASSIGNED', memberCount: withGap })
    // Done: a late duplicate does nothing.
    expect(await programAssignJob.handler({ itemId: item.id })).toMatchObject({ added: 0 })

    // The notification a member receives names the course and the due date.
    await createNotificationFromJob({
      kind: 'PROGRAM_ASSIGNED',
      userId: members[0]!.userId,
      subjectId: members[0]!.id,
    })
    const note = await prisma.notification.findUniqueOrThrow({
      where: { dedupeKey: `PROGRAM_ASSIGNED:${members[0]!.id}` },
    })
    expect(note.params).toMatchObject({ course: course.title, due: '2027-03-31', jp: 12 })
    // The due date is the Jakarta day: a date entered as 15 April is stored as 00:00 WIB (17:00
    // UTC on 14 April) and the notice says 15 April, not the UTC day before.
    await prisma.programItem.update({
      where: { id: item.id },
      data: { dueAt: new Date('2027-04-15T00:00:00+07:00') },
    })
    expect((await programAssignedNotice(members[0]!.id))?.params.due).toBe('2027-04-15')
    await prisma.programItem.update({ where: { id: item.id }, data: { dueAt: base.dueAt } })

    // Progress: one had finished already; 100 more finish and reach the standard.
    let p = (await itemProgress(program.id)).get(item.id)!
    expect(p).toMatchObject({
      members: withGap,
      enrolled: withGap,
      completed: 1,
      jpEarned: 12,
      gapBefore: withGap,
      gapNow: withGap,
    })
    const finishers = memberIds.filter((id) => id !== already).slice(0, 100)
    await prisma.enrolment.updateMany({
      where: { courseId: w.courseId, userId: { in: finishers } },
      data: { status: 'COMPLETED', completedAt: new Date() },
    })
    await prisma.competencyRating.updateMany({
      where: { competencyId: w.k1.id, userId: { in: finishers } },
      data: { level: 3 },
    })
    p = (await itemProgress(program.id)).get(item.id)!
    expect(p).toMatchObject({
      completed: 101,
      jpEarned: 101 * 12,
      gapBefore: withGap,
      gapNow: withGap - 100,
    })
  }, 120_000)
})

describe('program target group by jabatan', () => {
  it('enrols exactly the active people of that jabatan in the target unit subtree', async () => {
    const w = await world()
    const other = await prisma.jabatan.create({
      data: { code: `J2${w.tag}`, name: `Jabatan lain ${w.tag}`, kind: 'PELAKSANA' },
    })
    // The target jabatan J: in S, in its child C (one with a gap in K1, one at the standard).
    const sJ = await person(w.s.id, w.j.id)
    const cJgap = await person(w.c.id, w.j.id)
    const cJok = await person(w.c.id, w.j.id, 'PPPK')
    await rate(cJgap.id, w.k1.id, 1)
    await rate(cJok.id, w.k1.id, 3)
    // Not in the group: another jabatan in S and C, no jabatan, inactive, J outside the scope.
    const sOther = await person(w.s.id, other.id)
    const cOther = await person(w.c.id, other.id)
    const cNone = await prisma.user.create({
      data: {
        nip: uniqueNip(),
        name: 'Tanpa jabatan',
        email: `none-${randomUUID()}@uji.go.id`,
        unitId: w.c.id,
      },
    })
    const cInactive = await person(w.c.id, w.j.id)
    await prisma.user.update({ where: { id: cInactive.id }, data: { active: false } })
    const xJ = await person(w.x.id, w.j.id)

    const program = await createProgram(w.admin, {
      name: `AKPK jabatan ${w.tag}`,
      year: YEAR,
      scopeUnitId: w.s.id,
    })
    const base = {
      courseId: w.courseId,
      competencyId: w.k1.id,
      targetJabatanId: w.j.id,
      method: 'ELEARNING' as const,
      provider: 'BPSDM Provinsi Jambi',
      startsOn: new Date('2027-02-01T00:00:00Z'),
      endsOn: new Date('2027-03-31T00:00:00Z'),
      dueAt: new Date('2027-03-31T00:00:00Z'),
      jp: 12,
      budget: 0,
      fundingSource: 'APBD',
    }
    const whole = await addProgramItem(w.admin, program.id, {
      ...base,
      targetUnitId: w.s.id,
      onlyWithGap: false,
    })
    const childOnly = await addProgramItem(w.admin, program.id, {
      ...base,
      targetUnitId: w.c.id,
      onlyWithGap: false,
    })
    const withGap = await addProgramItem(w.admin, program.id, {
      ...base,
      targetUnitId: w.s.id,
      onlyWithGap: true,
    })
    // A jabatan that does not exist is refused with its field.
    await expect(
      addProgramItem(w.admin, program.id, {
        ...base,
        targetJabatanId: 'no-such-jabatan',
        targetUnitId: w.s.id,
        onlyWithGap: false,
      }),
    ).rejects.toMatchObject({ status: 400 })

    const members = async (itemId: string) =>
      (await prisma.programMember.findMany({ where: { itemId }, select: { userId: true } }))
        .map((m) => m.userId)
        .sort()
    for (const item of [whole, childOnly, withGap]) {
      await startAssignment(w.admin, item.id)
      await programAssignJob.handler({ itemId: item.id })
    }
    // S with everything below it: the three of jabatan J, nobody else.
    expect(await members(whole.id)).toEqual([sJ.id, cJgap.id, cJok.id].sort())
    // C alone: its two of jabatan J.
    expect(await members(childOnly.id)).toEqual([cJgap.id, cJok.id].sort())
    // J with a gap in K1 (unmeasured counts as level 0): sJ (0 < 3) and cJgap (1 < 3).
    expect(await members(withGap.id)).toEqual([sJ.id, cJgap.id].sort())
    const items = await prisma.programItem.findMany({
      where: { id: { in: [whole.id, childOnly.id, withGap.id] } },
      select: { id: true, memberCount: true, status: true },
    })
    expect(Object.fromEntries(items.map((i) => [i.id, [i.memberCount, i.status]]))).toEqual({
      [whole.id]: [3, 'ASSIGNED'],
      [childOnly.id]: [2, 'ASSIGNED'],
      [withGap.id]: [2, 'ASSIGNED'],
    })

    // Enrolled and assigned: exactly the group; nobody outside it got the course.
    const enrolled = await prisma.enrolment.findMany({
      where: {
        courseId: w.courseId,
        userId: { in: [sJ, cJgap, cJok, sOther, cOther, cNone, cInactive, xJ].map((u) => u.id) },
      },
      select: { userId: true, source: true },
    })
    expect(enrolled.map((e) => e.userId).sort()).toEqual([sJ.id, cJgap.id, cJok.id].sort())
    expect(enrolled.every((e) => e.source === 'PROGRAM')).toBe(true)
    const assigned = await prisma.courseAssignment.findMany({
      where: {
        courseId: w.courseId,
        userId: { in: [sJ, cJgap, cJok, sOther, cOther, cNone, cInactive, xJ].map((u) => u.id) },
      },
      select: { userId: true, dueAt: true },
    })
    expect(assigned.map((a) => a.userId).sort()).toEqual([sJ.id, cJgap.id, cJok.id].sort())
    expect(assigned.every((a) => a.dueAt.getTime() === base.dueAt.getTime())).toBe(true)
  }, 60_000)
})
