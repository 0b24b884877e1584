// In-app notifications and their emails. Created by the `notify` job (app/jobs/notify.server.ts)
// from database facts, one per dedupe key, stored as kind + parameters; app/utils/notification-text.ts
// renders them in the reader's language. When the reader has email on for the kind (the default),
// the notification row and the sendMail outbox row are written in one transaction; the sendMail
// job renders the mail in the reader's language and records it as sent (docs/decisions/082).
import { randomUUID } from 'node:crypto'
import { createInstance } from 'i18next'
import { outboxInsert } from '~/jobs/outbox.server'
import { sendMailContract } from '~/jobs/contracts.server'
import { jakartaDate } from '~/domain/time'
import { Prisma } from '~/generated/prisma/client'
import { NOTIFICATION_KINDS } from '~/jobs/contracts.server'
import i18nConfig, { resources } from '~/i18n'
import { prisma, sql } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { sendMail } from '~/utils/mail.server'
import { notificationText, type NotificationParams } from '~/utils/notification-text'
import { programAssignedNotice } from './program-notice.server'

export { NOTIFICATION_KINDS }
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Kinds a person may also receive by email (on unless they switch it off). */
export const EMAIL_KINDS = [
  'ASSIGNED',
  'DUE_SOON',
  'OVERDUE',
  'GRADED',
  'CERTIFICATE_ISSUED',
] as const
export type EmailKind = (typeof EMAIL_KINDS)[number]

function isEmailKind(kind: string): kind is EmailKind {
  return (EMAIL_KINDS as readonly string[]).includes(kind)
}

/** A due date as the Jakarta calendar day (YYYY-MM-DD), rendered per language at read time. */
const jakartaDay = jakartaDate

type Built = { params: NotificationParams; link: string } | null

async function buildAssignmentNotice(reminderId: string): Promise<Built> {
  const reminder = await prisma.assignmentReminder.findUnique({
    where: { id: reminderId },
    select: { assignmentId: true, kind: true, dueAt: true },
  })
  if (!reminder) return null
  const assignment = await prisma.courseAssignment.findUnique({
    where: { id: reminder.assignmentId },
    select: { userId: true, courseId: true, dueAt: true },
  })
  // Unassigned since, or the due date moved (the new date has its own reminders).
  if (!assignment || assignment.dueAt.getTime() !== reminder.dueAt.getTime()) return null
  const [course, finished] = await Promise.all([
    prisma.course.findUnique({
      where: { id: assignment.courseId },
      select: { title: true, slug: true },
    }),
    prisma.enrolment.count({
      where: { userId: assignment.userId, courseId: assignment.courseId, status: 'COMPLETED' },
    }),
  ])
  if (!course) return null
  if (finished && reminder.kind !== 'ASSIGNED') return null
  return {
    params: { course: course.title, due: jakartaDay(assignment.dueAt) },
    link: `/courses/${course.slug}`,
  }
}

async function build(kind: NotificationKind, subjectId: string, userName: string): Promise<Built> {
  switch (kind) {
    case 'WELCOME':
      return { params: { name: userName }, link: '/' }
    case 'COURSE_COMPLETED': {
      const enrolment = await prisma.enrolment.findUnique({
        where: { id: subjectId },
        select: {
          completedAt: true,
          courseVersion: { select: { title: true, jp: true } },
          course: { select: { slug: true } },
        },
      })
      if (!enrolment?.completedAt) return null
      return {
        params: { course: enrolment.courseVersion.title, jp: enrolment.courseVersion.jp },
        link: `/courses/${enrolment.course.slug}`,
      }
    }
    case 'PROGRAM_ASSIGNED':
      return programAssignedNotice(subjectId)
    case 'ASSIGNED':
    case 'DUE_SOON':
    case 'OVERDUE':
      return buildAssignmentNotice(subjectId)
    case 'GRADED': {
      const attempt = await prisma.quizAttempt.findUnique({
        where: { id: subjectId },
        select: {
          status: true,
          gradedAt: true,
          percent: true,
          quiz: { select: { lesson: { select: { title: true } } } },
        },
      })
      // Recorded with the essay scores, before the grading job ran: retry (the job backs off).
      if (attempt?.status === 'SUBMITTED') throw new Error(`attempt ${subjectId} not graded yet`)
      if (!attempt?.gradedAt || attempt.percent === null) return null
      return {
        params: { quiz: attempt.quiz.lesson.title, percent: Math.round(attempt.percent * 10) / 10 },
        link: `/quiz/${subjectId}`,
      }
    }
    case 'CERTIFICATE_ISSUED': {
      const cert = await prisma.certificate.findUnique({
        where: { id: subjectId },
        select: { courseTitle: true, jp: true, revokedAt: true },
      })
      if (!cert || cert.revokedAt) return null
      return { params: { course: cert.courseTitle, jp: cert.jp }, link: '/sertifikat' }
    }
  }
}

/** Whether the person gets this kind by email (no stored choice: on). */
export async function emailEnabled(userId: string, kind: string) {
  if (!isEmailKind(kind)) return false
  const pref = await prisma.notificationPreference.findUnique({
    where: { userId_kind: { userId, kind } },
    select: { email: true },
  })
  return pref?.email ?? true
}

/**
 * The course-completion notifications of many completions in one statement (the exam path: one
 * per passed attempt at the end of an exam; the notify job batches them, decision 012). Same rule
 * as `createNotificationFromJob` for this kind: only for an existing user and a completed
 * enrolment, one per dedupe key, no mail (not an email kind). Returns the notification id
 * written per subject (enrolment) id; absent when nothing was written.
 */
/** Whether completion notifications take the one-statement path (only while they send no mail). */
export const completionNotificationsInSql = !isEmailKind('COURSE_COMPLETED')

export async function createCompletionNotifications(
  items: { userId: string; subjectId: string }[],
): Promise<Map<string, string>> {
  if (items.length === 0) return new Map()
  const rows = await sql<{ id: string; subjectId: string }>(
    Prisma.sql`
    INSERT INTO "Notification" (id, "userId", kind, params, link, "dedupeKey", "createdAt")
    SELECT t.nid, u.id, 'COURSE_COMPLETED', jsonb_build_object('course', cv.title, 'jp', cv.jp),
           '/courses/' || c.slug, 'COURSE_COMPLETED:' || e.id, now() AT TIME ZONE 'UTC'
    FROM unnest(${items.map((i) => i.userId)}::text[], ${items.map((i) => i.subjectId)}::text[],
                ${items.map(() => randomUUID())}::text[]) AS t(user_id, subject_id, nid)
    JOIN "User" u ON u.id = t.user_id
    JOIN "Enrolment" e ON e.id = t.subject_id AND e."completedAt" IS NOT NULL
    JOIN "CourseVersion" cv ON cv.id = e."courseVersionId"
    JOIN "Course" c ON c.id = e."courseId"
    ORDER BY e.id
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING id, substr("dedupeKey", length('COURSE_COMPLETED:') + 1) AS "subjectId"`,
    { prepare: true },
  )
  return new Map(rows.map((r) => [r.subjectId, r.id]))
}

export async function createNotificationFromJob(p: {
  kind: NotificationKind
  userId: string
  subjectId: string
}) {
  if (p.kind === 'COURSE_COMPLETED' && completionNotificationsInSql) {
    const id = (await createCompletionNotifications([p])).get(p.subjectId)
    return id ? { created: true, notificationId: id, mailQueued: false } : { created: false }
  }
  const dedupeKey = `${p.kind}:${p.subjectId}`
  const existing = await prisma.notification.findUnique({
    where: { dedupeKey },
    select: { id: true },
  })
  if (existing) return { created: false }
  const user = await prisma.user.findUnique({
    where: { id: p.userId },
    select: { id: true, name: true, active: true },
  })
  if (!user) return { created: false }
  const built = await build(p.kind, p.subjectId, user.name)
  if (!built) return { created: false }
  const mail = user.active && (await emailEnabled(user.id, p.kind))
  const id = randomUUID()
  return prisma.$transaction(async (tx) => {
    // The unique dedupe key makes a concurrent duplicate write nothing (and queue no mail).
    const result = await tx.notification.createMany({
      data: [
        {
          id,
          userId: user.id,
          kind: p.kind,
          dedupeKey,
          params: built.params as Prisma.InputJsonObject,
          link: built.link,
        },
      ],
      skipDuplicates: true,
    })
    if (result.count === 0) return { created: false }
    if (mail) await outboxInsert(tx, sendMailContract, { kind: 'NOTIFICATION', subjectId: id })
    return { created: true, notificationId: id, mailQueued: mail }
  })
}

function publicOrigin() {
  return env.APP_ORIGIN ?? `http://localhost:${env.PORT}`
}

const translators = new Map<string, ReturnType<typeof createInstance>>()
async function translator(lng: string) {
  const l = lng === 'en' ? 'en' : 'id'
  let instance = translators.get(l)
  if (!instance) {
    instance = createInstance()
    await instance.init({ ...i18nConfig, lng: l, ns: ['common'], resources })
    translators.set(l, instance)
  }
  return instance.t
}

/**
 * How long a sender's claim on a notification mail holds (docs/decisions/086): longer than one
 * SMTP hand-off can take (connection 10 s + greeting 10 s + socket 20 s in mail.server.ts). A
 * claim older than this belongs to a sender that died; the recovery sweep gives the mail a job.
 */
export const MAIL_CLAIM_MS = 120_000

const at = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz AT TIME ZONE 'UTC'`

/** Records that the mail of a notification will not be sent, unless a live claim holds it. */
async function skipMail(notificationId: string, reason: 'inactive' | 'off', now: Date) {
  await prisma.$executeRaw`
    INSERT INTO "NotificationMail" ("notificationId", "claimedAt", skipped)
    VALUES (${notificationId}, ${at(now)}, ${reason})
    ON CONFLICT ("notificationId") DO UPDATE SET skipped = EXCLUDED.skipped
    WHERE "NotificationMail"."sentAt" IS NULL AND "NotificationMail".skipped IS NULL
      AND "NotificationMail"."claimedAt" < ${at(new Date(now.getTime() - MAIL_CLAIM_MS))}`
}

/**
 * The sendMail job for a notification: renders it in the reader's language and sends it once.
 * Sends nothing when the mail went already, the reader switched the kind off since, or the
 * account is inactive (recorded as skipped: final). Before the SMTP hand-off the sender claims
 * the mail (a row with a fresh token, or a lapsed claim taken over), so two jobs for one
 * notification (the original and a recovered one, or a duplicate) never both send; after it,
 * only the claimant marks it sent. A sender that dies between the hand-off and that mark leaves
 * a lapsed claim: the mail is sent again once, with the same Message-ID, so mail clients show it
 * once.
 */
export async function deliverNotificationMail(notificationId: string, now = new Date()) {
  const n = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: {
      id: true,
      kind: true,
      params: true,
      title: true,
      body: true,
      link: true,
      user: { select: { id: true, name: true, email: true, locale: true, active: true } },
    },
  })
  if (!n) return { sent: false }
  const done = await prisma.notificationMail.findUnique({
    where: { notificationId },
    select: { sentAt: true, skipped: true },
  })
  if (done?.sentAt || done?.skipped) return { sent: false }
  if (!n.user.active) {
    await skipMail(notificationId, 'inactive', now)
    return { sent: false }
  }
  if (!(await emailEnabled(n.user.id, n.kind))) {
    await skipMail(notificationId, 'off', now)
    return { sent: false }
  }
  const token = randomUUID()
  const claimed = await prisma.$queryRaw<{ ok: number }[]>`
    INSERT INTO "NotificationMail" ("notificationId", "claimedAt", "claimToken")
    VALUES (${notificationId}, ${at(now)}, ${token})
    ON CONFLICT ("notificationId") DO UPDATE
      SET "claimedAt" = EXCLUDED."claimedAt", "claimToken" = EXCLUDED."claimToken"
    WHERE "NotificationMail"."sentAt" IS NULL AND "NotificationMail".skipped IS NULL
      AND "NotificationMail"."claimedAt" < ${at(new Date(now.getTime() - MAIL_CLAIM_MS))}
    RETURNING 1 AS ok`
  // Another sender holds a live claim (it sends), or the mail went meanwhile.
  if (claimed.length === 0) return { sent: false, claimedElsewhere: true }
  const t = await translator(n.user.locale)
  const text = notificationText(n, t, n.user.locale)
  const origin = publicOrigin()
  const body = [
    t('orgArea.mail.greeting', { name: n.user.name }),
    '',
    text.body,
    '',
    ...(n.link ? [t('orgArea.mail.open'), `${origin}${n.link}`, ''] : []),
    '--',
    t('orgArea.mail.footer', { link: `${origin}/settings/notifikasi` }),
    '',
  ].join('\n')
  try {
    await sendMail({
      to: n.user.email,
      subject: `[Bina] ${text.title}`,
      text: body,
      messageId: `<notification.${n.id}@${new URL(origin).hostname}>`,
    })
  } catch (e) {
    // Refused or unreachable: give the claim back so the job's next try may send at once.
    await prisma.$executeRaw`
      UPDATE "NotificationMail" SET "claimedAt" = '1970-01-01', "claimToken" = NULL
      WHERE "notificationId" = ${notificationId} AND "claimToken" = ${token} AND "sentAt" IS NULL`
    throw e
  }
  await prisma.$executeRaw`
    UPDATE "NotificationMail" SET "sentAt" = ${at(new Date())}
    WHERE "notificationId" = ${notificationId} AND "claimToken" = ${token}`
  return { sent: true }
}

/**
 * For the sendMail recovery sweep: notifications whose mail was relayed to the queue before
 * `cutoff` (within the outbox retention) and is neither sent nor skipped, and not claimed by a
 * live sender: their job was lost (Redis emptied) or their sender died.
 */
export async function unsentNotificationMails(cutoff: Date, limit: number, now = new Date()) {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT o.payload->>'subjectId' AS id FROM "OutboxMessage" o
    WHERE o."jobName" = 'sendMail' AND o.payload->>'kind' = 'NOTIFICATION'
      AND o."sentAt" < ${at(cutoff)} AND o."deadAt" IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM "NotificationMail" m WHERE m."notificationId" = o.payload->>'subjectId'
          AND (m."sentAt" IS NOT NULL OR m.skipped IS NOT NULL
               OR m."claimedAt" >= ${at(new Date(now.getTime() - MAIL_CLAIM_MS))}))
    ORDER BY o."sentAt" LIMIT ${limit}`
  return rows.map((r) => r.id)
}

/** The person's email choice per kind, for the settings page. */
export async function notificationPreferences(userId: string) {
  const rows = await prisma.notificationPreference.findMany({
    where: { userId },
    select: { kind: true, email: true },
  })
  const byKind = new Map(rows.map((r) => [r.kind, r.email]))
  return EMAIL_KINDS.map((kind) => ({ kind, email: byKind.get(kind) ?? true }))
}

export async function saveNotificationPreferences(userId: string, emailOn: readonly EmailKind[]) {
  await prisma.$transaction(
    EMAIL_KINDS.map((kind) =>
      prisma.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, email: emailOn.includes(kind) },
        update: { email: emailOn.includes(kind) },
      }),
    ),
  )
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
