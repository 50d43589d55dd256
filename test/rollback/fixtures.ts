import type { AnalysisConfig, MetricConfig, RollbackConfig } from '../../src/config/types.js'
import type { Measurement, MetricProvider } from '../../src/rollback/types.js'

/** The documented defaults of `rollback.analysis`, overridable per test. */
export function analysisConfig(over: Partial<AnalysisConfig> = {}): AnalysisConfig {
  return {
    initialDelaySeconds: 0,
    intervalSeconds: 60,
    count: 5,
    consecutiveFailures: 2,
    maxFailures: 3,
    noData: 'inconclusive',
    providerError: 'inconclusive',
    maxInconclusive: 3,
    ...over,
  }
}

export function metricConfig(over: Partial<MetricConfig> = {}): MetricConfig {
  return {
    name: 'errors',
    provider: {
      type: 'http',
      url: 'http://127.0.0.1:1/',
      method: 'GET',
      headers: {},
      jsonPath: 'value',
      timeoutSeconds: 5,
    },
    condition: { max: 0.05 },
    critical: false,
    dryRun: false,
    ...over,
  }
}

export function rollbackConfig(over: Partial<RollbackConfig> = {}): RollbackConfig {
  return {
    environment: 'production',
    metrics: [metricConfig()],
    analysis: analysisConfig(),
    method: { type: 'github-deployment' },
    approval: 'auto',
    failOnRollback: true,
    confirmRecoverySeconds: 0,
    incidentIssue: true,
    issueLabel: 'pitcrew',
    ...over,
  }
}

/**
 * Measurements from a compact script: a number is a value, 'n' no data, 'e' a provider error.
 * Timestamps are one minute apart.
 */
export function series(...items: (number | 'n' | 'e')[]): Measurement[] {
  return items.map((x, i) => {
    const at = 1_700_000_000_000 + i * 60_000
    if (x === 'n') return { kind: 'noData', at, reason: 'empty result' }
    if (x === 'e') return { kind: 'error', at, error: 'HTTP 503' }
    return { kind: 'value', at, value: x }
  })
}

/**
 * A provider serving a script of values, then repeating the last (the orchestration is under
 * test, not HTTP); `onMeasure` runs before each answer, with the 1-based call number.
 */
export function scriptProvider(
  values: number[],
  onMeasure?: (call: number) => void | Promise<void>,
): MetricProvider & { calls: number } {
  const p = {
    calls: 0,
    async measure(_m: unknown, at: Date): Promise<Measurement> {
      const i = p.calls++
      await onMeasure?.(p.calls)
      return { kind: 'value', at: at.getTime(), value: values[Math.min(i, values.length - 1)]! }
    },
  }
  return p
}

/** A fake clock: sleep advances time instantly and is recorded. */
export function fakeClock() {
  let t = Date.parse('2025-03-01T10:00:00Z')
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    },
  }
}
