/**
 * The pull request under review: its head, base, draft flag and text, from the API when it
 * answers, else from the event payload; for a local review, from the branch.
 */
import type { Log } from '../log.js'
import type { RunContext } from '../context.js'
import type { Route } from '../config/router.js'
import type { Octokit } from '../github/octokit.js'
import { getPull, type PullSummary } from '../github/pulls.js'
import type { Git } from '../tools/git.js'
import { localPullText, type LocalReview } from './local.js'

export interface PullInfo {
  /** null when the API was not asked (local review) or did not answer. */
  pull: PullSummary | null
  headSha: string
  baseSha: string
  isDraft: boolean
  title: string
  body: string
}

/** Reads the PR; a failed API read is a warning: the event payload says enough to go on. */
export async function readPull(o: {
  octokit: Octokit | null
  git: Git
  log: Log
  ctx: RunContext
  route: Route
  prNumber: number
  local?: LocalReview
}): Promise<PullInfo> {
  const { octokit, ctx, route, local, prNumber } = o
  let pull: PullSummary | null = null
  if (octokit) {
    try {
      pull = await getPull(octokit, { owner: ctx.owner, repo: ctx.repo, pullNumber: prNumber })
    } catch (err) {
      o.log.warning(
        `Could not read PR #${prNumber}: ${(err as Error).message}. Using the event payload.`,
      )
    }
  }
  const payloadPull = ctx.payload.pull_request as { title?: unknown; body?: unknown } | undefined
  const info: PullInfo = {
    pull,
    headSha: local?.headSha ?? pull?.headSha ?? route.headSha ?? ctx.sha,
    baseSha: local?.baseSha ?? pull?.baseSha ?? route.baseSha ?? '',
    isDraft: pull?.draft ?? route.isDraft ?? false,
    title: pull?.title ?? String(payloadPull?.title ?? ''),
    body: pull?.body ?? String(payloadPull?.body ?? ''),
  }
  if (local) Object.assign(info, await localPullText(o.git, local))
  o.log.info(
    `${local ? `Local branch '${local.headRef}'` : `PR #${prNumber}`}: head ${info.headSha.slice(0, 7)}, base ${info.baseSha.slice(0, 7)}${info.isDraft ? ', draft' : ''}`,
  )
  return info
}

/**
 * Whether the head is a fork's: a comment-triggered run's event does not say, the PR does (a
 * deleted fork has no repository, so it counts as one).
 */
export function isForkPull(route: Route, pull: PullSummary | null, fullName: string): boolean {
  return route.isFork === true || (pull !== null && pull.headRepoFullName !== fullName)
}
