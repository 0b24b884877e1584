// Pure rules of the supervisor dashboard: JP status against the yearly duty, the figures of a
// competency-gap cell, and the heatmap colour band. No database, HTTP or UI strings.

import { belowJpMinimum, countedJp, JP_MAX_PPPK, JP_TARGET_PNS, type EmployeeKind } from './jp'

export const JP_MIN_PNS = JP_TARGET_PNS
export const JP_CAP_PPPK = JP_MAX_PPPK

export type JpStatus = 'BELOW' | 'MET' | 'CAP'

/**
 * The status of the JP recorded this year (`jp`: recorded or already counted, the same for a
 * count at or under the cap). PNS have the right to at least 20 JP a year: below 20 is BELOW.
 * PPPK may take at most 24 JP a year: 24 or more is CAP (no more JP counts); a PPPK has no
 * minimum, so under 24 is MET, never BELOW (app/domain/jp.ts belowJpMinimum).
 */
export function jpStatus(kind: EmployeeKind, jp: number): JpStatus {
  if (kind === 'PPPK') return countedJp(kind, jp) >= JP_CAP_PPPK ? 'CAP' : 'MET'
  return belowJpMinimum(kind, jp) ? 'BELOW' : 'MET'
}

/** The yearly figure a person's JP is shown against: 20 for PNS, the 24 cap for PPPK. */
export function jpGoal(kind: EmployeeKind) {
  return kind === 'PPPK' ? JP_CAP_PPPK : JP_MIN_PNS
}

export interface GapCell {
  /** People whose jabatan standard names the competency. */
  people: number
  /** Of those, people below the required level (an unmeasured competency counts as level 0). */
  below: number
  /** Sum over the people below of (required level - current level). */
  gapSum: number
}

/** Share of people below the standard, 0..1; null when nobody in the cell has the standard. */
export function shareBelow(c: GapCell): number | null {
  return c.people > 0 ? c.below / c.people : null
}

/** Average gap in levels over the people below the standard (0 when nobody is below). */
export function averageGap(c: GapCell): number | null {
  if (c.people === 0) return null
  return c.below > 0 ? c.gapSum / c.below : 0
}

/** Heatmap band 0..4 of a share below the standard (0: none below, 4: at least 75 %). */
export function heatBand(share: number | null): number {
  if (share == null || share <= 0) return 0
  if (share < 0.25) return 1
  if (share < 0.5) return 2
  if (share < 0.75) return 3
  return 4
}

/** Completion rate in whole percent (0 when nothing is enrolled). */
export function percent(part: number, whole: number) {
  return whole > 0 ? Math.round((part / whole) * 100) : 0
}

/** The dashboard's people-list filters and page size. */
export type PeopleFilter = 'all' | 'below' | 'overdue' | 'gap'
export const PEOPLE_FILTERS: PeopleFilter[] = ['all', 'below', 'overdue', 'gap']
export const PAGE_SIZE = 50
