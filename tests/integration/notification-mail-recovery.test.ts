// Notification e-mails survive lost jobs (docs/decisions/086): Redis emptied while the mail jobs
// wait, or a sender that died holding its claim. The recovery re-derives from PostgreSQL (relayed
// sendMail outbox rows without a final NotificationMail row) and every mail reaches the real SMTP
// server started here exactly once, and never when the reader switched the kind off.
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSmtp } from '../support/smtp'
import { waitFor } from '../support/wait'

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

// This file empties Redis, so it talks to a Redis server of its own.
const redisPort = await freePort()
const redisProc: ChildProcess = spawn(
  'redis-server',
  ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  { stdio: 'ignore' },
)
process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`
process.env.REDIS_CHECK_MS = '500'
const { inbox, close: closeSmtp } = await startTestSmtp()

const { prisma } = await import('~/utils/db.server')
const { redis } = await import('~/utils/redis.server')
const { closeMail } = await import('~/utils/mail.server')
const notif = await import('~/models/notification.server')
const { closeQueues, getQueue } = await import('~/jobs/queue.server')
const { relayOutbox } = await import('~/jobs/relay.server')
const { recoverJobs } = await import('~/jobs/recovery.server')
const { sendMailJob } = await import('~/jobs/send-mail.server')
const { startWorkers } = await import('../../workers/index')
const { createTestUser } = await import('../support/factories')

const DAY = 24 * 3600 * 1000

beforeAll(async () => {
  await waitFor(
    () =>
      redis()
        .ping()
        .then((r) => r === 'PONG')
        .catch(() => false),
    10_000,
    'redis',
  )
})
afterAll(async () => {
  await closeQueues()
  closeMail()
  redis().disconnect()
  redisProc.kill('SIGKILL')
  await closeSmtp()
})

/** A notification with e-mail on: its sendMail outbox row is written with it (not relayed yet). */
async function notification(opts: { locale?: 'en' } = {}) {
  const u = await createTestUser()
  if (opts.locale) await prisma.user.update({ where: { id: u.id }, data: { locale: opts.locale } })
  const course = await prisma.course.findUniqueOrThrow({ where: { slug: 'keamanan-digital-asn' } })
  const due = new Date(Date.now() + 30 * DAY)
  const a = await prisma.courseAssignment.create({
    data: { userId: u.id, courseId: course.id, dueAt: due },
  })
  const r = await prisma.assignmentReminder.create({
    data: { id: crypto.randomUUID(), assignmentId: a.id, kind: 'ASSIGNED', dueAt: due },
  })
  const made = await notif.createNotificationFromJob({
    kind: 'ASSIGNED',
    userId: u.id,
    subjectId: r.id,
  })
  expect(made).toMatchObject({ created: true, mailQueued: true })
  return { user: u, id: (made as { notificationId: string }).notificationId }
}

const mailsTo = (email: string) => inbox.filter((m) => m.to.includes(email))

function mailRow(notificationId: string) {
  return prisma.notificationMail.findUnique({ where: { notificationId } })
}

describe('notification mails whose jobs were lost', () => {
  it(
    'Redis emptied with the mail jobs waiting: each mail is sent once, a switched-off one never',
    { timeout: 90_000 },
    async () => {
      const workers = await startWorkers(['sendMail'])
      try {
        // The queue is paused, not the workers: a worker paused while it waits for a job (BullMQ's
        // blocking fetch) still takes the next job that arrives and would send that mail now.
        await getQueue('sendMail').pause()
        const a = await notification()
        const b = await notification({ locale: 'en' })
        const off = await notification()
        while ((await relayOutbox()) > 0);
        const counts = await getQueue('sendMail').getJobCounts(
          'waiting',
          'prioritized',
          'delayed',
          'active',
        )
        expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(3)
        expect(counts.active).toBe(0)
        // None of these three is sent while the queue is paused. (Not the whole inbox: starting
        // the workers recovers what earlier files of this worker's database left unsent.)
        for (const n of [a, b, off]) expect(mailsTo(n.user.email)).toHaveLength(0)
        // The reader of `off` switches assignment mails off while the job waits.
        await notif.saveNotificationPreferences(off.user.id, ['DUE_SOON', 'OVERDUE'])

        // Emptying Redis loses the jobs and the pause with them.
        await redis().flushall()
        expect(await getQueue('sendMail').getWaitingCount()).toBe(0)
        expect(await getQueue('sendMail').isPaused()).toBe(false)

        // The Redis-loss watch re-queues the three from PostgreSQL; the workers send two.
        await waitFor(
          async () => mailsTo(a.user.email).length > 0 && mailsTo(b.user.email).length > 0,
          30_000,
          'both mails after Redis was emptied',
        )
        await waitFor(async () => (await mailRow(off.id))?.skipped === 'off', 15_000, 'skip')
        for (const n of [a, b]) await waitFor(async () => (await mailRow(n.id))?.sentAt, 10_000)
        expect(decodeURIComponent(mailsTo(b.user.email)[0]!.raw)).toContain('Course assigned')
        // A fixed Message-ID (headers unfolded).
        expect(mailsTo(a.user.email)[0]!.raw.replace(/\r?\n[ \t]+/g, ' ')).toContain(
          `Message-ID: <notification.${a.id}@bina.example.go.id>`,
        )

        // Nothing is left for the recovery, and running every path again sends nothing more.
        const left = await notif.unsentNotificationMails(new Date(Date.now() + 1), 1_000)
        for (const n of [a, b, off]) expect(left).not.toContain(n.id)
        await recoverJobs([sendMailJob], { olderThanMs: 0 })
        await redis().flushall()
        await new Promise((r) => setTimeout(r, 2_000)) // the watch runs the recovery again
        for (const n of [a, b, off])
          expect(await notif.deliverNotificationMail(n.id)).toEqual({ sent: false })
        expect(mailsTo(a.user.email)).toHaveLength(1)
        expect(mailsTo(b.user.email)).toHaveLength(1)
        expect(mailsTo(off.user.email)).toHaveLength(0)
      } finally {
        await workers.stop()
        // A failure above must not leave the queue paused for the next tests.
        await getQueue('sendMail').resume()
      }
    },
  )

  it('a sender that died holding its claim: the sweep re-queues the mail after the lease, once', async () => {
    const n = await notification()
    while ((await relayOutbox()) > 0);
    // The relayed job is gone (Redis emptied) and a sender claimed the mail, then died.
    const job = await getQueue('sendMail').getJob(
      sendMailJob.jobId({ kind: 'NOTIFICATION', subjectId: n.id }),
    )
    expect(job).toBeTruthy()
    await job!.remove()
    const past = (ms: number) => new Date(Date.now() - ms)
    await prisma.outboxMessage.updateMany({
      where: { jobName: 'sendMail', payload: { path: ['subjectId'], equals: n.id } },
      data: { sentAt: past(10 * 60_000) },
    })
    await prisma.notificationMail.create({
      data: { notificationId: n.id, claimedAt: past(30_000), claimToken: 'dead-sender' },
    })
    // Within the lease: the claimant may still be sending; the sweep leaves it, a job sends nothing.
    expect((await recoverJobs([sendMailJob], { olderThanMs: 120_000 })).sendMail).toBe(0)
    expect(await notif.deliverNotificationMail(n.id)).toEqual({
      sent: false,
      claimedElsewhere: true,
    })
    // The lease runs out.
    await prisma.notificationMail.update({
      where: { notificationId: n.id },
      data: { claimedAt: past(notif.MAIL_CLAIM_MS + 1_000) },
    })
    expect(await notif.unsentNotificationMails(past(120_000), 100)).toContain(n.id)
    expect((await recoverJobs([sendMailJob], { olderThanMs: 120_000 })).sendMail).toBe(1)
    const workers = await startWorkers(['sendMail'])
    try {
      await waitFor(async () => (await mailRow(n.id))?.sentAt, 20_000, 'the recovered mail')
      expect(mailsTo(n.user.email)).toHaveLength(1)
      expect((await recoverJobs([sendMailJob], { olderThanMs: 0 })).sendMail).toBe(0)
      // The dead sender's late "sent" mark does not land on a claim it no longer holds.
      expect(
        await prisma.notificationMail.updateMany({
          where: { notificationId: n.id, claimToken: 'dead-sender' },
          data: { sentAt: new Date(0) },
        }),
      ).toEqual({ count: 0 })
    } finally {
      await workers.stop()
    }
  })

  it('concurrent senders of one notification send one mail', async () => {
    const n = await notification()
    const results = await Promise.all(
      Array.from({ length: 6 }, () => notif.deliverNotificationMail(n.id)),
    )
    expect(results.filter((r) => r.sent)).toHaveLength(1)
    await waitFor(async () => mailsTo(n.user.email).length > 0, 5_000)
    await new Promise((r) => setTimeout(r, 300))
    expect(mailsTo(n.user.email)).toHaveLength(1)
  })

  it('a refused hand-off gives the claim back, so the next try sends', async () => {
    const n = await notification()
    const { env } = await import('~/utils/env.server')
    const saved = env.SMTP_PORT
    closeMail()
    ;(env as { SMTP_PORT: number }).SMTP_PORT = await freePort() // nothing listens there
    try {
      await expect(notif.deliverNotificationMail(n.id)).rejects.toThrow()
    } finally {
      ;(env as { SMTP_PORT: number }).SMTP_PORT = saved
      closeMail()
    }
    const row = await mailRow(n.id)
    expect(row).toMatchObject({ sentAt: null, claimToken: null, skipped: null })
    expect(await notif.deliverNotificationMail(n.id)).toEqual({ sent: true })
    expect(mailsTo(n.user.email)).toHaveLength(1)
  })
})

// Password-reset mails (decision 096): the same claim and sweep, while the link is usable.
describe('password-reset mails whose jobs were lost', () => {
  const pw = () => import('~/models/password.server')
  const past = (ms: number) => new Date(Date.now() - ms)

  /** A reset link asked for, its job relayed and then lost; the outbox row relayed `agoMs` ago. */
  async function lostResetMail(agoMs = 10 * 60_000) {
    const u = await createTestUser()
    const { requestPasswordReset } = await pw()
    expect(
      await requestPasswordReset({ identifier: u.email, ip: `10.9.${u.nip.slice(-4)}` }),
    ).toEqual({ ok: true })
    const token = await prisma.passwordResetToken.findFirstOrThrow({ where: { userId: u.id } })
    while ((await relayOutbox()) > 0);
    const job = await getQueue('sendMail').getJob(
      sendMailJob.jobId({ kind: 'PASSWORD_RESET', subjectId: token.id }),
    )
    // (A worker of an earlier test may not be running: the job waits, or is gone already.)
    await job?.remove()
    await prisma.outboxMessage.updateMany({
      where: { jobName: 'sendMail', payload: { path: ['subjectId'], equals: token.id } },
      data: { sentAt: past(agoMs) },
    })
    return { user: u, id: token.id }
  }

  it('a lost job is mailed once by the sweep; a used, expired or sent link never again', async () => {
    const { unsentResetMails, deliverMail, RESET_MAIL_CLAIM_MS } = await pw()
    const lost = await lostResetMail()
    const used = await lostResetMail()
    await prisma.passwordResetToken.update({ where: { id: used.id }, data: { usedAt: new Date() } })
    const expired = await lostResetMail()
    await prisma.passwordResetToken.update({
      where: { id: expired.id },
      data: { expiresAt: past(1_000) },
    })
    const claimed = await lostResetMail()
    await prisma.passwordResetToken.update({
      where: { id: claimed.id },
      data: { mailClaimedAt: past(30_000), mailClaimToken: 'dead-sender' },
    })
    const due = await unsentResetMails(past(120_000), 1_000)
    expect(due).toContain(lost.id)
    for (const r of [used, expired, claimed]) expect(due).not.toContain(r.id)
    // Relayed just now: not yet the sweep's business.
    expect(await unsentResetMails(past(20 * 60_000), 1_000)).not.toContain(lost.id)

    expect((await recoverJobs([sendMailJob], { olderThanMs: 120_000 })).sendMail).toBeGreaterThan(0)
    const workers = await startWorkers(['sendMail'])
    try {
      await waitFor(
        async () =>
          (await prisma.passwordResetToken.findUniqueOrThrow({ where: { id: lost.id } })).mailedAt,
        20_000,
        'the recovered reset mail',
      )
      expect(mailsTo(lost.user.email)).toHaveLength(1)
      expect(mailsTo(lost.user.email)[0]!.raw.replace(/\r?\n[ \t]+/g, ' ')).toContain(
        `Message-ID: <password-reset.${lost.id}@bina.example.go.id>`,
      )
      // Sent: the sweep and a duplicate job leave it.
      expect(await unsentResetMails(new Date(Date.now() + 1), 1_000)).not.toContain(lost.id)
      expect(await deliverMail({ kind: 'PASSWORD_RESET', subjectId: lost.id })).toEqual({
        sent: false,
      })
      for (const r of [used, expired]) expect(mailsTo(r.user.email)).toHaveLength(0)

      // The dead sender's lease runs out: the sweep gives its mail a job, sent once.
      await prisma.passwordResetToken.update({
        where: { id: claimed.id },
        data: { mailClaimedAt: past(RESET_MAIL_CLAIM_MS + 1_000) },
      })
      expect(await unsentResetMails(past(120_000), 1_000)).toContain(claimed.id)
      await recoverJobs([sendMailJob], { olderThanMs: 120_000 })
      await waitFor(async () => mailsTo(claimed.user.email).length > 0, 20_000, 'after the lease')
      await new Promise((r) => setTimeout(r, 300))
      expect(mailsTo(claimed.user.email)).toHaveLength(1)
      expect(mailsTo(lost.user.email)).toHaveLength(1)
    } finally {
      await workers.stop()
    }
  })

  it('concurrent senders of one reset mail send one; a refused hand-off gives the claim back', async () => {
    const { deliverMail } = await pw()
    const one = await lostResetMail()
    const results = await Promise.all(
      Array.from({ length: 6 }, () => deliverMail({ kind: 'PASSWORD_RESET', subjectId: one.id })),
    )
    expect(results.filter((r) => r.sent)).toHaveLength(1)
    await waitFor(async () => mailsTo(one.user.email).length > 0, 5_000)
    await new Promise((r) => setTimeout(r, 300))
    expect(mailsTo(one.user.email)).toHaveLength(1)

    const refused = await lostResetMail()
    const { env } = await import('~/utils/env.server')
    const saved = env.SMTP_PORT
    closeMail()
    ;(env as { SMTP_PORT: number }).SMTP_PORT = await freePort() // nothing listens there
    try {
      await expect(deliverMail({ kind: 'PASSWORD_RESET', subjectId: refused.id })).rejects.toThrow()
    } finally {
      ;(env as { SMTP_PORT: number }).SMTP_PORT = saved
      closeMail()
    }
    expect(
      await prisma.passwordResetToken.findUniqueOrThrow({ where: { id: refused.id } }),
    ).toMatchObject({ mailedAt: null, mailClaimedAt: null, mailClaimToken: null })
    expect(await deliverMail({ kind: 'PASSWORD_RESET', subjectId: refused.id })).toEqual({
      sent: true,
    })
    expect(mailsTo(refused.user.email)).toHaveLength(1)
  })
})
