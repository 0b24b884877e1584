// In-app notifications. Created by the `notify` job (app/jobs/notify.server.ts) from database facts,
// one per dedupe key, stored as kind + parameters; app/utils/notification-text.ts renders them in
// the reader's language.
import type { Prisma } from '~/generated/prisma/client'
import type { NotificationParams } from '~/utils/notification-text'
import { NOTIFICATION_KINDS } from '~/jobs/contracts.server'
import { prisma } from '~/utils/db.server'
import { programAssignedNotice } from './program-notice.server'

export { NOTIFICATION_KINDS }
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export async function createNotificationFromJob(p: {
  kind: NotificationKind
  userId: string
  subjectId: string
}) {
  const dedupeKey = `${p.kind}:${p.subjectId}`
  const existing = await prisma.notification.findUnique({
    where: { dedupeKey },
    select: { id: true },
  })
  if (existing) return { created: false }
  const user = await prisma.user.findUnique({
    where: { id: p.userId },
    select: { id: true, name: true },
  })
  if (!user) return { created: false }
  let params: NotificationParams
  let link: string
  switch (p.kind) {
    case 'WELCOME':
      params = { name: user.name }
      link = '/'
      break
    case 'COURSE_COMPLETED': {
      const enrolment = await prisma.enrolment.findUnique({
        where: { id: p.subjectId },
        select: {
          completedAt: true,
          courseVersion: { select: { title: true, jp: true } },
          course: { select: { slug: true } },
        },
      })
      if (!enrolment?.completedAt) return { created: false }
      params = { course: enrolment.courseVersion.title, jp: enrolment.courseVersion.jp }
      link = `/courses/${enrolment.course.slug}`
      break
    }
    case 'PROGRAM_ASSIGNED': {
      const notice = await programAssignedNotice(p.subjectId)
      if (!notice) return { created: false }
      params = notice.params
      link = notice.link
      break
    }
  }
  // The unique dedupe key makes a concurrent duplicate fail instead of writing twice.
  const result = await prisma.notification.createMany({
    data: [
      {
        userId: user.id,
        kind: p.kind,
        dedupeKey,
        params: params as Prisma.InputJsonObject,
        link,
      },
    ],
    skipDuplicates: true,
  })
  return { created: result.count === 1 }
}

export function unreadCount(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } })
}

/** The reader's notifications, newest first: render each with `notificationText`. */
export function listNotifications(userId: string, take = 50) {
  return prisma.notification.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      kind: true,
      params: true,
      title: true,
      body: true,
      link: true,
      readAt: true,
      createdAt: true,
    },
  })
}

export async function markRead(userId: string, id: string | 'all') {
  await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(id === 'all' ? {} : { id }) },
    data: { readAt: new Date() },
  })
}
