import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Redactor } from '../../src/safety/redact.js'
import { Git, GitError, authConfig, basicAuthHeader } from '../../src/tools/git.js'

const token = `ghs_${'Tk9z'.repeat(9)}`
const b64 = Buffer.from(`x-access-token:${token}`).toString('base64')
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
const env = () => ({ ...process.env, ...identity, HOME: base })
const sh = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: env(), encoding: 'utf8' }).trim()

beforeEach(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pitcrew-git-')))
  origin = path.join(base, 'origin.git')
  work = path.join(base, 'work')
  sh(base, 'init', '--bare', '-b', 'main', origin)
  sh(base, 'clone', origin, work)
  sh(work, 'checkout', '-b', 'main')
  fs.writeFileSync(path.join(work, 'a.txt'), 'one\ntwo\nthree\n')
  sh(work, 'add', '.')
  sh(work, 'commit', '-m', 'first')
  sh(work, 'push', 'origin', 'main')
})
afterEach(() => fs.rmSync(base, { recursive: true, force: true }))

describe('Git', () => {
  it('pushes to a bare origin on disk unchanged, token or not', async () => {
    const git = new Git(work, { authToken: token, env: env() })
    fs.writeFileSync(path.join(work, 'b.txt'), 'new\n')
    await git.run(['add', 'b.txt'])
    await git.run(['commit', '-m', 'second'])
    await git.run(['push', 'origin', 'HEAD:refs/heads/pitcrew/fix-1'])
    const head = await git.revParse('HEAD')
    expect(sh(origin, 'rev-parse', 'refs/heads/pitcrew/fix-1')).toBe(head)
    expect(fs.readFileSync(path.join(work, '.git', 'config'), 'utf8')).not.toContain('extraheader')
  })

  it('answers revParse, isAncestor, currentBranch, diff and headAuthor', async () => {
    const git = new Git(work, { env: env() })
    const first = await git.revParse('HEAD')
    expect(first).toMatch(/^[0-9a-f]{40}$/)
    await git.run(['mv', 'a.txt', 'renamed.txt'])
    fs.appendFileSync(path.join(work, 'renamed.txt'), 'four\n')
    await git.run(['commit', '-am', 'rename'])
    const second = await git.revParse('HEAD')
    expect(await git.isAncestor(first, second)).toBe(true)
    expect(await git.isAncestor(second, first)).toBe(false)
    expect(await git.currentBranch()).toBe('main')
    const diff = await git.diff(first, second)
    expect(diff).toContain('rename from a.txt')
    expect(diff).toContain('+four')
    expect(await git.diff(first, second, ['nothing-here'])).toBe('')
    expect(await git.headAuthor()).toEqual({ name: 'Test Author', email: 'author@example.com' })
    await git.run(['checkout', '--detach', 'HEAD'])
    expect(await git.currentBranch()).toBeNull()
    await expect(git.revParse('no-such-ref')).rejects.toBeInstanceOf(GitError)
  })

  it('never writes the token to .git/config or the remote URL when an https push fails', async () => {
    const remote = 'https://127.0.0.1:1/x.git'
    sh(work, 'remote', 'set-url', 'origin', remote)
    const configBefore = fs.readFileSync(path.join(work, '.git', 'config'), 'utf8')
    const git = new Git(work, { authToken: token, env: env() })
    const err = await git.run(['push', 'origin', 'HEAD:refs/heads/x']).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GitError)
    const message = (err as GitError).message
    expect(message).toContain('git push origin HEAD:refs/heads/x failed')
    expect(message).not.toContain(token)
    expect(message).not.toContain(b64)
    const config = fs.readFileSync(path.join(work, '.git', 'config'), 'utf8')
    expect(config).toBe(configBefore)
    expect(config).not.toContain('extraheader')
    expect(config).not.toContain(token)
    expect(sh(work, 'remote', 'get-url', 'origin')).toBe(remote)
  })

  it('hands git the extraheader for https remotes only, after resetting a persisted one', async () => {
    // A wrapper in front of git records the config the real git process would see.
    const bin = path.join(base, 'bin')
    const seen = path.join(base, 'seen.txt')
    const realGit = execFileSync('bash', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
    fs.mkdirSync(bin)
    fs.writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/bash\nif [ "$1" = push ]; then { echo "argv: $*"; "${realGit}" config --get-all http.https://127.0.0.1:1/.extraheader; echo ---; } >> "${seen}"; fi\nexec "${realGit}" "$@"\n`,
      { mode: 0o755 },
    )
    sh(work, 'config', 'http.https://127.0.0.1:1/.extraheader', 'AUTHORIZATION: basic PERSISTED')
    sh(work, 'remote', 'add', 'secure', 'https://127.0.0.1:1/x.git')
    const git = new Git(work, {
      authToken: token,
      env: { ...env(), PATH: `${bin}:${process.env.PATH}` },
    })
    await git.run(['push', 'secure', 'HEAD:refs/heads/x'], { allowFail: true })
    await git.run(['push', 'origin', 'HEAD:refs/heads/y'])
    const [httpsPush, filePush] = fs.readFileSync(seen, 'utf8').split('---\n')
    expect(httpsPush).toBe(
      `argv: push secure HEAD:refs/heads/x\nAUTHORIZATION: basic PERSISTED\n\n${basicAuthHeader(token)}\n`,
    )
    // Not in argv, where `ps` would show it; not sent to a file remote.
    expect(httpsPush.split('\n')[0]).not.toContain(b64)
    expect(filePush).toBe('argv: push origin HEAD:refs/heads/y\nAUTHORIZATION: basic PERSISTED\n')
  })

  it('redacts secrets in errors and output', async () => {
    const secret = 'branch-named-like-a-secret-1234'
    const git = new Git(work, { env: env(), redactor: new Redactor([secret]) })
    const err = await git.run(['checkout', secret]).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GitError)
    expect((err as GitError).message).not.toContain(secret)
    expect((err as GitError).stderr).not.toContain(secret)
    const r = await git.run(['checkout', secret], { allowFail: true })
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('***')
  })

  it('runs git with prompts disabled and without the runner tokens in its environment', async () => {
    // A git in front of the real one reports what the git process sees (an alias running
    // `!printenv` would do it too, but simple-git refuses aliases that run programs).
    const bin = path.join(base, 'bin')
    const realGit = execFileSync('bash', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
    fs.mkdirSync(bin)
    fs.writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/bash\nif [ "$1" = envdump ]; then printenv GIT_TERMINAL_PROMPT; printenv GITHUB_TOKEN; exit 0; fi\nexec "${realGit}" "$@"\n`,
      { mode: 0o755 },
    )
    const saved = process.env.GITHUB_TOKEN
    const savedPath = process.env.PATH
    process.env.GITHUB_TOKEN = token
    process.env.PATH = `${bin}:${savedPath}`
    try {
      const git = new Git(work)
      const r = await git.run(['envdump'])
      expect(r.stdout).toBe('0\n')
    } finally {
      process.env.PATH = savedPath
      if (saved === undefined) delete process.env.GITHUB_TOKEN
      else process.env.GITHUB_TOKEN = saved
    }
  })
})

describe('authConfig', () => {
  it('scopes the header to the remote origin and resets inherited ones first', () => {
    expect(authConfig('https://github.example.com/o/r.git', token)).toEqual([
      ['http.https://github.example.com/.extraheader', ''],
      ['http.https://github.example.com/.extraheader', `AUTHORIZATION: basic ${b64}`],
    ])
  })
})

describe('Git: paths and timeouts', () => {
  it('takes pathspecs literally: `git add -- *` adds the file named `*`, not every file', async () => {
    const git = new Git(work, { env: env() })
    fs.writeFileSync(path.join(work, '*'), 'star\n')
    fs.writeFileSync(path.join(work, 'other.txt'), 'other\n')
    await git.run(['add', '--', '*'])
    expect(sh(work, 'diff', '--cached', '--name-only')).toBe('*')
  })

  it('kills git and what it started after timeoutMs, and says so', async () => {
    const hook = path.join(origin, 'hooks', 'pre-receive')
    fs.writeFileSync(hook, '#!/bin/sh\nsleep 30\n')
    fs.chmodSync(hook, 0o755)
    const git = new Git(work, { env: env() })
    const started = Date.now()
    const r = await git.run(['push', 'origin', 'HEAD:refs/heads/slow'], {
      allowFail: true,
      timeoutMs: 1000,
    })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(r.timedOut).toBe(true)
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('no answer within 1000 ms: killed')
  })
})
