import type { AgentClient } from '../agent/client.js'
import { emptyUsage } from '../agent/types.js'
import type { RollbackConfig } from '../config/types.js'
import type { Deployment } from '../github/deployments.js'
import type { Outcome, TaskDeps, TaskResult } from '../task.js'
import type { AnalysisResult } from './analysis.js'
import type { WatchFacts } from './report.js'

export type Finish = (
  outcome: Outcome,
  result: Record<string, unknown>,
  summary: string,
  failure?: string,
) => TaskResult

/** Builds the mode's TaskResult: everything redacted, with the usage of the model if one was used. */
export interface Results {
  finish: Finish
  /** A run that does nothing: a notice, and the reason as the result and the summary. */
  skip(message: string, extra?: Record<string, unknown>): TaskResult
  /** The model client the incident summary used; its usage goes into every result after. */
  useClient(client: AgentClient): void
}

export function createResults(deps: TaskDeps): Results {
  let client: AgentClient | null = null
  const finish: Finish = (outcome, result, summary, failure) => ({
    mode: 'rollback',
    outcome,
    result: deps.redactor.redactDeep(result),
    usage: client ? client.usage() : emptyUsage(),
    stopReason: 'none',
    summary: deps.redactor.redact(summary),
    ...(failure ? { failure: deps.redactor.redact(failure) } : {}),
  })
  return {
    finish,
    skip: (message, extra = {}) => {
      deps.log.notice(message)
      return finish(
        'skipped',
        { reason: message, ...extra },
        `## pitcrew rollback: skipped\n\n${message}`,
      )
    },
    useClient: (c) => {
      client = c
    },
  }
}

/** The per-metric part of the result: values and verdicts per round, for outputs and the CLI. */
export function metricsResult(
  analysis: Pick<AnalysisResult, 'metrics'>,
): Record<string, unknown>[] {
  return analysis.metrics.map((m) => ({
    name: m.name,
    passes: m.passes,
    failures: m.failures,
    inconclusive: m.inconclusive,
    values: m.evaluations.map((e) => e.value ?? null),
    verdicts: m.evaluations.map((e) => e.verdict),
    wouldDecide: m.wouldDecide,
  }))
}

/** The record of a watched deployment result every later outcome extends. */
export interface WatchResult extends Record<string, unknown> {
  deploymentId: number
  sha: string
  environment: string
  decision: Record<string, unknown>
  target: { deploymentId: number; sha: string }
  metrics: Record<string, unknown>[]
}

/**
 * The facts the explanation is built from and the base of the result, after the watch. Both are
 * filled in further as the run goes (the action taken, the commits, a changed target).
 */
export function describeWatch(
  cfg: RollbackConfig,
  bad: Deployment,
  target: Deployment,
  analysis: AnalysisResult,
): { facts: WatchFacts; base: WatchResult } {
  const facts: WatchFacts = {
    environment: bad.environment,
    deployment: { id: bad.id, sha: bad.sha, createdAt: bad.createdAt },
    target: { id: target.id, sha: target.sha },
    metrics: cfg.metrics,
    analysis,
    action: '',
  }
  const base: WatchResult = {
    deploymentId: bad.id,
    sha: bad.sha,
    environment: bad.environment,
    decision: { ...analysis.decision },
    target: { deploymentId: target.id, sha: target.sha },
    metrics: metricsResult(analysis),
  }
  return { facts, base }
}
