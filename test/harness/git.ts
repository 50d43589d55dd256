/**
 * Real git repositories for tests: a working clone with a bare `origin` on disk, so pushes,
 * fetches and diffs run through git itself rather than a mock.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** git's environment for tests: no system or user config, no prompts, fixed identity. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
}

/** Runs git in `cwd`; rejects with git's stderr on a non-zero exit. */
export function gitIn(
  cwd: string,
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd, env: opts.env ?? GIT_ENV, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err)
          reject(new Error(`git ${args.join(' ')} failed in ${cwd}: ${stderr || err.message}`))
        else resolve(stdout)
      },
    )
    if (opts.input !== undefined) child.stdin?.end(opts.input)
  })
}

export interface TestRepo {
  /** Temp folder holding both repositories. */
  dir: string
  /** The working clone (GITHUB_WORKSPACE in tests). */
  work: string
  /** The bare repository that `work`'s `origin` points at (the emulator's gitDir). */
  origin: string
  /** git in `work`; resolves to stdout. */
  git(...args: string[]): Promise<string>
  /** Writes (string or bytes) or deletes (null) files, commits all changes, returns the sha. */
  commit(files: Record<string, string | Uint8Array | null>, message: string): Promise<string>
  /** Pushes HEAD to `branch` on origin (default: the current branch). */
  push(branch?: string): Promise<void>
  /** Switches to `branch`, creating it from HEAD (or `from`) when it does not exist. */
  checkout(branch: string, from?: string): Promise<void>
  cleanup(): Promise<void>
}

async function writeFiles(
  root: string,
  files: Record<string, string | Uint8Array | null>,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path)
    if (content === null) {
      await rm(abs, { force: true })
    } else {
      await mkdir(dirname(abs), { recursive: true })
      await writeFile(abs, content)
    }
  }
}

/**
 * A repository whose first commit on `main` holds `files`, pushed to a bare origin. Identity is
 * set locally so commits work on machines without a global git config.
 */
export async function createTestRepo(
  files: Record<string, string | Uint8Array>,
  opts: { branch?: string; message?: string } = {},
): Promise<TestRepo> {
  const branch = opts.branch ?? 'main'
  const dir = await mkdtemp(join(tmpdir(), 'pitcrew-git-'))
  const origin = join(dir, 'origin.git')
  const work = join(dir, 'work')
  await gitIn(dir, ['init', '-q', '--bare', '-b', branch, origin])
  await gitIn(dir, ['init', '-q', '-b', branch, work])
  const git = (...args: string[]) => gitIn(work, args)
  await git('config', 'user.name', 'Test Author')
  await git('config', 'user.email', 'author@example.com')
  await git('config', 'commit.gpgsign', 'false')
  await git('remote', 'add', 'origin', origin)

  const commit = async (changes: Record<string, string | Uint8Array | null>, message: string) => {
    await writeFiles(work, changes)
    await git('add', '-A')
    await git('commit', '-q', '--allow-empty', '-m', message)
    return (await git('rev-parse', 'HEAD')).trim()
  }
  const push = async (target?: string) => {
    const name = target ?? (await git('rev-parse', '--abbrev-ref', 'HEAD')).trim()
    await git('push', '-q', '--force', 'origin', `HEAD:refs/heads/${name}`)
  }
  const checkout = async (name: string, from?: string) => {
    const exists = await git('rev-parse', '--verify', '-q', `refs/heads/${name}`).then(
      () => true,
      () => false,
    )
    if (exists) await git('checkout', '-q', name)
    else await git('checkout', '-q', '-b', name, ...(from ? [from] : []))
  }
  await commit(files, opts.message ?? 'initial commit')
  await push(branch)
  return {
    dir,
    work,
    origin,
    git,
    commit,
    push,
    checkout,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  }
}
