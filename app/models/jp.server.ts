// The JP (jam pelajaran) ledger. PNS have the right to at least 20 JP a year; PPPK at most 24.
import type { EmployeeKind } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'

export const JP_TARGET_PNS = 20
export const JP_MAX_PPPK = 24

/** The yearly figure the learner's progress is measured against. */
export function jpTarget(kind: EmployeeKind) {
  return kind === 'PPPK' ? JP_MAX_PPPK : JP_TARGET_PNS
}

export async function jpForYear(userId: string, year: number) {
  const r = await prisma.jpCredit.aggregate({ where: { userId, year }, _sum: { jp: true } })
  return r._sum.jp ?? 0
}

export function jpLedger(userId: string, year: number) {
  return prisma.jpCredit.findMany({
    where: { userId, year },
    orderBy: { createdAt: 'asc' },
    select: { id: true, jp: true, title: true, sourceType: true, createdAt: true },
  })
}
