// Issue 13, done when: a program composed from measured needs assigns a target group of thousands
// in the background, reminders arrive in the local SMTP server, and the program's progress
// changes as people finish. Everything runs through the real workers (relay, programAssign,
// notify, sendMail) and a real SMTP server (tests/support/smtp.ts).
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { startTestSmtp } from '../support/smtp'

const { inbox, close: closeSmtp } = await startTestSmtp()

const { prisma } = await import('~/utils/db.server')
const { runReminders, DUE_SOON_DAYS } = await import('~/models/reminder.server')
const { refreshDashboard } = await import('~/models/supervision.server')
const program = await import('~/models/program.server')
const { workersForSuite } = await import('../support/worker-suite')
const { createTestUser } = await import('../support/factories')
const { waitFor } = await import('../support/wait')

const DAY = 24 * 3600 * 1000
const N = 3_000
workersForSuite(['programAssign', 'notify', 'sendMail'], closeSmtp)

const mailsTo = (email: string, subject: RegExp) =>
  inbox.filter((m) => m.to.includes(email) && subject.test(m.raw))

describe('program from needs to finishers', () => {
  it(
    'assigns thousands in the background, reminds by e-mail, tracks who finished',
    { timeout: 300_000 },
    async () => {
      const tag = randomUUID().slice(0, 8)
      const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } })
      const scope = await prisma.unit.create({
        data: {
          id: `pf${tag}`,
          code: `PF${tag}`,
          name: `OPD Uji ${tag}`,
          kind: 'OPD',
          parentId: root.id,
          path: `${root.path}pf${tag}/`,
          depth: root.depth + 1,
        },
      })
      const unit = await prisma.unit.create({
        data: {
          id: `pf${tag}b`,
          code: `PF${tag}.B`,
          name: `Bidang Uji ${tag}`,
          kind: 'BIDANG',
          parentId: scope.id,
          path: `${scope.path}pf${tag}b/`,
          depth: scope.depth + 1,
        },
      })
      // A published course and the competency it develops; a jabatan whose standard needs it.
      const cc = await prisma.courseCompetency.findFirstOrThrow({
        where: { course: { status: 'PUBLISHED', currentVersionId: { not: null } } },
        select: { courseId: true, competencyId: true, course: { select: { title: true } } },
      })
      const jabatan = await prisma.jabatan.create({
        data: {
          code: `JPF${tag}`,
          name: `Analis Uji ${tag}`,
          kind: 'PELAKSANA',
          standards: { create: [{ competencyId: cc.competencyId, requiredLevel: 3 }] },
        },
      })
      // N people: every third at the standard, the others measured one level below.
      await prisma.$executeRaw`
        INSERT INTO "User" (id, nip, name, email, "unitId", "jabatanId", "updatedAt")
        SELECT ${tag} || '-' || g, ${tag} || lpad(g::text, 10, '0'), 'Peserta ' || g,
               ${tag} || '-' || g || '@program.uji.go.id', ${unit.id}, ${jabatan.id}, now()
        FROM generate_series(1, ${N}::int) g`
      await prisma.$executeRaw`
        INSERT INTO "CompetencyRating" ("userId", "competencyId", level, "ratedAt", provenance)
        SELECT ${tag} || '-' || g, ${cc.competencyId}, CASE WHEN g % 3 = 0 THEN 3 ELSE 2 END, now(), '{}'::jsonb
        FROM generate_series(1, ${N}::int) g`
      const withGap = N - N / 3
      // Ten of them keep reminder e-mails on; everyone else switched them off.
      const mailed = [1, 2, 4, 5, 7, 8, 10, 11, 13, 14].map((g) => `${tag}-${g}`)
      await prisma.$executeRaw`
        INSERT INTO "NotificationPreference" ("userId", kind, email, "updatedAt")
        SELECT u.id, k, false, now() FROM "User" u, unnest(ARRAY['DUE_SOON', 'OVERDUE']) k
        WHERE u."unitId" = ${unit.id} AND NOT (u.id = ANY(${mailed}::text[]))`
      const emailOf = (id: string) => `${id}@program.uji.go.id`

      // The measured needs of the scope (from the workers' aggregates).
      const admin = await prisma.user.findUniqueOrThrow({
        where: { id: (await createTestUser({ roles: ['ADMIN'] })).id },
        select: { id: true, roles: true, unit: { select: { path: true } } },
      })
      await refreshDashboard()
      const year = new Date().getUTCFullYear()
      const needs = await program.needsAnalysis(admin, scope.id, year)
      const need = needs.needs.find((n) => n.competencyId === cc.competencyId)!
      expect(need).toMatchObject({ people: N, below: withGap, gapSum: withGap })
      expect(need.byUnit).toEqual([
        { unitId: unit.id, name: unit.name, people: N, below: withGap, gapSum: withGap },
      ])
      expect(need.courses.map((c) => c.id)).toContain(cc.courseId)

      // Compose: the suggested course for everyone below the standard in that competency.
      const p = await program.createProgram(admin, {
        name: `AKPK ${tag}`,
        year,
        scopeUnitId: scope.id,
      })
      const now = new Date()
      const due = new Date(now.getTime() + 20 * DAY)
      const item = await program.addProgramItem(admin, p.id, {
        courseId: cc.courseId,
        competencyId: need.competencyId,
        targetUnitId: scope.id,
        targetJabatanId: null,
        onlyWithGap: true,
        method: 'ELEARNING',
        provider: 'BPSDM Provinsi Jambi',
        startsOn: now,
        endsOn: due,
        dueAt: due,
        jp: 10,
        budget: 50_000_000,
        fundingSource: 'APBD',
      })
      const t0 = performance.now()
      await program.startAssignment(admin, item.id)
      // The request only recorded the job; the workers enrol the group in the background.
      expect(performance.now() - t0).toBeLessThan(2_000)
      await waitFor(
        async () =>
          (await prisma.programItem.findUniqueOrThrow({ where: { id: item.id } })).status ===
          'ASSIGNED',
        120_000,
        'the background assignment',
      )
      const members = await prisma.programMember.count({ where: { itemId: item.id } })
      expect(members).toBe(withGap)
      expect(members).toBe(need.below)
      expect(
        await prisma.courseAssignment.count({
          where: { courseId: cc.courseId, userId: { startsWith: `${tag}-` }, dueAt: due },
        }),
      ).toBe(withGap)
      const reminders = async (kind: string) =>
        (
          await prisma.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM "AssignmentReminder" r
            JOIN "CourseAssignment" a ON a.id = r."assignmentId"
            WHERE r.kind = ${kind} AND a."userId" LIKE ${`${tag}-%`}`
        )[0]!.n
      const progress = async () => (await program.itemProgress(p.id)).get(item.id)!
      expect(await progress()).toMatchObject({ members: withGap, enrolled: withGap, completed: 0 })

      // Three days before the due date: a reminder each, by e-mail for those who keep it on.
      const soon = new Date(due.getTime() - (DUE_SOON_DAYS - 1) * DAY)
      await runReminders(soon)
      expect(await reminders('DUE_SOON')).toBe(withGap)
      for (const id of mailed)
        await waitFor(
          async () => mailsTo(emailOf(id), /Tenggat mendekat/).length > 0,
          180_000,
          `the due-soon mail of ${id}`,
        )

      // Three of the mailed people finish: the program's progress moves.
      const finishers = mailed.slice(0, 3)
      await prisma.enrolment.updateMany({
        where: { courseId: cc.courseId, userId: { in: finishers } },
        data: { status: 'COMPLETED', completedAt: new Date() },
      })
      expect(await progress()).toMatchObject({ completed: 3, jpEarned: 30 })

      // The due day over in Jakarta (a day after the due instant is always past it; decision
      // 117): an overdue reminder for everyone still not finished, none for them.
      await runReminders(new Date(due.getTime() + DAY))
      expect(await reminders('OVERDUE')).toBe(withGap - 3)
      expect(await reminders('ASSIGNED')).toBe(0) // the program notified them when it assigned
      for (const id of mailed.slice(3))
        await waitFor(
          async () => mailsTo(emailOf(id), /Tenggat terlewat/).length > 0,
          180_000,
          `the overdue mail of ${id}`,
        )
      await new Promise((r) => setTimeout(r, 1_000))
      for (const id of mailed) {
        expect(mailsTo(emailOf(id), /Tenggat mendekat/)).toHaveLength(1)
        expect(mailsTo(emailOf(id), /Tenggat terlewat/)).toHaveLength(
          finishers.includes(id) ? 0 : 1,
        )
      }
      // Nobody who switched the reminders off got a mail.
      expect(inbox.filter((m) => m.to.includes(emailOf(`${tag}-16`)))).toHaveLength(0)
      expect(inbox.filter((m) => m.to.some((t) => t.endsWith('@program.uji.go.id'))).length).toBe(
        10 + 7,
      )
    },
  )
})
