// When an assigned course is overdue. A due date is a Jakarta calendar day (stored as 00:00 WIB of
// that day, app/schemas/program.ts) and people read it as "by the end of that day": the course is
// overdue from 00:00 WIB of the next day on. One rule for the dashboard, the home page, the
// reminders and the exports (docs/decisions/117). Zone arithmetic with date-fns + @date-fns/tz.
import { TZDate } from '@date-fns/tz'
import { addDays, startOfDay } from 'date-fns'
import { PORTAL_TIME_ZONE } from './time'

function assertValid(d: Date, what: string) {
  if (Number.isNaN(d.getTime())) throw new RangeError(`${what}: invalid Date`)
}

/** The instant an assignment due at `dueAt` becomes overdue: the end of its due day in Jakarta. */
export function assignmentOverdueAt(dueAt: Date): Date {
  assertValid(dueAt, 'assignmentOverdueAt')
  const day = startOfDay(new TZDate(dueAt.getTime(), PORTAL_TIME_ZONE))
  return new Date(addDays(day, 1).getTime())
}

/** Whether an unfinished assignment due at `dueAt` is overdue at `now`. */
export function isAssignmentOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() >= assignmentOverdueAt(dueAt).getTime()
}

/**
 * The same rule as a bound for queries: at `now`, exactly the assignments with `dueAt` strictly
 * before this instant (00:00 WIB of today in Jakarta) are overdue, i.e. their due day is over.
 */
export function assignmentOverdueCutoff(now: Date): Date {
  assertValid(now, 'assignmentOverdueCutoff')
  return new Date(startOfDay(new TZDate(now.getTime(), PORTAL_TIME_ZONE)).getTime())
}
