/**
 * Pushing the fix branch and saying truthfully what happened. A push whose client failed (the
 * connection dropped, the transport was killed, no answer before the timeout) may still have
 * updated the ref on the server: before such a push is reported as failed, the remote is asked
 * (`git ls-remote`) where the branch points. Only a push the server answered with a rejection
 * (a pre-receive hook, a ruleset, missing rights) is called refused, with the server's words.
 */
import type { Git } from '../tools/git.js'

export type PushOutcome =
  /** The branch on origin holds the commit: from git's own exit, or confirmed by ls-remote. */
  | { kind: 'pushed'; confirmedBy: 'exit' | 'ls-remote'; detail?: string }
  /** The server answered with a rejection; `message` is what it said. */
  | { kind: 'refused'; message: string }
  /** No rejection, and the branch does not hold the commit (or origin cannot be asked). */
  | { kind: 'failed'; message: string }

/** Default push timeout: a push of one small commit that takes longer has hung. */
export const DEFAULT_PUSH_TIMEOUT_MS = 5 * 60_000

/**
 * `PITCREW_GIT_PUSH_TIMEOUT_MS` (tests and slow self-hosted servers), else the default. Errors
 * name the variable and the expected form.
 */
export function pushTimeoutMs(env: NodeJS.ProcessEnv): number {
  const raw = env.PITCREW_GIT_PUSH_TIMEOUT_MS
  if (raw === undefined || raw === '') return DEFAULT_PUSH_TIMEOUT_MS
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(
      `Invalid PITCREW_GIT_PUSH_TIMEOUT_MS '${raw}'. Expected a number of milliseconds > 0.`,
    )
  return n
}

/**
 * The server's refusal in git's stderr, or null when git reports none: the `! [remote
 * rejected]` / `! [rejected]` status line and the `remote:` lines a hook or ruleset printed, or
 * an HTTP 403 (no push rights). A transport failure (hang-up, timeout, DNS) is not a refusal.
 */
export function refusalIn(stderr: string): string | null {
  const lines = stderr
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
  const status = lines.find((l) => /^\s*!\s*\[(remote )?rejected\]/.test(l))
  const forbidden = lines.find((l) => /returned error: 403|Permission to .* denied/i.test(l))
  if (!status && !forbidden) return null
  const remote = lines
    .filter((l) => l.startsWith('remote:'))
    .map((l) => l.replace(/^remote:\s?/, '').trim())
    .filter((l) => l && !/^-+$/.test(l))
  return [...remote, (status ?? forbidden)!.trim()].join('\n').slice(0, 2000)
}

/** Where `refs/heads/<branch>` points on origin: a sha, null when absent, undefined when unknown. */
export async function remoteBranchSha(
  git: Git,
  branch: string,
  timeoutMs = 60_000,
): Promise<string | null | undefined> {
  const r = await git.run(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`], {
    allowFail: true,
    timeoutMs,
  })
  if (r.code !== 0) return undefined
  const line = r.stdout.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`))
  return line ? line.split('\t')[0]! : null
}

/**
 * Force-pushes `commit` to `refs/heads/<branch>` on origin and reports what is true on the
 * server afterwards. A non-zero exit is never taken at its word: the branch is looked up first.
 */
export async function pushBranch(
  git: Git,
  o: { commit: string; branch: string; timeoutMs: number },
): Promise<PushOutcome> {
  const push = await git.run(
    ['push', '--force', '--quiet', 'origin', `${o.commit}:refs/heads/${o.branch}`],
    { allowFail: true, timeoutMs: o.timeoutMs },
  )
  if (push.code === 0) return { kind: 'pushed', confirmedBy: 'exit' }
  const said = push.stderr.trim()
  const refused = refusalIn(said)
  // A rejection names the ref it refused; still, what the server holds decides.
  const now = await remoteBranchSha(git, o.branch, o.timeoutMs)
  if (now === o.commit)
    return {
      kind: 'pushed',
      confirmedBy: 'ls-remote',
      detail: said.split('\n').at(-1) ?? '',
    }
  if (refused) return { kind: 'refused', message: refused }
  const lookup =
    now === undefined
      ? 'origin could not be asked where the branch points'
      : now === null
        ? 'the branch is not on origin'
        : `the branch on origin is at ${now.slice(0, 7)}, not ${o.commit.slice(0, 7)}`
  return {
    kind: 'failed',
    message: `${said.split('\n').slice(-3).join(' ').slice(0, 500) || `git push exited ${push.code}`} (${lookup})`,
  }
}
