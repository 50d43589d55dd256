import { describe, expect, it } from 'vitest'
import { mannWhitneyU, median, normalCdf } from '../../src/rollback/stats.js'

// Reference values from scipy.stats.mannwhitneyu(after, before, alternative=...).
describe('mannWhitneyU', () => {
  it('computes the exact one-sided p-value for small samples without ties', () => {
    const r = mannWhitneyU([1, 2, 3], [4, 5, 6], 'increase')
    expect(r).toMatchObject({ u: 9, method: 'exact' })
    expect(r.p).toBeCloseTo(0.05, 10)
  })

  it('matches scipy exact for both directions', () => {
    const before = [1.0, 1.2, 2.0, 2.6, 3.3, 0.9]
    const after = [2.5, 3.1, 4.7, 5.0]
    expect(mannWhitneyU(before, after, 'increase').p).toBeCloseTo(0.0333333333, 8)
    // "decrease" asks whether after < before: scipy alternative='less'.
    expect(mannWhitneyU(before, after, 'decrease').p).toBeCloseTo(0.980952381, 8)
  })

  it('uses the normal approximation with tie and continuity correction when there are ties', () => {
    const r = mannWhitneyU([1, 2, 3, 4, 2, 1, 3], [3, 5, 2, 6, 7], 'increase')
    expect(r).toMatchObject({ u: 29, method: 'normal' })
    expect(r.p).toBeCloseTo(0.0347477909, 5)
    const t = mannWhitneyU(
      [0.008, 0.009, 0.01, 0.011, 0.012].flatMap((x) => [x, x, x, x]),
      [0.03, 0.03],
      'increase',
    )
    expect(t.u).toBe(40)
    expect(t.p).toBeCloseTo(0.0119158036, 5)
  })

  it('never reports a regression from empty or constant samples', () => {
    expect(mannWhitneyU([], [1, 2], 'increase').p).toBe(1)
    expect(mannWhitneyU([1, 1, 1], [1, 1], 'increase').p).toBe(1)
  })
})

describe('helpers', () => {
  it('median and normalCdf', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 2, 3])).toBe(2.5)
    expect(median([])).toBeNaN()
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6)
    expect(normalCdf(-2.326348)).toBeCloseTo(0.01, 6)
  })
})
