// Pure rules of the training needs analysis and program composition (AKPK). No database, HTTP or
// UI strings.
import { JP_TARGET_PNS } from './jp'

/** A person's gap in a competency: levels below the jabatan standard (unmeasured = level 0). */
export function competencyGap(requiredLevel: number, level: number | null | undefined): number {
  return Math.max(0, requiredLevel - (level ?? 0))
}

/** JP a PNS still lacks for the year's minimum of 20 (PPPK have a ceiling, not a minimum: 0). */
export function jpShortfall(kind: 'PNS' | 'PPPK', jp: number): number {
  return kind === 'PNS' ? Math.max(0, JP_TARGET_PNS - Math.max(0, jp)) : 0
}

export const PROGRAM_METHODS = [
  'ELEARNING',
  'CLASSICAL',
  'COACHING',
  'MENTORING',
  'ON_THE_JOB',
] as const
export type ProgramMethod = (typeof PROGRAM_METHODS)[number]

/** The 10:20:70 model: formal learning, learning from others (coaching, mentoring), on the job. */
export type MixGroup = 'FORMAL' | 'SOCIAL' | 'EXPERIENTIAL'

export const METHOD_GROUP: Record<ProgramMethod, MixGroup> = {
  ELEARNING: 'FORMAL',
  CLASSICAL: 'FORMAL',
  COACHING: 'SOCIAL',
  MENTORING: 'SOCIAL',
  ON_THE_JOB: 'EXPERIENTIAL',
}

/** Classical (tatap muka) or non-classical path, as an AKPK row names it. */
export function akpkPath(method: ProgramMethod): 'KLASIKAL' | 'NONKLASIKAL' {
  return method === 'CLASSICAL' ? 'KLASIKAL' : 'NONKLASIKAL'
}

export const MIX_TARGET: Record<MixGroup, number> = { FORMAL: 10, SOCIAL: 20, EXPERIENTIAL: 70 }

/**
 * The program's mix as percentages of its planned JP (JP x people) per 10:20:70 group, rounded;
 * all zero for an empty program.
 */
export function programMix(
  items: { method: ProgramMethod; jp: number; people: number }[],
): Record<MixGroup, number> {
  const sum: Record<MixGroup, number> = { FORMAL: 0, SOCIAL: 0, EXPERIENTIAL: 0 }
  for (const i of items) sum[METHOD_GROUP[i.method]] += Math.max(0, i.jp) * Math.max(1, i.people)
  const total = sum.FORMAL + sum.SOCIAL + sum.EXPERIENTIAL
  if (total === 0) return { FORMAL: 0, SOCIAL: 0, EXPERIENTIAL: 0 }
  return {
    FORMAL: Math.round((100 * sum.FORMAL) / total),
    SOCIAL: Math.round((100 * sum.SOCIAL) / total),
    EXPERIENTIAL: Math.round((100 * sum.EXPERIENTIAL) / total),
  }
}

/** Completion share 0..1 (null without members). */
export function completionShare(members: number, completed: number): number | null {
  return members > 0 ? completed / members : null
}
