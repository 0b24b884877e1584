import { describe, expect, it } from 'vitest'
import { rankRecommendations, type CandidateCourse } from '~/domain/recommendation'

const gaps = [
  { competencyId: 'm1', name: 'Integritas', current: 1, gap: 2 },
  { competencyId: 't1', name: 'Literasi Digital', current: 0, gap: 3 },
  { competencyId: 'ok', name: 'Komunikasi', current: 3, gap: 0 },
]
const course = (slug: string, jp: number, comps: [string, number][]): CandidateCourse => ({
  slug,
  title: slug.toUpperCase(),
  jp,
  competencies: comps.map(([competencyId, level]) => ({ competencyId, level })),
})

describe('rankRecommendations', () => {
  it('ranks by the total gap a course addresses and names the largest gap', () => {
    const r = rankRecommendations({
      gaps,
      courses: [
        course('a', 6, [['m1', 3]]),
        course('b', 6, [
          ['m1', 2],
          ['t1', 1],
        ]),
        course('c', 6, [['t1', 2]]),
      ],
      jpTarget: 20,
      jp: 8,
    })
    expect(r.map((x) => [x.slug, x.totalGap])).toEqual([
      ['b', 5],
      ['c', 3],
      ['a', 2],
    ])
    expect(r[0]!.reason).toEqual({
      code: 'GAP',
      gap: 3,
      competency: 'Literasi Digital',
      jp: { code: 'JP_LEFT', left: 12, target: 20 },
    })
  })

  it('skips courses that only reach the current level, or only touch competencies without gap', () => {
    const r = rankRecommendations({
      gaps,
      courses: [
        course('same', 4, [['m1', 1]]),
        course('nogap', 4, [['ok', 5]]),
        course('x', 4, []),
      ],
      jpTarget: 20,
      jp: 0,
    })
    expect(r).toEqual([])
  })

  it('breaks ties by how close the course JP is to the JP left', () => {
    const r = rankRecommendations({
      gaps,
      courses: [
        course('far', 12, [['m1', 3]]),
        course('near', 5, [['m1', 3]]),
        course('over', 3, [['m1', 3]]),
      ],
      jpTarget: 20,
      jp: 16,
    })
    expect(r.map((x) => x.slug)).toEqual(['near', 'over', 'far'])
  })

  it('says the target is reached once the JP reach it', () => {
    const [r] = rankRecommendations({
      gaps,
      courses: [course('a', 6, [['m1', 3]])],
      jpTarget: 20,
      jp: 20,
    })
    expect(r!.reason.jp).toEqual({ code: 'JP_REACHED', target: 20 })
    const [r2] = rankRecommendations({
      gaps,
      courses: [course('a', 6, [['m1', 3]])],
      jpTarget: 20,
      jp: 19,
    })
    expect(r2!.reason.jp).toEqual({ code: 'JP_LEFT', left: 1, target: 20 })
  })
})

describe('ties', () => {
  it('equal gap and JP distance are ordered by slug, whatever order the courses came in', () => {
    const same = (slug: string) => course(slug, 6, [['t1', 2]])
    for (const order of [
      ['z-kursus', 'a-kursus', 'm-kursus'],
      ['a-kursus', 'm-kursus', 'z-kursus'],
      ['m-kursus', 'z-kursus', 'a-kursus'],
    ]) {
      const r = rankRecommendations({ gaps, courses: order.map(same), jpTarget: 20, jp: 8 })
      expect(r.map((x) => x.slug)).toEqual(['a-kursus', 'm-kursus', 'z-kursus'])
    }
  })
})
