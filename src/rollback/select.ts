import type { RollbackConfig } from '../config/types.js'
import { ConfigError } from '../config/types.js'

export type DeploymentChoice =
  | { kind: 'id'; id: number; source: 'approval' | 'event' | 'config'; warning?: string }
  | { kind: 'latest'; environment: string; warning?: string }
  | { kind: 'none'; warning?: string }

/**
 * Which deployment rollback mode watches (or, for an approved rollback, acts on). Pure.
 *
 * Precedence, most specific first (docs/rollback-analysis.md, "Which deployment"):
 * 1. `PITCREW_APPROVE_ROLLBACK_OF`: the follow-up job of a manual approval names the deployment
 *    the watch job prepared the rollback of; nothing else may redirect an approved rollback.
 * 2. The event's deployment (`deployment_status`: the deployment that just succeeded). The
 *    repository's config is static, so a `rollback.deployment-id` in it cannot name the
 *    deployment each event is about: when both are set and differ, the event wins, with a
 *    warning.
 * 3. `rollback.deployment-id` from the config: an explicit id beats any lookup.
 * 4. The latest deployment of the environment (the event's, else `rollback.environment`).
 */
export function chooseDeployment(opts: {
  approvedOf?: string
  eventDeploymentId?: number
  eventEnvironment?: string
  config: Pick<RollbackConfig, 'deploymentId' | 'environment'>
}): DeploymentChoice {
  const { approvedOf, eventDeploymentId, config } = opts
  if (approvedOf) {
    const id = Number(approvedOf)
    if (!Number.isInteger(id) || id < 1) {
      throw new ConfigError(
        `Invalid PITCREW_APPROVE_ROLLBACK_OF '${approvedOf}'. Expected a deployment id (a number).`,
      )
    }
    return { kind: 'id', id, source: 'approval' }
  }
  if (eventDeploymentId !== undefined) {
    const warning =
      config.deploymentId !== undefined && config.deploymentId !== eventDeploymentId
        ? `rollback.deployment-id ${config.deploymentId} is ignored: the event names deployment ${eventDeploymentId}, the one that just succeeded.`
        : undefined
    return { kind: 'id', id: eventDeploymentId, source: 'event', ...(warning ? { warning } : {}) }
  }
  if (config.deploymentId !== undefined)
    return { kind: 'id', id: config.deploymentId, source: 'config' }
  const environment = opts.eventEnvironment ?? config.environment
  return environment ? { kind: 'latest', environment } : { kind: 'none' }
}
