// The profile page's competency tables are markup its loader makes (decision 125): in a document
// request they go into the page once (the route data carries only the fragment's id), in a
// client-side navigation (no fragment map) the markup travels in the data. Their history charts
// run to the time the request arrived (not to whenever it rendered), so the same request always
// draws the same path.
import { afterAll, describe, expect, it } from 'vitest'
import * as profile from '~/routes/profile'
import { lngCookie } from '~/i18next.server'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'

afterAll(() => redis().disconnect())

type Data = {
  competencies: { id: string; html: string | null }
  profile: Record<string, unknown> & { target: { id: string; name: string } | null }
  jabatan: { id: string; name: string }[]
  targetResult: { status?: string; error?: Record<string, string[] | null> } | undefined
}

async function learnerWithHistory() {
  const learner = await createTestUser()
  const competency = await prisma.competency.findFirstOrThrow({ orderBy: { code: 'asc' } })
  const t0 = new Date(Date.now() - 30 * 86_400_000)
  await prisma.competencyRating.create({
    data: {
      userId: learner.id,
      competencyId: competency.id,
      level: 2,
      ratedAt: t0,
      provenance: {},
    },
  })
  // Two steps: level 1 thirty days ago, level 2 ten days ago.
  for (const [level, daysAgo] of [
    [1, 30],
    [2, 10],
  ] as const)
    await prisma.competencyRatingHistory.create({
      data: {
        userId: learner.id,
        competencyId: competency.id,
        level,
        ratedAt: new Date(Date.now() - daysAgo * 86_400_000),
        evidenceKey: `uji-${level}`,
        provenance: {},
      },
    })
  return { learner, competency }
}

async function load(
  cookie: string,
  arrived: number,
  context: Record<string, unknown>,
  search = '',
) {
  return (await profile.loader({
    request: new Request(`http://localhost/profile${search}`, {
      headers: { Cookie: cookie, 'x-bina-received-at': String(arrived) },
    }),
    params: {},
    context,
  })) as unknown as Data
}

describe('profile loader', () => {
  it('sends the competency tables once: in the document, or in the data of a navigation', async () => {
    const { learner, competency } = await learnerWithHistory()
    const cookie = (await createSession(learner.id, {})).split(';')[0]!
    const fragments = new Map<string, string>()
    const doc = await load(cookie, Date.now(), { fragments })
    expect(doc.competencies).toEqual({ id: 'profile-competencies', html: null })
    expect(doc.profile).not.toHaveProperty('rows')
    const html = fragments.get('profile-competencies')!
    expect(html).toContain(`data-testid="row-${competency.code}"`)
    // The rows are not in the route data.
    expect(JSON.stringify(doc)).not.toContain(competency.code)

    const nav = await load(cookie, Date.now(), {})
    expect(nav.competencies.id).toBe('profile-competencies')
    expect(nav.competencies.html).toContain(`data-testid="row-${competency.code}"`)
  })

  it("draws the history charts to the request's arrival, not the time it ran", async () => {
    const { learner } = await learnerWithHistory()
    const cookie = (await createSession(learner.id, {})).split(';')[0]!
    const arrived = Date.now() - 40_000
    const first = (await load(cookie, arrived, {})).competencies.html!
    await new Promise((r) => setTimeout(r, 25))
    const again = (await load(cookie, arrived, {})).competencies.html!
    const earlier = (await load(cookie, arrived - 5 * 86_400_000, {})).competencies.html!
    const path = (html: string) => /<path d="([^"]+)"/.exec(html)?.[1]
    expect(path(first)).toBeDefined()
    expect(path(again)).toBe(path(first))
    // Five days earlier the second step sits further to the right: the chart ends at the arrival.
    const stepAt = (html: string) => Number(/ H ([\d.]+) V /.exec(path(html)!)?.[1])
    expect(stepAt(earlier)).toBeGreaterThan(stepAt(first))
  })

  it('speaks the language of the request', async () => {
    const { learner } = await learnerWithHistory()
    const cookie = (await createSession(learner.id, {})).split(';')[0]!
    const id = (await load(cookie, Date.now(), {})).competencies.html!
    const en = (await profile.loader({
      request: new Request('http://localhost/profile', {
        headers: { Cookie: `${cookie}; ${await lngCookie.serialize('en')}` },
      }),
      params: {},
      context: {},
    })) as unknown as Data
    expect(id).toContain('Kompetensi')
    expect(en.competencies.html).toContain('Competenc')
    expect(en.competencies.html).not.toBe(id)
  })

  it("compares with another jabatan; says so for an unknown one or the learner's own", async () => {
    const [own, other] = await prisma.jabatan.findMany({
      where: { standards: { some: {} } },
      orderBy: { name: 'asc' },
      take: 2,
      select: { id: true, name: true },
    })
    const learner = await createTestUser()
    await prisma.user.update({ where: { id: learner.id }, data: { jabatanId: own!.id } })
    const cookie = (await createSession(learner.id, {})).split(';')[0]!
    const at = Date.now()

    const plain = await load(cookie, at, {})
    // The own jabatan is not offered as something to compare with; every other one is.
    expect(plain.jabatan.map((j) => j.id)).not.toContain(own!.id)
    expect(plain.jabatan.map((j) => j.id)).toContain(other!.id)
    expect(plain.jabatan).toHaveLength((await prisma.jabatan.count()) - 1)
    expect(plain.targetResult).toBeUndefined()

    const compared = await load(cookie, at, {}, `?target=${other!.id}`)
    expect(compared.profile.target).toEqual({ id: other!.id, name: other!.name })
    expect(compared.targetResult).toBeUndefined()

    // Well-formed but unknown: the page still answers, without a target, and says why.
    const unknown = await load(cookie, at, {}, '?target=zzz')
    expect(unknown.profile.target).toBeNull()
    expect(unknown.targetResult?.status).toBe('error')
    expect(unknown.targetResult?.error?.target).toEqual(['filter.unknownOption'])

    // The learner's own jabatan: nothing to compare, and a message of its own.
    const self = await load(cookie, at, {}, `?target=${own!.id}`)
    expect(self.profile.target).toBeNull()
    expect(self.targetResult?.error?.target).toEqual(['filter.ownJabatan'])

    // A malformed value is still refused by the schema, with its own message.
    const bad = await load(cookie, at, {}, '?target=a%20b')
    expect(bad.targetResult?.error?.target).toEqual(['filter.unknownOption'])
  })
})
