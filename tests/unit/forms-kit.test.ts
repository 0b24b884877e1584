// The form kit's guard (issue 8 point 5, decision 090): every POST form in a route or a shared
// component is a Conform form (`getFormProps(...)` on its tag), and a route with one parses its
// action with `parseWithZod`. The only plain POST forms allowed are one-button intent forms
// (decision 042: nothing to validate), each marked on the line above with `form-kit: intent only`.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(__dirname, '../..')
const DIRS = ['app/routes', 'app/components']
const MARK = 'form-kit: intent only'

/** Each opening tag of a form element (<form, <Form, <fetcher.Form) with its line number. */
export function formTags(source: string) {
  const tags: { line: number; tag: string; before: string }[] = []
  const start = /<(form|Form|[A-Za-z]\w*\.Form)(?=[\s>])/g
  for (let m = start.exec(source); m; m = start.exec(source)) {
    let depth = 0
    let quote: string | null = null
    let end = m.index + m[0].length
    for (; end < source.length; end++) {
      const c = source[end]!
      if (quote) {
        if (c === quote) quote = null
      } else if (c === '"' || c === "'" || c === '`') quote = c
      else if (c === '{') depth++
      else if (c === '}') depth--
      else if (c === '>' && depth === 0) break
    }
    const line = source.slice(0, m.index).split('\n').length
    const lines = source.split('\n')
    tags.push({
      line,
      tag: source.slice(m.index, end + 1),
      before: lines.slice(Math.max(0, line - 3), line - 1).join('\n'),
    })
  }
  return tags
}

/** A POST form: method="post" (any case), or a fetcher form (they post what they change). */
function posts(tag: string) {
  return /method=\{?["']post["']\}?/i.test(tag) || /^<\w+\.Form/.test(tag)
}

/** The problems of one file: POST forms off the kit, or a kit form whose action skips Zod. */
export function problemsOf(file: string, source: string) {
  const problems: string[] = []
  let kitForms = 0
  for (const { line, tag, before } of formTags(source)) {
    if (!posts(tag)) continue
    if (tag.includes('getFormProps(')) kitForms++
    else if (!before.includes(MARK))
      problems.push(`${file}:${line} POST form without Conform (getFormProps)`)
  }
  if (kitForms && file.startsWith('app/routes/') && !source.includes('parseWithZod('))
    problems.push(`${file} has a Conform POST form but its action does not use parseWithZod`)
  return problems
}

/**
 * Decision 045: a form names its intent by the button that submits it (StatusButton `intent`, or
 * a `<button name="intent">`), never by an input: a hidden `intent` next to a button's was sent
 * twice, and the button's value is what the browser sends without JavaScript anyway.
 */
export function intentInputsOf(file: string, source: string) {
  const problems: string[] = []
  const input =
    /<input\b[^>]*?(?:name=(?:"intent"|'intent'|\{'intent'\})|getInputProps\(\s*[\w.]*\bintent\b)/g
  for (const m of source.matchAll(input))
    problems.push(`${file}:${source.slice(0, m.index).split('\n').length} an input named intent`)
  return problems
}

function sources() {
  return DIRS.flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith('.tsx'))
      .map((f) => {
        const file = `${dir}/${f}`
        return { file, source: fs.readFileSync(path.join(ROOT, file), 'utf8') }
      }),
  )
}

describe('form kit guard', () => {
  it('every POST form of app/routes and app/components is on Conform + Zod', () => {
    const all = sources()
    expect(all.length).toBeGreaterThan(50)
    expect(all.flatMap(({ file, source }) => problemsOf(file, source))).toEqual([])
  })

  it('no form sends its intent through an input (the submitting button carries it)', () => {
    expect(sources().flatMap(({ file, source }) => intentInputsOf(file, source))).toEqual([])
    for (const bad of [
      '<input type="hidden" name="intent" value="confirm" />',
      "<input {...getInputProps(fields.intent, { type: 'hidden' })} />",
      "<input type='hidden'\n  name={'intent'} value={x} />",
    ])
      expect(intentInputsOf('app/routes/x.tsx', bad), bad).toHaveLength(1)
    for (const ok of [
      '<StatusButton intent="confirm">Go</StatusButton>',
      '<button type="submit" name="intent" value="save">',
      '<input type="hidden" name="intentional" value="1" />',
    ])
      expect(intentInputsOf('app/routes/x.tsx', ok), ok).toEqual([])
  })

  it('fails on a new plain POST form, a fetcher form, and a kit form without parseWithZod', () => {
    const plain = `export default function P() {\n  return (\n    <Form method="post" className="x">\n      <input name="a" />\n    </Form>\n  )\n}`
    expect(problemsOf('app/routes/x.tsx', plain)).toEqual([
      'app/routes/x.tsx:3 POST form without Conform (getFormProps)',
    ])
    const html = `<form action="/y" method="POST" onSubmit={(e) => { if (a > b) e.preventDefault() }}>`
    expect(problemsOf('app/routes/y.tsx', html)).toHaveLength(1)
    const fetcher = `<fetcher.Form action="/z">`
    expect(problemsOf('app/components/z.tsx', fetcher)).toHaveLength(1)
    const noZod = `<Form method="post" {...getFormProps(form)}>`
    expect(problemsOf('app/routes/w.tsx', noZod)).toEqual([
      'app/routes/w.tsx has a Conform POST form but its action does not use parseWithZod',
    ])
    // The mark must be right above the form, and GET forms are the search kit's (decision 042).
    const far = `{/* ${MARK} */}\n\n\n\n<Form method="post">`
    expect(problemsOf('app/routes/v.tsx', far)).toHaveLength(1)
    expect(problemsOf('app/routes/v.tsx', `{/* ${MARK} */}\n<Form method="post">`)).toEqual([])
    expect(problemsOf('app/routes/g.tsx', `<Form method="get">`)).toEqual([])
    expect(
      problemsOf('app/routes/k.tsx', `<Form method="post" {...getFormProps(f)}>parseWithZod(`),
    ).toEqual([])
  })
})
