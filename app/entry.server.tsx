import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import i18next, { serverI18nInstance } from './i18next.server'
import { FragmentContext } from './utils/html-fragment'
import { NonceProvider } from './utils/nonce-provider'
import { renderManifest } from './utils/render-routes.server'
import { serveOutlineRows } from './components/outline-rows.server'

// The course outline's rows as markup remembered per row content (decision 100).
serveOutlineRows(true)

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The CSP nonce of this request (server/headers.ts): Remix's inline scripts carry it.
  const nonce = typeof loadContext?.cspNonce === 'string' ? loadContext.cspNonce : ''
  const instance = await serverI18nInstance(await i18next.getLocale(request))
  // Pages have no deferred data and server/app.ts sends an HTML page in one write: the response
  // starts when everything is rendered, for browsers as for bots (decision 073).
  const callbackName = 'onAllReady'
  // Only the routes this page can use, not the whole manifest (decision 075).
  const context = {
    ...remixContext,
    manifest: renderManifest(remixContext, remixContext.staticHandlerContext.location.pathname),
  }

  return new Promise((resolve, reject) => {
    let shellRendered = false
    let abortRender = () => {}
    const timer = setTimeout(() => abortRender(), ABORT_DELAY)
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          {/* Markup the loaders kept out of the route data (app/utils/html-fragment.tsx). */}
          <FragmentContext.Provider value={loadContext?.fragments ?? null}>
            <RemixServer
              context={context}
              url={request.url}
              abortDelay={ABORT_DELAY}
              nonce={nonce}
            />
          </FragmentContext.Provider>
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [callbackName]: () => {
          shellRendered = true
          // Everything is rendered: collect the bytes and answer with them, instead of a
          // PassThrough turned into a web stream that server/app.ts reads back into one buffer
          // (decision 074).
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
            responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
            resolve(
              new Response(Buffer.concat(chunks), {
                headers: responseHeaders,
                status: responseStatusCode,
              }),
            )
          })
          pipe(sink)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    abortRender = abort
  })
}
