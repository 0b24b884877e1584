// Competency rating from quiz evidence: the evidence policy of docs/decisions/010 (revising 004).
//
// - Evidence is one graded attempt's result in one competency, split by question level. An
//   attempt in which none of that competency's questions was answered is NOT evidence (a blank or
//   abandoned retake says nothing about what the learner knows).
// - Evidence counts for EVIDENCE_VALID_DAYS (two years) from the day it was taken.
// - For each level, the learner's best result (share of points) among the counting evidence with
//   questions at that level. A level is reached when that best result is at least THRESHOLD.
// - The rating is the highest level with evidence such that every level below it that has
//   evidence is reached too. Levels without evidence neither count nor block.
// - "Not yet measured" only when no evidence counts; with evidence, the rating can be 0
//   ("level 1 not yet reached").
// Anyone can check a level by hand from the list of results the profile shows.

export const THRESHOLD = 0.7
export const EVIDENCE_VALID_DAYS = 730
export const MAX_LEVEL = 5
const DAY_MS = 86_400_000

export interface LevelResult {
  score: number
  max: number
  /** Questions of this level the learner answered (absent in evidence recorded before 010). */
  answered?: number
}

export interface EvidenceInput {
  id: string
  attemptId: string
  takenAt: Date
  byLevel: Record<string, LevelResult>
}

export type EvidenceStatus = 'counted' | 'blank' | 'expired'

export interface LevelExplanation {
  level: number
  /** Best share of points at this level among counting evidence (0..1). */
  best: number
  /** The attempt that gave the best result. */
  attemptId: string
  takenAt: Date
  reached: boolean
}

export interface Rating {
  level: number
  measured: boolean
  levels: LevelExplanation[]
  evidence: { attemptId: string; takenAt: Date; status: EvidenceStatus; validUntil: Date }[]
}

/** Whether any question of the evidence was answered (old evidence without counts: assumed yes). */
export function isBlankEvidence(e: Pick<EvidenceInput, 'byLevel'>): boolean {
  // Evidence recorded before answers were counted has `answered` undefined: not blank.
  return Object.values(e.byLevel).every((l) => l.answered === 0)
}

/** The last moment evidence taken at `takenAt` counts. */
export function evidenceValidUntil(takenAt: Date): Date {
  return new Date(takenAt.getTime() + EVIDENCE_VALID_DAYS * DAY_MS)
}

export function evidenceStatus(e: EvidenceInput, now: Date): EvidenceStatus {
  if (isBlankEvidence(e)) return 'blank'
  if (now.getTime() > evidenceValidUntil(e.takenAt).getTime()) return 'expired'
  return 'counted'
}

export function rateFromEvidence(evidence: EvidenceInput[], now = new Date()): Rating {
  const statuses = evidence.map((e) => ({ e, status: evidenceStatus(e, now) }))
  const best = new Map<number, LevelExplanation>()
  for (const { e, status } of statuses) {
    if (status !== 'counted') continue
    for (const [key, r] of Object.entries(e.byLevel)) {
      const level = Number(key)
      if (!Number.isInteger(level) || level < 1 || level > MAX_LEVEL || !(r.max > 0)) continue
      const ratio = r.score / r.max
      const prev = best.get(level)
      if (!prev || ratio > prev.best)
        best.set(level, {
          level,
          best: ratio,
          attemptId: e.attemptId,
          takenAt: e.takenAt,
          reached: ratio >= THRESHOLD,
        })
    }
  }
  const levels = [...best.values()].sort((a, b) => a.level - b.level)
  let level = 0
  for (const l of levels) {
    if (!l.reached) break
    level = l.level
  }
  return {
    level,
    measured: statuses.some((s) => s.status === 'counted'),
    levels,
    evidence: statuses.map(({ e, status }) => ({
      attemptId: e.attemptId,
      takenAt: e.takenAt,
      status,
      validUntil: evidenceValidUntil(e.takenAt),
    })),
  }
}

/** Adds one answered question's points to an attempt's per-level result for a competency. */
export function addToLevel(
  byLevel: Record<string, LevelResult>,
  level: number,
  score: number,
  max: number,
  answered: boolean,
): void {
  const r = (byLevel[String(level)] ??= { score: 0, max: 0, answered: 0 })
  r.score += score
  r.max += max
  r.answered = (r.answered ?? 0) + (answered ? 1 : 0)
}
