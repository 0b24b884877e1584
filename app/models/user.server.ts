// Account administration: create, change roles, deactivate, reset password.
import { randomInt } from 'node:crypto'
import { Prisma, type Role } from '~/generated/prisma/client'
import { endAllSessions } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { type UserFormInput } from '~/schemas/user'
import { type AppError, ConflictError, FieldError, NotFoundError } from '~/utils/errors'
import { hashPassword } from '~/utils/password.server'
import { notifyContract } from '~/jobs/contracts.server'
import { outboxInsert, relaySoon } from '~/jobs/outbox.server'
import { audit } from './audit.server'
import { lockTreeShared } from './org.server'
import { clearSignInDelay } from './sign-in.server'

export const ROLES = ['ASN', 'INSTRUCTOR', 'SUPERVISOR', 'ADMIN'] as const satisfies readonly Role[]

// The form schema is client-safe (app/schemas/user.ts); re-exported for existing callers.
export { userFormSchema, type UserFormInput } from '~/schemas/user'
export { FieldError }

function temporaryPassword() {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'
  return Array.from({ length: 14 }, () => alphabet[randomInt(alphabet.length)]).join('')
}

async function resolveSupervisor(nip: string | undefined) {
  if (!nip) return null
  const s = await prisma.user.findUnique({ where: { nip }, select: { id: true } })
  if (!s) throw new FieldError('supervisorNip', 'user.supervisorNotFound')
  return s.id
}

function uniqueViolation(e: unknown): AppError | null {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
    const target = String((e.meta as { target?: unknown } | undefined)?.target ?? e.message)
    if (target.includes('nip')) return new FieldError('nip', 'user.nipTaken')
    if (target.includes('email')) return new FieldError('email', 'user.emailTaken')
  }
  // A unit or jabatan id that does not exist (a tampered or stale form): a field error, not a 500.
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2003') {
    const target = `${String((e.meta as { field_name?: unknown; constraint?: unknown } | undefined)?.field_name ?? '')} ${String((e.meta as { constraint?: unknown } | undefined)?.constraint ?? '')} ${e.message}`
    if (/jabatan/i.test(target)) return new FieldError('jabatanId', 'user.unknownJabatan')
    if (/unit/i.test(target)) return new FieldError('unitId', 'user.unknownUnit')
    if (/supervisor/i.test(target))
      return new FieldError('supervisorNip', 'user.supervisorNotFound')
  }
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2025')
    return new NotFoundError('user.notFound')
  return null
}

/**
 * Refuses placing a person in a closed unit (docs/decisions/081: a closed unit holds no active
 * people). Staying where one is (an inactive person in a unit closed since) is not a placement.
 * Under the shared tree lock, so the unit cannot close between this check and the commit.
 */
async function requireOpenUnit(
  tx: Prisma.TransactionClient,
  unitId: string | null | undefined,
  currentUnitId: string | null = null,
) {
  if (!unitId || unitId === currentUnitId) return
  await lockTreeShared(tx)
  const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { closedAt: true } })
  if (!unit) throw new FieldError('unitId', 'user.unknownUnit')
  if (unit.closedAt) throw new FieldError('unitId', 'user.unitClosed')
}

/** Creates the account with a temporary password and records the welcome notification job. */
export async function createUser(input: UserFormInput, actor?: AdminActor) {
  const supervisorId = await resolveSupervisor(input.supervisorNip)
  const password = temporaryPassword()
  const passwordHash = await hashPassword(password)
  try {
    const { user, outboxId } = await prisma.$transaction(async (tx) => {
      await requireOpenUnit(tx, input.unitId)
      const user = await tx.user.create({
        data: {
          nip: input.nip,
          name: input.name,
          email: input.email,
          employeeKind: input.employeeKind,
          unitId: input.unitId,
          jabatanId: input.jabatanId,
          supervisorId,
          roles: input.roles,
          // A temporary password: the owner must choose their own at first sign-in.
          password: { create: { hash: passwordHash, mustChange: true } },
        },
        select: { id: true, name: true },
      })
      if (actor)
        await audit(tx, {
          actorId: actor.actorId,
          action: 'user.create',
          entityType: 'User',
          entityId: user.id,
          after: { nip: input.nip, roles: input.roles, unitId: input.unitId ?? null },
          ip: actor.ip,
          at: actor.at,
        })
      const outboxId = await outboxInsert(tx, notifyContract, {
        kind: 'WELCOME',
        userId: user.id,
        subjectId: user.id,
      })
      return { user, outboxId }
    })
    relaySoon([outboxId])
    return { user, temporaryPassword: password }
  } catch (e) {
    throw uniqueViolation(e) ?? e
  }
}

/** Who made an admin change, for the audit log (org). */
export interface AdminActor {
  actorId: string
  ip?: string | null
  at?: Date
}

const auditedUserFields = {
  nip: true,
  name: true,
  email: true,
  employeeKind: true,
  unitId: true,
  jabatanId: true,
  supervisorId: true,
  roles: true,
  active: true,
} as const

export async function updateUser(id: string, input: UserFormInput, actor?: AdminActor) {
  const supervisorId = await resolveSupervisor(input.supervisorNip)
  if (supervisorId === id) throw new FieldError('supervisorNip', 'user.selfSupervisor')
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.user.findUnique({ where: { id }, select: auditedUserFields })
      if (!before) throw new NotFoundError('user.notFound')
      await requireOpenUnit(tx, input.unitId, before.unitId)
      const after = await tx.user.update({
        where: { id },
        data: {
          nip: input.nip,
          name: input.name,
          email: input.email,
          employeeKind: input.employeeKind,
          unitId: input.unitId,
          jabatanId: input.jabatanId,
          supervisorId,
          roles: input.roles,
        },
        select: { id: true, ...auditedUserFields },
      })
      // Audited (org): a change of roles is its own action, so the log can be filtered by it.
      const rolesChanged =
        [...(before?.roles ?? [])].sort().join() !== [...after.roles].sort().join()
      if (actor)
        await audit(tx, {
          actorId: actor.actorId,
          action: rolesChanged ? 'user.roles' : 'user.update',
          entityType: 'User',
          entityId: id,
          before: before ?? null,
          after: { ...after, id: undefined },
          ip: actor.ip,
          at: actor.at,
        })
      return { id: after.id }
    })
  } catch (e) {
    throw uniqueViolation(e) ?? e
  }
}

/** Deactivation ends every session of the account at once. */
export async function setActive(id: string, active: boolean, actor?: AdminActor) {
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id },
      select: { active: true, unitId: true },
    })
    // An active person in a closed unit would break what closeUnit guarantees: move them first.
    if (active && before && !before.active && before.unitId) {
      await lockTreeShared(tx)
      const unit = await tx.unit.findUnique({
        where: { id: before.unitId },
        select: { closedAt: true },
      })
      if (unit?.closedAt) throw new ConflictError('user.unitClosed')
    }
    await tx.user.update({ where: { id }, data: { active } })
    if (actor && before && before.active !== active)
      await audit(tx, {
        actorId: actor.actorId,
        action: active ? 'user.activate' : 'user.deactivate',
        entityType: 'User',
        entityId: id,
        before: { active: before.active },
        after: { active },
        ip: actor.ip,
        at: actor.at,
      })
  })
  if (!active) await endAllSessions(id)
}

export async function resetPassword(id: string) {
  const password = temporaryPassword()
  await prisma.password.upsert({
    where: { userId: id },
    create: { userId: id, hash: await hashPassword(password), mustChange: true },
    update: { hash: await hashPassword(password), mustChange: true },
  })
  await endAllSessions(id)
  await clearSignInDelay(id)
  return password
}

export async function listUsers(opts: {
  q?: string
  page?: number
  pageSize?: number
  where?: Prisma.UserWhereInput
}) {
  const pageSize = opts.pageSize ?? 25
  const page = Math.max(1, opts.page ?? 1)
  const q = opts.q?.trim()
  const where: Prisma.UserWhereInput = {
    AND: [
      opts.where ?? {},
      q
        ? {
            OR: [
              { name: { contains: q, mode: 'insensitive' } },
              { nip: { startsWith: q.replace(/\s+/g, '') } },
              { email: { contains: q.toLowerCase() } },
            ],
          }
        : {},
    ],
  }
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: { name: 'asc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        nip: true,
        name: true,
        email: true,
        roles: true,
        active: true,
        employeeKind: true,
        unit: { select: { name: true } },
        jabatan: { select: { name: true } },
      },
    }),
  ])
  return { total, page, pageSize, users }
}

export function getUserForAdmin(id: string) {
  return prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      nip: true,
      name: true,
      email: true,
      roles: true,
      active: true,
      employeeKind: true,
      unitId: true,
      jabatanId: true,
      supervisor: { select: { nip: true, name: true } },
    },
  })
}
