// Organisation tree and the supervisor's scope: the people in their unit subtree plus their
// direct reports. Admins see everyone.
import { prisma } from '~/utils/db.server'

// The supervisor scope lives in ./scope.server.ts (one definition for every reader).
export { canSupervise, supervisedUsersWhere, type Viewer } from './scope.server'

export type UnitNode = {
  id: string
  code: string
  name: string
  kind: string
  /** Active people in the unit and every unit below it. */
  userCount: number
  /** Active people directly in the unit. */
  ownCount: number
  children: UnitNode[]
}

/** The whole tree with head counts, built from one query. */
export async function unitTree(): Promise<UnitNode[]> {
  const [units, counts] = await Promise.all([
    prisma.unit.findMany({
      select: { id: true, code: true, name: true, kind: true, parentId: true },
      orderBy: { code: 'asc' },
    }),
    prisma.user.groupBy({ by: ['unitId'], _count: { _all: true }, where: { active: true } }),
  ])
  const countBy = new Map(counts.map((c) => [c.unitId, c._count._all]))
  const nodes = new Map<string, UnitNode & { parentId: string | null }>()
  for (const u of units) {
    const own = countBy.get(u.id) ?? 0
    nodes.set(u.id, { ...u, userCount: own, ownCount: own, children: [] })
  }
  const roots: UnitNode[] = []
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined
    if (parent) parent.children.push(n)
    else roots.push(n)
  }
  // Head counts per subtree (BPKAD counts the people of its bidang).
  const total = (n: UnitNode): number =>
    (n.userCount = n.ownCount + n.children.reduce((s, c) => s + total(c), 0))
  roots.forEach(total)
  return roots
}

export async function unitOptions() {
  return prisma.unit.findMany({
    select: { id: true, name: true, depth: true, path: true },
    orderBy: { path: 'asc' },
  })
}

export async function jabatanOptions() {
  return prisma.jabatan.findMany({
    select: { id: true, name: true, kind: true },
    orderBy: { name: 'asc' },
  })
}
