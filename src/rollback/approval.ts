import type { Deployment } from '../github/deployments.js'
import type { TaskResult } from '../task.js'
import type { AnalysisResult } from './analysis.js'
import { explain } from './explain.js'
import { renderSummary, type WatchFacts } from './report.js'
import type { Finish, Results, WatchResult } from './result.js'
import type { NotDone } from './records.js'
import type { RunScope } from './runtime.js'

/**
 * Manual approval (docs/rollback.md, "Manual approval"): the watch job prepares the rollback and
 * stops; a follow-up job in a protected environment, approved by a person, performs it. These env
 * vars of the follow-up job name the deployment and the target the watch job prepared.
 */
export const APPROVE_DEPLOYMENT_ENV = 'PITCREW_APPROVE_ROLLBACK_OF'
export const APPROVE_TARGET_ENV = 'PITCREW_APPROVE_TARGET_SHA'

/**
 * The follow-up job acts only on the target a person approved: when the latest good deployment is
 * no longer that one, it refuses, as a failure (doing nothing must not look like success).
 * Null when the approved target still stands (or none was named).
 */
export function refuseChangedTarget(
  env: NodeJS.ProcessEnv,
  bad: Deployment,
  target: Deployment,
  finish: Finish,
): TaskResult | null {
  const want = env[APPROVE_TARGET_ENV]?.trim()
  if (!want || want === target.sha) return null
  const message = `The approved rollback target ${want.slice(0, 7)} is no longer the latest good deployment before deployment ${bad.id} (now ${target.sha.slice(0, 7)}); not acting. Re-run the watch to prepare a new rollback.`
  return finish(
    'skipped',
    {
      reason: message,
      deploymentId: bad.id,
      guard: 'target-changed',
      approvedTargetSha: want,
      target: { deploymentId: target.id, sha: target.sha },
    },
    `## pitcrew rollback: not done\n\n${message}`,
    message,
  )
}

/** The follow-up job does not watch again: the decision was made by the watch job. */
export function approvedAnalysis(bad: Deployment): AnalysisResult {
  return {
    decision: {
      kind: 'rollback',
      n: 0,
      metric: '',
      rule: 'critical',
      reason: `approved rollback of deployment ${bad.id} (prepared by the watch job)`,
    },
    metrics: [],
  }
}

/** The watch job's end under manual approval: explain, and name what the follow-up job needs. */
export async function awaitApproval(
  scope: RunScope,
  results: Results,
  facts: WatchFacts,
  base: WatchResult,
  bad: Deployment,
  target: Deployment,
): Promise<TaskResult> {
  facts.action = `awaiting approval: the follow-up job in the protected environment rolls back to ${target.sha.slice(0, 7)} (set ${APPROVE_DEPLOYMENT_ENV}=${bad.id}, ${APPROVE_TARGET_ENV}=${target.sha})`
  const notDone: NotDone = []
  const { incident } = await explain(scope, facts, results.useClient, notDone)
  facts.notDone = notDone
  return results.finish(
    'awaiting-approval',
    {
      ...base,
      method: scope.cfg.method.type,
      approval: { deploymentId: bad.id, targetSha: target.sha },
      ...(notDone.length ? { notDone } : {}),
    },
    renderSummary(facts, incident),
    notDone.length
      ? `The rollback of deployment ${bad.id} awaits approval, but not everything was written: ${notDone.join('; ')}. Re-run the job to complete it.`
      : undefined,
  )
}
