// Exports of the dashboard's people table (/supervisi/ekspor/pegawai) stream: the response starts
// before the rows are read, and the rows are read page by page as the client pulls (a person added
// at the end of the name order after the first bytes arrived is still in the file, which it could
// not be had the export read every row first). 70,000 people, Indonesian headers, CSV and XLSX.
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader } from '~/routes/supervisi.ekspor.$view'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { uniqueNip } from '../support/factories'

const N = 70_000
const HEADER = [
  'NIP',
  'Nama',
  'Jenis',
  'Jabatan',
  'JP tahun ini',
  'Target/batas JP',
  'Status JP',
  'Kursus diikuti',
  'Kursus selesai',
  'Penugasan',
  'Penugasan terlambat',
  'Kompetensi terukur',
  'Kompetensi di bawah standar',
  'Total kesenjangan (level)',
]
const tag = randomUUID().slice(0, 8)
const w = { unitId: '', unitPath: '', cookie: '' }

/** One person of the unit in the dashboard's aggregates (what the export reads). */
async function addMember(userId: string, name: string) {
  await prisma.$executeRaw`
    INSERT INTO "DashUserStat" ("userId", year, "unitId", "unitPath", name, nip, "employeeKind",
      "jabatanName", jp, enrolled, completed, assigned, overdue, assessed, "gapCount", "gapSum")
    VALUES (${userId}, 2026, ${w.unitId}, ${w.unitPath}, ${name}, '199912312020121999', 'PNS',
      'Pengolah Data', 21, 2, 1, 1, 0, 3, 1, 2)`
  await prisma.$executeRaw`
    INSERT INTO "DashScopeMember" ("scopeId", name, "userId", below, overdue, gap)
    VALUES (${w.unitId}, ${name}, ${userId}, false, false, true)`
}

beforeAll(async () => {
  const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } })
  const id = `ex${tag}`
  const unit = await prisma.unit.create({
    data: {
      id,
      code: `EKSPOR${tag}`,
      name: `Bidang Ekspor ${tag}`,
      kind: 'BIDANG',
      parentId: root.id,
      path: `${root.path}${id}/`,
      depth: root.depth + 1,
    },
  })
  Object.assign(w, { unitId: unit.id, unitPath: unit.path })
  // 70,000 people: PNS below 20 JP (odd) and at it (even), names in number order.
  await prisma.$executeRaw`
    INSERT INTO "DashUserStat" ("userId", year, "unitId", "unitPath", name, nip, "employeeKind",
      "jabatanName", jp, enrolled, completed, assigned, overdue, assessed, "gapCount", "gapSum")
    SELECT ${tag} || '-' || g, 2026, ${unit.id}, ${unit.path}, 'Pegawai ' || lpad(g::text, 5, '0'),
      lpad(g::text, 18, '1'), 'PNS', 'Pelaksana', CASE WHEN g % 2 = 0 THEN 20 ELSE 12 END,
      3, 2, 1, g % 3, 4, g % 4, g % 7
    FROM generate_series(1, ${N}::int) g`
  await prisma.$executeRaw`
    INSERT INTO "DashScopeMember" ("scopeId", name, "userId", below, overdue, gap)
    SELECT ${unit.id}, 'Pegawai ' || lpad(g::text, 5, '0'), ${tag} || '-' || g, g % 2 = 1,
      g % 3 > 0, g % 4 > 0
    FROM generate_series(1, ${N}::int) g`
  const nip = uniqueNip()
  const boss = await prisma.user.create({
    data: {
      nip,
      name: `Kepala Ekspor ${tag}`,
      email: `ekspor.${nip}@uji.go.id`,
      roles: ['SUPERVISOR', 'ASN'],
      unitId: unit.id,
    },
  })
  w.cookie = (await createSession(boss.id, {})).split(';')[0]!
})

afterAll(async () => {
  await prisma.dashScopeMember.deleteMany({ where: { scopeId: w.unitId } })
  await prisma.dashUserStat.deleteMany({ where: { unitId: w.unitId } })
})

async function exportOf(format: 'csv' | 'xlsx') {
  const res = (await loader({
    request: new Request(`http://localhost/supervisi/ekspor/pegawai?format=${format}`, {
      headers: { Cookie: w.cookie },
    }),
    params: { view: 'pegawai' },
    context: {},
  })) as Response
  expect(res.status).toBe(200)
  return res
}

/** Reads the first chunk, lets `between` run, then the rest; the whole body. */
async function readAround(res: Response, between: () => Promise<unknown>) {
  const reader = res.body!.getReader()
  const chunks: Uint8Array[] = []
  const first = await reader.read()
  expect(first.done).toBe(false)
  chunks.push(first.value!)
  await between()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
  }
  return { first: first.value!, body: Buffer.concat(chunks) }
}

describe('streamed exports of the people table', () => {
  it(
    'CSV: Indonesian headers first, rows read page by page after the first bytes, 70,000 rows',
    { timeout: 60_000 },
    async () => {
      const res = await exportOf('csv')
      expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
      const { first, body } = await readAround(res, () =>
        addMember(`${tag}-late`, 'Zz Terakhir Csv'),
      )
      // The first chunk is the header alone: no row had to be read for it.
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(first)).toBe(
        `\uFEFF${HEADER.join(',')}\r\n`,
      )
      const lines = body
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n')
      expect(lines.pop()).toBe('')
      expect(lines).toHaveLength(1 + N + 1)
      expect(lines[0]).toBe(HEADER.join(','))
      // Person 1: 12 JP, below the PNS minimum of 20.
      expect(lines[1]).toBe(
        '111111111111111111,Pegawai 00001,PNS,Pelaksana,12,20,Di bawah 20 JP,3,2,1,1,4,1,1',
      )
      expect(lines[2]).toBe(
        '111111111111111112,Pegawai 00002,PNS,Pelaksana,20,20,Terpenuhi,3,2,1,2,4,2,2',
      )
      // Added after the header was sent, last in name order: read when its page was pulled.
      expect(lines[N + 1]).toBe(
        '199912312020121999,Zz Terakhir Csv,PNS,Pengolah Data,21,20,Terpenuhi,2,1,1,0,3,1,2',
      )
    },
  )

  it(
    'XLSX: the same rows, written as the client reads, 70,000 rows',
    { timeout: 90_000 },
    async () => {
      const res = await exportOf('xlsx')
      expect(res.headers.get('Content-Type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      const { body } = await readAround(res, () => addMember(`${tag}-late2`, 'Zz Terakhir Xlsx'))
      const rows: unknown[][] = []
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(body), {})
      for await (const sheet of reader)
        for await (const row of sheet) rows.push((row.values as unknown[]).slice(1))
      expect(rows[0]).toEqual(HEADER)
      expect(rows[1]).toEqual([
        '111111111111111111',
        'Pegawai 00001',
        'PNS',
        'Pelaksana',
        12,
        20,
        'Di bawah 20 JP',
        3,
        2,
        1,
        1,
        4,
        1,
        1,
      ])
      // Added after the first bytes, last in name order: written from a page read later (after
      // the CSV test's late person, when that test ran first).
      const late = await prisma.dashScopeMember.count({
        where: { scopeId: w.unitId, name: { startsWith: 'Zz' } },
      })
      expect(rows).toHaveLength(1 + N + late)
      expect(rows[rows.length - 1]![1]).toBe('Zz Terakhir Xlsx')
    },
  )
})
