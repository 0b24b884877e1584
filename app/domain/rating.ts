// Competency rating from quiz evidence (docs/decisions/004-competency-rating.md).
// Each piece of evidence is weighted by age, w = 0.5 ^ (ageDays / HALF_LIFE_DAYS). For each level
// L the weighted ratio r(L) = Σ w·score(L) / Σ w·max(L) over evidence with questions at that
// level. The rating is the highest L with evidence at L such that r(l) ≥ THRESHOLD for every
// level l ≤ L that has evidence. No evidence at or below: level 0.

export const HALF_LIFE_DAYS = 365
export const THRESHOLD = 0.7
export const MAX_LEVEL = 5
const DAY_MS = 86_400_000

export interface EvidenceInput {
  id: string
  attemptId: string
  takenAt: Date
  byLevel: Record<string, { score: number; max: number }>
}

export function rateFromEvidence(evidence: EvidenceInput[], now = new Date()) {
  const perLevel: Record<string, { score: number; max: number; ratio: number }> = {}
  const weights = evidence.map((e) => {
    const ageDays = Math.max(0, (now.getTime() - e.takenAt.getTime()) / DAY_MS)
    return { e, w: Math.pow(0.5, ageDays / HALF_LIFE_DAYS) }
  })
  for (const { e, w } of weights) {
    for (const [lv, v] of Object.entries(e.byLevel)) {
      const p = (perLevel[lv] ??= { score: 0, max: 0, ratio: 0 })
      p.score += w * v.score
      p.max += w * v.max
    }
  }
  for (const p of Object.values(perLevel)) p.ratio = p.max > 0 ? p.score / p.max : 0
  let level = 0
  for (let l = 1; l <= MAX_LEVEL; l++) {
    const p = perLevel[String(l)]
    if (!p) continue
    if (p.ratio >= THRESHOLD) level = l
    else break
  }
  return {
    level,
    perLevel,
    attempts: weights.map(({ e, w }) => ({
      attemptId: e.attemptId,
      takenAt: e.takenAt.toISOString(),
      weight: Math.round(w * 1000) / 1000,
    })),
  }
}
