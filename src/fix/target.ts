/**
 * Which branch and commit failed, the fix branch that answers it, and the loop guards that keep
 * pitcrew from fixing its own work. Then the workspace is put at the failing commit as committed.
 */
import { getPull, listPullsByHeadPrefix } from '../github/pulls.js'
import type { Octokit } from '../github/octokit.js'
import type { TaskDeps } from '../task.js'
import type { Git } from '../tools/git.js'

export interface FixTarget {
  /** The failing branch; undefined on a detached HEAD with no branch in the event. */
  headRef?: string
  /** The failing commit. */
  headSha: string
  /** The failing PR comes from a fork: pitcrew cannot push to it. */
  isFork: boolean
  /** The failing PR, when there is one. */
  prNumber?: number
  /** The failing run's id: names the fix branch and the run's comment. */
  runId: string
  /** `<branch-prefix><run id>`. */
  branch: string
}

/** A guard that stops the run: the reason, and extra fields for the `result` output. */
export interface Refusal {
  reason: string
  extra?: Record<string, unknown>
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '')
}

/** The failing branch, commit and PR from the route, the PR, the checkout and the event. */
export async function resolveTarget(
  deps: TaskDeps,
  git: Git,
  octokit: Octokit | null,
): Promise<FixTarget> {
  const { route, ctx, settings } = deps
  let headRef = route.headRef
  let headSha = route.headSha
  let isFork = route.isFork ?? false
  const prNumber = route.prNumber
  if (prNumber && octokit && (!headRef || !headSha || route.isFork === undefined)) {
    const pr = await getPull(octokit, { owner: ctx.owner, repo: ctx.repo, pullNumber: prNumber })
    headRef ??= pr.headRef
    headSha ??= pr.headSha
    if (route.isFork === undefined)
      isFork = pr.headRepoFullName !== null && pr.headRepoFullName !== `${ctx.owner}/${ctx.repo}`
  }
  headRef ??=
    (await git.currentBranch()) ??
    (ctx.ref.startsWith('refs/heads/') ? shortRef(ctx.ref) : undefined)
  headSha ??= ctx.sha || (await git.revParse('HEAD'))
  // The run id names the failing run, so every rerun of one failure reaches the same branch and
  // PR: on `workflow_run` it is the failed run's id from the payload (not this run's
  // GITHUB_RUN_ID, which is new each time the failure is reported or re-run); for a step in the
  // failing job itself (`if: failure()`), workflow_dispatch, push or a `/pitcrew fix` comment it
  // is GITHUB_RUN_ID, which GitHub keeps across re-runs of the run's jobs. Both name the same
  // number for one failing run, whichever way pitcrew was started.
  const runId = String(route.workflowRunId ?? ctx.runId)
  const branch = `${settings.config.fix.branchPrefix}${runId}`
  return { headRef, headSha, isFork, prNumber, runId, branch }
}

/**
 * The loop guards, in code: never fix a fix-up branch, never fix a commit pitcrew authored,
 * never open more fix-up PRs into one PR than `max-attempts-per-pr`. Also makes sure the failing
 * commit is in the workspace (throws when it cannot be fetched). Returns the refusal, or null.
 */
export async function loopGuards(
  deps: TaskDeps,
  git: Git,
  octokit: Octokit | null,
  t: FixTarget,
): Promise<Refusal | null> {
  const { log, ctx } = deps
  const fix = deps.settings.config.fix
  if (t.headRef?.startsWith(fix.branchPrefix)) {
    return {
      reason: `branch '${t.headRef}' starts with the fix branch prefix '${fix.branchPrefix}': pitcrew does not fix its own fix-up branches`,
    }
  }
  if (!(await ensureCommit(git, t.headSha, t.headRef, t.prNumber))) {
    throw new Error(
      `Cannot find commit '${t.headSha}' in the workspace or on origin. Expected the failing commit to be fetchable (actions/checkout with fetch-depth: 0, or the run's head sha).`,
    )
  }
  const author = (
    await git.run(['log', '-1', '--format=%an%x00%ae', '--end-of-options', t.headSha, '--'])
  ).stdout
    .trim()
    .split('\0')
  if (author[0] === fix.commitName || (author[1] && author[1] === fix.commitEmail)) {
    return {
      reason: `the head commit ${t.headSha.slice(0, 7)} was authored by pitcrew (${author[0]} <${author[1]}>): not fixing its own commit`,
    }
  }
  if (t.prNumber && octokit && t.headRef) {
    const attempts = (
      await listPullsByHeadPrefix(octokit, {
        owner: ctx.owner,
        repo: ctx.repo,
        prefix: fix.branchPrefix,
        base: t.headRef,
      })
    ).filter((p) => p.headRef !== t.branch)
    log.info(
      `${attempts.length} earlier fix-up PR(s) into '${t.headRef}' (limit ${fix.maxAttemptsPerPr}).`,
    )
    if (attempts.length >= fix.maxAttemptsPerPr) {
      return {
        reason: `PR #${t.prNumber} already has ${attempts.length} fix-up PRs (${attempts.map((p) => `#${p.number}`).join(', ')}); max-attempts-per-pr is ${fix.maxAttemptsPerPr}`,
        extra: { attempts: attempts.map((p) => p.number) },
      }
    }
  }
  return null
}

/**
 * Puts the workspace at the failing commit. In the action, the tests of the same job
 * (`if: failure()`) may have rewritten tracked files: the fix starts from the failing commit as
 * committed, and those writes are kept in a stash, not delivered. The CLI keeps the user's tree.
 */
export async function checkoutFailingCommit(
  deps: TaskDeps,
  git: Git,
  t: FixTarget,
  opts: { local: boolean },
): Promise<void> {
  const { log } = deps
  if (!opts.local) {
    const dirty = (
      await git.run(['status', '--porcelain', '--untracked-files=no'], { allowFail: true })
    ).stdout.trim()
    if (dirty) {
      const files = dirty.split('\n').map((l) => l.slice(3))
      await git.run(['stash', 'push', '--quiet', '-m', `pitcrew fix ${t.runId}: workspace changes`])
      log.info(
        `The workspace had uncommitted changes to tracked files (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}); stashed them to start from the failing commit.`,
      )
    }
  }
  const current = await git.revParse('HEAD')
  if (current !== t.headSha) {
    log.info(
      `Checking out the failing commit ${t.headSha.slice(0, 7)} (workspace is at ${current.slice(0, 7)}).`,
    )
    await git.run(['checkout', '--quiet', '--detach', t.headSha])
  }
}

/**
 * The failing commit is present locally, or fetched from origin: by sha (GitHub serves any
 * commit), else the branch or the PR's head ref that holds it (servers that only serve refs). A
 * comment or workflow_run checkout is usually at the default branch, not at the failing commit.
 */
async function ensureCommit(
  git: Git,
  sha: string,
  headRef?: string,
  prNumber?: number,
): Promise<boolean> {
  const has = async () =>
    (await git.run(['cat-file', '-e', `${sha}^{commit}`], { allowFail: true })).code === 0
  if (await has()) return true
  const refs = [
    sha,
    ...(headRef ? [`refs/heads/${headRef}`] : []),
    ...(prNumber ? [`refs/pull/${prNumber}/head`] : []),
  ]
  for (const ref of refs) {
    await git.run(['fetch', '--quiet', '--no-tags', 'origin', ref], { allowFail: true })
    if (await has()) return true
  }
  return false
}
