import { isStatus } from './errors.js'
import { writeOnceOn } from './idempotent.js'
import type { Octokit } from './octokit.js'

/** `heads/x` from `x`, `refs/heads/x` or `heads/x`: the form the git refs API takes. */
export function shortRef(ref: string): string {
  if (ref.startsWith('refs/')) return ref.slice('refs/'.length)
  if (ref.startsWith('heads/') || ref.startsWith('tags/')) return ref
  return `heads/${ref}`
}

/** The sha a ref points at, or undefined when it does not exist. */
export async function getRef(
  octokit: Octokit,
  opts: { owner: string; repo: string; ref: string },
): Promise<string | undefined> {
  try {
    const res = await octokit.rest.git.getRef({
      owner: opts.owner,
      repo: opts.repo,
      ref: shortRef(opts.ref),
    })
    return res.data.object.sha
  } catch (err) {
    if (isStatus(err, 404)) return undefined
    throw err
  }
}

/**
 * Creates `refs/heads/x` (or a full `refs/...` name) at `sha`; 422 when it already exists. A
 * create whose answer is lost is looked up (the ref at `sha`) before it is sent again.
 */
export async function createRef(
  octokit: Octokit,
  opts: { owner: string; repo: string; ref: string; sha: string },
): Promise<void> {
  await writeOnceOn(octokit, {
    what: `the ref '${shortRef(opts.ref)}'`,
    create: async () => {
      await octokit.rest.git.createRef({
        owner: opts.owner,
        repo: opts.repo,
        ref: `refs/${shortRef(opts.ref)}`,
        sha: opts.sha,
      })
      return true
    },
    find: async () => ((await getRef(octokit, opts)) === opts.sha ? true : undefined),
  })
}

/** Moves a ref; `force` allows a non-fast-forward move. */
export async function updateRef(
  octokit: Octokit,
  opts: { owner: string; repo: string; ref: string; sha: string; force?: boolean },
): Promise<void> {
  await octokit.rest.git.updateRef({
    owner: opts.owner,
    repo: opts.repo,
    ref: shortRef(opts.ref),
    sha: opts.sha,
    force: opts.force ?? false,
  })
}

/** Deletes a ref; an absent ref is not an error (cleanup must be idempotent). */
export async function deleteRef(
  octokit: Octokit,
  opts: { owner: string; repo: string; ref: string },
): Promise<void> {
  try {
    await octokit.rest.git.deleteRef({
      owner: opts.owner,
      repo: opts.repo,
      ref: shortRef(opts.ref),
    })
  } catch (err) {
    if (isStatus(err, 404, 422)) return
    throw err
  }
}
