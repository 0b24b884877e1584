// Which of a learner's graded attempts counts for a quiz (the "grading method" an instructor sets).
export const GRADING_METHODS = ['HIGHEST', 'LAST', 'FIRST', 'AVERAGE'] as const
export type GradingMethod = (typeof GRADING_METHODS)[number]

export interface GradedAttempt {
  /** 1, 2, 3... in the order the attempts were started. */
  number: number
  percent: number
}

/** The grade that counts (percent), or null without any graded attempt. */
export function finalGrade(method: GradingMethod, graded: GradedAttempt[]): number | null {
  if (graded.length === 0) return null
  const byNumber = [...graded].sort((a, b) => a.number - b.number)
  switch (method) {
    case 'HIGHEST':
      return Math.max(...graded.map((g) => g.percent))
    case 'FIRST':
      return byNumber[0]!.percent
    case 'LAST':
      return byNumber[byNumber.length - 1]!.percent
    case 'AVERAGE':
      return Math.round((graded.reduce((s, g) => s + g.percent, 0) / graded.length) * 100) / 100
  }
}

/** Whether the quiz is passed under its grading method (a final grade equal to the mark passes). */
export function quizPassed(
  method: GradingMethod,
  graded: GradedAttempt[],
  passMark: number,
): boolean {
  const g = finalGrade(method, graded)
  return g != null && g >= passMark
}
