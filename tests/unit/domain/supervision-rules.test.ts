// The JP status the supervisor sees (one "below" rule for every view: only a PNS can be below 20)
// and when an assigned course becomes overdue (the end of its due day in Jakarta).
import { describe, expect, it } from 'vitest'
import {
  assignmentOverdueAt,
  assignmentOverdueCutoff,
  isAssignmentOverdue,
} from '~/domain/assignment'
import { belowJpMinimum } from '~/domain/jp'
import { jpStatus } from '~/domain/supervision'

describe('below the JP minimum', () => {
  it('a PNS under 20 is below, at 20 not; a PPPK never is (a maximum, not a minimum)', () => {
    expect(belowJpMinimum('PNS', 19)).toBe(true)
    expect(belowJpMinimum('PNS', 20)).toBe(false)
    expect(belowJpMinimum('PNS', 0)).toBe(true)
    expect(belowJpMinimum('PPPK', 19)).toBe(false)
    expect(belowJpMinimum('PPPK', 0)).toBe(false)
  })

  it('jpStatus: PNS 19 BELOW, PNS 20 MET; PPPK 19 MET, 23 MET, 24 and 30 CAP', () => {
    expect(jpStatus('PNS', 19)).toBe('BELOW')
    expect(jpStatus('PNS', 20)).toBe('MET')
    expect(jpStatus('PNS', 30)).toBe('MET')
    expect(jpStatus('PPPK', 19)).toBe('MET')
    expect(jpStatus('PPPK', 0)).toBe('MET')
    expect(jpStatus('PPPK', 23)).toBe('MET')
    expect(jpStatus('PPPK', 24)).toBe('CAP')
    expect(jpStatus('PPPK', 30)).toBe('CAP')
  })
})

describe('an assignment is overdue when its due day is over in Jakarta', () => {
  // Due 5 December 2026, stored as 00:00 WIB of that day (17:00 UTC on 4 December).
  const due = new Date('2026-12-05T00:00:00+07:00')

  it('from 00:00 WIB of the next day, not at 23:59:59.999 WIB of the due day', () => {
    expect(assignmentOverdueAt(due).toISOString()).toBe('2026-12-05T17:00:00.000Z')
    expect(isAssignmentOverdue(due, due)).toBe(false)
    expect(isAssignmentOverdue(due, new Date('2026-12-05T23:59:59.999+07:00'))).toBe(false)
    expect(isAssignmentOverdue(due, new Date('2026-12-06T00:00:00+07:00'))).toBe(true)
    expect(isAssignmentOverdue(due, new Date('2026-12-04T23:59:59.999+07:00'))).toBe(false)
  })

  it('judges the Jakarta day, not the UTC one (a due instant later in the day ends the same day)', () => {
    // 16:00 UTC on 5 December is 23:00 WIB on 5 December: overdue at 00:00 WIB on 6 December.
    const late = new Date('2026-12-05T16:00:00Z')
    expect(assignmentOverdueAt(late).toISOString()).toBe('2026-12-05T17:00:00.000Z')
    // 17:00 UTC on 5 December is already 6 December in Jakarta.
    const next = new Date('2026-12-05T17:00:00Z')
    expect(assignmentOverdueAt(next).toISOString()).toBe('2026-12-06T17:00:00.000Z')
  })

  it('the query cutoff agrees with the rule: overdue exactly when dueAt < cutoff(now)', () => {
    const nows = [
      '2026-12-05T00:00:00+07:00',
      '2026-12-05T23:59:59.999+07:00',
      '2026-12-06T00:00:00+07:00',
      '2026-12-06T06:30:00+07:00',
      '2026-12-31T23:59:59.999+07:00',
      '2027-01-01T00:00:00+07:00',
    ].map((s) => new Date(s))
    const dues = [
      '2026-12-04T00:00:00+07:00',
      '2026-12-05T00:00:00+07:00',
      '2026-12-06T00:00:00+07:00',
      '2026-12-31T00:00:00+07:00',
    ].map((s) => new Date(s))
    for (const now of nows)
      for (const d of dues)
        expect(d < assignmentOverdueCutoff(now)).toBe(isAssignmentOverdue(d, now))
    expect(assignmentOverdueCutoff(new Date('2026-12-06T06:30:00+07:00')).toISOString()).toBe(
      '2026-12-05T17:00:00.000Z',
    )
  })

  it('refuses an invalid date', () => {
    expect(() => assignmentOverdueAt(new Date(Number.NaN))).toThrow(RangeError)
    expect(() => assignmentOverdueCutoff(new Date(Number.NaN))).toThrow(RangeError)
  })
})
