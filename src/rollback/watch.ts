import type { MetricConfig, RollbackConfig } from '../config/types.js'
import type { Deployment } from '../github/deployments.js'
import type { TaskDeps } from '../task.js'
import { formatElapsed, startHeartbeat } from '../heartbeat.js'
import { analyze, type AnalysisResult } from './analysis.js'
import { parseDurationSeconds } from './duration.js'
import type { RollbackRuntime } from './runtime.js'
import type { Measurement, MetricProvider } from './types.js'

/** When a watch must end: the run's deadline (`timeout-minutes`) and its length in minutes. */
export interface WatchLimit {
  deadline: number
  timeoutMinutes: number
}

/** The watch ends by the run's own ceiling, so there is always time left to report. */
export function watchLimit(rt: RollbackRuntime, timeoutMinutes: number): WatchLimit {
  return { deadline: rt.now() + timeoutMinutes * 60_000, timeoutMinutes }
}

/**
 * Measures every metric each interval and stops at the first decision. A watch that cannot finish
 * (the deadline of `timeout-minutes` comes first, or the runner cancels the step) ends early as
 * `inconclusive` with the measurements taken so far: partial evidence is reported, never a pass.
 */
export async function watch(
  deps: TaskDeps,
  cfg: RollbackConfig,
  metrics: MetricConfig[],
  provider: MetricProvider,
  rt: RollbackRuntime,
  bad: Deployment | null,
  limit: WatchLimit,
): Promise<AnalysisResult> {
  const { log } = deps
  const a = cfg.analysis
  const stop = new AbortController()
  const onSignal = (sig: NodeJS.Signals) =>
    stop.abort(new Error(`the runner sent ${sig} (the step was cancelled or timed out)`))
  const signals: NodeJS.Signals[] = rt.processSignals ? ['SIGINT', 'SIGTERM'] : []
  for (const sig of signals) process.on(sig, onSignal)
  const signal = rt.signal ? AbortSignal.any([rt.signal, stop.signal]) : stop.signal
  const measurements: Record<string, Measurement[]> = Object.fromEntries(
    metrics.map((m) => [m.name, []]),
  )
  const baselines: Record<string, number[]> = {}
  let result: AnalysisResult = analyze({ analysis: a, metrics, measurements, baselines })
  const cut = (why: string): AnalysisResult => {
    const n = result.decision.n
    const reason = `watch ended after ${n} of ${a.count} measurements: ${why}; no evidence the deploy is healthy`
    log.warning(`Inconclusive: ${reason}.`)
    return { ...result, decision: { kind: 'inconclusive', n, reason } }
  }
  const stopped = () => {
    const r: unknown = signal.reason
    return r instanceof Error ? r.message : 'the watch was aborted'
  }
  const timedOut = `timeout-minutes (${limit.timeoutMinutes}) reached`
  const planned = a.initialDelaySeconds * 1000 + (a.count - 1) * a.intervalSeconds * 1000
  if (rt.now() + planned >= limit.deadline) {
    log.warning(
      `The watch (initial delay ${a.initialDelaySeconds}s + ${a.count} measurements every ${a.intervalSeconds}s) does not fit in timeout-minutes (${limit.timeoutMinutes}): it will end early, as inconclusive unless a rollback is decided before.`,
    )
  }
  log.startGroup(
    `Watch ${metrics.length} metric(s): ${a.count} x ${a.intervalSeconds}s after ${a.initialDelaySeconds}s`,
  )
  let taken = 0
  // The pauses between rounds can be minutes long: the log says the watch is still going.
  const stopHeartbeat = startHeartbeat(
    log,
    deps.heartbeatMs,
    (ms) => `watch: ${taken} of ${a.count} measurements taken; ${formatElapsed(ms)} elapsed`,
  )
  try {
    if (bad) await readBaselines(deps, metrics, provider, bad, baselines, signal)
    if (signal.aborted) return cut(stopped())
    if (a.initialDelaySeconds > 0) {
      if (rt.now() + a.initialDelaySeconds * 1000 >= limit.deadline) return cut(timedOut)
      if (!(await pause(rt, a.initialDelaySeconds * 1000, signal))) return cut(stopped())
    }
    const start = rt.now()
    for (let n = 1; n <= a.count; n++) {
      if (rt.now() >= limit.deadline) return cut(timedOut)
      const at = new Date(rt.now())
      const round = await Promise.all(metrics.map((m) => provider.measure(m, at, signal)))
      // A round interrupted by the stop is not evidence: its errors are ours, not the provider's.
      if (signal.aborted) return cut(stopped())
      round.forEach((r, i) => measurements[metrics[i]!.name]!.push(r))
      taken = n
      rt.onRound?.(n, at.getTime())
      result = analyze({ analysis: a, metrics, measurements, baselines })
      const line = result.metrics
        .map((m) => {
          const e = m.evaluations[n - 1]!
          return `${m.name}=${e.value ?? e.kind} ${e.verdict}`
        })
        .join(', ')
      log.info(`#${n}: ${line}`)
      if (result.decision.kind !== 'continue') return result
      // Schedule against the start, not the previous round, so slow queries do not drift.
      const next = start + n * a.intervalSeconds * 1000
      if (next >= limit.deadline) return cut(timedOut)
      if (!(await pause(rt, Math.max(0, next - rt.now()), signal))) return cut(stopped())
    }
    return result
  } finally {
    stopHeartbeat()
    for (const sig of signals) process.removeListener(sig, onSignal)
    log.endGroup()
  }
}

/** Sleeps; false when the stop signal ended the sleep (or had already fired). */
async function pause(rt: RollbackRuntime, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false
  try {
    await rt.sleep(ms, signal)
  } catch (err) {
    if (signal.aborted) return false
    throw err
  }
  return !signal.aborted
}

/** The pre-deploy samples of every metric with a baseline (missing ones are noted, not fatal). */
async function readBaselines(
  deps: TaskDeps,
  metrics: MetricConfig[],
  provider: MetricProvider,
  bad: Deployment,
  into: Record<string, number[]>,
  signal: AbortSignal,
): Promise<void> {
  const deployedAt = new Date(bad.createdAt)
  for (const m of metrics.filter((x) => x.baseline)) {
    const from = new Date(deployedAt.getTime() - parseDurationSeconds(m.baseline!.window) * 1000)
    const b = provider.baseline
      ? await provider.baseline(m, from, deployedAt, signal)
      : { kind: 'error' as const, error: 'provider has no baseline' }
    if (b.kind === 'values') {
      into[m.name] = b.values
      deps.log.info(
        `Baseline of '${m.name}': ${b.values.length} samples over ${m.baseline!.window} before the deploy.`,
      )
    } else {
      into[m.name] = []
      deps.log.warning(
        `Baseline of '${m.name}' unavailable (${b.kind === 'noData' ? b.reason : b.error}); only its absolute condition applies.`,
      )
    }
  }
}
