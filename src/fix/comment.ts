/** The one comment a fix run keeps on the failing PR, found again by its run marker. */
import { upsertStickyComment } from '../github/comments.js'
import { errorMessage } from '../github/errors.js'
import type { TaskDeps } from '../task.js'
import { runMarker } from './report.js'

/**
 * Posts (or edits) this run's comment on the failing PR. A comment that still fails after the
 * client's retries does not throw: the caller reports it with the step failed and keeps what was
 * already delivered (a PR with its branch is not half-written state; losing its link would be).
 */
export async function postRunComment(
  deps: TaskDeps,
  issueNumber: number,
  runId: string,
  body: string,
): Promise<{ url?: string; error?: string }> {
  if (!deps.octokit) return {}
  try {
    const c = await upsertStickyComment(deps.octokit, {
      owner: deps.ctx.owner,
      repo: deps.ctx.repo,
      issueNumber,
      marker: runMarker(runId),
      body,
    })
    return { url: c.url }
  } catch (err) {
    const error = `could not comment on #${issueNumber}: ${errorMessage(err)}`
    deps.log.warning(`pitcrew fix: ${error}`)
    return { error }
  }
}
