import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { diffCourse, type CourseSnapshot } from '~/domain/course-diff'
import { markdownToDoc } from '~/utils/markdown.server'
import { docToMarkdown } from '~/utils/markdown-out.server'
import { Mp4DurationProbe } from '~/utils/mp4-probe'
import { prepareLessonContent } from '~/utils/rich-text.server'

const lesson = (
  id: string,
  position: number,
  extra: Partial<CourseSnapshot['lessons'][0]> = {},
) => ({
  lessonId: id,
  slug: id,
  title: id,
  kind: 'TEXT',
  required: true,
  minutes: 10,
  contentHtml: `<p>${id}</p>`,
  videoId: null,
  moduleTitle: 'M',
  modulePosition: 0,
  position,
  ...extra,
})
const course = (lessons: CourseSnapshot['lessons']): CourseSnapshot => ({
  title: 'K',
  summary: 'S',
  jp: 2,
  passMark: 70,
  lessons,
})

describe('course diff', () => {
  it('is empty for the same draft, and a removal does not count later lessons as moved', () => {
    const v = course([lesson('a', 0), lesson('b', 1), lesson('c', 2)])
    expect(diffCourse(v, v).empty).toBe(true)
    const d = diffCourse(v, course([lesson('a', 0), lesson('c', 2)]))
    expect(d.removed.map((l) => l.lessonId)).toEqual(['b'])
    expect(d.changed).toEqual([])
  })
  it('names content and order changes, and a first version is never empty', () => {
    const v = course([lesson('a', 0), lesson('b', 1)])
    const d = diffCourse(v, course([lesson('b', 0), lesson('a', 1, { contentHtml: '<p>x</p>' })]))
    expect(d.changed).toEqual([
      { lessonId: 'b', title: 'b', changes: ['place'] },
      { lessonId: 'a', title: 'a', changes: ['content', 'place'] },
    ])
    expect(diffCourse(null, v).empty).toBe(false)
  })
})

describe('pack Markdown round trip', () => {
  it('every pack lesson survives Tiptap JSON → Markdown → JSON unchanged', () => {
    const root = 'content/courses'
    for (const pack of fs.readdirSync(root)) {
      const dir = path.join(root, pack, 'lessons')
      for (const f of fs.readdirSync(dir)) {
        const a = prepareLessonContent(markdownToDoc(fs.readFileSync(path.join(dir, f), 'utf8')))
        const back = docToMarkdown(a.json)
        expect(back, f).not.toBeNull()
        expect(prepareLessonContent(markdownToDoc(back!)).html, f).toBe(a.html)
      }
    }
  })
  it('refuses to turn a table or image into Markdown', () => {
    expect(
      docToMarkdown({
        type: 'doc',
        content: [{ type: 'image', attrs: { src: '/media/images/x.png' } }],
      }),
    ).toBeNull()
  })
})

describe('MP4 duration probe', () => {
  it('reads the duration whatever the chunk size', () => {
    const dir = 'content/courses/keamanan-digital-asn/media'
    const buf = fs.readFileSync(
      path.join(
        dir,
        fs.readdirSync(dir).find((f) => f.endsWith('.mp4'))!,
      ),
    )
    for (const step of [1, 7, 4096, buf.length]) {
      const p = new Mp4DurationProbe()
      for (let i = 0; i < buf.length; i += step) p.push(buf.subarray(i, i + step))
      expect(Math.round(p.duration!)).toBe(35)
    }
    const broken = new Mp4DurationProbe()
    broken.push(buf.subarray(0, 1000))
    expect(broken.duration).toBeNull()
  })
})
