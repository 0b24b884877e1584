// JP (jam pelajaran, learning hours). Every PNS has the right to at least 20 JP of competency
// development a year; a PPPK at most 24 JP a year. The year is the Jakarta calendar year of the
// moment the credit is earned. One JP is a number of minutes set by the deployment (env JP_MINUTES,
// customarily 45), passed in by the caller: the domain reads no environment.
import { jakartaYear } from './time'

export type EmployeeKind = 'PNS' | 'PPPK'

export const JP_TARGET_PNS = 20
export const JP_MAX_PPPK = 24

/** The yearly figure progress is measured against: the PNS minimum or the PPPK maximum. */
export function jpTarget(kind: EmployeeKind): number {
  return kind === 'PPPK' ? JP_MAX_PPPK : JP_TARGET_PNS
}

/** Whether the target is a floor to reach (PNS) or a ceiling not to pass (PPPK). */
export function jpTargetKind(kind: EmployeeKind): 'minimum' | 'maximum' {
  return kind === 'PPPK' ? 'maximum' : 'minimum'
}

/** The JP year a credit earned at `at` belongs to. */
export function jpYear(at: Date): number {
  return jakartaYear(at)
}

/**
 * JP that count for the year out of the JP recorded: a PPPK's count stops at the cap (the ledger
 * keeps every credit; only the count is capped); a PNS's is not capped.
 */
export function countedJp(kind: EmployeeKind, recorded: number): number {
  const total = Math.max(0, recorded)
  return kind === 'PPPK' ? Math.min(total, JP_MAX_PPPK) : total
}

/** JP still to go to the target (0 once reached or passed). */
export function jpRemaining(kind: EmployeeKind, recorded: number): number {
  return Math.max(0, jpTarget(kind) - countedJp(kind, recorded))
}

/** Share of the target reached, 0..1, for progress bars. */
export function jpProgress(kind: EmployeeKind, recorded: number): number {
  return Math.min(1, countedJp(kind, recorded) / jpTarget(kind))
}

/**
 * JP earned by lessons of `minutes` minutes in total, with one JP = `jpMinutes` minutes. Whole JP
 * only, rounded down (an activity of 80 minutes at 45 minutes per JP is 1 JP, not 2).
 */
export function jpFromMinutes(minutes: number, jpMinutes: number): number {
  if (!Number.isInteger(jpMinutes) || jpMinutes <= 0)
    throw new RangeError(`jpFromMinutes: jpMinutes must be a positive integer, got ${jpMinutes}`)
  if (!Number.isFinite(minutes) || minutes <= 0) return 0
  return Math.floor(minutes / jpMinutes)
}
