/** Polls `fn` until it returns something truthy, or fails after `ms` naming what it waited for. */
export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false>,
  ms = 15_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
