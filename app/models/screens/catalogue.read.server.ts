// Read-model for the catalogue screen's filters (kept out of the route: routes never query).
import { Prisma } from '~/generated/prisma/client'
import { sql } from '~/utils/db.server'

/**
 * Competencies that at least one course develops, for the catalogue's competency filter. Read on
 * every catalogue request: one prepared statement through `sql` instead of an ORM query
 * (decision 073's per-query cost; decision 119).
 */
export function catalogueCompetencies() {
  return sql<{ code: string; name: string }>(
    Prisma.sql`
    SELECT k.code, k.name FROM "Competency" k
    WHERE EXISTS (SELECT 1 FROM "CourseCompetency" cc WHERE cc."competencyId" = k.id)
    ORDER BY k.code`,
    { prepare: true },
  )
}
