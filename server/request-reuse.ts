// Loaders and actions get the request itself when Remix has nothing to strip from it (decision 123).
//
// Remix 2's server runtime (2.17.5, dist/data.js) hands every loader and action a copy of the
// request: `stripIndexParam` builds a `new Request(...)` without empty `index` parameters, then
// `stripRoutesParam` (single fetch) builds another without `_routes`. Each copy is an undici
// Request with its own AbortSignal chained to the original one: two per route, four per page
// (root + page), 3.6% of a course page's CPU. When the URL has neither parameter, the copies are
// the same request (same URL, method, headers, body stream and abort), so the request itself is
// passed; any other URL goes through Remix's own functions unchanged.
//
// The runtime's routes.js calls `data.callRouteLoader(...)` / `data.callRouteAction(...)` through
// the module's exports object at call time, so replacing those two properties reaches it without
// touching node_modules (as server/route-match-cache.ts does for matchRoutes). The replacement
// repeats the originals' few lines after the copy (the `undefined` check, deferred redirects).
import { createRequire } from 'node:module'

interface CallArgs {
  loadContext: unknown
  params: unknown
  request: Request
  routeId: string
  singleFetch?: boolean
}
type Handler = (args: { request: Request; context: unknown; params: unknown }) => unknown
type LoaderArgs = CallArgs & { loader: Handler }
type ActionArgs = CallArgs & { action: Handler }
interface DataModule {
  callRouteLoader: (args: LoaderArgs) => Promise<unknown>
  callRouteAction: (args: ActionArgs) => Promise<unknown>
}
interface ResponsesModule {
  isDeferredData: (value: unknown) => boolean
  isRedirectStatusCode: (status: number) => boolean
  redirect: (url: string, init?: ResponseInit) => Response
}

/** True when Remix's copies would equal the request: no `index` and no `_routes` parameter. */
export function nothingToStrip(url: string): boolean {
  const q = url.indexOf('?')
  if (q === -1) return true
  const search = new URLSearchParams(url.slice(q + 1).split('#')[0])
  return !search.has('index') && !search.has('_routes')
}

let installed = false

export function installRequestReuse() {
  if (installed) return
  installed = true
  const require = createRequire(import.meta.url)
  const data = require('@remix-run/server-runtime/dist/data.js') as Partial<DataModule>
  const responses = require('@remix-run/server-runtime/dist/responses.js') as ResponsesModule
  const { callRouteLoader, callRouteAction } = data
  // Another version of the runtime without these functions: leave it as it is.
  if (typeof callRouteLoader !== 'function' || typeof callRouteAction !== 'function') return

  data.callRouteLoader = async (args) => {
    if (!args.singleFetch || !nothingToStrip(args.request.url)) return callRouteLoader(args)
    const result = await callWithRequest(args.loader, args, 'a loader', 'loader')
    if (responses.isDeferredData(result)) {
      const init = (result as { init?: ResponseInit }).init
      if (init && responses.isRedirectStatusCode(init.status || 200))
        return responses.redirect(new Headers(init.headers).get('Location')!, init)
    }
    return result
  }
  data.callRouteAction = async (args) => {
    if (!args.singleFetch || !nothingToStrip(args.request.url)) return callRouteAction(args)
    return callWithRequest(args.action, args, 'an action', 'action')
  }
}

/** Runs a loader or action with the request itself, refusing `undefined` as Remix does. */
async function callWithRequest(handler: Handler, args: CallArgs, what: string, fn: string) {
  const result = await handler({
    request: args.request,
    context: args.loadContext,
    params: args.params,
  })
  if (result === undefined)
    throw new Error(
      `You defined ${what} for route "${args.routeId}" but didn't return anything from your \`${fn}\` function. Please return a value or \`null\`.`,
    )
  return result
}
