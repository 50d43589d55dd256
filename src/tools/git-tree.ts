/**
 * Commits one file onto a commit without a checkout: blob, trees and commit are written with
 * git's plumbing, so the workspace (the checked-out PR or default branch) is never touched and
 * nothing is staged in its index.
 */
import type { Git } from './git.js'

interface TreeEntry {
  mode: string
  type: string
  sha: string
  name: string
}

/** The text of `path` at `commit`, or null when the file is not there. */
export async function readAt(git: Git, commit: string, path: string): Promise<string | null> {
  const r = await git.run(['show', `${commit}:${path}`], { allowFail: true })
  return r.code === 0 ? r.stdout : null
}

/**
 * A new commit whose parent is `parent` and whose tree is the parent's with `path` set to
 * `content`; returns its sha. `identity` is the author and committer.
 */
export async function commitFile(
  git: Git,
  o: {
    parent: string
    path: string
    content: string
    message: string
    identity: { name: string; email: string }
  },
): Promise<string> {
  const parts = o.path.split('/').filter(Boolean)
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) {
    throw new Error(`Invalid path '${o.path}'. Expected a relative file path such as docs/x.md.`)
  }
  const blob = (await git.run(['hash-object', '-w', '--stdin'], { input: o.content })).stdout.trim()
  const rootTree = (await git.run(['rev-parse', `${o.parent}^{tree}`])).stdout.trim()
  const tree = await putEntry(git, rootTree, parts, blob)
  const { name, email } = o.identity
  const commit = await git.run(
    [
      '-c',
      `user.name=${name}`,
      '-c',
      `user.email=${email}`,
      'commit-tree',
      tree,
      '-p',
      o.parent,
      '-F',
      '-',
    ],
    { input: o.message },
  )
  return commit.stdout.trim()
}

/** `tree` (null: an empty one) with `parts` set to `blob`, subtrees rewritten on the way. */
async function putEntry(
  git: Git,
  tree: string | null,
  parts: string[],
  blob: string,
): Promise<string> {
  const entries = tree ? await listTree(git, tree) : []
  const [name, ...rest] = parts as [string, ...string[]]
  const at = entries.findIndex((e) => e.name === name)
  const existing = at === -1 ? undefined : entries[at]
  let entry: TreeEntry
  if (rest.length === 0) {
    entry = { mode: '100644', type: 'blob', sha: blob, name }
  } else {
    const sub = existing?.type === 'tree' ? existing.sha : null
    entry = { mode: '040000', type: 'tree', sha: await putEntry(git, sub, rest, blob), name }
  }
  if (at === -1) entries.push(entry)
  else entries[at] = entry
  const input = entries.map((e) => `${e.mode} ${e.type} ${e.sha}\t${e.name}\0`).join('')
  return (await git.run(['mktree', '-z'], { input })).stdout.trim()
}

async function listTree(git: Git, tree: string): Promise<TreeEntry[]> {
  const out = (await git.run(['ls-tree', '-z', tree])).stdout
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t')
      const [mode = '', type = '', sha = ''] = line.slice(0, tab).split(' ')
      return { mode, type, sha, name: line.slice(tab + 1) }
    })
}
