/**
 * How the review reads files: the head versions of changed files (context for the packer and
 * suggestion checks), and the files that steer the review, read from a commit the PR author
 * does not control. Many files are read through one `git cat-file --batch` process: a process
 * per file made the reads the slowest step before the first model call.
 */
import { readFile } from 'node:fs/promises'
import type { Git } from '../tools/git.js'
import { resolveInWorkspace } from '../safety/jail.js'
import type { DiffFile } from './diff.js'

/** Head versions of files, loaded once each. */
export interface HeadFiles {
  read(path: string): Promise<string | null>
  /** Loads many files at once (what `read` would return for each). */
  readMany(paths: string[]): Promise<void>
  /** What `read` has loaded already (the packer is synchronous). */
  cached(path: string): string | null
}

/** Files over this size are not used as context. */
const MAX_HEAD_FILE = 2_000_000
/** Files per `git cat-file --batch`: bounds the memory one batch holds. */
const BATCH = 50

/**
 * Files at `headSha` (the workspace when git does not have it); null for files that are
 * missing, outside the workspace or over 2 MB.
 */
export function headFiles(git: Git, workspace: string, headSha: string): HeadFiles {
  const loaded = new Map<string, string | null>()
  const settle = async (path: string, fromGit: string | null | undefined): Promise<void> => {
    let text = fromGit ?? null
    if (text === null) {
      const j = resolveInWorkspace(workspace, path)
      if (j.ok) text = await readFile(j.abs, 'utf8').catch(() => null)
    }
    if (text !== null && text.length > MAX_HEAD_FILE) text = null
    loaded.set(path, text)
  }
  const readMany = async (paths: string[]): Promise<void> => {
    const todo = [...new Set(paths)].filter((p) => !loaded.has(p))
    for (let i = 0; i < todo.length; i += BATCH) {
      const chunk = todo.slice(i, i + BATCH)
      const specs = chunk.map((p) => `${headSha}:${p}`)
      const blobs = await git.readBlobs(specs).catch(() => new Map<string, string | null>())
      for (const p of chunk) await settle(p, blobs.get(`${headSha}:${p}`))
    }
  }
  const read = async (path: string): Promise<string | null> => {
    if (!loaded.has(path)) await readMany([path])
    return loaded.get(path) ?? null
  }
  return { read, readMany, cached: (path) => loaded.get(path) ?? null }
}

/** Loads the head versions for enclosing-scope headers: the first 200 text files are enough. */
export async function preloadHeadFiles(head: HeadFiles, files: DiffFile[]): Promise<void> {
  const withHunks = files.filter((f) => f.hunks.length > 0 && f.newPath && !f.binary).slice(0, 200)
  await head.readMany(withHunks.map((f) => f.path))
}

/** Reads a file that steers the review; `prefetch` loads several in one go beforehand. */
export interface TrustedReader {
  (path: string): Promise<string | null>
  prefetch(paths: string[]): Promise<void>
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
): TrustedReader {
  const fromWorkspace = async (path: string): Promise<string | null> => {
    const r = resolveInWorkspace(workspace, path)
    return r.ok ? readFile(r.abs, 'utf8').catch(() => null) : null
  }
  if (!o.baseSha) return Object.assign(fromWorkspace, { prefetch: async () => undefined })
  const baseSha = o.baseSha
  const commit = `${baseSha}^{commit}`
  // Whether the base commit is here, and the base versions read so far (by relative path).
  let hasBase: Promise<boolean> | null = null
  const atBase = new Map<string, Promise<string | null>>()
  let warned = false
  const relOf = (path: string): string | null => {
    const r = resolveInWorkspace(workspace, path)
    return r.ok ? r.rel : null
  }
  // One cat-file for the base check and every path not read yet.
  const load = (paths: string[]): void => {
    const rels = [
      ...new Set(paths.map(relOf).filter((r): r is string => r !== null && !atBase.has(r))),
    ]
    if (rels.length === 0 && hasBase) return
    const objects = git
      .catFile([...(hasBase ? [] : [commit]), ...rels.map((r) => `${baseSha}:${r}`)])
      .catch(() => new Map<string, { type: string; text: string } | null>())
    hasBase ??= objects.then((m) => m.get(commit)?.type === 'commit')
    for (const rel of rels) {
      atBase.set(
        rel,
        objects.then((m) => {
          const b = m.get(`${baseSha}:${rel}`)
          return b?.type === 'blob' ? b.text : null
        }),
      )
    }
  }
  const read = async (path: string): Promise<string | null> => {
    load([path])
    if (await hasBase!) {
      const rel = relOf(path)
      return rel === null ? null : atBase.get(rel)!
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
  return Object.assign(read, {
    prefetch: async (paths: string[]) => {
      load(paths)
      await hasBase
    },
  })
}
