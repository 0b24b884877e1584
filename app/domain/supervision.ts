// Pure rules of the supervisor dashboard: JP status against the yearly duty, the figures of a
// competency-gap cell, and the heatmap colour band. No database, HTTP or UI strings.

export const JP_MIN_PNS = 20
export const JP_CAP_PPPK = 24

export type JpStatus = 'BELOW' | 'MET' | 'CAP'

/**
 * PNS have the right to at least 20 JP a year: below 20 is BELOW. PPPK may take at most 24 JP a
 * year: 24 or more is CAP (no more JP can be credited), below 20 is BELOW as for PNS.
 */
export function jpStatus(kind: 'PNS' | 'PPPK', jp: number): JpStatus {
  if (kind === 'PPPK' && jp >= JP_CAP_PPPK) return 'CAP'
  return jp < JP_MIN_PNS ? 'BELOW' : 'MET'
}

/** The yearly figure a person's JP is shown against: 20 for PNS, the 24 cap for PPPK. */
export function jpGoal(kind: 'PNS' | 'PPPK') {
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
