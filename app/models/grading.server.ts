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
import { OUTBOX_TABLE, outboxValues, relaySoon } from '~/jobs/outbox.server'
import { prisma } from '~/utils/db.server'
import type { Response } from './quiz.server'

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
  answers: {
    questionId: string
    response: Response | null
    score: number | null
    gradedBy: string | null
  }[]
  questions: (GradableQuestion & { id: string; competencyId: string; level: number })[]
}

/**
 * The `gradeAttempt` job. One read (the submitted attempt with its answers and the exact question
 * versions and options of its layout) and one write statement (attempt state, answer scores, evidence, the rating job's outbox
 * row), both raw SQL: the workers grade a whole cohort at the end of an exam, and the ORM's
 * per-query cost was most of their CPU (docs/decisions/007-hot-paths-in-sql.md).
 */
export async function gradeAttempt({ attemptId }: { attemptId: string }) {
  const [attempt] = await prisma.$queryRaw<GradingRow[]>`
    SELECT a.id, a."userId", a."enrolmentId", e.status::text AS "enrolmentStatus",
           a."submittedAt", a."passMark",
           COALESCE((SELECT json_agg(json_build_object('questionId', an."questionId", 'response', an.response,
                                                       'score', an.score, 'gradedBy', an."gradedBy"))
                     FROM "AttemptAnswer" an WHERE an."attemptId" = a.id), '[]') AS answers,
           COALESCE((SELECT json_agg(json_build_object(
                       'id', l->>'questionId', 'type', v.type, 'points', v.points, 'acceptedAnswers', v."acceptedAnswers",
                       'numericAnswer', v."numericAnswer", 'tolerance', v.tolerance,
                       'competencyId', v."competencyId", 'level', v.level,
                       'options', COALESCE((SELECT json_agg(json_build_object('id', o.id, 'correct', o.correct))
                                            FROM "QuestionOption" o
                                            WHERE o.id IN (SELECT jsonb_array_elements_text(l->'optionIds'))), '[]')))
                     FROM jsonb_array_elements(a.layout) l
                     JOIN "QuestionVersion" v ON v.id = l->>'versionId'), '[]') AS questions
    FROM "QuizAttempt" a
    LEFT JOIN "Enrolment" e ON e.id = a."enrolmentId"
    WHERE a.id = ${attemptId} AND a.status = 'SUBMITTED'`
  // Only a submitted attempt is graded; anything else means the work is done (or not due).
  if (!attempt) return { graded: false }
  const answers = new Map(attempt.answers.map((a) => [a.questionId, a]))
  let total = 0
  let max = 0
  let needsPerson = false
  const perCompetency = new Map<
    string,
    { score: number; max: number; byLevel: Record<string, LevelResult> }
  >()
  const scored: { questionId: string; score: number; max: number }[] = []
  for (const q of attempt.questions) {
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
    scored.push({ questionId: q.id, score: s, max: q.points })
    const c = perCompetency.get(q.competencyId) ?? { score: 0, max: 0, byLevel: {} }
    c.score += s
    c.max += q.points
    addToLevel(c.byLevel, q.level, s, q.points, isAnswered(a?.response))
    perCompetency.set(q.competencyId, c)
  }
  const percent = attemptPercent(total, max)
  const passed = isPass(percent, attempt.passMark)
  const now = new Date()
  const takenAt = attempt.submittedAt ?? now
  // A competency none of whose questions was answered gets no evidence (decision 010).
  const evidence = needsPerson
    ? []
    : [...perCompetency.entries()].filter(([, c]) => !isBlankEvidence(c))
  // Follow-ups recorded in the same statement as the grade: the rating, and (a passed attempt of an
  // active enrolment) the completion check, which credits the JP and notifies.
  const completes =
    !needsPerson &&
    passed &&
    attempt.enrolmentId !== null &&
    attempt.enrolmentStatus !== 'COMPLETED'

  // One statement, so one transaction: the state transition guards everything else (a second run
  // finds the attempt no longer SUBMITTED and writes nothing). Answers never saved get a row with
  // an empty response and score 0. An essay waiting for a person leaves the attempt NEEDS_GRADING
  // with no evidence and no rating job.
  const [written] = await prisma.$queryRaw<
    { rate_id: string | null; complete_id: string | null; moved: number }[]
  >`
    WITH moved AS (
      UPDATE "QuizAttempt" SET
        status = ${needsPerson ? 'NEEDS_GRADING' : 'GRADED'}::text::"AttemptStatus",
        "gradedAt" = CASE WHEN ${needsPerson}::boolean THEN NULL ELSE (${now}::timestamptz AT TIME ZONE 'UTC') END,
        score = CASE WHEN ${needsPerson}::boolean THEN NULL ELSE ${total}::float8 END,
        "maxScore" = CASE WHEN ${needsPerson}::boolean THEN NULL ELSE ${max}::float8 END,
        percent = CASE WHEN ${needsPerson}::boolean THEN NULL ELSE ${percent}::float8 END,
        passed = CASE WHEN ${needsPerson}::boolean THEN NULL ELSE ${passed}::boolean END
      WHERE id = ${attemptId} AND status = 'SUBMITTED'
        AND "submittedAt" IS NOT DISTINCT FROM (${attempt.submittedAt}::timestamptz AT TIME ZONE 'UTC')
      RETURNING id
    ), answers AS (
      INSERT INTO "AttemptAnswer" ("attemptId", "questionId", response, "savedAt", score, "maxScore")
      SELECT moved.id, t.q, '{}'::jsonb, (${now}::timestamptz AT TIME ZONE 'UTC'), t.score, t.max
      FROM moved, unnest(${scored.map((s) => s.questionId)}::text[], ${scored.map((s) => s.score)}::float8[],
                         ${scored.map((s) => s.max)}::float8[]) AS t(q, score, max)
      ON CONFLICT ("attemptId", "questionId") DO UPDATE SET score = EXCLUDED.score, "maxScore" = EXCLUDED."maxScore"
      RETURNING 1
    ), evidence AS (
      INSERT INTO "Evidence" (id, "attemptId", "userId", "competencyId", "byLevel", score, "maxScore", "takenAt")
      SELECT t.id, moved.id, ${attempt.userId}::text, t.c, t.by_level, t.score, t.max,
             (${takenAt}::timestamptz AT TIME ZONE 'UTC')
      FROM moved, unnest(${evidence.map(() => randomUUID())}::text[], ${evidence.map(([c]) => c)}::text[],
                         ${evidence.map(([, c]) => JSON.stringify(c.byLevel))}::jsonb[],
                         ${evidence.map(([, c]) => c.score)}::float8[], ${evidence.map(([, c]) => c.max)}::float8[])
             AS t(id, c, by_level, score, max)
      ON CONFLICT ("attemptId", "competencyId") DO NOTHING
      RETURNING 1
    ), rate AS (
      INSERT INTO ${OUTBOX_TABLE}
      SELECT ${outboxValues(rateCompetencyContract, { userId: attempt.userId, attemptId }, now)}
      -- Also without evidence (a blank attempt): the job then only records the attempt as rated.
      FROM moved WHERE ${!needsPerson}::boolean
      RETURNING id
    ), complete AS (
      INSERT INTO ${OUTBOX_TABLE}
      SELECT ${outboxValues(completeEnrolmentContract, { enrolmentId: attempt.enrolmentId ?? '-' }, now)}
      FROM moved WHERE ${completes}::boolean
      RETURNING id
    )
    SELECT (SELECT id FROM rate) AS rate_id, (SELECT id FROM complete) AS complete_id,
           (SELECT count(*)::int FROM moved) AS moved,
           (SELECT count(*)::int FROM answers) AS answers, (SELECT count(*)::int FROM evidence) AS evidence`
  if (!written?.moved) {
    // Another run got here first, or an in-time submit replaced the answers after the overdue
    // sweep while this run was reading them: then grade again (the job retries) with the new ones.
    const [now2] = await prisma.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM "QuizAttempt" WHERE id = ${attemptId}`
    if (now2?.status === 'SUBMITTED')
      throw new Error(`answers of ${attemptId} changed during grading`)
    return { graded: false }
  }
  relaySoon([written.rate_id, written.complete_id])
  return { graded: !needsPerson, percent }
}

// ------------------------------------------------------------------------------------------
// Competency rating: the rule is app/domain/rating.ts (docs/decisions/004, 010).

/** Records that the attempt's evidence is reflected in the ratings (the maintenance sweep's check). */
function markRated(attemptId: string, now: Date) {
  return prisma.$executeRaw`
    UPDATE "QuizAttempt" SET "ratedAt" = (${now}::timestamptz AT TIME ZONE 'UTC')
    WHERE id = ${attemptId} AND "ratedAt" IS NULL`
}

interface EvidenceRow extends EvidenceInput {
  competencyId: string
}

/**
 * The `rateCompetency` job: recomputes the ASN's level in every competency the attempt gave
 * evidence for, each from ALL their evidence in that competency. One read and one write statement.
 * A rating is only replaced by one computed from at least as much evidence (a job that raced a
 * newer one changes nothing), and the same evidence set adds no history row, so running the job
 * twice, or concurrently with another attempt's, leaves one result. The attempt's `ratedAt` records
 * that its evidence is in (the maintenance sweep re-queues graded attempts without it).
 */
export async function rateCompetency({ userId, attemptId }: { userId: string; attemptId: string }) {
  const evidence = await prisma.$queryRaw<EvidenceRow[]>`
    SELECT e.id, e."attemptId", e."competencyId", e."takenAt", e."byLevel"
    FROM "Evidence" e
    WHERE e."userId" = ${userId}
      AND e."competencyId" IN (SELECT "competencyId" FROM "Evidence" WHERE "attemptId" = ${attemptId})
    ORDER BY e."competencyId", e.id`
  if (evidence.length === 0) {
    await markRated(attemptId, new Date())
    return { levels: {} }
  }
  const byCompetency = new Map<string, EvidenceRow[]>()
  for (const e of evidence) {
    const list = byCompetency.get(e.competencyId)
    if (list) list.push(e)
    else byCompetency.set(e.competencyId, [e])
  }
  const now = new Date()
  const ratings = [...byCompetency].map(([competencyId, rows]) => {
    const r = rateFromEvidence(rows, now)
    return {
      competencyId,
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
  await prisma.$executeRaw`
    WITH input AS (
      SELECT * FROM unnest(${ratings.map((r) => r.competencyId)}::text[], ${ratings.map((r) => r.level)}::int[],
                           ${ratings.map((r) => r.count)}::int[], ${ratings.map((r) => r.evidenceKey)}::text[],
                           ${ratings.map((r) => r.provenance)}::jsonb[], ${ratings.map(() => randomUUID())}::text[])
        AS t(competency_id, level, n, evidence_key, provenance, history_id)
    ), attempt AS (
      UPDATE "QuizAttempt" SET "ratedAt" = (${now}::timestamptz AT TIME ZONE 'UTC')
      WHERE id = ${attemptId} AND "ratedAt" IS NULL
    ), rated AS (
      INSERT INTO "CompetencyRating" ("userId", "competencyId", level, "ratedAt", "evidenceCount", provenance)
      SELECT ${userId}::text, competency_id, level, (${now}::timestamptz AT TIME ZONE 'UTC'), n, provenance FROM input
      ON CONFLICT ("userId", "competencyId") DO UPDATE SET
        level = EXCLUDED.level, "ratedAt" = EXCLUDED."ratedAt",
        "evidenceCount" = EXCLUDED."evidenceCount", provenance = EXCLUDED.provenance
      WHERE "CompetencyRating"."evidenceCount" <= EXCLUDED."evidenceCount"
      RETURNING "competencyId"
    )
    INSERT INTO "CompetencyRatingHistory" (id, "userId", "competencyId", level, "ratedAt", "evidenceKey", provenance)
    SELECT i.history_id, ${userId}::text, i.competency_id, i.level, (${now}::timestamptz AT TIME ZONE 'UTC'),
           i.evidence_key, i.provenance
    FROM input i JOIN rated ON rated."competencyId" = i.competency_id
    ON CONFLICT ("userId", "competencyId", "evidenceKey") DO NOTHING`
  return { levels: Object.fromEntries(ratings.map((r) => [r.competencyId, r.level])) }
}
