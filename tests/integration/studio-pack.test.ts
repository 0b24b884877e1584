// Packs both ways (issue 12.1, decision 055): a course started from a pack, exported from the
// studio as a ZIP, reads back as the same pack (lessons, videos, quizzes with the essay
// assignment, questions); importing it again adds no question version and changes no lesson, and
// a second export is byte-identical. Runs on a copy of a real pack with its own slug and question
// ids, so the shared pack courses stay as they are.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { importPack, parsePack, type ParsedPack } from '~/models/content-pack.server'
import { exportCoursePack } from '~/models/studio-export.server'
import { loader as exportLoader } from '~/routes/studio.courses.$courseId.export'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'

const SOURCE = 'content/courses/pelayanan-publik-prima'
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bina-pack-'))

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true })
  await closeQueues()
  redis().disconnect()
})

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

/** What a pack says, without where its files sit and with the importer's defaults applied. */
function contentOf(p: ParsedPack) {
  const bankSize = {
    auto: p.questions.filter((q) => q.type !== 'ESSAY').length,
    essay: p.questions.filter((q) => q.type === 'ESSAY').length,
  }
  return {
    course: {
      ...p.course,
      modules: p.course.modules.map((m) => ({
        title: m.title,
        lessons: m.lessons.map((l) => {
          const { file: _file, ...rest } = l as typeof l & { file?: string }
          if (rest.kind === 'VIDEO') return { ...rest, video: 'video' }
          if (rest.kind === 'QUIZ') {
            // What the quiz draws: its slots (an export writes them), or the shorthand's category.
            const { questions, draw, slots, ...quiz } = rest
            const category = `${questions === 'essay' ? 'Esai' : 'Bank soal'}: ${p.course.title}`
            return {
              ...quiz,
              attemptsAllowed: rest.attemptsAllowed ?? 3,
              gradingMethod: rest.gradingMethod ?? 'HIGHEST',
              timeLimitMinutes: rest.timeLimitMinutes ?? 20,
              draws: slots ?? [{ category, draw: Math.min(draw ?? 10, bankSize[questions]) }],
            }
          }
          return rest
        }),
      })),
    },
    lessons: [...p.lessons.entries()].map(([slug, c]) => [slug, c.html]).sort(),
    videos: [...p.videos.entries()]
      .map(([slug, file]) => [slug, sha(fs.readFileSync(file))])
      .sort(),
    questions: [...p.questions]
      .map((q) => ({
        ...q,
        category: q.category ?? `${q.type === 'ESSAY' ? 'Esai' : 'Bank soal'}: ${p.course.title}`,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  }
}

async function known() {
  return new Set((await prisma.competency.findMany({ select: { code: true } })).map((c) => c.code))
}

describe('course pack export', () => {
  it('a ZIP export re-imports unchanged, and exporting again gives the same files', async () => {
    // An isolated copy of a real pack: its own slug, title and question ids.
    const stamp = Date.now().toString(36)
    const slug = `uji-ekspor-${stamp}`
    const src = path.join(tmp, 'src', slug)
    fs.cpSync(SOURCE, src, { recursive: true })
    const courseJson = JSON.parse(fs.readFileSync(path.join(src, 'course.json'), 'utf8'))
    fs.writeFileSync(
      path.join(src, 'course.json'),
      JSON.stringify({ ...courseJson, slug, title: `Uji Ekspor ${stamp}` }),
    )
    const questions = JSON.parse(fs.readFileSync(path.join(src, 'questions.json'), 'utf8')) as {
      id: string
    }[]
    fs.writeFileSync(
      path.join(src, 'questions.json'),
      JSON.stringify(questions.map((q) => ({ ...q, id: `${stamp}-${q.id}` }))),
    )
    const original = await parsePack(src, await known())
    expect(
      original.course.modules.flatMap((m) => m.lessons).filter((l) => l.kind === 'QUIZ'),
      'the pack has its final quiz and its optional essay assignment',
    ).toMatchObject([
      { slug: 'kuis-akhir', questions: 'auto', required: true },
      { slug: 'tugas-esai', questions: 'essay', required: false },
    ])
    const { courseId } = await importPack(original, env.MEDIA_DIR)

    // Exported through the studio's route, as an instructor downloads it.
    const admin = await createTestUser({ roles: ['ADMIN', 'INSTRUCTOR'] })
    const cookie = (await createSession(admin.id, {})).split(';')[0]!
    const res = (await exportLoader({
      request: new Request(`http://localhost/studio/courses/${courseId}/export`, {
        headers: { Cookie: cookie },
      }),
      params: { courseId },
      context: {},
    })) as Response
    expect(res.headers.get('Content-Type')).toBe('application/zip')
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
    const out = path.join(tmp, 'out')
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue
      const file = path.join(out, entry.name)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, await entry.async('nodebuffer'))
    }
    const exported = await parsePack(path.join(out, slug), await known())
    expect(contentOf(exported)).toEqual(contentOf(original))

    // Imported again: the same questions (no new version), the same lessons.
    const versions = () =>
      prisma.questionVersion.count({ where: { question: { category: { courseId } } } })
    const lessons = () =>
      prisma.lesson.findMany({
        where: { module: { courseId }, archivedAt: null },
        orderBy: { slug: 'asc' },
        select: { slug: true, title: true, kind: true, contentHtml: true, videoId: true },
      })
    const [versionsBefore, lessonsBefore] = [await versions(), await lessons()]
    const current = () =>
      prisma.course.findUniqueOrThrow({
        where: { id: courseId },
        select: { currentVersionId: true },
      })
    const versionBefore = await current()
    // Unchanged: no new course version either (decision 065).
    expect(await importPack(exported, env.MEDIA_DIR)).toMatchObject({
      published: false,
      version: 1,
    })
    expect(await current()).toEqual(versionBefore)
    expect(await versions()).toBe(versionsBefore)
    expect(await lessons()).toEqual(lessonsBefore)

    // And the next export is the same, file for file, byte for byte.
    const files = (p: Awaited<ReturnType<typeof exportCoursePack>>) =>
      p.files.map((f) => [f.path, sha(f.data)]).sort()
    const again = await exportCoursePack(courseId)
    const zipped = await Promise.all(
      Object.values(zip.files)
        .filter((e) => !e.dir)
        .map(async (e) => [e.name.slice(slug.length + 1), sha(await e.async('nodebuffer'))]),
    )
    expect(files(again)).toEqual(zipped.sort())
  })
})
