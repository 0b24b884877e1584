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
import type { EmployeeKind, JabatanKind, Role } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { makeNip, validateNip } from '~/utils/nip'
import { hashPassword } from '~/utils/password.server'
import {
  familyNames,
  femaleGivenNames,
  gelarBelakang,
  gelarDepan,
  maleGivenNames,
} from './seed-data/names'

export const SYNTHETIC_PASSWORD = 'Bina-Sintetis-2026'
export const SYNTHETIC_EMAIL_DOMAIN = 'asn.jambiprov.go.id'
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
// Deterministic random numbers (mulberry32, seeded with FNV-1a of the prefix).

function seedOf(s: string) {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!
  const chance = (p: number) => next() < p
  /** Picks a key by weight. */
  const weighted = <K extends string>(w: Record<K, number>): K => {
    const entries = Object.entries(w) as [K, number][]
    let r = next() * entries.reduce((s, [, v]) => s + v, 0)
    for (const [k, v] of entries) if ((r -= v) < 0) return k
    return entries[entries.length - 1]![0]
  }
  return { next, int, pick, chance, weighted }
}
type Rng = ReturnType<typeof rng>

// ---------------------------------------------------------------------------------------------
// Names and gelar

const diploma = gelarBelakang.filter((g) => g.startsWith('A.Md'))
const sarjana = gelarBelakang.filter((g) => /^S\./.test(g) && !['S.Kep.', 'S.Farm.'].includes(g))
const magister = gelarBelakang.filter((g) => g.startsWith('M.'))
const spesialis = gelarBelakang.filter((g) => g.startsWith('Sp.'))
const hasGelarDepan = (g: string) => gelarDepan.includes(g)

type Education = 'SMA' | 'D3' | 'S1' | 'S2' | 'S3'
const educationByKind: Record<JabatanKind, Record<Education, number>> = {
  PELAKSANA: { SMA: 25, D3: 25, S1: 45, S2: 5, S3: 0 },
  FUNGSIONAL: { SMA: 2, D3: 18, S1: 55, S2: 23, S3: 2 },
  PENGAWAS: { SMA: 0, D3: 3, S1: 60, S2: 37, S3: 0 },
  ADMINISTRATOR: { SMA: 0, D3: 0, S1: 30, S2: 65, S3: 5 },
  JPT_PRATAMA: { SMA: 0, D3: 0, S1: 0, S2: 70, S3: 30 },
  JPT_MADYA: { SMA: 0, D3: 0, S1: 0, S2: 60, S3: 40 },
}

function personName(r: Rng, sex: 'L' | 'P', kind: JabatanKind, age: number) {
  const given = sex === 'L' ? maleGivenNames : femaleGivenNames
  const parts = [r.pick(given)]
  if (r.chance(0.15)) parts.push(r.pick(given.filter((g) => g !== parts[0])))
  if (r.chance(0.75)) parts.push(r.pick(familyNames))
  const bare = parts.join(' ')

  const front: string[] = []
  const back: string[] = []
  let edu = r.weighted(educationByKind[kind])
  // A master's degree before 26 or a doctorate before 32 is rare enough to leave out.
  if ((edu === 'S2' && age < 26) || (edu === 'S3' && age < 32)) edu = age < 26 ? 'S1' : 'S2'
  if (edu === 'D3') {
    back.push(r.pick(diploma.filter((g) => sex === 'P' || g !== 'A.Md.Keb.')))
  } else if (edu !== 'SMA') {
    // A few sarjana are professionals with a gelar depan in place of (or besides) the sarjana one.
    const prof = r.chance(0.06)
      ? r.pick(['dr.', 'drg.', 'apt.', 'Ns.', 'Ir.'].filter(hasGelarDepan))
      : null
    if (prof) front.push(prof)
    if (prof === 'apt.') back.push('S.Farm.')
    else if (prof === 'Ns.') back.push('S.Kep.')
    else if (prof !== 'dr.' && prof !== 'drg.' && prof !== 'Ir.') back.push(r.pick(sarjana))
    if (edu === 'S2' || edu === 'S3') {
      if (prof === 'dr.' && r.chance(0.5)) back.push(r.pick(spesialis))
      else back.push(r.pick(magister))
    }
    if (edu === 'S3' && hasGelarDepan('Dr.')) front.unshift('Dr.')
  }
  const full =
    [front.join(' '), bare].filter(Boolean).join(' ') + (back.length ? `, ${back.join(', ')}` : '')
  return { full, bare }
}

/** "Nurul Fadhilah" -> "nurul.fadhilah" (ASCII, lowercase). */
function emailLocal(bare: string) {
  return bare
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
}

// ---------------------------------------------------------------------------------------------
// NIP: PNS = birth date + TMT CPNS (yyyymm) + sex + sequence, checked with validateNip. PPPK
// numbers have the same shape with the appointment year and "21" in place of the TMT month (not
// a valid PNS NIP by design; accepted as PPPK).

function nipFor(r: Rng, kind: EmployeeKind, sex: 'L' | 'P', today: Date) {
  const nowY = today.getUTCFullYear()
  const nowMonths = nowY * 12 + today.getUTCMonth() // months since year 0, month 0-based
  // Active ASN are 20-57 years old.
  const ageMonths = r.int(20 * 12, 57 * 12 + 11)
  const birthMonths = nowMonths - ageMonths
  const by = Math.floor(birthMonths / 12)
  const bm = (birthMonths % 12) + 1
  const bd = r.int(1, new Date(Date.UTC(by, bm, 0)).getUTCDate())
  const birthDate = new Date(Date.UTC(by, bm - 1, bd))
  const age = Math.floor(ageMonths / 12)
  if (kind === 'PPPK') {
    const year = r.int(Math.max(2019, by + 20), nowY)
    return {
      age,
      nip: makeNip({ birthDate, tmtYear: year, tmtMonth: 21, sex, sequence: r.int(1, 400) }),
    }
  }
  // Appointed as CPNS at 19-35 (never after today, never before the month after the 18th birthday).
  const startAge = r.int(19 * 12 + 1, Math.max(19 * 12 + 1, Math.min(35 * 12, ageMonths - 3)))
  const tmt = birthMonths + startAge
  return {
    age,
    nip: makeNip({
      birthDate,
      tmtYear: Math.floor(tmt / 12),
      tmtMonth: (tmt % 12) + 1,
      sex,
      sequence: r.int(1, 250),
    }),
  }
}

/** The next free NIP: same birth date, TMT and sex, the next sequence number. */
function bumpSequence(nip: string) {
  const seq = Number(nip.slice(15))
  return nip.slice(0, 15) + String((seq % 999) + 1).padStart(3, '0')
}

// ---------------------------------------------------------------------------------------------

interface UnitRow {
  id: string
  code: string
  kind: string
  path: string
  depth: number
  parentId: string | null
}

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

  const units: UnitRow[] = await prisma.unit.findMany({
    orderBy: { code: 'asc' },
    select: { id: true, code: true, kind: true, path: true, depth: true, parentId: true },
  })
  const jabatan = await prisma.jabatan.findMany({
    orderBy: { code: 'asc' },
    select: { id: true, kind: true },
  })
  if (units.length < 2 || jabatan.length === 0)
    throw new Error('No units or jabatan: run `npx tsx prisma/seed.ts` first.')

  // Units below the province; leaves (no children) weigh 4, inner units 1.
  const parents = new Set(units.map((u) => u.parentId).filter(Boolean))
  const placeable = units.filter((u) => u.depth >= 1)
  const weights = placeable.map((u) => (parents.has(u.id) ? 1 : 4))
  const cumulative: number[] = []
  weights.reduce((s, w, i) => (cumulative[i] = s + w), 0)
  const totalWeight = cumulative[cumulative.length - 1]!
  /** The OPD of a unit: the second id of its materialised path ("/root/opd/..."). */
  const opdOf = (u: UnitRow) => u.path.split('/')[2] ?? u.id
  const jabatanOfKind = (k: JabatanKind) => {
    const js = jabatan.filter((j) => j.kind === k)
    return js.length ? js : jabatan
  }
  const byKind = Object.fromEntries(
    (
      ['JPT_MADYA', 'JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'] as const
    ).map((k) => [k, jabatanOfKind(k)]),
  ) as Record<JabatanKind, { id: string; kind: JabatanKind }[]>

  const r = rng(seedOf(`bina-synthetic:${prefix}`))

  // Pass 1: a unit for everyone, then a small set of supervisors per OPD (the first ones drawn).
  const unitOf: UnitRow[] = []
  for (let i = 0; i < count; i++) {
    const x = r.next() * totalWeight
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! > x) hi = mid
      else lo = mid + 1
    }
    unitOf.push(placeable[lo]!)
  }
  const perOpd = new Map<string, number[]>()
  unitOf.forEach((u, i) => {
    const list = perOpd.get(opdOf(u))
    if (list) list.push(i)
    else perOpd.set(opdOf(u), [i])
  })
  const isSupervisor = new Uint8Array(count)
  const supervisorsOfOpd = new Map<string, number[]>()
  for (const [opd, members] of perOpd) {
    const k = Math.min(8, Math.max(1, Math.ceil(members.length / 400)))
    const chosen = members.slice(0, k)
    for (const i of chosen) isSupervisor[i] = 1
    supervisorsOfOpd.set(opd, chosen)
  }

  // Pass 2: the people.
  interface Row {
    nip: string
    name: string
    email: string
    employeeKind: EmployeeKind
    roles: Role[]
    jabatanId: string
    unitId: string
    supervisorIndex: number | null
  }
  const rows: Row[] = []
  const seen = new Set<string>()
  let invalid = 0
  for (let i = 0; i < count; i++) {
    const unit = unitOf[i]!
    const supervisor = isSupervisor[i] === 1
    const kind: JabatanKind = supervisor
      ? r.weighted({ ADMINISTRATOR: 40, PENGAWAS: 60 })
      : r.weighted({ PELAKSANA: 56, FUNGSIONAL: 40, PENGAWAS: 4 })
    const employeeKind: EmployeeKind =
      !supervisor && kind !== 'PENGAWAS' && r.chance(0.031) ? 'PPPK' : 'PNS'
    const sex = r.chance(0.52) ? 'L' : 'P'
    const generated = nipFor(r, employeeKind, sex, today)
    let nip = generated.nip
    while (seen.has(nip)) nip = bumpSequence(nip)
    seen.add(nip)
    if (!validateNip(nip, { kind: employeeKind, today }).ok) invalid++
    const { full, bare } = personName(r, sex, kind, generated.age)

    let supervisorIndex: number | null = null
    if (!supervisor) {
      // The atasan: a supervisor in the same unit or above it, else any supervisor of the OPD.
      const candidates = supervisorsOfOpd.get(opdOf(unit)) ?? []
      const above = candidates.filter((s) => unit.path.startsWith(unitOf[s]!.path))
      const pool = above.length ? above : candidates
      supervisorIndex = pool.length ? r.pick(pool) : null
    }
    rows.push({
      nip,
      name: full,
      email: `${emailLocal(bare)}.${nip}@${SYNTHETIC_EMAIL_DOMAIN}`,
      employeeKind,
      roles: supervisor ? ['SUPERVISOR', 'ASN'] : ['ASN'],
      jabatanId: r.pick(byKind[kind]).id,
      unitId: unit.id,
      supervisorIndex,
    })
  }
  if (invalid) throw new Error(`Generator bug: ${invalid} NIPs failed validateNip`)
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
