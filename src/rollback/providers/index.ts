import type { MetricConfig } from '../../config/types.js'
import type { BaselineSamples, Measurement, MetricProvider } from '../types.js'
import { baselineDatadog, measureDatadog } from './datadog.js'
import { measureHttp } from './http.js'
import type { ProviderDeps } from './http-util.js'
import { measureNewRelic } from './newrelic.js'
import { baselinePrometheus, measurePrometheus } from './prometheus.js'

export type { ProviderDeps, SecretSink } from './http-util.js'

/**
 * The provider for every configured metric: dispatches on `metric.provider.type`. Baselines are
 * available for prometheus and datadog; for the others `baseline` answers with an error that
 * names the limitation (reported, never a silent pass).
 */
export function createMetricProvider(deps: ProviderDeps): MetricProvider {
  return {
    measure(metric: MetricConfig, at: Date, signal?: AbortSignal): Promise<Measurement> {
      const p = metric.provider
      switch (p.type) {
        case 'prometheus':
          return measurePrometheus(deps, metric, p, at, signal)
        case 'datadog':
          return measureDatadog(deps, metric, p, at, signal)
        case 'http':
          return measureHttp(deps, metric, p, at, signal)
        case 'newrelic':
          return measureNewRelic(deps, metric, p, at, signal)
      }
    },
    async baseline(
      metric: MetricConfig,
      from: Date,
      to: Date,
      signal?: AbortSignal,
    ): Promise<BaselineSamples> {
      const p = metric.provider
      if (p.type === 'prometheus') return baselinePrometheus(deps, metric, p, from, to, signal)
      if (p.type === 'datadog') return baselineDatadog(deps, metric, p, from, to, signal)
      return {
        kind: 'error',
        error: `baseline comparison is not supported for provider '${p.type}'. Expected prometheus or datadog.`,
      }
    },
  }
}

/** Env var names a metric's provider needs; checked before the watch so a typo fails fast. */
export function requiredEnv(metric: MetricConfig): string[] {
  const p = metric.provider
  const fromHeaders = (h: Record<string, string>) =>
    Object.values(h).flatMap((v) =>
      [...v.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!),
    )
  switch (p.type) {
    case 'prometheus':
      return [
        p.bearerTokenEnv,
        p.basicAuthUserEnv,
        p.basicAuthPasswordEnv,
        ...fromHeaders(p.headers),
      ].filter((x): x is string => !!x)
    case 'datadog':
      return [p.apiKeyEnv, p.appKeyEnv]
    case 'http':
      return fromHeaders(p.headers)
    case 'newrelic':
      return [p.apiKeyEnv]
  }
}
