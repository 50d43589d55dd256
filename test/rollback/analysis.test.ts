import { describe, expect, it } from 'vitest'
import type { AnalysisConfig, MetricConfig } from '../../src/config/types.js'
import { analyze, type Decision } from '../../src/rollback/analysis.js'
import { analysisConfig, metricConfig, series } from './fixtures.js'

// With the fixture's condition `max: 0.05`: P passes, F fails.
const P = 0.01
const F = 0.5
type Step = number | 'n' | 'e'

function decide(
  script: Step[],
  a: Partial<AnalysisConfig> = {},
  m: Partial<MetricConfig> = {},
): Decision {
  return analyze({
    analysis: analysisConfig(a),
    metrics: [metricConfig(m)],
    measurements: { errors: series(...script) },
  }).decision
}

/** The decision after each prefix: proves nothing was decided earlier than asserted. */
function firstDecision(
  script: Step[],
  a: Partial<AnalysisConfig> = {},
  m: Partial<MetricConfig> = {},
) {
  for (let i = 1; i <= script.length; i++) {
    const d = decide(script.slice(0, i), a, m)
    if (d.kind !== 'continue') return d
  }
  return decide(script, a, m)
}

describe('analyze: the measurement number at which it decides', () => {
  const cases: [
    string,
    Step[],
    Partial<AnalysisConfig>,
    Partial<MetricConfig>,
    string,
    number,
    string?,
  ][] = [
    ['all pass -> healthy at count', [P, P, P, P, P], {}, {}, 'healthy', 5],
    ['count 3 -> healthy at 3', [P, P, P, P, P], { count: 3 }, {}, 'healthy', 3],
    [
      'consecutive 2: P F F -> at 3',
      [P, F, F, P, P],
      {},
      {},
      'rollback',
      3,
      'consecutive-failures',
    ],
    ['consecutive 2: F F -> at 2', [F, F, P, P, P], {}, {}, 'rollback', 2, 'consecutive-failures'],
    [
      'a pass resets the run, not the total: F P F P F -> max-failures at 5',
      [F, P, F, P, F],
      {},
      {},
      'rollback',
      5,
      'max-failures',
    ],
    [
      'max-failures off: F P F P F -> healthy',
      [F, P, F, P, F],
      { maxFailures: 0 },
      {},
      'healthy',
      5,
    ],
    [
      'consecutive 3: F F P F F F -> at 6',
      [F, F, P, F, F, F],
      { consecutiveFailures: 3, maxFailures: 0, count: 6 },
      {},
      'rollback',
      6,
      'consecutive-failures',
    ],
    [
      "max-failures 3 rolls back AT the 3rd failure (not Argo's 4th)",
      [F, P, F, P, F, P, F],
      { consecutiveFailures: 0, maxFailures: 3, count: 7 },
      {},
      'rollback',
      5,
      'max-failures',
    ],
    [
      'max-failures 1 -> first failure',
      [P, P, F, P, P],
      { consecutiveFailures: 0, maxFailures: 1 },
      {},
      'rollback',
      3,
      'max-failures',
    ],
    [
      'critical -> first failure despite high limits',
      [P, F, P, P, P],
      { consecutiveFailures: 5, maxFailures: 5 },
      { critical: true },
      'rollback',
      2,
      'critical',
    ],
    [
      'per-metric consecutive override',
      [F, F, F, P, P],
      {},
      { consecutiveFailures: 3, maxFailures: 0 },
      'rollback',
      3,
      'consecutive-failures',
    ],
    [
      'per-metric max-failures override',
      [F, P, F, P, P],
      {},
      { maxFailures: 2 },
      'rollback',
      3,
      'max-failures',
    ],
    ['upper bound is inclusive', [0.05, 0.05, 0.05, 0.05, 0.05], {}, {}, 'healthy', 5],
    [
      'just over the bound fails',
      [0.0500001, 0.0500001],
      {},
      {},
      'rollback',
      2,
      'consecutive-failures',
    ],
    [
      'lower bound is inclusive',
      [10, 10, 10, 10, 10],
      {},
      { condition: { min: 10 } },
      'healthy',
      5,
    ],
    [
      'below min fails',
      [9.99, 9.99],
      {},
      { condition: { min: 10 } },
      'rollback',
      2,
      'consecutive-failures',
    ],
    [
      'min and max together',
      [5, 11, 0, 5, 5],
      {},
      { condition: { min: 1, max: 10 } },
      'rollback',
      3,
      'consecutive-failures',
    ],
    [
      'NaN never passes a bound',
      [Number.NaN, Number.NaN],
      {},
      {},
      'rollback',
      2,
      'consecutive-failures',
    ],
    [
      '+Inf fails max',
      [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
      {},
      {},
      'rollback',
      2,
      'consecutive-failures',
    ],
    [
      'expr condition',
      [0.2, 0.3, 0.9, 0.95],
      {},
      { condition: { expr: 'result < 0.5 || result > 0.99' } },
      'rollback',
      4,
      'consecutive-failures',
    ],
    [
      'no data defaults to inconclusive, limit 3 -> at 3',
      ['n', 'n', 'n', P, P],
      {},
      {},
      'inconclusive',
      3,
    ],
    [
      'no data is never a silent pass: n then P... inconclusive counted',
      [P, 'n', P, 'n', 'n'],
      {},
      {},
      'inconclusive',
      5,
    ],
    [
      'no-data fail -> counts as failures',
      [P, 'n', 'n', P, P],
      { noData: 'fail' },
      {},
      'rollback',
      3,
      'consecutive-failures',
    ],
    [
      'no-data ignore with a pass -> healthy',
      [P, 'n', 'n', 'n', 'n'],
      { noData: 'ignore' },
      {},
      'healthy',
      5,
    ],
    [
      'no-data ignore with no pass at all -> inconclusive at count',
      ['n', 'n', 'n', 'n', 'n'],
      { noData: 'ignore' },
      {},
      'inconclusive',
      5,
    ],
    [
      'per-metric no-data overrides the analysis policy',
      ['n', 'n'],
      { noData: 'ignore' },
      { noData: 'fail' },
      'rollback',
      2,
      'consecutive-failures',
    ],
    ['provider errors default to inconclusive', ['e', P, 'e', 'e', P], {}, {}, 'inconclusive', 4],
    [
      'provider-error fail',
      ['e', 'e', P],
      { providerError: 'fail' },
      {},
      'rollback',
      2,
      'consecutive-failures',
    ],
    [
      'per-metric provider-error fail',
      [P, 'e', 'e'],
      {},
      { providerError: 'fail' },
      'rollback',
      3,
      'consecutive-failures',
    ],
    [
      'inconclusive neither extends nor resets a run of failures',
      [F, 'n', F, P, P],
      {},
      {},
      'rollback',
      3,
      'consecutive-failures',
    ],
    [
      'ignored neither extends nor resets a run of failures',
      [F, 'e', F],
      { providerError: 'ignore' },
      {},
      'rollback',
      3,
      'consecutive-failures',
    ],
    [
      'max-inconclusive 1 -> first inconclusive',
      [P, 'e', P, P, P],
      { maxInconclusive: 1 },
      {},
      'inconclusive',
      2,
    ],
    [
      'max-inconclusive 0 is off; healthy when passes exist',
      [P, 'n', 'n', 'n', 'n'],
      { maxInconclusive: 0 },
      {},
      'healthy',
      5,
    ],
    [
      'all limits off: failures still block nothing but healthy needs a pass',
      [F, F, F, F, P],
      { consecutiveFailures: 0, maxFailures: 0 },
      {},
      'healthy',
      5,
    ],
  ]
  it.each(cases)('%s', (_name, script, a, m, kind, n, rule) => {
    const d = firstDecision(script, a, m)
    expect(d.kind).toBe(kind)
    expect(d.n).toBe(n)
    if (rule) expect(d).toMatchObject({ rule, metric: 'errors' })
  })

  it('continues while no limit is reached', () => {
    expect(decide([F])).toEqual({ kind: 'continue', n: 1 })
    expect(decide([F, P, F, P])).toEqual({ kind: 'continue', n: 4 })
    expect(decide([])).toEqual({ kind: 'continue', n: 0 })
  })

  it('explains the rule in the reason', () => {
    const d = decide([F, F])
    expect(d.kind === 'rollback' && d.reason).toContain(
      'failed 2 measurements in a row (consecutive-failures: 2)',
    )
    expect(d.kind === 'rollback' && d.reason).toContain('0.5 > max 0.05')
  })
})

describe('analyze: several metrics', () => {
  const latency = (over: Partial<MetricConfig> = {}) =>
    metricConfig({ name: 'latency', condition: { max: 300 }, ...over })

  it('judges only rounds every metric completed', () => {
    const r = analyze({
      analysis: analysisConfig(),
      metrics: [metricConfig(), latency()],
      measurements: { errors: series(F, F, F), latency: series(100) },
    })
    expect(r.decision).toEqual({ kind: 'continue', n: 1 })
  })

  it('rollback beats inconclusive in the same round', () => {
    const r = analyze({
      analysis: analysisConfig(),
      metrics: [metricConfig(), latency()],
      measurements: { errors: series('n', 'n', 'n'), latency: series(100, 400, 400) },
    })
    expect(r.decision).toMatchObject({ kind: 'rollback', n: 3, metric: 'latency' })
  })

  it('a critical metric wins over an earlier metric in the same round', () => {
    const r = analyze({
      analysis: analysisConfig(),
      metrics: [metricConfig(), latency({ critical: true })],
      measurements: { errors: series(F, F), latency: series(100, 400) },
    })
    expect(r.decision).toMatchObject({
      kind: 'rollback',
      n: 2,
      metric: 'latency',
      rule: 'critical',
    })
  })

  it('a dry-run metric is judged and reported but never decides', () => {
    const r = analyze({
      analysis: analysisConfig(),
      metrics: [metricConfig({ dryRun: true }), latency()],
      measurements: { errors: series(F, F, F, 'n', 'n'), latency: series(100, 100, 100, 100, 100) },
    })
    expect(r.decision).toMatchObject({ kind: 'healthy', n: 5 })
    const errors = r.metrics.find((m) => m.name === 'errors')!
    expect(errors.wouldDecide).toMatchObject({ kind: 'rollback', n: 2 })
    expect(errors.failures).toBe(3)
    expect(errors.evaluations.map((e) => e.verdict)).toEqual([
      'fail',
      'fail',
      'fail',
      'inconclusive',
      'inconclusive',
    ])
  })

  it('a dry-run metric with no pass does not make the result inconclusive', () => {
    const r = analyze({
      analysis: analysisConfig({ noData: 'ignore' }),
      metrics: [metricConfig({ dryRun: true }), latency()],
      measurements: { errors: series('n', 'n', 'n', 'n', 'n'), latency: series(1, 1, 1, 1, 1) },
    })
    expect(r.decision.kind).toBe('healthy')
  })

  it('counts inconclusive measurements per metric', () => {
    const r = analyze({
      analysis: analysisConfig({ count: 10 }),
      metrics: [metricConfig(), latency()],
      measurements: { errors: series('n', P, 'n', P, P), latency: series(1, 'e', 1, 'e', 1) },
    })
    expect(r.decision).toEqual({ kind: 'continue', n: 5 })
  })
})

describe('analyze: baseline comparison', () => {
  // Pre-deploy error rate around 1%; after the deploy 3%: below the absolute bound of 5%.
  const before = [0.008, 0.009, 0.01, 0.011, 0.012].flatMap((x) => [
    x,
    x + 0.0001,
    x + 0.0002,
    x + 0.0003,
  ])
  const base = { window: '30m', confidence: 0.98, direction: 'increase' as const }

  it('fails below the absolute bound once the shift is significant', () => {
    // 20 baseline samples: n2=1 gives exact p=1/21 > 0.02 (pass); n2=2 (tied values, so the
    // normal approximation) gives p=0.01295 (scipy), below 0.02 (fail).
    const metric = metricConfig({ baseline: { ...base, maxRatio: 2 } })
    const measurements = { errors: series(0.03, 0.03, 0.03, 0.03, 0.03) }
    const run = (k: number) =>
      analyze({
        analysis: analysisConfig(),
        metrics: [metric],
        measurements: { errors: measurements.errors.slice(0, k) },
        baselines: { errors: before },
      })
    expect(run(1).decision.kind).toBe('continue')
    expect(run(2).decision.kind).toBe('continue')
    const r = run(3)
    expect(r.decision).toMatchObject({ kind: 'rollback', n: 3, rule: 'consecutive-failures' })
    const ev = r.metrics[0]!.evaluations
    expect(ev.map((e) => e.verdict)).toEqual(['pass', 'fail', 'fail'])
    expect(ev[1]!.baseline).toMatchObject({
      n1: 20,
      n2: 2,
      method: 'normal',
      significant: true,
      regression: true,
    })
    expect(ev[0]!.baseline).toMatchObject({ method: 'exact', significant: false })
    expect(ev[0]!.baseline!.p).toBeCloseTo(1 / 21, 10)
    expect(ev[1]!.baseline!.p).toBeCloseTo(0.0129507319, 5)
    expect(ev[1]!.reason).toMatch(
      /increase vs baseline: median 0.03 vs 0.01015 \(ratio 2.956 > 2.*p=0.0130/,
    )
  })

  it('a significant shift smaller than max-ratio passes', () => {
    const r = analyze({
      analysis: analysisConfig(),
      metrics: [metricConfig({ baseline: { ...base, maxRatio: 5 } })],
      measurements: { errors: series(0.03, 0.03, 0.03, 0.03, 0.03) },
      baselines: { errors: before },
    })
    expect(r.decision.kind).toBe('healthy')
    expect(r.metrics[0]!.evaluations[4]!.baseline).toMatchObject({
      significant: true,
      regression: false,
    })
  })

  it('direction decrease catches a throughput drop and ignores a rise', () => {
    const tput = metricConfig({
      name: 'errors',
      condition: {},
      baseline: { ...base, direction: 'decrease', maxRatio: 1.5 },
    })
    const hist = [100, 101, 102, 99, 98, 100, 103, 97, 100, 101]
    const drop = analyze({
      analysis: analysisConfig(),
      metrics: [tput],
      measurements: { errors: series(50, 48, 52) },
      baselines: { errors: hist },
    })
    expect(drop.decision).toMatchObject({ kind: 'rollback', n: 3 })
    const rise = analyze({
      analysis: analysisConfig(),
      metrics: [tput],
      measurements: { errors: series(150, 160, 170, 180, 190) },
      baselines: { errors: hist },
    })
    expect(rise.decision.kind).toBe('healthy')
  })

  it('too small a baseline is noted and not compared', () => {
    const r = analyze({
      analysis: analysisConfig(),
      metrics: [metricConfig({ baseline: base })],
      measurements: { errors: series(0.03, 0.03, 0.03, 0.03, 0.03) },
      baselines: { errors: [0.01, 0.01] },
    })
    expect(r.decision.kind).toBe('healthy')
    expect(r.metrics[0]!.baselineNote).toMatch(/2 pre-deploy samples/)
  })
})
