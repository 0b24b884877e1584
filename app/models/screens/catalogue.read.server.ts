// Read-model for the catalogue screen's filters (kept out of the route: routes never query).
import { prisma } from '~/utils/db.server'

/** Competencies that at least one course develops, for the catalogue's competency filter. */
export function catalogueCompetencies() {
  return prisma.competency.findMany({
    where: { courses: { some: {} } },
    select: { code: true, name: true },
    orderBy: { code: 'asc' },
  })
}
