// Renders a stored notification (kind + parameters) in the reader's language. Client-safe: used by
// the notifications page, the header bell and the notification emails.
import type { TFunction } from 'i18next'

export type NotificationParams = Record<string, string | number>

export interface StoredNotification {
  kind: string
  params: unknown
  /** Rows written before kind + parameters carry their text already rendered (Indonesian). */
  title: string | null
  body: string | null
}

const JOB_KINDS = ['WELCOME', 'COURSE_COMPLETED', 'PROGRAM_ASSIGNED'] as const
const ORG_KINDS = ['ASSIGNED', 'DUE_SOON', 'OVERDUE', 'GRADED', 'CERTIFICATE_ISSUED'] as const
/** Kirkpatrick evaluation (area eval): texts under evaluation.notifications. */
const EVAL_KINDS = ['EVAL_SURVEY', 'EVAL_L3'] as const

/** A YYYY-MM-DD day as a long date in the language ("4 Desember 2026" / "4 December 2026"). */
function longDay(day: string, lng: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`))
}

export function notificationText(n: StoredNotification, t: TFunction, lng = 'id') {
  const raw = n.params && typeof n.params === 'object' ? (n.params as NotificationParams) : null
  const dated = raw && typeof raw.due === 'string' ? { ...raw, due: longDay(raw.due, lng) } : raw
  // A grade's percent as the language writes it ("91,7" / "91.7").
  const params =
    dated && typeof dated.percent === 'number'
      ? {
          ...dated,
          percent: new Intl.NumberFormat(lng === 'en' ? 'en-GB' : 'id-ID', {
            maximumFractionDigits: 1,
          }).format(dated.percent),
        }
      : dated
  const jobKind = JOB_KINDS.find((k) => k === n.kind)
  if (params && jobKind)
    return {
      title: t(`jobs.notifications.${jobKind}.title`, params),
      body: t(`jobs.notifications.${jobKind}.body`, params),
    }
  const orgKind = ORG_KINDS.find((k) => k === n.kind)
  if (params && orgKind)
    return {
      title: t(`orgArea.notif.${orgKind}.title`, params),
      body: t(`orgArea.notif.${orgKind}.body`, params),
    }
  const evalKind = EVAL_KINDS.find((k) => k === n.kind)
  if (params && evalKind)
    return {
      title: t(`evaluation.notifications.${evalKind}.title`, params),
      body: t(`evaluation.notifications.${evalKind}.body`, params),
    }
  return { title: n.title ?? n.kind, body: n.body ?? '' }
}
