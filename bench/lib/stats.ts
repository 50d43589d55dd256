/** Median and spread of repeated measurements: benches report these, never the best run. */
export interface Spread {
  runs: number
  median: number
  min: number
  p25: number
  p75: number
  max: number
}

/** Quantile by linear interpolation between the closest ranks. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

/** Median, quartiles and extremes of `values`, rounded to `digits` decimals. */
export function spread(values: number[], digits = 1): Spread {
  const s = [...values].sort((a, b) => a - b)
  const r = (n: number) => Number(n.toFixed(digits))
  return {
    runs: s.length,
    median: r(quantile(s, 0.5)),
    min: r(s[0] ?? NaN),
    p25: r(quantile(s, 0.25)),
    p75: r(quantile(s, 0.75)),
    max: r(s[s.length - 1] ?? NaN),
  }
}

/** Runs `fn` `runs` times one after another and returns every result. */
export async function repeat<T>(runs: number, fn: (i: number) => Promise<T> | T): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < runs; i++) out.push(await fn(i))
  return out
}
