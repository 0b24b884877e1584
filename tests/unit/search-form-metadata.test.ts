// A GET form rendered on the server without a reply takes its metadata from
// staticSearchMetadata, not from Conform's form context (decision 125): what the markup is made of
// (the form's props, each control's props for every kind of input the search forms use, the error
// ids and errors) must be exactly what Conform's useForm gives, or hydration would differ.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type FormMetadata,
} from '@conform-to/react'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { staticSearchMetadata } from '~/components/forms'

const NAMES = ['q', 'maxJp', 'area', 'from', 'flag', 'page', 'missing']

/** Everything the markup can take from the metadata, for each name. */
function derived(form: FormMetadata, fields: Record<string, FieldMetadata>) {
  const out: Record<string, unknown> = {
    // The submit handler is no markup (React does not write it, and it is attached on hydration).
    form: { ...getFormProps(form), onSubmit: undefined },
    formErrorId: form.errorId,
    formErrors: form.errors,
  }
  for (const n of NAMES) {
    const f = fields[n]!
    out[n] = {
      text: getInputProps(f, { type: 'text' }),
      search: getInputProps(f, { type: 'search' }),
      number: getInputProps(f, { type: 'number' }),
      date: getInputProps(f, { type: 'date' }),
      checkbox: getInputProps(f, { type: 'checkbox' }),
      select: getSelectProps(f),
      textarea: getTextareaProps(f),
      errorId: f.errorId,
      errors: f.errors,
      id: f.id,
    }
  }
  return out
}

function withConform(id: string, defaultValue: Record<string, unknown>) {
  let seen: unknown
  function Probe() {
    const [form, fields] = useForm({
      id,
      defaultValue: defaultValue as never,
      shouldValidate: 'onSubmit',
    })
    seen = derived(form as FormMetadata, fields as unknown as Record<string, FieldMetadata>)
    return null
  }
  renderToString(createElement(Probe))
  return seen
}

function withStatic(id: string, defaultValue: Record<string, unknown>) {
  const m = staticSearchMetadata(id, defaultValue)!
  return derived(m[0] as unknown as FormMetadata, m[1] as unknown as Record<string, FieldMetadata>)
}

describe('search form metadata on the server', () => {
  it.each<[string, Record<string, unknown>]>([
    ['empty defaults', {}],
    ['empty strings', { q: '', area: '' }],
    ['values', { q: 'phishing', area: 'LITERASI_DIGITAL', from: '2026-01-31' }],
    ['a number and zero', { maxJp: 6, page: 0 }],
    ['undefined and null', { q: undefined, area: null }],
    ['booleans', { flag: true, page: false }],
    ['a date', { from: new Date('2026-12-02T03:04:05.000Z') }],
    ['text with quotes', { q: 'a "b" <c>' }],
  ])('is what Conform gives: %s', (_, defaultValue) => {
    expect(withStatic('profile-target', defaultValue)).toEqual(
      withConform('profile-target', defaultValue),
    )
  })

  it('leaves lists and objects to Conform', () => {
    expect(staticSearchMetadata('f', { q: ['a', 'b'] })).toBeNull()
    expect(staticSearchMetadata('f', { range: { from: '2026-01-01' } })).toBeNull()
  })
})
