// Classical item analysis of a quiz (docs/decisions/052-item-analysis.md). Pure: graded attempts
// in, figures out. An attempt is its percent and, per question it was drawn with, the fraction
// of the points earned (0..1). Questions drawn at random appear only in some attempts: each
// question is analysed over the attempts that contained it.

/** One graded attempt: its percent (0..100) and, per question id, the fraction earned (0..1). */
export interface AnalysedAttempt {
  percent: number
  items: Record<string, number>
}

/** Share of each tail (upper and lower group) in Kelley's upper-lower method. */
export const GROUP_SHARE = 0.27
/** Below this many attempts containing a question, its discrimination is not computed. */
export const MIN_ATTEMPTS = 10
/** A discrimination index below this does not separate strong from weak learners. */
export const DISCRIMINATION_FLOOR = 0.2

export type ItemFlag = 'negative' | 'low' | 'tooEasy' | 'tooHard'

export interface ItemStats {
  questionId: string
  attempts: number
  /** Mean fraction earned (0..1): 1 = everyone right. */
  facility: number
  /** Upper-group mean minus lower-group mean (-1..1); null below MIN_ATTEMPTS. */
  discrimination: number | null
  flags: ItemFlag[]
}

const round3 = (x: number) => Math.round(x * 1000) / 1000
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0)

/** Size of each tail group for n attempts: 27 % rounded, at least 1. */
export function groupSize(n: number): number {
  return Math.max(1, Math.round(n * GROUP_SHARE))
}

/** Facility index: the mean fraction earned (0..1), 3 decimals; 0 for no attempts. */
export function facilityIndex(fractions: number[]): number {
  return round3(mean(fractions))
}

/**
 * Discrimination index (Kelley): attempts sorted by total percent, the mean item fraction of the
 * top 27 % minus that of the bottom 27 %. Ties in the total are broken by the input order, so
 * the same data always gives the same figure. Null below MIN_ATTEMPTS.
 */
export function discriminationIndex(rows: { total: number; item: number }[]): number | null {
  if (rows.length < MIN_ATTEMPTS) return null
  const sorted = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.total - b.total || a.i - b.i)
  const k = groupSize(rows.length)
  const lower = sorted.slice(0, k).map((r) => r.item)
  const upper = sorted.slice(-k).map((r) => r.item)
  return round3(mean(upper) - mean(lower))
}

/** What is wrong with an item, most serious first. */
export function itemFlags(facility: number, discrimination: number | null): ItemFlag[] {
  const flags: ItemFlag[] = []
  if (discrimination !== null) {
    if (discrimination < 0) flags.push('negative')
    else if (discrimination < DISCRIMINATION_FLOOR) flags.push('low')
  }
  if (facility > 0.9) flags.push('tooEasy')
  if (facility < 0.2) flags.push('tooHard')
  return flags
}

/** Whether an item is flagged as not discriminating (what the revision report lists). */
export function doesNotDiscriminate(stats: Pick<ItemStats, 'flags'>): boolean {
  return stats.flags.includes('negative') || stats.flags.includes('low')
}

/** Statistics of every question that appears in the attempts, in first-seen order. */
export function analyseItems(attempts: AnalysedAttempt[]): ItemStats[] {
  const rows = new Map<string, { total: number; item: number }[]>()
  for (const a of attempts) {
    for (const [questionId, fraction] of Object.entries(a.items)) {
      const list = rows.get(questionId) ?? []
      list.push({ total: a.percent, item: Math.max(0, Math.min(1, fraction)) })
      rows.set(questionId, list)
    }
  }
  return [...rows].map(([questionId, list]) => {
    const facility = facilityIndex(list.map((r) => r.item))
    const discrimination = discriminationIndex(list)
    return {
      questionId,
      attempts: list.length,
      facility,
      discrimination,
      flags: itemFlags(facility, discrimination),
    }
  })
}

/**
 * Score distribution in ten bands of 10 percentage points: [0,10), [10,20) ... [90,100] (a
 * perfect score falls in the last band).
 */
export function scoreDistribution(percents: number[]): { from: number; to: number; count: number }[] {
  const bands = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 0 }))
  for (const p of percents) {
    const i = Math.min(9, Math.max(0, Math.floor(p / 10)))
    bands[i]!.count++
  }
  return bands
}
