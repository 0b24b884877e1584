// Append-only audit log of sensitive actions: who, what, when, before and after. The database
// refuses UPDATE and DELETE on the table (trigger in the migration), so entries cannot be edited.
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'

type Db = Pick<Prisma.TransactionClient, 'auditLog'>

export interface AuditEntry {
  actorId: string | null
  action: string
  entityType: string
  entityId: string
  before?: Prisma.InputJsonValue
  after?: Prisma.InputJsonValue
}

/** Records an entry; pass the transaction client so the entry commits with the change itself. */
export function audit(entry: AuditEntry, db: Db = prisma) {
  return db.auditLog.create({ data: entry, select: { id: true } })
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
