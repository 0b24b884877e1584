// Kirkpatrick evaluation rules (docs/decisions/061): the L1 Likert scale and survey items, the L2
// pre-test/post-test gain, when the L3 supervisor check is due, and the signals that put a course
// on the revision list. Pure: no database, HTTP or UI text.

export const LIKERT_MIN = 1
export const LIKERT_MAX = 5
export const LIKERT_VALUES = [1, 2, 3, 4, 5] as const

export const MAX_SURVEY_ITEMS = 12
export const MAX_ITEM_LENGTH = 200
export const MAX_COMMENT_LENGTH = 2000

export interface SurveyItem {
  key: string
  text: string
}

/**
 * The items of a course's survey from one item per line: blank lines dropped, duplicates refused.
 * Keys are positional ("i1", "i2", ...) so a response keeps the text it was asked with.
 */
export function parseSurveyItems(
  text: string,
): { ok: true; items: SurveyItem[] } | { ok: false; reason: 'tooMany' | 'tooLong' | 'duplicate' } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
  if (lines.length > MAX_SURVEY_ITEMS) return { ok: false, reason: 'tooMany' }
  if (lines.some((l) => l.length > MAX_ITEM_LENGTH)) return { ok: false, reason: 'tooLong' }
  if (new Set(lines.map((l) => l.toLowerCase())).size !== lines.length)
    return { ok: false, reason: 'duplicate' }
  return { ok: true, items: lines.map((t, i) => ({ key: `i${i + 1}`, text: t })) }
}

/** Stored items (JSON) when they are well formed, else null (the default set applies). */
export function storedSurveyItems(json: unknown): SurveyItem[] | null {
  if (!Array.isArray(json) || json.length === 0) return null
  const items: SurveyItem[] = []
  for (const x of json) {
    if (!x || typeof x !== 'object') return null
    const { key, text } = x as Record<string, unknown>
    if (typeof key !== 'string' || typeof text !== 'string') return null
    items.push({ key, text })
  }
  return items
}

export function isLikert(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= LIKERT_MIN && v <= LIKERT_MAX
}

export interface LikertSummary {
  n: number
  mean: number | null
  /** counts[v - 1]: answers with value v. */
  counts: number[]
}

export function summariseLikert(values: readonly number[]): LikertSummary {
  const counts = LIKERT_VALUES.map(() => 0)
  let sum = 0
  for (const v of values) {
    counts[v - 1]!++
    sum += v
  }
  return { n: values.length, mean: values.length ? sum / values.length : null, counts }
}

// ---------------------------------------------------------------------------------------------
// L1 anonymity: the smallest group whose reaction a report shows (docs/decisions/063)

/**
 * L1 answers (means, distributions, comments) of a group are shown only when at least this many
 * responses make it up: below it, a reader who knows who took the course could tell who said what.
 * Applies to every L1 figure a report or export shows: the whole course, a supervisor's scope, an
 * OPD, an item, and the revision list's "low reaction" signal.
 */
export const MIN_REPORT_GROUP = 5

/** Whether a group of `n` responses may be shown (n = MIN_REPORT_GROUP is shown, one less is not). */
export function showsGroup(n: number): boolean {
  return n >= MIN_REPORT_GROUP
}

// ---------------------------------------------------------------------------------------------
// L2: pre-test and post-test

export interface ScorePair {
  /** Percent (0-100) on the pre-test and on the post-test. */
  pre: number
  post: number
}

export interface GainSummary {
  n: number
  preMean: number | null
  postMean: number | null
  /** Mean of (post - pre), in percentage points. */
  gain: number | null
  /**
   * Hake's normalised gain: the share of what could be gained that was gained, (post - pre) /
   * (100 - pre), averaged over learners whose pre-test left room (pre < 100).
   */
  normalisedGain: number | null
}

export function summariseGain(pairs: readonly ScorePair[]): GainSummary {
  if (pairs.length === 0)
    return { n: 0, preMean: null, postMean: null, gain: null, normalisedGain: null }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  const withRoom = pairs.filter((p) => p.pre < 100)
  return {
    n: pairs.length,
    preMean: mean(pairs.map((p) => p.pre)),
    postMean: mean(pairs.map((p) => p.post)),
    gain: mean(pairs.map((p) => p.post - p.pre)),
    normalisedGain: withRoom.length
      ? mean(withRoom.map((p) => (p.post - p.pre) / (100 - p.pre)))
      : null,
  }
}

export interface GradedAttempt {
  id: string
  quizId: string
  number: number
  percent: number
}

/**
 * The pre-test and post-test attempts of one enrolment: the first graded attempt on the pre-test
 * quiz and the last graded attempt on the post-test quiz. When both are the same quiz the pair
 * needs two different attempts (one attempt is not a gain of zero, it is no post-test).
 */
export function prePostAttempts<A extends GradedAttempt>(
  attempts: readonly A[],
  preQuizId: string,
  postQuizId: string,
): { pre: A; post: A } | null {
  const byNumber = [...attempts].sort((a, b) => a.number - b.number)
  const pre = byNumber.find((a) => a.quizId === preQuizId)
  const post = byNumber.filter((a) => a.quizId === postQuizId).at(-1)
  if (!pre || !post || pre.id === post.id) return null
  return { pre, post }
}

// ---------------------------------------------------------------------------------------------
// L3: the supervisor's check

export const DAY_MS = 24 * 3600 * 1000

/** The L3 check of a completion is due `delayDays` after it (exactly then, not a moment before). */
export function l3DueAt(completedAt: Date, delayDays: number): Date {
  return new Date(completedAt.getTime() + delayDays * DAY_MS)
}

export function isL3Due(completedAt: Date, now: Date, delayDays: number) {
  return now.getTime() >= l3DueAt(completedAt, delayDays).getTime()
}

// ---------------------------------------------------------------------------------------------
// Revision signals

export const REVISION_THRESHOLDS = {
  /**
   * L1: mean over all items below this, with at least `minResponses` responses (the anonymity
   * minimum: the signal prints the mean).
   */
  lowReaction: 3.5,
  minResponses: MIN_REPORT_GROUP,
  /** L2: mean gain (percentage points) below this, with at least `minPairs` pairs. */
  lowGain: 10,
  minPairs: 3,
  /** A cited regulation older than this many years asks for a check of the content. */
  regulationMaxAgeYears: 5,
} as const

export type RevisionSignal =
  | { kind: 'lowReaction'; mean: number; n: number }
  | { kind: 'lowGain'; gain: number; n: number }
  | { kind: 'flaggedQuestions'; count: number }
  | { kind: 'outdatedRegulation'; ref: string; date: string }

export interface RevisionInput {
  reaction: { mean: number | null; n: number }
  gain: { gain: number | null; n: number }
  flaggedQuestions: number | null
  regulation: { ref: string | null; date: Date | null }
  /** The course's last revision marked done: a revision after a regulation aged checked it. */
  lastRevisionAt: Date | null
  now: Date
}

export function revisionSignals(x: RevisionInput): RevisionSignal[] {
  const t = REVISION_THRESHOLDS
  const out: RevisionSignal[] = []
  if (x.reaction.mean !== null && x.reaction.n >= t.minResponses && x.reaction.mean < t.lowReaction)
    out.push({ kind: 'lowReaction', mean: x.reaction.mean, n: x.reaction.n })
  if (x.gain.gain !== null && x.gain.n >= t.minPairs && x.gain.gain < t.lowGain)
    out.push({ kind: 'lowGain', gain: x.gain.gain, n: x.gain.n })
  if (x.flaggedQuestions) out.push({ kind: 'flaggedQuestions', count: x.flaggedQuestions })
  if (x.regulation.date) {
    const limit = new Date(x.regulation.date)
    limit.setUTCFullYear(limit.getUTCFullYear() + t.regulationMaxAgeYears)
    const checked = x.lastRevisionAt !== null && x.lastRevisionAt.getTime() >= limit.getTime()
    if (x.now.getTime() >= limit.getTime() && !checked)
      out.push({
        kind: 'outdatedRegulation',
        ref: x.regulation.ref ?? '',
        date: x.regulation.date.toISOString().slice(0, 10),
      })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Charts (server-rendered SVG): bar geometry only; labels come from the caller.

export interface Bar {
  label: string
  value: number
  /** Width in percent of the chart's bar area. */
  widthPct: number
}

export function bars(rows: readonly { label: string; value: number }[], max?: number): Bar[] {
  const top = max ?? Math.max(0, ...rows.map((r) => r.value))
  return rows.map((r) => ({
    ...r,
    widthPct: top > 0 ? Math.max(0, Math.min(100, (r.value / top) * 100)) : 0,
  }))
}
