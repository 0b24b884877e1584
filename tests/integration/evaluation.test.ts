// Kirkpatrick evaluation (issue 14, items 4-5): a scripted cohort of learners and their supervisor
// fills L1 (survey at completion), L2 (pre-test = first attempt, post-test = last one) and L3 (the
// supervisor's check, asked by the scheduled sweep once the delay has passed); the course report
// shows the three levels without saying who answered; the revision loop flags and clears.
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { completeEnrolmentJob } from '~/jobs/complete-enrolment.server'
import { evaluationL3SweepJob } from '~/jobs/evaluation.server'
import { auditTrail } from '~/models/audit.server'
import {
  answerL3,
  askDueL3,
  inviteToSurvey,
  l3Inbox,
  saveEvalSettings,
  submitSurvey,
  surveyForLearner,
} from '~/models/evaluation.server'
import { MIN_REPORT_GROUP } from '~/domain/evaluation'
import {
  courseReport,
  courseReportRows,
  markRevisionDone,
  opdReport,
  revisionReport,
} from '~/models/evaluation-report.server'
import { prisma } from '~/utils/db.server'
import { AppError } from '~/utils/errors'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'
import { COURSE, finishLessons, takeQuiz } from '../support/learning'

afterAll(async () => {
  await closeQueues()
  redis().disconnect()
})

const DAY = 24 * 3600 * 1000
const viewer = (u: Awaited<ReturnType<typeof createTestUser>>) => ({
  id: u.id,
  roles: u.roles,
  unit: u.unit,
})

async function code(p: Promise<unknown>) {
  try {
    await p
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.code}`
    throw e
  }
  return 'ok'
}

/** A learner who fails the quiz first (pre-test), then studies and passes it (post-test). */
async function cohortLearner(supervisorId: string, unitCode?: string) {
  const user = await createTestUser({ supervisorId, unitCode })
  await finishLessons(user.id)
  await takeQuiz(user.id, false)
  await takeQuiz(user.id, true)
  const e = await prisma.enrolment.findFirstOrThrow({
    where: { userId: user.id, course: { slug: COURSE } },
    select: { id: true },
  })
  await completeEnrolmentJob.handler({ enrolmentId: e.id })
  const done = await prisma.enrolment.findUniqueOrThrow({ where: { id: e.id } })
  expect(done.status).toBe('COMPLETED')
  return { user, enrolmentId: e.id, completedAt: done.completedAt! }
}

const answers = (v: number) => ({ d1: v, d2: v, d3: v, d4: v, d5: v })

/** A fresh unit under the root (its OPD report holds only the learners put in it). */
async function freshUnit() {
  const tag = randomUUID().slice(0, 8)
  const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } })
  const id = `u${tag}ev`
  return prisma.unit.create({
    data: {
      id,
      code: `T${tag}.EV`,
      name: `Unit evaluasi ${tag}`,
      kind: 'BIDANG',
      parentId: root.id,
      path: `${root.path}${id}/`,
      depth: root.depth + 1,
    },
  })
}

describe('a scripted cohort fills L1, L2 and L3, and the course report shows them', () => {
  it('runs end to end', async () => {
    const unit = await freshUnit()
    const supervisor = await createTestUser({ roles: ['ASN', 'SUPERVISOR'], unitCode: unit.code })
    const admin = await createTestUser({ roles: ['ADMIN'] })
    const cohort = []
    for (let i = 0; i < MIN_REPORT_GROUP; i++)
      cohort.push(await cohortLearner(supervisor.id, unit.code))

    // L1: the completion recorded the survey invitation; the job writes one notification.
    for (const c of cohort) {
      expect(
        await prisma.outboxMessage.count({
          where: {
            jobName: 'evaluationSurveyInvite',
            payload: { equals: { enrolmentId: c.enrolmentId } },
          },
        }),
      ).toBe(1)
      await inviteToSurvey(c.enrolmentId)
      await inviteToSurvey(c.enrolmentId)
      const notes = await prisma.notification.findMany({
        where: { userId: c.user.id, kind: 'EVAL_SURVEY' },
      })
      expect(notes).toHaveLength(1)
      expect(notes[0]!.link).toBe(`/evaluasi/survei/${COURSE}`)
      expect((await surveyForLearner(c.user.id, COURSE)).state).toBe('open')
    }
    const at = new Date()
    await submitSurvey(
      cohort[0]!.user.id,
      COURSE,
      { values: answers(2), comment: 'Terlalu cepat' },
      at,
    )
    // Two submissions at once record one response; the other is a 409.
    const both = await Promise.all([
      code(submitSurvey(cohort[1]!.user.id, COURSE, { values: answers(3), comment: '' }, at)),
      code(submitSurvey(cohort[1]!.user.id, COURSE, { values: answers(3), comment: '' }, at)),
    ])
    expect(both.sort()).toEqual(['409 evaluation.alreadyAnswered', 'ok'])
    await submitSurvey(
      cohort[2]!.user.id,
      COURSE,
      { values: { ...answers(1), d5: 4 }, comment: 'Contoh kurang' },
      at,
    )
    await submitSurvey(cohort[3]!.user.id, COURSE, { values: answers(4), comment: '' }, at)
    expect((await surveyForLearner(cohort[0]!.user.id, COURSE)).state).toBe('answered')

    // Anonymity minimum (decision 063): 4 responses (one below it) show their count and nothing
    // of what was answered, on the course report, its export and the OPD report.
    const small = await courseReport(viewer(supervisor), COURSE)
    expect(small.l1).toEqual({ n: 4, hidden: true, mean: null, items: [], comments: [] })
    expect(JSON.stringify(small)).not.toContain('Terlalu cepat')
    expect(courseReportRows(small).filter((r) => r.level === 'L1')).toEqual([
      {
        level: 'L1',
        measure: 'mean',
        subject: '(all items)',
        n: 4,
        value: null,
        hidden: true,
      },
    ])
    const opdRow = async () =>
      (await opdReport(viewer(admin), unit.id)).rows.find((r) => r.course.slug === COURSE)!.l1
    expect(await opdRow()).toEqual({ n: 4, mean: null, hidden: true })
    // The fifth response: shown.
    await submitSurvey(cohort[4]!.user.id, COURSE, { values: answers(5), comment: 'Jelas' }, at)
    expect(await opdRow()).toEqual({ n: 5, mean: 78 / 25, hidden: false })

    // L3: not asked a millisecond before the delay, asked at it, once, even when run twice at once.
    const last = Math.max(...cohort.map((c) => c.completedAt.getTime()))
    const first = Math.min(...cohort.map((c) => c.completedAt.getTime()))
    await askDueL3(new Date(first + 42 * DAY - 1), { delayDays: 42 })
    expect(await prisma.evalL3Request.count({ where: { supervisorId: supervisor.id } })).toBe(0)
    const runs = await Promise.all([
      askDueL3(new Date(last + 42 * DAY), { delayDays: 42 }),
      askDueL3(new Date(last + 42 * DAY), { delayDays: 42 }),
    ])
    const mine = await prisma.evalL3Request.findMany({ where: { supervisorId: supervisor.id } })
    expect(mine).toHaveLength(5)
    expect(runs[0]! + runs[1]!).toBeGreaterThanOrEqual(5)
    expect(await askDueL3(new Date(last + 43 * DAY), { delayDays: 42 })).toBe(0)
    expect(
      await prisma.notification.count({ where: { userId: supervisor.id, kind: 'EVAL_L3' } }),
    ).toBe(5)
    const inbox = await l3Inbox(supervisor.id)
    expect(inbox.map((r) => r.learner.id).sort()).toEqual(cohort.map((c) => c.user.id).sort())

    // Only the supervisor asked may answer; once.
    const stranger = await createTestUser({ roles: ['ASN', 'SUPERVISOR'] })
    const req = inbox[0]!
    expect(
      await code(answerL3(stranger.id, req.id, { applied: 4, changed: true, example: '' }, at)),
    ).toBe('404 notFound')
    expect(
      await code(answerL3(supervisor.id, req.id, { applied: 9, changed: true, example: '' }, at)),
    ).toBe('400 evaluation.appliedMissing')
    await answerL3(
      supervisor.id,
      req.id,
      { applied: 4, changed: true, example: 'Sudah pakai MFA' },
      at,
    )
    expect(
      await code(answerL3(supervisor.id, req.id, { applied: 5, changed: true, example: '' }, at)),
    ).toBe('409 evaluation.alreadyAnswered')
    await answerL3(supervisor.id, inbox[1]!.id, { applied: 2, changed: false, example: '' }, at)

    // The report: L1, L2 and L3 of this cohort (the supervisor's scope is exactly the cohort).
    const report = await courseReport(viewer(supervisor), COURSE)
    expect(report.scoped).toBe(true)
    expect(report.l1.n).toBe(5)
    expect(report.l1.hidden).toBe(false)
    expect(report.l1.mean).toBeCloseTo((5 * 2 + 5 * 3 + 4 * 1 + 4 + 5 * 4 + 5 * 5) / 25, 5)
    expect(report.l1.items).toHaveLength(5)
    const d5 = report.l1.items.find((i) => i.key === 'd5')!
    expect(d5.summary.counts).toEqual([0, 1, 1, 2, 1])
    expect(report.l1.comments).toEqual(['Contoh kurang', 'Jelas', 'Terlalu cepat'])
    expect(report.l2.overall.n).toBe(5)
    expect(report.l2.overall.preMean).toBe(0)
    expect(report.l2.overall.postMean).toBe(100)
    expect(report.l2.overall.gain).toBe(100)
    expect(report.l2.competencies.length).toBeGreaterThan(0)
    for (const c of report.l2.competencies) expect(c.summary.gain).toBe(100)
    expect(report.l3).toMatchObject({ asked: 5, answered: 2, changedYes: 1, changedNo: 1 })
    expect(report.l3.applied.mean).toBe(3)
    expect(report.l3.examples).toEqual(['Sudah pakai MFA'])
    // Anonymous: nothing in the report names or points at a learner.
    const text = JSON.stringify(report)
    for (const c of cohort) {
      expect(text).not.toContain(c.user.id)
      expect(text).not.toContain(c.user.name)
      expect(text).not.toContain(c.user.nip)
      expect(text).not.toContain(c.enrolmentId)
    }
    const rows = courseReportRows(report)
    expect(
      rows.find((r) => r.level === 'L2' && r.measure === 'gain' && r.subject === '(course)'),
    ).toMatchObject({
      n: 5,
      value: 100,
    })
    expect(rows.find((r) => r.level === 'L1')).toMatchObject({ n: 5, value: 3.12, hidden: false })
    expect(rows.find((r) => r.level === 'L3' && r.measure === 'answered')!.value).toBe(2)

    // Another supervisor's scope holds none of these learners.
    const other = await courseReport(viewer(stranger), COURSE)
    expect(other.l1.n).toBe(0)
    expect(other.l3.asked).toBe(0)
  })
})

describe('access and validation', () => {
  it('refuses reports to a learner, settings to a non-instructor, incomplete or out-of-range answers', async () => {
    const learner = await createTestUser()
    expect(await code(courseReport(viewer(learner), COURSE))).toBe('403 forbidden')
    expect(await code(opdReport(viewer(learner)))).toBe('403 forbidden')
    expect(
      await code(
        saveEvalSettings(
          { id: learner.id, roles: learner.roles },
          COURSE,
          { items: '', preQuizId: '', postQuizId: '', regulationRef: '', regulationDate: '' },
          new Date(),
        ),
      ),
    ).toBe('403 forbidden')
    // Not completed: no survey.
    await finishLessons(learner.id)
    expect(
      await code(submitSurvey(learner.id, COURSE, { values: answers(3), comment: '' }, new Date())),
    ).toBe('409 evaluation.notCompleted')
    const done = await cohortLearner(learner.id)
    expect(
      await code(
        submitSurvey(
          done.user.id,
          COURSE,
          { values: { ...answers(3), d5: 6 }, comment: '' },
          new Date(),
        ),
      ),
    ).toBe('400 evaluation.itemMissing')
    expect(
      await code(
        submitSurvey(done.user.id, COURSE, { values: { d1: 3 }, comment: '' }, new Date()),
      ),
    ).toBe('400 evaluation.itemMissing')
    expect(
      await prisma.evalSurveyResponse.count({ where: { enrolmentId: done.enrolmentId } }),
    ).toBe(0)
  })

  it('uses the items an instructor configured, and the report keeps the text each was asked with', async () => {
    const admin = await createTestUser({ roles: ['ADMIN'] })
    const actor = { id: admin.id, roles: admin.roles }
    expect(
      await code(
        saveEvalSettings(
          actor,
          COURSE,
          {
            items: 'Sama\nsama',
            preQuizId: '',
            postQuizId: '',
            regulationRef: '',
            regulationDate: '',
          },
          new Date(),
        ),
      ),
    ).toBe('400 evaluation.items.duplicate')
    await saveEvalSettings(
      actor,
      COURSE,
      {
        items: 'Materi bermanfaat\n\nPengajar jelas',
        preQuizId: '',
        postQuizId: '',
        regulationRef: 'UU 27/2022',
        regulationDate: '2022-10-17',
      },
      new Date(),
    )
    const sup = await createTestUser({ roles: ['ASN', 'SUPERVISOR'] })
    const group = []
    for (let i = 0; i < MIN_REPORT_GROUP; i++) group.push(await cohortLearner(sup.id))
    const l = group[0]!
    const s = await surveyForLearner(l.user.id, COURSE)
    expect(s.items.map((i) => i.text)).toEqual(['Materi bermanfaat', 'Pengajar jelas'])
    expect(
      await code(submitSurvey(l.user.id, COURSE, { values: answers(4), comment: '' }, new Date())),
    ).toBe('400 evaluation.itemMissing')
    for (const g of group)
      await submitSurvey(g.user.id, COURSE, { values: { i1: 5, i2: 4 }, comment: '' }, new Date())
    const report = await courseReport(viewer(sup), COURSE)
    expect(report.l1.items.map((i) => [i.text, i.summary.mean])).toEqual([
      ['Materi bermanfaat', 5],
      ['Pengajar jelas', 4],
    ])
    expect(
      (await auditTrail('Course', s.course.id)).some((a) => a.action === 'evaluation.settings'),
    ).toBe(true)
    // Back to the default set for the other tests.
    await saveEvalSettings(
      actor,
      COURSE,
      { items: '', preQuizId: '', postQuizId: '', regulationRef: '', regulationDate: '' },
      new Date(),
    )
  })

  it('the scheduled sweep asks only learners with a supervisor, and the job reruns harmlessly', async () => {
    const loner = await createTestUser()
    await finishLessons(loner.id)
    await takeQuiz(loner.id, true)
    const e = await prisma.enrolment.findFirstOrThrow({ where: { userId: loner.id } })
    await completeEnrolmentJob.handler({ enrolmentId: e.id })
    await askDueL3(new Date(Date.now() + 400 * DAY), { delayDays: 42 })
    expect(await prisma.evalL3Request.count({ where: { enrolmentId: e.id } })).toBe(0)
    // The job with the configured delay (42 days by default): nothing of today's is due yet.
    const before = await prisma.evalL3Request.count()
    await evaluationL3SweepJob.handler({})
    expect(await prisma.evalL3Request.count()).toBe(before)
  })
})

describe('revision loop', () => {
  it('flags low reaction and an aged regulation, and a revision marked done clears them (audited)', async () => {
    const admin = await createTestUser({ roles: ['ADMIN'] })
    const actor = { id: admin.id, roles: admin.roles }
    const sup = await createTestUser({ roles: ['ASN', 'SUPERVISOR'] })
    for (let i = 0; i < MIN_REPORT_GROUP; i++) {
      const l = await cohortLearner(sup.id)
      await submitSurvey(l.user.id, COURSE, { values: answers(1), comment: '' }, new Date())
    }
    await saveEvalSettings(
      actor,
      COURSE,
      {
        items: '',
        preQuizId: '',
        postQuizId: '',
        regulationRef: 'PP 12/2019',
        regulationDate: '2019-03-01',
      },
      new Date(),
    )
    const now = new Date()
    const row = (await revisionReport(now)).find((r) => r.course.slug === COURSE)!
    // (Item analysis may flag questions of the shared test course too; that signal is not cleared by
    // a revision, it follows the questions.)
    const kinds = (r: typeof row) =>
      r.signals.map((s) => s.kind).filter((k) => k !== 'flaggedQuestions')
    expect(kinds(row).sort()).toEqual(['lowReaction', 'outdatedRegulation'])
    // Exactly five years: flagged; a day less: not.
    const atLimit = (await revisionReport(new Date('2024-03-01T00:00:00Z'))).find(
      (r) => r.course.slug === COURSE,
    )!
    expect(atLimit.signals.some((s) => s.kind === 'outdatedRegulation')).toBe(true)
    const dayBefore = (await revisionReport(new Date('2024-02-29T00:00:00Z'))).find(
      (r) => r.course.slug === COURSE,
    )!
    expect(dayBefore.signals.some((s) => s.kind === 'outdatedRegulation')).toBe(false)

    const learner = await createTestUser()
    expect(
      await code(
        markRevisionDone({ id: learner.id, roles: learner.roles }, row.course.id, 'x', now),
      ),
    ).toBe('403 forbidden')
    const rev = await markRevisionDone(actor, row.course.id, 'Materi diperbarui', now)
    const trail = await auditTrail('Course', row.course.id)
    expect(trail.some((a) => a.action === 'course.revisionDone' && a.actorId === admin.id)).toBe(
      true,
    )
    const after = (await revisionReport(new Date(now.getTime() + 1000))).find(
      (r) => r.course.slug === COURSE,
    )!
    expect(kinds(after)).toEqual([])
    expect(after.lastRevision?.note).toBe('Materi diperbarui')
    const stored = (await prisma.evalRevision.findUniqueOrThrow({ where: { id: rev.id } }))
      .signals as { kind: string }[]
    expect(stored.filter((s) => s.kind !== 'flaggedQuestions')).toHaveLength(2)
  })
})
