// The content-pack check refuses lesson links that leave the site unsafely (issue 10, point 7).
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PackError, parsePack } from '~/models/content-pack.server'
import { validateLessonDoc } from '~/utils/rich-text.server'
import { prisma } from '~/utils/db.server'

const SRC = 'content/courses/keamanan-digital-asn'
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bina-links-'))
afterAll(() => fs.rm(tmp, { recursive: true, force: true }))

async function packWithLink(href: string) {
  const dir = path.join(tmp, String(Math.random()).slice(2), 'keamanan-digital-asn')
  await fs.cp(SRC, dir, { recursive: true })
  const lesson = path.join(dir, 'lessons', '01-kata-sandi-yang-kuat.md')
  await fs.appendFile(lesson, `\n\nBaca juga [panduan](${href}).\n`)
  return dir
}

const known = new Set(
  (await prisma.competency.findMany({ select: { code: true } })).map((c) => c.code),
)

describe('pack check', () => {
  it.each([
    '/\\evil.example',
    'http:',
    'http://evil.example',
    '//evil.example',
    'javascript:alert(1)',
  ])('refuses a lesson linking to %j', async (href) => {
    const dir = await packWithLink(href)
    const err = await parsePack(dir, known).catch((e) => e)
    expect(err).toBeInstanceOf(PackError)
    expect(String(err.message)).toMatch(/tidak diizinkan/)
  })

  it.each(['https://www.bssn.go.id/', '/courses'])('accepts %j', async (href) => {
    const dir = await packWithLink(href)
    await expect(parsePack(dir, known)).resolves.toBeTruthy()
  })

  it('the rich-text validator (used by the editor) applies the same rule', () => {
    const doc = (href: string) => ({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }],
        },
      ],
    })
    expect(() => validateLessonDoc(doc('/\\evil.example'))).toThrow()
    expect(() => validateLessonDoc(doc('https://www.bssn.go.id/'))).not.toThrow()
  })
})
