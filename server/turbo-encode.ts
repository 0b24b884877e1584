// Route data of plain values encoded in one synchronous pass (decision 125).
//
// Remix 2 single fetch (server-runtime 2.17.5, dist/single-fetch.js) encodes every page's route
// data with turbo-stream 2.4: a ReadableStream whose start() flattens the data, an AbortController
// and a 4.95 s timer per request (for deferred promises), plugins called on every object; the
// document render (app/utils/document.server.tsx) then reads that stream back. For the course
// page, whose data is ~110 small values, that was ~9% of its CPU. Bina's loaders return plain data:
// objects, arrays, strings, numbers, booleans, null, undefined and dates, never a promise. For such
// data, `encodePlain` writes exactly what turbo-stream's flatten writes (the same indices, in the
// same order, with the same shared references and the same codes for undefined, null, NaN, ±0 and
// ±Infinity), and the replacement hands Remix a stream of that text with the text attached, so the
// document render takes it without reading the stream. Anything else (a promise, an error, a
// class instance, a Map, a sparse array...) goes to Remix's own function unchanged.
// tests/unit/turbo-encode.test.ts compares the two on many values, and decodes the result.
//
// Like server/request-reuse.ts: server.js calls `singleFetch.encodeViaTurboStream(...)` through
// the module's exports object at call time, so replacing that property reaches it.
import { createRequire } from 'node:module'
import { ENCODED_ROUTE_DATA } from '~/utils/document.server'

type Encode = (data: unknown, signal: AbortSignal, timeout: unknown, mode: unknown) => unknown

const NAN = -2
const NEGATIVE_INFINITY = -3
const NEGATIVE_ZERO = -4
const NULL = -5
const POSITIVE_INFINITY = -6
const UNDEFINED = -7

const require = createRequire(import.meta.url)
const singleFetch = require('@remix-run/server-runtime/dist/single-fetch.js') as {
  encodeViaTurboStream?: Encode
  SingleFetchRedirectSymbol?: symbol
}
/** The marker Remix puts on a redirect in single-fetch data (its plugin encodes it). */
const redirectSymbol = singleFetch.SingleFetchRedirectSymbol

class NotPlain extends Error {}

/**
 * The text turbo-stream's encode would produce for `input` (its first and only line, with the
 * newline), or null when `input` holds something other than plain data.
 */
export function encodePlain(input: unknown): string | null {
  const indices = new Map<unknown, number>()
  // Each value's text at its index; a slot is taken when the index is given (pre-order) and
  // filled when the value's children are done, so the array stays packed.
  const str: string[] = []

  // turbo-stream's flatten, as the text of the reference: an index for each new value, the
  // earlier index for one seen before, a negative code for the values that have one.
  function ref(value: unknown): string {
    const existing = indices.get(value)
    // (turbo-stream tests the index for truth: the value at index 0 is never reused.)
    if (existing) return String(existing)
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return add(value, JSON.stringify(value))
      case 'number':
        if (Number.isNaN(value)) return String(NAN)
        if (value === Number.POSITIVE_INFINITY) return String(POSITIVE_INFINITY)
        if (value === Number.NEGATIVE_INFINITY) return String(NEGATIVE_INFINITY)
        if (value === 0 && 1 / value < 0) return String(NEGATIVE_ZERO)
        return add(value, JSON.stringify(value))
      case 'undefined':
        return String(UNDEFINED)
      case 'object': {
        if (value === null) return String(NULL)
        const index = str.length
        indices.set(value, index)
        str.push('')
        str[index] = composite(value)
        return String(index)
      }
      default:
        throw new NotPlain()
    }
  }

  function add(value: unknown, text: string): string {
    const index = str.length
    indices.set(value, index)
    str.push(text)
    return String(index)
  }

  function composite(value: object): string {
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) throw new NotPlain()
      let out = '['
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw new NotPlain()
        out += (i ? ',' : '') + ref(value[i])
      }
      return `${out}]`
    }
    const proto = Object.getPrototypeOf(value)
    if (proto === Date.prototype) return `["D",${(value as Date).getTime()}]`
    if (proto !== Object.prototype) throw new NotPlain()
    if (redirectSymbol === undefined || redirectSymbol in value) throw new NotPlain()
    const obj = value as Record<string, unknown>
    let out = '{'
    let first = true
    for (const key of Object.keys(obj)) {
      const k = ref(key)
      out += `${first ? '' : ','}"_${k}":${ref(obj[key])}`
      first = false
    }
    return `${out}}`
  }

  try {
    const id = ref(input)
    return id.startsWith('-') ? `${id}\n` : `[${str.join(',')}]\n`
  } catch (e) {
    if (e instanceof NotPlain) return null
    throw e
  }
}

/** A stream of one chunk, the text. */
function streamOf(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode(text))
      controller.close()
    },
  })
}

/**
 * The encoded route data where Remix expects a stream (decision 126). Remix puts the result of
 * `encodeViaTurboStream` in two places: a data request's Response body, and a document's
 * `serverHandoffStream`, which the document render takes as text (readRouteData, through
 * ENCODED_ROUTE_DATA) and of which RemixServer asks a reader that StreamTransfer then does not
 * use. So the stream (~15 µs and its garbage per page) is made only when something reads: as a
 * body this is its text (a Response takes any object as a string), and the reader it hands out
 * makes the stream on its first call.
 */
class EncodedRouteData {
  readonly [ENCODED_ROUTE_DATA]: string
  #stream: ReadableStream<Uint8Array> | null = null
  constructor(text: string) {
    this[ENCODED_ROUTE_DATA] = text
  }
  toString() {
    return this[ENCODED_ROUTE_DATA]
  }
  get stream() {
    return (this.#stream ??= streamOf(this[ENCODED_ROUTE_DATA]))
  }
  getReader() {
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null
    const real = () => (reader ??= this.stream.getReader())
    return {
      read: () => real().read(),
      cancel: (reason?: unknown) => real().cancel(reason),
      releaseLock: () => reader?.releaseLock(),
      get closed() {
        return real().closed
      },
    }
  }
}

let installed = false

export function installPlainEncode() {
  if (installed) return
  installed = true
  const original = singleFetch.encodeViaTurboStream
  // Another version of the runtime: leave it as it is.
  if (typeof original !== 'function' || typeof redirectSymbol !== 'symbol') return
  singleFetch.encodeViaTurboStream = (data, signal, timeout, mode) => {
    const text = encodePlain(data)
    return text === null
      ? original(data, signal, timeout, mode)
      : (new EncodedRouteData(text) as unknown as ReadableStream<Uint8Array>)
  }
}
