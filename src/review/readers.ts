/**
 * How the review reads files: the head versions of changed files (context for the packer and
 * suggestion checks), and the files that steer the review, read from a commit the PR author
 * does not control.
 */
import { readFile } from 'node:fs/promises'
import type { Git } from '../tools/git.js'
import { resolveInWorkspace } from '../safety/jail.js'
import { mapLimit } from './concurrency.js'
import type { DiffFile } from './diff.js'

/** Head versions of files, loaded once each. */
export interface HeadFiles {
  read(path: string): Promise<string | null>
  /** What `read` has loaded already (the packer is synchronous). */
  cached(path: string): string | null
}

/**
 * Files at `headSha` (the workspace when git does not have it); null for files that are
 * missing, outside the workspace or over 2 MB.
 */
export function headFiles(git: Git, workspace: string, headSha: string): HeadFiles {
  const loaded = new Map<string, string | null>()
  const read = async (path: string): Promise<string | null> => {
    if (loaded.has(path)) return loaded.get(path)!
    let text: string | null = null
    const r = await git.run(['show', `${headSha}:${path}`], { allowFail: true }).catch(() => null)
    if (r && r.code === 0) text = r.stdout
    else {
      const j = resolveInWorkspace(workspace, path)
      if (j.ok) text = await readFile(j.abs, 'utf8').catch(() => null)
    }
    if (text !== null && text.length > 2_000_000) text = null
    loaded.set(path, text)
    return text
  }
  return { read, cached: (path) => loaded.get(path) ?? null }
}

/** Loads the head versions for enclosing-scope headers: the first 200 text files are enough. */
export async function preloadHeadFiles(head: HeadFiles, files: DiffFile[]): Promise<void> {
  const withHunks = files.filter((f) => f.hunks.length > 0 && f.newPath && !f.binary).slice(0, 200)
  await mapLimit(withHunks, 8, (f) => head.read(f.path))
}

/**
 * A reader for the files that steer the review (context.files, .gitattributes): the PR author
 * controls the head, so for a pull request they come from the base commit, as the config file
 * does (main.ts). When the base commit is not in the checkout, a fork's files are not read at
 * all (`onSkip` says so once); a same-repository PR (its author has write access) falls back to
 * the workspace. A local review (no `baseSha`) reads the workspace.
 */
export function trustedReader(
  git: Git,
  workspace: string,
  o: { baseSha: string | null; isFork: boolean; onSkip: (why: string) => void },
): (path: string) => Promise<string | null> {
  const fromWorkspace = async (path: string): Promise<string | null> => {
    const r = resolveInWorkspace(workspace, path)
    return r.ok ? readFile(r.abs, 'utf8').catch(() => null) : null
  }
  if (!o.baseSha) return fromWorkspace
  const baseSha = o.baseSha
  let hasBase: Promise<boolean> | null = null
  let warned = false
  return async (path) => {
    hasBase ??= git
      .run(['cat-file', '-e', `${baseSha}^{commit}`], { allowFail: true })
      .then((r) => r.code === 0)
      .catch(() => false)
    if (await hasBase) {
      const r = resolveInWorkspace(workspace, path)
      if (!r.ok) return null
      const shown = await git.run(['show', `${baseSha}:${r.rel}`], { allowFail: true })
      return shown.code === 0 ? shown.stdout : null
    }
    if (!o.isFork) return fromWorkspace(path)
    if (!warned) {
      warned = true
      o.onSkip(
        `The base commit ${baseSha.slice(0, 7)} is not in the checkout (use fetch-depth: 0): the project memory files (context.files) and .gitattributes of this fork PR were skipped, not read from the PR's head.`,
      )
    }
    return null
  }
}
