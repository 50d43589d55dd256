/**
 * The PR's change: its files from the API, with `git diff` in the workspace for what the API
 * does not give.
 */
import type { Log } from '../log.js'
import type { Octokit } from '../github/octokit.js'
import { listPullFiles } from '../github/pulls.js'
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
 * The PR's files from the API, with `git diff` (merge base...head) in the workspace for what
 * the API does not give: all of it on 406 or a truncated list, single files without `patch`.
 * Without `octokit` (a local review) the diff comes from git alone.
 */
export async function getChange(
  octokit: Octokit | null,
  git: Git,
  log: Log,
  o: { owner: string; repo: string; prNumber: number; baseSha: string; headSha: string },
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
  if (octokit) {
    try {
      const listed = await listPullFiles(octokit, {
        owner: o.owner,
        repo: o.repo,
        pullNumber: o.prNumber,
      })
      if (!listed.truncated) {
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
      notes.push(
        'GitHub lists at most 3000 files of a pull request: the diff was read with git instead.',
      )
    } catch (err) {
      if (!isStatus(err, 406, 422, 500, 502, 503)) throw err
      notes.push(
        `GitHub refused the file list (${statusOf(err)}): the diff was read with git instead.`,
      )
    }
  }
  const files = await gitDiff()
  if (files === null) {
    notes.push('The diff could not be read from GitHub or git: nothing was reviewed.')
    return { files: [], source: 'git', notes }
  }
  return { files, source: 'git', notes }
}
