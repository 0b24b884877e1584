import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { I18nextProvider } from 'react-i18next'
import i18next, { serverI18nInstance } from './i18next.server'
import { FragmentContext } from './utils/html-fragment'
import { NonceProvider } from './utils/nonce-provider'
import { readRouteData, renderDocument } from './utils/document.server'
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
  // Only the routes this page can use, not the whole manifest (decision 075).
  const context = {
    ...remixContext,
    manifest: renderManifest(remixContext, remixContext.staticHandlerContext.location.pathname),
  }
  await readRouteData(context, ABORT_DELAY)
  const page = (
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={instance}>
        {/* Markup the loaders kept out of the route data (app/utils/html-fragment.tsx). */}
        <FragmentContext.Provider value={loadContext?.fragments ?? null}>
          <RemixServer context={context} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </FragmentContext.Provider>
      </I18nextProvider>
    </NonceProvider>
  )
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  return renderDocument(page, {
    nonce,
    status: responseStatusCode,
    headers: responseHeaders,
    timeoutMs: ABORT_DELAY,
  })
}
