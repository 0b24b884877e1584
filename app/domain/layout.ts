// Drawing an attempt's layout: which questions (fixed slots and random draws from categories), in
// which order, with which option order. Randomness is injected, so a seeded generator makes draws
// reproducible in tests and the models pass a cryptographic one.

/** Returns an integer in [0, n). */
export type Rng = (n: number) => number

export type LayoutEntry = { questionId: string; optionIds: string[] }
export type Layout = LayoutEntry[]

export type Slot =
  | { questionId: string; categoryId?: null; drawCount?: number }
  | { questionId?: null; categoryId: string; drawCount: number }

/** Fisher-Yates with the given generator; the input is not changed. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng(i + 1)
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
}

/**
 * The layout for a new attempt. Slots are taken in order: a fixed question once (a repeat is
 * skipped); a category slot draws `drawCount` questions of its pool not already chosen (fewer
 * when the pool runs out). Options keep their authored order unless shuffled.
 */
export function drawLayout(input: {
  slots: Slot[]
  /** Question ids of each category. */
  pools: ReadonlyMap<string, readonly string[]>
  /** Option ids of each question, in authored order. */
  options: ReadonlyMap<string, readonly string[]>
  shuffleQuestions: boolean
  shuffleOptions: boolean
  rng: Rng
}): Layout {
  const chosen: string[] = []
  for (const slot of input.slots) {
    if (slot.questionId) {
      if (!chosen.includes(slot.questionId)) chosen.push(slot.questionId)
    } else if (slot.categoryId) {
      const pool = (input.pools.get(slot.categoryId) ?? []).filter((id) => !chosen.includes(id))
      chosen.push(...shuffle(pool, input.rng).slice(0, Math.max(0, slot.drawCount)))
    }
  }
  const order = input.shuffleQuestions ? shuffle(chosen, input.rng) : chosen
  return order.map((questionId) => {
    const ids = [...(input.options.get(questionId) ?? [])]
    return { questionId, optionIds: input.shuffleOptions ? shuffle(ids, input.rng) : ids }
  })
}

/** A small seeded generator (mulberry32) for reproducible draws. Not for production use. */
export function seededRng(seed: number): Rng {
  let t = seed >>> 0
  return (n: number) => {
    t = (t + 0x6d2b79f5) >>> 0
    let x = t
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    const r = ((x ^ (x >>> 14)) >>> 0) / 4294967296
    return Math.floor(r * n)
  }
}
