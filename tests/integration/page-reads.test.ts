// The pages' one-statement reads (docs/decisions/073-pages-without-the-orm.md) must show exactly
// what the ORM reads they replaced showed: the header's unread count, and the profile page
// (levels, gaps, target comparison, recommendations, JP ledger, jabatan list).
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { rateCompetency } from '~/models/grading.server'
import { competencyProfile, profilePage, recommendations } from '~/models/profile.server'
import { jpYear } from '~/domain/jp'
import { createSession, headerState } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { COURSE, finishLessons, takeQuiz } from '../support/learning'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

const pageRequest = (cookie: string) =>
  new Request('http://localhost/', {
    headers: { Cookie: cookie.split(';')[0]!, 'x-bina-received-at': String(Date.now()) },
  })

describe('header state', () => {
  it("counts only the reader's unread notifications, in the session read", async () => {
    const u = await createTestUser()
    const other = await createTestUser()
    await prisma.notification.createMany({
      data: [
        { userId: u.id, kind: 'test', title: 'a', body: 'a' },
        { userId: u.id, kind: 'test', title: 'b', body: 'b' },
        { userId: u.id, kind: 'test', title: 'c', body: 'c', readAt: new Date() },
        { userId: other.id, kind: 'test', title: 'd', body: 'd' },
      ],
    })
    const state = await headerState(pageRequest(await createSession(u.id, {})))
    expect(state.user?.id).toBe(u.id)
    expect(state.unread).toBe(2)
    expect(await headerState(new Request('http://localhost/'))).toEqual({ user: null, unread: 0 })
  })
})

describe('profile page read', () => {
  it('shows the levels, gaps, target, recommendations, ledger and jabatan the ORM reads showed', async () => {
    // A jabatan whose standard asks for a competency the course develops, above what a failed
    // quiz proves: a gap the course closes.
    const courseComps = await prisma.courseCompetency.findMany({
      where: { course: { slug: COURSE } },
      select: { competencyId: true },
    })
    const std = await prisma.jabatanStandard.findFirstOrThrow({
      where: {
        competencyId: { in: courseComps.map((c) => c.competencyId) },
        requiredLevel: { gt: 0 },
      },
      select: { jabatanId: true },
    })
    const u = await createTestUser()
    await prisma.user.update({ where: { id: u.id }, data: { jabatanId: std.jabatanId } })
    await finishLessons(u.id)
    const attemptId = await takeQuiz(u.id, false)
    await rateCompetency({ userId: u.id, attemptId })
    const year = jpYear(new Date())
    await prisma.jpCredit.create({
      data: {
        userId: u.id,
        year,
        jp: 3,
        sourceType: 'COURSE',
        sourceId: `test-${u.id}`,
        title: 'Pelatihan uji',
      },
    })

    const page = await profilePage(u.id)
    const { profile } = page
    expect(profile).toEqual(await competencyProfile(u.id))
    expect(profile.user).toMatchObject({ id: u.id, jabatanId: std.jabatanId })
    expect(profile.target).toBeNull()
    expect(profile.year).toBe(year)
    expect(profile.jp).toBe(3)

    // Rows: the standard's competencies and the rated ones, by code, with the gap to the standard.
    const standards = await prisma.jabatanStandard.findMany({ where: { jabatanId: std.jabatanId } })
    const ratings = await prisma.competencyRating.findMany({ where: { userId: u.id } })
    expect(ratings.length).toBeGreaterThan(0)
    const ids = new Set([
      ...standards.map((s) => s.competencyId),
      ...ratings.map((r) => r.competencyId),
    ])
    const codes = await prisma.competency.findMany({
      where: { id: { in: [...ids] } },
      orderBy: { code: 'asc' },
      select: { code: true },
    })
    expect(profile.rows.map((r) => r.code)).toEqual(codes.map((c) => c.code))
    for (const r of profile.rows) {
      const s = standards.find((x) => x.competencyId === r.id)
      expect(r.required).toBe(s?.requiredLevel ?? null)
      expect(r.gap).toBe(s ? Math.max(0, s.requiredLevel - r.current) : null)
      const rating = ratings.find((x) => x.competencyId === r.id)
      expect(r.ratedAt).toEqual(rating?.ratedAt ?? null)
    }
    // Evidence: the attempt, its course, and dates as dates.
    const withEvidence = profile.rows.filter((r) => r.evidence.length)
    expect(withEvidence.length).toBeGreaterThan(0)
    for (const r of withEvidence) {
      expect(r.evidence[0]).toMatchObject({ attemptId, number: 1 })
      expect(r.evidence[0]!.course).toMatch(/\S/)
      expect(r.evidence[0]!.takenAt).toBeInstanceOf(Date)
      expect(r.history.every((h) => h.ratedAt instanceof Date)).toBe(true)
    }

    // Some competencies only (the quiz result page): exactly those rows, as in the whole profile
    // but without their history; an evidence-less row and an unknown code change nothing.
    const some = [withEvidence[0]!, profile.rows.find((r) => !r.evidence.length)!].filter(Boolean)
    const only = await competencyProfile(u.id, { codes: [...some.map((r) => r.code), 'ZZ.99'] })
    expect(only.rows).toEqual(
      profile.rows.filter((r) => some.includes(r)).map((r) => ({ ...r, history: [] })),
    )
    expect(only.jp).toBe(profile.jp)

    // Recommendations: the same as the separate read; the course is among them (not completed).
    expect(page.recs).toEqual(await recommendations(u.id, profile))
    expect(page.recs.map((r) => r.slug)).toContain(COURSE)

    // This year's ledger and every jabatan, by name.
    expect(page.ledger).toEqual([
      expect.objectContaining({ jp: 3, title: 'Pelatihan uji', sourceType: 'COURSE' }),
    ])
    expect(page.ledger[0]!.createdAt).toBeInstanceOf(Date)
    const jabatan = await prisma.jabatan.findMany({
      select: { id: true, name: true, kind: true },
      orderBy: { name: 'asc' },
    })
    expect(page.jabatan).toEqual(jabatan)

    // A target jabatan: its standard beside the own one; the own jabatan or an unknown id is none.
    const other = jabatan.find((j) => j.id !== std.jabatanId)!
    const compared = (await profilePage(u.id, { targetJabatanId: other.id })).profile
    expect(compared.target).toEqual({ id: other.id, name: other.name })
    const otherStd = await prisma.jabatanStandard.findMany({ where: { jabatanId: other.id } })
    for (const r of compared.rows) {
      const s = otherStd.find((x) => x.competencyId === r.id)
      expect(r.targetRequired).toBe(s?.requiredLevel ?? null)
    }
    expect((await profilePage(u.id, { targetJabatanId: std.jabatanId })).profile.target).toBeNull()
    expect(
      (await profilePage(u.id, { targetJabatanId: 'no-such-jabatan' })).profile.target,
    ).toBeNull()
  })

  it("does not show another user's credits, evidence or enrolments", async () => {
    const u = await createTestUser()
    const page = await profilePage(u.id)
    expect(page.ledger).toEqual([])
    expect(page.profile.rows.every((r) => r.evidence.length === 0)).toBe(true)
    expect(page.profile.jp).toBe(0)
  })
})
