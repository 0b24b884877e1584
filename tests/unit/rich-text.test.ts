import { describe, expect, it } from 'vitest'
import { prepareLessonContent, RichTextError, validateLessonDoc } from '~/utils/rich-text.server'
import { markdownToDoc } from '~/utils/markdown.server'

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

  it('refuses javascript: and data: links', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      '//evil.example/x',
    ]) {
      expect(() =>
        validateLessonDoc({
          type: 'doc',
          content: [para('klik', [{ type: 'link', attrs: { href } }])],
        }),
      ).toThrow(/tidak diizinkan/)
    }
  })

  it('refuses unknown nodes and marks with their name', () => {
    expect(() =>
      validateLessonDoc({ type: 'doc', content: [{ type: 'script', content: [] }] }),
    ).toThrow(/"script" tidak dikenal/)
    expect(() =>
      validateLessonDoc({ type: 'doc', content: [para('x', [{ type: 'highlight' }])] }),
    ).toThrow(/"highlight" tidak dikenal/)
    expect(() => validateLessonDoc({ type: 'paragraph' })).toThrow(RichTextError)
  })

  it('refuses bad nesting', () => {
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
    expect(() => validateLessonDoc(bad)).toThrow(/Struktur dokumen tidak valid/)
    expect(() =>
      validateLessonDoc({ type: 'doc', content: [{ type: 'text', text: 'teks lepas' }] }),
    ).toThrow(/Struktur dokumen tidak valid/)
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

  it('refuses raw HTML and images with the line', () => {
    expect(() => markdownToDoc('Teks\n\n<script>alert(1)</script>\n')).toThrow(/HTML/)
    expect(() => markdownToDoc('![gambar](https://x.example/a.png)')).toThrow(/gambar/i)
  })
})
