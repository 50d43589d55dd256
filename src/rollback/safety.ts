import type { Octokit } from '../github/octokit.js'
import {
  listDeployments,
  listDeploymentStatuses,
  type Deployment,
  type DeploymentStatus,
} from '../github/deployments.js'

/**
 * Loop guards and target selection. The state lives in GitHub (deployments, their payloads and
 * statuses), not in the runner, so a rerun, a second workflow or the rollback deployment's own
 * `deployment_status` event all see what was already done.
 *
 * Markers pitcrew writes:
 * - the rollback deployment's payload `{ pitcrew: { rollback_of: <bad id>, reason, method } }`;
 * - a status on the bad deployment whose description starts with ROLLED_BACK_MARKER, written
 *   only after the rollback succeeded (a failed attempt leaves no marker, so a rerun retries).
 */
export const ROLLED_BACK_MARKER = '[pitcrew] rolled back'

/** The deployment id a deployment rolls back, from its payload; null when it is not a rollback. */
export function rollbackOf(d: Pick<Deployment, 'payload'>): number | null {
  const p = d.payload?.pitcrew
  if (!p || typeof p !== 'object') return null
  const id = (p as Record<string, unknown>).rollback_of
  const n = typeof id === 'string' ? Number(id) : id
  return typeof n === 'number' && Number.isInteger(n) ? n : null
}

export type GuardVerdict =
  | { ok: true }
  | { ok: false; reason: 'is-rollback' | 'already-rolled-back'; message: string; existing?: number }

/**
 * Pure: may `bad` be rolled back at all? Not when it is itself a rollback (never roll back a
 * rollback: that is how deploy/rollback cycles start), and not when a rollback of it exists
 * (a deployment whose payload names it, or our marker status on it).
 */
export function checkLoopGuards(
  bad: Deployment,
  badStatuses: Pick<DeploymentStatus, 'description' | 'state'>[],
  deployments: Deployment[],
): GuardVerdict {
  const of = rollbackOf(bad)
  if (of !== null) {
    return {
      ok: false,
      reason: 'is-rollback',
      message: `Deployment ${bad.id} is itself a rollback (of deployment ${of}); pitcrew never rolls back a rollback.`,
    }
  }
  const prior = deployments.find((d) => d.id !== bad.id && rollbackOf(d) === bad.id)
  if (prior) {
    return {
      ok: false,
      reason: 'already-rolled-back',
      existing: prior.id,
      message: `Deployment ${bad.id} was already rolled back by deployment ${prior.id} (sha ${prior.sha.slice(0, 7)}); nothing to do.`,
    }
  }
  const marked = badStatuses.find((s) => s.description.startsWith(ROLLED_BACK_MARKER))
  if (marked) {
    return {
      ok: false,
      reason: 'already-rolled-back',
      message: `Deployment ${bad.id} was already rolled back (its status says '${marked.description}'); nothing to do.`,
    }
  }
  return { ok: true }
}

/**
 * Pure: is `candidate` a deployment we may return to? Same environment, created before `bad`,
 * a different sha, and known good: its newest status is `success`, or `inactive` right after a
 * `success` (GitHub marks superseded non-production deployments inactive). `statuses` newest first.
 */
export function isTargetCandidate(
  bad: Deployment,
  candidate: Deployment,
  statuses: Pick<DeploymentStatus, 'state'>[],
): boolean {
  if (candidate.id === bad.id || candidate.environment !== bad.environment) return false
  if (candidate.sha === bad.sha) return false
  const earlier =
    candidate.createdAt < bad.createdAt ||
    (candidate.createdAt === bad.createdAt && candidate.id < bad.id)
  if (!earlier) return false
  const [latest, previous] = statuses
  if (latest?.state === 'success') return true
  return latest?.state === 'inactive' && previous?.state === 'success'
}

export interface GuardState {
  deployments: Deployment[]
  badStatuses: DeploymentStatus[]
  guard: GuardVerdict
}

/** Reads the environment's deployments and the bad deployment's statuses; applies the guards. */
export async function readGuardState(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  bad: Deployment,
): Promise<GuardState> {
  const [deployments, badStatuses] = await Promise.all([
    listDeployments(octokit, { ...repo, environment: bad.environment, max: 100 }),
    listDeploymentStatuses(octokit, { ...repo, deploymentId: bad.id }),
  ])
  return { deployments, badStatuses, guard: checkLoopGuards(bad, badStatuses, deployments) }
}

/**
 * The latest earlier successful deployment of another sha, newest first; statuses are read
 * lazily and at most `maxLookups` deployments are examined. null: nothing to return to.
 */
export async function findTarget(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  bad: Deployment,
  deployments: Deployment[],
  maxLookups = 30,
): Promise<Deployment | null> {
  const candidates = deployments
    .filter((d) => d.id !== bad.id && d.environment === bad.environment && d.sha !== bad.sha)
    .filter((d) => d.createdAt < bad.createdAt || (d.createdAt === bad.createdAt && d.id < bad.id))
    .sort((a, b) =>
      a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1,
    )
    .slice(0, maxLookups)
  for (const c of candidates) {
    const statuses = await listDeploymentStatuses(octokit, { ...repo, deploymentId: c.id })
    if (isTargetCandidate(bad, c, statuses)) return c
  }
  return null
}
