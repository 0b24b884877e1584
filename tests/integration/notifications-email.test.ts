// Notifications in-app and by email (issue 13 item 6): assignment notices and due-date reminders
// from the scheduled `reminders` job (exact boundaries, once each), delivered by the real workers to
// a real SMTP server started here (smtp-server), in the reader's language, and only for the kinds
// the reader keeps on.
import { describe, expect, it } from 'vitest'
import { startTestSmtp } from '../support/smtp'

const { inbox, close: closeSmtp } = await startTestSmtp()

const { prisma } = await import('~/utils/db.server')
const { runReminders, DUE_SOON_DAYS } = await import('~/models/reminder.server')
const notif = await import('~/models/notification.server')
const { getQueue } = await import('~/jobs/queue.server')
const { relayOutbox } = await import('~/jobs/relay.server')
const { workersForSuite } = await import('../support/worker-suite')
const { createTestUser } = await import('../support/factories')
const { waitFor } = await import('../support/wait')

const DAY = 24 * 3600 * 1000
workersForSuite(['notify', 'sendMail', 'reminders'], closeSmtp)

async function course(slug = 'keamanan-digital-asn') {
  return prisma.course.findUniqueOrThrow({
    where: { slug },
    select: { id: true, title: true, currentVersionId: true },
  })
}

async function assign(userId: string, dueAt: Date, createdAt: Date, slug?: string) {
  const c = await course(slug)
  return prisma.courseAssignment.create({
    data: { userId, courseId: c.id, dueAt, createdAt },
  })
}

function remindersOf(assignmentId: string) {
  return prisma.assignmentReminder
    .findMany({ where: { assignmentId }, select: { kind: true } })
    .then((r) => r.map((x) => x.kind).sort())
}

function decoded(raw: string) {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
}

describe('reminders of assigned courses', () => {
  it('notices once, reminds exactly 3 days before the end of the due day and when it is over, each once', async () => {
    const u = await createTestUser()
    // Due 10 June 2031 (stored as 00:00 WIB of that day): overdue from 00:00 WIB on 11 June.
    const due = new Date('2031-06-10T00:00:00+07:00')
    const overdueAt = new Date('2031-06-11T00:00:00+07:00')
    const a = await assign(u.id, due, new Date(due.getTime() - 10 * DAY))
    const soon = new Date(overdueAt.getTime() - DUE_SOON_DAYS * DAY)

    await runReminders(new Date(soon.getTime() - 1))
    expect(await remindersOf(a.id)).toEqual(['ASSIGNED'])
    await runReminders(soon)
    expect(await remindersOf(a.id)).toEqual(['ASSIGNED', 'DUE_SOON'])
    await runReminders(soon)
    // All of the due day (from its 00:00 WIB to 23:59:59.999 WIB) is not overdue.
    await runReminders(due)
    await runReminders(new Date('2031-06-10T23:59:59.999+07:00'))
    expect(await remindersOf(a.id)).toEqual(['ASSIGNED', 'DUE_SOON'])
    await runReminders(overdueAt)
    expect(await remindersOf(a.id)).toEqual(['ASSIGNED', 'DUE_SOON', 'OVERDUE'])
    await runReminders(new Date(due.getTime() + 5 * DAY))
    expect(await remindersOf(a.id)).toEqual(['ASSIGNED', 'DUE_SOON', 'OVERDUE'])

    // Each reminder has exactly one notify outbox row, written with it.
    const reminders = await prisma.assignmentReminder.findMany({ where: { assignmentId: a.id } })
    for (const r of reminders) {
      const rows = await prisma.outboxMessage.count({
        where: { jobName: 'notify', payload: { path: ['subjectId'], equals: r.id } },
      })
      expect(rows).toBe(1)
    }
  })

  it('concurrent runs write each reminder once', async () => {
    const u = await createTestUser()
    const due = new Date('2031-07-01T00:00:00+07:00')
    const a = await assign(u.id, due, new Date(due.getTime() - 30 * DAY))
    const over = new Date(due.getTime() + DAY)
    await Promise.all([runReminders(over), runReminders(over), runReminders(over)])
    expect(await remindersOf(a.id)).toEqual(['OVERDUE'])
  })

  it('a short-notice assignment gets no separate due-soon reminder; a moved due date gets new ones', async () => {
    const u = await createTestUser()
    const due = new Date(Date.UTC(2031, 7, 1, 0, 0, 0))
    const a = await assign(u.id, due, new Date(due.getTime() - DUE_SOON_DAYS * DAY))
    await runReminders(new Date(due.getTime() - DAY))
    expect(await remindersOf(a.id)).toEqual(['ASSIGNED'])
    const later = new Date(due.getTime() + 20 * DAY)
    await prisma.courseAssignment.update({ where: { id: a.id }, data: { dueAt: later } })
    await runReminders(new Date(later.getTime() - DAY))
    expect(await remindersOf(a.id)).toEqual(['ASSIGNED', 'ASSIGNED', 'DUE_SOON'])
  })

  it('an OVERDUE sent under the old rule (at the start of the due day) is not followed by any other reminder', async () => {
    const u = await createTestUser()
    const due = new Date('2031-09-15T00:00:00+07:00')
    const a = await assign(u.id, due, new Date('2031-09-14T09:00:00+07:00'))
    // What decision 113's rule wrote at 00:00 WIB of the due day (the job ran then).
    await prisma.assignmentReminder.create({
      data: { id: crypto.randomUUID(), assignmentId: a.id, kind: 'OVERDUE', dueAt: due },
    })
    // Later on the due day (not overdue under the new rule): no ASSIGNED or DUE_SOON after it.
    await runReminders(new Date('2031-09-15T10:00:00+07:00'))
    expect(await remindersOf(a.id)).toEqual(['OVERDUE'])
    // When the due day is over: no second OVERDUE (reminders are keyed by the due date).
    await runReminders(new Date('2031-09-16T00:00:00+07:00'))
    expect(await remindersOf(a.id)).toEqual(['OVERDUE'])
    // A due date moved later is a new due date: its reminders come again.
    const later = new Date('2031-10-20T00:00:00+07:00')
    await prisma.courseAssignment.update({ where: { id: a.id }, data: { dueAt: later } })
    await runReminders(new Date('2031-09-16T00:00:01+07:00'))
    expect(await remindersOf(a.id)).toEqual(['ASSIGNED', 'OVERDUE'])
  })

  it('says nothing about a finished course or to an inactive person', async () => {
    const done = await createTestUser()
    const c = await course()
    await prisma.enrolment.create({
      data: {
        userId: done.id,
        courseId: c.id,
        courseVersionId: c.currentVersionId!,
        status: 'COMPLETED',
        completedAt: new Date(),
      },
    })
    const due = new Date(Date.UTC(2031, 8, 1))
    const a = await assign(done.id, due, new Date(due.getTime() - 10 * DAY))
    const gone = await createTestUser({ active: false })
    const b = await assign(gone.id, due, new Date(due.getTime() - 10 * DAY))
    await runReminders(new Date(due.getTime() - DAY))
    await runReminders(due)
    expect(await remindersOf(a.id)).toEqual([])
    expect(await remindersOf(b.id)).toEqual([])
  })
})

describe('email through the workers and a real SMTP server', () => {
  // Starting the workers also recovers what earlier files of this pool's database left undelivered
  // (hundreds of notices when the program suites ran first); this file's mails queue behind them.
  it(
    "delivers the reminders job's notices in the reader's language, once, unless switched off",
    {
      timeout: 150_000,
    },
    async () => {
      const id = await createTestUser()
      const en = await createTestUser()
      const off = await createTestUser()
      await prisma.user.update({ where: { id: en.id }, data: { locale: 'en' } })
      await notif.saveNotificationPreferences(off.id, ['DUE_SOON', 'OVERDUE', 'GRADED'])
      const c = await course()
      const now = new Date()
      const due = new Date(now.getTime() + 20 * DAY)
      for (const u of [id, en, off]) await assign(u.id, due, now)

      // The scheduled job, run by the worker.
      await getQueue('reminders').add('reminders', {}, { jobId: `reminders.test-${Date.now()}` })
      await waitFor(
        async () =>
          inbox.some((m) => m.to.includes(id.email)) && inbox.some((m) => m.to.includes(en.email)),
        120_000,
        'both mails',
      )
      const mailId = decoded(inbox.find((m) => m.to.includes(id.email))!.raw)
      const mailEn = decoded(inbox.find((m) => m.to.includes(en.email))!.raw)
      expect(mailId).toContain(`Kursus ditugaskan: ${c.title}`)
      expect(mailId).toContain('https://bina.example.go.id/courses/keamanan-digital-asn')
      expect(mailId).toContain('https://bina.example.go.id/settings/notifikasi')
      expect(mailEn).toContain(`Course assigned: ${c.title}`)

      // Switched off: the in-app notification arrives, no mail is queued or sent.
      const inApp = await waitFor(
        () => prisma.notification.findFirst({ where: { userId: off.id, kind: 'ASSIGNED' } }),
        60_000,
        'in-app notice',
      )
      expect(
        await prisma.outboxMessage.count({
          where: { jobName: 'sendMail', payload: { path: ['subjectId'], equals: inApp.id } },
        }),
      ).toBe(0)
      expect(inbox.some((m) => m.to.includes(off.email))).toBe(false)

      // Once: a repeated job sends nothing more.
      const n = await prisma.notification.findFirstOrThrow({
        where: { userId: id.id, kind: 'ASSIGNED' },
      })
      await waitFor(
        async () =>
          (await prisma.notificationMail.findUnique({ where: { notificationId: n.id } }))?.sentAt,
      )
      const count = inbox.filter((m) => m.to.includes(id.email)).length
      expect(await notif.deliverNotificationMail(n.id)).toEqual({ sent: false })
      await getQueue('reminders').add('reminders', {}, { jobId: `reminders.test2-${Date.now()}` })
      await relayOutbox()
      await new Promise((r) => setTimeout(r, 1500))
      expect(inbox.filter((m) => m.to.includes(id.email)).length).toBe(count)
      expect(count).toBe(1)
    },
  )

  it('a kind switched off after the notice was queued is not mailed', async () => {
    const u = await createTestUser()
    const due = new Date(Date.now() + 30 * DAY)
    const a = await assign(u.id, due, new Date())
    // The reminder row alone (no outbox row): the running workers do not race this test.
    const r = await prisma.assignmentReminder.create({
      data: { id: crypto.randomUUID(), assignmentId: a.id, kind: 'ASSIGNED', dueAt: due },
    })
    const made = await notif.createNotificationFromJob({
      kind: 'ASSIGNED',
      userId: u.id,
      subjectId: r.id,
    })
    expect(made).toMatchObject({ created: true, mailQueued: true })
    // Again (at least once delivery): nothing new.
    expect(
      await notif.createNotificationFromJob({ kind: 'ASSIGNED', userId: u.id, subjectId: r.id }),
    ).toEqual({ created: false })
    await notif.saveNotificationPreferences(u.id, [])
    expect(
      await notif.deliverNotificationMail((made as { notificationId: string }).notificationId),
    ).toEqual({
      sent: false,
    })
    expect(await notif.notificationPreferences(u.id)).toEqual(
      notif.EMAIL_KINDS.map((kind) => ({ kind, email: false })),
    )
  })
})
