/**
 * The PR's change: its files from the API, with `git diff` in the workspace for what the API
 * does not give.
 */
import type { Log } from '../log.js'
import type { Octokit } from '../github/octokit.js'
import { listPullFiles, MAX_PULL_FILES, type ListedPullFiles } from '../github/pulls.js'
import { isStatus, statusOf } from '../github/errors.js'
import type { Git } from '../tools/git.js'
import { fileFromApi, parseGitDiff, type DiffFile } from './diff.js'
import { ensureCommits } from './shallow.js'

export interface ChangeSet {
  files: DiffFile[]
  /** Where the files came from, for the log and summary. */
  source: 'api' | 'git' | 'api+git'
  notes: string[]
}

/**
 * Starts reading the PR's file list (100 per page) so it runs alongside the other GitHub reads;
 * `getChange` takes the promise. null when the list is known to be cut at GitHub's 3000-file cap
 * (`changedFiles`, from the event): the diff then comes from git, without the 30 page reads.
 */
/** Whether a PR with this many files (unknown: yes) is listed through the API at all. */
export function fileListWanted(changedFiles: number | undefined): boolean {
  return changedFiles === undefined || changedFiles <= MAX_PULL_FILES
}

export function startFileList(
  octokit: Octokit | null,
  o: { owner: string; repo: string; prNumber: number; changedFiles?: number },
): Promise<ListedPullFiles> | null {
  if (!octokit || !fileListWanted(o.changedFiles)) return null
  const listed = listPullFiles(octokit, { owner: o.owner, repo: o.repo, pullNumber: o.prNumber })
  // Awaited by getChange; a run that stops before (a draft) must not leave a stray rejection.
  listed.catch(() => undefined)
  return listed
}

/**
 * The PR's files from the API, with `git diff` (merge base...head) in the workspace for what
 * the API does not give: all of it on 406 or a truncated list, single files without `patch`.
 * Without `octokit` (a local review) the diff comes from git alone. `listed`: the file list
 * started by `startFileList` (null: too many files to list); `changedFiles`: the PR's count,
 * which tells a list of exactly 3000 files from one cut at the cap.
 */
export async function getChange(
  octokit: Octokit | null,
  git: Git,
  log: Log,
  o: {
    owner: string
    repo: string
    prNumber: number
    baseSha: string
    headSha: string
    listed?: Promise<ListedPullFiles> | null
    changedFiles?: number
  },
): Promise<ChangeSet> {
  const notes: string[] = []
  const gitDiff = async (paths?: string[]): Promise<DiffFile[] | null> => {
    try {
      await ensureCommits(git, [o.baseSha, o.headSha])
      const mb = (await git.run(['merge-base', o.baseSha, o.headSha])).stdout.trim()
      return parseGitDiff(await git.diff(mb, o.headSha, paths))
    } catch (err) {
      log.warning(`git diff in the workspace failed: ${(err as Error).message}`)
      return null
    }
  }
  const listing =
    o.listed !== undefined
      ? o.listed
      : octokit
        ? listPullFiles(octokit, { owner: o.owner, repo: o.repo, pullNumber: o.prNumber })
        : null
  if (octokit && listing) {
    try {
      const listed = await listing
      const cut =
        o.changedFiles !== undefined ? o.changedFiles > listed.files.length : listed.truncated
      if (!cut) {
        const files: DiffFile[] = []
        const missing: string[] = []
        for (const entry of listed.files) {
          const f = fileFromApi(entry)
          if (f) files.push(f)
          else missing.push(entry.filename)
        }
        if (missing.length === 0) return { files, source: 'api', notes }
        const fromGit = await gitDiff(missing)
        const byPath = new Map((fromGit ?? []).map((f) => [f.path, f]))
        for (const p of missing) {
          const f = byPath.get(p)
          if (f) files.push(f)
          else {
            files.push({
              oldPath: p,
              newPath: p,
              path: p,
              status: 'modified',
              binary: true,
              submodule: false,
              hunks: [],
              additions: 0,
              deletions: 0,
            })
            notes.push(
              `GitHub sent no patch for '${p}' and git diff could not provide it: it is listed but not reviewed.`,
            )
          }
        }
        return { files, source: 'api+git', notes }
      }
    } catch (err) {
      if (!isStatus(err, 406, 422, 500, 502, 503)) throw err
      notes.push(
        `GitHub refused the file list (${statusOf(err)}): the diff was read with git instead.`,
      )
    }
  }
  if (octokit && !notes.some((n) => n.startsWith('GitHub refused'))) {
    notes.push(
      'GitHub lists at most 3000 files of a pull request: the diff was read with git instead.',
    )
  }
  const files = await gitDiff()
  if (files === null) {
    notes.push('The diff could not be read from GitHub or git: nothing was reviewed.')
    return { files: [], source: 'git', notes }
  }
  return { files, source: 'git', notes }
}
