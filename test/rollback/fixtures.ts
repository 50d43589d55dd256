import type { AnalysisConfig, MetricConfig, RollbackConfig } from '../../src/config/types.js'
import type { Measurement } from '../../src/rollback/types.js'

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
