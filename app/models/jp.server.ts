// The JP (jam pelajaran) ledger. The rules (targets, the year, the PPPK cap) are in app/domain/jp.ts.
import { prisma } from '~/utils/db.server'

export { JP_TARGET_PNS, JP_MAX_PPPK, jpTarget, countedJp, jpYear } from '~/domain/jp'

/** JP recorded for the user in a Jakarta calendar year (every credit, before any cap). */
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
