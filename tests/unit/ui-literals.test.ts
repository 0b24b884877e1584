// Pages and components show text through the locale files only: no Indonesian sentence is written
// into a route or component (an English reader would see it as it is). Comments may mention
// Indonesian terms; string literals and JSX text may not.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../../app')
const files = [
  ...readdirSync(path.join(root, 'routes')).map((f) => path.join(root, 'routes', f)),
  ...readdirSync(path.join(root, 'components')).map((f) => path.join(root, 'components', f)),
  path.join(root, 'root.tsx'),
  // Pages and components (.tsx); resource routes (.ts) answer files and plain-text statuses.
].filter((f) => /\.tsx$/.test(f))

/** Words of Indonesian sentences that no code, id or English text uses. */
const WORDS =
  /\b(tidak|yang|untuk|dengan|Anda|sudah|belum|harus|wajib|silakan|Pilih|Kirim|Simpan|Kembali|detik|menit|ditemukan|dikenal)\b/

function literals(text: string) {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
  const out: string[] = []
  for (const m of noComments.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g))
    out.push(m[0])
  // JSX text: between a tag or an expression and the next tag or expression.
  for (const m of noComments.matchAll(/[>}]([^<>{}]+)(?=[<{])/g))
    if (m[1]!.trim()) out.push(m[1]!.trim())
  return out
}

describe('UI text', () => {
  it('routes and components hold no Indonesian sentence outside the locale files', () => {
    const found: string[] = []
    for (const f of files) {
      for (const l of literals(readFileSync(f, 'utf8')))
        if (WORDS.test(l)) found.push(`${path.relative(root, f)}: ${l.slice(0, 90)}`)
    }
    expect(found).toEqual([])
  })

  it('the scan finds a sentence (the check can fail)', () => {
    const l = literals(
      "const x = <p>Tonton videonya dalam {n} detik</p>; const y = 'Kuis tidak ada'",
    )
    expect(l.filter((s) => WORDS.test(s))).toHaveLength(2)
  })
})
