// Account administration: create, change roles, deactivate, reset password.
import { randomInt } from 'node:crypto'
import { z } from 'zod'
import { Prisma, type Role } from '~/generated/prisma/client'
import { endAllSessions } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { validateNip } from '~/utils/nip'
import { hashPassword, PASSWORD_MIN } from '~/utils/password.server'
import { notifyJob } from '~/jobs/notify.server'
import { outboxInsert, relaySoon } from '~/jobs/outbox.server'
import { clearSignInDelay } from './sign-in.server'

export const ROLES = ['ASN', 'INSTRUCTOR', 'SUPERVISOR', 'ADMIN'] as const satisfies readonly Role[]

export const passwordSchema = z
  .string({ required_error: 'Kata sandi wajib diisi.' })
  .min(PASSWORD_MIN, `Kata sandi minimal ${PASSWORD_MIN} karakter.`)
  .max(128, 'Kata sandi maksimal 128 karakter.')

export const userFormSchema = z
  .object({
    employeeKind: z.enum(['PNS', 'PPPK'], { required_error: 'Pilih status kepegawaian.' }),
    nip: z.string({ required_error: 'NIP wajib diisi.' }).transform((s) => s.replace(/\s+/g, '')),
    name: z
      .string({ required_error: 'Nama wajib diisi.' })
      .trim()
      .min(3, 'Nama minimal 3 karakter.')
      .max(150),
    email: z
      .string({ required_error: 'Email wajib diisi.' })
      .trim()
      .toLowerCase()
      .email('Alamat email tidak valid.'),
    unitId: z.string({ required_error: 'Pilih unit kerja.' }).min(1, 'Pilih unit kerja.'),
    jabatanId: z.string({ required_error: 'Pilih jabatan.' }).min(1, 'Pilih jabatan.'),
    supervisorNip: z
      .string()
      .optional()
      .transform((s) => (s ? s.replace(/\s+/g, '') : undefined)),
    roles: z.array(z.enum(ROLES)).min(1, 'Pilih minimal satu peran.').default(['ASN']),
  })
  .superRefine((v, ctx) => {
    const r = validateNip(v.nip, { kind: v.employeeKind })
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['nip'], message: r.reason })
  })

export type UserFormInput = z.infer<typeof userFormSchema>

export class FieldError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message)
  }
}

function temporaryPassword() {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'
  return Array.from({ length: 14 }, () => alphabet[randomInt(alphabet.length)]).join('')
}

async function resolveSupervisor(nip: string | undefined) {
  if (!nip) return null
  const s = await prisma.user.findUnique({ where: { nip }, select: { id: true } })
  if (!s) throw new FieldError('supervisorNip', 'Tidak ada pegawai dengan NIP atasan tersebut.')
  return s.id
}

function uniqueViolation(e: unknown): FieldError | null {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
    const target = String((e.meta as { target?: unknown } | undefined)?.target ?? e.message)
    if (target.includes('nip')) return new FieldError('nip', 'NIP sudah terdaftar.')
    if (target.includes('email')) return new FieldError('email', 'Email sudah terdaftar.')
  }
  return null
}

/** Creates the account with a temporary password and records the welcome notification job. */
export async function createUser(input: UserFormInput) {
  const supervisorId = await resolveSupervisor(input.supervisorNip)
  const password = temporaryPassword()
  const passwordHash = await hashPassword(password)
  try {
    const { user, outboxId } = await prisma.$transaction(async (tx) => {
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
      const outboxId = await outboxInsert(tx, notifyJob, {
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

export async function updateUser(id: string, input: UserFormInput) {
  const supervisorId = await resolveSupervisor(input.supervisorNip)
  if (supervisorId === id)
    throw new FieldError('supervisorNip', 'Pegawai tidak bisa menjadi atasannya sendiri.')
  try {
    return await prisma.user.update({
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
      select: { id: true },
    })
  } catch (e) {
    throw uniqueViolation(e) ?? e
  }
}

/** Deactivation ends every session of the account at once. */
export async function setActive(id: string, active: boolean) {
  await prisma.user.update({ where: { id }, data: { active } })
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
