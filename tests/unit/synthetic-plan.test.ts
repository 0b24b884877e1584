// The synthetic ASN plan (prisma/synthetic-plan.ts) and the bulk import file the dashboard bench
// writes from it: 70,000 people on the seed's real organisation tree and jabatan list have unique
// NIPs and emails, NIPs valid by the domain rule, and every row passes the import's row rules
// (supervisors present in the file, no cycle), the same way on every run.
import { createHash } from 'node:crypto'
import { parse as parseCsv } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { validateNip } from '~/domain/nip'
import { validateAsnRows, type AsnRowInput } from '~/utils/asn-import-rules'
import {
  planSynthetic,
  syntheticImportFile,
  type PlanJabatan,
  type PlanUnit,
} from '../../prisma/synthetic-plan'
import { jabatan as jabatanSeed } from '../../prisma/seed-data/jabatan'
import { provinceUnit } from '../../prisma/seed-data/units'
import type { UnitSeed } from '../../prisma/seed-data/types'

const TODAY = new Date(Date.UTC(2026, 11, 1))

function flatten(u: UnitSeed, parent: PlanUnit | null, out: PlanUnit[] = []) {
  const me: PlanUnit = {
    id: u.code,
    code: u.code,
    path: `${parent?.path ?? '/'}${u.code}/`,
    depth: parent ? parent.depth + 1 : 0,
    parentId: parent?.id ?? null,
  }
  out.push(me)
  for (const c of u.children ?? []) flatten(c, me, out)
  return out
}
const units = flatten(provinceUnit, null).sort((a, b) => a.code.localeCompare(b.code))
const jabatan: PlanJabatan[] = jabatanSeed
  .map((j) => ({ id: `id-${j.code}`, code: j.code, kind: j.kind }))
  .sort((a, b) => a.code.localeCompare(b.code))
const opts = { prefix: 'I', today: TODAY, units, jabatan }

const repeated = (xs: string[]) => xs.length - new Set(xs).size

describe('synthetic ASN plan', () => {
  it('70,000 people: no repeated NIP or email, every NIP valid for its kind', () => {
    const people = planSynthetic(70_000, opts)
    expect(people).toHaveLength(70_000)
    expect(repeated(people.map((p) => p.nip))).toBe(0)
    expect(repeated(people.map((p) => p.email.toLowerCase()))).toBe(0)
    const invalid = people.filter(
      (p) => !validateNip(p.nip, { kind: p.employeeKind, today: TODAY }).ok,
    )
    expect(invalid).toEqual([])
    // Both kinds are there (PPPK numbers are not PNS NIPs: they would fail the PNS checks).
    const pppk = people.filter((p) => p.employeeKind === 'PPPK')
    expect(pppk.length).toBeGreaterThan(1_000)
    expect(pppk.filter((p) => validateNip(p.nip, { kind: 'PNS', today: TODAY }).ok)).toEqual([])
    // Every non-supervisor has an atasan who is a supervisor of the plan; supervisors have none.
    const wrongAtasan = people.filter((p) =>
      p.roles.includes('SUPERVISOR')
        ? p.supervisorIndex !== null
        : !people[p.supervisorIndex ?? -1]?.roles.includes('SUPERVISOR'),
    )
    expect(wrongAtasan).toEqual([])
  })

  it('is deterministic: the same prefix, count and today give the same people; another prefix others', () => {
    const digest = (xs: unknown) => createHash('sha256').update(JSON.stringify(xs)).digest('hex')
    const a = planSynthetic(5_000, opts)
    expect(digest(planSynthetic(5_000, opts))).toBe(digest(a))
    const b = planSynthetic(5_000, { ...opts, prefix: 'D' })
    expect(new Set(b.map((p) => p.nip)).size).toBe(5_000)
    expect(b.filter((p) => a.some((q) => q.nip === p.nip)).length).toBeLessThan(5)
  })
})

describe('the bench import file', () => {
  it('70,000 rows: every row passes the import rules (NIP, kind, unit, jabatan, atasan, no cycle)', () => {
    const { csv, people } = syntheticImportFile(70_000, opts)
    const table = parseCsv(csv, { delimiter: ';', bom: true }) as string[][]
    expect(table[0]).toEqual([
      'NIP',
      'nama',
      'email',
      'PNS/PPPK',
      'jabatan',
      'kode unit',
      'NIP atasan',
    ])
    const rows: AsnRowInput[] = table.slice(1).map((c, i) => ({
      rowNo: i + 2,
      nip: c[0]!,
      nama: c[1]!,
      email: c[2]!,
      jenis: c[3]!,
      jabatan: c[4]!,
      kodeUnit: c[5]!,
      nipAtasan: c[6]!,
    }))
    expect(rows).toHaveLength(70_000)
    // Names with gelar hold commas ("…, S.E., M.M."): the quoting keeps them in one field.
    expect(rows.filter((r) => r.nama.includes(','))).not.toHaveLength(0)
    expect(rows.map((r) => r.nama)).toEqual(people.map((p) => p.name))
    expect(repeated(rows.map((r) => r.nip))).toBe(0)
    expect(repeated(rows.map((r) => r.email.toLowerCase()))).toBe(0)

    const jab = new Map<string, { id: string; top: boolean }>()
    for (const j of jabatan)
      jab.set(j.code, { id: j.id, top: j.kind === 'JPT_MADYA' || j.kind === 'JPT_PRATAMA' })
    const results = validateAsnRows(rows, {
      today: TODAY,
      units: new Map(units.map((u) => [u.code, { id: u.id, closed: false }])),
      jabatan: jab,
      existing: new Map(),
      emails: new Map(),
    })
    const bad = results.filter((r) => r.problems.length > 0)
    expect(bad.slice(0, 5)).toEqual([])
    // The heads of the OPDs (JPT, no atasan) are the only rows without one; the rest point at
    // a supervisor row of the same file.
    const heads = rows.filter((r) => r.nipAtasan === '')
    expect(heads.length).toBeGreaterThan(10)
    const nips = new Set(rows.map((r) => r.nip))
    expect(rows.filter((r) => r.nipAtasan && !nips.has(r.nipAtasan))).toEqual([])
  })
})
