import type { RollbackConfig } from '../config/types.js'
import type { Deployment } from '../github/deployments.js'
import type { Outcome, TaskDeps, TaskResult } from '../task.js'
import type { WatchFacts } from './report.js'
import { renderSummary } from './report.js'
import { metricsResult, type Finish } from './result.js'
import { metricProvider, type RollbackRuntime } from './runtime.js'
import { watch, type WatchLimit } from './watch.js'

/** The watch and the decision on their own, for the CLI: nothing is read from GitHub or done. */
export async function localAnalysis(
  deps: TaskDeps,
  cfg: RollbackConfig,
  rt: RollbackRuntime,
  local: NonNullable<RollbackRuntime['local']>,
  limit: WatchLimit,
  finish: Finish,
): Promise<TaskResult> {
  const provider = metricProvider(deps, cfg, rt)
  const deployment: Deployment = {
    id: 0,
    sha: local.sha,
    ref: '',
    environment: local.environment,
    task: 'deploy',
    description: null,
    payload: {},
    creator: null,
    // Baselines are read from the window before this instant (default: now).
    createdAt: local.deployedAt ?? new Date(rt.now()).toISOString(),
  }
  const analysis = await watch(deps, cfg, cfg.metrics, provider, rt, deployment, limit)
  const decision = analysis.decision
  const facts: WatchFacts = {
    environment: local.environment,
    deployment: { id: 0, sha: local.sha, createdAt: deployment.createdAt },
    target: null,
    metrics: cfg.metrics,
    analysis,
    action:
      decision.kind === 'rollback'
        ? `local dry run: would roll back with ${cfg.method.type}; nothing done`
        : 'none (local dry run)',
  }
  const outcome: Outcome =
    decision.kind === 'rollback'
      ? 'would-roll-back'
      : decision.kind === 'healthy'
        ? 'healthy'
        : 'inconclusive'
  return finish(
    outcome,
    {
      sha: local.sha,
      environment: local.environment,
      local: true,
      decision: { ...decision },
      method: cfg.method.type,
      metrics: metricsResult(analysis),
    },
    renderSummary(facts),
  )
}
