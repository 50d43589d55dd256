/**
 * Commits a shallow checkout lacks: the PR's base and head, the last reviewed head, and enough
 * history for their merge base. Best effort: a failed fetch shows up later as a failed diff.
 */
import type { Git } from '../tools/git.js'

/** Fetches commits that a shallow checkout lacks (best effort: GitHub serves any reachable sha). */
export async function fetchIfMissing(git: Git, shas: string[]): Promise<void> {
  const missing: string[] = []
  for (const sha of shas.filter(Boolean)) {
    const r = await git.run(['cat-file', '-e', `${sha}^{commit}`], { allowFail: true })
    if (r.code !== 0) missing.push(sha)
  }
  if (missing.length > 0)
    await git.run(['fetch', '--no-tags', '--quiet', 'origin', ...missing], { allowFail: true })
}

/** Makes the merge base of the PR computable in a shallow checkout (best effort, bounded). */
export async function ensureCommits(git: Git, shas: string[]): Promise<void> {
  await fetchIfMissing(git, shas)
  const mb = await git.run(['merge-base', ...shas], { allowFail: true })
  if (mb.code !== 0) {
    // A shallow clone has no common ancestor yet: deepen until it has (bounded).
    for (const depth of [50, 500]) {
      await git.run(['fetch', '--no-tags', '--quiet', `--deepen=${depth}`, 'origin', ...shas], {
        allowFail: true,
      })
      if ((await git.run(['merge-base', ...shas], { allowFail: true })).code === 0) return
    }
    await git.run(['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'], { allowFail: true })
  }
}
