import { describe, expect, it } from 'vitest'
import {
  attemptDeadline,
  DEADLINE_GRACE_MS,
  isPastDeadline,
  overdueCutoff,
  quizOpen,
} from '~/domain/deadline'

const start = new Date('2026-06-01T01:00:00Z')
const ms = (iso: string) => new Date(iso).getTime()

describe('attempt deadline', () => {
  it('is start + time limit when the quiz closes later', () => {
    expect(
      attemptDeadline({
        startedAt: start,
        timeLimitSec: 1800,
        closeAt: new Date('2026-06-01T02:00:00Z'),
      })?.toISOString(),
    ).toBe('2026-06-01T01:30:00.000Z')
  })
  it('is the close time when the quiz closes before the time limit runs out', () => {
    expect(
      attemptDeadline({
        startedAt: start,
        timeLimitSec: 3600,
        closeAt: new Date('2026-06-01T01:20:00Z'),
      })?.toISOString(),
    ).toBe('2026-06-01T01:20:00.000Z')
  })
  it('uses whichever exists, or none', () => {
    expect(
      attemptDeadline({ startedAt: start, timeLimitSec: 60, closeAt: null })?.toISOString(),
    ).toBe('2026-06-01T01:01:00.000Z')
    expect(
      attemptDeadline({
        startedAt: start,
        timeLimitSec: null,
        closeAt: new Date('2026-06-02T00:00:00Z'),
      })?.toISOString(),
    ).toBe('2026-06-02T00:00:00.000Z')
    expect(attemptDeadline({ startedAt: start, timeLimitSec: null, closeAt: null })).toBeNull()
    expect(attemptDeadline({ startedAt: start, timeLimitSec: 0, closeAt: null })).toBeNull()
  })
})

describe('grace', () => {
  const deadline = new Date('2026-06-01T01:30:00Z')
  it('accepts a request that arrived up to exactly the grace after the deadline', () => {
    expect(DEADLINE_GRACE_MS).toBe(2000)
    expect(isPastDeadline(deadline, ms('2026-06-01T01:29:59Z'))).toBe(false)
    expect(isPastDeadline(deadline, ms('2026-06-01T01:30:00Z'))).toBe(false)
    expect(isPastDeadline(deadline, ms('2026-06-01T01:30:02Z'))).toBe(false)
    expect(isPastDeadline(deadline, ms('2026-06-01T01:30:02Z') + 1)).toBe(true)
    expect(isPastDeadline(null, ms('2099-01-01T00:00:00Z'))).toBe(false)
  })
  it('the overdue cutoff is the grace before now', () => {
    expect(overdueCutoff(ms('2026-06-01T01:30:02Z')).toISOString()).toBe('2026-06-01T01:30:00.000Z')
  })
})

describe('quiz window', () => {
  const openAt = new Date('2026-06-01T00:00:00Z')
  const closeAt = new Date('2026-06-02T00:00:00Z')
  it('is open from the open time (inclusive) until the close time (exclusive)', () => {
    expect(quizOpen({ openAt, closeAt }, new Date(openAt.getTime() - 1))).toBe(false)
    expect(quizOpen({ openAt, closeAt }, openAt)).toBe(true)
    expect(quizOpen({ openAt, closeAt }, new Date(closeAt.getTime() - 1))).toBe(true)
    expect(quizOpen({ openAt, closeAt }, closeAt)).toBe(false)
    expect(quizOpen({ openAt: null, closeAt: null }, closeAt)).toBe(true)
    expect(quizOpen({ openAt: null, closeAt }, openAt)).toBe(true)
    expect(quizOpen({ openAt, closeAt: null }, closeAt)).toBe(true)
  })
})
