// Scoring one answer. Pure: the question (with its key) and the learner's response in, points out.
import { parseIndonesianNumber } from './numbers'
export type QuestionType = 'SINGLE' | 'MULTIPLE' | 'TRUE_FALSE' | 'SHORT' | 'NUMERIC' | 'ESSAY'

/** A saved response: chosen option ids (choice questions) or text / number (the others). */
export interface QuizResponse {
  optionIds?: string[]
  text?: string
  value?: number | null
}

export interface GradableQuestion {
  type: QuestionType
  points: number
  acceptedAnswers: string[]
  numericAnswer: number | null
  tolerance: number | null
  options: { id: string; correct: boolean }[]
}

/** Slack for floating-point noise when comparing a numeric answer with its tolerance. */
export const NUMERIC_EPSILON = 1e-9

/** Text compared for short answers: Unicode-normalised, lower case, single spaces, trimmed. */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** Whether the learner gave any answer at all (an unticked or empty field is no answer). */
export function isAnswered(r: QuizResponse | null | undefined): boolean {
  if (!r) return false
  if (r.optionIds && r.optionIds.length > 0) return true
  if (typeof r.text === 'string' && r.text.trim() !== '') return true
  return typeof r.value === 'number' && Number.isFinite(r.value)
}

/** Rounds points to 3 decimals (partial credit of a third stays readable and sums exactly). */
function roundPoints(x: number): number {
  return Math.round(x * 1000) / 1000
}

/**
 * Score of one response (0..points), or null when a person must grade it (essays).
 * - single choice / true-false: full points for exactly the one correct option chosen;
 * - multiple answers: +1/k for each of the k correct options chosen, -1/(n-k) for each of the
 *   n-k wrong ones, floored at 0, times the points (asymmetric: a wrong tick costs what the
 *   wrong options share, not what a right one earns);
 * - short answer: full points when the normalised text equals an accepted answer;
 * - numeric: full points within the tolerance (inclusive).
 */
export function scoreAnswer(q: GradableQuestion, r: QuizResponse | null): number | null {
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
      const chosen = new Set(r.optionIds ?? [])
      const correct = q.options.filter((o) => o.correct)
      const wrong = q.options.filter((o) => !o.correct)
      let fraction = 0
      for (const o of correct) if (chosen.has(o.id)) fraction += 1 / correct.length
      for (const o of wrong) if (chosen.has(o.id)) fraction -= 1 / Math.max(1, wrong.length)
      return roundPoints(Math.max(0, Math.min(1, fraction)) * q.points)
    }
    case 'SHORT': {
      const given = normaliseText(r.text ?? '')
      return given !== '' && q.acceptedAnswers.some((a) => normaliseText(a) === given)
        ? q.points
        : 0
    }
    case 'NUMERIC': {
      if (q.numericAnswer == null) return 0
      const value = numericValue(r, q.numericAnswer)
      if (value == null) return 0
      return Math.abs(value - q.numericAnswer) <= (q.tolerance ?? 0) + NUMERIC_EPSILON
        ? q.points
        : 0
    }
  }
}

/**
 * The number a numeric response stands for. The text as typed wins (read the Indonesian way, an
 * ambiguity settled by the key's magnitude); a response without text uses its stored value.
 */
export function numericValue(r: QuizResponse, expected: number | null): number | null {
  if (typeof r.text === 'string' && r.text.trim() !== '') {
    const p = parseIndonesianNumber(r.text, { expected: expected ?? undefined })
    return p.kind === 'number' ? p.value : null
  }
  return typeof r.value === 'number' && Number.isFinite(r.value) ? r.value : null
}

/** Attempt percent from points: two decimals; 0 when there is nothing to score. */
export function attemptPercent(score: number, max: number): number {
  return max > 0 ? Math.round((score / max) * 10000) / 100 : 0
}

/** A pass is a percent at or above the pass mark (a score equal to the pass mark passes). */
export function isPass(percent: number, passMark: number): boolean {
  return percent >= passMark
}
