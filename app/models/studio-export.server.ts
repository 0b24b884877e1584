// Export of a course's working draft back to a content pack (content/README.md): course.json,
// lessons as pack Markdown (or the editor's JSON when Markdown cannot carry them), the question
// bank as questions.json and local videos under media/. parsePack reads the result back.
import fs from 'node:fs/promises'
import path from 'node:path'
import { prisma } from '~/utils/db.server'
import { docToMarkdown } from '~/utils/markdown-out.server'
import { questionImageNames } from '~/domain/question-images'
import { mediaStorage } from '~/utils/storage.server'
import { bankImageKey, packQuestionId } from './question-bank.server'
import { activeOutline } from './course.server'
import type { TiptapDoc } from '~/utils/rich-text'
import { mediaRoot } from './video.server'

export interface PackFile {
  path: string
  data: Buffer | string
}

export async function exportCoursePack(courseId: string) {
  const course = await prisma.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      slug: true,
      title: true,
      summary: true,
      area: true,
      jp: true,
      passMark: true,
      competencies: { select: { level: true, competency: { select: { code: true } } } },
      modules: activeOutline(
        { title: true },
        {
          slug: true,
          title: true,
          kind: true,
          minutes: true,
          required: true,
          contentJson: true,
          video: { select: { provider: true, localPath: true, durationSec: true } },
          quiz: {
            select: {
              attemptsAllowed: true,
              gradingMethod: true,
              timeLimitSec: true,
              slots: {
                orderBy: { position: 'asc' },
                select: {
                  drawCount: true,
                  question: { select: { id: true, externalId: true } },
                  category: { select: { name: true } },
                },
              },
            },
          },
        },
      ),
    },
  })
  const files: PackFile[] = []
  let n = 0
  const modules = []
  for (const m of course.modules) {
    const lessons = []
    for (const l of m.lessons) {
      n++
      const base = `${String(n).padStart(2, '0')}-${l.slug}`
      let file: string | undefined
      const doc = l.contentJson as TiptapDoc | null
      const hasText =
        doc && (doc.content ?? []).some((c) => c.content?.length || c.type !== 'paragraph')
      if (doc && (l.kind === 'TEXT' || hasText)) {
        const md = docToMarkdown(doc)
        file = md !== null ? `lessons/${base}.md` : `lessons/${base}.json`
        files.push({ path: file, data: md ?? JSON.stringify(doc, null, 2) + '\n' })
      }
      const common = { slug: l.slug, title: l.title, minutes: l.minutes, required: l.required }
      if (l.kind === 'TEXT') lessons.push({ kind: 'TEXT', ...common, file: file ?? '' })
      else if (l.kind === 'VIDEO') {
        const entry: Record<string, unknown> = { kind: 'VIDEO', ...common }
        if (l.video?.provider === 'LOCAL' && l.video.localPath) {
          const video = `media/${l.slug}.mp4`
          files.push({
            path: video,
            data: await fs.readFile(path.join(mediaRoot(), l.video.localPath)),
          })
          entry.video = video
          entry.durationSeconds = Math.round(l.video.durationSec ?? 0)
        }
        if (file) entry.file = file
        lessons.push(entry)
      } else {
        lessons.push({
          kind: 'QUIZ',
          ...common,
          ...(l.quiz
            ? {
                attemptsAllowed: l.quiz.attemptsAllowed,
                gradingMethod: l.quiz.gradingMethod,
                ...(l.quiz.timeLimitSec
                  ? { timeLimitMinutes: Math.round(l.quiz.timeLimitSec / 60) }
                  : {}),
                // What it draws, slot by slot (decision 065), so every quiz the studio builds
                // comes back the same; a quiz drawing nothing yet has no slots to write.
                ...(l.quiz.slots.length
                  ? {
                      slots: l.quiz.slots.map((s) =>
                        s.question
                          ? { question: packQuestionId(courseId, s.question) }
                          : { category: s.category!.name, draw: s.drawCount },
                      ),
                    }
                  : {}),
              }
            : {}),
        })
      }
    }
    modules.push({ title: m.title, lessons })
  }
  const courseJson = {
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    area: course.area,
    jp: course.jp,
    competencies: course.competencies.map((c) => ({ code: c.competency.code, level: c.level })),
    passMark: course.passMark,
    modules,
  }
  files.unshift({ path: 'course.json', data: JSON.stringify(courseJson, null, 2) + '\n' })
  const questions = await exportQuestions(courseId)
  if (questions.length)
    files.push({ path: 'questions.json', data: JSON.stringify(questions, null, 2) + '\n' })
  // The images the questions show (decision 059), under images/<name>: parsePack reads them back
  // and the import stores them again (decision 068).
  const names = new Set(questions.flatMap(questionImageNames))
  for (const name of [...names].sort()) {
    const key = bankImageKey(name)
    const bytes = key ? await mediaStorage().get(key) : null
    if (bytes) files.push({ path: `images/${name}`, data: bytes })
  }
  return { slug: course.slug, files }
}

/** The course's current (not archived) questions in the pack's question format. */
async function exportQuestions(courseId: string) {
  const questions = await prisma.question.findMany({
    where: { archivedAt: null, category: { courseId }, currentVersionId: { not: null } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      externalId: true,
      category: { select: { name: true } },
      options: { select: { id: true, text: true, correct: true, feedback: true } },
      currentVersion: {
        select: {
          type: true,
          level: true,
          text: true,
          points: true,
          acceptedAnswers: true,
          numericAnswer: true,
          tolerance: true,
          feedback: true,
          optionIds: true,
          competency: { select: { code: true } },
        },
      },
    },
  })
  return questions.map((q) => {
    const v = q.currentVersion!
    const byId = new Map(q.options.map((o) => [o.id, o]))
    const options = v.optionIds
      .map((id) => byId.get(id))
      .filter((o): o is NonNullable<typeof o> => Boolean(o))
      .map((o) => ({
        text: o.text,
        correct: o.correct,
        ...(o.feedback ? { feedback: o.feedback } : {}),
      }))
    return {
      id: packQuestionId(courseId, q),
      type: v.type,
      competency: v.competency.code,
      level: v.level,
      text: v.text,
      ...(options.length ? { options } : {}),
      ...(v.acceptedAnswers.length ? { answers: v.acceptedAnswers } : {}),
      ...(v.numericAnswer !== null ? { answer: v.numericAnswer } : {}),
      ...(v.tolerance !== null ? { tolerance: v.tolerance } : {}),
      ...(v.feedback ? { feedback: v.feedback } : {}),
      ...(v.points !== 1 ? { points: v.points } : {}),
      category: q.category.name,
    }
  })
}
