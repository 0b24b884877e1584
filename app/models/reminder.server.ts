// Notices about assigned courses (CourseAssignment), derived from the assignments by the scheduled
// `reminders` job (docs/decisions/082):
// - ASSIGNED: once per assignment and due date, while it is not overdue (not for a program's
//   assignment: the program notified the person with PROGRAM_ASSIGNED when it assigned);
// - DUE_SOON: once, when the end of the due day is at most DUE_SOON_DAYS ahead, only for
//   assignments made more than DUE_SOON_DAYS before their due date (a short-notice assignment's
//   ASSIGNED says it);
// - OVERDUE: once, when the due day is over in Jakarta (app/domain/assignment.ts, decision 117).
// ASSIGNED and DUE_SOON never follow an OVERDUE of the same due date (under decision 113's rule
// the OVERDUE came at the start of the due day).
// Nothing for a course the person has completed, nor for inactive people. Each reminder row and
// its notify outbox row are written by one SQL statement; the unique (assignment, kind, due date)
// key makes every reminder happen once however often or concurrently the job runs.
import { notifyContract } from '~/jobs/contracts.server'
import { OUTBOX_TABLE, outboxSelect, relaySoon } from '~/jobs/outbox.server'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { assignmentOverdueCutoff } from '~/domain/assignment'

export const DUE_SOON_DAYS = 3
export const REMINDER_KINDS = ['ASSIGNED', 'DUE_SOON', 'OVERDUE'] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]
const BATCH = 5_000
const DAY_MS = 24 * 3600 * 1000

function condition(kind: ReminderKind, now: Date) {
  // Overdue at an instant: due before that day's start in Jakarta (the due day is over). The
  // overdue instant is at most DUE_SOON_DAYS ahead when it is overdue at now + DUE_SOON_DAYS.
  const overdueBefore = assignmentOverdueCutoff(now)
  const soonBefore = assignmentOverdueCutoff(new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS))
  const ts = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`
  // A notice of what is ahead is never sent after the OVERDUE of the same due date.
  const notOverdueYet = Prisma.sql`a."dueAt" >= ${ts(overdueBefore)} AND NOT EXISTS (
        SELECT 1 FROM "AssignmentReminder" o
        WHERE o."assignmentId" = a.id AND o.kind = 'OVERDUE' AND o."dueAt" = a."dueAt")`
  switch (kind) {
    case 'ASSIGNED':
      // A program's assignment already told the person (PROGRAM_ASSIGNED, written with it).
      return Prisma.sql`${notOverdueYet} AND NOT EXISTS (
        SELECT 1 FROM "ProgramMember" m JOIN "ProgramItem" i ON i.id = m."itemId"
        WHERE m."userId" = a."userId" AND i."courseId" = a."courseId")`
    case 'DUE_SOON':
      return Prisma.sql`${notOverdueYet} AND a."dueAt" < ${ts(soonBefore)}
        AND a."createdAt" < a."dueAt" - make_interval(days => ${DUE_SOON_DAYS})`
    case 'OVERDUE':
      return Prisma.sql`a."dueAt" < ${ts(overdueBefore)}`
  }
}

/** Records the reminders due at `now` with their notify jobs; returns how many per kind. */
export async function runReminders(now = new Date()) {
  const counts: Record<ReminderKind, number> = { ASSIGNED: 0, DUE_SOON: 0, OVERDUE: 0 }
  for (const kind of REMINDER_KINDS) {
    for (;;) {
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        WITH due AS (
          SELECT a.id, a."userId", a."dueAt" FROM "CourseAssignment" a
          JOIN "User" u ON u.id = a."userId" AND u.active
          WHERE ${condition(kind, now)}
            AND NOT EXISTS (
              SELECT 1 FROM "AssignmentReminder" r
              WHERE r."assignmentId" = a.id AND r.kind = ${kind} AND r."dueAt" = a."dueAt")
            AND NOT EXISTS (
              SELECT 1 FROM "Enrolment" e
              WHERE e."userId" = a."userId" AND e."courseId" = a."courseId"
                AND e.status = 'COMPLETED')
          ORDER BY a."dueAt"
          LIMIT ${BATCH}
        ), reminded AS (
          INSERT INTO "AssignmentReminder" (id, "assignmentId", kind, "dueAt", "createdAt")
          SELECT gen_random_uuid()::text, due.id, ${kind}, due."dueAt",
                 (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
          FROM due
          ON CONFLICT ("assignmentId", kind, "dueAt") DO NOTHING
          RETURNING id, "assignmentId"
        )
        INSERT INTO ${OUTBOX_TABLE}
        SELECT ${outboxSelect(
          notifyContract,
          Prisma.sql`jsonb_build_object('kind', ${kind}::text, 'userId', due."userId", 'subjectId', reminded.id)`,
          now.toISOString(),
        )}
        FROM reminded JOIN due ON due.id = reminded."assignmentId"
        RETURNING id`
      counts[kind] += rows.length
      relaySoon(rows.map((r) => r.id))
      if (rows.length < BATCH) break
    }
  }
  return counts
}
