// What a course's question bank would change for learners when the course is published: the
// draft (each question's current version, or its removal) against what learners draw now (its
// published version). Decision 111: a bank edit is a draft change of the course.

export interface QuestionSnapshot {
  type: string
  text: string
  points: number
  competencyId: string
  level: number
  feedback: string | null
  acceptedAnswers: string[]
  numericAnswer: number | null
  tolerance: number | null
  /** In authoring order. */
  options: { text: string; correct: boolean; feedback: string | null }[]
}

export interface BankEntry {
  questionId: string
  category: string
  /** The draft: null when the question is removed (archived). */
  draft: QuestionSnapshot | null
  /** What learners draw: null when never published, or removed by an earlier publish. */
  published: QuestionSnapshot | null
}

export type QuestionChange =
  'text' | 'type' | 'options' | 'answer' | 'points' | 'competency' | 'feedback'

export interface BankDiff {
  added: { questionId: string; name: string; category: string }[]
  removed: { questionId: string; name: string; category: string }[]
  changed: { questionId: string; name: string; category: string; changes: QuestionChange[] }[]
  empty: boolean
}

const NAME_MAX = 80

/** A question's name on the review page: its text without markup, cut at 80 characters. */
export function questionName(text: string) {
  const plain = text
    // Block tags separate words; inline ones (b, i, span) do not.
    .replace(/<\/?(?:p|br|div|li|ul|ol|h\d|tr|td|th|table|img)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > NAME_MAX ? `${plain.slice(0, NAME_MAX - 1)}…` : plain
}

function sameList<T>(a: T[], b: T[]) {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Which parts of a question differ, in a fixed order. */
export function questionChanges(before: QuestionSnapshot, after: QuestionSnapshot) {
  const changes: QuestionChange[] = []
  if (before.text !== after.text) changes.push('text')
  if (before.type !== after.type) changes.push('type')
  const wording = (s: QuestionSnapshot) =>
    s.options.map((o) => [o.text, o.feedback ?? null]).sort((x, y) => (x[0]! < y[0]! ? -1 : 1))
  if (!sameList(wording(before), wording(after))) changes.push('options')
  const key = (s: QuestionSnapshot) => [
    s.options
      .filter((o) => o.correct)
      .map((o) => o.text)
      .sort(),
    [...s.acceptedAnswers].sort(),
    s.numericAnswer,
    s.tolerance,
  ]
  if (!sameList(key(before), key(after))) changes.push('answer')
  if (before.points !== after.points) changes.push('points')
  if (before.competencyId !== after.competencyId || before.level !== after.level)
    changes.push('competency')
  if ((before.feedback ?? null) !== (after.feedback ?? null)) changes.push('feedback')
  return changes
}

export function diffBank(entries: BankEntry[]): BankDiff {
  const added: BankDiff['added'] = []
  const removed: BankDiff['removed'] = []
  const changed: BankDiff['changed'] = []
  for (const e of entries) {
    if (e.draft && !e.published)
      added.push({
        questionId: e.questionId,
        name: questionName(e.draft.text),
        category: e.category,
      })
    else if (!e.draft && e.published)
      removed.push({
        questionId: e.questionId,
        name: questionName(e.published.text),
        category: e.category,
      })
    else if (e.draft && e.published) {
      const changes = questionChanges(e.published, e.draft)
      // A new version with the same content (e.g. options reordered only) changes nothing a
      // learner sees, but it is still a version to publish: listed as changed with no parts.
      changed.push({
        questionId: e.questionId,
        name: questionName(e.draft.text),
        category: e.category,
        changes,
      })
    }
  }
  const byName = (a: { category: string; name: string }, b: { category: string; name: string }) =>
    a.category.localeCompare(b.category) || a.name.localeCompare(b.name)
  added.sort(byName)
  removed.sort(byName)
  changed.sort(byName)
  return {
    added,
    removed,
    changed,
    empty: !added.length && !removed.length && !changed.length,
  }
}
