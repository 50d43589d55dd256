/**
 * The fix branch `<prefix><run id>` without a pull request: left by a run that died between its
 * push and its PR (killed, a lost runner). A rerun of the same failure completes it: a verified
 * fix is force-pushed there and gets its PR (deliver.ts); a run that ends with no fix to deliver
 * deletes it, so no branch without a PR outlives the run that could have completed it.
 */
import { errorMessage } from '../github/errors.js'
import type { Octokit } from '../github/octokit.js'
import { listPullsByHeadPrefix } from '../github/pulls.js'
import type { TaskDeps } from '../task.js'
import type { Git } from '../tools/git.js'
import { remoteBranchSha } from './push.js'
import type { FixTarget } from './target.js'

/** True when a pull request (open or closed) ever had `branch` as its head. */
export async function branchHasPull(
  octokit: Octokit,
  deps: TaskDeps,
  branch: string,
): Promise<boolean> {
  const prs = await listPullsByHeadPrefix(octokit, {
    owner: deps.ctx.owner,
    repo: deps.ctx.repo,
    prefix: branch,
  })
  return prs.some((p) => p.headRef === branch)
}

/**
 * Deletes the fix branch on origin when it is there without a pull request. Returns what was
 * done, for the log and the summary; never throws (a cleanup must not hide the run's own end).
 */
export async function removeOrphanBranch(
  deps: TaskDeps,
  git: Git,
  octokit: Octokit | null,
  t: FixTarget,
): Promise<string | undefined> {
  if (!octokit || deps.settings.inputs.dryRun) return undefined
  const { log } = deps
  try {
    const sha = await remoteBranchSha(git, t.branch)
    if (!sha) return undefined
    if (await branchHasPull(octokit, deps, t.branch)) return undefined
    const del = await git.run(['push', '--quiet', 'origin', '--delete', `refs/heads/${t.branch}`], {
      allowFail: true,
      timeoutMs: 60_000,
    })
    const after = del.code === 0 ? null : await remoteBranchSha(git, t.branch)
    if (after === null) {
      const note = `Deleted the fix branch '${t.branch}' (${sha.slice(0, 7)}) that an earlier run pushed without a pull request: this run has no verified fix to put there.`
      log.warning(note)
      return note
    }
    const note = `The fix branch '${t.branch}' has no pull request and could not be deleted: ${del.stderr.trim().split('\n')[0]}. Delete it by hand.`
    log.warning(note)
    return note
  } catch (err) {
    const note = `Could not check the fix branch '${t.branch}' for a missing pull request: ${errorMessage(err)}.`
    log.warning(note)
    return note
  }
}
