/**
 * Options that make git run a program, arriving where a ref or a path from the model would:
 * simple-git refuses them before git starts, our own wrapper refuses a revision that would be
 * read as an option, and a path after `--` stays a path. Nothing is ever run: the marker file
 * the injected command would create never appears.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Git, GitError, gitEnvironment } from '../../src/tools/git.js'

const identity = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
}

let base: string
let work: string
let origin: string
let pwned: string
const env = () => ({ ...process.env, ...identity, HOME: base })
const sh = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: env(), encoding: 'utf8' }).trim()

beforeEach(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pitcrew-git-unsafe-')))
  origin = path.join(base, 'origin.git')
  work = path.join(base, 'work')
  pwned = path.join(base, 'PWNED')
  sh(base, 'init', '--bare', '-b', 'main', origin)
  sh(base, 'clone', '--quiet', origin, work)
  sh(work, 'checkout', '--quiet', '-b', 'main')
  fs.writeFileSync(path.join(work, 'a.txt'), 'one\n')
  sh(work, 'add', '.')
  sh(work, 'commit', '--quiet', '-m', 'first')
  sh(work, 'push', '--quiet', 'origin', 'main')
})
afterEach(() => fs.rmSync(base, { recursive: true, force: true }))

async function refusal(p: Promise<unknown>): Promise<GitError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(GitError)
  return err as GitError
}

describe('Git refuses option injection', () => {
  it('refuses --upload-pack as a fetch ref, also with allowFail', async () => {
    const git = new Git(work, { env: env() })
    const err = await refusal(
      git.run(['fetch', 'origin', `--upload-pack=touch ${pwned}`], { allowFail: true }),
    )
    expect(err.message).toContain('refused')
    expect(err.message).toContain('allowUnsafePack')
    expect(fs.existsSync(pwned)).toBe(false)
  })

  it('refuses --receive-pack and --exec on push', async () => {
    const git = new Git(work, { env: env() })
    for (const opt of [`--receive-pack=touch ${pwned}`, `--exec=touch ${pwned}`]) {
      const err = await refusal(git.run(['push', opt, 'origin', 'HEAD:refs/heads/x']))
      expect(err.message).toContain('refused')
    }
    expect(fs.existsSync(pwned)).toBe(false)
    expect(sh(origin, 'for-each-ref', '--format=%(refname)')).toBe('refs/heads/main')
  })

  it('refuses -c core.sshCommand, -c alias.x=!cmd and --config=core.pager', async () => {
    const git = new Git(work, { env: env() })
    const attempts = [
      ['-c', `core.sshCommand=touch ${pwned}`, 'fetch', 'origin'],
      ['-c', `alias.x=!touch ${pwned}`, 'x'],
      [`--config=core.pager=touch ${pwned}`, 'log', '-1'],
      ['-c', `core.fsmonitor=touch ${pwned}`, 'status'],
    ]
    const messages: string[] = []
    for (const args of attempts) messages.push((await refusal(git.run(args))).message)
    expect(messages.map((m) => /refused: Configuring (\S+)/.exec(m)?.[1])).toEqual([
      'core.sshCommand',
      'alias',
      'core.pager',
      'core.fsmonitor',
    ])
    expect(fs.existsSync(pwned)).toBe(false)
  })

  it('refuses a revision that git would read as an option', async () => {
    const git = new Git(work, { env: env() })
    await refusal(git.isAncestor(`--upload-pack=touch ${pwned}`, 'HEAD'))
    const diffErr = await refusal(git.diff(`--output=${pwned}`, 'HEAD'))
    expect(diffErr.message).toContain("refusing '--output=")
    // rev-parse reads it after --end-of-options: a ref that does not exist
    const revErr = await refusal(git.revParse(`--output=${pwned}`))
    expect(revErr.message).toContain('failed with exit code 128')
    expect(fs.existsSync(pwned)).toBe(false)
  })

  it('keeps a path after -- a path: `git add -- --upload-pack=...` adds that file', async () => {
    const git = new Git(work, { env: env() })
    const name = '--upload-pack=x'
    fs.writeFileSync(path.join(work, name), 'odd name\n')
    await git.run(['add', '--', name])
    expect(sh(work, 'diff', '--cached', '--name-only')).toBe(name)
    const missing = await git.run(['add', '--', `--exec=touch ${pwned}`], { allowFail: true })
    expect(missing.code).toBe(128)
    expect(missing.stderr).toContain('did not match any files')
    expect(fs.existsSync(pwned)).toBe(false)
  })

  it('never hands git a variable that starts a program, and is not refused for one set', async () => {
    const git = new Git(work, {
      env: {
        ...env(),
        EDITOR: `touch ${pwned}`,
        PAGER: `touch ${pwned}`,
        GIT_PAGER: `touch ${pwned}`,
        GIT_SSH_COMMAND: `touch ${pwned}`,
      },
    })
    const r = await git.run(['log', '-1', '--format=%s'])
    expect(r.stdout).toBe('first\n')
    expect(fs.existsSync(pwned)).toBe(false)
  })
})

describe('gitEnvironment', () => {
  it('drops program-starting variables and names every GIT_ variable it keeps', () => {
    const { env, allow } = gitEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/x',
      EDITOR: 'vi',
      visual: 'vi',
      GIT_SSH_COMMAND: 'ssh -i key',
      GIT_CONFIG_PARAMETERS: "'core.pager=less'",
      GIT_AUTHOR_NAME: 'A',
      GIT_CONFIG_GLOBAL: '/dev/null',
    })
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/x',
      GIT_AUTHOR_NAME: 'A',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GCM_INTERACTIVE: 'never',
      LC_ALL: 'C',
      GIT_LITERAL_PATHSPECS: '1',
    })
    expect(allow.sort()).toEqual([
      'GIT_AUTHOR_NAME',
      'GIT_CONFIG_GLOBAL',
      'GIT_LITERAL_PATHSPECS',
      'GIT_TERMINAL_PROMPT',
    ])
  })
})

describe('simple-git debug logging', () => {
  it('never prints the token, even with DEBUG=* (simple-git would log its environment)', () => {
    const token = `ghs_${'Db6x'.repeat(9)}`
    const header = Buffer.from(`x-access-token:${token}`).toString('base64')
    const gitTs = fileURLToPath(new URL('../../src/tools/git.ts', import.meta.url))
    const script = path.join(base, 'push.mts')
    fs.writeFileSync(
      script,
      [
        `import { Git } from ${JSON.stringify(gitTs)}`,
        `const git = new Git(${JSON.stringify(work)}, { authToken: ${JSON.stringify(token)} })`,
        "const r = await git.run(['ls-remote', 'https://127.0.0.1:1/x.git'], { allowFail: true })",
        "console.log('exit', r.code)",
      ].join('\n'),
    )
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const out = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...env(), DEBUG: '*' },
      encoding: 'utf8',
    })
    expect(out.stdout).toBe('exit 128\n')
    expect(out.stderr).not.toContain(token)
    expect(out.stderr).not.toContain(header)
    expect(out.stderr).not.toContain('simple-git')
  })
})

describe('Git timeouts', () => {
  it('kills the hook a timed-out push started, not only git', async () => {
    const pidFile = path.join(base, 'hook.pid')
    const hook = path.join(origin, 'hooks', 'pre-receive')
    fs.writeFileSync(hook, `#!/bin/sh\necho $$ > "${pidFile}"\nexec sleep 30\n`)
    fs.chmodSync(hook, 0o755)
    const git = new Git(work, { env: env() })
    const r = await git.run(['push', 'origin', 'HEAD:refs/heads/slow'], {
      allowFail: true,
      timeoutMs: 1500,
    })
    expect(r.timedOut).toBe(true)
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim())
    expect(pid).toBeGreaterThan(0)
    expect(alive(pid)).toBe(false)
  })
})

/** Running, neither gone nor a zombie waiting for its parent. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) [ZX]/.test(stat)
  } catch {
    return false
  }
}
