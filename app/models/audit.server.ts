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
  /** Any of these actors (the admin view's actor search). */
  actorIds?: string[]
  from?: Date
  to?: Date
}

export async function auditPage(filter: AuditFilter, page = 1, pageSize = 50) {
  const where: Prisma.AuditLogWhereInput = {
    action: filter.action || undefined,
    entityType: filter.entityType || undefined,
    entityId: filter.entityId || undefined,
    actorId: filter.actorIds ? { in: filter.actorIds } : filter.actorId || undefined,
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

/** The admin view: a page of entries with the actors' names, and the values the filters offer. */
export async function auditView(
  filter: Omit<AuditFilter, 'actorIds'> & { actor?: string },
  page: number,
  pageSize = 50,
) {
  let actorIds: string[] | undefined
  if (filter.actor) {
    const digits = filter.actor.replace(/\s+/g, '')
    const found = await prisma.user.findMany({
      where: {
        OR: [
          { nip: digits },
          { email: { equals: filter.actor, mode: 'insensitive' } },
          { name: { contains: filter.actor, mode: 'insensitive' } },
        ],
      },
      select: { id: true },
      take: 200,
    })
    actorIds = found.map((u) => u.id)
  }
  const [result, actions, entityTypes] = await Promise.all([
    auditPage({ ...filter, actorIds }, page, pageSize),
    prisma.auditLog.findMany({
      distinct: ['action'],
      select: { action: true },
      orderBy: { action: 'asc' },
    }),
    prisma.auditLog.findMany({
      distinct: ['entityType'],
      select: { entityType: true },
      orderBy: { entityType: 'asc' },
    }),
  ])
  const ids = [...new Set(result.entries.flatMap((e) => (e.actorId ? [e.actorId] : [])))]
  const actors = await prisma.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, nip: true },
  })
  const byId = new Map(actors.map((a) => [a.id, a]))
  return {
    ...result,
    pages: Math.max(1, Math.ceil(result.total / pageSize)),
    entries: result.entries.map((e) => ({
      ...e,
      actor: e.actorId ? (byId.get(e.actorId) ?? null) : null,
    })),
    actions: actions.map((a) => a.action),
    entityTypes: entityTypes.map((a) => a.entityType),
  }
}
