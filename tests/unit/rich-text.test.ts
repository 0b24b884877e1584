import { describe, expect, it } from 'vitest'
import { prepareLessonContent, RichTextError, validateLessonDoc } from '~/utils/rich-text.server'
import { markdownToDoc, MarkdownError } from '~/utils/markdown.server'
import { messageTemplate, renderMessage } from '~/utils/messages'
import type { AppError } from '~/utils/errors'

/** The coded error a validator throws (fails when it accepts). */
function refusal(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    expect(e instanceof RichTextError || e instanceof MarkdownError, String(e)).toBe(true)
    return e as AppError
  }
  throw new Error('accepted')
}

const para = (text: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
})

describe('lesson documents', () => {
  it('renders a valid document to HTML with text escaped', () => {
    const out = prepareLessonContent({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Kata Sandi' }] },
        para('<script>alert(1)</script> & teks', [{ type: 'bold' }]),
        para('JDIH', [{ type: 'link', attrs: { href: 'https://jdih.menpan.go.id' } }]),
      ],
    })
    expect(out.html).toContain('<h2>Kata Sandi</h2>')
    expect(out.html).toContain('&lt;script&gt;')
    expect(out.html).not.toContain('<script>')
    expect(out.html).toMatch(/<a [^>]*href="https:\/\/jdih\.menpan\.go\.id"/)
    expect(out.text).toContain('Kata Sandi')
  })

  it('refuses javascript: and data: links, naming the link, in both languages', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      '//evil.example/x',
    ]) {
      const e = refusal(() =>
        validateLessonDoc({
          type: 'doc',
          content: [para('klik', [{ type: 'link', attrs: { href } }])],
        }),
      )
      expect(e).toMatchObject({ code: 'lessonDoc.link', status: 400, params: { href } })
      expect(e.params.path).toBe('doc › paragraph[0] › text[0]')
      expect(renderMessage(e, 'id')).toBe(
        `Tautan "${href}" tidak diizinkan: gunakan alamat https:// atau halaman Bina (diawali /) (di doc › paragraph[0] › text[0]).`,
      )
      expect(renderMessage(e, 'en')).toBe(
        `Link "${href}" is not allowed: use an https:// address or a Bina page (starting with /) (at doc › paragraph[0] › text[0]).`,
      )
    }
  })

  it('refuses unknown nodes and marks with their name', () => {
    const node = refusal(() =>
      validateLessonDoc({ type: 'doc', content: [{ type: 'script', content: [] }] }),
    )
    expect(node).toMatchObject({ code: 'lessonDoc.unknownNode', params: { type: 'script' } })
    expect(renderMessage(node, 'id')).toMatch(/"script" tidak dikenal \(di doc › script\[0\]\)/)
    expect(renderMessage(node, 'en')).toBe('Unknown node type "script" (at doc › script[0]).')
    const mark = refusal(() =>
      validateLessonDoc({ type: 'doc', content: [para('x', [{ type: 'highlight' }])] }),
    )
    expect(mark).toMatchObject({ code: 'lessonDoc.unknownMark', params: { type: 'highlight' } })
    expect(renderMessage(mark, 'en')).toBe(
      'Unknown format "highlight" (at doc › paragraph[0] › text[0]).',
    )
    expect(refusal(() => validateLessonDoc({ type: 'paragraph' })).code).toBe('lessonDoc.notDoc')
    const image = refusal(() =>
      validateLessonDoc({
        type: 'doc',
        content: [{ type: 'image', attrs: { src: 'https://tracker.example/p.png' } }],
      }),
    )
    expect(image).toMatchObject({ code: 'lessonDoc.image' })
    expect(renderMessage(image, 'en')).toMatch(/^Image "https:\/\/tracker.example\/p.png" is not/)
  })

  it('refuses bad nesting, naming the node whose content does not fit', () => {
    // A heading directly inside a bullet list is not allowed by the schema.
    const bad = {
      type: 'doc',
      content: [
        {
          type: 'bulletList',
          content: [
            { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'x' }] },
          ],
        },
      ],
    }
    const e = refusal(() => validateLessonDoc(bad))
    expect(e).toMatchObject({ code: 'lessonDoc.content', params: { node: 'bulletList' } })
    expect(renderMessage(e, 'id')).toMatch(/^Struktur dokumen tidak valid: isi "bulletList"/)
    expect(renderMessage(e, 'en')).toMatch(
      /^Invalid document structure: the content of "bulletList" does not follow/,
    )
    const loose = refusal(() =>
      validateLessonDoc({ type: 'doc', content: [{ type: 'text', text: 'teks lepas' }] }),
    )
    expect(loose).toMatchObject({ code: 'lessonDoc.content', params: { node: 'doc' } })
    expect(String(loose.params.detail)).toContain('teks lepas')
    const tooMany = refusal(() =>
      validateLessonDoc({
        type: 'doc',
        content: Array.from({ length: 20_001 }, () => ({ type: 'paragraph' })),
      }),
    )
    expect(renderMessage(tooMany, 'en')).toBe('The document is too large (more than 20000 nodes).')
  })

  it('every refusal is a code whose text in both languages gets all its values', () => {
    const docs: unknown[] = [
      null,
      { type: 'doc', content: [{ content: [] }] },
      { type: 'doc', content: [{ type: 'courseVideo', attrs: { videoId: '../x' } }] },
      { type: 'doc', content: [{ type: 'paragraph', marks: [{ type: 'bold' }] }] },
      { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] },
    ]
    const errors = docs.map((d) => refusal(() => validateLessonDoc(d)))
    for (const md of [
      '![a](https://x.example/a.png)',
      '<div>x</div>',
      '# Satu',
      '| a |\n|---|\n| 1 |\n',
      'a <b>x</b>',
    ])
      errors.push(refusal(() => markdownToDoc(md)))
    expect(new Set(errors.map((e) => e.code)).size).toBeGreaterThanOrEqual(8)
    for (const e of errors)
      for (const lng of ['id', 'en'] as const) {
        const template = messageTemplate(e.code, lng)
        expect(template, `${lng}: ${e.code}`).toBeDefined()
        for (const [, name] of template!.matchAll(/\{\{(\w+)\}\}/g))
          expect(e.params, `${lng}: ${e.code}`).toHaveProperty(name!)
      }
  })
})

describe('markdown lessons', () => {
  it('converts the supported subset to the editor JSON', () => {
    const doc = markdownToDoc(
      '## Judul\n\nTeks **tebal** dan *miring* dengan [tautan](https://lapor.go.id) dan `kode`.\n\n- satu\n- dua\n\n1. pertama\n2. kedua\n\n> kutipan\n',
    )
    const types = doc.content!.map((n) => n.type)
    expect(types).toEqual(['heading', 'paragraph', 'bulletList', 'orderedList', 'blockquote'])
    expect(() => validateLessonDoc(doc)).not.toThrow()
    const html = prepareLessonContent(doc).html
    expect(html).toContain('<strong>tebal</strong>')
    expect(html).toContain('<em>miring</em>')
    expect(html).toContain('<code>kode</code>')
  })

  it('refuses raw HTML, images and unsupported headings with the source, in both languages', () => {
    const html = refusal(() => markdownToDoc('Teks\n\n<script>alert(1)</script>\n'))
    expect(html).toBeInstanceOf(MarkdownError)
    expect(html).toMatchObject({
      code: 'lessonDoc.markdown.html',
      status: 400,
      params: { html: '<script>alert(1)</script>' },
    })
    expect(renderMessage(html, 'id')).toBe('HTML mentah tidak diizinkan: <script>alert(1)</script>')
    expect(renderMessage(html, 'en')).toBe('Raw HTML is not allowed: <script>alert(1)</script>')
    const image = refusal(() => markdownToDoc('![gambar](https://x.example/a.png)'))
    expect(image.code).toBe('lessonDoc.markdown.image')
    expect(renderMessage(image, 'en')).toMatch(/^Images are not supported in Markdown lessons/)
    const heading = refusal(() => markdownToDoc('#### Terlalu dalam'))
    expect(heading).toMatchObject({ params: { level: 4, text: 'Terlalu dalam' } })
    expect(renderMessage(heading, 'en')).toBe(
      'Heading level 4 is not supported: use "##" or "###" ("Terlalu dalam").',
    )
  })
})
