// The route-matching cache (server/route-match-cache.ts, decision 074) must answer exactly as
// @remix-run/router's matchRoutes does, with the caller's own route objects.
import { createRequire } from 'node:module'
import { describe, expect, it, vi } from 'vitest'
import type { AgnosticRouteObject } from '@remix-run/router'
import { branchStaticHandlers, cachedMatchRoutes } from '../../server/route-match-cache'

const require = createRequire(import.meta.url)
const { matchRoutes, createStaticHandler } = require('@remix-run/router') as {
  matchRoutes: Parameters<typeof cachedMatchRoutes>[0]
  createStaticHandler: Parameters<typeof branchStaticHandlers>[0]
}

/** A tree shaped like Remix's: root layout, index, nested and pathless routes, a splat. */
function tree(): AgnosticRouteObject[] {
  return [
    {
      id: 'root',
      path: '',
      children: [
        { id: 'routes/_index', index: true },
        { id: 'routes/courses._index', path: 'courses', index: true },
        { id: 'routes/courses.$slug', path: 'courses/:slug' },
        {
          id: 'routes/courses.$slug_.lessons.$lessonSlug',
          path: 'courses/:slug/lessons/:lessonSlug',
        },
        {
          id: 'routes/supervisi',
          path: 'supervisi',
          children: [
            { id: 'routes/supervisi._index', index: true },
            { id: 'routes/supervisi.pegawai.$userId', path: 'pegawai/:userId' },
          ],
        },
        { id: 'routes/Case', path: 'Case', caseSensitive: true },
        { id: 'routes/$', path: '*' },
      ],
    },
  ]
}

const PATHS = [
  '/',
  '/courses',
  '/courses/',
  '/courses/keamanan-siber',
  '/courses/keamanan-siber/lessons/mengenali-phishing',
  '/courses/a%20b',
  '/supervisi',
  '/supervisi/pegawai/u1',
  '/supervisi/pegawai/u2',
  '/Case',
  '/case',
  '/no/such/page',
]

describe('cached matchRoutes', () => {
  it('answers as matchRoutes does, first call and cached, for every kind of path', () => {
    const cached = cachedMatchRoutes(matchRoutes)
    const routes = tree()
    for (const round of [1, 2]) {
      for (const p of PATHS) {
        expect(cached(routes, p), `${p} (round ${round})`).toEqual(matchRoutes(routes, p))
        expect(cached(routes, { pathname: p }), `${p} as location`).toEqual(
          matchRoutes(routes, { pathname: p }),
        )
      }
    }
  })

  it('calls the original once per path, then answers from the cache', () => {
    const spy = vi.fn(matchRoutes)
    const cached = cachedMatchRoutes(spy)
    const routes = tree()
    cached(routes, '/supervisi/pegawai/u1')
    cached(routes, '/supervisi/pegawai/u1?page=2#x')
    cached(routes, { pathname: '/supervisi/pegawai/u1', search: '?page=3' } as never)
    expect(spy).toHaveBeenCalledTimes(1)
    // Another id shares the entry (decision 014), but its params and pathnames are its own.
    const other = cached(routes, '/supervisi/pegawai/u2')
    expect(spy).toHaveBeenCalledTimes(1)
    expect(other).toEqual(matchRoutes(routes, '/supervisi/pegawai/u2'))
    expect(other!.at(-1)!.params).toEqual({ userId: 'u2' })
    expect(other!.at(-1)!.pathname).toBe('/supervisi/pegawai/u2')
    // A static segment is never keyed by position: another static path is another entry.
    cached(routes, '/supervisi')
    expect(spy).toHaveBeenCalledTimes(2)
  })

  it('answers as matchRoutes does for ids, slugs, static look-alikes and splats', () => {
    const cached = cachedMatchRoutes(matchRoutes)
    const routes = tree()
    const ids = ['u1', 'cmi0abc123xyz', 'COURSES', 'Courses', 'lessons', 'pegawai', 'case', 'Case']
    const paths = ids.flatMap((a) =>
      ids.flatMap((b) => [
        `/${a}`,
        `/courses/${a}`,
        `/courses/${a}/lessons/${b}`,
        `/courses/${a}/${b}`,
        `/supervisi/pegawai/${a}`,
        `/supervisi/${a}/${b}`,
        `/${a}/${b}`,
        `/${a}/lessons/${a}`,
        `/courses/${a}/lessons/${b}/`,
      ]),
    )
    for (const round of [1, 2])
      for (const p of paths)
        expect(cached(routes, p), `${p} (round ${round})`).toEqual(matchRoutes(routes, p))
  })

  it('gives a hit the route objects of the tree passed in, not those of the first caller', () => {
    const cached = cachedMatchRoutes(matchRoutes)
    const first = tree()
    const second = tree() // same shape, new objects (React Router builds one per render)
    cached(first, '/courses/x/lessons/y')
    const hit = cached(second, '/courses/x/lessons/y')!
    expect(hit.map((m) => m.route)).toEqual(
      matchRoutes(second, '/courses/x/lessons/y')!.map((m) => m.route),
    )
    expect(hit[1]!.route).toBe(second[0]!.children![3])
    expect(hit[1]!.route).not.toBe(first[0]!.children![3])
    // One params object shared by the matches, as the original returns, and not the cache's own.
    expect(hit[0]!.params).toBe(hit[1]!.params)
    ;(hit[1]!.params as Record<string, string>).slug = 'changed'
    expect(cached(second, '/courses/x/lessons/y')!.at(-1)!.params.slug).toBe('x')
  })

  it('keeps trees of different shapes apart', () => {
    const cached = cachedMatchRoutes(matchRoutes)
    const a = tree()
    const b = tree()
    b[0]!.children!.splice(2, 1, { id: 'routes/kursus.$slug', path: 'courses/:slug' })
    expect(cached(a, '/courses/x')!.at(-1)!.route.id).toBe('routes/courses.$slug')
    expect(cached(b, '/courses/x')!.at(-1)!.route.id).toBe('routes/kursus.$slug')
  })

  it('respects the basename', () => {
    const cached = cachedMatchRoutes(matchRoutes)
    const routes = tree()
    expect(cached(routes, '/app/courses/x', '/app')).toEqual(
      matchRoutes(routes, '/app/courses/x', '/app'),
    )
    expect(cached(routes, '/app/courses/x')).toEqual(matchRoutes(routes, '/app/courses/x'))
    expect(cached(routes, '/courses/x', '/app')).toBeNull()
  })
})

/** The tree with loaders (each answers its id and params), a throwing loader and a boundary. */
function loaderTree(): AgnosticRouteObject[] {
  const withLoaders = (list: AgnosticRouteObject[]): AgnosticRouteObject[] =>
    list.map((r) => ({
      ...r,
      hasErrorBoundary: r.id === 'root' || r.id === 'routes/supervisi',
      loader: ({ params }: { params: unknown }) => {
        if (
          r.id === 'routes/supervisi.pegawai.$userId' &&
          (params as { userId: string }).userId === 'boom'
        )
          throw new Error('boom')
        return { id: r.id, params }
      },
      action: () => ({ acted: r.id }),
      ...(r.children ? { children: withLoaders(r.children) } : {}),
    })) as AgnosticRouteObject[]
  return withLoaders(tree())
}

/** What a query answer says, without the route objects themselves (they are per handler). */
function summary(ctx: unknown) {
  if (ctx instanceof Response) return { response: ctx.status }
  const c = ctx as {
    matches: { route: { id: string }; params: unknown; pathname: string }[]
    loaderData: unknown
    actionData: unknown
    errors: Record<string, unknown> | null
    statusCode: number
  }
  return {
    matches: c.matches.map((m) => [m.route.id, m.params, m.pathname]),
    loaderData: c.loaderData,
    actionData: c.actionData,
    errors:
      c.errors && Object.fromEntries(Object.entries(c.errors).map(([k, v]) => [k, String(v)])),
    statusCode: c.statusCode,
  }
}

describe('static handlers per matched branch', () => {
  it('answer every path, method and error as the full handler does, making one handler per branch', async () => {
    const spy = vi.fn(createStaticHandler)
    const create = branchStaticHandlers(spy, () => cachedMatchRoutes(matchRoutes))
    const branched = create(loaderTree())
    const full = createStaticHandler(loaderTree())
    const paths = [...PATHS, '/supervisi/pegawai/boom', '/courses?index', '/supervisi?index']
    for (const round of [1, 2])
      for (const p of paths)
        for (const method of ['GET', 'POST', 'PUT']) {
          const req = () =>
            new Request(`http://x${p}`, {
              method,
              signal: new AbortController().signal,
              ...(method === 'GET' ? {} : { body: new URLSearchParams({ a: '1' }) }),
            })
          expect(summary(await branched.query(req())), `${method} ${p} (round ${round})`).toEqual(
            summary(await full.query(req())),
          )
        }
    // One full handler, then one per distinct matched branch, made once (not per request).
    const branches = new Set(
      paths.map((p) =>
        matchRoutes(loaderTree(), p.split('?')[0]!)
          ?.map((m) => m.route.id)
          .join(),
      ),
    )
    branches.delete(undefined)
    expect(spy).toHaveBeenCalledTimes(1 + branches.size)
  })
})
