/**
 * Git, run as a program with an argument array (never through a shell), never prompting, with
 * errors redacted. The push token travels as an http extraheader scoped to the remote's origin,
 * given through the environment of the one git process that needs it: never in the remote URL,
 * never in .git/config, never in the argument list other users can read in `ps`.
 */
import { spawn } from 'node:child_process'
import { scrubbedEnv } from '../safety/command.js'
import { Redactor } from '../safety/redact.js'
import { startBusy } from '../timing.js'

export class GitError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly stderr: string,
  ) {
    super(message)
    this.name = 'GitError'
  }
}

export interface GitOptions {
  /** Token for https remotes (GITHUB_TOKEN or an App token). */
  authToken?: string
  redactor?: Redactor
  /** Base environment; default: process.env without credentials. */
  env?: NodeJS.ProcessEnv
}

export interface GitRunResult {
  code: number
  stdout: string
  stderr: string
  /** git was killed after `timeoutMs`. */
  timedOut?: boolean
}

/** Subcommands that talk to a remote and so may need the token. */
const NETWORK_COMMANDS = new Set(['push', 'fetch', 'pull', 'ls-remote'])

/** The `AUTHORIZATION` header value git sends: what GitHub expects for a token over https. */
export function basicAuthHeader(token: string): string {
  return `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')}`
}

/**
 * Config entries that make git send the token to one https origin: an empty value first, which
 * resets headers inherited from .git/config (actions/checkout persists its own, and two
 * Authorization headers make GitHub answer 400), then ours. Scoped to the origin so a redirect
 * to another host does not carry it.
 */
export function authConfig(remoteUrl: string, token: string): Array<[string, string]> {
  const origin = new URL(remoteUrl).origin
  const key = `http.${origin}/.extraheader`
  return [
    [key, ''],
    [key, basicAuthHeader(token)],
  ]
}

/** GIT_CONFIG_COUNT/KEY/VALUE (git >= 2.31): config for one process, invisible in argv. */
function configEnv(entries: Array<[string, string]>, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base }
  const already = Number(base.GIT_CONFIG_COUNT ?? 0) || 0
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${already + i}`] = key
    env[`GIT_CONFIG_VALUE_${already + i}`] = value
  })
  env.GIT_CONFIG_COUNT = String(already + entries.length)
  return env
}

let gitVersionPromise: Promise<[number, number]> | undefined

function gitVersion(env: NodeJS.ProcessEnv): Promise<[number, number]> {
  gitVersionPromise ??= new Promise((resolve) => {
    const child = spawn('git', ['--version'], { env, stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', () => resolve([0, 0]))
    child.on('close', () => {
      const m = /(\d+)\.(\d+)/.exec(out)
      resolve(m ? [Number(m[1]), Number(m[2])] : [0, 0])
    })
  })
  return gitVersionPromise
}

export class Git {
  private readonly redactor: Redactor
  private readonly baseEnv: NodeJS.ProcessEnv
  private readonly remoteUrls = new Map<string, string | null>()

  constructor(
    readonly cwd: string,
    private readonly opts: GitOptions = {},
  ) {
    this.redactor = opts.redactor ?? new Redactor()
    if (opts.authToken) {
      this.redactor.add(opts.authToken)
      this.redactor.add(basicAuthHeader(opts.authToken).slice('AUTHORIZATION: basic '.length))
    }
    this.baseEnv = {
      ...(opts.env ?? scrubbedEnv(process.env)),
      GIT_TERMINAL_PROMPT: '0',
      GCM_INTERACTIVE: 'never',
      // Messages in English whatever the runner's locale: callers match on some of them.
      LC_ALL: 'C',
      // Paths are paths, never patterns: a file named `*` or `:(exclude)x` (a fix may create
      // one) must not widen `git add -- <files>` to files nobody meant to commit.
      GIT_LITERAL_PATHSPECS: '1',
    }
  }

  /**
   * Runs git with an argument array. Throws a redacted GitError on a non-zero exit unless
   * allowFail. On push/fetch/pull/ls-remote to an https remote, the token is supplied.
   */
  async run(
    args: string[],
    opts: {
      allowFail?: boolean
      input?: string
      /**
       * Kills git (and what it started: a transport, a local receive-pack and its hooks) after
       * this many ms; the result then has `timedOut` and code 128. For talks with a remote that
       * may hang: a push whose answer never comes has an unknown outcome, not a refused one.
       */
      timeoutMs?: number
    } = {},
  ): Promise<GitRunResult> {
    let env = this.baseEnv
    let extraArgs: string[] = []
    const auth = await this.authFor(args)
    if (auth) {
      const [major, minor] = await gitVersion(this.baseEnv)
      if (major > 2 || (major === 2 && minor >= 31)) {
        env = configEnv(auth, this.baseEnv)
      } else {
        extraArgs = auth.flatMap(([k, v]) => ['-c', `${k}=${v}`])
      }
    }
    const result = await this.spawnGit([...extraArgs, ...args], env, opts.input, opts.timeoutMs)
    const redacted: GitRunResult = {
      code: result.code,
      stdout: this.redactor.redact(result.stdout),
      stderr: this.redactor.redact(result.stderr),
      ...(result.timedOut ? { timedOut: true } : {}),
    }
    if (result.code !== 0 && !opts.allowFail) {
      // The message names the caller's arguments only: the auth config never appears in it.
      const shown = this.redactor.redact(args.join(' '))
      const detail = redacted.stderr.trim() || redacted.stdout.trim()
      throw new GitError(
        `git ${shown} failed with exit code ${result.code}${detail ? `: ${detail}` : ''}`,
        result.code,
        redacted.stderr,
      )
    }
    return redacted
  }

  /** Full sha of a commit-ish; throws when it does not resolve. */
  async revParse(ref: string): Promise<string> {
    const { stdout } = await this.run([
      'rev-parse',
      '--verify',
      '--end-of-options',
      `${ref}^{commit}`,
    ])
    return stdout.trim()
  }

  /** True when `a` is an ancestor of (or equal to) `b`. */
  async isAncestor(a: string, b: string): Promise<boolean> {
    const r = await this.run(['merge-base', '--is-ancestor', a, b], { allowFail: true })
    if (r.code === 0) return true
    if (r.code === 1) return false
    throw new GitError(
      `git merge-base --is-ancestor ${a} ${b} failed: ${r.stderr.trim()}`,
      r.code,
      r.stderr,
    )
  }

  /** The checked-out branch, or null on a detached HEAD (the usual state in Actions). */
  async currentBranch(): Promise<string | null> {
    const r = await this.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true })
    return r.code === 0 ? r.stdout.trim() || null : null
  }

  /** Unified diff from base to head with renames, no color, no external diff or textconv drivers. */
  async diff(base: string, head: string, paths?: string[]): Promise<string> {
    const args = ['diff', '-M', '--no-color', '--no-ext-diff', '--no-textconv', base, head, '--']
    const { stdout } = await this.run(paths && paths.length > 0 ? [...args, ...paths] : args)
    return stdout
  }

  /** Author of HEAD: used to recognise our own commits (loop guard). */
  async headAuthor(): Promise<{ name: string; email: string }> {
    const { stdout } = await this.run(['log', '-1', '--format=%an%x00%ae', 'HEAD'])
    const [name = '', email = ''] = stdout.trim().split('\0')
    return { name, email }
  }

  /** Auth config entries for this command, or null when it does not go to an https remote. */
  private async authFor(args: string[]): Promise<Array<[string, string]> | null> {
    const token = this.opts.authToken
    if (!token) return null
    const sub = args.findIndex((a) => !a.startsWith('-'))
    if (sub === -1 || !NETWORK_COMMANDS.has(args[sub])) return null
    // The remote is the first positional that is a URL or a configured remote ('--depth 1'
    // puts a value first); none means the default remote.
    let url: string | null = null
    for (const arg of args.slice(sub + 1)) {
      if (arg.startsWith('-')) continue
      url = /^[a-z][a-z0-9+.-]*:\/\//i.test(arg) ? arg : await this.remoteUrl(arg)
      if (url) break
    }
    url ??= await this.remoteUrl('origin')
    if (!url || !/^https:\/\//i.test(url)) return null
    try {
      return authConfig(url, token)
    } catch {
      return null
    }
  }

  private async remoteUrl(name: string): Promise<string | null> {
    if (!this.remoteUrls.has(name)) {
      const r = await this.spawnGit(['remote', 'get-url', '--', name], this.baseEnv)
      this.remoteUrls.set(name, r.code === 0 ? r.stdout.trim() : null)
    }
    return this.remoteUrls.get(name) ?? null
  }

  /**
   * The blobs `specs` name (`<rev>:<path>`), read through ONE `git cat-file --batch` process
   * instead of a `git show` each: the text of each blob (redacted), null for anything missing
   * or not a blob.
   */
  async readBlobs(specs: string[]): Promise<Map<string, string | null>> {
    const objects = await this.catFile(specs)
    const out = new Map<string, string | null>()
    for (const [spec, o] of objects) out.set(spec, o?.type === 'blob' ? o.text : null)
    return out
  }

  /**
   * What `specs` name (any `git cat-file` object name: `<sha>^{commit}`, `<rev>:<path>`), through
   * one `git cat-file --batch`: the type and (redacted) content of each, null when missing. A
   * spec with a newline (cat-file reads one per line) is asked with `git cat-file -t`/`-p`.
   */
  async catFile(specs: string[]): Promise<Map<string, { type: string; text: string } | null>> {
    const out = new Map<string, { type: string; text: string } | null>()
    const batch = [...new Set(specs)].filter((s) => !/[\r\n]/.test(s))
    for (const odd of specs.filter((s) => /[\r\n]/.test(s))) {
      const t = await this.run(['cat-file', '-t', odd], { allowFail: true })
      const p = t.code === 0 ? await this.run(['cat-file', '-p', odd], { allowFail: true }) : null
      out.set(odd, p && p.code === 0 ? { type: t.stdout.trim(), text: p.stdout } : null)
    }
    if (batch.length === 0) return out
    const res = await this.spawnGit(
      ['cat-file', '--batch'],
      this.baseEnv,
      batch.join('\n') + '\n',
      undefined,
      true,
    )
    const buf = res.raw ?? Buffer.alloc(0)
    let at = 0
    for (const spec of batch) {
      const nl = buf.indexOf(10, at)
      if (nl < 0) {
        out.set(spec, null)
        continue
      }
      const header = buf.subarray(at, nl).toString('utf8')
      at = nl + 1
      const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header)
      if (!m) {
        out.set(spec, null) // "<spec> missing" or "<spec> ambiguous"
        continue
      }
      const size = Number(m[2])
      const text = this.redactor.redact(buf.subarray(at, at + size).toString('utf8'))
      at += size + 1
      out.set(spec, { type: m[1]!, text })
    }
    return out
  }

  private spawnGit(
    args: string[],
    env: NodeJS.ProcessEnv,
    input?: string,
    timeoutMs?: number,
    keepRaw = false,
  ): Promise<GitRunResult & { raw?: Buffer }> {
    const done = startBusy('git')
    return new Promise<GitRunResult & { raw?: Buffer }>((resolve) => {
      const child = spawn('git', args, {
        cwd: this.cwd,
        env,
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        // its own process group, so a timeout ends the transport and hooks with it
        detached: timeoutMs !== undefined,
      })
      let timedOut = false
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true
              try {
                if (child.pid) process.kill(-child.pid, 'SIGKILL')
              } catch {
                child.kill('SIGKILL')
              }
            }, timeoutMs)
      const out: Buffer[] = []
      const err: Buffer[] = []
      child.stdout?.on('data', (d: Buffer) => out.push(d))
      child.stderr?.on('data', (d: Buffer) => err.push(d))
      child.on('error', (e) =>
        resolve({ code: 127, stdout: '', stderr: `cannot run git: ${e.message}` }),
      )
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        clearTimeout(timer)
        const stdout = Buffer.concat(out)
        resolve({
          code: code ?? 128,
          stdout: keepRaw ? '' : stdout.toString('utf8'),
          ...(keepRaw ? { raw: stdout } : {}),
          stderr:
            Buffer.concat(err).toString('utf8') +
            (timedOut
              ? `\n(no answer within ${timeoutMs} ms: killed)`
              : signal
                ? `\n(killed by ${signal})`
                : ''),
          ...(timedOut ? { timedOut } : {}),
        })
      }
      child.on('close', finish)
      // a killed git whose pipes a stray descendant still holds open: do not wait for them
      child.on('exit', (code, signal) => {
        if (timedOut) setTimeout(() => finish(code, signal), 1000).unref()
      })
      if (input !== undefined && child.stdin) {
        child.stdin.on('error', () => undefined)
        child.stdin.end(input)
      }
    }).finally(done)
  }
}
