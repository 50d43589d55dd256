/** Bounded concurrency for the review's model calls and file reads. */

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!, i)
    }
  })
  await Promise.all(workers)
  return out
}

/**
 * Like `mapLimit`, but the first item goes alone until it calls `ready` (or ends); then the
 * others start, at most `limit` in flight counting the first. The review uses it so the first
 * call writes the shared prompt prefix to the cache and the others read it, instead of every
 * call writing it with a cold cache. The wait is bounded by the first call: when it fails or
 * ends without calling `ready`, the others start anyway, in parallel (they are not made to
 * take turns leading, which would serialise a review against a failing API).
 */
export async function mapLimitFirstAlone<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number, ready: () => void) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  if (items.length === 0) return out
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const noop = () => {}
  let next = 1
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!, i, noop)
    }
  }
  let failure: { error: unknown } | null = null
  const guarded = (p: Promise<void>) =>
    p.catch((error: unknown) => {
      failure ??= { error }
    })
  const first = guarded(
    (async () => {
      try {
        out[0] = await fn(items[0]!, 0, open)
      } finally {
        open()
      }
      // The first call's slot takes the next items once it is done.
      await worker()
    })(),
  )
  await gate
  const others = Array.from({ length: Math.max(0, Math.min(limit, items.length) - 1) }, () =>
    guarded(worker()),
  )
  await Promise.all([first, ...others])
  if (failure) throw (failure as { error: unknown }).error
  return out
}
