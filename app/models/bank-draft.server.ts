// The question bank as a draft of its course (decision 111): which questions a publish would add,
// change or remove for learners. Learners draw `Question.publishedVersionId`; the bank's edits move
// `currentVersionId` / `archivedAt`; publishCourse (course.server) copies the draft over.
import type { Prisma } from '~/generated/prisma/client'
import { diffBank, type BankEntry, type QuestionSnapshot } from '~/domain/question-diff'
import { prisma } from '~/utils/db.server'

const SNAPSHOT = {
  id: true,
  type: true,
  text: true,
  points: true,
  competencyId: true,
  level: true,
  feedback: true,
  acceptedAnswers: true,
  numericAnswer: true,
  tolerance: true,
  optionIds: true,
} as const satisfies Prisma.QuestionVersionSelect

type Version = Prisma.QuestionVersionGetPayload<{ select: typeof SNAPSHOT }>

function snapshot(
  v: Version,
  options: Map<string, { text: string; correct: boolean; feedback: string | null }>,
): QuestionSnapshot {
  const { id: _id, optionIds, ...rest } = v
  return { ...rest, options: optionIds.map((id) => options.get(id)!) }
}

/**
 * The course's questions whose draft differs from what learners draw, read in two statements:
 * the ids (compared in SQL), then both versions with the question's options.
 */
export async function bankDraft(courseId: string) {
  const pending = await prisma.$queryRaw<{ id: string }[]>`
    SELECT q.id FROM "Question" q JOIN "QuestionCategory" c ON c.id = q."categoryId"
    WHERE c."courseId" = ${courseId} AND q."currentVersionId" IS NOT NULL
      AND q."publishedVersionId" IS DISTINCT FROM
        (CASE WHEN q."archivedAt" IS NULL THEN q."currentVersionId" ELSE NULL END)`
  if (pending.length === 0) return { diff: diffBank([]), state: [] as string[][] }
  const rows = await prisma.question.findMany({
    where: { id: { in: pending.map((p) => p.id) } },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      archivedAt: true,
      category: { select: { name: true } },
      currentVersion: { select: SNAPSHOT },
      publishedVersion: { select: SNAPSHOT },
      options: { select: { id: true, text: true, correct: true, feedback: true } },
    },
  })
  const entries: BankEntry[] = rows.map((q) => {
    const options = new Map(q.options.map((o) => [o.id, o]))
    return {
      questionId: q.id,
      category: q.category.name,
      draft: q.archivedAt || !q.currentVersion ? null : snapshot(q.currentVersion, options),
      published: q.publishedVersion ? snapshot(q.publishedVersion, options) : null,
    }
  })
  // What the review token names: each pending question's draft version (or its removal).
  const state = rows.map((q) => [q.id, q.archivedAt ? 'removed' : (q.currentVersion?.id ?? '')])
  return { diff: diffBank(entries), state }
}
