/**
 * The local checkout the CLI runs in: its top level, HEAD, branch, origin name and whether the
 * tracked files have uncommitted changes. Read with git; nothing here writes.
 */
import { basename } from 'node:path'
import { Git } from '../tools/git.js'
import type { Redactor } from '../safety/redact.js'
import { UsageError } from './args.js'

/** The checkout a command works on; `git` is null outside a repository (rollback only). */
export interface Local {
  workspace: string
  git: Git | null
  headSha: string
  headRef: string | null
}

/** Finds the checkout around cwd; `required` makes "no repository" or "no commit" a usage error. */
export async function localRepo(
  cwd: string,
  redactor: Redactor,
  required: boolean,
): Promise<Local> {
  const probe = new Git(cwd, { redactor })
  const top = await probe
    .run(['rev-parse', '--show-toplevel'], { allowFail: true })
    .catch(() => ({ code: 1, stdout: '', stderr: '' }))
  if (top.code !== 0) {
    if (required) {
      throw new UsageError(
        `Not a git repository: '${cwd}'. Expected to be run inside a git checkout.`,
      )
    }
    return { workspace: cwd, git: null, headSha: '', headRef: null }
  }
  const workspace = top.stdout.trim()
  const git = new Git(workspace, { redactor })
  const head = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
    allowFail: true,
  })
  if (head.code !== 0 && required) {
    throw new UsageError(
      `The repository at '${workspace}' has no commit yet. Expected at least one commit.`,
    )
  }
  return { workspace, git, headSha: head.stdout.trim(), headRef: await git.currentBranch() }
}

/** owner/repo from the origin URL, so the run context names the repository as the action would. */
export async function repoName(local: Local): Promise<{ owner: string; repo: string }> {
  const url = local.git
    ? (await local.git.run(['remote', 'get-url', 'origin'], { allowFail: true })).stdout.trim()
    : ''
  const m = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url)
  return m ? { owner: m[1]!, repo: m[2]! } : { owner: 'local', repo: basename(local.workspace) }
}

/** Modified tracked files (`git status --porcelain` lines); untracked files do not count. */
export async function dirtyTracked(git: Git): Promise<string[]> {
  const r = await git.run(['status', '--porcelain', '--untracked-files=no'], { allowFail: true })
  return r.stdout.split('\n').filter(Boolean)
}
