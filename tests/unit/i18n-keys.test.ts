// Every message exists in both languages, and every key the app asks for exists.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '~/locales/en'
import id from '~/locales/id'

type Tree = { [k: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`),
  )
}

function has(tree: Tree, key: string) {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return false
    node = node[part]
  }
  return typeof node === 'string'
}

/** A key used with a dynamic last part (t(`roles.${r}`)) must be a branch in the tree. */
function hasBranch(tree: Tree, prefix: string) {
  let node: string | Tree | undefined = tree
  for (const part of prefix.split('.').filter(Boolean)) {
    if (typeof node !== 'object') return false
    node = node[part]
  }
  return typeof node === 'object'
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) return name === 'generated' ? [] : sourceFiles(p)
    return /\.(ts|tsx)$/.test(name) && !p.includes(`${path.sep}locales${path.sep}`) ? [p] : []
  })
}

const root = path.resolve(__dirname, '../../app')
const files = sourceFiles(root).map((f) => ({ f, text: readFileSync(f, 'utf8') }))

describe('locale files', () => {
  it('have the same keys in Indonesian and English, none empty', () => {
    const idKeys = leaves(id as unknown as Tree).sort()
    const enKeys = leaves(en as unknown as Tree).sort()
    expect(enKeys.filter((k) => !idKeys.includes(k))).toEqual([])
    expect(idKeys.filter((k) => !enKeys.includes(k))).toEqual([])
    for (const k of idKeys) {
      expect(String(k.split('.').reduce<unknown>((n, p) => (n as Tree)[p], id)).trim()).not.toBe('')
      expect(String(k.split('.').reduce<unknown>((n, p) => (n as Tree)[p], en)).trim()).not.toBe('')
    }
  })

  it('contain every literal key passed to t() in app/', () => {
    const missing: string[] = []
    for (const { f, text } of files) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
        const key = m[1]!
        if (!has(id as unknown as Tree, key) || !has(en as unknown as Tree, key))
          missing.push(`${path.relative(root, f)}: ${key}`)
      }
      // t(`ui.areas.${x}`): the fixed prefix must be a branch in both languages.
      for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z][\w.]*)\.\$\{/g)) {
        const prefix = m[1]!
        if (!hasBranch(id as unknown as Tree, prefix) || !hasBranch(en as unknown as Tree, prefix))
          missing.push(`${path.relative(root, f)}: ${prefix}.*`)
      }
    }
    expect(missing).toEqual([])
  })

  it('contain every error code and validation message the app raises', () => {
    const missing: string[] = []
    for (const { f, text } of files) {
      // new NotFoundError('course.notFound'), new FieldError('unitId', 'user.unknownUnit')
      for (const m of text.matchAll(
        /new (?:AppError|InvalidError|ForbiddenError|NotFoundError|ConflictError)\(\s*'([\w.]+)'/g,
      )) {
        if (!has(id as unknown as Tree, `errors.codes.${m[1]}`)) missing.push(`${f}: ${m[1]}`)
        if (!has(en as unknown as Tree, `errors.codes.${m[1]}`)) missing.push(`${f}: en ${m[1]}`)
      }
      for (const m of text.matchAll(/new FieldError\(\s*'\w+',\s*'([\w.]+)'/g)) {
        if (!has(id as unknown as Tree, `errors.codes.${m[1]}`)) missing.push(`${f}: ${m[1]}`)
        if (!has(en as unknown as Tree, `errors.codes.${m[1]}`)) missing.push(`${f}: en ${m[1]}`)
      }
      for (const m of text.matchAll(/'(validation\.[\w.]+)'/g)) {
        if (!has(id as unknown as Tree, `errors.${m[1]}`)) missing.push(`${f}: ${m[1]}`)
        if (!has(en as unknown as Tree, `errors.${m[1]}`)) missing.push(`${f}: en ${m[1]}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('finds keys that really are missing (the check can fail)', () => {
    expect(has(id as unknown as Tree, 'ui.catalogue.title')).toBe(true)
    expect(has(id as unknown as Tree, 'ui.catalogue.nope')).toBe(false)
    expect(hasBranch(en as unknown as Tree, 'ui.areas')).toBe(true)
  })
})
