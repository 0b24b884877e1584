// Organisation tree and the supervisor's scope: the people in their unit subtree plus their
// direct reports. Admins see everyone.
import { randomUUID } from 'node:crypto'
import type { Prisma, UnitKind } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { AppError } from '~/utils/errors'
import { audit } from './audit.server'

// The supervisor scope lives in ./scope.server.ts (one definition for every reader).
export { canSupervise, supervisedUsersWhere, type Viewer } from './scope.server'

export type UnitNode = {
  id: string
  code: string
  name: string
  kind: string
  parentId: string | null
  closedAt: Date | null
  /** Active people in the unit and every unit below it. */
  userCount: number
  /** Active people directly in the unit. */
  ownCount: number
  children: UnitNode[]
}

/** The whole tree with head counts, built from one query. */
export async function unitTree(): Promise<UnitNode[]> {
  const [units, counts] = await Promise.all([
    prisma.unit.findMany({
      select: { id: true, code: true, name: true, kind: true, parentId: true, closedAt: true },
      orderBy: { code: 'asc' },
    }),
    prisma.user.groupBy({ by: ['unitId'], _count: { _all: true }, where: { active: true } }),
  ])
  const countBy = new Map(counts.map((c) => [c.unitId, c._count._all]))
  const nodes = new Map<string, UnitNode>()
  for (const u of units) {
    const own = countBy.get(u.id) ?? 0
    nodes.set(u.id, { ...u, userCount: own, ownCount: own, children: [] })
  }
  const roots: UnitNode[] = []
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined
    if (parent) parent.children.push(n)
    else roots.push(n)
  }
  // Head counts per subtree (BPKAD counts the people of its bidang).
  const total = (n: UnitNode): number =>
    (n.userCount = n.ownCount + n.children.reduce((s, c) => s + total(c), 0))
  roots.forEach(total)
  return roots
}

/** Open units (a closed unit takes no new people), in tree order. */
export async function unitOptions() {
  return prisma.unit.findMany({
    where: { closedAt: null },
    select: { id: true, name: true, depth: true, path: true },
    orderBy: { path: 'asc' },
  })
}

export async function jabatanOptions() {
  return prisma.jabatan.findMany({
    select: { id: true, name: true, kind: true },
    orderBy: { name: 'asc' },
  })
}

// ── Tree management (admins): add, rename, move, close. Each change writes a UnitHistory row and
// an audit entry in the same transaction; changes are serialised by one advisory lock so two
// concurrent moves cannot build a cycle. Rules: docs/decisions/081-organisation-tree-changes.md.

/** Codes of refusals the admin page shows (ui: orgArea.errors.<code>). */
export type UnitChangeErrorCode =
  | 'codeTaken'
  | 'parentNotFound'
  | 'parentClosed'
  | 'unitNotFound'
  | 'unitClosed'
  | 'intoOwnSubtree'
  | 'sameParent'
  | 'rootMove'
  | 'hasPeople'
  | 'hasOpenChildren'

export class UnitChangeError extends AppError {
  readonly reason: UnitChangeErrorCode
  constructor(
    reason: UnitChangeErrorCode,
    status: number,
    params: Record<string, string | number> = {},
  ) {
    super(`orgArea.errors.${reason}`, { status, params })
    this.name = 'UnitChangeError'
    this.reason = reason
  }
}

const TREE_LOCK = 81_081_081

/**
 * For writers that place people in units (user form, bulk import): the shared side of the tree
 * lock, so a unit cannot be closed between their "is it open?" check and their commit (closeUnit
 * counts the active people under the exclusive lock). Placements do not wait for each other.
 */
export async function lockTreeShared(tx: Prisma.TransactionClient) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${TREE_LOCK}::bigint)`
}

type Tx = Prisma.TransactionClient

async function lockTree(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TREE_LOCK}::bigint)`
}

const unitSelect = {
  id: true,
  code: true,
  name: true,
  kind: true,
  parentId: true,
  path: true,
  depth: true,
  closedAt: true,
} as const

async function loadUnit(tx: Tx, id: string, missing: UnitChangeErrorCode = 'unitNotFound') {
  const u = await tx.unit.findUnique({ where: { id }, select: unitSelect })
  if (!u) throw new UnitChangeError(missing, 404)
  return u
}

function snapshot(u: {
  code: string
  name: string
  kind: string
  parentId: string | null
  closedAt?: Date | null
}) {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: u.parentId,
    closedAt: u.closedAt ? u.closedAt.toISOString() : null,
  }
}

async function record(
  tx: Tx,
  p: {
    unitId: string
    action: 'create' | 'rename' | 'move' | 'close'
    before: Prisma.InputJsonObject | null
    after: Prisma.InputJsonObject
    actorId: string
    at: Date
    ip?: string | null
  },
) {
  await tx.unitHistory.create({
    data: {
      unitId: p.unitId,
      action: p.action,
      before: p.before ?? undefined,
      after: p.after,
      actorId: p.actorId,
      at: p.at,
    },
  })
  await audit(tx, {
    actorId: p.actorId,
    action: `unit.${p.action}`,
    entityType: 'Unit',
    entityId: p.unitId,
    before: p.before,
    after: p.after,
    ip: p.ip,
    at: p.at,
  })
}

export interface UnitChangeContext {
  actorId: string
  /** When the request arrived. */
  at: Date
  ip?: string | null
}

function isUniqueViolation(e: unknown) {
  return (
    e instanceof Error &&
    ((e as { code?: unknown }).code === 'P2002' || /23505|Unique constraint/i.test(e.message))
  )
}

export async function createUnit(
  ctx: UnitChangeContext,
  input: { code: string; name: string; kind: UnitKind; parentId: string },
) {
  try {
    return await prisma.$transaction(async (tx) => {
      await lockTree(tx)
      const parent = await loadUnit(tx, input.parentId, 'parentNotFound')
      if (parent.closedAt) throw new UnitChangeError('parentClosed', 409, { name: parent.name })
      const taken = await tx.unit.findUnique({
        where: { code: input.code },
        select: { name: true },
      })
      if (taken) throw new UnitChangeError('codeTaken', 409, { code: input.code, name: taken.name })
      const id = randomUUID()
      const unit = await tx.unit.create({
        data: {
          id,
          code: input.code,
          name: input.name,
          kind: input.kind,
          parentId: parent.id,
          path: `${parent.path}${id}/`,
          depth: parent.depth + 1,
          createdAt: ctx.at,
        },
        select: unitSelect,
      })
      await record(tx, {
        unitId: unit.id,
        action: 'create',
        before: null,
        after: snapshot(unit),
        ...ctx,
      })
      return unit
    })
  } catch (e) {
    if (isUniqueViolation(e))
      throw new UnitChangeError('codeTaken', 409, { code: input.code, name: '' })
    throw e
  }
}

export async function renameUnit(ctx: UnitChangeContext, unitId: string, name: string) {
  return prisma.$transaction(async (tx) => {
    await lockTree(tx)
    const unit = await loadUnit(tx, unitId)
    if (unit.closedAt) throw new UnitChangeError('unitClosed', 409, { name: unit.name })
    if (unit.name === name) return unit
    const after = await tx.unit.update({
      where: { id: unitId },
      data: { name },
      select: unitSelect,
    })
    await record(tx, {
      unitId,
      action: 'rename',
      before: snapshot(unit),
      after: snapshot(after),
      ...ctx,
    })
    return after
  })
}

/** Moves a unit (with its whole subtree) under another parent. */
export async function moveUnit(ctx: UnitChangeContext, unitId: string, parentId: string) {
  return prisma.$transaction(async (tx) => {
    await lockTree(tx)
    const unit = await loadUnit(tx, unitId)
    if (unit.closedAt) throw new UnitChangeError('unitClosed', 409, { name: unit.name })
    if (!unit.parentId) throw new UnitChangeError('rootMove', 409, { name: unit.name })
    const parent = await loadUnit(tx, parentId, 'parentNotFound')
    if (parent.path.startsWith(unit.path))
      throw new UnitChangeError('intoOwnSubtree', 409, { name: unit.name, parent: parent.name })
    if (parent.closedAt) throw new UnitChangeError('parentClosed', 409, { name: parent.name })
    if (unit.parentId === parent.id)
      throw new UnitChangeError('sameParent', 409, { name: unit.name, parent: parent.name })
    const newPath = `${parent.path}${unit.id}/`
    const delta = parent.depth + 1 - unit.depth
    // The unit and every descendant: swap the path prefix, shift the depth.
    await tx.$executeRaw`
      UPDATE "Unit" SET
        "path" = ${newPath} || substr("path", ${unit.path.length + 1}),
        "depth" = "depth" + ${delta}
      WHERE "path" LIKE ${`${unit.path}%`}`
    const after = await tx.unit.update({
      where: { id: unitId },
      data: { parentId: parent.id },
      select: unitSelect,
    })
    await record(tx, {
      unitId,
      action: 'move',
      before: { ...snapshot(unit), path: unit.path },
      after: { ...snapshot(after), path: after.path },
      ...ctx,
    })
    return after
  })
}

/**
 * Closes a unit. Refused while active people are placed directly in it or while a unit below it
 * is still open: the admin moves them first, so nobody ends up in a closed unit by accident.
 */
export async function closeUnit(ctx: UnitChangeContext, unitId: string) {
  return prisma.$transaction(async (tx) => {
    await lockTree(tx)
    const unit = await loadUnit(tx, unitId)
    if (unit.closedAt) throw new UnitChangeError('unitClosed', 409, { name: unit.name })
    const [people, openChildren] = await Promise.all([
      tx.user.count({ where: { unitId, active: true } }),
      tx.unit.count({ where: { parentId: unitId, closedAt: null } }),
    ])
    if (people > 0) throw new UnitChangeError('hasPeople', 409, { name: unit.name, count: people })
    if (openChildren > 0)
      throw new UnitChangeError('hasOpenChildren', 409, { name: unit.name, count: openChildren })
    const after = await tx.unit.update({
      where: { id: unitId },
      data: { closedAt: ctx.at },
      select: unitSelect,
    })
    await record(tx, {
      unitId,
      action: 'close',
      before: snapshot(unit),
      after: snapshot(after),
      ...ctx,
    })
    return after
  })
}

export function unitHistory(unitId: string) {
  return prisma.unitHistory.findMany({ where: { unitId }, orderBy: { at: 'desc' }, take: 50 })
}
