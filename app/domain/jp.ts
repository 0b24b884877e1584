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

/**
 * Whether a person is short of the yearly minimum: only a PNS can be (every PNS has the right to
 * at least 20 JP); a PPPK has a maximum, not a minimum, and is never "below".
 */
export function belowJpMinimum(kind: EmployeeKind, recorded: number): boolean {
  return kind === 'PNS' && countedJp(kind, recorded) < JP_TARGET_PNS
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

/** The minutes a learner must spend to complete a course: its required lessons' (an optional
 * lesson, such as a pack's essay assignment, is not needed to complete it). */
export function requiredMinutes(lessons: readonly { minutes: number; required: boolean }[]) {
  return lessons.filter((l) => l.required).reduce((s, l) => s + Math.max(0, l.minutes), 0)
}

/** The outcome of checking a course's declared JP against its content (`checkCourseJp`). */
export type CourseJpCheck =
  | { ok: true; jp: number; minutes: number; perJp: number }
  | {
      ok: false
      /** The JP the course declares. */
      jp: number
      /** Its required lessons' minutes, and the whole JP they are worth. */
      minutes: number
      expected: number
      perJp: number
      /** The required minutes that would justify the declared JP: [min, max]. */
      minutesFor: [number, number]
    }

/**
 * One rule for every way a course gets its JP (the studio's publish, a content pack's import): a
 * JP is `jpMinutes` minutes of learning, so the JP a course declares must be exactly the whole JP
 * its required lessons' minutes are worth (rounded down). A course that declares more credits
 * learning its content does not hold; one that declares less under-credits its learners; a course
 * of fewer than `jpMinutes` required minutes is worth 0 JP and credits nothing, so it is refused
 * too (a course credits at least 1 JP).
 */
export function checkCourseJp(
  declared: number,
  lessons: readonly { minutes: number; required: boolean }[],
  jpMinutes: number,
): CourseJpCheck {
  const minutes = requiredMinutes(lessons)
  const expected = jpFromMinutes(minutes, jpMinutes)
  if (declared === expected && expected >= 1)
    return { ok: true, jp: expected, minutes, perJp: jpMinutes }
  return {
    ok: false,
    jp: declared,
    minutes,
    expected,
    perJp: jpMinutes,
    minutesFor: [declared * jpMinutes, (declared + 1) * jpMinutes - 1],
  }
}
