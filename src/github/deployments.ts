import { writeOnce, type WriteOnceResult } from './idempotent.js'
import type { Log } from '../log.js'
import type { Octokit } from './octokit.js'

export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success'

export interface Deployment {
  id: number
  sha: string
  ref: string
  environment: string
  task: string
  description: string | null
  payload: Record<string, unknown>
  creator: string | null
  createdAt: string
}

export interface DeploymentStatus {
  id: number
  state: DeploymentState
  description: string
  environment: string
  logUrl: string
  environmentUrl: string
  createdAt: string
}

type RawDeployment = Awaited<ReturnType<Octokit['rest']['repos']['getDeployment']>>['data']

type RawStatus = Awaited<ReturnType<Octokit['rest']['repos']['getDeploymentStatus']>>['data']

function toStatus(s: RawStatus): DeploymentStatus {
  return {
    id: s.id,
    state: s.state as DeploymentState,
    description: s.description ?? '',
    environment: s.environment ?? '',
    logUrl: s.log_url ?? '',
    environmentUrl: s.environment_url ?? '',
    createdAt: s.created_at,
  }
}

function toDeployment(d: RawDeployment): Deployment {
  let payload: Record<string, unknown> = {}
  if (typeof d.payload === 'string') {
    // GitHub hands back a payload sent as a string verbatim; ours are JSON objects.
    try {
      const parsed: unknown = d.payload ? JSON.parse(d.payload) : {}
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        payload = parsed as Record<string, unknown>
    } catch {
      payload = { raw: d.payload }
    }
  } else if (d.payload && typeof d.payload === 'object') {
    payload = d.payload as Record<string, unknown>
  }
  return {
    id: d.id,
    sha: d.sha,
    ref: d.ref,
    environment: d.environment,
    task: d.task,
    description: d.description ?? null,
    payload,
    creator: d.creator?.login ?? null,
    createdAt: d.created_at,
  }
}

/** One deployment by id. */
export async function getDeployment(
  octokit: Octokit,
  opts: { owner: string; repo: string; deploymentId: number },
): Promise<Deployment> {
  const res = await octokit.rest.repos.getDeployment({
    owner: opts.owner,
    repo: opts.repo,
    deployment_id: opts.deploymentId,
  })
  return toDeployment(res.data)
}

/** Deployments of an environment, newest first (GitHub's order), up to `max`. */
export async function listDeployments(
  octokit: Octokit,
  opts: { owner: string; repo: string; environment?: string; sha?: string; max?: number },
): Promise<Deployment[]> {
  const max = opts.max ?? 100
  const out: Deployment[] = []
  const pages = octokit.paginate.iterator(octokit.rest.repos.listDeployments, {
    owner: opts.owner,
    repo: opts.repo,
    per_page: Math.min(100, max),
    ...(opts.environment ? { environment: opts.environment } : {}),
    ...(opts.sha ? { sha: opts.sha } : {}),
  })
  for await (const page of pages) {
    for (const d of page.data) out.push(toDeployment(d as RawDeployment))
    if (out.length >= max) break
  }
  return out.slice(0, max)
}

/** Statuses of a deployment, newest first: the first one is its current state. */
export async function listDeploymentStatuses(
  octokit: Octokit,
  opts: { owner: string; repo: string; deploymentId: number },
): Promise<DeploymentStatus[]> {
  const raw = await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
    owner: opts.owner,
    repo: opts.repo,
    deployment_id: opts.deploymentId,
    per_page: 100,
  })
  return raw.map(toStatus)
}

/**
 * Creates a deployment of exactly `ref`: `auto_merge: false` (GitHub would otherwise merge the
 * default branch into it, or answer 202 without deploying) and `required_contexts: []` (a
 * rollback must not wait on the status checks of the commit it returns to).
 */
export async function createDeployment(
  octokit: Octokit,
  opts: {
    owner: string
    repo: string
    ref: string
    environment: string
    payload: Record<string, unknown>
    description?: string
    transientEnvironment?: boolean
    productionEnvironment?: boolean
    task?: string
  },
  extra: { request?: { retries?: number } } = {},
): Promise<Deployment> {
  const res = await octokit.rest.repos.createDeployment({
    ...extra,
    owner: opts.owner,
    repo: opts.repo,
    ref: opts.ref,
    environment: opts.environment,
    payload: opts.payload,
    auto_merge: false,
    required_contexts: [],
    ...(opts.task ? { task: opts.task } : {}),
    ...(opts.description !== undefined ? { description: truncate(opts.description, 140) } : {}),
    ...(opts.transientEnvironment !== undefined
      ? { transient_environment: opts.transientEnvironment }
      : {}),
    ...(opts.productionEnvironment !== undefined
      ? { production_environment: opts.productionEnvironment }
      : {}),
  })
  if (res.status !== 201 || !('id' in res.data)) {
    const message = (res.data as { message?: string }).message ?? `status ${res.status}`
    throw new Error(`GitHub did not create the deployment of '${opts.ref}': ${message}`)
  }
  return toDeployment(res.data as RawDeployment)
}

/** GitHub rejects status descriptions over 140 characters; cut with an ellipsis instead. */
export function truncate(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** Adds a status to a deployment (description cut to GitHub's 140-character limit). */
export async function createDeploymentStatus(
  octokit: Octokit,
  opts: {
    owner: string
    repo: string
    deploymentId: number
    state: DeploymentState
    description?: string
    logUrl?: string
    environmentUrl?: string
    environment?: string
    autoInactive?: boolean
  },
  extra: { request?: { retries?: number } } = {},
): Promise<DeploymentStatus> {
  const res = await octokit.rest.repos.createDeploymentStatus({
    ...extra,
    owner: opts.owner,
    repo: opts.repo,
    deployment_id: opts.deploymentId,
    state: opts.state,
    ...(opts.description !== undefined ? { description: truncate(opts.description, 140) } : {}),
    ...(opts.logUrl ? { log_url: opts.logUrl } : {}),
    ...(opts.environmentUrl ? { environment_url: opts.environmentUrl } : {}),
    ...(opts.environment ? { environment: opts.environment } : {}),
    ...(opts.autoInactive !== undefined ? { auto_inactive: opts.autoInactive } : {}),
  })
  return toStatus(res.data)
}

/**
 * How a keyed write is retried (see `writeOnce`): the log, and the unit of the wait before the
 * look-up that follows an unknown outcome (tests shrink it through PITCREW_GITHUB_RETRY_UNIT_MS).
 */
export interface OnceOptions {
  log: Log
  delayMs?: number
}

/**
 * Non-idempotent writes go out once per call: the Octokit retry plugin would resend a POST whose
 * answer was lost (a second deployment is a second rollback), so only `writeOnce` decides.
 */
const NO_BLIND_RETRY = { request: { retries: 0 } } as const

/**
 * Creates a deployment at most once in effect. `isOurs` is its key (e.g. `payload.pitcrew`): after
 * an unknown outcome the deployments of that environment and ref are looked up, and the write is
 * sent again only when none of them is ours. A deploy workflow listening to `deployment` events
 * acts on each one, so two would mean two deploys.
 */
export async function createDeploymentOnce(
  octokit: Octokit,
  opts: Parameters<typeof createDeployment>[1],
  key: { isOurs: (d: Deployment) => boolean } & OnceOptions,
): Promise<WriteOnceResult<Deployment>> {
  return writeOnce({
    what: `the deployment of ${opts.ref.slice(0, 12)} to '${opts.environment}'`,
    log: key.log,
    delayMs: key.delayMs,
    create: () => createDeployment(octokit, opts, NO_BLIND_RETRY),
    find: async () =>
      (
        await listDeployments(octokit, {
          owner: opts.owner,
          repo: opts.repo,
          environment: opts.environment,
          sha: opts.ref,
          max: 100,
        })
      ).find(key.isOurs),
  })
}

/**
 * Adds a status at most once in effect: after an unknown outcome the deployment's statuses are
 * read, and one that `matches` (default: the same state) counts as this write.
 */
export async function createDeploymentStatusOnce(
  octokit: Octokit,
  opts: Parameters<typeof createDeploymentStatus>[1],
  key: { matches?: (s: DeploymentStatus) => boolean } & OnceOptions,
): Promise<WriteOnceResult<DeploymentStatus>> {
  const matches = key.matches ?? ((s: DeploymentStatus) => s.state === opts.state)
  return writeOnce({
    what: `the '${opts.state}' status of deployment ${opts.deploymentId}`,
    log: key.log,
    delayMs: key.delayMs,
    create: () => createDeploymentStatus(octokit, opts, NO_BLIND_RETRY),
    find: async () =>
      (
        await listDeploymentStatuses(octokit, {
          owner: opts.owner,
          repo: opts.repo,
          deploymentId: opts.deploymentId,
        })
      ).find(matches),
  })
}
