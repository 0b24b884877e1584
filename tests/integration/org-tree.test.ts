// Organisation tree management (issue 13 item 3): add, rename, move, close units, with history and
// audit entries; subtree head counts; the refusals an admin sees; the page's no-JavaScript forms.
import { afterAll, describe, expect, it } from 'vitest'
import { action, loader } from '~/routes/admin.org'
import {
  closeUnit,
  createUnit,
  moveUnit,
  renameUnit,
  UnitChangeError,
  unitTree,
  type UnitNode,
} from '~/models/org.server'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'

afterAll(() => redis().disconnect())

function find(nodes: UnitNode[], code: string): UnitNode | undefined {
  for (const n of nodes) {
    if (n.code === code) return n
    const c = find(n.children, code)
    if (c) return c
  }
}

let seq = 0
function code(prefix = 'UJI') {
  return `${prefix}.${process.pid}.${Date.now() % 100000}.${++seq}`
}

async function ctx() {
  const admin = await createTestUser({ roles: ['ADMIN', 'ASN'] })
  return { actorId: admin.id, at: new Date(), ip: '10.1.1.1' }
}

async function rootId() {
  return (await prisma.unit.findFirstOrThrow({ where: { parentId: null }, select: { id: true } }))
    .id
}

async function reason(p: Promise<unknown>) {
  try {
    await p
  } catch (e) {
    if (e instanceof UnitChangeError)
      return { reason: e.reason, status: e.status, params: e.params }
    throw e
  }
  return null
}

describe('head counts', () => {
  it('BPKAD counts the people of its Bidang Akuntansi (every active person below it)', async () => {
    const akt = await prisma.unit.findUniqueOrThrow({ where: { code: 'BPKAD.AKT' } })
    const inAkt = await prisma.user.count({ where: { unitId: akt.id, active: true } })
    expect(inAkt).toBeGreaterThanOrEqual(2)
    const bpkadAll = await prisma.user.count({
      where: {
        active: true,
        unit: {
          path: {
            startsWith: (await prisma.unit.findUniqueOrThrow({ where: { code: 'BPKAD' } })).path,
          },
        },
      },
    })
    const tree = await unitTree()
    const bpkad = find(tree, 'BPKAD')!
    expect(find(tree, 'BPKAD.AKT')!.userCount).toBe(inAkt)
    expect(bpkad.userCount).toBe(bpkadAll)
    expect(bpkad.userCount).toBeGreaterThanOrEqual(inAkt)
    // An inactive person does not count.
    const gone = await createTestUser({ unitCode: 'BPKAD.AKT', active: false })
    expect(find(await unitTree(), 'BPKAD')!.userCount).toBe(bpkadAll)
    await prisma.user.update({ where: { id: gone.id }, data: { active: true } })
    expect(find(await unitTree(), 'BPKAD')!.userCount).toBe(bpkadAll + 1)
  })
})

describe('changing the tree', () => {
  it('adds, renames, moves with the whole subtree, and keeps history and audit entries', async () => {
    const c = await ctx()
    const root = await rootId()
    const a = await createUnit(c, { code: code(), name: 'Unit A', kind: 'OPD', parentId: root })
    const b = await createUnit(c, { code: code(), name: 'Unit B', kind: 'OPD', parentId: root })
    const a1 = await createUnit(c, {
      code: code(),
      name: 'Bidang A1',
      kind: 'BIDANG',
      parentId: a.id,
    })
    const a11 = await createUnit(c, {
      code: code(),
      name: 'Seksi A11',
      kind: 'SEKSI',
      parentId: a1.id,
    })
    const person = await createTestUser({ unitCode: a11.code })
    expect(a11.path).toBe(`${a1.path}${a11.id}/`)
    expect(a11.depth).toBe(a.depth + 2)

    await renameUnit(c, a1.id, 'Bidang A Satu')
    await moveUnit(c, a1.id, b.id)
    const [m1, m11] = await Promise.all([
      prisma.unit.findUniqueOrThrow({ where: { id: a1.id } }),
      prisma.unit.findUniqueOrThrow({ where: { id: a11.id } }),
    ])
    expect(m1.parentId).toBe(b.id)
    expect(m1.name).toBe('Bidang A Satu')
    expect(m1.path).toBe(`${b.path}${a1.id}/`)
    expect(m11.path).toBe(`${b.path}${a1.id}/${a11.id}/`)
    expect(m11.depth).toBe(b.depth + 2)
    // The person moved with the subtree: counted under B now, not under A.
    const tree = await unitTree()
    expect(find(tree, b.code)!.userCount).toBe(1)
    expect(find(tree, a.code)!.userCount).toBe(0)
    expect(
      await prisma.user.count({ where: { id: person.id, unit: { path: { startsWith: b.path } } } }),
    ).toBe(1)

    const history = await prisma.unitHistory.findMany({
      where: { unitId: a1.id },
      orderBy: { at: 'asc' },
    })
    expect(history.map((h) => h.action)).toEqual(['create', 'rename', 'move'])
    expect(history[2]!.before).toMatchObject({ parentId: a.id })
    expect(history[2]!.after).toMatchObject({ parentId: b.id })
    const audits = await prisma.auditLog.findMany({
      where: { entityType: 'Unit', entityId: a1.id },
      orderBy: { at: 'asc' },
    })
    expect(audits.map((x) => x.action)).toEqual(['unit.create', 'unit.rename', 'unit.move'])
    expect(audits.every((x) => x.actorId === c.actorId)).toBe(true)
  })

  it('refuses a duplicate code, a move into its own subtree, and bad closes, writing nothing', async () => {
    const c = await ctx()
    const root = await rootId()
    const top = await createUnit(c, {
      code: code(),
      name: 'Unit Induk',
      kind: 'OPD',
      parentId: root,
    })
    const mid = await createUnit(c, {
      code: code(),
      name: 'Bidang Tengah',
      kind: 'BIDANG',
      parentId: top.id,
    })
    const leaf = await createUnit(c, {
      code: code(),
      name: 'Seksi Bawah',
      kind: 'SEKSI',
      parentId: mid.id,
    })
    const before = await prisma.auditLog.count()

    expect(
      await reason(
        createUnit(c, { code: mid.code, name: 'Lain', kind: 'BIDANG', parentId: top.id }),
      ),
    ).toMatchObject({ reason: 'codeTaken', status: 409, params: { code: mid.code } })
    expect(await reason(moveUnit(c, top.id, leaf.id))).toMatchObject({
      reason: 'intoOwnSubtree',
      status: 409,
    })
    expect(await reason(moveUnit(c, top.id, top.id))).toMatchObject({ reason: 'intoOwnSubtree' })
    expect(await reason(moveUnit(c, leaf.id, mid.id))).toMatchObject({ reason: 'sameParent' })
    expect(await reason(moveUnit(c, root, top.id))).toMatchObject({ reason: 'rootMove' })

    // Closing: refused while someone active works there or a unit below is open.
    const worker = await createTestUser({ unitCode: leaf.code })
    expect(await reason(closeUnit(c, leaf.id))).toMatchObject({
      reason: 'hasPeople',
      params: { count: 1 },
    })
    expect(await reason(closeUnit(c, mid.id))).toMatchObject({
      reason: 'hasOpenChildren',
      params: { count: 1 },
    })
    expect(await prisma.auditLog.count()).toBe(before)
    expect((await prisma.unit.findUniqueOrThrow({ where: { id: top.id } })).path).toBe(top.path)

    // An inactive person does not keep a unit open.
    await prisma.user.update({ where: { id: worker.id }, data: { active: false } })
    await closeUnit(c, leaf.id)
    await closeUnit(c, mid.id)
    const closed = await prisma.unit.findUniqueOrThrow({ where: { id: mid.id } })
    expect(closed.closedAt).not.toBeNull()
    // A closed unit keeps its history, takes no new units and cannot be changed.
    expect(
      await reason(createUnit(c, { code: code(), name: 'Baru', kind: 'SEKSI', parentId: mid.id })),
    ).toMatchObject({ reason: 'parentClosed' })
    expect(await reason(renameUnit(c, mid.id, 'Nama Lain'))).toMatchObject({ reason: 'unitClosed' })
    expect(await reason(closeUnit(c, mid.id))).toMatchObject({ reason: 'unitClosed' })
    expect(
      (await prisma.unitHistory.findMany({ where: { unitId: mid.id } }))
        .map((h) => h.action)
        .sort(),
    ).toEqual(['close', 'create'])
  })

  it('two concurrent crossing moves cannot build a cycle', async () => {
    const c = await ctx()
    const root = await rootId()
    const x = await createUnit(c, { code: code(), name: 'Unit X', kind: 'OPD', parentId: root })
    const y = await createUnit(c, { code: code(), name: 'Unit Y', kind: 'OPD', parentId: root })
    const results = await Promise.allSettled([moveUnit(c, x.id, y.id), moveUnit(c, y.id, x.id)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect((rejected.reason as UnitChangeError).reason).toBe('intoOwnSubtree')
    const [nx, ny] = await Promise.all([
      prisma.unit.findUniqueOrThrow({ where: { id: x.id } }),
      prisma.unit.findUniqueOrThrow({ where: { id: y.id } }),
    ])
    // Exactly one is under the other, and both paths still start at the root.
    expect([nx.parentId === y.id, ny.parentId === x.id].filter(Boolean)).toHaveLength(1)
    expect(nx.path.startsWith(`/${root}/`) && ny.path.startsWith(`/${root}/`)).toBe(true)
  })
})

describe('/admin/org without JavaScript', () => {
  async function post(cookie: string, fields: Record<string, string>) {
    const res = await action({
      request: new Request('http://localhost/admin/org', {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      }),
      params: {},
      context: {},
    })
    return res as unknown as Response | { data: unknown; init: { status: number } }
  }

  it('adds a unit with a plain form post (303), and answers bad input with a 4xx and its reason', async () => {
    const admin = await createTestUser({ roles: ['ADMIN', 'ASN'] })
    const cookie = (await createSession(admin.id, {})).split(';')[0]!
    const parent = await prisma.unit.findUniqueOrThrow({ where: { code: 'BPKAD' } })
    const c = code('BPKAD')
    const ok = await post(cookie, {
      intent: 'create',
      parentId: parent.id,
      code: c.toLowerCase(),
      name: 'Bidang Aset Daerah',
      kind: 'BIDANG',
    })
    expect(ok).toBeInstanceOf(Response)
    expect((ok as Response).status).toBe(303)
    const made = await prisma.unit.findUniqueOrThrow({ where: { code: c } })
    expect((ok as Response).headers.get('Location')).toBe(`/admin/org?unit=${made.id}&done=create`)

    const dup = (await post(cookie, {
      intent: 'create',
      parentId: parent.id,
      code: c,
      name: 'Lagi',
      kind: 'BIDANG',
    })) as { data: { error: { code: string } }; init: { status: number } }
    expect(dup.init.status).toBe(409)
    expect(dup.data.error.code).toBe('orgArea.errors.codeTaken')

    const bad = (await post(cookie, {
      intent: 'create',
      parentId: parent.id,
      code: 'kode dengan spasi',
      name: 'X',
      kind: 'NEGARA',
    })) as {
      data: { result: { error: Record<string, string[]> } }
      init: { status: number }
    }
    expect(bad.init.status).toBe(400)
    // Conform's reply: the field errors as codes, rendered in the reader's language.
    expect(bad.data.result.error).toMatchObject({
      code: ['orgArea.form.codeFormat'],
      name: ['orgArea.form.nameRequired'],
      kind: ['orgArea.form.pickKind'],
    })

    // A non-admin is refused.
    const asn = await createTestUser()
    const asnCookie = (await createSession(asn.id, {})).split(';')[0]!
    await expect(
      loader({
        request: new Request('http://localhost/admin/org', { headers: { Cookie: asnCookie } }),
        params: {},
        context: {},
      }),
    ).rejects.toMatchObject({ status: 403 })
  })
})
