import type { RunContext } from '../context.js'
import type { Route } from '../config/router.js'
import type { Log } from '../log.js'
import type { Octokit } from './octokit.js'
import { getPull } from './pulls.js'

/**
 * Fills in what the event leaves out, from the API, before anything else happens: a comment
 * command names the PR but not its commits (the base commit is needed for the trusted config,
 * the head repository for the fork check); a failed `workflow_run` of a fork PR lists no PR at
 * all (GitHub leaves `pull_requests` empty for forks), so it is found by `fork-owner:branch`.
 */
export async function completeRoute(
  ctx: RunContext,
  route: Route,
  octokit: Octokit | null,
  log: Log,
): Promise<Route> {
  if (!route.mode || !octokit) return route
  const repoRef = { owner: ctx.owner, repo: ctx.repo }
  try {
    let prNumber = route.prNumber
    if (
      !prNumber &&
      route.workflowRunId &&
      route.isFork &&
      route.headRepoFullName &&
      route.headRef
    ) {
      const forkOwner = route.headRepoFullName.split('/')[0]
      const open = await octokit.rest.pulls.list({
        ...repoRef,
        state: 'open',
        head: `${forkOwner}:${route.headRef}`,
        per_page: 10,
      })
      const match = open.data.find((p) => p.head.sha === route.headSha) ?? open.data[0]
      if (match) {
        log.info(`The failed run belongs to fork PR #${match.number}.`)
        prNumber = match.number
      }
    }
    if (!prNumber || (route.baseSha && route.headSha && prNumber === route.prNumber)) return route
    const pull = await getPull(octokit, { ...repoRef, pullNumber: prNumber })
    return {
      ...route,
      prNumber,
      headSha: route.headSha ?? pull.headSha,
      headRef: route.headRef ?? pull.headRef,
      baseSha: route.baseSha ?? pull.baseSha,
      baseRef: route.baseRef ?? pull.baseRef,
      headRepoFullName: route.headRepoFullName ?? pull.headRepoFullName ?? undefined,
      isFork: route.isFork ?? pull.headRepoFullName !== `${ctx.owner}/${ctx.repo}`,
      isDraft: route.isDraft ?? pull.draft,
    }
  } catch (err) {
    log.warning(`Could not read the pull request of this event: ${(err as Error).message}`)
    return route
  }
}
