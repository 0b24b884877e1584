// Certificates: issued by a job that follows course completion, stored once as a signed PDF,
// verified publicly by code, revoked by an admin (audited). docs/decisions/060.
import { randomUUID } from 'node:crypto'
import { generateCertificateCode, normaliseCertificateCode } from '~/domain/certificate-code'
import { nameWithGelar, REVOCATION_REASONS } from '~/domain/certificate'
import { Prisma, type RevocationReason } from '~/generated/prisma/client'
import { prisma, sql } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { ConflictError, InvalidError, NotFoundError } from '~/utils/errors'
import { getSigner } from '~/utils/signing.server'
import { fileStorage } from '~/utils/storage.server'
import { audit } from './audit.server'
import { sendMailContract } from '~/jobs/contracts.server'
import { OUTBOX_TABLE, outboxValues } from '~/jobs/outbox.server'
import { renderCertificatePdf, type CertificatePrint } from './certificate-pdf.server'
import { supervisedUsersWhere, type Viewer } from './org.server'

export { REVOCATION_REASONS }

export function appOrigin() {
  return (env.APP_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')
}

export function verificationUrl(code: string) {
  return `${appOrigin()}/verifikasi/${code}`
}

export function pdfKeyFor(code: string) {
  return `certificates/${code}.pdf`
}

/** What the job reads and prints of a certificate: the printed fields plus its keys. */
type IssuedRow = Omit<CertificatePrint, 'issuer' | 'verifyUrl'> & {
  id: string
  userId: string
  pdfKey: string | null
}

const ISSUED_COLUMNS = Prisma.raw(
  `id, code, "userId", "holderName", "holderNip", "courseTitle", jp, "completedAt", "issuedAt",
   competencies, "signerName", "signerTitle", "signerNip", "pdfKey"`,
)

/** The enrolment's certificate, if any, and what a new one would print: one statement. */
async function readForIssue(enrolmentId: string) {
  const [row] = await sql<{
    status: string
    completedAt: Date | null
    userId: string
    courseId: string
    name: string
    nip: string
    gelarDepan: string | null
    gelarBelakang: string | null
    title: string
    jp: number
    version: number
    competencies: { code: string; name: string; level: number }[]
    cert: string | null
  }>(Prisma.sql`
    SELECT e.status, e."completedAt", e."userId", e."courseId", u.name, u.nip, u."gelarDepan",
      u."gelarBelakang", cv.title, cv.jp, cv.version,
      COALESCE((SELECT jsonb_agg(jsonb_build_object('code', k.code, 'name', k.name, 'level', cc.level)
                                 ORDER BY k.code)
                FROM "CourseCompetency" cc JOIN "Competency" k ON k.id = cc."competencyId"
                WHERE cc."courseId" = e."courseId"), '[]'::jsonb) AS competencies,
      (SELECT c.id FROM "Certificate" c WHERE c."enrolmentId" = e.id) AS cert
    FROM "Enrolment" e JOIN "User" u ON u.id = e."userId"
      JOIN "CourseVersion" cv ON cv.id = e."courseVersionId"
    WHERE e.id = ${enrolmentId}`)
  return row
}

/**
 * The job: creates the certificate row (once per enrolment) and its signed PDF (once per
 * certificate). Runs any number of times, concurrently too, with the same result. Three SQL
 * statements on the pool for a new certificate (read, insert, store + notification), one when
 * it is done already: this is the hot path of a cohort's completions (docs/decisions/064).
 */
export async function issueCertificate({ enrolmentId }: { enrolmentId: string }) {
  let cert: IssuedRow | undefined
  for (let tries = 0; !cert; tries++) {
    const e = await readForIssue(enrolmentId)
    if (e?.cert) {
      ;[cert] = await sql<IssuedRow>(
        Prisma.sql`SELECT ${ISSUED_COLUMNS} FROM "Certificate" WHERE id = ${e.cert}`,
      )
      break
    }
    if (!e || e.status !== 'COMPLETED' || !e.completedAt)
      return { issued: false as const, reason: 'not-completed' }
    // 2^-80 per pair for the code, a concurrent run for the enrolment: either way nothing is
    // inserted, and the next round reads the winner's row or draws a new code.
    if (tries >= 5) throw new Error(`Certificate of ${enrolmentId}: could not insert`)
    ;[cert] = await sql<IssuedRow>(Prisma.sql`
      INSERT INTO "Certificate" (id, code, "enrolmentId", "userId", "courseId", "holderName",
        "holderNip", "courseTitle", "courseVersion", jp, "completedAt", "issuedAt", competencies,
        "signerName", "signerTitle", "signerNip")
      VALUES (${randomUUID()}, ${generateCertificateCode()}, ${enrolmentId}, ${e.userId},
        ${e.courseId}, ${nameWithGelar(e.name, e.gelarDepan, e.gelarBelakang)}, ${e.nip},
        ${e.title}, ${e.version}::int, ${e.jp}::int,
        (${e.completedAt}::timestamptz AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'),
        ${JSON.stringify(e.competencies)}::jsonb, ${env.CERT_SIGNER_NAME}, ${env.CERT_SIGNER_TITLE},
        ${env.CERT_SIGNER_NIP})
      ON CONFLICT DO NOTHING
      RETURNING ${ISSUED_COLUMNS}`)
  }
  if (!cert.pdfKey) {
    const pdf = await renderCertificatePdf({
      code: cert.code,
      holderName: cert.holderName,
      holderNip: cert.holderNip,
      courseTitle: cert.courseTitle,
      jp: cert.jp,
      completedAt: cert.completedAt,
      issuedAt: cert.issuedAt,
      competencies: cert.competencies,
      signerName: cert.signerName,
      signerTitle: cert.signerTitle,
      signerNip: cert.signerNip,
      issuer: env.CERT_ISSUER,
      verifyUrl: verificationUrl(cert.code),
    })
    const signed = await getSigner().sign(pdf, {
      reason: `Sertifikat ${cert.code}`,
      location: 'Jambi',
    })
    const key = pdfKeyFor(cert.code)
    // The first stored file wins; its hash is what gets recorded.
    const { sha256 } = await fileStorage().putOnce(key, signed)
    await recordStored(cert, key, sha256)
  }
  return { issued: true as const, certificateId: cert.id, code: cert.code }
}

/**
 * Records the stored PDF and, in the same statement, the holder's notification and its mail's
 * outbox row (the rule of `createNotificationFromJob` for this kind: one per dedupe key, for an
 * existing holder of an unrevoked certificate; the mail only for an active holder who has not
 * switched certificate mails off). Only the run that stores the key writes them: a concurrent or
 * retried run's UPDATE matches nothing. One statement instead of a notify job with six ORM
 * statements and a transaction (decision 105). The mail row is left to the relay's sweep, as
 * the notify job left it.
 */
async function recordStored(cert: IssuedRow, key: string, sha256: string) {
  const notificationId = randomUUID()
  const now = new Date()
  await sql(
    Prisma.sql`
    WITH stored AS (
      UPDATE "Certificate" SET "pdfKey" = ${key}, "pdfSha256" = ${sha256}
      WHERE id = ${cert.id} AND "pdfKey" IS NULL
      RETURNING id, "userId", "courseTitle", jp, "revokedAt"
    ), note AS (
      INSERT INTO "Notification" (id, "userId", kind, params, link, "dedupeKey", "createdAt")
      SELECT ${notificationId}::text, u.id, 'CERTIFICATE_ISSUED',
             jsonb_build_object('course', s."courseTitle", 'jp', s.jp), '/sertifikat',
             'CERTIFICATE_ISSUED:' || s.id, now() AT TIME ZONE 'UTC'
      FROM stored s JOIN "User" u ON u.id = s."userId"
      WHERE s."revokedAt" IS NULL
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "userId"
    )
    INSERT INTO ${OUTBOX_TABLE}
    SELECT ${outboxValues(sendMailContract, { kind: 'NOTIFICATION', subjectId: notificationId }, now)}
    FROM note JOIN "User" u ON u.id = note."userId"
    WHERE u.active AND COALESCE((SELECT p.email FROM "NotificationPreference" p
                                 WHERE p."userId" = u.id AND p.kind = 'CERTIFICATE_ISSUED'), true)`,
    { prepare: true },
  )
}

const listSelect = {
  id: true,
  code: true,
  courseTitle: true,
  jp: true,
  completedAt: true,
  issuedAt: true,
  pdfKey: true,
  revokedAt: true,
} as const

export async function listCertificatesOf(userId: string) {
  return prisma.certificate.findMany({
    where: { userId },
    orderBy: { completedAt: 'desc' },
    select: listSelect,
  })
}

/** Completed enrolments whose certificate is still being issued (shown as "in process"). */
export async function pendingCertificatesOf(userId: string) {
  return prisma.enrolment.findMany({
    where: { userId, status: 'COMPLETED', certificate: null },
    select: { id: true, completedAt: true, courseVersion: { select: { title: true } } },
  })
}

export type DownloadViewer = Viewer

/** Who may download a certificate: its holder, an admin, or a supervisor of the holder. */
async function mayView(viewer: DownloadViewer, holderId: string) {
  if (viewer.id === holderId || viewer.roles.includes('ADMIN')) return true
  if (!viewer.roles.includes('SUPERVISOR')) return false
  const n = await prisma.user.count({
    where: { AND: [{ id: holderId }, supervisedUsersWhere(viewer)] },
  })
  return n > 0
}

/** The stored PDF for a download; a coded 404/409 otherwise. */
export async function certificatePdf(viewer: DownloadViewer, rawCode: string) {
  const code = normaliseCertificateCode(rawCode)
  const cert = code
    ? await prisma.certificate.findUnique({
        where: { code },
        select: { userId: true, code: true, pdfKey: true },
      })
    : null
  if (!cert || !(await mayView(viewer, cert.userId)))
    throw new NotFoundError('certificate.notFound')
  if (!cert.pdfKey) throw new ConflictError('certificate.issuing')
  const file = await fileStorage().stream(cert.pdfKey)
  if (!file) throw new NotFoundError('certificate.fileMissing')
  return { ...file, filename: `sertifikat-${cert.code}.pdf` }
}

/** The signed-in learner's certificate code for a course (by slug), if issued. */
export async function myCertificateForCourse(userId: string, slug: string) {
  return prisma.certificate.findFirst({
    where: { userId, enrolment: { course: { slug } } },
    select: { code: true, pdfKey: true },
  })
}

export type Verification =
  | { status: 'unknown' }
  | {
      status: 'valid' | 'revoked'
      code: string
      holderName: string
      courseTitle: string
      jp: number
      completedAt: Date
      revokedAt: Date | null
      revokedReason: RevocationReason | null
    }

/** Public verification: only name, course, JP and date (and the revocation, if any). */
export async function verifyCertificate(rawCode: string): Promise<Verification> {
  const code = normaliseCertificateCode(rawCode)
  if (!code) return { status: 'unknown' }
  const c = await prisma.certificate.findUnique({
    where: { code },
    select: {
      code: true,
      holderName: true,
      courseTitle: true,
      jp: true,
      completedAt: true,
      revokedAt: true,
      revokedReason: true,
    },
  })
  if (!c) return { status: 'unknown' }
  return { status: c.revokedAt ? 'revoked' : 'valid', ...c }
}

/** Revokes a certificate (admin), audited in the same transaction. Revoking twice is a 409. */
export async function revokeCertificate(input: {
  actorId: string
  code: string
  reason: RevocationReason
  note: string
  at: Date
  ip?: string
}) {
  const code = normaliseCertificateCode(input.code)
  if (!code) throw new InvalidError('certificate.badCode')
  return prisma.$transaction(async (tx) => {
    const before = await tx.certificate.findUnique({
      where: { code },
      select: { id: true, code: true, revokedAt: true, revokedReason: true, revokedNote: true },
    })
    if (!before) throw new NotFoundError('certificate.notFound')
    const updated = await tx.certificate.updateMany({
      where: { id: before.id, revokedAt: null },
      data: {
        revokedAt: input.at,
        revokedReason: input.reason,
        revokedNote: input.note,
        revokedById: input.actorId,
      },
    })
    if (updated.count === 0) throw new ConflictError('certificate.alreadyRevoked')
    await audit(tx, {
      actorId: input.actorId,
      action: 'certificate.revoke',
      entityType: 'Certificate',
      entityId: before.id,
      before: { revokedAt: null, revokedReason: null, revokedNote: null },
      after: {
        revokedAt: input.at.toISOString(),
        revokedReason: input.reason,
        revokedNote: input.note,
      },
      ip: input.ip,
      at: input.at,
    })
    return { code }
  })
}

/** Admin list: newest first, optionally one code or a holder's NIP/name. */
export async function adminCertificates(q?: string) {
  const code = q ? normaliseCertificateCode(q) : null
  const where: Prisma.CertificateWhereInput = !q
    ? {}
    : code
      ? { code }
      : {
          OR: [
            { holderNip: { contains: q.replace(/\s+/g, '') } },
            { holderName: { contains: q, mode: 'insensitive' } },
          ],
        }
  return prisma.certificate.findMany({
    where,
    orderBy: { issuedAt: 'desc' },
    take: 50,
    select: { ...listSelect, holderName: true, holderNip: true, revokedReason: true },
  })
}
