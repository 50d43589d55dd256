import type { RollbackConfig } from '../config/types.js'
import type { Octokit } from '../github/octokit.js'
import type { TaskDeps } from '../task.js'
import type { Decision } from './analysis.js'
import { createMetricProvider } from './providers/index.js'
import type { MetricProvider } from './types.js'

/** Time and I/O seams: tests pass a fake clock and provider; the action uses the real ones. */
export interface RollbackRuntime {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  provider?: MetricProvider
  signal?: AbortSignal
  /**
   * End a watch early, with what was measured so far, on SIGINT/SIGTERM (the runner's cancel and
   * the job's `timeout-minutes`), instead of dying without a report. Default true.
   */
  processSignals?: boolean
  /** Called right before the rollback method runs (the latency benchmark hooks in here). */
  onRollback?(info: { decision: Decision; at: number }): void
  /** Called after each round is measured. */
  onRound?(n: number, at: number): void
  /**
   * Local analysis (the `pitcrew rollback --dry-run` CLI): the deployment is described here
   * instead of read from GitHub, no loop guard or target lookup, and nothing is ever acted on.
   */
  local?: { sha: string; environment: string; deployedAt?: string }
}

export const realRuntime: RollbackRuntime = {
  processSignals: true,
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (ms <= 0) return resolve()
      const onAbort = () => {
        clearTimeout(t)
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
      }
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
}

/** The provider the runtime brings (tests, the CLI), else the one the environment configures. */
export function metricProvider(
  deps: TaskDeps,
  cfg: RollbackConfig,
  rt: RollbackRuntime,
): MetricProvider {
  return (
    rt.provider ??
    createMetricProvider({
      env: deps.env,
      redactor: deps.redactor,
      log: deps.log,
      lookbackSeconds: cfg.analysis.intervalSeconds,
    })
  )
}

/** What every phase after the deployment lookup reads and writes: the task, its config, GitHub. */
export interface RunScope {
  deps: TaskDeps
  cfg: RollbackConfig
  octokit: Octokit
  repo: { owner: string; repo: string }
}
