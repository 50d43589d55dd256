/**
 * Mann-Whitney U test, one-sided, for "did the metric move in the bad direction after the deploy?"
 * (Kayenta's judge uses the same test). Exact distribution when both samples are small and have
 * no ties; otherwise the normal approximation with tie and continuity correction.
 */

export interface MannWhitneyResult {
  /** U of the `after` sample: pairs where after > before, ties counting one half. */
  u: number
  /** One-sided p-value for H1 "after is stochastically greater than before" (or smaller). */
  p: number
  method: 'exact' | 'normal'
  n1: number
  n2: number
}

/** Largest n1*n2 for which the exact distribution is computed (a table of n1*n2 cells per row). */
const EXACT_MAX_CELLS = 2500

/**
 * Tests whether `after` is shifted in `direction` relative to `before`. Returns p = 1 when either
 * sample is empty (no evidence is never a regression).
 */
export function mannWhitneyU(
  before: number[],
  after: number[],
  direction: 'increase' | 'decrease',
): MannWhitneyResult {
  const n1 = before.length
  const n2 = after.length
  if (n1 === 0 || n2 === 0) return { u: 0, p: 1, method: 'normal', n1, n2 }
  // Rank the pooled sample, averaging ranks over ties.
  const pooled = [...before.map((v) => ({ v, g: 0 })), ...after.map((v) => ({ v, g: 1 }))].sort(
    (a, b) => a.v - b.v,
  )
  const ranks = new Array<number>(pooled.length)
  const tieSizes: number[] = []
  for (let i = 0; i < pooled.length;) {
    let j = i
    while (j + 1 < pooled.length && pooled[j + 1]!.v === pooled[i]!.v) j++
    const avg = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) ranks[k] = avg
    if (j > i) tieSizes.push(j - i + 1)
    i = j + 1
  }
  let r2 = 0
  pooled.forEach((x, i) => {
    if (x.g === 1) r2 += ranks[i]!
  })
  const uAfter = r2 - (n2 * (n2 + 1)) / 2
  // For "decrease" the statistic of interest counts pairs where after < before.
  const u = direction === 'increase' ? uAfter : n1 * n2 - uAfter

  if (tieSizes.length === 0 && n1 * n2 <= EXACT_MAX_CELLS) {
    return { u, p: exactUpperTail(n1, n2, u), method: 'exact', n1, n2 }
  }
  const n = n1 + n2
  const tieTerm = tieSizes.reduce((s, t) => s + (t ** 3 - t), 0) / (n * (n - 1))
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm)
  if (variance <= 0) return { u, p: 1, method: 'normal', n1, n2 } // every value equal
  const z = (u - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance)
  return { u, p: 1 - normalCdf(z), method: 'normal', n1, n2 }
}

/** P(U >= u) under H0 for samples of sizes m and n, by counting arrangements. */
function exactUpperTail(m: number, n: number, u: number): number {
  // f[i][j][k] = arrangements of i "before" and j "after" values with U = k; roll over i.
  const max = m * n
  let prev: Float64Array[] = [] // prev[j] for i-1
  for (let i = 0; i <= m; i++) {
    const cur: Float64Array[] = []
    for (let j = 0; j <= n; j++) {
      const row = new Float64Array(max + 1)
      if (i === 0 || j === 0) row[0] = 1
      else {
        // Largest value is an "after" (beats all i befores: +i) or a "before" (+0).
        const a = cur[j - 1]!
        const b = prev[j]!
        for (let k = 0; k <= i * j; k++) row[k] = (k >= i ? a[k - i]! : 0) + b[k]!
      }
      cur.push(row)
    }
    prev = cur
  }
  const dist = prev[n]!
  let total = 0
  let tail = 0
  const threshold = Math.ceil(u - 1e-9)
  for (let k = 0; k <= max; k++) {
    total += dist[k]!
    if (k >= threshold) tail += dist[k]!
  }
  return tail / total
}

/** Standard normal CDF via erfc (W. J. Cody's rational approximation is overkill; 1e-7 suffices). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2)
}

function erfc(x: number): number {
  // Numerical Recipes erfcc: fractional error < 1.2e-7 everywhere.
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? r : 2 - r
}

/** Median; NaN for an empty list. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
