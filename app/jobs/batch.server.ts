// Micro-batching of concurrent job runs (decision 011): the runs of one job that a worker process
// has in flight at the same moment hand their items to one call, e.g. one grading read and one
// write statement for 20 attempts instead of 20 of each. Each run still is its own BullMQ job (its
// own retries, failure and recovery); it just waits a few milliseconds for company.

export interface BatchOptions {
  /** A batch runs when it has this many items... */
  maxSize: number
  /** ...or this long after its first item arrived. */
  waitMs: number
}

/**
 * Returns `add(item)`, which resolves with the item's result. `run(items)` gets the batch and
 * returns one result per item, in order; an Error in a place rejects that item only; a thrown
 * error rejects the whole batch (each job then retries on its own).
 */
export function batched<T, R>(
  run: (items: T[]) => Promise<(R | Error)[]>,
  { maxSize, waitMs }: BatchOptions,
) {
  let pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = []
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    const batch = pending
    pending = []
    if (batch.length === 0) return
    run(batch.map((b) => b.item)).then(
      (results) =>
        batch.forEach((b, i) => {
          const r = results[i]
          if (r instanceof Error) b.reject(r)
          else if (r === undefined) b.reject(new Error('no result for a batched item'))
          else b.resolve(r)
        }),
      (e: unknown) => batch.forEach((b) => b.reject(e)),
    )
  }
  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ item, resolve, reject })
      if (pending.length >= maxSize) flush()
      else timer ??= setTimeout(flush, waitMs)
    })
}
