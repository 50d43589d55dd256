import { readFile } from 'node:fs/promises'
import { relative } from 'node:path'
import type { RunContext } from '../context.js'
import type { Log } from '../log.js'
import { Git } from '../tools/git.js'
import type { Route } from './router.js'

/**
 * A pull request must not choose the rules it is handled by (review ignores, fix guardrails such
 * as allow-test-edits): for PR-bound runs the config file is read from the base commit (as
 * claude-code-action restores it), not from the head the PR author controls. Where the base commit is not in the checkout (a shallow clone), a fork's
 * config is ignored (defaults), and a same-repository PR's checked-out file is used.
 */
export function trustedConfigReader(
  ctx: RunContext,
  route: Route,
  log: Log,
): ((path: string) => Promise<string>) | undefined {
  if (!route.baseSha || !route.prNumber || !route.mode) return undefined
  const baseSha = route.baseSha
  const git = new Git(ctx.workspace)
  return async (abs) => {
    const rel = relative(ctx.workspace, abs).split('\\').join('/')
    // One process for both questions: is the base commit here, and the file at it.
    const objects = await git
      .catFile([`${baseSha}^{commit}`, `${baseSha}:${rel}`])
      .catch(() => new Map<string, { type: string; text: string } | null>())
    if (objects.get(`${baseSha}^{commit}`)?.type === 'commit') {
      const shown = objects.get(`${baseSha}:${rel}`)
      if (shown?.type === 'blob') {
        log.info(`config: read from the base commit ${baseSha.slice(0, 7)}, not the PR head`)
        return shown.text
      }
      throw Object.assign(new Error(`'${rel}' does not exist at the base commit`), {
        code: 'ENOENT',
      })
    }
    if (route.isFork) {
      log.warning(
        `The base commit ${baseSha.slice(0, 7)} is not in the checkout (use fetch-depth: 0); the fork's '${rel}' is ignored and defaults apply.`,
      )
      throw Object.assign(new Error('base commit not fetched'), { code: 'ENOENT' })
    }
    return readFile(abs, 'utf8')
  }
}
