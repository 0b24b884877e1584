// Plain route data is encoded by server/turbo-encode.ts in one pass (decision 125): the browser
// decodes it with turbo-stream, so the text must be exactly what Remix's own encode (turbo-stream
// 2.4 with Remix's plugins) writes, for every shape of plain data, and anything that is not plain
// data must be left to Remix.
import { createRequire } from 'node:module'
import { decode } from 'turbo-stream'
import { describe, expect, it } from 'vitest'
import { readRouteData } from '~/utils/document.server'
import { encodePlain, installPlainEncode } from '../../server/turbo-encode'

const require = createRequire(import.meta.url)
const singleFetch = require('@remix-run/server-runtime/dist/single-fetch.js') as {
  encodeViaTurboStream: (d: unknown, s: AbortSignal, t: number, m: string) => ReadableStream
  SingleFetchRedirectSymbol: symbol
}

/** What Remix writes for `data` (its first line: plain data has no deferred lines). */
async function remixText(data: unknown) {
  const stream = singleFetch.encodeViaTurboStream(
    data,
    new AbortController().signal,
    10,
    'production',
  )
  return new Response(stream).text()
}

async function decoded(text: string) {
  const bytes = new TextEncoder().encode(text)
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes)
      c.close()
    },
  })
  const d = await decode(stream)
  await d.done
  return d.value
}

const shared = { code: 'T.LD.01', name: 'Keamanan Informasi' }
const CASES: [string, unknown][] = [
  [
    'a page',
    {
      root: {
        data: { locale: 'id', user: { id: 'u1', name: 'Nurul', roles: ['ASN'] }, unread: 0 },
      },
      'routes/courses.$slug': {
        data: {
          course: { slug: 'kursus', title: 'Kursus', area: 'LITERASI_DIGITAL', summary: 'id' },
          competencies: [
            { level: 2, competency: shared },
            { level: 3, competency: shared },
          ],
          enrolment: { status: 'ACTIVE', completedAt: null, startedAt: new Date(1796229382996) },
          lessons: [],
          percent: undefined,
          nextLesson: { slug: 'kursus', title: 'slug' },
        },
      },
    },
  ],
  ['special numbers', { a: [0, -0, NaN, Infinity, -Infinity, 1e21, 0.1, -5, 0, -0, 2 ** 53] }],
  ['strings', ['', 'é ü 中文 🙂', '</script><script>', '"quoted"', '\u2028\u2029', '\\', '']],
  [
    'booleans and nothing',
    { t: true, f: false, n: null, u: undefined, again: [true, false, null] },
  ],
  ['keys equal to values', { id: 'id', name: 'id', id2: { id: 'name' } }],
  ['nested empties', { a: {}, b: [], c: [[], [{}]], d: [[[]]] }],
  ['dates', [new Date(0), new Date(-1), new Date(8.64e15), new Date(Number.NaN)]],
  ['a primitive', 'just text'],
  ['a number', 42],
  ['zero', 0],
  ['undefined', undefined],
  ['null', null],
  [
    'the same array twice',
    (() => {
      const x = [1, 2]
      return { a: x, b: x, c: [x] }
    })(),
  ],
  ['a null-prototype-free object with a numeric key', { 1: 'one', b: 'two', 0: 'zero' }],
]

/** Deterministic pseudo-random plain values, drawing from a small pool so values repeat. */
function generated(seed: number, n: number) {
  let s = seed
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pool: unknown[] = ['a', 'b', '', 0, 1, -0, 2.5, true, false, null, undefined, NaN, 'id']
  const objs: unknown[] = []
  const value = (depth: number): unknown => {
    const r = rnd()
    if (depth > 3 || r < 0.45) return pool[Math.floor(rnd() * pool.length)]
    if (r < 0.5 && objs.length) return objs[Math.floor(rnd() * objs.length)]
    if (r < 0.55) return new Date(Math.floor(rnd() * 2e12))
    let v: unknown
    if (r < 0.75) v = Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1))
    else {
      const o: Record<string, unknown> = {}
      for (let i = Math.floor(rnd() * 4); i > 0; i--)
        o[['id', 'a', 'name', 'x', 'b'][Math.floor(rnd() * 5)]!] = value(depth + 1)
      v = o
    }
    objs.push(v)
    return v
  }
  return Array.from({ length: n }, () => value(0))
}

describe('plain route data encoding', () => {
  it.each(CASES)('writes what Remix writes: %s', async (_, data) => {
    const text = encodePlain(data)
    expect(text).toBe(await remixText(data))
  })

  it('writes what Remix writes for 300 generated values, and they decode to the same', async () => {
    for (const data of generated(7, 300)) {
      const text = encodePlain(data)
      expect(text).toBe(await remixText(data))
      expect(await decoded(text!)).toEqual(data)
    }
  })

  it.each<[string, unknown]>([
    ['a promise', { later: Promise.resolve(1) }],
    ['an error', { e: new Error('boom') }],
    ['a map', { m: new Map([[1, 2]]) }],
    ['a set', [new Set([1])]],
    ['a class instance', { u: new URL('https://bina.example') }],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case
    ['a sparse array', { a: [1, , 3] }],
    ['a function', { f: () => 1 }],
    ['a bigint', { n: 10n }],
    ['a redirect', { r: { [singleFetch.SingleFetchRedirectSymbol]: { redirect: '/' } } }],
    ['an object without a prototype', { o: Object.create(null) }],
  ])('leaves %s to Remix', (_, data) => {
    expect(encodePlain(data)).toBeNull()
  })
})

describe('the installed encoder (decision 126)', () => {
  const data = { course: { slug: 'keamanan-digital-asn', title: 'Keamanan — Digital' }, n: [1, 2] }
  const encode = () => {
    installPlainEncode()
    return singleFetch.encodeViaTurboStream(data, new AbortController().signal, 10, 'production')
  }

  it('gives a data request’s body the same text Remix writes', async () => {
    const expected = await remixText(data)
    // The body of a `.data` answer, as Remix builds it.
    const res = new Response(encode(), { headers: { 'Content-Type': 'text/x-script' } })
    expect(await res.text()).toBe(expected)
    expect(res.headers.get('Content-Type')).toBe('text/x-script')
  })

  it('gives a document its text without a stream, and a working reader to whoever reads', async () => {
    const handoff = encode()
    const context = { serverHandoffStream: handoff, renderMeta: {} as Record<string, unknown> }
    await readRouteData(context, 1_000)
    const cache = context.renderMeta.streamCache as Record<number, { result: unknown }>
    expect(cache[0]!.result).toEqual({ done: false, value: encodePlain(data) })
    expect(cache[1]!.result).toEqual({ done: true, value: '' })
    // RemixServer asks for a reader: reading it gives the same bytes, then the end.
    const reader = handoff.getReader()
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toBe(encodePlain(data))
    expect((await reader.read()).done).toBe(true)
    reader.releaseLock()
  })

  it('leaves data that is not plain to Remix’s own stream', async () => {
    installPlainEncode()
    const out = singleFetch.encodeViaTurboStream(
      { later: Promise.resolve(1) },
      new AbortController().signal,
      1_000,
      'production',
    )
    expect(out).toBeInstanceOf(ReadableStream)
    expect(await new Response(out).text()).toContain('later')
  })
})
