// Synthetic ASN for benchmarks and demos: `npx tsx prisma/synthetic.ts --count 70000 [--prefix S]`.
//
// Needs the reference data (prisma/seed.ts: units and jabatan). Generates `count` civil servants
// spread over the existing units (leaf units weigh more) with realistic names and gelar from
// seed-data/names.ts, valid NIPs, unique emails, a jabatan (mostly Pelaksana / Fungsional), ~3%
// PPPK, and an atasan langsung chosen among a small set of users of the same OPD who are given the
// SUPERVISOR role. Everyone shares one password, hashed once.
//
// Deterministic: the same prefix, count and reference data give the same people (the prefix seeds
// the generator), and rows are inserted with createMany + skipDuplicates, so a second run adds
// nothing. Different prefixes give different sets (e.g. the benchmarks use their own prefix).
//
// Who the people are is planned without the database in ./synthetic-plan.ts (also the bench's
// import file); this module writes the plan.
import type { EmployeeKind } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import { planSynthetic, SYNTHETIC_EMAIL_DOMAIN } from './synthetic-plan'

export { SYNTHETIC_EMAIL_DOMAIN }

export const SYNTHETIC_PASSWORD = 'Bina-Sintetis-2026'
const BATCH = 5_000

export interface SyntheticOptions {
  /** Names the set and seeds the generator (default "S"). */
  prefix?: string
  password?: string
  /** Progress lines on stdout (default true). */
  log?: boolean
  /** "Today" for ages and NIP checks (default now). */
  today?: Date
}

export interface SyntheticPerson {
  id: string
  nip: string
  email: string
  name: string
  employeeKind: EmployeeKind
  supervisor: boolean
}

export interface SyntheticResult {
  prefix: string
  requested: number
  /** Rows inserted by this run (0 on a repeated run). */
  usersCreated: number
  passwordsCreated: number
  supervisors: number
  pppk: number
  /** NIPs already taken in the database by someone else (their rows were skipped). */
  skippedExisting: number
  /** The people of this set that are in the database (all but the skipped ones), in generation order. */
  people: SyntheticPerson[]
  password: string
  ms: number
}

// ---------------------------------------------------------------------------------------------

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

async function idsByNip(nips: string[]) {
  const map = new Map<string, { id: string; email: string }>()
  for (const part of chunks(nips, BATCH)) {
    const rows = await prisma.user.findMany({
      where: { nip: { in: part } },
      select: { id: true, nip: true, email: true },
    })
    for (const u of rows) map.set(u.nip, { id: u.id, email: u.email })
  }
  return map
}

/** Creates `count` synthetic ASN (idempotent by NIP). See the header comment. */
export async function generateSynthetic(
  count: number,
  opts: SyntheticOptions = {},
): Promise<SyntheticResult> {
  const started = performance.now()
  const prefix = opts.prefix ?? 'S'
  const today = opts.today ?? new Date()
  const password = opts.password ?? SYNTHETIC_PASSWORD
  const log = opts.log === false ? () => {} : (s: string) => console.log(s)
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`)

  const units = await prisma.unit.findMany({
    orderBy: { code: 'asc' },
    select: { id: true, code: true, path: true, depth: true, parentId: true },
  })
  const jabatan = await prisma.jabatan.findMany({
    orderBy: { code: 'asc' },
    select: { id: true, code: true, kind: true },
  })

  const rows = planSynthetic(count, { prefix, today, units, jabatan })
  type Row = (typeof rows)[number]
  log(
    `[synthetic] prefix ${prefix}: ${count} people generated and their NIPs validated in ${Math.round(performance.now() - started)} ms`,
  )

  const hash = await hashPassword(password)
  const toData = (x: Row, supervisorId: string | null) => ({
    nip: x.nip,
    name: x.name,
    email: x.email,
    employeeKind: x.employeeKind,
    roles: x.roles,
    jabatanId: x.jabatanId,
    unitId: x.unitId,
    supervisorId,
  })

  /** Inserts the rows whose NIP is not in the database yet (createMany skips any taken meanwhile). */
  async function insertUsers(part: Row[], supervisorId: (x: Row) => string | null) {
    const existing = await idsByNip(part.map((x) => x.nip))
    const fresh = part.filter((x) => !existing.has(x.nip))
    if (fresh.length === 0) return 0
    return (
      await prisma.user.createMany({
        data: fresh.map((x) => toData(x, supervisorId(x))),
        skipDuplicates: true,
      })
    ).count
  }

  // Supervisors first, so the others can point at their ids.
  const supervisorRows = rows.filter((x) => x.roles.includes('SUPERVISOR'))
  let usersCreated = 0
  for (const part of chunks(supervisorRows, BATCH))
    usersCreated += await insertUsers(part, () => null)
  const supervisorIds = await idsByNip(supervisorRows.map((x) => x.nip))
  const staff = rows.filter((x) => !x.roles.includes('SUPERVISOR'))
  let done = 0
  for (const part of chunks(staff, BATCH)) {
    usersCreated += await insertUsers(part, (x) =>
      x.supervisorIndex == null
        ? null
        : (supervisorIds.get(rows[x.supervisorIndex]!.nip)?.id ?? null),
    )
    done += part.length
    log(`[synthetic] users ${supervisorRows.length + done}/${count} (${usersCreated} new)`)
  }

  // Passwords, for the rows that are ours (same NIP and email) and have none yet.
  const ids = await idsByNip(rows.map((x) => x.nip))
  const ours = rows.filter((x) => ids.get(x.nip)?.email === x.email)
  let passwordsCreated = 0
  for (const part of chunks(ours, BATCH)) {
    const userIds = part.map((x) => ids.get(x.nip)!.id)
    const have = new Set(
      (
        await prisma.password.findMany({
          where: { userId: { in: userIds } },
          select: { userId: true },
        })
      ).map((p) => p.userId),
    )
    const data = userIds.filter((id) => !have.has(id)).map((userId) => ({ userId, hash }))
    if (data.length)
      passwordsCreated += (await prisma.password.createMany({ data, skipDuplicates: true })).count
  }
  log(`[synthetic] passwords: ${passwordsCreated} new`)

  return {
    prefix,
    requested: count,
    usersCreated,
    passwordsCreated,
    supervisors: supervisorRows.length,
    pppk: rows.filter((x) => x.employeeKind === 'PPPK').length,
    skippedExisting: count - ours.length,
    people: ours.map((x) => ({
      id: ids.get(x.nip)!.id,
      nip: x.nip,
      email: x.email,
      name: x.name,
      employeeKind: x.employeeKind,
      supervisor: x.roles.includes('SUPERVISOR'),
    })),
    password,
    ms: performance.now() - started,
  }
}

function arg(name: string) {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(arg('count') ?? 70_000)
  const prefix = arg('prefix') ?? 'S'
  generateSynthetic(count, { prefix })
    .then((res) => {
      const s = res.ms / 1000
      console.log(
        `Synthetic ASN (prefix ${res.prefix}): ${res.requested} requested, ${res.usersCreated} users and ${res.passwordsCreated} passwords created` +
          (res.skippedExisting
            ? `, ${res.skippedExisting} NIPs already taken by other users (skipped)`
            : '') +
          `; ${res.supervisors} supervisors, ${res.pppk} PPPK.`,
      )
      console.log(
        `Time: ${s.toFixed(1)} s (${Math.round(res.requested / s)} people/s; ${Math.round((res.usersCreated + res.passwordsCreated) / s)} rows inserted/s).`,
      )
      console.log(`Password for all: ${res.password}`)
      console.log('Examples:')
      for (const p of res.people.slice(0, 5))
        console.log(
          `  ${p.nip}  ${p.email}  ${p.name}${p.supervisor ? '  (supervisor)' : ''}${p.employeeKind === 'PPPK' ? '  (PPPK)' : ''}`,
        )
    })
    .catch((e) => {
      console.error(e)
      process.exitCode = 1
    })
    .finally(() => prisma.$disconnect())
}
