// A closed unit takes no one (docs/decisions/081): the admin's user form (create, update,
// reactivate) and the bulk import refuse it with a coded message in both languages, nothing is
// written, and a close racing a placement never leaves an active person in a closed unit.
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { applyImport, createImport, startApply, validateImport } from '~/models/asn-import.server'
import { closeUnit, createUnit, UnitChangeError } from '~/models/org.server'
import { createUser, setActive, updateUser, type UserFormInput } from '~/models/user.server'
import { resources } from '~/i18n'
import { prisma } from '~/utils/db.server'
import { AppError, FieldError } from '~/utils/errors'
import { redis } from '~/utils/redis.server'
import { createTestUser, uniqueNip } from '../support/factories'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

let seq = 0
async function ctx() {
  const admin = await createTestUser({ roles: ['ADMIN', 'ASN'] })
  return { actorId: admin.id, at: new Date(), ip: '10.1.1.2' }
}

/** An open unit under BPKAD, and a closed one next to it. */
async function units() {
  const c = await ctx()
  const parent = await prisma.unit.findUniqueOrThrow({ where: { code: 'BPKAD' } })
  const tag = `${process.pid}.${Date.now() % 100000}.${++seq}`
  const open = await createUnit(c, {
    parentId: parent.id,
    code: `TUTUP.A.${tag}`,
    name: `Bidang Buka ${tag}`,
    kind: 'BIDANG',
  })
  const closed = await createUnit(c, {
    parentId: parent.id,
    code: `TUTUP.B.${tag}`,
    name: `Bidang Tutup ${tag}`,
    kind: 'BIDANG',
  })
  await closeUnit(c, closed.id)
  return { c, open, closed }
}

async function formOf(userId: string, unitId: string): Promise<UserFormInput> {
  const u = await prisma.user.findUniqueOrThrow({ where: { id: userId } })
  const jabatan = await prisma.jabatan.findFirstOrThrow({ where: { kind: 'PELAKSANA' } })
  return {
    nip: u.nip,
    name: u.name,
    email: u.email,
    employeeKind: u.employeeKind,
    unitId,
    jabatanId: u.jabatanId ?? jabatan.id,
    roles: u.roles,
  } as UserFormInput
}

async function refusal(p: Promise<unknown>) {
  try {
    await p
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, status: e.status, field: e.field }
    throw e
  }
  return null
}

describe('user form and a closed unit', () => {
  it('refuses moving a person into a closed unit, with the field and a coded message', async () => {
    const { c, open, closed } = await units()
    const person = await createTestUser({ unitCode: open.code })
    const audits = () => prisma.auditLog.count({ where: { entityId: person.id } })
    const before = await audits()
    expect(await refusal(updateUser(person.id, await formOf(person.id, closed.id), c))).toEqual({
      code: 'user.unitClosed',
      status: 400,
      field: 'unitId',
    })
    const after = await prisma.user.findUniqueOrThrow({ where: { id: person.id } })
    expect(after.unitId).toBe(open.id)
    expect(await audits()).toBe(before)
    // The open unit next to it is fine.
    await expect(updateUser(person.id, await formOf(person.id, open.id), c)).resolves.toEqual({
      id: person.id,
    })
  })

  it('refuses a new account in a closed unit', async () => {
    const { c, closed } = await units()
    const jabatan = await prisma.jabatan.findFirstOrThrow({ where: { kind: 'PELAKSANA' } })
    const nip = uniqueNip()
    const err = await createUser(
      {
        nip,
        name: 'Pegawai Baru',
        email: `baru.${nip}@uji.go.id`,
        employeeKind: 'PNS',
        unitId: closed.id,
        jabatanId: jabatan.id,
        roles: ['ASN'],
      } as UserFormInput,
      c,
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(FieldError)
    expect(err).toMatchObject({ code: 'user.unitClosed', field: 'unitId' })
    expect(await prisma.user.count({ where: { nip } })).toBe(0)
  })

  it('lets an inactive person stay in a unit closed since, but not be reactivated there', async () => {
    const { c, open } = await units()
    const person = await createTestUser({ unitCode: open.code, active: false })
    await closeUnit(c, open.id) // inactive people do not block a close
    const form = { ...(await formOf(person.id, open.id)), name: 'Nama Baru Pegawai' }
    await expect(updateUser(person.id, form, c)).resolves.toEqual({ id: person.id })
    expect(await refusal(setActive(person.id, true, c))).toMatchObject({
      code: 'user.unitClosed',
      status: 409,
    })
    expect((await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).active).toBe(false)
  })

  it('a close racing a move leaves no active person in the closed unit', async () => {
    for (let i = 0; i < 5; i++) {
      const { c, open } = await units()
      const home = await prisma.unit.findUniqueOrThrow({ where: { code: 'BPKAD.AKT' } })
      const person = await createTestUser({ unitCode: home.code })
      const [moved, closing] = await Promise.allSettled([
        updateUser(person.id, await formOf(person.id, open.id), c),
        closeUnit(c, open.id),
      ])
      const unit = await prisma.unit.findUniqueOrThrow({ where: { id: open.id } })
      const inside = await prisma.user.count({ where: { unitId: open.id, active: true } })
      // Exactly one of the two wins.
      if (unit.closedAt) {
        expect(inside).toBe(0)
        expect(moved.status).toBe('rejected')
        expect((moved as PromiseRejectedResult).reason).toMatchObject({ code: 'user.unitClosed' })
      } else {
        expect(inside).toBe(1)
        expect(closing.status).toBe('rejected')
        expect((closing as PromiseRejectedResult).reason).toBeInstanceOf(UnitChangeError)
      }
    }
  })

  it('has the messages in both languages', () => {
    const codes = (lng: 'id' | 'en') =>
      (resources[lng].common as { errors: { codes: { user: Record<string, string> } } }).errors
        .codes.user
    for (const key of ['unitClosed', 'importUnitClosed']) {
      expect(codes('id')[key]).toMatch(/ditutup/)
      expect(codes('en')[key]).toMatch(/closed/)
    }
  })
})

describe('bulk import and a closed unit', () => {
  async function importFile(unitCode: string, nips: string[]) {
    const admin = await createTestUser({ roles: ['ADMIN'] })
    const jabatan = await prisma.jabatan.findFirstOrThrow({ where: { kind: 'JPT_PRATAMA' } })
    const csv = [
      'NIP;nama;email;PNS/PPPK;jabatan;kode unit;NIP atasan',
      ...nips.map(
        (n) =>
          `${n};Pegawai Impor ${n.slice(-4)};impor.${n}@uji.go.id;PNS;${jabatan.code};${unitCode};`,
      ),
    ].join('\n')
    const id = await createImport(admin.id, { name: 'tutup.csv', bytes: Buffer.from(csv) })
    await validateImport(id)
    return id
  }

  it('lists a row for a closed unit as invalid and writes nothing', async () => {
    const { closed } = await units()
    const [n1] = [uniqueNip()]
    const id = await importFile(closed.code, [n1!])
    const imp = await prisma.asnImport.findUniqueOrThrow({
      where: { id },
      omit: { content: true },
    })
    expect(imp).toMatchObject({ status: 'VALIDATED', valid: 0, invalid: 1 })
    const row = await prisma.asnImportRow.findFirstOrThrow({ where: { importId: id } })
    expect(row.errors).toEqual(['asnImport.row.unitClosed'])
    expect(row.problems).toEqual([
      { code: 'asnImport.row.unitClosed', params: { code: closed.code } },
    ])
    expect(await startApply(id, 'ALL')).toMatchObject({ ok: false })
    expect(await prisma.user.count({ where: { nip: n1! } })).toBe(0)
  })

  it('a unit closed between validation and apply: its rows become invalid, nothing is written', async () => {
    const { c, open } = await units()
    const nips = [uniqueNip(), uniqueNip(), uniqueNip()]
    const id = await importFile(open.code, nips)
    expect(
      await prisma.asnImport.findUniqueOrThrow({ where: { id }, omit: { content: true } }),
    ).toMatchObject({ status: 'VALIDATED', valid: 3, invalid: 0 })
    await closeUnit(c, open.id)
    expect(await startApply(id, 'ALL')).toEqual({ ok: true })
    expect(await applyImport(id)).toEqual({ created: 0, updated: 0, refused: 3 })
    expect(await prisma.user.count({ where: { nip: { in: nips } } })).toBe(0)
    const imp = await prisma.asnImport.findUniqueOrThrow({
      where: { id },
      omit: { content: true },
    })
    expect(imp).toMatchObject({
      status: 'VALIDATED',
      valid: 0,
      invalid: 3,
      error: 'user.importUnitClosed',
    })
    const rows = await prisma.asnImportRow.findMany({ where: { importId: id } })
    for (const r of rows) {
      expect(r.errors).toEqual(['asnImport.row.unitClosed'])
      expect(r.problems).toEqual([
        { code: 'asnImport.row.unitClosed', params: { code: open.code } },
      ])
    }
    // Nothing valid is left to import.
    expect(await startApply(id, 'VALID_ONLY')).toMatchObject({ ok: false })
  })
})
