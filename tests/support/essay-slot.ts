// An essay question in a child category of the pack quiz's bank, published as it stands
// (decision 111), in a fixed slot of the quiz: every attempt started while a test file runs holds
// it. The caller removes the slot afterwards.
import { prisma } from '~/utils/db.server'
import { COURSE, QUIZ } from './learning'

export async function addEssaySlot(opts: { category: string; text: string; contentHash: string }) {
  const course = await prisma.course.findUniqueOrThrow({
    where: { slug: COURSE },
    select: { id: true },
  })
  const quiz = await prisma.quiz.findFirstOrThrow({
    where: { lesson: { slug: QUIZ, module: { courseId: course.id } } },
    select: { id: true, slots: true, lesson: { select: { title: true } } },
  })
  const competency = await prisma.competency.findUniqueOrThrow({
    where: { code: 'T.LD.01' },
    select: { id: true },
  })
  const category = await prisma.questionCategory.create({
    data: { courseId: course.id, parentId: quiz.slots[0]!.categoryId!, name: opts.category },
    select: { id: true },
  })
  const essay = await prisma.question.create({
    data: { categoryId: category.id },
    select: { id: true },
  })
  const version = await prisma.questionVersion.create({
    data: {
      questionId: essay.id,
      version: 1,
      type: 'ESSAY',
      competencyId: competency.id,
      level: 2,
      points: 2,
      text: opts.text,
      contentHash: opts.contentHash,
    },
    select: { id: true },
  })
  await prisma.question.update({
    where: { id: essay.id },
    data: { currentVersionId: version.id, publishedVersionId: version.id },
  })
  const slot = await prisma.quizSlot.create({
    data: { quizId: quiz.id, position: 1, questionId: essay.id },
    select: { id: true },
  })
  return {
    courseId: course.id,
    quizId: quiz.id,
    quizTitle: quiz.lesson.title,
    /** How many slots the quiz had before this one. */
    slotsBefore: quiz.slots.length,
    categoryId: category.id,
    essayId: essay.id,
    slotId: slot.id,
  }
}
