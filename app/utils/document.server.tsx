// How a document is rendered once its data is ready (decision 124): the route data read whole,
// then one synchronous `renderToString` pass, and React's streaming renderer only for a page in
// which something suspended.
import { Writable } from 'node:stream'
import type { EntryContext } from '@remix-run/node'
import type { ReactElement } from 'react'
import { renderToPipeableStream, renderToString } from 'react-dom/server'

/**
 * Where server/turbo-encode.ts attaches the text of the route data it encoded (decision 125). A
 * registered symbol: the server imports this module from source while the build bundles its own
 * copy, and both must name the same key.
 */
export const ENCODED_ROUTE_DATA = Symbol.for('bina.encodedRouteData')

/**
 * Single fetch's route data, read whole before the page renders, and handed to Remix's
 * `StreamTransfer` as already-settled reads (decision 124): it then renders its `<script>`s
 * without suspending, so the page can be rendered in one synchronous pass. Our loaders return
 * no deferred data, so the stream ends as soon as the data is encoded; a stream that does not
 * end within timeoutMs fails the request as the streaming render's abort did.
 */
export async function readRouteData(
  context: Pick<EntryContext, 'serverHandoffStream' | 'renderMeta'>,
  timeoutMs: number,
) {
  const stream = context.serverHandoffStream
  if (!stream || !context.renderMeta) return
  const settled = (done: boolean, value: string) =>
    Object.assign(Promise.resolve(), { result: { done, value } })
  // Plain data encoded in one pass by server/turbo-encode.ts: its text is on the stream.
  const encoded = (stream as { [ENCODED_ROUTE_DATA]?: unknown })[ENCODED_ROUTE_DATA]
  if (typeof encoded === 'string') {
    context.renderMeta.streamCache = { 0: settled(false, encoded), 1: settled(true, '') }
    return
  }
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    void reader.cancel()
  }, timeoutMs)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } finally {
    clearTimeout(timer)
    reader.releaseLock()
  }
  if (timedOut) throw new Error(`The route data did not finish within ${timeoutMs} ms`)
  text += decoder.decode()
  // What StreamTransfer would have read: the data, then the end of the stream.
  context.renderMeta.streamCache = { 0: settled(false, text), 1: settled(true, '') }
}

/**
 * Where a page's Response keeps its markup as a string (decision 126): server/app.ts writes that
 * string to the socket itself, so the page is encoded once, straight into the write. Registered for
 * the same reason as ENCODED_ROUTE_DATA.
 */
export const DOCUMENT_HTML = Symbol.for('bina.documentHtml')

/**
 * A page as a Response whose body exists only when something reads it. A Response made from a
 * string copies it (USVString), encodes it and wraps it in a stream on construction, and the
 * server then read that stream back into one buffer: ~35 µs and ~100 KB of garbage per page
 * for bytes the server can write from the string. Any other reader (a test, Remix re-wrapping
 * the response) gets the same bytes: `body`, the read methods and `clone` all make them from the
 * string, once.
 */
export class DocumentResponse extends Response {
  readonly [DOCUMENT_HTML]: string
  #body: Response | null = null
  constructor(html: string, init: ResponseInit) {
    super(null, init)
    this[DOCUMENT_HTML] = html
  }
  /** The real body, made on first use. */
  #real(): Response {
    return (this.#body ??= new Response(this[DOCUMENT_HTML]))
  }
  override get body() {
    return this.#real().body
  }
  override get bodyUsed() {
    return this.#body?.bodyUsed ?? false
  }
  override text() {
    return this.#real().text()
  }
  override arrayBuffer() {
    return this.#real().arrayBuffer()
  }
  override blob() {
    return this.#real().blob()
  }
  override json() {
    return this.#real().json()
  }
  override formData() {
    return this.#real().formData()
  }
  override bytes() {
    return this.#real().bytes()
  }
  override clone(): Response {
    const body = this.#body ? this.#body.clone().body : this[DOCUMENT_HTML]
    return new Response(body, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    })
  }
}

/** React's marker of a Suspense boundary left to the browser (a render that suspended). */
const CLIENT_RENDERED_BOUNDARY = '<!--$!-->'

/**
 * The page as a Response. Everything is ready, so it is rendered in one synchronous pass into a
 * string, about a third of the CPU of React's streaming renderer for the same markup. Only if
 * something suspended (a lazy component) is it rendered again with the streaming renderer, which
 * waits for it as before (decisions 073, 074).
 */
export function renderDocument(
  page: ReactElement,
  opts: { nonce: string; status: number; headers: Headers; timeoutMs: number },
): Response | Promise<Response> {
  const html = renderToString(page)
  if (!html.includes(CLIENT_RENDERED_BOUNDARY))
    return new DocumentResponse(`<!DOCTYPE html>${html}`, {
      headers: opts.headers,
      status: opts.status,
    })
  return renderStreaming(page, opts)
}

/** React's streaming render, collected whole once everything is ready (decisions 073, 074). */
function renderStreaming(
  page: ReactElement,
  {
    nonce,
    status,
    headers,
    timeoutMs,
  }: { nonce: string; status: number; headers: Headers; timeoutMs: number },
) {
  let responseStatusCode = status
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    let abortRender = () => {}
    const timer = setTimeout(() => abortRender(), timeoutMs)
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      onAllReady: () => {
        shellRendered = true
        const chunks: Buffer[] = []
        const sink = new Writable({
          // No 'close' after 'finish': React listens for it to abort a render the destination
          // left early, and its abort of a finished render ends the sink a second time, which
          // builds an ERR_STREAM_DESTROYED with its stack (~80 µs a page) only to drop it.
          emitClose: false,
          write(chunk: Buffer, _encoding, done) {
            chunks.push(chunk)
            done()
          },
        })
        sink.on('finish', () => {
          clearTimeout(timer)
          resolve(
            new Response(Buffer.concat(chunks), {
              headers,
              status: responseStatusCode,
            }),
          )
        })
        pipe(sink)
      },
      onShellError(error: unknown) {
        clearTimeout(timer)
        reject(error)
      },
      onError(error: unknown) {
        responseStatusCode = 500
        if (shellRendered) console.error(error)
      },
    })
    abortRender = abort
  })
}
