// In-app notifications. Created by the `notify` job from database facts; one per dedupe key.
import type { JobPayload } from '~/jobs/contracts'
import { prisma } from '~/utils/db.server'

export async function createNotificationFromJob(p: JobPayload<'notify'>) {
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
  let content: { title: string; body: string; link?: string }
  switch (p.kind) {
    case 'WELCOME':
      content = {
        title: 'Selamat datang di Bina',
        body: `Halo ${user.name}, akun Anda telah dibuat. Lihat profil kompetensi Anda dan mulai belajar dari katalog kursus.`,
        link: '/',
      }
      break
    case 'COURSE_COMPLETED': {
      const enrolment = await prisma.enrolment.findUnique({
        where: { id: p.subjectId },
        select: { completedAt: true, course: { select: { title: true, jp: true, slug: true } } },
      })
      if (!enrolment?.completedAt) return { created: false }
      content = {
        title: 'Kursus selesai',
        body: `Selamat! Anda menyelesaikan "${enrolment.course.title}" dan memperoleh ${enrolment.course.jp} JP.`,
        link: `/courses/${enrolment.course.slug}`,
      }
      break
    }
  }
  // The unique dedupe key makes a concurrent duplicate fail instead of writing twice.
  const result = await prisma.notification.createMany({
    data: [{ userId: user.id, kind: p.kind, dedupeKey, ...content }],
    skipDuplicates: true,
  })
  return { created: result.count === 1 }
}

export function unreadCount(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } })
}

export function listNotifications(userId: string, take = 50) {
  return prisma.notification.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  })
}

export async function markRead(userId: string, id: string | 'all') {
  await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(id === 'all' ? {} : { id }) },
    data: { readAt: new Date() },
  })
}
