// Calendar time in Jambi. Every "which day / which year" rule of the portal is judged on the
// calendar of Asia/Jakarta (WIB), whatever time zone the server runs in. The zone arithmetic is
// date-fns + @date-fns/tz (IANA data), never a hand-written offset.
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

export const PORTAL_TIME_ZONE = 'Asia/Jakarta'

export interface CalendarDate {
  year: number
  /** 1-12 */
  month: number
  day: number
}

function assertValid(d: Date, what: string) {
  if (Number.isNaN(d.getTime())) throw new RangeError(`${what}: invalid Date`)
}

/**
 * The Jakarta day last asked for, as the instants it spans [from, to): pages ask for the calendar
 * date (the JP year, "today") on every request, and the zone lookup costs ~20 µs each time, while
 * the answer changes once a day. The span comes from the same zone arithmetic.
 */
let lastDay: { from: number; to: number; date: CalendarDate } | null = null

/** The moment `at` seen on the Jakarta calendar. */
export function jakartaCalendar(at: Date): CalendarDate {
  assertValid(at, 'jakartaCalendar')
  const t = at.getTime()
  // Mutation testing skips the remembered day (to `Stryker restore` below): it is a cache, and a
  // mutant that uses it less (a narrower span, a miss at `from`) answers the same day. That it
  // never answers for an instant outside its day is what time.test.ts checks.
  // Stryker disable all
  if (lastDay && t >= lastDay.from && t < lastDay.to) return { ...lastDay.date }
  // Stryker restore all
  const z = new TZDate(t, PORTAL_TIME_ZONE)
  const date = { year: z.getFullYear(), month: z.getMonth() + 1, day: z.getDate() }
  // Stryker disable all
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1))
  const from = fromJakartaWallClock(date.year, date.month, date.day).getTime()
  const to = fromJakartaWallClock(
    next.getUTCFullYear(),
    next.getUTCMonth() + 1,
    next.getUTCDate(),
  ).getTime()
  if (from <= t && t < to) lastDay = { from, to, date }
  // Stryker restore all
  return { ...date }
}

/** The calendar year in Jakarta at the moment `at` (New Year starts at 17:00 UTC on 31 December). */
export function jakartaYear(at: Date): number {
  return jakartaCalendar(at).year
}

/** The instant a Jakarta wall-clock time denotes. Month is 1-12. */
export function fromJakartaWallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  return new Date(
    new TZDate(year, month - 1, day, hour, minute, second, PORTAL_TIME_ZONE).getTime(),
  )
}

/** [start, end) of a Jakarta calendar year as instants. */
export function jakartaYearRange(year: number): { start: Date; end: Date } {
  return { start: fromJakartaWallClock(year, 1, 1), end: fromJakartaWallClock(year + 1, 1, 1) }
}

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * "2026-03-01T08:00" (a `datetime-local` value, which carries no zone) read as Jakarta time, or
 * null when it is not a real date and time in the years minYear..maxYear.
 */
export function parseJakartaDateTime(
  text: string,
  opts: { minYear?: number; maxYear?: number } = {},
): Date | null {
  const m = LOCAL_DATETIME.exec(text.trim())
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (year < (opts.minYear ?? 2000) || year > (opts.maxYear ?? 2099)) return null
  const at = fromJakartaWallClock(year, month, day, hour, minute, second)
  // A field out of its range (31 February, month 13, 24:00, minute 60) rolls over into another
  // wall-clock time: only a value that reads back as written is a real date and time.
  const written = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`
  return format(new TZDate(at.getTime(), PORTAL_TIME_ZONE), "yyyy-MM-dd'T'HH:mm:ss") === written
    ? at
    : null
}

/** The Jakarta calendar day of `at` as YYYY-MM-DD (a due date stored as 00:00 WIB shows its day). */
export function jakartaDate(at: Date): string {
  assertValid(at, 'jakartaDate')
  return format(new TZDate(at.getTime(), PORTAL_TIME_ZONE), 'yyyy-MM-dd')
}

/** The `datetime-local` value showing `at` in Jakarta time ("2026-03-01T08:00"); '' for none. */
export function toJakartaDateTimeInput(at: Date | null | undefined): string {
  if (!at) return ''
  assertValid(at, 'toJakartaDateTimeInput')
  return format(new TZDate(at.getTime(), PORTAL_TIME_ZONE), "yyyy-MM-dd'T'HH:mm")
}
