import type { TaskDeps, TaskResult } from '../task.js'
import { act } from './act.js'
import { completeRollback } from './complete.js'
import type { AnalysisResult } from './analysis.js'
import { approvedAnalysis, awaitApproval, refuseChangedTarget } from './approval.js'
import { commentOnPull, explain, gatherContext } from './explain.js'
import { localAnalysis } from './local.js'
import { confirmRecovery } from './recovery.js'
import { notDoneFailure, type NotDone } from './records.js'
import { renderSummary, templatedIncident } from './report.js'
import { resolveDeployment } from './resolve.js'
import { createResults, describeWatch, metricsResult } from './result.js'
import { metricProvider, realRuntime, type RollbackRuntime, type RunScope } from './runtime.js'
import { validateRollbackConfig } from './validate.js'
import { watch, watchLimit } from './watch.js'

export { APPROVE_DEPLOYMENT_ENV, APPROVE_TARGET_ENV } from './approval.js'
export type { RollbackRuntime } from './runtime.js'

/**
 * Rollback mode: watch the configured metrics after a deployment, decide in code (analysis.ts),
 * roll back with the configured method behind GitHub-state loop guards, and explain it.
 */
export async function runRollback(
  deps: TaskDeps,
  runtimeOverrides: Partial<RollbackRuntime> = {},
): Promise<TaskResult> {
  const rt: RollbackRuntime = { ...realRuntime, ...runtimeOverrides }
  const cfg = deps.settings.config.rollback
  const { log } = deps
  validateRollbackConfig(cfg, deps.env)
  const limit = watchLimit(rt, deps.settings.inputs.timeoutMinutes)
  const results = createResults(deps)

  if (rt.local) return localAnalysis(deps, cfg, rt, rt.local, limit, results.finish)
  const octokit = deps.octokit
  if (!octokit)
    return results.skip(
      'No GitHub token: rollback mode reads and writes deployments, so it cannot run without one.',
    )
  const scope: RunScope = {
    deps,
    cfg,
    octokit,
    repo: { owner: deps.ctx.owner, repo: deps.ctx.repo },
  }

  // 1. Which deployment; 2. loop guards and target, before spending the watch.
  const resolved = await resolveDeployment(scope)
  if (resolved.kind === 'skip') return results.skip(resolved.message, resolved.extra)
  if (resolved.kind === 'rolled-back-before') {
    const { bad, rollback, badStatuses, skip } = resolved
    if (deps.settings.inputs.dryRun) return results.skip(skip.message, skip.extra)
    const completed = await completeRollback(scope, results, bad, rollback, badStatuses)
    return completed ?? results.skip(skip.message, skip.extra)
  }
  const { bad, target, approvedOf } = resolved
  const provider = metricProvider(deps, cfg, rt)

  // 3. Watch (skipped for an approved, prepared rollback: the decision was made by the watch job).
  let analysis: AnalysisResult
  if (approvedOf) {
    const refused = refuseChangedTarget(deps.env, bad, target, results.finish)
    if (refused) return refused
    analysis = approvedAnalysis(bad)
  } else {
    analysis = await watch(deps, cfg, cfg.metrics, provider, rt, bad, limit)
  }
  const decision = analysis.decision
  const { facts, base } = describeWatch(cfg, bad, target, analysis)

  if (decision.kind !== 'rollback') {
    facts.action =
      decision.kind === 'healthy'
        ? 'none: the deployment is healthy'
        : 'none: inconclusive, no rollback'
    if (decision.kind === 'inconclusive')
      log.warning(`Inconclusive: ${decision.reason}. Not rolling back.`)
    else log.info(`Healthy: ${'reason' in decision ? decision.reason : 'no decision'}.`)
    return results.finish(
      decision.kind === 'healthy' ? 'healthy' : 'inconclusive',
      base,
      renderSummary(facts),
    )
  }

  // 4. A rollback is due.
  log.warning(`Roll back: ${decision.reason}`)
  const context = await gatherContext(scope, bad, target)
  facts.commits = context.commits
  facts.pull = context.pull

  if (deps.settings.inputs.dryRun) {
    facts.action = `dry run: would roll back to deployment ${target.id} (${target.sha.slice(0, 7)}) with ${cfg.method.type}; nothing written`
    return results.finish(
      'would-roll-back',
      { ...base, method: cfg.method.type },
      renderSummary(facts, templatedIncident(facts)),
      // fail-on-rollback covers a rollback that would be done: a dry run shows red as the real one would.
      cfg.failOnRollback
        ? `Dry run: deployment ${bad.id} would have been rolled back: ${decision.reason}`
        : undefined,
    )
  }
  if (cfg.approval === 'manual' && !approvedOf)
    return awaitApproval(scope, results, facts, base, bad, target)

  // Act: guards re-checked (another run may have acted while we watched), then the method.
  const acted = await act(scope, rt, bad, target, decision, facts)
  if (acted.kind === 'refused') return results.skip(acted.message, { ...base, guard: acted.guard })
  base.target = { deploymentId: acted.target.id, sha: acted.target.sha }
  const { method } = acted
  const result = {
    ...base,
    method: cfg.method.type,
    commands: method.commands,
    rollbackDeploymentId: method.rollbackDeployment?.id ?? null,
    ...(method.recordError ? { recordError: method.recordError } : {}),
  }
  if (acted.kind === 'failed') {
    const notDone: NotDone = []
    const { incident } = await explain(scope, facts, results.useClient, notDone)
    facts.notDone = notDone
    // No rollback happened: never claim one. The step fails whatever fail-on-rollback says.
    return results.finish(
      'would-roll-back',
      { ...result, rollbackError: method.details, ...(notDone.length ? { notDone } : {}) },
      renderSummary(facts, incident),
      `Rollback of deployment ${bad.id} failed: ${method.details}${notDone.length ? `. Also not done: ${notDone.join('; ')}` : ''}`,
    )
  }

  // 5. Confirm recovery (reported, never acted on).
  const recovery = await confirmRecovery(deps, cfg, provider, rt, limit)
  if (recovery) facts.recovery = recovery

  // 6. Explain.
  const notDone = [...acted.notDone]
  const { incident, issue } = await explain(scope, facts, results.useClient, notDone)
  if (facts.pull) await commentOnPull(scope, facts.pull, bad, incident, issue, notDone)
  facts.notDone = notDone
  return results.finish(
    'rolled-back',
    {
      ...result,
      // The recovery measurements go to the summary; the result keeps its values per metric.
      recovery: facts.recovery
        ? {
            decision: facts.recovery.decision,
            detail: facts.recovery.detail,
            metrics: metricsResult({ metrics: facts.recovery.metrics ?? [] }),
          }
        : null,
      issue: issue ?? null,
      pull: facts.pull?.number ?? null,
      ...(notDone.length ? { notDone } : {}),
    },
    renderSummary(facts, incident),
    acted.unrecorded ??
      (notDone.length
        ? notDoneFailure(bad.id, notDone)
        : cfg.failOnRollback
          ? `Deployment ${bad.id} was rolled back: ${decision.reason}`
          : undefined),
  )
}
