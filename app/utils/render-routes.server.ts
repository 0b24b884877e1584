// The routes a server render needs (decision 075). Remix's <RemixServer> builds React Router's
// route objects for EVERY route of the manifest on every document request (`createServerRoutes`,
// then `convertRoutesToDataRoutes` in the static router), and React Router and <Scripts> match the
// URL against that whole tree: with ~90 route files this was ~6% of a page's CPU, for a tree of
// which one page uses three or four routes.
//
// With lazy route discovery (v3_lazyRouteDiscovery) the browser only ever receives the routes
// <Scripts> puts in its partial manifest: the matched routes plus the routes matching each parent
// path of the URL (`getPartialManifest` in @remix-run/react). That same set is all the render
// needs, so the render is given a manifest of just those routes. Matching a path in a subset of
// the tree that contains the full tree's best branch gives that branch again (ranking and the
// siblings' order are kept), so the partial manifest, the matches and the rendered HTML are the
// same as with the whole manifest.
import type { EntryContext } from '@remix-run/node'
import { matchRoutes } from '@remix-run/react'

type Manifest = EntryContext['manifest']
type ManifestRoute = Manifest['routes'][string]
type TreeRoute = Parameters<typeof matchRoutes>[0][number]

const trees = new WeakMap<object, TreeRoute[]>()
/** The manifest's route tree (ids and paths only), in the manifest's order, as Remix builds it. */
function treeOf(routes: Manifest['routes']): TreeRoute[] {
  let tree = trees.get(routes)
  if (tree) return tree
  const byParent = new Map<string, ManifestRoute[]>()
  for (const r of Object.values(routes)) {
    const list = byParent.get(r.parentId ?? '') ?? []
    list.push(r)
    byParent.set(r.parentId ?? '', list)
  }
  const build = (parentId: string): TreeRoute[] =>
    (byParent.get(parentId) ?? []).map((r) => {
      const children = build(r.id)
      return (
        r.index
          ? { id: r.id, path: r.path, index: true, caseSensitive: r.caseSensitive }
          : {
              id: r.id,
              path: r.path,
              caseSensitive: r.caseSensitive,
              ...(children.length ? { children } : {}),
            }
      ) as TreeRoute
    })
  tree = build('')
  trees.set(routes, tree)
  return tree
}

const MAX_PATHS = 2_000
const parentIds = new WeakMap<object, Map<string, string[]>>()
/** Route ids matching each parent path of `pathname` ("/", "/a", "/a/b" for "/a/b/c"). */
function idsOfParentPaths(routes: Manifest['routes'], pathname: string): string[] {
  let byPath = parentIds.get(routes)
  if (!byPath) parentIds.set(routes, (byPath = new Map()))
  let ids = byPath.get(pathname)
  if (ids) return ids
  const segments = pathname.split('/').filter(Boolean)
  segments.pop()
  const paths = ['/']
  while (segments.length > 0) {
    paths.push(`/${segments.join('/')}`)
    segments.pop()
  }
  const set = new Set<string>()
  const tree = treeOf(routes)
  for (const path of paths) for (const m of matchRoutes(tree, path) ?? []) set.add(m.route.id!)
  ids = [...set]
  if (byPath.size >= MAX_PATHS) byPath.clear()
  byPath.set(pathname, ids)
  return ids
}

const MAX_SETS = 500
const partials = new WeakMap<object, Map<string, Manifest>>()
/**
 * The manifest with only the routes this render can use: the matched routes (the error boundary
 * that renders is one of them) and those of the URL's parent paths. Remembered per route set.
 */
export function renderManifest(context: EntryContext, pathname: string): Manifest {
  const { manifest } = context
  const ids = new Set(context.staticHandlerContext.matches.map((m) => m.route.id))
  for (const id of idsOfParentPaths(manifest.routes, pathname)) ids.add(id)
  // Keep the manifest's own order (the tree is built in that order).
  const kept = Object.keys(manifest.routes).filter((id) => ids.has(id))
  const key = kept.join('\n')
  let byKey = partials.get(manifest)
  if (!byKey) partials.set(manifest, (byKey = new Map()))
  let partial = byKey.get(key)
  if (!partial) {
    partial = {
      ...manifest,
      routes: Object.fromEntries(kept.map((id) => [id, manifest.routes[id]!])),
    }
    if (byKey.size >= MAX_SETS) byKey.clear()
    byKey.set(key, partial)
  }
  return partial
}
