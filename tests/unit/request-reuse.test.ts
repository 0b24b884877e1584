// Loaders and actions get the request itself when Remix would only copy it (server/request-reuse.ts,
// decision 123), and Remix's own copies, stripped, otherwise.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { installRequestReuse, nothingToStrip } from '../../server/request-reuse'

const require = createRequire(import.meta.url)
type Call = (args: Record<string, unknown>) => Promise<unknown>
const data = require('@remix-run/server-runtime/dist/data.js') as {
  callRouteLoader: Call
  callRouteAction: Call
}
const { callRouteLoader: remixLoader, callRouteAction: remixAction } = data
installRequestReuse()

async function seenBy(kind: 'loader' | 'action', request: Request, singleFetch = true) {
  let seen: Request | undefined
  const handler = ({ request }: { request: Request }) => {
    seen = request
    return { ok: true }
  }
  const call = kind === 'loader' ? data.callRouteLoader : data.callRouteAction
  const result = await call({
    request,
    [kind]: handler,
    params: {},
    loadContext: {},
    routeId: 'routes/x',
    singleFetch,
  })
  // Without single fetch Remix wraps what a loader returns in a JSON response.
  if (singleFetch) expect(result).toEqual({ ok: true })
  else expect(await (result as Response).json()).toEqual({ ok: true })
  return seen!
}

describe('nothingToStrip', () => {
  it('is true only without an index or _routes parameter', () => {
    expect(nothingToStrip('http://x/courses')).toBe(true)
    expect(nothingToStrip('http://x/courses?q=index&page=2')).toBe(true)
    expect(nothingToStrip('http://x/courses?q=a#index')).toBe(true)
    expect(nothingToStrip('http://x/courses?index')).toBe(false)
    expect(nothingToStrip('http://x/courses?q=a&index=1')).toBe(false)
    expect(nothingToStrip('http://x/courses?_routes=root')).toBe(false)
  })
})

describe('installed on the server runtime', () => {
  it('replaced both functions', () => {
    expect(data.callRouteLoader).not.toBe(remixLoader)
    expect(data.callRouteAction).not.toBe(remixAction)
  })

  it('hands a loader and an action the request itself when there is nothing to strip', async () => {
    const get = new Request('http://x/courses?q=phishing')
    expect(await seenBy('loader', get)).toBe(get)
    const post = new Request('http://x/quiz/a1', { method: 'POST', body: 'intent=submit' })
    const seen = await seenBy('action', post)
    expect(seen).toBe(post)
    expect(await seen.text()).toBe('intent=submit')
  })

  it("otherwise gives Remix's stripped copy: no empty index, no _routes, same body and abort", async () => {
    const controller = new AbortController()
    const request = new Request('http://x/courses?index&q=a&_routes=root', {
      method: 'POST',
      body: 'a=1',
      signal: controller.signal,
    })
    const seen = await seenBy('action', request)
    expect(seen).not.toBe(request)
    expect(new URL(seen.url).search).toBe('?q=a')
    expect(await seen.text()).toBe('a=1')
    expect(seen.signal.aborted).toBe(false)
    controller.abort()
    expect(seen.signal.aborted).toBe(true)
    const kept = await seenBy('loader', new Request('http://x/courses?index=1'))
    expect(new URL(kept.url).search).toBe('?index=1')
  })

  it('leaves requests without single fetch to Remix (a copy without _data)', async () => {
    const request = new Request('http://x/courses?_data=root&q=a')
    const seen = await seenBy('loader', request, false)
    expect(seen).not.toBe(request)
    expect(new URL(seen.url).search).toBe('?q=a')
  })

  it('still refuses a loader or action that returns nothing, naming the route', async () => {
    for (const kind of ['loader', 'action'] as const)
      await expect(
        (kind === 'loader' ? data.callRouteLoader : data.callRouteAction)({
          request: new Request('http://x/p'),
          [kind]: () => undefined,
          params: {},
          loadContext: {},
          routeId: 'routes/p',
          singleFetch: true,
        }),
      ).rejects.toThrow(
        `You defined ${kind === 'loader' ? 'a loader' : 'an action'} for route "routes/p"`,
      )
  })
})
