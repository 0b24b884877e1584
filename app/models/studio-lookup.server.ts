// Reference lists the studio forms offer.
import { docToMarkdown } from '~/utils/markdown-out.server'
import type { TiptapDoc } from '~/utils/rich-text'
import { prisma } from '~/utils/db.server'

export function competencyChoices() {
  return prisma.competency.findMany({
    orderBy: { code: 'asc' },
    select: { code: true, name: true },
  })
}

/** The lesson as pack Markdown for the no-JavaScript form, or null when Markdown cannot carry it. */
export function lessonMarkdown(doc: TiptapDoc) {
  return docToMarkdown(doc)
}
