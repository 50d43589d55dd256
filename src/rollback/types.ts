import type { MetricConfig } from '../config/types.js'

/**
 * One measurement of one metric. Providers never throw for a bad answer: they return a typed
 * "no data" or "error" so the configured policy, not an exception, decides what it means.
 */
export type Measurement =
  | { kind: 'value'; at: number /* epoch ms */; value: number }
  | { kind: 'noData'; at: number; reason: string }
  | { kind: 'error'; at: number; error: string }

/** The pre-deploy samples of a metric, or why there are none. */
export type BaselineSamples =
  | { kind: 'values'; values: number[] }
  | { kind: 'noData'; reason: string }
  | { kind: 'error'; error: string }

/** Reads metrics; one implementation per `provider.type`, or a dispatcher over all of them. */
export interface MetricProvider {
  /** Measures `metric` as of `at`. Resolves with `error` rather than rejecting. */
  measure(metric: MetricConfig, at: Date, signal?: AbortSignal): Promise<Measurement>
  /** Samples of the metric over [from, to), for the Mann-Whitney baseline comparison. */
  baseline?(
    metric: MetricConfig,
    from: Date,
    to: Date,
    signal?: AbortSignal,
  ): Promise<BaselineSamples>
}
