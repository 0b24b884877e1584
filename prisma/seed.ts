// Seeds the reference data (organisation, competencies, jabatan and their SKJ) and the demo
// accounts. Idempotent: everything is upserted by its natural key, so a second run updates.
import { prisma } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import { competencies } from './seed-data/competencies'
import { jabatan } from './seed-data/jabatan'
import type { UnitSeed } from './seed-data/types'
import { provinceUnit } from './seed-data/units'

export const DEMO_PASSWORD = 'Bina-Jambi-2026'

export async function seedUnits(root: UnitSeed = provinceUnit) {
  const ids = new Map<string, string>()
  async function visit(u: UnitSeed, parent: { id: string; path: string; depth: number } | null) {
    const existing = await prisma.unit.findUnique({ where: { code: u.code }, select: { id: true } })
    const id =
      existing?.id ??
      (
        await prisma.unit.create({
          data: { code: u.code, name: u.name, kind: u.kind, path: '', depth: 0 },
        })
      ).id
    const path = `${parent?.path ?? '/'}${id}/`
    await prisma.unit.update({
      where: { id },
      data: {
        name: u.name,
        kind: u.kind,
        parentId: parent?.id ?? null,
        path,
        depth: parent ? parent.depth + 1 : 0,
      },
    })
    ids.set(u.code, id)
    for (const c of u.children ?? [])
      await visit(c, { id, path, depth: parent ? parent.depth + 1 : 0 })
  }
  await visit(root, null)
  return ids
}

export async function seedCompetencies() {
  const ids = new Map<string, string>()
  for (const c of competencies) {
    const row = await prisma.competency.upsert({
      where: { code: c.code },
      create: {
        code: c.code,
        type: c.type,
        area: c.area ?? null,
        name: c.name,
        description: c.description,
      },
      update: { type: c.type, area: c.area ?? null, name: c.name, description: c.description },
      select: { id: true },
    })
    ids.set(c.code, row.id)
    for (const l of c.levels) {
      await prisma.competencyLevel.upsert({
        where: { competencyId_level: { competencyId: row.id, level: l.level } },
        create: {
          competencyId: row.id,
          level: l.level,
          name: l.name,
          description: l.description,
          indicators: l.indicators,
        },
        update: { name: l.name, description: l.description, indicators: l.indicators },
      })
    }
  }
  return ids
}

export async function seedJabatan(competencyIds: Map<string, string>) {
  const ids = new Map<string, string>()
  for (const j of jabatan) {
    const row = await prisma.jabatan.upsert({
      where: { code: j.code },
      create: { code: j.code, name: j.name, kind: j.kind },
      update: { name: j.name, kind: j.kind },
      select: { id: true },
    })
    ids.set(j.code, row.id)
    const standards = Object.entries(j.standard).map(([code, level]) => {
      const competencyId = competencyIds.get(code)
      if (!competencyId) throw new Error(`Jabatan ${j.code}: unknown competency ${code}`)
      return { jabatanId: row.id, competencyId, requiredLevel: level as number }
    })
    await prisma.$transaction([
      prisma.jabatanStandard.deleteMany({ where: { jabatanId: row.id } }),
      prisma.jabatanStandard.createMany({ data: standards }),
    ])
  }
  return ids
}

export interface DemoAccount {
  key: string
  nip: string
  name: string
  email: string
  roles: ('ASN' | 'INSTRUCTOR' | 'SUPERVISOR' | 'ADMIN')[]
  unit: string
  jabatan: string
  supervisor?: string
  employeeKind?: 'PNS' | 'PPPK'
}

// Valid NIPs (birth date, TMT CPNS, sex, sequence). The learner reports to the supervisor.
export const demoAccounts: DemoAccount[] = [
  {
    key: 'admin',
    nip: '199001012015031004',
    name: 'Rahmat Hidayat, S.Kom.',
    email: 'admin@bina.jambiprov.go.id',
    roles: ['ADMIN', 'ASN'],
    unit: 'BKD',
    jabatan: 'admin',
  },
  {
    key: 'instructor',
    nip: '197511202000031003',
    name: 'Dr. Siti Aminah, M.Si.',
    email: 'widyaiswara@bina.jambiprov.go.id',
    roles: ['INSTRUCTOR', 'ASN'],
    unit: 'BPSDM',
    jabatan: 'instructor',
  },
  {
    key: 'supervisor',
    nip: '198007102005011002',
    name: 'Hendra Saputra, S.E., M.Ak.',
    email: 'kabid.akuntansi@bina.jambiprov.go.id',
    roles: ['SUPERVISOR', 'ASN'],
    unit: 'BPKAD.AKT',
    jabatan: 'supervisor',
  },
  {
    key: 'learner',
    nip: '199203152019032001',
    name: 'Nurul Fadhilah, S.Ak.',
    email: 'nurul.fadhilah@bina.jambiprov.go.id',
    roles: ['ASN'],
    unit: 'BPKAD.AKT',
    jabatan: 'learner',
    supervisor: 'supervisor',
  },
  {
    key: 'learner2',
    nip: '199505052020121005',
    name: 'Yoga Pratama, A.Md.',
    email: 'yoga.pratama@bina.jambiprov.go.id',
    roles: ['ASN'],
    unit: 'DISKOMINFO',
    jabatan: 'learner',
  },
]

export async function seedDemoAccounts(
  unitIds: Map<string, string>,
  jabatanIds: Map<string, string>,
  demoJabatan: Record<string, string>,
) {
  const hash = await hashPassword(DEMO_PASSWORD)
  const userIds = new Map<string, string>()
  for (const a of demoAccounts) {
    const unitId =
      unitIds.get(a.unit) ?? [...unitIds.entries()].find(([code]) => code.startsWith(a.unit))?.[1]
    const jabatanId = jabatanIds.get(demoJabatan[a.jabatan] ?? '') ?? null
    const data = {
      name: a.name,
      email: a.email,
      roles: a.roles,
      employeeKind: a.employeeKind ?? 'PNS',
      unitId: unitId ?? null,
      jabatanId,
      supervisorId: a.supervisor ? (userIds.get(a.supervisor) ?? null) : null,
      active: true,
    }
    const user = await prisma.user.upsert({
      where: { nip: a.nip },
      create: { nip: a.nip, ...data },
      update: data,
      select: { id: true },
    })
    await prisma.password.upsert({
      where: { userId: user.id },
      create: { userId: user.id, hash },
      update: { hash },
    })
    userIds.set(a.key, user.id)
  }
  return userIds
}

export async function seedAll() {
  const unitIds = await seedUnits()
  const competencyIds = await seedCompetencies()
  const jabatanIds = await seedJabatan(competencyIds)
  const { demoJabatanCodes } = await import('./seed-data/jabatan')
  await seedDemoAccounts(unitIds, jabatanIds, demoJabatanCodes as Record<string, string>)
  return { units: unitIds.size, competencies: competencyIds.size, jabatan: jabatanIds.size }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now()
  seedAll()
    .then((counts) => {
      console.log(
        `Seeded ${counts.units} units, ${counts.competencies} competencies, ${counts.jabatan} jabatan in ${Date.now() - started} ms.`,
      )
      console.log('\nDemo accounts (password for all: ' + DEMO_PASSWORD + '):')
      for (const a of demoAccounts)
        console.log(`  ${a.roles.join('+').padEnd(16)} NIP ${a.nip}  ${a.email}  ${a.name}`)
    })
    .catch((e) => {
      console.error(e)
      process.exitCode = 1
    })
    .finally(() => prisma.$disconnect())
}
