// A cache for @remix-run/router's `matchRoutes` (decision 074). Remix 2 matches the URL against
// the whole route tree five to seven times per document request (the server runtime, React
// Router's <DataRoutes>, <Scripts>' partial manifest once per parent path, <PrefetchPageLinks>), and
// every call flattens and ranks all ~90 routes and compiles a RegExp per candidate branch: 18.6%
// of a course page's CPU (decision 073). The answer depends only on the route tree's shape, the
// basename and the pathname, so it is remembered per (tree shape, basename, pathname).
//
// The callers (server runtime, react-router, @remix-run/react) are CommonJS and call
// `router.matchRoutes(...)` through the module's exports object at call time, so replacing that
// one property reaches them all without touching node_modules (shared by hard links). The static
// handler's own calls inside @remix-run/router stay uncached (they use a local binding).
//
// Several callers (React Router's render, <Scripts>) pass a tree they built for this request, so the
// cache is keyed by the tree's shape (ids, paths, index and caseSensitive flags, computed once per
// array) and a hit is rebuilt from the caller's own route objects by child position: each caller
// gets its own match objects, with one params object shared by the matches as the original does.
//
// Paths with ids (`/quiz/<attemptId>`, one per learner) used to miss every time: a segment that
// cannot be any static segment of the tree is matched exactly like any other such segment, so it
// is keyed by position (decision 014): `/quiz/a` and `/quiz/b` share one entry, and the params and
// pathnames are rebuilt with the request's own values.
import { createRequire } from 'node:module'
import type { AgnosticRouteMatch, AgnosticRouteObject } from '@remix-run/router'

type Routes = readonly AgnosticRouteObject[]
type Match = AgnosticRouteMatch<string, AgnosticRouteObject>
type MatchRoutes = (
  routes: Routes,
  location: string | { pathname?: string },
  basename?: string,
) => Match[] | null

/** One remembered match: the route's position among its parent's children, and its fields. */
interface Step {
  index: number
  pathname: string
  pathnameBase: string
}
interface Entry {
  steps: Step[]
  params: Record<string, string | undefined>
}

const PATHS_PER_TREE = 2_000
interface Shape {
  key: string
  /** Every static segment of the tree's route paths, lower-cased (matching ignores case). */
  statics: Set<string>
}
const shapes = new WeakMap<object, Shape>()

function shapeOf(routes: Routes): Shape {
  let s = shapes.get(routes)
  if (s !== undefined) return s
  const parts: string[] = []
  const statics = new Set<string>()
  const walk = (list: Routes) => {
    parts.push('[')
    for (const r of list) {
      parts.push(
        `${r.id ?? ''}\u0001${r.path ?? ''}\u0001${r.index ? 1 : 0}${r.caseSensitive ? 1 : 0}`,
      )
      for (const seg of (r.path ?? '').split('/'))
        if (!seg.startsWith(':')) statics.add(seg.replace(/\?$/, '').toLowerCase())
      if (r.children?.length) walk(r.children)
      parts.push('\u0002')
    }
    parts.push(']')
  }
  walk(routes)
  s = { key: parts.join(''), statics }
  shapes.set(routes, s)
  return s
}

/** A segment keyed by position: plain characters (decoding leaves it as is), never a static one. */
const OPAQUE = /^[A-Za-z0-9_-]+$/
// Private-use characters: a URL's pathname has them percent-encoded, and a path that has them
// anyway is not generalised.
const token = (i: number) => `\uE000${i}\uE001`
const TOKEN = /\uE000(\d+)\uE001/g

/**
 * The pathname with every segment that no static segment of the tree equals replaced by a
 * positional token, and the values it stands for. Every route's pattern compares such a segment
 * with `[^/]+` (a param), `.*` (a splat) or a literal it cannot equal, so the token matches
 * exactly where the value does; the match of the token path, with the values put back, is the
 * match of the path.
 */
function generalise(pathname: string, statics: Set<string>) {
  const values: string[] = []
  if (pathname.includes('\uE000')) return { key: pathname, values }
  const key = pathname
    .split('/')
    .map((seg) => {
      if (!OPAQUE.test(seg) || statics.has(seg.toLowerCase())) return seg
      values.push(seg)
      return token(values.length - 1)
    })
    .join('/')
  return { key, values }
}

const fill = (s: string, values: string[]) =>
  values.length ? s.replace(TOKEN, (_, i: string) => values[Number(i)]!) : s

function remember(found: Match[], routes: Routes): Entry | null {
  const steps: Step[] = []
  let list: Routes | undefined = routes
  for (const m of found) {
    const index = list ? list.indexOf(m.route) : -1
    if (index < 0) return null // not a chain of children: do not cache (never seen in practice)
    steps.push({ index, pathname: m.pathname, pathnameBase: m.pathnameBase })
    list = m.route.children
  }
  return { steps, params: { ...found[0]?.params } }
}

function rebuild(entry: Entry, routes: Routes, values: string[]): Match[] {
  const params: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(entry.params))
    params[k] = v === undefined ? v : fill(v, values)
  const out: Match[] = []
  let list: Routes | undefined = routes
  for (const s of entry.steps) {
    const route: AgnosticRouteObject = list![s.index]!
    out.push({
      params,
      pathname: fill(s.pathname, values),
      pathnameBase: fill(s.pathnameBase, values),
      route,
    })
    list = route.children
  }
  return out
}

/** Wraps a `matchRoutes` implementation with the cache (exported for the unit test). */
export function cachedMatchRoutes(original: MatchRoutes): MatchRoutes {
  const byShape = new Map<string, Map<string, Entry | null>>()
  return function matchRoutes(routes, location, basename = '/') {
    const raw = typeof location === 'string' ? location : (location?.pathname ?? '/')
    // A string location may carry ?search or #hash, which matching ignores.
    const cut = typeof location === 'string' ? raw.search(/[?#]/) : -1
    const pathname = cut >= 0 ? raw.slice(0, cut) : raw
    const shape = shapeOf(routes)
    let paths = byShape.get(shape.key)
    if (!paths) byShape.set(shape.key, (paths = new Map()))
    // Under another basename the path's first segments are the basename's: kept as they are.
    const general =
      basename === '/' ? generalise(pathname, shape.statics) : { key: pathname, values: [] }
    const key = `${basename}\u0000${general.key}`
    const hit = paths.get(key)
    if (hit !== undefined) {
      // Least recently used goes first when the map is full.
      paths.delete(key)
      paths.set(key, hit)
      return hit === null ? null : rebuild(hit, routes, general.values)
    }
    // Matched on the token path (whose answer is the entry), then filled with this path's values.
    const found = original(routes, general.values.length ? general.key : location, basename)
    const entry = found ? remember(found, routes) : null
    if (found && !entry) return original(routes, location, basename)
    if (paths.size >= PATHS_PER_TREE) paths.delete(paths.keys().next().value!)
    paths.set(key, entry)
    return entry === null ? null : rebuild(entry, routes, general.values)
  }
}

type StaticHandler = {
  dataRoutes: AgnosticRouteObject[]
  query: (request: Request, opts?: unknown) => Promise<unknown>
  queryRoute: (request: Request, opts?: unknown) => Promise<unknown>
}
type CreateStaticHandler = (
  routes: AgnosticRouteObject[],
  opts?: { basename?: string },
) => StaticHandler

const BRANCHES_PER_HANDLER = 1_000
/**
 * Wraps `createStaticHandler` (exported for the unit test) so that a document's `query` runs on a
 * handler made of the one branch of routes the URL matches (decision 075). The static handler
 * matches with a local binding, which the `matchRoutes` cache cannot reach: every document
 * request flattened, ranked and compiled the whole ~90-route tree again (~12% of a course page's
 * CPU). The branch comes from the cached `matchRoutes` over the full tree; a handler of that
 * branch alone (the same route objects, so the same loaders, actions and error boundaries) is made
 * once per branch. Matching in it gives the same matches: its candidates are that branch and its
 * prefixes, all candidates of the full tree ranked as there. No match: the full handler answers
 * (its 404). `queryRoute` (resource routes and data requests) is unchanged.
 */
export function branchStaticHandlers(
  create: CreateStaticHandler,
  match: () => MatchRoutes,
): CreateStaticHandler {
  return function createStaticHandler(routes, opts) {
    const full = create(routes, opts)
    const basename = opts?.basename ?? '/'
    // The input route objects by id: a branch handler is made from them, as the full one was.
    const byId = new Map<string, AgnosticRouteObject>()
    const walk = (list: AgnosticRouteObject[]) => {
      for (const r of list) {
        if (r.id) byId.set(r.id, r)
        if (r.children) walk(r.children)
      }
    }
    walk(routes)
    const branches = new Map<string, StaticHandler>()
    const forBranch = (ids: string[]): StaticHandler | null => {
      const key = ids.join('\u0000')
      let handler = branches.get(key)
      if (handler) return handler
      let tree: AgnosticRouteObject | undefined
      for (let i = ids.length - 1; i >= 0; i--) {
        const route = byId.get(ids[i]!)
        if (!route) return null
        tree = route.index
          ? { ...route }
          : ({ ...route, children: tree ? [tree] : undefined } as AgnosticRouteObject)
      }
      handler = create([tree!], opts)
      if (branches.size >= BRANCHES_PER_HANDLER) branches.clear()
      branches.set(key, handler)
      return handler
    }
    const query: StaticHandler['query'] = (request, queryOpts) => {
      const found = match()(full.dataRoutes, new URL(request.url).pathname, basename)
      const handler = found && forBranch(found.map((m) => m.route.id!))
      return (handler ?? full).query(request, queryOpts)
    }
    return { ...full, query }
  }
}

let installed = false
/**
 * Replaces `matchRoutes` and `createStaticHandler` on the @remix-run/router module every Remix
 * package uses (resolved from this project's root, as the server build resolves it). Idempotent.
 * `staticHandler: false` installs only the match cache (decision 074's behaviour, for benchmarks).
 */
export function installRouteMatchCache(opts: { staticHandler?: boolean } = {}) {
  if (installed) return
  installed = true
  const require = createRequire(import.meta.url)
  const router = require('@remix-run/router') as {
    matchRoutes: MatchRoutes
    createStaticHandler: CreateStaticHandler
  }
  router.matchRoutes = cachedMatchRoutes(router.matchRoutes)
  if (opts.staticHandler !== false)
    router.createStaticHandler = branchStaticHandlers(
      router.createStaticHandler,
      () => router.matchRoutes,
    )
}
