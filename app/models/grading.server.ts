// Grading and competency rating, run by the workers. Both are idempotent: every write is guarded
// by a state transition or a unique key, inside one transaction, so a job that runs twice (or is
// killed mid-way and retried) leaves exactly one result.
import { createHash, randomUUID } from 'node:crypto'
import {
  addToLevel,
  EVIDENCE_VALID_DAYS,
  isBlankEvidence,
  rateFromEvidence,
  THRESHOLD,
  type EvidenceInput,
  type LevelResult,
} from '~/domain/rating'
import {
  attemptPercent,
  isAnswered,
  isPass,
  scoreAnswer,
  type GradableQuestion,
} from '~/domain/scoring'
import { completeEnrolmentContract, rateCompetencyContract } from '~/jobs/contracts.server'
import { OUTBOX_TABLE, relaySoon, type RecordedJob } from '~/jobs/outbox.server'
import { Prisma } from '~/generated/prisma/client'
import { sql } from '~/utils/db.server'
import type { AnswerScores, Layout, Response } from './quiz.server'

// The scoring and rating rules live in the domain layer; re-exported for existing callers.
export { normaliseText, scoreAnswer } from '~/domain/scoring'
export {
  EVIDENCE_VALID_DAYS,
  rateFromEvidence,
  THRESHOLD,
  type EvidenceInput,
} from '~/domain/rating'

interface GradingRow {
  id: string
  userId: string
  enrolmentId: string | null
  enrolmentStatus: string | null
  /** Also the version of the answers: an in-time submit that overrides the sweep moves it. */
  submittedAt: Date | null
  /** The pass mark kept with the attempt (copied from the quiz at start). */
  passMark: number
  layout: Layout
  answers: {
    questionId: string
    response: Response | null
    score: number | null
    gradedBy: string | null
  }[]
}

type GradingVersion = Omit<GradableQuestion, 'options'> & {
  competencyId: string
  level: number
  /** Whether each option of the question is correct (options are never edited). */
  correct: Map<string, boolean>
}

// Question versions and their options are immutable (new versions, never edits; decision 050), so
// each worker keeps what grading needs of them by version id: the grading read is then the attempt
// and its answers only. Bounded; a miss loads every missing version of the attempt in one read.
const VERSION_CACHE_MAX = 5_000
const versionCache = new Map<string, GradingVersion>()

async function gradingVersions(versionIds: string[]) {
  const missing = [...new Set(versionIds)].filter((id) => !versionCache.has(id))
  if (missing.length) {
    const rows = await sql<
      Omit<GradingVersion, 'correct'> & { id: string; options: [string, boolean][] }
    >(Prisma.sql`
      SELECT v.id, v.type::text AS type, v.points, v."acceptedAnswers", v."numericAnswer", v.tolerance,
             v."competencyId", v.level,
             COALESCE((SELECT json_agg(json_build_array(o.id, o.correct)) FROM "QuestionOption" o
                       WHERE o."questionId" = v."questionId"), '[]') AS options
      FROM "QuestionVersion" v WHERE v.id = ANY(${missing}::text[])`)
    for (const { options, id, ...v } of rows) {
      if (versionCache.size >= VERSION_CACHE_MAX)
        versionCache.delete(versionCache.keys().next().value as string)
      versionCache.set(id, { ...v, correct: new Map(options) })
    }
  }
  return versionCache
}

/** The outcome of grading one attempt. */
export interface GradeResult {
  graded: boolean
  percent?: number
  /** With `inPlace`: the follow-ups recorded with the grade, for the caller to run. */
  followUps?: RecordedJob[]
}

/**
 * Grades one submitted attempt (see `gradeAttempts`); throws when its answers changed while it
 * was being graded (the job retries with the new ones).
 */
export async function gradeAttempt(
  { attemptId }: { attemptId: string },
  opts: GradeOptions = {},
): Promise<GradeResult> {
  const r = (await gradeAttempts([attemptId], opts)).get(attemptId)!
  if (r instanceof Error) throw r
  return r
}

export interface GradeOptions {
  /** Runs between the read and the write (tests put a racing submit there). */
  afterRead?: () => Promise<unknown>
  /**
   * The caller runs the follow-ups recorded with the grade itself (the grading job, through
   * `runInPlace`): they are returned instead of relayed.
   */
  inPlace?: boolean
}

/** What grading computed for one attempt, before it is written. */
interface Graded {
  attempt: GradingRow
  needsPerson: boolean
  total: number
  max: number
  percent: number
  passed: boolean
  scores: AnswerScores
  evidence: [string, { score: number; max: number; byLevel: Record<string, LevelResult> }][]
  completes: boolean
  rateOutboxId: string
  completeOutboxId: string
}

function scoreAttempt(attempt: GradingRow, versions: Map<string, GradingVersion>): Graded {
  const questions = attempt.layout.map((l) => {
    const v = versions.get(l.versionId)
    if (!v) throw new Error(`question version ${l.versionId} of ${attempt.id} not found`)
    return {
      ...v,
      id: l.questionId,
      options: l.optionIds.map((id) => ({ id, correct: v.correct.get(id) ?? false })),
    }
  })
  const answers = new Map(attempt.answers.map((a) => [a.questionId, a]))
  let total = 0
  let max = 0
  let needsPerson = false
  const perCompetency = new Map<
    string,
    { score: number; max: number; byLevel: Record<string, LevelResult> }
  >()
  const scores: AnswerScores = {}
  for (const q of questions) {
    const a = answers.get(q.id)
    let s =
      q.type === 'ESSAY'
        ? a?.gradedBy
          ? (a.score ?? 0)
          : null
        : scoreAnswer(q, a?.response ?? null)
    if (s === null) {
      needsPerson = true
      s = 0
    }
    total += s
    max += q.points
    scores[q.id] = [s, q.points]
    const c = perCompetency.get(q.competencyId) ?? { score: 0, max: 0, byLevel: {} }
    c.score += s
    c.max += q.points
    addToLevel(c.byLevel, q.level, s, q.points, isAnswered(a?.response))
    perCompetency.set(q.competencyId, c)
  }
  const percent = attemptPercent(total, max)
  const passed = isPass(percent, attempt.passMark)
  return {
    attempt,
    needsPerson,
    total,
    max,
    percent,
    passed,
    scores,
    // A competency none of whose questions was answered gets no evidence (decision 010).
    evidence: needsPerson
      ? []
      : [...perCompetency.entries()].filter(([, c]) => !isBlankEvidence(c)),
    // Follow-ups recorded in the same statement as the grade: the rating, and (a passed attempt of
    // an active enrolment) the completion check, which credits the JP and notifies.
    completes:
      !needsPerson &&
      passed &&
      attempt.enrolmentId !== null &&
      attempt.enrolmentStatus !== 'COMPLETED',
    rateOutboxId: randomUUID(),
    completeOutboxId: randomUUID(),
  }
}

/**
 * Grades submitted attempts, many at once: the grading job hands over the attempts its concurrent
 * runs are grading (app/jobs/grade-attempt.server.ts), so a cohort at the end of an exam costs one
 * read and one write statement per batch instead of per attempt (decisions 007, 071, 011). The
 * read is the attempts, their layouts and answers (question versions come from the worker's
 * cache); the write is, per attempt, the guarded state change with its score, the per-answer
 * scores (kept with the attempt, not written into 20 answer rows), the evidence and the
 * follow-ups' outbox rows: one statement, so one transaction. Each attempt's own guard (still
 * SUBMITTED, with the answers that were read) decides whether anything of it is written.
 *
 * Returns per attempt its result, or an Error when its answers changed during grading (an in-time
 * submit after the overdue sweep): that attempt is graded again by its job's retry.
 */
export async function gradeAttempts(
  attemptIds: string[],
  opts: GradeOptions = {},
): Promise<Map<string, GradeResult | Error>> {
  const ids = [...new Set(attemptIds)]
  const out = new Map<string, GradeResult | Error>()
  // `status::text` in the statements below, on purpose: found by the primary key only. As prepared
  // statements they run a generic plan, and statistics taken while an exam was running (few
  // SUBMITTED or GRADED rows) made the planner scan the status index instead: every graded attempt
  // read per batch at an exam's end (decision 098).
  const rows = await sql<GradingRow>(
    Prisma.sql`
    SELECT a.id, a."userId", a."enrolmentId", e.status::text AS "enrolmentStatus",
           a."submittedAt", a."passMark", a.layout,
           COALESCE((SELECT json_agg(json_build_object('questionId', an."questionId", 'response', an.response,
                                                       'score', an.score, 'gradedBy', an."gradedBy"))
                     FROM "AttemptAnswer" an WHERE an."attemptId" = a.id), '[]') AS answers
    FROM "QuizAttempt" a
    LEFT JOIN "Enrolment" e ON e.id = a."enrolmentId"
    WHERE a.id = ANY(${ids}::text[]) AND a.status::text = 'SUBMITTED'`,
    { prepare: true },
  )
  // Only a submitted attempt is graded; anything else means the work is done (or not due).
  for (const id of ids) out.set(id, { graded: false })
  if (rows.length === 0) return out
  await opts.afterRead?.()
  const versions = await gradingVersions(rows.flatMap((a) => a.layout.map((l) => l.versionId)))
  const graded: Graded[] = []
  for (const row of rows) {
    try {
      graded.push(scoreAttempt(row, versions))
    } catch (e) {
      out.set(row.id, e instanceof Error ? e : new Error(String(e)))
    }
  }
  if (graded.length === 0) return out
  const now = new Date()
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`
  const evidence = graded.flatMap((g) =>
    g.evidence.map(([competencyId, c]) => ({
      id: randomUUID(),
      attemptId: g.attempt.id,
      userId: g.attempt.userId,
      competencyId,
      byLevel: JSON.stringify(c.byLevel),
      score: c.score,
      max: c.max,
      // The evidence counts from when the learner submitted.
      takenAt: (g.attempt.submittedAt ?? now).toISOString(),
    })),
  )
  // Also without evidence (a blank attempt): the rating job then only records the attempt as
  // rated. None while an essay waits for a person.
  const rate = graded
    .filter((g) => !g.needsPerson)
    .map((g) => ({
      id: g.rateOutboxId,
      attemptId: g.attempt.id,
      payload: rateCompetencyContract.payload.parse({
        userId: g.attempt.userId,
        attemptId: g.attempt.id,
      }) as { userId: string; attemptId: string },
    }))
  const complete = graded
    .filter((g) => g.completes)
    .map((g) => ({
      id: g.completeOutboxId,
      attemptId: g.attempt.id,
      payload: completeEnrolmentContract.payload.parse({
        enrolmentId: g.attempt.enrolmentId!,
      }) as { enrolmentId: string },
    }))
  const col = <T>(f: (g: Graded) => T) => graded.map(f)
  // The state transition guards everything else: an attempt no longer SUBMITTED, or submitted
  // again since the read (`submittedAt` moved), writes nothing (a second run is a no-op). An essay
  // waiting for a person leaves the attempt NEEDS_GRADING with no scores, evidence or rating job.
  const [written] = await sql<{ moved: string[] | null }>(
    Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(${col((g) => g.attempt.id)}::text[],
                           ${col((g) => g.attempt.submittedAt?.toISOString() ?? null)}::timestamptz[],
                           ${col((g) => g.needsPerson)}::boolean[], ${col((g) => g.total)}::float8[],
                           ${col((g) => g.max)}::float8[], ${col((g) => g.percent)}::float8[],
                           ${col((g) => g.passed)}::boolean[], ${col((g) => JSON.stringify(g.scores))}::jsonb[])
        AS t(id, submitted_at, needs, total, max, percent, passed, scores)
    ), moved AS (
      UPDATE "QuizAttempt" a SET
        status = (CASE WHEN i.needs THEN 'NEEDS_GRADING' ELSE 'GRADED' END)::"AttemptStatus",
        "gradedAt" = CASE WHEN i.needs THEN NULL ELSE ${at} END,
        score = CASE WHEN i.needs THEN NULL ELSE i.total END,
        "maxScore" = CASE WHEN i.needs THEN NULL ELSE i.max END,
        percent = CASE WHEN i.needs THEN NULL ELSE i.percent END,
        passed = CASE WHEN i.needs THEN NULL ELSE i.passed END,
        "answerScores" = CASE WHEN i.needs THEN NULL ELSE i.scores END
      FROM input i
      WHERE a.id = i.id AND a.status::text = 'SUBMITTED'
        AND a."submittedAt" IS NOT DISTINCT FROM (i.submitted_at AT TIME ZONE 'UTC')
      RETURNING a.id
    ), evidence AS (
      INSERT INTO "Evidence" (id, "attemptId", "userId", "competencyId", "byLevel", score, "maxScore", "takenAt")
      SELECT t.id, t.attempt_id, t.user_id, t.c, t.by_level, t.score, t.max, (t.taken_at AT TIME ZONE 'UTC')
      FROM unnest(${evidence.map((e) => e.id)}::text[], ${evidence.map((e) => e.attemptId)}::text[],
                  ${evidence.map((e) => e.userId)}::text[], ${evidence.map((e) => e.competencyId)}::text[],
                  ${evidence.map((e) => e.byLevel)}::jsonb[], ${evidence.map((e) => e.score)}::float8[],
                  ${evidence.map((e) => e.max)}::float8[], ${evidence.map((e) => e.takenAt)}::timestamptz[])
             AS t(id, attempt_id, user_id, c, by_level, score, max, taken_at)
      JOIN moved ON moved.id = t.attempt_id
      ON CONFLICT ("attemptId", "competencyId") DO NOTHING
      RETURNING 1
    ), follow_ups AS (
      INSERT INTO ${OUTBOX_TABLE}
      SELECT t.id, t.job, t.payload, ${at}, 0
      FROM unnest(${[...rate.map((r) => r.id), ...complete.map((c) => c.id)]}::text[],
                  ${[...rate.map(() => rateCompetencyContract.name), ...complete.map(() => completeEnrolmentContract.name)]}::text[],
                  ${[...rate.map((r) => JSON.stringify(r.payload)), ...complete.map((c) => JSON.stringify(c.payload))]}::jsonb[],
                  ${[...rate.map((r) => r.attemptId), ...complete.map((c) => c.attemptId)]}::text[])
           AS t(id, job, payload, attempt_id)
      JOIN moved ON moved.id = t.attempt_id
      RETURNING 1
    )
    SELECT ARRAY(SELECT id FROM moved) AS moved,
           (SELECT count(*)::int FROM evidence) AS evidence, (SELECT count(*)::int FROM follow_ups) AS follow_ups`,
    { prepare: true },
  )
  const moved = new Set(written?.moved ?? [])
  const notMoved = graded.filter((g) => !moved.has(g.attempt.id)).map((g) => g.attempt.id)
  if (notMoved.length) {
    // Another run got here first, or an in-time submit replaced the answers after the overdue
    // sweep while this run was reading them: then grade again (the job retries) with the new ones.
    const still = await sql<{ id: string }>(
      Prisma.sql`SELECT id FROM "QuizAttempt" WHERE id = ANY(${notMoved}::text[]) AND status::text = 'SUBMITTED'`,
      { prepare: true },
    )
    for (const { id } of still) out.set(id, new Error(`answers of ${id} changed during grading`))
  }
  const rateOf = new Map(rate.map((r) => [r.attemptId, r]))
  const completeOf = new Map(complete.map((c) => [c.attemptId, c]))
  for (const g of graded) {
    if (!moved.has(g.attempt.id)) continue
    const r = rateOf.get(g.attempt.id)
    const c = completeOf.get(g.attempt.id)
    const followUps: RecordedJob[] = [
      ...(r ? [{ id: r.id, job: rateCompetencyContract, payload: r.payload }] : []),
      ...(c ? [{ id: c.id, job: completeEnrolmentContract, payload: c.payload }] : []),
    ]
    out.set(g.attempt.id, { graded: !g.needsPerson, percent: g.percent, followUps })
  }
  if (!opts.inPlace) {
    relaySoon([...out.values()].flatMap((r) => (r instanceof Error ? [] : (r.followUps ?? []))))
    for (const [id, r] of out)
      if (!(r instanceof Error)) out.set(id, { ...r, followUps: undefined })
  }
  return out
}

// ------------------------------------------------------------------------------------------
// Competency rating: the rule is app/domain/rating.ts (docs/decisions/004, 010).

interface EvidenceRow extends EvidenceInput {
  userId: string
  competencyId: string
}

/**
 * The `rateCompetency` job: recomputes the ASN's level in every competency the attempt gave
 * evidence for, each from ALL their evidence in that competency (see `rateCompetencies`).
 */
export async function rateCompetency(p: { userId: string; attemptId: string }) {
  const levels = await rateCompetencies([p])
  return { levels: levels.get(p.userId) ?? {} }
}

/**
 * Rates for many graded attempts at once (the rating job batches its concurrent runs, like
 * grading): one read and one write statement for all. A rating is only replaced by one computed
 * from at least as much evidence (a job that raced a newer one changes nothing), and the same
 * evidence set adds no history row, so running the job twice, or concurrently with another
 * attempt's, leaves one result. The attempts' `ratedAt` records that their evidence is in (the
 * maintenance sweep re-queues graded attempts without it); only a GRADED attempt is marked.
 * Returns the levels computed, per user and competency.
 */
export async function rateCompetencies(items: { userId: string; attemptId: string }[]) {
  const attemptIds = [...new Set(items.map((i) => i.attemptId))]
  // All evidence of the attempts' users, by the (userId, competencyId) index, then only the
  // competencies the attempts gave evidence for. (A join on the attempts' pairs ran, as a prepared
  // statement's generic plan, a hash join over a sequential scan of all evidence.)
  const userIds = [...new Set(items.map((i) => i.userId))]
  const all = await sql<EvidenceRow>(
    Prisma.sql`
    SELECT e.id, e."attemptId", e."userId", e."competencyId", e."takenAt", e."byLevel"
    FROM "Evidence" e WHERE e."userId" = ANY(${userIds}::text[])
    ORDER BY e."userId", e."competencyId", e.id`,
    { prepare: true },
  )
  const wanted = new Set(attemptIds)
  const pairs = new Set(
    all.filter((e) => wanted.has(e.attemptId)).map((e) => `${e.userId} ${e.competencyId}`),
  )
  const evidence = all.filter((e) => pairs.has(`${e.userId} ${e.competencyId}`))
  const groups = new Map<string, EvidenceRow[]>()
  for (const e of evidence) {
    const key = `${e.userId} ${e.competencyId}`
    const list = groups.get(key)
    if (list) list.push(e)
    else groups.set(key, [e])
  }
  const now = new Date()
  // In (user, competency) order, so that concurrent batches lock rating rows in the same order.
  const ratings = [...groups.values()].map((rows) => {
    const r = rateFromEvidence(rows, now)
    return {
      userId: rows[0]!.userId,
      competencyId: rows[0]!.competencyId,
      level: r.level,
      count: rows.length,
      evidenceKey: createHash('sha256')
        .update(rows.map((e) => e.id).join(','))
        .digest('hex')
        .slice(0, 40),
      provenance: JSON.stringify({
        rule: `best per level within ${EVIDENCE_VALID_DAYS} d, threshold ${THRESHOLD * 100}%, blank attempts ignored`,
        levels: r.levels,
        attempts: r.evidence,
      }),
    }
  })
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`
  // Without evidence (a blank attempt) only the attempt is marked rated.
  await sql(
    Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(${ratings.map((r) => r.userId)}::text[], ${ratings.map((r) => r.competencyId)}::text[],
                           ${ratings.map((r) => r.level)}::int[], ${ratings.map((r) => r.count)}::int[],
                           ${ratings.map((r) => r.evidenceKey)}::text[], ${ratings.map((r) => r.provenance)}::jsonb[],
                           ${ratings.map(() => randomUUID())}::text[])
        AS t(user_id, competency_id, level, n, evidence_key, provenance, history_id)
    ), attempt AS (
      UPDATE "QuizAttempt" SET "ratedAt" = ${at}
      WHERE id = ANY(${attemptIds}::text[]) AND "ratedAt" IS NULL AND status::text = 'GRADED'
    ), rated AS (
      INSERT INTO "CompetencyRating" ("userId", "competencyId", level, "ratedAt", "evidenceCount", provenance)
      SELECT user_id, competency_id, level, ${at}, n, provenance FROM input
      ON CONFLICT ("userId", "competencyId") DO UPDATE SET
        level = EXCLUDED.level, "ratedAt" = EXCLUDED."ratedAt",
        "evidenceCount" = EXCLUDED."evidenceCount", provenance = EXCLUDED.provenance
      WHERE "CompetencyRating"."evidenceCount" <= EXCLUDED."evidenceCount"
      RETURNING "userId", "competencyId"
    )
    INSERT INTO "CompetencyRatingHistory" (id, "userId", "competencyId", level, "ratedAt", "evidenceKey", provenance)
    SELECT i.history_id, i.user_id, i.competency_id, i.level, ${at}, i.evidence_key, i.provenance
    FROM input i JOIN rated ON rated."userId" = i.user_id AND rated."competencyId" = i.competency_id
    ON CONFLICT ("userId", "competencyId", "evidenceKey") DO NOTHING`,
    { prepare: true },
  )
  const levels = new Map<string, Record<string, number>>()
  for (const r of ratings) {
    const l = levels.get(r.userId) ?? {}
    l[r.competencyId] = r.level
    levels.set(r.userId, l)
  }
  return levels
}
