// Certificates: issued by the job recorded with the completion, idempotent, signed (pdfsig),
// verifiable by code, revocable by an admin (audited, append-only), downloadable only by the
// holder, an admin or the holder's supervisor; bulk ZIP of a supervisor's scope.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { gradeAttemptContract, issueCertificateContract } from '~/jobs/contracts.server'
import { gradeAttemptJob } from '~/jobs/grade-attempt.server'
import { gradingBacklogOver, gradingLoadKey } from '~/jobs/yield.server'
import { closeQueues, getQueue } from '~/jobs/queue.server'
import { auditTrail } from '~/models/audit.server'
import {
  buildCertificateExport,
  exportFile,
  requestCertificateExport,
} from '~/models/certificate-export.server'
import {
  certificatePdf,
  issueCertificate,
  revokeCertificate,
  verificationUrl,
  verifyCertificate,
} from '~/models/certificate.server'
import { enrol } from '~/models/course.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { redis } from '~/utils/redis.server'
import { fileStorage } from '~/utils/storage.server'
import { completeEnrolmentJob } from '~/jobs/complete-enrolment.server'
import { relayOutbox } from '~/jobs/relay.server'
import { startWorkers } from '../../workers/index'
import { createTestUser } from '../support/factories'
import { COURSE, finishLessons, takeQuiz } from '../support/learning'
import { waitFor } from '../support/wait'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bina-cert-'))

async function completedLearner(opts: { supervisorId?: string; gelar?: boolean } = {}) {
  const user = await createTestUser({ supervisorId: opts.supervisorId })
  if (opts.gelar)
    await prisma.user.update({
      where: { id: user.id },
      data: { gelarDepan: 'Dr.', gelarBelakang: 'S.Kom., M.T.' },
    })
  await finishLessons(user.id)
  await takeQuiz(user.id, true)
  const { id } = await prisma.enrolment.findFirstOrThrow({
    where: { userId: user.id, course: { slug: COURSE } },
    select: { id: true },
  })
  // Grading recorded the completion job; run it as the worker would.
  await completeEnrolmentJob.handler({ enrolmentId: id })
  const enrolment = await prisma.enrolment.findUniqueOrThrow({
    where: { id },
    select: { id: true, status: true },
  })
  expect(enrolment.status).toBe('COMPLETED')
  return { user, enrolmentId: enrolment.id }
}

async function storedPdf(code: string) {
  const cert = await prisma.certificate.findUniqueOrThrow({ where: { code } })
  const pdf = await fileStorage().get(cert.pdfKey!)
  expect(pdf).not.toBeNull()
  return pdf!
}

function pdfsig(buf: Buffer) {
  const file = path.join(tmp, `s-${Math.random().toString(36).slice(2)}.pdf`)
  fs.writeFileSync(file, buf)
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' })
  return r.stdout + r.stderr
}

const viewerOf = (u: { id: string; roles: string[]; unit: { path: string } | null }) =>
  ({ id: u.id, roles: u.roles, unit: u.unit }) as Parameters<typeof certificatePdf>[0]

describe('issuing', () => {
  it('records the certificate job in the completion transaction, and only for completions', async () => {
    const user = await createTestUser()
    await enrol(user.id, COURSE)
    const e = await prisma.enrolment.findFirstOrThrow({ where: { userId: user.id } })
    const jobsFor = () =>
      prisma.outboxMessage.count({
        where: { jobName: 'issueCertificate', payload: { equals: { enrolmentId: e.id } } },
      })
    expect(await jobsFor()).toBe(0)
    // Not completed: the job does nothing.
    expect(await issueCertificate({ enrolmentId: e.id })).toMatchObject({ issued: false })
    expect(await prisma.certificate.count({ where: { enrolmentId: e.id } })).toBe(0)
    await finishLessons(user.id)
    await takeQuiz(user.id, true)
    // Grading records the completion job; the completion records the certificate job.
    expect(await jobsFor()).toBe(0)
    await completeEnrolmentJob.handler({ enrolmentId: e.id })
    expect(await jobsFor()).toBe(1)
  })

  it('yields one certificate and one stored PDF however often and concurrently it runs', async () => {
    const { enrolmentId } = await completedLearner()
    const results = await Promise.all([1, 2, 3].map(() => issueCertificate({ enrolmentId })))
    const codes = new Set(results.map((r) => (r.issued ? r.code : null)))
    expect(codes.size).toBe(1)
    const first = await prisma.certificate.findUniqueOrThrow({ where: { enrolmentId } })
    const pdf = await storedPdf(first.code)
    await issueCertificate({ enrolmentId })
    const again = await prisma.certificate.findUniqueOrThrow({ where: { enrolmentId } })
    expect(again).toEqual(first)
    expect(await storedPdf(first.code)).toEqual(pdf)
    expect(await prisma.certificate.count({ where: { enrolmentId } })).toBe(1)
  })

  it('tells the holder once, with a mail unless they are inactive or switched certificate mails off', async () => {
    const [plain, off, inactive] = await Promise.all([
      completedLearner(),
      completedLearner(),
      completedLearner(),
    ])
    await prisma.notificationPreference.create({
      data: { userId: off.user.id, kind: 'CERTIFICATE_ISSUED', email: false },
    })
    await prisma.user.update({ where: { id: inactive.user.id }, data: { active: false } })
    const course = await prisma.course.findUniqueOrThrow({ where: { slug: COURSE } })
    for (const l of [plain, off, inactive]) {
      // Concurrent and repeated runs: one notification and at most one mail row.
      const runs = await Promise.all([1, 2].map(() => issueCertificate(l)))
      await issueCertificate(l)
      const cert = await prisma.certificate.findUniqueOrThrow({
        where: { enrolmentId: l.enrolmentId },
      })
      expect(runs.map((r) => r.issued && r.certificateId)).toEqual([cert.id, cert.id])
      const notes = await prisma.notification.findMany({
        where: { userId: l.user.id, kind: 'CERTIFICATE_ISSUED' },
      })
      expect(notes).toHaveLength(1)
      expect(notes[0]).toMatchObject({
        dedupeKey: `CERTIFICATE_ISSUED:${cert.id}`,
        params: { course: cert.courseTitle, jp: course.jp },
        link: '/sertifikat',
        readAt: null,
      })
      const mails = await prisma.outboxMessage.count({
        where: { jobName: 'sendMail', payload: { path: ['subjectId'], equals: notes[0]!.id } },
      })
      expect(mails).toBe(l === plain ? 1 : 0)
      // No notify job follows: the notification is written with the stored PDF (decision 105).
      expect(
        await prisma.outboxMessage.count({
          where: { jobName: 'notify', payload: { path: ['subjectId'], equals: cert.id } },
        }),
      ).toBe(0)
    }
  })

  it('prints name with gelar, NIP, course, JP and the verification QR URL; pdfsig validates it', async () => {
    const { user, enrolmentId } = await completedLearner({ gelar: true })
    const r = await issueCertificate({ enrolmentId })
    if (!r.issued) throw new Error('not issued')
    const pdf = await storedPdf(r.code)
    const course = await prisma.course.findUniqueOrThrow({ where: { slug: COURSE } })
    const file = path.join(tmp, `${r.code}.pdf`)
    fs.writeFileSync(file, pdf)
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
    expect(text).toContain(`Dr. ${user.name}, S.Kom., M.T.`)
    const nip = user.nip
    expect(text).toContain(`NIP ${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip[14]} ${nip.slice(15)}`)
    expect(text).toContain(course.title)
    expect(text).toContain(`${course.jp} JP`)
    expect(text).toContain(verificationUrl(r.code))
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      /Page size: +841.89 x 595.28 pts \(A4\)/,
    )
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/DejaVuSans.*yes/)

    expect(pdfsig(pdf)).toContain('Signature is Valid')
    // One byte changed in either signed range breaks it: in the page content (compressed stream,
    // first range) and in the signature's reason text (after the signature, second range).
    const [, a, b] = pdf
      .toString('latin1')
      .match(/\/ByteRange \[\s*0 (\d+) (\d+) \d+\s*\]/)!
      .map(Number)
    const inContent = pdf.indexOf('stream\n') + 20
    const inReason = pdf.indexOf('/Reason (') + 12
    expect(inContent).toBeLessThan(a!)
    expect(inReason).toBeGreaterThanOrEqual(b!)
    for (const at of [inContent, inReason]) {
      const tampered = Buffer.from(pdf)
      tampered[at] = tampered[at]! ^ 0x01
      const out = pdfsig(tampered)
      expect(out).not.toContain('Signature is Valid')
      expect(out).toContain('Digest Mismatch')
    }
  })

  it('a run of the real worker issues the certificate after the completion', async () => {
    const { enrolmentId } = await completedLearner()
    const workers = await startWorkers(['issueCertificate'])
    try {
      await relayOutbox()
      // The relay also moved grading jobs other files left in the shared outbox, and no grading
      // worker runs here: above BACKGROUND_YIELD_BACKLOG they would make the certificate wait
      // (tested below), which is not what this test is about.
      await getQueue(gradeAttemptContract.name).drain()
      const cert = await waitFor(
        () => prisma.certificate.findFirst({ where: { enrolmentId, pdfKey: { not: null } } }),
        15_000,
        'the certificate job',
      )
      expect(cert.pdfSha256).toMatch(/^[0-9a-f]{64}$/)
    } finally {
      await workers.stop()
    }
  })
})

describe('certificates wait for learners (decision 098)', () => {
  const backlog = (n: number, tag: string) =>
    getQueue(gradeAttemptContract.name).addBulk(
      Array.from({ length: n }, (_, i) => ({
        name: gradeAttemptContract.name,
        data: { attemptId: `yield-${tag}-${i}` },
        opts: { jobId: `${gradeAttemptContract.name}.yield-${tag}-${i}` },
      })),
    )

  it('count a grading backlog only above BACKGROUND_YIELD_BACKLOG (10) waiting submissions', async () => {
    expect(env.BACKGROUND_YIELD_BACKLOG).toBe(10)
    // Earlier tests of this file left grading jobs waiting (no grading worker runs here).
    await getQueue(gradeAttemptContract.name).drain()
    try {
      await backlog(10, 'edge')
      expect(await gradingBacklogOver(env.BACKGROUND_YIELD_BACKLOG)()).toBe(false)
      await backlog(1, 'edge-plus')
      expect(await gradingBacklogOver(env.BACKGROUND_YIELD_BACKLOG)()).toBe(true)
    } finally {
      await getQueue(gradeAttemptContract.name).drain()
    }
  })

  it('a "not busy" reading is not kept (a backlog is seen at once); a "busy" one is kept a second', async () => {
    await getQueue(gradeAttemptContract.name).drain()
    const busy = gradingBacklogOver(env.BACKGROUND_YIELD_BACKLOG)
    try {
      expect(await busy()).toBe(false)
      await backlog(env.BACKGROUND_YIELD_BACKLOG + 1, 'fresh')
      // No second's wait: the exam's first submissions hold the first certificates.
      expect(await busy()).toBe(true)
      await getQueue(gradeAttemptContract.name).drain()
      expect(await busy()).toBe(true)
      await new Promise((r) => setTimeout(r, 1_100))
      expect(await busy()).toBe(false)
    } finally {
      await getQueue(gradeAttemptContract.name).drain()
    }
  })

  it('a grading batch of BACKGROUND_YIELD_BACKLOG (10) attempts holds background work for BACKGROUND_YIELD_HOLD_MS; one of 9 does not', async () => {
    expect(env.BACKGROUND_YIELD_HOLD_MS).toBe(5_000)
    await getQueue(gradeAttemptContract.name).drain()
    const key = gradingLoadKey()
    const grade = (n: number, tag: string) =>
      // Concurrent runs of the job in one process make one batch (unknown attempts: each run
      // fails on its own, the batch still ran).
      Promise.allSettled(
        Array.from({ length: n }, (_, i) =>
          gradeAttemptJob.handler({ attemptId: `load-${tag}-${i}-${Date.now()}` }),
        ),
      )
    try {
      await redis().del(key)
      await grade(env.BACKGROUND_YIELD_BACKLOG - 1, 'small')
      await new Promise((r) => setTimeout(r, 200))
      expect(await redis().exists(key)).toBe(0)
      expect(await gradingBacklogOver(env.BACKGROUND_YIELD_BACKLOG)()).toBe(false)

      await grade(env.BACKGROUND_YIELD_BACKLOG, 'exam')
      await waitFor(async () => (await redis().exists(key)) === 1, 5_000, 'the load mark')
      const ttl = await redis().pttl(key)
      expect(ttl).toBeGreaterThan(3_000)
      expect(ttl).toBeLessThanOrEqual(5_000)
      // Nothing waits to be graded, and background work still yields.
      expect(await getQueue(gradeAttemptContract.name).getWaitingCount()).toBe(0)
      expect(await gradingBacklogOver(env.BACKGROUND_YIELD_BACKLOG)()).toBe(true)
      // When the hold ends, it stops yielding.
      await redis().pexpire(key, 1)
      await new Promise((r) => setTimeout(r, 50))
      expect(await gradingBacklogOver(env.BACKGROUND_YIELD_BACKLOG)()).toBe(false)
    } finally {
      await redis().del(key)
    }
  })

  it('a certificate waits while submissions wait to be graded, and is issued once they are', async () => {
    const { enrolmentId } = await completedLearner()
    await getQueue(gradeAttemptContract.name).drain()
    await backlog(env.BACKGROUND_YIELD_BACKLOG + 1, 'wait')
    // The backlog is read at most once a second per process: a second later every job sees it.
    await new Promise((r) => setTimeout(r, 1_100))
    const workers = await startWorkers(['issueCertificate'])
    const issued = () =>
      prisma.certificate.findFirst({ where: { enrolmentId, pdfKey: { not: null } } })
    try {
      await relayOutbox()
      // The job is taken and waits: no certificate while the backlog lasts.
      await waitFor(
        async () => (await getQueue(issueCertificateContract.name).getActiveCount()) > 0,
        10_000,
        'the certificate job taken',
      )
      await new Promise((r) => setTimeout(r, 2_500))
      expect(await issued()).toBeNull()
      // The submissions are graded (the backlog empties): the certificate follows.
      await getQueue(gradeAttemptContract.name).drain()
      const cert = await waitFor(issued, 15_000, 'the certificate after the backlog')
      expect(cert.pdfSha256).toMatch(/^[0-9a-f]{64}$/)
    } finally {
      await getQueue(gradeAttemptContract.name).drain()
      await workers.stop()
    }
  })
})

describe('verification and revocation', () => {
  it('says valid, unknown for typos and strangers, revoked with date and reason after revocation', async () => {
    const { enrolmentId, user } = await completedLearner()
    const r = await issueCertificate({ enrolmentId })
    if (!r.issued) throw new Error('not issued')
    const valid = await verifyCertificate(r.code.toLowerCase().replace(/-/g, ' '))
    expect(valid).toMatchObject({ status: 'valid', holderName: user.name })
    expect(Object.keys(valid).sort()).toEqual(
      [
        'code',
        'completedAt',
        'courseTitle',
        'holderName',
        'jp',
        'revokedAt',
        'revokedReason',
        'status',
      ].sort(),
    )
    // A typo in one character fails the check characters: unknown, not someone else's.
    const typo = (r.code[0] === 'A' ? 'B' : 'A') + r.code.slice(1)
    expect(await verifyCertificate(typo)).toEqual({ status: 'unknown' })
    expect(await verifyCertificate('0000-0000-0000-0000-00')).toEqual({ status: 'unknown' })

    const admin = await createTestUser({ roles: ['ADMIN'] })
    const at = new Date('2026-12-01T03:00:00Z')
    await revokeCertificate({
      actorId: admin.id,
      code: r.code,
      reason: 'DATA_ERROR',
      note: 'NIP salah ketik',
      at,
      ip: '10.0.0.9',
    })
    expect(await verifyCertificate(r.code)).toMatchObject({
      status: 'revoked',
      revokedAt: at,
      revokedReason: 'DATA_ERROR',
    })
    await expect(
      revokeCertificate({ actorId: admin.id, code: r.code, reason: 'OTHER', note: 'x', at }),
    ).rejects.toMatchObject({ status: 409 })

    const cert = await prisma.certificate.findUniqueOrThrow({ where: { code: r.code } })
    const trail = await auditTrail('Certificate', cert.id)
    expect(trail).toHaveLength(1)
    expect(trail[0]).toMatchObject({
      actorId: admin.id,
      action: 'certificate.revoke',
      ip: '10.0.0.9',
      at,
      before: { revokedAt: null },
      after: { revokedReason: 'DATA_ERROR', revokedNote: 'NIP salah ketik' },
    })
  })

  it('keeps the audit log append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const row = await prisma.auditLog.create({
      data: { action: 'test.entry', entityType: 'Test', entityId: 'x' },
    })
    await expect(
      prisma.auditLog.update({ where: { id: row.id }, data: { action: 'changed' } }),
    ).rejects.toThrow(/append-only/)
    await expect(prisma.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/)
    await expect(prisma.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/)
    expect(await prisma.auditLog.findUnique({ where: { id: row.id } })).toMatchObject({
      action: 'test.entry',
    })
  })
})

describe('downloads and bulk export', () => {
  it('lets the holder, an admin and the holder’s supervisor download; others get a 404', async () => {
    const boss = await createTestUser({ roles: ['ASN', 'SUPERVISOR'] })
    const { user, enrolmentId } = await completedLearner({ supervisorId: boss.id })
    const r = await issueCertificate({ enrolmentId })
    if (!r.issued) throw new Error('not issued')
    const stranger = await createTestUser()
    const otherBoss = await createTestUser({ roles: ['ASN', 'SUPERVISOR'] })
    const admin = await createTestUser({ roles: ['ADMIN'] })
    for (const v of [user, boss, admin]) {
      const f = await certificatePdf(viewerOf(v), r.code)
      expect(f.size).toBeGreaterThan(10_000)
      f.stream.destroy()
    }
    for (const v of [stranger, otherBoss])
      await expect(certificatePdf(viewerOf(v), r.code)).rejects.toMatchObject({ status: 404 })
  })

  it('zips the supervisor’s scope only, leaving revoked certificates out', async () => {
    const boss = await createTestUser({ roles: ['ASN', 'SUPERVISOR'] })
    const a = await completedLearner({ supervisorId: boss.id })
    const b = await completedLearner({ supervisorId: boss.id })
    const outsider = await completedLearner()
    const [ra, rb, ro] = await Promise.all(
      [a, b, outsider].map((x) => issueCertificate({ enrolmentId: x.enrolmentId })),
    )
    if (!ra!.issued || !rb!.issued || !ro!.issued) throw new Error('not issued')
    const admin = await createTestUser({ roles: ['ADMIN'] })
    await revokeCertificate({
      actorId: admin.id,
      code: rb!.code,
      reason: 'ISSUED_IN_ERROR',
      note: '',
      at: new Date(),
    })
    const asn = await createTestUser()
    await expect(requestCertificateExport(viewerOf(asn), { scope: 'TEAM' })).rejects.toMatchObject({
      status: 403,
    })
    const row = await requestCertificateExport(viewerOf(boss), { scope: 'TEAM' })
    await buildCertificateExport({ exportId: row.id })
    const done = await prisma.certificateExport.findUniqueOrThrow({ where: { id: row.id } })
    expect(done).toMatchObject({ status: 'DONE', total: 1, done: 1 })
    const f = await exportFile(boss.id, row.id)
    const zipPath = path.join(tmp, 'e.zip')
    await new Promise<void>((res, rej) =>
      f.stream
        .pipe(fs.createWriteStream(zipPath))
        .on('finish', () => res())
        .on('error', rej),
    )
    const listing = execFileSync('unzip', ['-Z1', zipPath], { encoding: 'utf8' }).trim().split('\n')
    expect(listing).toEqual([`${a.user.nip}-${ra!.code}.pdf`])
    await expect(exportFile(admin.id, row.id)).rejects.toMatchObject({ status: 404 })
  })
})
