// Rendered fragments (app/utils/html-fragment.server.tsx) kept by a key that names everything
// their markup depends on (decision 125). A caller puts into the key every input of the render;
// the cache is bounded (oldest out first) and per process.
const MAX_ENTRIES = 2_000
const cache = new Map<string, string>()

/** The markup for `key`: remembered, or rendered now and remembered. */
export function cachedFragment(key: string, render: () => string): string {
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  const html = render()
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  cache.set(key, html)
  return html
}
