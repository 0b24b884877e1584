// Bulk ASN import: every bad row is listed with its reasons and nothing is written unless the
// admin chooses to import the valid rows; a re-import updates by NIP.
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { jobByName, recoverableJobs } from '~/jobs/index.server'
import { closeQueues } from '~/jobs/queue.server'
import { asnImportApplyJob } from '~/jobs/supervision.server'
import { applyImport, createImport, startApply, validateImport } from '~/models/asn-import.server'
import { prisma } from '~/utils/db.server'
import { createTestUser, uniqueNip } from '../support/factories'
import { renderMessage } from '~/utils/messages'
import type { CodedMessage } from '~/utils/errors'

afterAll(() => closeQueues())

async function refs() {
  const [unit, pelaksana, jpt, admin] = await Promise.all([
    prisma.unit.findFirstOrThrow({
      where: { code: 'BPKAD.AKT' },
      select: { code: true, id: true },
    }),
    prisma.jabatan.findFirstOrThrow({
      where: { kind: 'PELAKSANA' },
      select: { code: true, id: true },
    }),
    prisma.jabatan.findFirstOrThrow({ where: { kind: 'JPT_PRATAMA' }, select: { code: true } }),
    createTestUser({ roles: ['ADMIN'] }),
  ])
  return { unit, pelaksana, jpt, admin }
}

function freshNips(n: number) {
  const s = new Set<string>()
  while (s.size < n) s.add(uniqueNip())
  return [...s]
}

async function rowsOf(importId: string) {
  const rows = await prisma.asnImportRow.findMany({
    where: { importId },
    orderBy: { rowNo: 'asc' },
  })
  // Stored as codes with parameters (decision 041), shown in the reader's language.
  for (const r of rows)
    expect(r.errors).toEqual((r.problems as { code: string }[]).map((p) => p.code))
  return new Map(
    rows.map((r) => [
      r.rowNo,
      (r.problems as unknown as CodedMessage[]).map((p) => renderMessage(p, 'id')),
    ]),
  )
}

async function englishRowsOf(importId: string) {
  const rows = await prisma.asnImportRow.findMany({
    where: { importId },
    orderBy: { rowNo: 'asc' },
  })
  return new Map(
    rows.map((r) => [
      r.rowNo,
      (r.problems as unknown as CodedMessage[]).map((p) => renderMessage(p, 'en')),
    ]),
  )
}

describe('bulk ASN import', () => {
  it('lists every bad row with its reason and writes nothing', async () => {
    const { unit, pelaksana, jpt, admin } = await refs()
    const taken = await createTestUser({ unitCode: 'BPKAD.AKT' })
    const [boss, good, dup, a, b, orphan, mail, kind] = freshNips(8)
    const J = pelaksana.code
    const U = unit.code
    const csv = [
      'NIP;nama;email;PNS/PPPK;jabatan;kode unit;NIP atasan',
      `${boss};Kepala Uji;kepala.${boss}@uji.go.id;PNS;${jpt.code};${U};`, // 2 valid (JPT, no atasan)
      `${good};Pegawai Baik;baik.${good}@uji.go.id;PNS;${J};${U};${boss}`, // 3 valid
      `198502302010011001;Tanggal Salah;salah@uji.go.id;PNS;${J};${U};${boss}`, // 4 bad NIP date
      `${dup};Ganda Satu;ganda1.${dup}@uji.go.id;PNS;${J};${U};${boss}`, // 5 duplicate NIP
      `${dup};Ganda Dua;ganda2.${dup}@uji.go.id;PNS;${J};${U};${boss}`, // 6 duplicate NIP
      `${a};Lingkar A;a.${a}@uji.go.id;PNS;${J};${U};${b}`, // 7 circular
      `${b};Lingkar B;b.${b}@uji.go.id;PNS;${J};${U};${a}`, // 8 circular
      `${orphan};Tanpa Atasan;o.${orphan}@uji.go.id;PNS;${J};${U};199001012015031999`, // 9 unknown atasan
      `${mail};Email Terpakai;${taken.email};PNS;${J};${U};${boss}`, // 10 email of another person
      `${kind};Unit Salah;k.${kind}@uji.go.id;PNS;JAB-TIDAK-ADA;UNIT.TIDAK.ADA;${boss}`, // 11
    ].join('\n')
    const usersBefore = await prisma.user.count()
    const id = await createImport(admin.id, { name: 'uji.csv', bytes: Buffer.from(csv) })
    await validateImport(id)

    const imp = await prisma.asnImport.findUniqueOrThrow({ where: { id } })
    expect(imp.status).toBe('VALIDATED')
    expect([imp.total, imp.valid, imp.invalid]).toEqual([10, 2, 8])
    const errors = await rowsOf(id)
    expect(errors.get(2)).toEqual([])
    expect(errors.get(3)).toEqual([])
    expect(errors.get(4)!.join()).toMatch(/Tanggal lahir tidak valid/)
    expect(errors.get(5)!.join()).toMatch(/lebih dari sekali di berkas \(baris 5, 6\)/)
    expect(errors.get(6)!.join()).toMatch(/lebih dari sekali di berkas \(baris 5, 6\)/)
    expect(errors.get(7)!.join()).toMatch(/melingkar/)
    expect(errors.get(8)!.join()).toMatch(/melingkar/)
    expect(errors.get(9)!.join()).toMatch(/NIP atasan 199001012015031999 tidak ditemukan/)
    expect(errors.get(10)!.join()).toMatch(/sudah dipakai pegawai lain/)
    expect(errors.get(11)!.join()).toMatch(/Jabatan "JAB-TIDAK-ADA" tidak dikenal/)
    expect(errors.get(11)!.join()).toMatch(/Kode unit "UNIT.TIDAK.ADA" tidak dikenal/)
    // The same rows in English: no Indonesian sentence is stored.
    const english = await englishRowsOf(id)
    expect(english.get(5)!.join()).toMatch(/more than once in the file \(rows 5, 6\)/)
    expect(english.get(7)!.join()).toMatch(/Circular supervision chain/)
    expect(english.get(11)!.join()).toMatch(/Position "JAB-TIDAK-ADA" is unknown/)
    expect(english.get(4)!.join()).not.toMatch(/tidak|Tanggal/)
    expect(await startApply(id, 'ALL')).toEqual({
      ok: false,
      error: 'asnImport.invalidRows?count=8',
    })

    // "Import all" is refused while any row is bad; nothing has been written.
    expect(await startApply(id, 'ALL')).toMatchObject({ ok: false })
    expect(await prisma.user.count()).toBe(usersBefore)
    expect(await prisma.user.count({ where: { nip: { in: [boss!, good!] } } })).toBe(0)

    // The admin chooses the valid rows: exactly those two are written, with the supervisor link.
    expect(await startApply(id, 'VALID_ONLY')).toEqual({ ok: true })
    expect(await applyImport(id)).toEqual({ created: 2, updated: 0 })
    expect(await prisma.user.count()).toBe(usersBefore + 2)
    const written = await prisma.user.findUniqueOrThrow({
      where: { nip: good! },
      select: { unitId: true, jabatanId: true, supervisor: { select: { nip: true } } },
    })
    expect(written).toEqual({ unitId: unit.id, jabatanId: pelaksana.id, supervisor: { nip: boss } })
    const log = await prisma.auditLog.findFirstOrThrow({ where: { entityId: id } })
    expect(log).toMatchObject({ actorId: admin.id, action: 'ASN_IMPORT' })
    // A second run of the same job writes nothing more (at-least-once).
    expect(await applyImport(id)).toBeUndefined()
  })

  it('re-import updates by NIP', async () => {
    const { unit, pelaksana, admin } = await refs()
    const person = await createTestUser({ unitCode: 'BPKAD.AKT' })
    const boss = await createTestUser({ unitCode: 'BPKAD.AKT' })
    const csv = [
      'NIP,nama,email,PNS/PPPK,jabatan,kode unit,NIP atasan',
      `${person.nip},Nama Baru,baru.${person.nip}@uji.go.id,PNS,${pelaksana.code},${unit.code},${boss.nip}`,
    ].join('\n')
    const id = await createImport(admin.id, { name: 'ulang.csv', bytes: Buffer.from(csv) })
    await validateImport(id)
    expect(await startApply(id, 'ALL')).toEqual({ ok: true })
    expect(await applyImport(id)).toEqual({ created: 0, updated: 1 })
    const after = await prisma.user.findUniqueOrThrow({
      where: { id: person.id },
      select: { name: true, email: true, supervisorId: true },
    })
    expect(after).toEqual({
      name: 'Nama Baru',
      email: `baru.${person.nip}@uji.go.id`,
      supervisorId: boss.id,
    })
  })
})

describe('bulk ASN import from XLSX', () => {
  it('reads text cells, refuses NIPs stored as numbers or dates, lists every bad row and writes only what the admin chooses', async () => {
    const { unit, pelaksana, jpt, admin } = await refs()
    const taken = await createTestUser({ unitCode: 'BPKAD.AKT' })
    const [boss, good, num, bad, dup, noSup, orphan, a, b, atasanNum, dated, mail] = freshNips(12)
    const J = pelaksana.code
    const U = unit.code
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Pegawai')
    ws.addRow(['NIP', 'Nama', 'Email', 'PNS/PPPK', 'Jabatan', 'Kode unit', 'NIP atasan'])
    const rows: ExcelJS.CellValue[][] = [
      [boss, 'Kepala Xlsx', `k.${boss}@uji.go.id`, 'PNS', jpt.code, U, null], // 2 valid
      // 3 valid; the email is a hyperlink cell, as Excel makes of a typed address
      [
        good,
        'Staf Xlsx',
        { text: `s.${good}@uji.go.id`, hyperlink: `mailto:s.${good}@uji.go.id` },
        'PNS',
        J,
        U,
        boss,
      ],
      [Number(num), 'Angka', `n.${num}@uji.go.id`, 'PNS', J, U, boss], // 4 NIP as a number cell
      ['198502302010011001', 'Tanggal Salah', `t.${bad}@uji.go.id`, 'PNS', J, U, boss], // 5
      [dup, 'Ganda Satu', `g1.${dup}@uji.go.id`, 'PNS', J, U, boss], // 6 duplicate
      [dup, 'Ganda Dua', `g2.${dup}@uji.go.id`, 'PNS', J, U, boss], // 7 duplicate
      [mail, 'Email Terpakai', taken.email, 'PNS', J, U, boss], // 8 email of someone in the database
      [noSup, 'Tanpa Atasan', `x.${noSup}@uji.go.id`, 'PNS', J, U, null], // 9 no atasan, not JPT
      [orphan, 'Atasan Hilang', `o.${orphan}@uji.go.id`, 'PNS', J, U, '199001012015031999'], // 10
      [a, 'Lingkar A', `a.${a}@uji.go.id`, 'PNS', J, U, b], // 11 circular
      [b, 'Lingkar B', `b.${b}@uji.go.id`, 'PNS', J, U, a], // 12 circular
      [atasanNum, 'Atasan Angka', `an.${atasanNum}@uji.go.id`, 'PNS', J, U, Number(boss)], // 13
      [new Date(Date.UTC(1985, 2, 12)), 'Tanggal', `d.${dated}@uji.go.id`, 'PNS', J, U, boss], // 14
      [`${dated}x`, 'Unit Salah', `u.${dated}@uji.go.id`, 'PNS', 'JAB-XLSX', 'UNIT.XLSX', boss], // 15
    ]
    for (const r of rows) ws.addRow(r)
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const usersBefore = await prisma.user.count()
    const id = await createImport(admin.id, { name: 'uji.xlsx', bytes })
    await validateImport(id)

    const imp = await prisma.asnImport.findUniqueOrThrow({ where: { id } })
    expect([imp.status, imp.total, imp.valid, imp.invalid]).toEqual(['VALIDATED', 14, 2, 12])
    const stored = await prisma.asnImportRow.findMany({
      where: { importId: id },
      orderBy: { rowNo: 'asc' },
    })
    const codes = new Map(stored.map((r) => [r.rowNo, r.errors]))
    const R = 'asnImport.row.'
    expect(codes.get(2)).toEqual([])
    expect(codes.get(3)).toEqual([])
    expect(codes.get(4)).toEqual([`${R}nipNumberCell`])
    expect(codes.get(5)).toEqual(['domain.nip.BIRTH_DATE'])
    expect(codes.get(6)).toEqual([`${R}nipRepeated`])
    expect(codes.get(7)).toEqual([`${R}nipRepeated`])
    expect(codes.get(8)).toEqual([`${R}emailTaken`])
    expect(codes.get(9)).toEqual([`${R}supervisorRequired`])
    expect(codes.get(10)).toEqual([`${R}supervisorUnknown`])
    expect(codes.get(11)).toEqual([`${R}supervisorCycle`])
    expect(codes.get(12)).toEqual([`${R}supervisorCycle`])
    expect(codes.get(13)).toEqual([`${R}nipNumberCell`])
    expect(codes.get(14)).toEqual([`${R}nipDateCell`])
    expect(codes.get(15)).toEqual([
      'domain.nip.NOT_DIGITS',
      `${R}unitUnknown`,
      `${R}jabatanUnknown`,
    ])

    // The number cell lost the NIP's last digits: the message says so, with what was read.
    const lost = String(Number(num))
    expect(lost).not.toBe(num)
    const text = await rowsOf(id)
    expect(text.get(4)).toEqual([
      `NIP tersimpan sebagai angka di Excel, bukan teks: NIP 18 digit kehilangan digit terakhirnya sebagai angka. Format kolom NIP sebagai Teks, ketik ulang NIP-nya, lalu unggah lagi (terbaca: ${lost}).`,
    ])
    expect(text.get(13)!.join()).toMatch(/^NIP atasan tersimpan sebagai angka di Excel/)
    expect(text.get(14)!.join()).toMatch(/^NIP tersimpan sebagai tanggal di Excel/)
    expect((await englishRowsOf(id)).get(4)!.join()).toMatch(/^NIP is stored as a number in Excel/)
    expect(text.get(6)!.join()).toMatch(/lebih dari sekali di berkas \(baris 6, 7\)/)
    expect(text.get(11)!.join()).toMatch(/melingkar/)

    // Nothing written; "all" refused while rows are bad.
    expect(await startApply(id, 'ALL')).toEqual({
      ok: false,
      error: 'asnImport.invalidRows?count=12',
    })
    expect(await prisma.user.count()).toBe(usersBefore)
    // Only the valid rows, when the admin chooses them: the head and the staff member, linked.
    expect(await startApply(id, 'VALID_ONLY')).toEqual({ ok: true })
    expect(await applyImport(id)).toEqual({ created: 2, updated: 0 })
    expect(await prisma.user.count()).toBe(usersBefore + 2)
    const written = await prisma.user.findUniqueOrThrow({
      where: { nip: good! },
      select: { email: true, unitId: true, supervisor: { select: { nip: true } } },
    })
    expect(written).toEqual({
      email: `s.${good}@uji.go.id`,
      unitId: unit.id,
      supervisor: { nip: boss },
    })
    expect(await prisma.user.count({ where: { nip: { in: [num!, atasanNum!, lost] } } })).toBe(0)
  })
})

describe('import jobs go through the outbox and the job list', () => {
  const outboxOf = (jobName: string, importId: string) =>
    prisma.outboxMessage.findMany({
      where: { jobName, payload: { path: ['importId'], equals: importId } },
      select: { jobName: true },
    })

  it('upload, go-ahead and apply record their follow-up jobs with the fact', async () => {
    for (const name of ['asnImportValidate', 'asnImportApply', 'dashboardRefresh'])
      expect(jobByName(name)?.name).toBe(name)
    expect(recoverableJobs.map((j) => j.name)).toEqual(
      expect.arrayContaining(['asnImportValidate', 'asnImportApply']),
    )
    const { unit, pelaksana, admin } = await refs()
    const boss = await createTestUser({ unitCode: 'BPKAD.AKT' })
    const [nip] = freshNips(1)
    const csv = [
      'NIP,nama,email,PNS/PPPK,jabatan,kode unit,NIP atasan',
      `${nip},Pegawai Outbox,o.${nip}@uji.go.id,PNS,${pelaksana.code},${unit.code},${boss.nip}`,
    ].join('\n')
    const id = await createImport(admin.id, { name: 'outbox.csv', bytes: Buffer.from(csv) })
    expect(await outboxOf('asnImportValidate', id)).toHaveLength(1)
    expect(await outboxOf('asnImportApply', id)).toHaveLength(0)
    await validateImport(id)
    expect(await startApply(id, 'ALL')).toEqual({ ok: true })
    // A second go-ahead (double click) records nothing more.
    expect(await startApply(id, 'ALL')).toMatchObject({ ok: false })
    expect(await outboxOf('asnImportApply', id)).toHaveLength(1)
    expect(await applyImport(id)).toEqual({ created: 1, updated: 0 })
    expect(await outboxOf('dashboardRefresh', id)).toHaveLength(1)
  })

  it('an approved import whose job was lost is found by the recovery sweep', async () => {
    const admin = await createTestUser({ roles: ['ADMIN'] })
    const lost = await prisma.asnImport.create({
      data: {
        createdById: admin.id,
        fileName: 'hilang.csv',
        format: 'csv',
        content: Buffer.from(''),
        status: 'IMPORTING',
        createdAt: new Date(Date.now() - 3_600_000),
      },
    })
    const found = await asnImportApplyJob.recover!.find(new Date(), 100_000)
    expect(found).toContainEqual({ importId: lost.id })
    const notYet = await asnImportApplyJob.recover!.find(new Date(Date.now() - 7_200_000), 100_000)
    expect(notYet).not.toContainEqual({ importId: lost.id })
    await prisma.asnImport.delete({ where: { id: lost.id } })
  })
})

describe('organisation head counts', () => {
  it('count the whole subtree: an OPD counts the people of its bidang', async () => {
    const { unitTree } = await import('~/models/org.server')
    await createTestUser({ unitCode: 'BPKAD.AKT' })
    const counts = async () =>
      Promise.all([
        prisma.user.count({ where: { active: true, unit: { code: 'BPKAD' } } }),
        prisma.user.count({ where: { active: true, unit: { code: { startsWith: 'BPKAD.' } } } }),
      ])
    const find = (
      nodes: Awaited<ReturnType<typeof unitTree>>,
      code: string,
    ): (typeof nodes)[number] | undefined =>
      nodes.map((n) => (n.code === code ? n : find(n.children, code))).find(Boolean)
    // Other test files write users into the shared seed units concurrently: compare the tree with
    // counts read just before and just after it, retrying until nothing moved in between.
    let direct = 0
    let below = 0
    let bpkad: ReturnType<typeof find>
    for (let i = 0; i < 10; i++) {
      const before = await counts()
      bpkad = find(await unitTree(), 'BPKAD')!
      const after = await counts()
      ;[direct, below] = after
      if (before.join() === after.join()) break
    }
    expect(below).toBeGreaterThan(0)
    expect(bpkad!.ownCount).toBe(direct)
    // The subtree is the tree's (units moved under BPKAD keep their own codes): its count is the
    // unit's own people plus every child's subtree, and the new person in BPKAD.AKT is in it.
    const sum = (n: NonNullable<typeof bpkad>): number =>
      n.ownCount + n.children.reduce((s, c) => s + sum(c as NonNullable<typeof bpkad>), 0)
    expect(bpkad!.userCount).toBe(sum(bpkad!))
    expect(bpkad!.userCount).toBeGreaterThanOrEqual(direct + below)
  })
})
