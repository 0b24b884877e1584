// The home page's contents (issue 13 item 8), read through the route's loader: "continue
// learning" gives the NEXT unfinished lesson of each active course (not the first, nothing of a
// finished course), assigned courses come soonest due first with overdue judged at the request
// time, and a supervisor sees exactly the people who need attention (below 20 JP this year or with
// an overdue assignment), in the order shown, nobody outside their scope.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { jakartaCalendar, jakartaYear } from '~/domain/time'
import { enrol, markTextLessonDone } from '~/models/course.server'
import { peopleNeedingAttention, type homeData } from '~/models/home.server'
import * as home from '~/routes/_index'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { createTestUser } from '../support/factories'

type Loader = (args: { request: Request; params: object; context: object }) => Promise<unknown>
type HomeData = Awaited<ReturnType<typeof homeData>>

async function openHome(userId: string, at?: Date) {
  const cookie = (await createSession(userId, {})).split(';')[0]!
  const headers: Record<string, string> = { Cookie: cookie }
  if (at) headers['x-bina-received-at'] = String(at.getTime())
  return (await (home.loader as unknown as Loader)({
    request: new Request('http://localhost/', { headers }),
    params: {},
    context: {},
  })) as HomeData
}

async function freshUnit(name: string) {
  const opd = await prisma.unit.findFirstOrThrow({
    where: { kind: 'OPD' },
    orderBy: { code: 'asc' },
    select: { id: true, path: true, depth: true },
  })
  const u = await prisma.unit.create({
    data: {
      code: `H-${randomUUID().slice(0, 12)}`,
      name,
      kind: 'BIDANG',
      parentId: opd.id,
      path: '',
      depth: opd.depth + 1,
    },
  })
  return prisma.unit.update({
    where: { id: u.id },
    data: { path: `${opd.path}${u.id}/` },
    select: { id: true, code: true },
  })
}

/** 00:00 in Jakarta of the Jakarta day `days` from today (how a due date is stored). */
function jakartaDayStart(days: number, now = new Date()) {
  const c = jakartaCalendar(now)
  const ymd = new Date(Date.UTC(c.year, c.month - 1, c.day + days))
  return new Date(`${ymd.toISOString().slice(0, 10)}T00:00:00+07:00`)
}

const unitPath = (id: string) =>
  prisma.unit.findUniqueOrThrow({ where: { id }, select: { path: true } }).then((u) => u.path)

const course = (slug: string) =>
  prisma.course.findUniqueOrThrow({ where: { slug }, select: { id: true, title: true } })

describe('home page', () => {
  it('continue learning: the next unfinished lesson of each active course, no finished course', async () => {
    const unit = await freshUnit('Bidang Uji Beranda')
    const me = await createTestUser({ unitCode: unit.code })
    // Keamanan Digital: the first two lessons done, so the next is the third (not the first).
    await enrol(me.id, 'keamanan-digital-asn')
    await markTextLessonDone(me.id, 'keamanan-digital-asn', 'kata-sandi-yang-kuat')
    await markTextLessonDone(me.id, 'keamanan-digital-asn', 'autentikasi-multifaktor')
    // Pelayanan Publik: enrolled, nothing done yet: its first lesson.
    await enrol(me.id, 'pelayanan-publik-prima')
    // Keuangan Daerah: finished: not listed.
    await enrol(me.id, 'pengelolaan-keuangan-daerah')
    await prisma.enrolment.updateMany({
      where: { userId: me.id, course: { slug: 'pengelolaan-keuangan-daerah' } },
      data: { status: 'COMPLETED', completedAt: new Date() },
    })

    const data = await openHome(me.id)
    expect(
      data.learner!.next.map((n) => [n.courseSlug, n.nextSlug, n.nextTitle, n.done, n.total]),
    ).toEqual([
      // The course worked on most recently first.
      ['keamanan-digital-asn', 'mengenali-phishing', 'Mengenali Phishing', 2, expect.any(Number)],
      [
        'pelayanan-publik-prima',
        'dasar-pelayanan-publik',
        'Pelayanan Publik menurut UU 25/2009',
        0,
        expect.any(Number),
      ],
    ])
    expect(data.learner!.activeCourses).toBe(2)
    expect(data.learner!.completedCourses).toBe(1)

    // One more lesson done: the next moves on.
    await markTextLessonDone(me.id, 'keamanan-digital-asn', 'mengenali-phishing')
    const after = await openHome(me.id)
    expect(after.learner!.next[0]).toMatchObject({
      courseSlug: 'keamanan-digital-asn',
      nextSlug: 'video-lima-langkah-phishing',
      done: 3,
    })
  })

  it('assigned courses: soonest due first, overdue judged at the request time', async () => {
    const unit = await freshUnit('Bidang Uji Penugasan')
    const me = await createTestUser({ unitCode: unit.code })
    const [k, p, f] = await Promise.all([
      course('keamanan-digital-asn'),
      course('pelayanan-publik-prima'),
      course('pengelolaan-keuangan-daerah'),
    ])
    const yesterday = jakartaDayStart(-1)
    const tomorrow = jakartaDayStart(1)
    const later = jakartaDayStart(10)
    await prisma.courseAssignment.createMany({
      data: [
        { userId: me.id, courseId: p.id, dueAt: later },
        { userId: me.id, courseId: k.id, dueAt: tomorrow },
        { userId: me.id, courseId: f.id, dueAt: yesterday },
      ],
    })
    const data = await openHome(me.id)
    expect(
      data.learner!.assigned.map((a) => [a.courseSlug, a.dueAt.toISOString(), a.overdue]),
    ).toEqual([
      ['pengelolaan-keuangan-daerah', yesterday.toISOString(), true],
      ['keamanan-digital-asn', tomorrow.toISOString(), false],
      ['pelayanan-publik-prima', later.toISOString(), false],
    ])
    // Judged at the time the request arrived: due yesterday is overdue once yesterday is over in
    // Jakarta (00:00 WIB today), not during yesterday, even at its last millisecond.
    const today = jakartaDayStart(0)
    const atDue = await openHome(me.id, yesterday)
    expect(atDue.learner!.assigned.map((a) => a.overdue)).toEqual([false, false, false])
    const lastMs = await openHome(me.id, new Date(today.getTime() - 1))
    expect(lastMs.learner!.assigned.map((a) => a.overdue)).toEqual([false, false, false])
    const dayOver = await openHome(me.id, today)
    expect(dayOver.learner!.assigned.map((a) => a.overdue)).toEqual([true, false, false])

    // A completed course is not overdue, whatever its due date.
    await enrol(me.id, 'pengelolaan-keuangan-daerah')
    await prisma.enrolment.updateMany({
      where: { userId: me.id, courseId: f.id },
      data: { status: 'COMPLETED', completedAt: new Date() },
    })
    const done = await openHome(me.id)
    expect(done.learner!.assigned.map((a) => [a.courseSlug, a.completed, a.overdue])).toEqual([
      ['pengelolaan-keuangan-daerah', true, false],
      ['keamanan-digital-asn', false, false],
      ['pelayanan-publik-prima', false, false],
    ])
  })

  it("a supervisor's people needing attention: a PNS below 20 JP or overdue, in order, only the scope", async () => {
    const year = jakartaYear(new Date())
    const unit = await freshUnit('Bidang Uji Perhatian')
    const elsewhere = await freshUnit('Bidang Uji Perhatian Lain')
    const boss = await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: unit.code })
    const named = async (
      name: string,
      unitCode: string,
      supervisorId?: string,
      employeeKind: 'PNS' | 'PPPK' = 'PNS',
    ) => {
      const u = await createTestUser({ unitCode, supervisorId })
      return prisma.user.update({
        where: { id: u.id },
        data: { name, employeeKind },
        select: { id: true },
      })
    }
    const a = await named('Perhatian A', unit.code) // 19 JP
    const b = await named('Perhatian B', unit.code) // 20 JP, one overdue
    const c = await named('Perhatian C', unit.code) // 25 JP, due tomorrow: fine
    const d = await named('Perhatian D', unit.code) // no JP
    const report = await named('Perhatian F', elsewhere.code, boss.id) // direct report, 5 JP
    const stranger = await named('Perhatian E', elsewhere.code) // outside, no JP, overdue
    // PPPK have a maximum, not a minimum: 19 JP is not "below"; 30 JP counts as 24.
    const pppk19 = await named('Perhatian P19', unit.code, undefined, 'PPPK')
    const pppk30 = await named('Perhatian P30', unit.code, undefined, 'PPPK') // 30 JP, overdue
    // Due today: not overdue all of today.
    const dueToday = await named('Perhatian T', unit.code) // 22 JP
    const credit = (userId: string, jp: number, y = year) =>
      prisma.jpCredit.create({
        data: { userId, year: y, jp, sourceType: 'test', sourceId: randomUUID(), title: 'Uji' },
      })
    await credit(a.id, 19)
    await credit(a.id, 30, year - 1) // last year's: does not lift A
    await credit(b.id, 20)
    await credit(c.id, 25)
    await credit(report.id, 5)
    await credit(boss.id, 0)
    await credit(pppk19.id, 19)
    await credit(pppk30.id, 20)
    await credit(pppk30.id, 10)
    await credit(dueToday.id, 22)
    const k = await course('keamanan-digital-asn')
    await prisma.courseAssignment.createMany({
      data: [
        { userId: b.id, courseId: k.id, dueAt: jakartaDayStart(-1) },
        { userId: c.id, courseId: k.id, dueAt: jakartaDayStart(1) },
        { userId: stranger.id, courseId: k.id, dueAt: jakartaDayStart(-1) },
        { userId: pppk30.id, courseId: k.id, dueAt: jakartaDayStart(-2) },
        { userId: dueToday.id, courseId: k.id, dueAt: jakartaDayStart(0) },
      ],
    })

    const data = await openHome(boss.id)
    const attention = data.supervisor!.attention
    // Overdue first, then the fewest JP first.
    expect(attention.people.map((p) => [p.name, p.jp, p.overdue, p.below])).toEqual([
      ['Perhatian B', 20, 1, false],
      ['Perhatian P30', 24, 1, false],
      ['Perhatian D', 0, 0, true],
      ['Perhatian F', 5, 0, true],
      ['Perhatian A', 19, 0, true],
    ])
    expect(attention.people.map((p) => p.id)).toEqual([b.id, pppk30.id, d.id, report.id, a.id])
    expect(attention.total).toBe(5)
    expect(attention.target).toBe(20)
    const ids = attention.people.map((p) => p.id)
    expect(ids).not.toContain(stranger.id)
    expect(ids).not.toContain(boss.id)
    expect(ids).not.toContain(pppk19.id)
    expect(ids).not.toContain(dueToday.id)
    // The team count: the unit's people and the direct report, not the boss.
    expect(data.supervisor!.people).toBe(8)

    // The due-today person needs attention from 00:00 WIB tomorrow on, not at 23:59:59.999 today
    // (the model judges at the time it is given; a request's arrival is never in the future).
    const viewer = { id: boss.id, unit: { path: (await unitPath(unit.id))! } }
    const tomorrow = jakartaDayStart(1)
    const lastMs = await peopleNeedingAttention(viewer, new Date(tomorrow.getTime() - 1))
    expect(lastMs.total).toBe(5)
    expect(lastMs.people.map((p) => p.id)).not.toContain(dueToday.id)
    const next = await peopleNeedingAttention(viewer, tomorrow)
    expect(next.people.map((p) => [p.name, p.jp, p.overdue, p.below])).toEqual([
      ['Perhatian B', 20, 1, false],
      ['Perhatian T', 22, 1, false],
      ['Perhatian P30', 24, 1, false],
      ['Perhatian D', 0, 0, true],
      ['Perhatian F', 5, 0, true],
      ['Perhatian A', 19, 0, true],
    ])
    expect(next.total).toBe(6)
  })
})
