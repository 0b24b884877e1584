// GET forms: the URL parsed with the form's schema; a bad value is dropped explicitly and reported
// for that field, the other filters still apply, and nothing throws.
import { describe, expect, it } from 'vitest'
import { catalogueFilterSchema } from '~/schemas/catalogue'
import { auditFilterSchema } from '~/schemas/org'
import { peopleFilterSchema } from '~/schemas/supervision'
import { teamSearchSchema } from '~/schemas/team'
import { InvalidError } from '~/utils/errors'
import { renderMessage } from '~/utils/messages'
import { dropSearchValue, parseSearch, readSearch } from '~/utils/search-params.server'

const qs = (s: string) => new URLSearchParams(s)

describe('parseSearch', () => {
  it('applies valid filters and reports nothing', () => {
    const r = parseSearch(qs('q=phishing&area=LITERASI_DIGITAL&maxJp=10'), catalogueFilterSchema)
    expect(r.value).toEqual({ q: 'phishing', area: 'LITERASI_DIGITAL', maxJp: 10 })
    expect(r.result).toBeUndefined()
    expect(r.ignored).toEqual([])
  })

  it('gives each caller its own copy of the answer for no parameters (remembered per schema)', () => {
    const first = parseSearch(qs(''), peopleFilterSchema)
    const expected = structuredClone(first)
    // A caller changing what it got does not change what the next caller gets.
    ;(first.value as Record<string, unknown>).page = 99
    first.ignored.push('page')
    expect(parseSearch(qs(''), peopleFilterSchema)).toEqual(expected)
    // The same as parsing with parameters that are all absent, schema by schema.
    for (const schema of [
      catalogueFilterSchema,
      peopleFilterSchema,
      auditFilterSchema,
      teamSearchSchema,
    ])
      expect(parseSearch(qs(''), schema)).toEqual(parseSearch(qs('unknown=1'), schema))
  })

  it('treats empty fields as absent (a submitted empty form)', () => {
    const r = parseSearch(qs('q=&area=&competency=&maxJp='), catalogueFilterSchema)
    expect(r.value).toEqual({})
    expect(r.result).toBeUndefined()
  })

  it('drops only the bad values, keeps the rest, and says why per field', () => {
    const r = parseSearch(qs('q=uang&area=NOPE&maxJp=abc'), catalogueFilterSchema)
    expect(r.value).toEqual({ q: 'uang' })
    expect(r.ignored.sort()).toEqual(['area', 'maxJp'])
    expect(r.result?.status).toBe('error')
    const errors = r.result?.error ?? {}
    expect(renderMessage(errors.area![0]!)).toBe('Pilihan ini tidak dikenal; filter ini diabaikan.')
    expect(renderMessage(errors.maxJp![0]!, 'en')).toMatch(/Maximum JP must be a whole number/)
    // The form shows what was typed next to the message.
    expect(r.result?.initialValue).toMatchObject({ area: 'NOPE', maxJp: 'abc' })
  })

  it('falls back to the first page for a page that is not a positive whole number', () => {
    for (const page of ['0', '-1', 'abc', '1.5', '100001']) {
      const r = parseSearch(qs(`q=budi&page=${page}`), teamSearchSchema)
      expect(r.value).toEqual({ q: 'budi', page: 1 })
      expect(r.ignored).toEqual(['page'])
    }
    expect(parseSearch(qs('page=3'), teamSearchSchema).value).toEqual({ page: 3 })
  })

  it('refuses impossible dates and over-long text, not only malformed ones', () => {
    const r = parseSearch(
      qs(`from=2026-02-30&to=2026-03-01&actor=${'x'.repeat(101)}`),
      auditFilterSchema,
    )
    expect(r.value).toEqual({ to: '2026-03-01', page: 1 })
    expect(r.ignored.sort()).toEqual(['actor', 'from'])
    expect(renderMessage(r.result!.error!.actor![0]!)).toBe(
      'Kata pencarian paling banyak 100 karakter; pencarian ini diabaikan.',
    )
  })

  it('defaults the supervision filter and refuses a unit id of the wrong shape', () => {
    expect(parseSearch(qs(''), peopleFilterSchema).value).toEqual({ filter: 'all', page: 1 })
    const r = parseSearch(qs('unit=../../etc&filter=gap'), peopleFilterSchema)
    expect(r.value).toEqual({ filter: 'gap', page: 1 })
    expect(r.ignored).toEqual(['unit'])
  })

  it('refuses a NUL byte with a 400 like any other input', () => {
    const request = new Request('http://localhost/courses?q=a%00b')
    expect(() => readSearch(request, catalogueFilterSchema)).toThrow(InvalidError)
  })
})

describe('dropSearchValue', () => {
  it('drops a value that parsed but names nothing, says why, and keeps the other messages', () => {
    const request = new Request('http://localhost/courses?q=uang&area=NOPE&competency=K99')
    const search = readSearch(request, catalogueFilterSchema)
    expect(search.value).toEqual({ q: 'uang', competency: 'K99' })
    const dropped = dropSearchValue(
      request,
      catalogueFilterSchema,
      search,
      'competency',
      'filter.unknownOption',
    )
    expect(dropped.value).toEqual({ q: 'uang', competency: undefined })
    expect(dropped.ignored.sort()).toEqual(['area', 'competency'])
    expect(dropped.result?.status).toBe('error')
    expect(dropped.result?.error?.competency).toEqual(['filter.unknownOption'])
    expect(dropped.result?.error?.area).toEqual(search.result?.error?.area)
    // What was typed stays in the form next to the message.
    expect(dropped.result?.initialValue).toMatchObject({ q: 'uang', competency: 'K99' })
    // The caller's answer is not changed.
    expect(search.value.competency).toBe('K99')
  })

  it('turns an all-valid search into an error for that field only', () => {
    const request = new Request('http://localhost/courses?q=uang&competency=K99')
    const search = readSearch(request, catalogueFilterSchema)
    expect(search.result).toBeUndefined()
    const dropped = dropSearchValue(request, catalogueFilterSchema, search, 'competency', 'x.y')
    expect(dropped.ignored).toEqual(['competency'])
    expect(Object.entries(dropped.result?.error ?? {}).filter(([, m]) => m?.length)).toEqual([
      ['competency', ['x.y']],
    ])
  })
})
