// Drives a learner through the real models: enrol, finish lessons, answer a quiz correctly (or not).
import {
  enrol,
  markTextLessonDone,
  markVideoOpened,
  recordVideoProgress,
} from '~/models/course.server'
import { gradeAttempt } from '~/models/grading.server'
import { startAttempt, submitAttempt, type Layout, type Response } from '~/models/quiz.server'
import { prisma } from '~/utils/db.server'

export const COURSE = 'keamanan-digital-asn'
export const QUIZ = 'kuis-akhir'

export async function currentLessons(slug = COURSE) {
  const course = await prisma.course.findUniqueOrThrow({
    where: { slug },
    select: { currentVersionId: true },
  })
  return prisma.lessonVersion.findMany({
    where: { courseVersionId: course.currentVersionId! },
    orderBy: [{ modulePosition: 'asc' }, { position: 'asc' }],
    select: { slug: true, kind: true, videoId: true, lessonId: true },
  })
}

/** Completes every text and video lesson (the video by reporting it watched end to end). */
export async function finishLessons(userId: string, slug = COURSE) {
  await enrol(userId, slug)
  for (const l of await currentLessons(slug)) {
    if (l.kind === 'TEXT') await markTextLessonDone(userId, slug, l.slug)
    if (l.kind === 'VIDEO') {
      const v = await prisma.video.findUniqueOrThrow({
        where: { id: l.videoId! },
        select: { durationSec: true },
      })
      // Opened as long ago as the video lasts: watching it end to end is then plausible.
      await markVideoOpened(userId, slug, l.slug, new Date(Date.now() - v.durationSec! * 1000))
      await recordVideoProgress(userId, slug, l.slug, {
        positionSec: v.durationSec!,
        ranges: [[0, v.durationSec!]],
      })
    }
  }
}

/** The question versions (with their options) an attempt was drawn with, keyed by question id. */
export async function drawnQuestions(layout: Layout) {
  const versions = await prisma.questionVersion.findMany({
    where: { id: { in: layout.map((l) => l.versionId) } },
  })
  const options = await prisma.questionOption.findMany({
    where: { id: { in: layout.flatMap((l) => l.optionIds) } },
  })
  return versions.map((v) => ({
    ...v,
    id: v.questionId,
    versionId: v.id,
    options: v.optionIds.map((id) => options.find((o) => o.id === id)!),
  }))
}

/** Responses for an attempt's layout: all right, or all wrong. */
export async function answersFor(
  attemptId: string,
  right: boolean,
): Promise<Record<string, Response>> {
  const a = await prisma.quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { layout: true },
  })
  const layout = a.layout as Layout
  const qs = await drawnQuestions(layout)
  const out: Record<string, Response> = {}
  for (const q of qs) {
    if (q.options.length) {
      const ids = q.options.filter((o) => o.correct === right).map((o) => o.id)
      out[q.id] = { optionIds: q.type === 'MULTIPLE' || right ? ids : ids.slice(0, 1) }
    } else if (q.type === 'SHORT')
      out[q.id] = { text: right ? q.acceptedAnswers[0]! : 'jawaban keliru' }
    else if (q.type === 'NUMERIC')
      // As the form stores it: the text typed and the number it reads as.
      out[q.id] = {
        text: String(right ? q.numericAnswer! : q.numericAnswer! + 1000),
        value: right ? q.numericAnswer! : q.numericAnswer! + 1000,
      }
  }
  return out
}

/** Starts, answers and submits an attempt, then grades it in-process. */
export async function takeQuiz(userId: string, right: boolean, slug = COURSE) {
  const { attemptId } = await startAttempt(slug, QUIZ, userId)
  await submitAttempt(attemptId, userId, await answersFor(attemptId, right))
  await gradeAttempt({ attemptId })
  return attemptId
}
