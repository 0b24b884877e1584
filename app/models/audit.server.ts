// The append-only audit log: who did what to which record, when, with the record before and
// after. A database trigger refuses UPDATE, DELETE and TRUNCATE of AuditLog (migration
// 20261201000600_certs_certificates), so an entry cannot be edited or removed, even by the app.
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'

type Db = Prisma.TransactionClient | typeof prisma

export interface AuditEntry {
  actorId: string | null
  /** Verb in dotted form: "certificate.revoke". */
  action: string
  entityType: string
  entityId: string
  before?: Prisma.InputJsonValue | null
  after?: Prisma.InputJsonValue | null
  ip?: string | null
  /** When the request arrived (defaults to now). */
  at?: Date
}

/** Appends one entry; pass the transaction that makes the change so both commit together. */
export async function audit(db: Db, e: AuditEntry) {
  return db.auditLog.create({
    data: {
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before ?? undefined,
      after: e.after ?? undefined,
      ip: e.ip ?? null,
      at: e.at ?? new Date(),
    },
    select: { id: true },
  })
}

export async function auditTrail(entityType: string, entityId: string) {
  return prisma.auditLog.findMany({
    where: { entityType, entityId },
    orderBy: { at: 'asc' },
  })
}

export interface AuditFilter {
  action?: string
  entityType?: string
  entityId?: string
  actorId?: string
  from?: Date
  to?: Date
}

export async function auditPage(filter: AuditFilter, page = 1, pageSize = 50) {
  const where: Prisma.AuditLogWhereInput = {
    action: filter.action || undefined,
    entityType: filter.entityType || undefined,
    entityId: filter.entityId || undefined,
    actorId: filter.actorId || undefined,
    at: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
  }
  const [total, entries] = await Promise.all([
    prisma.auditLog.count({ where }),
    prisma.auditLog.findMany({
      where,
      orderBy: { at: 'desc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ])
  return { total, entries, page, pageSize }
}
