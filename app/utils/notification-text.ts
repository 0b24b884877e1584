// Renders a stored notification (kind + parameters) in the reader's language. Client-safe: used by
// the notifications page and anything else that lists notifications (e.g. the header bell).
import type { TFunction } from 'i18next'

export type NotificationParams = Record<string, string | number>

export interface StoredNotification {
  kind: string
  params: unknown
  /** Rows written before kind + parameters carry their text already rendered (Indonesian). */
  title: string | null
  body: string | null
}

const RENDERED_KINDS = ['WELCOME', 'COURSE_COMPLETED', 'PROGRAM_ASSIGNED'] as const
/** Kirkpatrick evaluation (area eval): texts under evaluation.notifications. */
const EVAL_KINDS = ['EVAL_SURVEY', 'EVAL_L3'] as const

export function notificationText(n: StoredNotification, t: TFunction) {
  const params = n.params && typeof n.params === 'object' ? (n.params as NotificationParams) : null
  const kind = RENDERED_KINDS.find((k) => k === n.kind)
  if (params && kind)
    return {
      title: t(`jobs.notifications.${kind}.title`, params),
      body: t(`jobs.notifications.${kind}.body`, params),
    }
  const evalKind = EVAL_KINDS.find((k) => k === n.kind)
  if (params && evalKind)
    return {
      title: t(`evaluation.notifications.${evalKind}.title`, params),
      body: t(`evaluation.notifications.${evalKind}.body`, params),
    }
  return { title: n.title ?? n.kind, body: n.body ?? '' }
}
