// Bulk ZIP of certificates, built by a job that reports progress on its CertificateExport row:
// a supervisor's scope (their unit subtree and direct reports; everyone for an admin) or one
// course (instructors and admins). Revoked certificates are left out.
import { PassThrough } from 'node:stream'
import { ZipArchive } from 'archiver'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '~/utils/errors'
import { fileStorage } from '~/utils/storage.server'
import { supervisedUsersWhere, type Viewer } from './org.server'
import { buildCertificateExportContract } from '~/jobs/contracts.server'
import { outboxInsert, relaySoon } from '~/jobs/outbox.server'

export type ExportScope = 'TEAM' | 'COURSE'
const PROGRESS_EVERY = 50

function scopeWhere(
  viewer: Viewer,
  scope: ExportScope,
  courseId: string | null,
): Prisma.CertificateWhereInput {
  const base: Prisma.CertificateWhereInput = { revokedAt: null, pdfKey: { not: null } }
  if (scope === 'COURSE') return { ...base, courseId: courseId ?? '-' }
  return { ...base, enrolment: { user: supervisedUsersWhere(viewer) } }
}

function mayRequest(viewer: Viewer, scope: ExportScope) {
  const roles = viewer.roles
  if (roles.includes('ADMIN')) return true
  return scope === 'TEAM' ? roles.includes('SUPERVISOR') : roles.includes('INSTRUCTOR')
}

/** Records the export and its job in one transaction. */
export async function requestCertificateExport(
  viewer: Viewer,
  input: { scope: ExportScope; courseId?: string | null },
) {
  if (!mayRequest(viewer, input.scope)) throw new ForbiddenError('certificateExport.forbidden')
  const courseId = input.scope === 'COURSE' ? (input.courseId ?? null) : null
  if (input.scope === 'COURSE') {
    const course = courseId
      ? await prisma.course.findUnique({ where: { id: courseId }, select: { id: true } })
      : null
    if (!course) throw new InvalidError('certificateExport.courseNotFound', { field: 'courseId' })
  }
  const { row, job } = await prisma.$transaction(async (tx) => {
    const row = await tx.certificateExport.create({
      data: { requestedById: viewer.id, scope: input.scope, courseId },
      select: { id: true },
    })
    const job = await outboxInsert(tx, buildCertificateExportContract, { exportId: row.id })
    return { row, job }
  })
  relaySoon([job])
  return row
}

/** The job: writes the ZIP to storage, updating `done` as it goes. Re-running rebuilds it. */
export async function buildCertificateExport({ exportId }: { exportId: string }) {
  const row = await prisma.certificateExport.findUnique({ where: { id: exportId } })
  if (!row || row.status === 'DONE') return { skipped: true }
  const requester = await prisma.user.findUniqueOrThrow({
    where: { id: row.requestedById },
    select: { id: true, roles: true, unit: { select: { path: true } } },
  })
  const where = scopeWhere(requester, row.scope as ExportScope, row.courseId)
  const certs = await prisma.certificate.findMany({
    where,
    orderBy: [{ holderNip: 'asc' }, { code: 'asc' }],
    select: { code: true, holderNip: true, pdfKey: true },
  })
  await prisma.certificateExport.update({
    where: { id: exportId },
    data: { status: 'RUNNING', total: certs.length, done: 0, error: null },
  })
  const key = `exports/certificates-${exportId}.zip`
  try {
    // PDFs are compressed already: store them as they are.
    const zip = new ZipArchive({ store: true })
    const out = new PassThrough()
    zip.pipe(out)
    const written = fileStorage().put(key, out)
    let done = 0
    for (const c of certs) {
      const pdf = await fileStorage().get(c.pdfKey!)
      if (pdf) zip.append(pdf, { name: `${c.holderNip}-${c.code}.pdf` })
      done++
      if (done % PROGRESS_EVERY === 0)
        await prisma.certificateExport.update({ where: { id: exportId }, data: { done } })
    }
    await zip.finalize()
    await written
    await prisma.certificateExport.update({
      where: { id: exportId },
      data: { status: 'DONE', done, fileKey: key, finishedAt: new Date() },
    })
    return { done }
  } catch (e) {
    await prisma.certificateExport.update({
      where: { id: exportId },
      data: { status: 'FAILED', error: String(e).slice(0, 500) },
    })
    throw e
  }
}

export async function listCertificateExports(viewerId: string) {
  return prisma.certificateExport.findMany({
    where: { requestedById: viewerId },
    orderBy: { createdAt: 'desc' },
    take: 20,
  })
}

export async function exportFile(viewerId: string, exportId: string) {
  const row = await prisma.certificateExport.findUnique({ where: { id: exportId } })
  if (!row || row.requestedById !== viewerId) throw new NotFoundError('certificateExport.notFound')
  if (row.status !== 'DONE' || !row.fileKey) throw new ConflictError('certificateExport.notDone')
  const file = await fileStorage().stream(row.fileKey)
  if (!file) throw new NotFoundError('certificateExport.fileMissing')
  return { ...file, filename: `sertifikat-${row.id}.zip` }
}

/** Courses an instructor or admin may export certificates of (the export page's choices). */
export function exportableCourses() {
  return prisma.course.findMany({ orderBy: { title: 'asc' }, select: { id: true, title: true } })
}
