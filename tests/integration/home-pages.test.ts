// The home page's contents (issue 13 item 8), read through the route's loader: "continue
// learning" gives the NEXT unfinished lesson of each active course (not the first, nothing of a
// finished course), assigned courses come soonest due first with overdue judged at the request
// time, and a supervisor sees exactly the people who need attention (below 20 JP this year or with
// an overdue assignment), in the order shown, nobody outside their scope.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { jakartaCalendar, jakartaYear } from '~/domain/time'
import { enrol, markTextLessonDone } from '~/models/course.server'
import type { homeData } from '~/models/home.server'
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
    // Judged at the time the request arrived: due at 00:00 WIB yesterday is overdue from that
    // instant on, not a millisecond before.
    const atDue = await openHome(me.id, yesterday)
    expect(atDue.learner!.assigned.map((a) => a.overdue)).toEqual([true, false, false])
    const justBefore = await openHome(me.id, new Date(yesterday.getTime() - 1))
    expect(justBefore.learner!.assigned.map((a) => a.overdue)).toEqual([false, false, false])

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

  it("a supervisor's people needing attention: below 20 JP or overdue, in order, only the scope", async () => {
    const year = jakartaYear(new Date())
    const unit = await freshUnit('Bidang Uji Perhatian')
    const elsewhere = await freshUnit('Bidang Uji Perhatian Lain')
    const boss = await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: unit.code })
    const named = async (name: string, unitCode: string, supervisorId?: string) => {
      const u = await createTestUser({ unitCode, supervisorId })
      return prisma.user.update({ where: { id: u.id }, data: { name }, select: { id: true } })
    }
    const a = await named('Perhatian A', unit.code) // 19 JP
    const b = await named('Perhatian B', unit.code) // 20 JP, one overdue
    const c = await named('Perhatian C', unit.code) // 25 JP, due tomorrow: fine
    const d = await named('Perhatian D', unit.code) // no JP
    const report = await named('Perhatian F', elsewhere.code, boss.id) // direct report, 5 JP
    const stranger = await named('Perhatian E', elsewhere.code) // outside, no JP, overdue
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
    const k = await course('keamanan-digital-asn')
    await prisma.courseAssignment.createMany({
      data: [
        { userId: b.id, courseId: k.id, dueAt: jakartaDayStart(-1) },
        { userId: c.id, courseId: k.id, dueAt: jakartaDayStart(1) },
        { userId: stranger.id, courseId: k.id, dueAt: jakartaDayStart(-1) },
      ],
    })

    const data = await openHome(boss.id)
    const attention = data.supervisor!.attention
    // Overdue first, then the fewest JP first.
    expect(attention.people.map((p) => [p.name, p.jp, p.overdue])).toEqual([
      ['Perhatian B', 20, 1],
      ['Perhatian D', 0, 0],
      ['Perhatian F', 5, 0],
      ['Perhatian A', 19, 0],
    ])
    expect(attention.people.map((p) => p.id)).toEqual([b.id, d.id, report.id, a.id])
    expect(attention.total).toBe(4)
    expect(attention.target).toBe(20)
    expect(attention.people.map((p) => p.id)).not.toContain(stranger.id)
    expect(attention.people.map((p) => p.id)).not.toContain(boss.id)
    // The team count: the unit's people and the direct report, not the boss.
    expect(data.supervisor!.people).toBe(5)
  })
})
