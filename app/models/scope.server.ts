// The supervisor's scope, defined once: the people of the viewer's unit subtree plus their direct
// reports (never the viewer themself); admins see everyone. Every reader of "my people" (team list,
// supervisor dashboard and its exports, person drill-down, certificates, home) derives its filter
// from `supervisorScope` here, (a Prisma filter, or the unit subtree of `scopeUnit`).
import { Prisma, type Role } from '~/generated/prisma/client'
import { ForbiddenError, NotFoundError } from '~/utils/errors'
import { sql } from '~/utils/db.server'

export interface Viewer {
  id: string
  roles: Role[]
  unit: { path: string } | null
}

export interface SupervisorScope {
  /** Admins: everyone. */
  all: boolean
  viewerId: string
  /** Unit path prefix of the subtree (null: direct reports only). */
  unitPath: string | null
}

export function supervisorScope(viewer: Viewer): SupervisorScope {
  return {
    all: viewer.roles.includes('ADMIN'),
    viewerId: viewer.id,
    unitPath: viewer.unit?.path ?? null,
  }
}

/** Prisma filter for the users a viewer may see as a supervisor (or all, for an admin). */
export function supervisedUsersWhere(viewer: Viewer): Prisma.UserWhereInput {
  const s = supervisorScope(viewer)
  if (s.all) return {}
  const or: Prisma.UserWhereInput[] = [{ supervisorId: s.viewerId }]
  if (s.unitPath) or.push({ unit: { path: { startsWith: s.unitPath } } })
  return { OR: or, NOT: { id: s.viewerId } }
}

/**
 * Whether the viewer may see this person (the same rule as `supervisedUsersWhere`), in one
 * primary-key read on the pool directly: it guards every drill-down request.
 */
export async function canSupervise(viewer: Viewer, userId: string) {
  if (!viewer.roles.includes('SUPERVISOR') && !viewer.roles.includes('ADMIN')) return false
  const s = supervisorScope(viewer)
  const rule = s.all
    ? Prisma.empty
    : Prisma.sql`AND u.id <> ${s.viewerId} AND (u."supervisorId" = ${s.viewerId}
        ${s.unitPath ? Prisma.sql`OR un.path LIKE ${`${s.unitPath}%`}` : Prisma.empty})`
  const [row] = await sql<{ ok: boolean }>(Prisma.sql`
    SELECT EXISTS (SELECT 1 FROM "User" u LEFT JOIN "Unit" un ON un.id = u."unitId"
                   WHERE u.id = ${userId} ${rule}) AS ok`)
  return row?.ok === true
}

export interface ScopeUnit {
  id: string
  name: string
  code: string
  path: string
  parentId: string | null
}

/**
 * The unit a view is about: the requested unit when it lies in the viewer's subtree (admins:
 * anywhere), else the viewer's own unit (admins: the root). Throws a 403 response for a unit
 * outside the viewer's subtree. Null for a supervisor without a unit (direct reports only).
 */
export async function scopeUnit(viewer: Viewer, unitId?: string | null): Promise<ScopeUnit | null> {
  const s = supervisorScope(viewer)
  // One indexed read on the pool directly (every dashboard view and export starts here).
  const one = async (where: Prisma.Sql) =>
    (
      await sql<ScopeUnit>(Prisma.sql`
        SELECT id, name, code, path, "parentId" FROM "Unit" ${where} ORDER BY code LIMIT 1`)
    )[0] ?? null
  if (unitId) {
    const unit = await one(Prisma.sql`WHERE id = ${unitId}`)
    if (!unit) throw new NotFoundError('scope.unitNotFound')
    if (!s.all && !(s.unitPath && unit.path.startsWith(s.unitPath)))
      throw new ForbiddenError('scope.outOfScope')
    return unit
  }
  if (s.all) return one(Prisma.sql`WHERE "parentId" IS NULL`)
  if (!s.unitPath) return null
  return one(Prisma.sql`WHERE path = ${s.unitPath}`)
}
