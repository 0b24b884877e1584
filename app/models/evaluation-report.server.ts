// Evaluation reports (Kirkpatrick L1-L3) per course and per OPD (unit subtree), their exports, and
// the revision loop (docs/decisions/061, 062). Reports aggregate: they never show who answered.
// Access: admins everything; instructors the courses they teach; supervisors the learners in
// their scope (unit subtree and direct reports).
import { Prisma } from '~/generated/prisma/client'
import {
  prePostAttempts,
  revisionSignals,
  showsGroup,
  summariseGain,
  summariseLikert,
  type GainSummary,
  type LikertSummary,
  type RevisionSignal,
  type ScorePair,
} from '~/domain/evaluation'
import { prisma } from '~/utils/db.server'
import { ForbiddenError, NotFoundError } from '~/utils/errors'
import { audit } from './audit.server'
import { teaches, type Actor } from './course-instructor.server'
import { flaggedQuestionsByCourse } from './item-analysis.server'
import { evalSettings } from './evaluation.server'
import type { Column } from './export.server'
import type { Viewer } from './org.server'
import { scopeUnit } from './scope.server'

export type ReportViewer = Actor & Viewer

/** SQL condition on `u` (the learner) and `un` (their unit) limiting rows to a scope. */
type Scope =
  | { kind: 'all' }
  | { kind: 'supervisor'; id: string; path: string | null }
  | { kind: 'unit'; path: string }

function scopeSql(s: Scope) {
  if (s.kind === 'all') return Prisma.sql`TRUE`
  if (s.kind === 'unit') return Prisma.sql`un.path LIKE ${s.path + '%'}`
  const inUnit = s.path ? Prisma.sql`un.path LIKE ${s.path + '%'}` : Prisma.sql`FALSE`
  return Prisma.sql`((${inUnit}) OR u."supervisorId" = ${s.id}) AND u.id <> ${s.id}`
}

const FROM_ENROLMENT = Prisma.sql`JOIN "Enrolment" e ON e.id = r."enrolmentId"
  JOIN "User" u ON u.id = e."userId" LEFT JOIN "Unit" un ON un.id = u."unitId"`

const EPOCH = new Date(0)
const ts = (d: Date) => Prisma.sql`(${d}::timestamptz AT TIME ZONE 'UTC')`

export interface ReactionReport {
  n: number
  /**
   * True when there are responses but fewer than MIN_REPORT_GROUP (docs/decisions/063): then
   * mean is null and items and comments are empty; nothing of the answers leaves this module.
   */
  hidden: boolean
  mean: number | null
  /** Items answered by at least MIN_REPORT_GROUP of the responses (older items may have fewer). */
  items: { key: string; text: string; summary: LikertSummary }[]
  comments: string[]
}

async function reaction(courseId: string, scope: Scope, since = EPOCH): Promise<ReactionReport> {
  const where = Prisma.sql`r."courseId" = ${courseId} AND r."submittedAt" > ${ts(since)} AND ${scopeSql(scope)}`
  const [counts, [total], comments, settings] = await Promise.all([
    prisma.$queryRaw<{ key: string; text: string; value: number; n: bigint }[]>`
      SELECT a."itemKey" AS key, min(a."itemText") AS text, a.value, count(*) AS n
      FROM "EvalSurveyAnswer" a JOIN "EvalSurveyResponse" r ON r.id = a."responseId" ${FROM_ENROLMENT}
      WHERE ${where} GROUP BY a."itemKey", a.value`,
    prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "EvalSurveyResponse" r ${FROM_ENROLMENT} WHERE ${where}`,
    // Sorted by text, not by time: the order says nothing about who wrote what when.
    prisma.$queryRaw<{ comment: string }[]>`
      SELECT r.comment FROM "EvalSurveyResponse" r ${FROM_ENROLMENT}
      WHERE ${where} AND r.comment IS NOT NULL ORDER BY r.comment LIMIT 200`,
    evalSettings(courseId),
  ])
  // Current items first (in their order), then items only older responses were asked.
  const keys = [
    ...settings.items.map((i) => i.key),
    ...[...new Set(counts.map((c) => c.key))]
      .filter((k) => !settings.items.some((i) => i.key === k))
      .sort(),
  ]
  const items = keys.flatMap((key) => {
    const rows = counts.filter((c) => c.key === key)
    if (!rows.length) return []
    const values = rows.flatMap((r) => Array<number>(Number(r.n)).fill(r.value))
    const current = settings.items.find((i) => i.key === key)
    return [{ key, text: current?.text ?? rows[0]!.text, summary: summariseLikert(values) }]
  })
  const all = summariseLikert(counts.flatMap((r) => Array<number>(Number(r.n)).fill(r.value)))
  const n = Number(total?.n ?? 0)
  // The anonymity minimum: a small group's answers are not returned at all (not just not drawn).
  if (!showsGroup(n)) return { n, hidden: n > 0, mean: null, items: [], comments: [] }
  return {
    n,
    hidden: false,
    mean: all.mean,
    items: items.filter((i) => showsGroup(i.summary.n)),
    comments: comments.map((c) => c.comment),
  }
}

export interface LearningReport {
  preQuiz: string | null
  postQuiz: string | null
  overall: GainSummary
  competencies: { id: string; name: string; summary: GainSummary }[]
}

async function learning(courseId: string, scope: Scope, since = EPOCH): Promise<LearningReport> {
  const settings = await evalSettings(courseId)
  const quizzes = await prisma.quiz.findMany({
    where: {
      id: { in: [settings.preQuizId, settings.postQuizId].filter((x): x is string => !!x) },
    },
    select: { id: true, lesson: { select: { title: true } } },
  })
  const title = (id: string | null) => quizzes.find((q) => q.id === id)?.lesson.title ?? null
  const empty: LearningReport = {
    preQuiz: title(settings.preQuizId),
    postQuiz: title(settings.postQuizId),
    overall: summariseGain([]),
    competencies: [],
  }
  if (!settings.preQuizId || !settings.postQuizId) return empty
  const attempts = await prisma.$queryRaw<
    {
      id: string
      quizId: string
      number: number
      percent: number
      enrolmentId: string
      submittedAt: Date
    }[]
  >`
    SELECT r.id, r."quizId", r.number, r.percent, r."enrolmentId", r."submittedAt"
    FROM "QuizAttempt" r ${FROM_ENROLMENT}
    WHERE e."courseId" = ${courseId} AND r."quizId" IN (${settings.preQuizId}, ${settings.postQuizId})
      AND r.status = 'GRADED' AND r.percent IS NOT NULL AND ${scopeSql(scope)}`
  const byEnrolment = new Map<string, typeof attempts>()
  for (const a of attempts)
    byEnrolment.set(a.enrolmentId, [...(byEnrolment.get(a.enrolmentId) ?? []), a])
  const pairs: { pre: (typeof attempts)[number]; post: (typeof attempts)[number] }[] = []
  for (const list of byEnrolment.values()) {
    const p = prePostAttempts(list, settings.preQuizId, settings.postQuizId)
    if (p && p.post.submittedAt > since) pairs.push(p)
  }
  if (!pairs.length) return empty
  const evidence = await prisma.evidence.findMany({
    where: { attemptId: { in: pairs.flatMap((p) => [p.pre.id, p.post.id]) } },
    select: { attemptId: true, competencyId: true, score: true, maxScore: true },
  })
  const pct = (attemptId: string, competencyId: string) => {
    const ev = evidence.find((x) => x.attemptId === attemptId && x.competencyId === competencyId)
    return ev && ev.maxScore > 0 ? (ev.score / ev.maxScore) * 100 : null
  }
  const competencyIds = [...new Set(evidence.map((x) => x.competencyId))]
  const names = await prisma.competency.findMany({
    where: { id: { in: competencyIds } },
    select: { id: true, name: true },
  })
  const competencies = competencyIds
    .map((id) => {
      // Same blueprint: a competency counts for a learner only when both tests measured it.
      const cp: ScorePair[] = pairs.flatMap((p) => {
        const pre = pct(p.pre.id, id)
        const post = pct(p.post.id, id)
        return pre === null || post === null ? [] : [{ pre, post }]
      })
      return { id, name: names.find((n) => n.id === id)?.name ?? id, summary: summariseGain(cp) }
    })
    .filter((c) => c.summary.n > 0)
    .sort((a, b) => a.name.localeCompare(b.name))
  return {
    ...empty,
    overall: summariseGain(pairs.map((p) => ({ pre: p.pre.percent, post: p.post.percent }))),
    competencies,
  }
}

export interface BehaviourReport {
  asked: number
  answered: number
  applied: LikertSummary
  changedYes: number
  changedNo: number
  examples: string[]
}

async function behaviour(courseId: string, scope: Scope, since = EPOCH): Promise<BehaviourReport> {
  const rows = await prisma.$queryRaw<
    {
      applied: number | null
      changed: boolean | null
      example: string | null
      answeredAt: Date | null
    }[]
  >`
    SELECT r.applied, r.changed, r.example, r."answeredAt" FROM "EvalL3Request" r ${FROM_ENROLMENT}
    WHERE r."courseId" = ${courseId} AND r."askedAt" > ${ts(since)} AND ${scopeSql(scope)}`
  const answered = rows.filter((r) => r.answeredAt && r.applied !== null)
  return {
    asked: rows.length,
    answered: answered.length,
    applied: summariseLikert(answered.map((r) => r.applied!)),
    changedYes: answered.filter((r) => r.changed === true).length,
    changedNo: answered.filter((r) => r.changed === false).length,
    examples: answered.flatMap((r) => (r.example ? [r.example] : [])).sort(),
  }
}

/** Which learners of a course the viewer may see in its report (403 when none). */
async function courseScope(viewer: ReportViewer, courseId: string): Promise<Scope> {
  if (viewer.roles.includes('ADMIN') || (await teaches(viewer, courseId))) return { kind: 'all' }
  if (viewer.roles.includes('SUPERVISOR'))
    return { kind: 'supervisor', id: viewer.id, path: viewer.unit?.path ?? null }
  throw new ForbiddenError('forbidden')
}

export async function courseReport(viewer: ReportViewer, slug: string) {
  const course = await prisma.course.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true },
  })
  if (!course) throw new NotFoundError('notFound')
  const scope = await courseScope(viewer, course.id)
  const [l1, l2, l3] = await Promise.all([
    reaction(course.id, scope),
    learning(course.id, scope),
    behaviour(course.id, scope),
  ])
  return { course, scoped: scope.kind !== 'all', l1, l2, l3 }
}

/** Courses the viewer may open a report of. */
export async function reportableCourses(viewer: ReportViewer) {
  const all = viewer.roles.includes('ADMIN') || viewer.roles.includes('SUPERVISOR')
  return prisma.course.findMany({
    where: all ? {} : { instructors: { some: { userId: viewer.id } } },
    orderBy: { title: 'asc' },
    select: { id: true, slug: true, title: true },
  })
}

/** Per OPD (unit subtree): one row per course with L1, L2 and L3 figures. */
export async function opdReport(viewer: ReportViewer, unitId?: string | null) {
  if (!viewer.roles.includes('ADMIN') && !viewer.roles.includes('SUPERVISOR'))
    throw new ForbiddenError('forbidden')
  const unit = await scopeUnit(viewer, unitId)
  if (!unit) throw new ForbiddenError('forbidden')
  const scope: Scope = { kind: 'unit', path: unit.path }
  const courses = await prisma.course.findMany({
    orderBy: { title: 'asc' },
    select: { id: true, slug: true, title: true },
  })
  const rows = await Promise.all(
    courses.map(async (c) => {
      const [l1, l2, l3] = await Promise.all([
        reaction(c.id, scope),
        learning(c.id, scope),
        behaviour(c.id, scope),
      ])
      return { course: c, l1: { n: l1.n, mean: l1.mean, hidden: l1.hidden }, l2: l2.overall, l3 }
    }),
  )
  const children = await prisma.unit.findMany({
    where: { parentId: unit.id },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
  return { unit, children, rows }
}

// ---------------------------------------------------------------------------------------------
// Exports: one row per measure (level, what, item or competency, n, value).

export interface ReportRow {
  level: string
  measure: string
  subject: string
  n: number
  value: number | null
  /** An L1 group below the anonymity minimum: no value, a note instead. */
  hidden?: boolean
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100)

export function courseReportRows(r: Awaited<ReturnType<typeof courseReport>>): ReportRow[] {
  const rows: ReportRow[] = [
    {
      level: 'L1',
      measure: 'mean',
      subject: '(all items)',
      n: r.l1.n,
      value: round(r.l1.mean),
      hidden: r.l1.hidden,
    },
    ...r.l1.items.map((i) => ({
      level: 'L1',
      measure: 'mean',
      subject: i.text,
      n: i.summary.n,
      value: round(i.summary.mean),
    })),
    {
      level: 'L2',
      measure: 'pre',
      subject: '(course)',
      n: r.l2.overall.n,
      value: round(r.l2.overall.preMean),
    },
    {
      level: 'L2',
      measure: 'post',
      subject: '(course)',
      n: r.l2.overall.n,
      value: round(r.l2.overall.postMean),
    },
    {
      level: 'L2',
      measure: 'gain',
      subject: '(course)',
      n: r.l2.overall.n,
      value: round(r.l2.overall.gain),
    },
    ...r.l2.competencies.map((c) => ({
      level: 'L2',
      measure: 'gain',
      subject: c.name,
      n: c.summary.n,
      value: round(c.summary.gain),
    })),
    { level: 'L3', measure: 'asked', subject: '(course)', n: r.l3.asked, value: r.l3.asked },
    {
      level: 'L3',
      measure: 'answered',
      subject: '(course)',
      n: r.l3.answered,
      value: r.l3.answered,
    },
    {
      level: 'L3',
      measure: 'applied mean',
      subject: '(course)',
      n: r.l3.answered,
      value: round(r.l3.applied.mean),
    },
    {
      level: 'L3',
      measure: 'changed (yes)',
      subject: '(course)',
      n: r.l3.answered,
      value: r.l3.changedYes,
    },
  ]
  return rows
}

/** Column headers and the note of a hidden group, in the reader's language (from the route). */
export interface ReportLabels {
  level: string
  measure: string
  subject: string
  n: string
  value: string
  note: string
  tooFew: string
}

export function reportColumns(l: ReportLabels): Column<ReportRow>[] {
  return [
    { header: l.level, value: (r) => r.level, width: 8 },
    { header: l.measure, value: (r) => r.measure, width: 16 },
    { header: l.subject, value: (r) => r.subject, width: 50 },
    { header: l.n, value: (r) => r.n, width: 8 },
    { header: l.value, value: (r) => r.value, width: 10 },
    { header: l.note, value: (r) => (r.hidden ? l.tooFew : null), width: 40 },
  ]
}

// ---------------------------------------------------------------------------------------------
// Revision loop

/** Questions of the course's quizzes flagged by item analysis (engineer "bank"). */
async function flaggedQuestions(courseId: string): Promise<number | null> {
  return (await flaggedQuestionsByCourse(courseId)).length
}

/**
 * Courses that need a revision: signals counted from data after the course's last revision
 * marked done (a revision clears its signals; new data can raise them again).
 */
export async function revisionReport(now: Date) {
  const courses = await prisma.course.findMany({
    where: { status: { not: 'ARCHIVED' } },
    orderBy: { title: 'asc' },
    select: {
      id: true,
      slug: true,
      title: true,
      evalRevisions: {
        orderBy: { doneAt: 'desc' },
        take: 1,
        select: { doneAt: true, note: true },
      },
    },
  })
  const all: Scope = { kind: 'all' }
  return Promise.all(
    courses.map(async (c) => {
      const last = c.evalRevisions[0] ?? null
      const since = last?.doneAt ?? EPOCH
      const [l1, l2, settings, flagged] = await Promise.all([
        reaction(c.id, all, since),
        learning(c.id, all, since),
        evalSettings(c.id),
        flaggedQuestions(c.id),
      ])
      const signals = revisionSignals({
        reaction: { mean: l1.mean, n: l1.n },
        gain: { gain: l2.overall.gain, n: l2.overall.n },
        flaggedQuestions: flagged,
        regulation: { ref: settings.regulationRef, date: settings.regulationDate },
        lastRevisionAt: last?.doneAt ?? null,
        now,
      })
      return { course: { id: c.id, slug: c.slug, title: c.title }, lastRevision: last, signals }
    }),
  )
}

export async function markRevisionDone(
  actor: Actor,
  courseId: string,
  note: string,
  at: Date,
  ip?: string | null,
) {
  if (!actor.roles.includes('ADMIN')) throw new ForbiddenError('forbidden')
  const course = await prisma.course.findUnique({ where: { id: courseId }, select: { id: true } })
  if (!course) throw new NotFoundError('notFound')
  const row = (await revisionReport(at)).find((r) => r.course.id === courseId)
  const signals = (row?.signals ?? []) as RevisionSignal[]
  return prisma.$transaction(async (tx) => {
    const rev = await tx.evalRevision.create({
      data: {
        courseId,
        doneAt: at,
        doneById: actor.id,
        note,
        signals: signals as unknown as Prisma.InputJsonArray,
      },
      select: { id: true },
    })
    await audit(tx, {
      actorId: actor.id,
      action: 'course.revisionDone',
      entityType: 'Course',
      entityId: courseId,
      after: { revisionId: rev.id, note, signals: signals as unknown as Prisma.InputJsonArray },
      ip,
      at,
    })
    return rev
  })
}
