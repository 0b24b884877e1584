// The AKPK export of a program (/program/:programId/ekspor): the header row and the values of a
// plan row are exactly the format docs/domain.md ("AKPK plan rows") documents, in CSV and XLSX.
// Dates are the Jakarta calendar dates the program team typed in the form.
import { randomUUID } from 'node:crypto'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { programAssignJob } from '~/jobs/program-assign.server'
import { addProgramItem, createProgram, startAssignment } from '~/models/program.server'
import { loader } from '~/routes/program.$programId.ekspor'
import { itemSchema } from '~/schemas/program'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { createTestUser, uniqueNip } from '../support/factories'

const HEADER = [
  'Tahun',
  'Kompetensi',
  'Sasaran ASN',
  'Jumlah peserta',
  'Jalur',
  'Metode',
  'Kegiatan (kursus)',
  'Penyelenggara',
  'Jadwal mulai',
  'Jadwal selesai',
  'Batas waktu',
  'JP',
  'Anggaran (Rp)',
  'Sumber dana',
  'Selesai',
]

async function program() {
  const tag = randomUUID().slice(0, 8)
  const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } })
  const id = `u${tag}`
  const unit = await prisma.unit.create({
    data: {
      id,
      code: `AKPK${tag}`,
      name: `Bidang Uji ${tag}`,
      kind: 'BIDANG',
      parentId: root.id,
      path: `${root.path}${id}/`,
      depth: root.depth + 1,
    },
  })
  const cc = await prisma.courseCompetency.findFirstOrThrow({
    where: { course: { status: 'PUBLISHED', currentVersionId: { not: null } } },
    select: { courseId: true, competency: true, course: true },
  })
  const jab = await prisma.jabatan.create({
    data: {
      code: `J${tag}`,
      name: `Penata Uji ${tag}`,
      kind: 'PELAKSANA',
      standards: { create: [{ competencyId: cc.competency.id, requiredLevel: 3 }] },
    },
  })
  // Three people of the jabatan in the unit: two below the standard (one of them has already
  // finished the course), one at it.
  const people = []
  for (const level of [1, 2, 3]) {
    const nip = uniqueNip()
    const u = await prisma.user.create({
      data: {
        nip,
        name: `Peserta ${nip}`,
        email: `p.${nip}@uji.go.id`,
        unitId: unit.id,
        jabatanId: jab.id,
      },
    })
    await prisma.competencyRating.create({
      data: {
        userId: u.id,
        competencyId: cc.competency.id,
        level,
        ratedAt: new Date(),
        provenance: {},
      },
    })
    people.push(u)
  }
  await prisma.enrolment.create({
    data: {
      userId: people[0]!.id,
      courseId: cc.courseId,
      courseVersionId: cc.course.currentVersionId!,
      status: 'COMPLETED',
      completedAt: new Date(),
    },
  })
  const adminUser = await createTestUser({ roles: ['ADMIN'] })
  const admin = await prisma.user.findUniqueOrThrow({
    where: { id: adminUser.id },
    select: { id: true, roles: true, unit: { select: { path: true } } },
  })
  const p = await createProgram(admin, { name: `AKPK ${tag}`, year: 2027, scopeUnitId: unit.id })
  // The values as the form sends them (dates are Jakarta calendar days).
  const form = itemSchema.parse({
    courseId: cc.courseId,
    competencyId: cc.competency.id,
    targetUnitId: unit.id,
    targetJabatanId: jab.id,
    onlyWithGap: 'on',
    method: 'COACHING',
    provider: 'BPSDM Provinsi Jambi',
    startsOn: '2027-02-01',
    endsOn: '2027-03-31',
    dueAt: '2027-04-15',
    jp: '12',
    budget: '15000000',
    fundingSource: 'APBD',
  })
  const item = await addProgramItem(admin, p.id, form)
  await startAssignment(admin, item.id)
  await programAssignJob.handler({ itemId: item.id })
  const cookie = (await createSession(admin.id, {})).split(';')[0]!
  return { p, unit, jab, cc, cookie }
}

async function download(programId: string, cookie: string, format: 'csv' | 'xlsx') {
  const res = (await loader({
    request: new Request(`http://localhost/program/${programId}/ekspor?format=${format}`, {
      headers: { Cookie: cookie },
    }),
    params: { programId },
    context: {},
  })) as Response
  expect(res.status).toBe(200)
  return res
}

describe('AKPK export', () => {
  it('writes the documented header and plan row, in CSV and XLSX', async () => {
    const { p, unit, jab, cc, cookie } = await program()
    const row = [
      '2027',
      `${cc.competency.code} ${cc.competency.name}`,
      `${unit.name} · ${jab.name} · yang di bawah standar`,
      '2',
      'Nonklasikal',
      'Coaching',
      cc.course.title,
      'BPSDM Provinsi Jambi',
      '2027-02-01',
      '2027-03-31',
      '2027-04-15',
      '12',
      '15000000',
      'APBD',
      '1',
    ]

    const csvRes = await download(p.id, cookie, 'csv')
    expect(csvRes.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(csvRes.headers.get('Content-Disposition')).toBe(
      `attachment; filename="akpk-${p.id}.csv"`,
    )
    const table = parseCsv(await csvRes.text(), { bom: true }) as string[][]
    expect(table).toEqual([HEADER, row])

    const xlsxRes = await download(p.id, cookie, 'xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await xlsxRes.arrayBuffer()) as never)
    const ws = wb.getWorksheet('AKPK')!
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER)
    // Numbers are number cells; the rest text.
    const values = (ws.getRow(2).values as unknown[]).slice(1)
    expect(values).toEqual(row.map((v, i) => ([0, 3, 11, 12, 14].includes(i) ? Number(v) : v)))
    expect(ws.rowCount).toBe(2)
  })
})
