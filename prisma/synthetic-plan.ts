// The synthetic ASN, planned without a database: who they are (NIP, name, email, kind, jabatan,
// unit, atasan), deterministic for a prefix, a count, a "today" and the reference data given.
// prisma/synthetic.ts writes the plan into the database; `syntheticImportFile` writes it as a bulk
// import file (bench/dashboard.ts). Pure, so tests/unit/synthetic-plan.test.ts can check 70,000
// people (unique NIPs and emails, valid NIPs, supervisors that exist and form no cycle) in memory.
import type { EmployeeKind, JabatanKind, Role } from '~/generated/prisma/enums'
import { makeNip, validateNip } from '~/domain/nip'
import {
  familyNames,
  femaleGivenNames,
  gelarBelakang,
  gelarDepan,
  maleGivenNames,
} from './seed-data/names'

export const SYNTHETIC_EMAIL_DOMAIN = 'asn.jambiprov.go.id'

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

export interface PlanUnit {
  id: string
  code: string
  path: string
  depth: number
  parentId: string | null
}

export interface PlanJabatan {
  id: string
  code: string
  kind: JabatanKind
}

export interface PlannedPerson {
  nip: string
  name: string
  email: string
  employeeKind: EmployeeKind
  roles: Role[]
  jabatanId: string
  unitId: string
  /** Index (in the plan) of the atasan langsung; null for supervisors. */
  supervisorIndex: number | null
  /** Index of the first supervisor drawn in the same OPD (the OPD's head in an import file). */
  headIndex: number
}

/**
 * Plans `count` people over `units` (sorted by code; depth >= 1 are placeable, leaves weigh 4,
 * inner units 1) and `jabatan` (sorted by code). NIPs are unique within the plan (a repeated one
 * takes the next sequence number) and checked with validateNip against `today`; emails carry the
 * NIP, so they are unique too.
 */
export function planSynthetic(
  count: number,
  opts: { prefix: string; today: Date; units: PlanUnit[]; jabatan: PlanJabatan[] },
): PlannedPerson[] {
  const { prefix, today, units, jabatan } = opts
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`)
  if (units.length < 2 || jabatan.length === 0)
    throw new Error('No units or jabatan: run `npx tsx prisma/seed.ts` first.')

  const parents = new Set(units.map((u) => u.parentId).filter(Boolean))
  const placeable = units.filter((u) => u.depth >= 1)
  const weights = placeable.map((u) => (parents.has(u.id) ? 1 : 4))
  const cumulative: number[] = []
  weights.reduce((s, w, i) => (cumulative[i] = s + w), 0)
  const totalWeight = cumulative[cumulative.length - 1]!
  /** The OPD of a unit: the second id of its materialised path ("/root/opd/..."). */
  const opdOf = (u: PlanUnit) => u.path.split('/')[2] ?? u.id
  const jabatanOfKind = (k: JabatanKind) => {
    const js = jabatan.filter((j) => j.kind === k)
    return js.length ? js : jabatan
  }
  const byKind = Object.fromEntries(
    (
      ['JPT_MADYA', 'JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'] as const
    ).map((k) => [k, jabatanOfKind(k)]),
  ) as Record<JabatanKind, PlanJabatan[]>

  const r = rng(seedOf(`bina-synthetic:${prefix}`))

  // Pass 1: a unit for everyone, then a small set of supervisors per OPD (the first ones drawn).
  const unitOf: PlanUnit[] = []
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
  const rows: PlannedPerson[] = []
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

    const candidates = supervisorsOfOpd.get(opdOf(unit)) ?? []
    let supervisorIndex: number | null = null
    if (!supervisor) {
      // The atasan: a supervisor in the same unit or above it, else any supervisor of the OPD.
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
      headIndex: candidates[0] ?? i,
    })
  }
  if (invalid) throw new Error(`Generator bug: ${invalid} NIPs failed validateNip`)
  return rows
}

/** One CSV field: quoted when it holds the delimiter, a quote or a line break. */
function csvField(s: string) {
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * A bulk import file (the columns of /admin/import, ";"-separated, one header row) of `count`
 * planned people. Every row is valid for the import's row rules: each OPD's head (the first
 * supervisor drawn there) gets a JPT Pratama jabatan, which needs no atasan; the other supervisors
 * report to their head and everyone else to the supervisor the plan chose, all inside the file.
 */
export function syntheticImportFile(
  count: number,
  opts: { prefix: string; today: Date; units: PlanUnit[]; jabatan: PlanJabatan[] },
) {
  const people = planSynthetic(count, opts)
  const head = opts.jabatan.find((j) => j.kind === 'JPT_PRATAMA')
  if (!head) throw new Error('No JPT Pratama jabatan: the heads of the OPDs need one')
  const unitCode = new Map(opts.units.map((u) => [u.id, u.code]))
  const jabatanCode = new Map(opts.jabatan.map((j) => [j.id, j.code]))
  const lines = ['NIP;nama;email;PNS/PPPK;jabatan;kode unit;NIP atasan']
  people.forEach((p, i) => {
    const isHead = p.headIndex === i
    const atasan = isHead ? '' : people[p.supervisorIndex ?? p.headIndex]!.nip
    lines.push(
      [
        p.nip,
        p.name,
        p.email,
        p.employeeKind,
        isHead ? head.code : jabatanCode.get(p.jabatanId)!,
        unitCode.get(p.unitId)!,
        atasan,
      ]
        .map(csvField)
        .join(';'),
    )
  })
  return { people, csv: lines.join('\n') + '\n' }
}
