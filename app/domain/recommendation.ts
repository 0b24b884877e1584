// Which published courses to suggest: those that develop a competency the learner falls short in,
// to a level above their current one. Ranked by the total gap they address, then by how close
// their JP come to what is left of the year's JP target. Reasons are codes with parameters.

export interface CompetencyGap {
  competencyId: string
  /** Shown in the reason (a name from the database, not UI text). */
  name: string
  current: number
  gap: number
}

export interface CandidateCourse {
  slug: string
  title: string
  jp: number
  competencies: { competencyId: string; level: number }[]
}

export type RecommendationReason = {
  code: 'GAP'
  gap: number
  competency: string
  jp: { code: 'JP_LEFT'; left: number; target: number } | { code: 'JP_REACHED'; target: number }
}

export interface Recommendation {
  slug: string
  title: string
  jp: number
  totalGap: number
  reason: RecommendationReason
}

export function rankRecommendations(input: {
  gaps: CompetencyGap[]
  courses: CandidateCourse[]
  jpTarget: number
  /** JP counted this year. */
  jp: number
}): Recommendation[] {
  const gaps = new Map(input.gaps.filter((g) => g.gap > 0).map((g) => [g.competencyId, g]))
  const jpLeft = Math.max(0, input.jpTarget - input.jp)
  const jpPart: RecommendationReason['jp'] =
    jpLeft > 0
      ? { code: 'JP_LEFT', left: jpLeft, target: input.jpTarget }
      : { code: 'JP_REACHED', target: input.jpTarget }
  const out: Recommendation[] = []
  for (const c of input.courses) {
    const closes = c.competencies
      .map((cc) => ({ cc, g: gaps.get(cc.competencyId) }))
      .filter((x): x is { cc: (typeof c.competencies)[number]; g: CompetencyGap } =>
        Boolean(x.g && x.cc.level > x.g.current),
      )
      .map((x) => x.g)
    if (closes.length === 0) continue
    const top = [...closes].sort((a, b) => b.gap - a.gap)[0]!
    out.push({
      slug: c.slug,
      title: c.title,
      jp: c.jp,
      totalGap: closes.reduce((s, g) => s + g.gap, 0),
      reason: { code: 'GAP', gap: top.gap, competency: top.name, jp: jpPart },
    })
  }
  return out.sort(
    (a, b) =>
      b.totalGap - a.totalGap ||
      Math.abs(a.jp - jpLeft) - Math.abs(b.jp - jpLeft) ||
      // Ties in a fixed order (by slug), not in the order the caller's query happened to return.
      (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  )
}
