import {
  getDeployment,
  listDeployments,
  type Deployment,
  type DeploymentStatus,
} from '../github/deployments.js'
import { APPROVE_DEPLOYMENT_ENV } from './approval.js'
import type { RunScope } from './runtime.js'
import { findTarget, readGuardState } from './safety.js'
import { chooseDeployment } from './select.js'

export type Resolved =
  | { kind: 'skip'; message: string; extra?: Record<string, unknown> }
  /**
   * Already rolled back by `rollback` (an earlier run): never again, but its records may need
   * completing (complete.ts); `skip` is what to say when nothing is missing.
   */
  | {
      kind: 'rolled-back-before'
      bad: Deployment
      rollback: Deployment
      badStatuses: DeploymentStatus[]
      skip: { message: string; extra: Record<string, unknown> }
    }
  | {
      kind: 'watch'
      bad: Deployment
      target: Deployment
      /** The deployment id of an approved, prepared rollback (the approval follow-up job). */
      approvedOf: string | undefined
    }

/**
 * Which deployment to watch, whether it may be rolled back at all (loop guards) and to what: all
 * that would make the watch pointless is found before the watch is spent.
 */
export async function resolveDeployment({ deps, cfg, octokit, repo }: RunScope): Promise<Resolved> {
  const { log } = deps
  log.startGroup('Resolve the deployment')
  const approvedOf = deps.env[APPROVE_DEPLOYMENT_ENV]?.trim()
  const pick = chooseDeployment({
    approvedOf,
    eventDeploymentId: deps.route.deploymentId,
    eventEnvironment: deps.route.environment,
    config: cfg,
  })
  if (pick.warning) log.warning(pick.warning)
  let bad: Deployment | undefined
  if (pick.kind === 'id') {
    bad = await getDeployment(octokit, { ...repo, deploymentId: pick.id })
  } else if (pick.kind === 'latest') {
    bad = (await listDeployments(octokit, { ...repo, environment: pick.environment, max: 1 }))[0]
  }
  log.endGroup()
  if (!bad) {
    return {
      kind: 'skip',
      message:
        pick.kind === 'latest'
          ? `No deployment found in environment '${pick.environment}': nothing to watch.`
          : 'No deployment to watch: the event names none and rollback.environment / rollback.deployment-id are not set.',
    }
  }
  // The metrics, thresholds and method are configured for `rollback.environment`: a deployment
  // to another environment (a preview, staging) must not be judged by them, let alone be acted on.
  if (cfg.environment && bad.environment !== cfg.environment) {
    return {
      kind: 'skip',
      message: `Deployment ${bad.id} is to '${bad.environment}', but rollback.environment is '${cfg.environment}': pitcrew watches only that environment, so it does nothing here.`,
      extra: { deploymentId: bad.id, guard: 'other-environment' },
    }
  }
  log.info(`Watching deployment ${bad.id} of ${bad.sha.slice(0, 7)} in '${bad.environment}'.`)

  const guard = await readGuardState(octokit, repo, bad)
  if (!guard.guard.ok) {
    const existing = guard.guard.existing
    const rollback = guard.deployments.find((d) => d.id === existing)
    if (rollback) {
      return {
        kind: 'rolled-back-before',
        bad,
        rollback,
        badStatuses: guard.badStatuses,
        skip: {
          message: guard.guard.message,
          extra: { deploymentId: bad.id, guard: guard.guard.reason },
        },
      }
    }
    return {
      kind: 'skip',
      message: guard.guard.message,
      extra: { deploymentId: bad.id, guard: guard.guard.reason },
    }
  }
  const target = await findTarget(octokit, repo, bad, guard.deployments)
  if (!target) {
    return {
      kind: 'skip',
      message: `No earlier successful deployment of a different sha in '${bad.environment}' before deployment ${bad.id}: there is nothing to roll back to, so pitcrew does not watch or act.`,
      extra: { deploymentId: bad.id, guard: 'no-target' },
    }
  }
  log.info(`Rollback target if needed: deployment ${target.id} of ${target.sha.slice(0, 7)}.`)
  return { kind: 'watch', bad, target, approvedOf }
}
