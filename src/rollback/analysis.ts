import type { AnalysisConfig, FailurePolicy, MetricConfig } from '../config/types.js'
import { compileExpr } from './expr.js'
import { mannWhitneyU, median } from './stats.js'
import type { Measurement } from './types.js'

/**
 * What one measurement counted as.
 * - `pass` / `fail`: judged against the condition (and the baseline when configured);
 * - `inconclusive`: no data or provider error under the `inconclusive` policy;
 * - `ignored`: no data or provider error under the `ignore` policy (counts for nothing).
 */
export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'ignored'

export interface BaselineCheck {
  /** Number of pre-deploy samples and post-deploy values compared. */
  n1: number
  n2: number
  p: number
  /** Bad-direction ratio of medians: after/before for `increase`, before/after for `decrease`. */
  ratio: number
  beforeMedian: number
  afterMedian: number
  significant: boolean
  regression: boolean
  method: 'exact' | 'normal'
}

export interface Evaluation {
  /** 1-based measurement number (the round). */
  n: number
  at: number
  value?: number
  kind: Measurement['kind']
  verdict: Verdict
  reason: string
  baseline?: BaselineCheck
}

export interface MetricReport {
  name: string
  dryRun: boolean
  critical: boolean
  evaluations: Evaluation[]
  passes: number
  failures: number
  consecutiveFailures: number
  inconclusive: number
  /** Effective limits after per-metric overrides (0 = off). */
  limits: { consecutiveFailures: number; maxFailures: number; maxInconclusive: number }
  /** Set when this (dry-run) metric would have decided; reported, never acted on. */
  wouldDecide?: { kind: 'rollback' | 'inconclusive'; n: number; reason: string }
  baselineNote?: string
}

export type Decision =
  | { kind: 'continue'; n: number }
  | {
      kind: 'rollback'
      n: number
      metric: string
      rule: 'critical' | 'consecutive-failures' | 'max-failures'
      reason: string
    }
  | { kind: 'healthy'; n: number; reason: string }
  | { kind: 'inconclusive'; n: number; metric?: string; reason: string }

export interface AnalysisInput {
  analysis: AnalysisConfig
  metrics: MetricConfig[]
  /** Per metric name: its measurements in order; measurement i belongs to round i + 1. */
  measurements: Record<string, Measurement[]>
  /** Per metric name: pre-deploy samples for the baseline comparison (absent: none). */
  baselines?: Record<string, number[] | undefined>
}

export interface AnalysisResult {
  decision: Decision
  metrics: MetricReport[]
}

/** Baselines with fewer samples than this are reported and not compared: too little to rank. */
export const MIN_BASELINE_SAMPLES = 3

/**
 * Decides, from the measurements so far, whether to keep watching, roll back, call the deploy
 * healthy, or give up as inconclusive. Pure: the watch loop calls it after every round.
 *
 * Exact semantics (docs/rollback-analysis.md says the same):
 * - Rounds: every metric is measured once per round; measurement n is round n (1-based). Only
 *   rounds that every metric has completed are judged.
 * - Condition: `min` and `max` are inclusive (a value equal to a bound passes); `expr` must be
 *   true. All given parts must hold. A metric with no condition passes unless its baseline fails.
 *   NaN never passes a bound; +Inf fails `max`, -Inf fails `min`.
 * - Baseline (optional): after measurement n, the n post-deploy values so far are compared with
 *   the pre-deploy samples by a one-sided Mann-Whitney U test; measurement n fails when
 *   p <= 1 - confidence AND (when `max-ratio` is set) the bad-direction ratio of medians exceeds
 *   `max-ratio`. Fewer than MIN_BASELINE_SAMPLES baseline samples: not compared, noted.
 * - No data / provider error: policy `fail` makes the measurement a failure, `inconclusive`
 *   makes it inconclusive, `ignore` makes it count for nothing. Default `inconclusive`. Neither
 *   is ever a pass.
 * - `consecutive-failures: N` rolls back AT the N-th failure in a row. A pass resets the run;
 *   inconclusive and ignored measurements neither extend nor reset it.
 * - `max-failures: N` rolls back AT the N-th failure in total (not after N; Argo's
 *   `failureLimit: N` rolls back at N+1, ours does not).
 * - `critical: true` rolls back at the metric's first failure.
 * - `max-inconclusive: N` ends the watch as inconclusive AT a metric's N-th inconclusive
 *   measurement (counted per metric).
 * - A limit of 0 turns that rule off.
 * - Precedence within one round: rollback beats inconclusive (a failure is evidence, an
 *   inconclusive is its absence); among rollbacks, critical first, then config order.
 * - Dry-run metrics are measured and judged, and what they would have decided is reported in
 *   `wouldDecide`, but they never decide and never block healthy.
 * - Healthy: after `count` rounds with no decision, provided every deciding metric passed at
 *   least once; a metric with no pass at all makes the result inconclusive (no silent pass).
 */
export function analyze(input: AnalysisInput): AnalysisResult {
  const { analysis, metrics } = input
  const rounds = metrics.length
    ? Math.min(...metrics.map((m) => input.measurements[m.name]?.length ?? 0))
    : 0
  const reports: MetricReport[] = metrics.map((m) => ({
    name: m.name,
    dryRun: m.dryRun,
    critical: m.critical,
    evaluations: [],
    passes: 0,
    failures: 0,
    consecutiveFailures: 0,
    inconclusive: 0,
    limits: {
      consecutiveFailures: m.consecutiveFailures ?? analysis.consecutiveFailures,
      maxFailures: m.maxFailures ?? analysis.maxFailures,
      maxInconclusive: analysis.maxInconclusive,
    },
  }))

  for (let n = 1; n <= rounds; n++) {
    const rollbacks: Extract<Decision, { kind: 'rollback' }>[] = []
    const inconclusives: Extract<Decision, { kind: 'inconclusive' }>[] = []
    metrics.forEach((metric, i) => {
      const report = reports[i]!
      const all = input.measurements[metric.name]!
      const ev = evaluate(
        metric,
        analysis,
        all[n - 1]!,
        n,
        all.slice(0, n),
        input.baselines?.[metric.name],
      )
      if (ev.note) report.baselineNote = ev.note
      report.evaluations.push(ev.evaluation)
      const verdict = ev.evaluation.verdict
      if (verdict === 'pass') {
        report.passes++
        report.consecutiveFailures = 0
      } else if (verdict === 'fail') {
        report.failures++
        report.consecutiveFailures++
      } else if (verdict === 'inconclusive') {
        report.inconclusive++
      }
      const { limits } = report
      let rb: Extract<Decision, { kind: 'rollback' }> | undefined
      if (verdict === 'fail') {
        if (metric.critical) {
          rb = rollback(
            n,
            metric.name,
            'critical',
            `critical metric '${metric.name}' failed: ${ev.evaluation.reason}`,
          )
        } else if (
          limits.consecutiveFailures > 0 &&
          report.consecutiveFailures >= limits.consecutiveFailures
        ) {
          rb = rollback(
            n,
            metric.name,
            'consecutive-failures',
            `'${metric.name}' failed ${report.consecutiveFailures} measurements in a row (consecutive-failures: ${limits.consecutiveFailures}); last: ${ev.evaluation.reason}`,
          )
        } else if (limits.maxFailures > 0 && report.failures >= limits.maxFailures) {
          rb = rollback(
            n,
            metric.name,
            'max-failures',
            `'${metric.name}' failed ${report.failures} measurements in total (max-failures: ${limits.maxFailures}); last: ${ev.evaluation.reason}`,
          )
        }
      }
      let inc: Extract<Decision, { kind: 'inconclusive' }> | undefined
      if (
        verdict === 'inconclusive' &&
        limits.maxInconclusive > 0 &&
        report.inconclusive >= limits.maxInconclusive
      ) {
        inc = {
          kind: 'inconclusive',
          n,
          metric: metric.name,
          reason: `'${metric.name}' was inconclusive ${report.inconclusive} times (max-inconclusive: ${limits.maxInconclusive}); last: ${ev.evaluation.reason}`,
        }
      }
      if (metric.dryRun) {
        const would = rb ?? inc
        if (would && !report.wouldDecide)
          report.wouldDecide = { kind: would.kind, n, reason: would.reason }
        return
      }
      if (rb) rollbacks.push(rb)
      if (inc) inconclusives.push(inc)
    })
    if (rollbacks.length) {
      const critical = rollbacks.find((r) => r.rule === 'critical')
      return { decision: critical ?? rollbacks[0]!, metrics: reports }
    }
    if (inconclusives.length) return { decision: inconclusives[0]!, metrics: reports }
    if (n >= analysis.count) {
      const silent = reports.filter((r) => !r.dryRun && r.passes === 0)
      if (silent.length) {
        return {
          decision: {
            kind: 'inconclusive',
            n,
            metric: silent[0]!.name,
            reason: `no passing measurement of ${silent.map((r) => `'${r.name}'`).join(', ')} in ${n} rounds: no evidence the deploy is healthy`,
          },
          metrics: reports,
        }
      }
      return {
        decision: {
          kind: 'healthy',
          n,
          reason: `${n} of ${analysis.count} measurements taken; no limit reached`,
        },
        metrics: reports,
      }
    }
  }
  return { decision: { kind: 'continue', n: rounds }, metrics: reports }
}

function rollback(
  n: number,
  metric: string,
  rule: 'critical' | 'consecutive-failures' | 'max-failures',
  reason: string,
): Extract<Decision, { kind: 'rollback' }> {
  return { kind: 'rollback', n, metric, rule, reason }
}

function policyVerdict(policy: FailurePolicy): Verdict {
  return policy === 'fail' ? 'fail' : policy === 'ignore' ? 'ignored' : 'inconclusive'
}

/** Judges one measurement; `upTo` is every measurement of the metric up to and including it. */
function evaluate(
  metric: MetricConfig,
  analysis: AnalysisConfig,
  m: Measurement,
  n: number,
  upTo: Measurement[],
  baseline: number[] | undefined,
): { evaluation: Evaluation; note?: string } {
  if (m.kind === 'noData') {
    const policy = metric.noData ?? analysis.noData
    return {
      evaluation: {
        n,
        at: m.at,
        kind: m.kind,
        verdict: policyVerdict(policy),
        reason: `no data (${m.reason}); no-data policy: ${policy}`,
      },
    }
  }
  if (m.kind === 'error') {
    const policy = metric.providerError ?? analysis.providerError
    return {
      evaluation: {
        n,
        at: m.at,
        kind: m.kind,
        verdict: policyVerdict(policy),
        reason: `provider error (${m.error}); provider-error policy: ${policy}`,
      },
    }
  }
  const failed = conditionFailures(metric, m.value)
  const evaluation: Evaluation = {
    n,
    at: m.at,
    value: m.value,
    kind: 'value',
    verdict: failed.length ? 'fail' : 'pass',
    reason: failed.length ? failed.join(' and ') : `${fmt(m.value)} within the condition`,
  }
  let note: string | undefined
  if (metric.baseline && baseline) {
    if (baseline.length < MIN_BASELINE_SAMPLES) {
      note = `baseline not compared: ${baseline.length} pre-deploy samples (need ${MIN_BASELINE_SAMPLES})`
    } else {
      const after = upTo.flatMap((x) =>
        x.kind === 'value' && !Number.isNaN(x.value) ? [x.value] : [],
      )
      const check = baselineCheck(baseline, after, metric.baseline)
      evaluation.baseline = check
      if (check.regression) {
        const why = `${metric.baseline.direction} vs baseline: median ${fmt(check.afterMedian)} vs ${fmt(check.beforeMedian)} (ratio ${fmt(check.ratio)}${metric.baseline.maxRatio !== undefined ? ` > ${metric.baseline.maxRatio}` : ''}), Mann-Whitney p=${check.p.toPrecision(3)} <= ${fmt(1 - metric.baseline.confidence)}`
        evaluation.verdict = 'fail'
        evaluation.reason = failed.length ? `${evaluation.reason}; ${why}` : why
      }
    }
  }
  return { evaluation, note }
}

/** The parts of the condition a value breaks, as human-readable reasons (empty: it passes). */
export function conditionFailures(metric: MetricConfig, value: number): string[] {
  const out: string[] = []
  const { min, max, expr } = metric.condition
  // Written as !(x >= min) so NaN fails a bound instead of slipping through.
  if (min !== undefined && !(value >= min)) out.push(`${fmt(value)} < min ${fmt(min)}`)
  if (max !== undefined && !(value <= max)) out.push(`${fmt(value)} > max ${fmt(max)}`)
  if (expr !== undefined && !compileExpr(expr)(value)) out.push(`${fmt(value)} fails '${expr}'`)
  return out
}

/** Compares post-deploy values with the pre-deploy samples (pure; exported for the summary). */
export function baselineCheck(
  before: number[],
  after: number[],
  cfg: NonNullable<MetricConfig['baseline']>,
): BaselineCheck {
  const mw = mannWhitneyU(before, after, cfg.direction)
  const beforeMedian = median(before)
  const afterMedian = median(after)
  const [num, den] =
    cfg.direction === 'increase' ? [afterMedian, beforeMedian] : [beforeMedian, afterMedian]
  // 0 -> 0 is "no change"; x -> 0 (or 0 -> x) is an unbounded change.
  const ratio = den === 0 ? (num === 0 ? 1 : Number.POSITIVE_INFINITY) : num / den
  const significant = after.length > 0 && mw.p <= 1 - cfg.confidence + 1e-12
  const regression = significant && (cfg.maxRatio === undefined || ratio > cfg.maxRatio)
  return {
    n1: mw.n1,
    n2: mw.n2,
    p: mw.p,
    ratio,
    beforeMedian,
    afterMedian,
    significant,
    regression,
    method: mw.method,
  }
}

/** Compact number formatting for reasons and tables. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  if (Number.isInteger(v)) return String(v)
  return Number(v.toPrecision(4)).toString()
}
