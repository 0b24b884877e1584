// A bounded in-memory cache for values that never change once written (published course and
// lesson versions: new versions, never edits). Least recently used entries go first; a failed
// load is not kept. Per process: nothing to invalidate, because the values are immutable.
export function immutableCache<K, V>(max: number, load: (key: K) => Promise<V>) {
  const entries = new Map<K, Promise<V>>()
  return (key: K): Promise<V> => {
    let value = entries.get(key)
    if (value) {
      entries.delete(key) // re-insert: the Map's order is the recency order
      entries.set(key, value)
      return value
    }
    value = load(key)
    entries.set(key, value)
    value.catch(() => entries.delete(key))
    if (entries.size > max) entries.delete(entries.keys().next().value as K)
    return value
  }
}
