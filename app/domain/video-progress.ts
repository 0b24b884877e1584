// How much of a lesson video counts as watched (docs/decisions/036-video-progress.md). Pure: the
// caller passes the stored ranges, the report, the video's duration and the times involved.
// - A report is refused when a number is not finite, negative, reversed or beyond the video.
// - Watched intervals merge (overlaps and gaps under half a second join); what lies outside the
//   video is cut off.
// - Plausibility: no more can have been watched than the wall time since playing began allows at
//   MAX_PLAYBACK_RATE (plus a small tolerance); a report claiming more is refused, so a lesson
//   cannot be completed faster than its duration allows.
// - The lesson completes at COMPLETE_SHARE of the video watched.
// - Without JavaScript, a confirmation counts once the whole duration has passed since the lesson
//   was opened.

export type Range = [number, number]

export const COMPLETE_SHARE = 0.9
/** Browsers play up to 16x; a learner may use 2x. */
export const MAX_PLAYBACK_RATE = 2
/** Seconds of slack for clocks and the first buffering. */
export const TOLERANCE_SEC = 5
export const MAX_RANGES_PER_REPORT = 500

export type ProgressVerdict =
  | { ok: true; merged: Range[]; coveredSec: number; share: number; complete: boolean }
  | { ok: false; code: 'INVALID' | 'TOO_FAST' | 'NO_DURATION' }

const JOIN_GAP = 0.5

export function mergeRanges(ranges: readonly Range[], durationSec: number) {
  const clean = ranges
    .map(([a, b]) => [Math.max(0, Math.min(a, durationSec)), Math.max(0, Math.min(b, durationSec))])
    .filter(([a, b]) => b! > a!)
    .sort((x, y) => x[0]! - y[0]!) as Range[]
  const merged: Range[] = []
  for (const r of clean) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1] + JOIN_GAP) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return { merged, coveredSec: merged.reduce((s, [a, b]) => s + (b - a), 0) }
}

export function isValidReport(
  report: { positionSec: number; ranges: readonly Range[] },
  durationSec: number,
) {
  const limit = durationSec + TOLERANCE_SEC
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n)
  if (!finite(report.positionSec) || report.positionSec < 0 || report.positionSec > limit)
    return false
  if (!Array.isArray(report.ranges) || report.ranges.length > MAX_RANGES_PER_REPORT) return false
  return report.ranges.every(
    (r) =>
      Array.isArray(r) &&
      r.length === 2 &&
      finite(r[0]) &&
      finite(r[1]) &&
      r[0] >= 0 &&
      r[0] <= r[1] &&
      r[1] <= limit,
  )
}

export function judgeProgress(input: {
  previous: readonly Range[]
  report: { positionSec: number; ranges: readonly Range[] }
  durationSec: number | null
  /** When playing began (first report or the lesson opened), epoch ms. */
  startedAtMs: number
  /** When this report arrived, epoch ms. */
  nowMs: number
}): ProgressVerdict {
  const d = input.durationSec
  if (!d || !Number.isFinite(d) || d <= 0) return { ok: false, code: 'NO_DURATION' }
  if (!isValidReport(input.report, d)) return { ok: false, code: 'INVALID' }
  const previous = mergeRanges(input.previous, d)
  const next = mergeRanges([...input.previous, ...input.report.ranges], d)
  const elapsedSec = Math.max(0, (input.nowMs - input.startedAtMs) / 1000)
  const allowed = elapsedSec * MAX_PLAYBACK_RATE + TOLERANCE_SEC
  // Only new coverage has to be plausible: what was stored once stays.
  if (next.coveredSec > previous.coveredSec && next.coveredSec > allowed)
    return { ok: false, code: 'TOO_FAST' }
  const share = Math.min(1, next.coveredSec / d)
  return {
    ok: true,
    merged: next.merged,
    coveredSec: next.coveredSec,
    share,
    complete: share >= COMPLETE_SHARE,
  }
}

/** The no-JavaScript path: "Saya sudah menonton" counts once the whole video could have played. */
export function judgeConfirmation(input: {
  durationSec: number | null
  openedAtMs: number | null
  nowMs: number
}):
  { ok: true } | { ok: false; code: 'NO_DURATION' | 'NOT_OPENED' | 'TOO_EARLY'; waitSec?: number } {
  const d = input.durationSec
  if (!d || !Number.isFinite(d) || d <= 0) return { ok: false, code: 'NO_DURATION' }
  if (input.openedAtMs == null) return { ok: false, code: 'NOT_OPENED' }
  const remainingMs = input.openedAtMs + d * 1000 - input.nowMs
  if (remainingMs > 0)
    return { ok: false, code: 'TOO_EARLY', waitSec: Math.ceil(remainingMs / 1000) }
  return { ok: true }
}
