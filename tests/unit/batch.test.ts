// Micro-batching of concurrent job runs (app/jobs/batch.server.ts, decision 011).
import { describe, expect, it } from 'vitest'
import { batched } from '~/jobs/batch.server'

describe('batched', () => {
  it('hands concurrent items to one call, in order, and answers each with its own result', async () => {
    const calls: number[][] = []
    const add = batched(
      async (xs: number[]) => {
        calls.push(xs)
        return xs.map((x) => x * 10)
      },
      { maxSize: 50, waitMs: 5 },
    )
    expect(await Promise.all([1, 2, 3].map(add))).toEqual([10, 20, 30])
    expect(calls).toEqual([[1, 2, 3]])
  })

  it('runs a full batch at once and starts a new one after it', async () => {
    const calls: number[][] = []
    const add = batched(
      async (xs: number[]) => {
        calls.push(xs)
        return xs
      },
      { maxSize: 2, waitMs: 10_000 },
    )
    const done = Promise.all([1, 2, 3, 4].map(add))
    expect(await done).toEqual([1, 2, 3, 4])
    expect(calls).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('rejects only the item whose result is an Error; a thrown error rejects the whole batch', async () => {
    const one = batched(async (xs: number[]) => xs.map((x) => (x === 2 ? new Error('two') : x)), {
      maxSize: 10,
      waitMs: 1,
    })
    const r = await Promise.allSettled([1, 2, 3].map(one))
    expect(r.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const all = batched(
      async (): Promise<number[]> => {
        throw new Error('database down')
      },
      { maxSize: 10, waitMs: 1 },
    )
    const r2 = await Promise.allSettled([1, 2].map(all))
    expect(r2.map((x) => x.status)).toEqual(['rejected', 'rejected'])
  })
})
