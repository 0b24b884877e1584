import { describe, expect, it } from 'vitest'
import {
  addToLevel,
  EVIDENCE_VALID_DAYS,
  evidenceValidUntil,
  isBlankEvidence,
  rateFromEvidence,
  THRESHOLD,
  type LevelResult,
} from '~/domain/rating'

const DAY = 86_400_000
const now = new Date('2026-11-27T00:00:00Z')
const ev = (id: string, daysAgo: number, byLevel: Record<string, LevelResult>) => ({
  id,
  attemptId: `att-${id}`,
  takenAt: new Date(now.getTime() - daysAgo * DAY),
  byLevel,
})
/** A level result with every question answered. */
const r = (score: number, max: number, answered = 1): LevelResult => ({ score, max, answered })

describe('evidence policy (decision 010)', () => {
  it('threshold is 70% and evidence counts two years', () => {
    expect(THRESHOLD).toBe(0.7)
    expect(EVIDENCE_VALID_DAYS).toBe(730)
  })

  it('a level is reached at exactly 70%, not at 69.99%', () => {
    expect(rateFromEvidence([ev('1', 0, { '1': r(7, 10) })], now).level).toBe(1)
    expect(rateFromEvidence([ev('1', 0, { '1': r(6.999, 10) })], now).level).toBe(0)
  })

  it('a level with 67% evidence is measured as "level 1 not reached", not "not yet measured"', () => {
    const x = rateFromEvidence([ev('1', 0, { '1': r(2, 3) })], now)
    expect(x).toMatchObject({ level: 0, measured: true })
    expect(x.levels).toEqual([
      {
        level: 1,
        best: 2 / 3,
        attemptId: 'att-1',
        takenAt: new Date(now),
        reached: false,
      },
    ])
  })

  it('no evidence: level 0 and not measured', () => {
    expect(rateFromEvidence([], now)).toEqual({
      level: 0,
      measured: false,
      levels: [],
      evidence: [],
    })
  })

  it('a blank retake changes nothing: level 2 stays 2 (the reported 2 -> 0 drop)', () => {
    const good = ev('good', 10, { '1': r(3, 3, 3), '2': r(3, 4, 4) })
    const blank = ev('blank', 0, { '1': r(0, 3, 0), '2': r(0, 4, 0) })
    expect(rateFromEvidence([good], now).level).toBe(2)
    const x = rateFromEvidence([good, blank], now)
    expect(x.level).toBe(2)
    expect(x.evidence.map((e) => [e.attemptId, e.status])).toEqual([
      ['att-good', 'counted'],
      ['att-blank', 'blank'],
    ])
    // Blank evidence alone measures nothing.
    expect(rateFromEvidence([blank], now)).toMatchObject({ level: 0, measured: false })
  })

  it('a poor but answered retake does not lower the level: the best result per level counts', () => {
    const good = ev('good', 10, { '1': r(3, 3), '2': r(3, 4) })
    const poor = ev('poor', 0, { '1': r(1, 3), '2': r(0, 4) })
    const x = rateFromEvidence([good, poor], now)
    expect(x.level).toBe(2)
    expect(x.levels.map((l) => [l.level, l.attemptId])).toEqual([
      [1, 'att-good'],
      [2, 'att-good'],
    ])
  })

  it('levels may be reached in different attempts', () => {
    const a = ev('a', 5, { '1': r(3, 3), '2': r(1, 4) })
    const b = ev('b', 1, { '1': r(1, 3), '2': r(4, 4) })
    const x = rateFromEvidence([a, b], now)
    expect(x.level).toBe(2)
    expect(x.levels.map((l) => [l.level, l.attemptId, l.best])).toEqual([
      [1, 'att-a', 1],
      [2, 'att-b', 1],
    ])
  })

  it('is the highest level whose own and lower levels with evidence are reached', () => {
    const x = rateFromEvidence([ev('1', 0, { '1': r(3, 3), '2': r(3, 4), '3': r(1, 3) })], now)
    expect(x.level).toBe(2)
    // A failed lower level blocks higher ones...
    expect(rateFromEvidence([ev('1', 0, { '1': r(0, 2), '2': r(4, 4) })], now).level).toBe(0)
    // ...a level without evidence does not.
    expect(rateFromEvidence([ev('1', 0, { '2': r(4, 4), '4': r(3, 3) })], now).level).toBe(4)
    expect(rateFromEvidence([ev('1', 0, { '5': r(1, 1) })], now).level).toBe(5)
  })

  it('evidence counts until exactly two years after it was taken', () => {
    const at = new Date('2024-11-27T00:00:00Z')
    expect(evidenceValidUntil(at).toISOString()).toBe('2026-11-27T00:00:00.000Z')
    const e = { id: 'x', attemptId: 'att-x', takenAt: at, byLevel: { '1': r(1, 1) } }
    expect(rateFromEvidence([e], now)).toMatchObject({ level: 1, measured: true })
    const later = new Date(now.getTime() + 1)
    expect(rateFromEvidence([e], later)).toMatchObject({ level: 0, measured: false })
    expect(rateFromEvidence([e], later).evidence[0]!.status).toBe('expired')
  })

  it('ignores level keys outside 1-5 and levels without points', () => {
    const x = rateFromEvidence(
      [ev('1', 0, { '0': r(1, 1), '6': r(1, 1), x: r(1, 1), '2': r(0, 0), '1': r(1, 1) })],
      now,
    )
    expect(x.levels.map((l) => l.level)).toEqual([1])
    expect(x.level).toBe(1)
  })

  it('a later equal result does not replace the first best one', () => {
    const x = rateFromEvidence([ev('a', 5, { '1': r(1, 1) }), ev('b', 1, { '1': r(2, 2) })], now)
    expect(x.levels[0]!.attemptId).toBe('att-a')
  })

  it('blank means no answered question at all; old evidence without counts is not blank', () => {
    expect(isBlankEvidence({ byLevel: { '1': r(0, 2, 0), '2': r(0, 2, 0) } })).toBe(true)
    expect(isBlankEvidence({ byLevel: { '1': r(0, 2, 0), '2': r(0, 2, 1) } })).toBe(false)
    expect(isBlankEvidence({ byLevel: { '1': { score: 0, max: 2 } } })).toBe(false)
    expect(isBlankEvidence({ byLevel: {} })).toBe(true)
  })

  it('addToLevel sums points and answered questions', () => {
    const by: Record<string, LevelResult> = {}
    addToLevel(by, 2, 1, 1, true)
    addToLevel(by, 2, 0, 2, false)
    addToLevel(by, 1, 0.5, 1, true)
    expect(by).toEqual({
      '2': { score: 1, max: 3, answered: 1 },
      '1': { score: 0.5, max: 1, answered: 1 },
    })
  })
})

describe('levels in order whatever order the evidence came in', () => {
  it('a higher level seen first does not end the climb early', () => {
    const x = rateFromEvidence(
      [ev('a', 1, { '3': r(3, 3) }), ev('b', 2, { '1': r(3, 3), '2': r(3, 3) })],
      now,
    )
    expect(x.levels.map((l) => l.level)).toEqual([1, 2, 3])
    expect(x.level).toBe(3)
  })

  it('a gap stops the climb: level 3 reached without level 2 gives level 1', () => {
    const x = rateFromEvidence(
      [ev('a', 1, { '3': r(3, 3), '2': r(1, 3) }), ev('b', 2, { '1': r(3, 3) })],
      now,
    )
    expect(x.levels.map((l) => [l.level, l.reached])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ])
    expect(x.level).toBe(1)
  })
})
