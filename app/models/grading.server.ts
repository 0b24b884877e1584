// Grading and competency rating, run by the workers. Both are idempotent: every write is guarded
// by a state transition or a unique key, inside one transaction, so a job that runs twice (or is
// killed mid-way and retried) leaves exactly one result.
import { createHash } from 'node:crypto'
import type { QuestionType } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { maybeCompleteEnrolment } from './course.server'
import { recordJobs, relaySoon } from './outbox.server'
import type { Layout, Response } from './quiz.server'

export function normaliseText(s: string) {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

interface GradableQuestion {
  type: QuestionType
  points: number
  acceptedAnswers: string[]
  numericAnswer: number | null
  tolerance: number | null
  options: { id: string; correct: boolean }[]
}

/** Score of one response (0..points), or null when a person must grade it (essays). */
export function scoreAnswer(q: GradableQuestion, r: Response | null): number | null {
  if (q.type === 'ESSAY') return null
  if (!r) return 0
  switch (q.type) {
    case 'SINGLE':
    case 'TRUE_FALSE': {
      const chosen = r.optionIds ?? []
      if (chosen.length !== 1) return 0
      return q.options.find((o) => o.id === chosen[0])?.correct ? q.points : 0
    }
    case 'MULTIPLE': {
      // Partial credit: +1/k for each correct option chosen, -1/(n-k) for each wrong one, floor 0.
      const chosen = new Set(r.optionIds ?? [])
      const correct = q.options.filter((o) => o.correct)
      const wrong = q.options.filter((o) => !o.correct)
      let fraction = 0
      for (const o of correct) if (chosen.has(o.id)) fraction += 1 / correct.length
      for (const o of wrong) if (chosen.has(o.id)) fraction -= 1 / Math.max(1, wrong.length)
      return Math.round(Math.max(0, Math.min(1, fraction)) * q.points * 1000) / 1000
    }
    case 'SHORT': {
      const given = normaliseText(r.text ?? '')
      return given !== '' && q.acceptedAnswers.some((a) => normaliseText(a) === given)
        ? q.points
        : 0
    }
    case 'NUMERIC': {
      if (r.value == null || q.numericAnswer == null) return 0
      return Math.abs(r.value - q.numericAnswer) <= (q.tolerance ?? 0) + 1e-9 ? q.points : 0
    }
  }
  return 0
}

/** The `gradeAttempt` job. */
export async function gradeAttempt({ attemptId }: { attemptId: string }) {
  const attempt = await prisma.quizAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      status: true,
      userId: true,
      enrolmentId: true,
      submittedAt: true,
      layout: true,
      quiz: { select: { passMark: true } },
      answers: { select: { questionId: true, response: true, score: true, gradedBy: true } },
    },
  })
  // Only a submitted attempt is graded; anything else means the work is done (or not due).
  if (!attempt || attempt.status !== 'SUBMITTED') return { graded: false }
  const layout = attempt.layout as Layout
  const questions = await prisma.question.findMany({
    where: { id: { in: layout.map((l) => l.questionId) } },
    select: {
      id: true,
      type: true,
      points: true,
      acceptedAnswers: true,
      numericAnswer: true,
      tolerance: true,
      competencyId: true,
      level: true,
      options: { select: { id: true, correct: true } },
    },
  })
  const answers = new Map(attempt.answers.map((a) => [a.questionId, a]))
  let total = 0
  let max = 0
  let needsPerson = false
  const perCompetency = new Map<
    string,
    { score: number; max: number; byLevel: Record<string, { score: number; max: number }> }
  >()
  const scored: { questionId: string; score: number; max: number; exists: boolean }[] = []
  for (const q of questions) {
    const a = answers.get(q.id)
    let s =
      q.type === 'ESSAY'
        ? a?.gradedBy
          ? (a.score ?? 0)
          : null
        : scoreAnswer(q, (a?.response as Response | undefined) ?? null)
    if (s === null) {
      needsPerson = true
      s = 0
    }
    total += s
    max += q.points
    scored.push({ questionId: q.id, score: s, max: q.points, exists: Boolean(a) })
    const c = perCompetency.get(q.competencyId) ?? { score: 0, max: 0, byLevel: {} }
    c.score += s
    c.max += q.points
    const lv = (c.byLevel[String(q.level)] ??= { score: 0, max: 0 })
    lv.score += s
    lv.max += q.points
    perCompetency.set(q.competencyId, c)
  }
  const percent = max > 0 ? Math.round((total / max) * 10000) / 100 : 0
  const takenAt = attempt.submittedAt ?? new Date()

  const outboxIds = await prisma.$transaction(async (tx) => {
    const moved = await tx.quizAttempt.updateMany({
      where: { id: attempt.id, status: 'SUBMITTED' },
      data: needsPerson
        ? { status: 'NEEDS_GRADING' }
        : {
            status: 'GRADED',
            gradedAt: new Date(),
            score: total,
            maxScore: max,
            percent,
            passed: percent >= attempt.quiz.passMark,
          },
    })
    if (moved.count === 0) return [] // another run got here first
    const present = scored.filter((s) => s.exists)
    if (present.length) {
      await tx.$executeRaw`
        UPDATE "AttemptAnswer" AS a SET "score" = t.score, "maxScore" = t.max
        FROM unnest(${present.map((s) => s.questionId)}::text[], ${present.map((s) => s.score)}::float8[], ${present.map((s) => s.max)}::float8[]) AS t(q, score, max)
        WHERE a."attemptId" = ${attempt.id} AND a."questionId" = t.q`
    }
    const missing = scored.filter((s) => !s.exists)
    if (missing.length) {
      await tx.attemptAnswer.createMany({
        data: missing.map((s) => ({
          attemptId: attempt.id,
          questionId: s.questionId,
          response: {},
          score: 0,
          maxScore: s.max,
        })),
        skipDuplicates: true,
      })
    }
    if (needsPerson) return []
    await tx.evidence.createMany({
      data: [...perCompetency.entries()].map(([competencyId, c]) => ({
        attemptId: attempt.id,
        userId: attempt.userId,
        competencyId,
        byLevel: c.byLevel,
        score: c.score,
        maxScore: c.max,
        takenAt,
      })),
      skipDuplicates: true,
    })
    return recordJobs(
      tx,
      'rateCompetency',
      [...perCompetency.keys()].map((competencyId) => ({
        userId: attempt.userId,
        competencyId,
        attemptId: attempt.id,
      })),
    )
  })
  if (outboxIds.length) relaySoon(outboxIds)
  if (outboxIds.length && attempt.enrolmentId) await maybeCompleteEnrolment(attempt.enrolmentId)
  return { graded: outboxIds.length > 0, percent }
}

// ------------------------------------------------------------------------------------------
// Competency rating rule (docs/decisions/004-competency-rating.md):
// each piece of evidence is weighted by age, w = 0.5 ^ (ageDays / HALF_LIFE_DAYS). For each level
// L the weighted ratio r(L) = Σ w·score(L) / Σ w·max(L) over evidence with questions at that
// level. The rating is the highest L with evidence at L such that r(l) ≥ THRESHOLD for every
// level l ≤ L that has evidence. No evidence at or below: level 0 (not yet measured).

export const HALF_LIFE_DAYS = 365
export const THRESHOLD = 0.7

export interface EvidenceInput {
  id: string
  attemptId: string
  takenAt: Date
  byLevel: Record<string, { score: number; max: number }>
}

export function rateFromEvidence(evidence: EvidenceInput[], now = new Date()) {
  const perLevel: Record<string, { score: number; max: number; ratio: number }> = {}
  const weights = evidence.map((e) => {
    const ageDays = Math.max(0, (now.getTime() - e.takenAt.getTime()) / 86_400_000)
    return { e, w: Math.pow(0.5, ageDays / HALF_LIFE_DAYS) }
  })
  for (const { e, w } of weights) {
    for (const [lv, v] of Object.entries(e.byLevel)) {
      const p = (perLevel[lv] ??= { score: 0, max: 0, ratio: 0 })
      p.score += w * v.score
      p.max += w * v.max
    }
  }
  for (const p of Object.values(perLevel)) p.ratio = p.max > 0 ? p.score / p.max : 0
  let level = 0
  for (let l = 1; l <= 5; l++) {
    const p = perLevel[String(l)]
    if (!p) continue
    if (p.ratio >= THRESHOLD) level = l
    else break
  }
  return {
    level,
    perLevel,
    attempts: weights.map(({ e, w }) => ({
      attemptId: e.attemptId,
      takenAt: e.takenAt.toISOString(),
      weight: Math.round(w * 1000) / 1000,
    })),
  }
}

/** The `rateCompetency` job. Recomputes from all evidence; the same evidence set adds no history row. */
export async function rateCompetency({
  userId,
  competencyId,
}: {
  userId: string
  competencyId: string
}) {
  const evidence = await prisma.evidence.findMany({
    where: { userId, competencyId },
    orderBy: { id: 'asc' },
    select: { id: true, attemptId: true, takenAt: true, byLevel: true },
  })
  if (evidence.length === 0) return { level: null }
  const now = new Date()
  const r = rateFromEvidence(evidence as EvidenceInput[], now)
  const evidenceKey = createHash('sha256')
    .update(evidence.map((e) => e.id).join(','))
    .digest('hex')
    .slice(0, 40)
  const provenance = {
    rule: `half-life ${HALF_LIFE_DAYS} d, threshold ${THRESHOLD * 100}%`,
    attempts: r.attempts,
    perLevel: r.perLevel,
  }
  await prisma.$transaction(async (tx) => {
    await tx.competencyRating.upsert({
      where: { userId_competencyId: { userId, competencyId } },
      create: { userId, competencyId, level: r.level, ratedAt: now, provenance },
      update: { level: r.level, ratedAt: now, provenance },
    })
    await tx.competencyRatingHistory.createMany({
      data: [{ userId, competencyId, level: r.level, ratedAt: now, evidenceKey, provenance }],
      skipDuplicates: true,
    })
  })
  return { level: r.level }
}
