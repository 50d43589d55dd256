/**
 * Git through simple-git: an argument array, never a shell, never prompting, errors redacted,
 * and simple-git's unsafe-option checks on, so an option that runs a program (`--upload-pack`,
 * `-c core.sshCommand=...`, `-c alias.x=!cmd`) is refused before git starts, wherever it comes
 * from. The push token travels as an http extraheader scoped to the remote's origin, given
 * through the environment of the one git process that needs it (GIT_CONFIG_COUNT/KEY/VALUE):
 * never in the remote URL, never in .git/config, never in the argument list other users can
 * read in `ps`.
 */
import { scrubbedEnv } from '../safety/command.js'
import { Redactor } from '../safety/redact.js'
import { killTagged } from './process-tree.js'
import { startBusy } from '../timing.js'
import { readStableObjects, STABLE_NAME } from './git-batch.js'

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

/**
 * Variables that make git start a program (an editor, a pager, a password prompt, an ssh or
 * proxy command, an external diff) or read its programs from elsewhere, and
 * GIT_CONFIG_PARAMETERS, whose config simple-git cannot check: never handed to git. pitcrew's
 * git never needs them, and simple-git would refuse every call that carried one.
 */
const DROPPED_ENV = new Set([
  'EDITOR',
  'VISUAL',
  'PAGER',
  'PREFIX',
  'SSH_ASKPASS',
  'GIT_ASKPASS',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_PAGER',
  'GIT_EXTERNAL_DIFF',
  'GIT_PROXY_COMMAND',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_EXEC_PATH',
  'GIT_TEMPLATE_DIR',
  'GIT_CONFIG_PARAMETERS',
])

/** Tags the processes of one git call (see process-tree.ts); a random value, not a secret. */
const CALL_TAG = 'PITCREW_GIT_CALL'

/** How long a timed-out call waits for its pipes to close once git was stopped. */
const KILL_GRACE_MS = 2000

/**
 * The environment git runs with: `base` without DROPPED_ENV, never prompting, in English,
 * with literal pathspecs. `allow` names its GIT_* variables: simple-git's environment guard
 * refuses any it was not told about, and checks the config they set (GIT_CONFIG_KEY_n)
 * against its list of keys that cannot run programs.
 */
export function gitEnvironment(base: NodeJS.ProcessEnv): {
  env: NodeJS.ProcessEnv
  allow: string[]
} {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || DROPPED_ENV.has(name.toUpperCase())) continue
    env[name] = value
  }
  Object.assign(env, {
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    // Messages in English whatever the runner's locale: callers match on some of them.
    LC_ALL: 'C',
    // Paths are paths, never patterns: a file named `*` or `:(exclude)x` (a fix may create
    // one) must not widen `git add -- <files>` to files nobody meant to commit.
    GIT_LITERAL_PATHSPECS: '1',
  })
  return { env, allow: Object.keys(env).filter((name) => /^git_/i.test(name)) }
}

type SimpleGitModule = typeof import('simple-git')
let simpleGitModule: Promise<SimpleGitModule> | undefined

/**
 * simple-git (with `debug`, about 120 kB of bundle) loads with the first git process that needs
 * it, not at start: before its first model call a review reads git only through the `cat-file
 * --batch` process of git-batch.ts. simple-git logs each git process's spawn options, its
 * environment (so the token's header) included, through `debug` when DEBUG names it: its
 * namespaces stay off whatever DEBUG says; every other namespace keeps what DEBUG gave it.
 */
function loadSimpleGit(): Promise<SimpleGitModule> {
  simpleGitModule ??= (async () => {
    const { default: debug } = await import('debug')
    const enabled = debug.disable()
    debug.enable([enabled, '-simple-git', '-simple-git:*'].filter(Boolean).join(','))
    return import('simple-git')
  })()
  return simpleGitModule
}

let gitVersionPromise: Promise<[number, number]> | undefined

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
    this.baseEnv = gitEnvironment(opts.env ?? scrubbedEnv(process.env)).env
  }

  /**
   * Runs git with an argument array. Throws a redacted GitError on a non-zero exit unless
   * allowFail, and always when simple-git refuses the arguments (an option that runs a
   * program). On push/fetch/pull/ls-remote to an https remote, the token is supplied.
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
    const auth = await this.authFor(args)
    if (auth) {
      const [major, minor] = await this.version()
      if (major < 2 || (major === 2 && minor < 31)) {
        throw new GitError(
          `git ${major}.${minor} is too old to receive the token through its environment ` +
            '(GIT_CONFIG_COUNT needs git 2.31 or later); pitcrew does not put it in argv. ' +
            'Install a newer git on the runner.',
          128,
          '',
        )
      }
      env = configEnv(auth, this.baseEnv)
    }
    const result = await this.exec(args, env, opts.input, opts.timeoutMs)
    const redacted: GitRunResult = {
      code: result.code,
      stdout: this.redactor.redact(result.stdout),
      stderr: this.redactor.redact(result.stderr),
      ...(result.timedOut ? { timedOut: true } : {}),
    }
    // The message names the caller's arguments only: the auth config never appears in it.
    const shown = this.redactor.redact(args.join(' '))
    if (result.refused !== undefined) {
      throw new GitError(
        `git ${shown} refused: ${this.redactor.redact(result.refused)}`,
        result.code,
        redacted.stderr,
      )
    }
    if (result.code !== 0 && !opts.allowFail) {
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
    const r = await this.run(['merge-base', '--is-ancestor', '--end-of-options', a, b], {
      allowFail: true,
    })
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
    for (const ref of [base, head]) refuseOption(ref, 'diff')
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
      const r = await this.exec(['remote', 'get-url', '--', name], this.baseEnv)
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
    // Names by sha go to the process kept open (git-batch.ts); the others, or all of them when
    // that process fails, to a process of their own.
    const stable = batch.filter((s) => STABLE_NAME.test(s))
    let rest = batch.filter((s) => !STABLE_NAME.test(s))
    if (stable.length > 0) {
      const busy = startBusy('git')
      try {
        const objects = await readStableObjects(this.cwd, this.baseEnv, stable)
        stable.forEach((spec, i) => {
          const o = objects[i]
          out.set(
            spec,
            o ? { type: o.type, text: this.redactor.redact(o.content.toString('utf8')) } : null,
          )
        })
      } catch {
        rest = batch
      } finally {
        busy()
      }
    }
    if (rest.length === 0) return out
    const res = await this.exec(['cat-file', '--batch'], this.baseEnv, rest.join('\n') + '\n')
    const buf = res.raw ?? Buffer.alloc(0)
    let at = 0
    for (const spec of rest) {
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

  private version(): Promise<[number, number]> {
    gitVersionPromise ??= this.exec(['--version'], this.baseEnv).then((r) => {
      const m = /(\d+)\.(\d+)/.exec(r.stdout)
      return m ? [Number(m[1]), Number(m[2])] : [0, 0]
    })
    return gitVersionPromise
  }

  /**
   * One git process through a simple-git instance of its own, so its environment (and the
   * token in it) belongs to this call only. Every exit code comes back as a result; `refused`
   * is set when simple-git would not start git for these arguments or this environment.
   */
  private async exec(
    args: string[],
    env: NodeJS.ProcessEnv,
    input?: string,
    timeoutMs?: number,
  ): Promise<GitRunResult & { refused?: string; raw?: Buffer }> {
    const busy = startBusy('git')
    try {
      return await this.execOnce(args, env, input, timeoutMs)
    } finally {
      busy()
    }
  }

  private async execOnce(
    args: string[],
    env: NodeJS.ProcessEnv,
    input?: string,
    timeoutMs?: number,
  ): Promise<GitRunResult & { refused?: string; raw?: Buffer }> {
    const { GitPluginError, GitError: SimpleGitError, simpleGit } = await loadSimpleGit()
    const tag = callTag()
    const controller = timeoutMs === undefined ? undefined : new AbortController()
    let seen: { exitCode: number | null; stdOut: Buffer[]; stdErr: Buffer[] } | undefined
    let git
    try {
      git = simpleGit({
        baseDir: this.cwd,
        allowEnvironment: gitEnvironment(env).allow,
        // Only `close` ends a call: on `exit` the pipes may still hold output (a long diff).
        completion: { onClose: true, onExit: false },
        ...(controller ? { abort: controller.signal } : {}),
        ...(input !== undefined ? { input: () => input } : {}),
        errors: (error, result) => {
          seen = result
          if (error) return error
          return result.exitCode === 0 ? undefined : new SimpleGitError(undefined, 'exit code')
        },
      }).env({ ...env, [CALL_TAG]: tag })
    } catch (err) {
      // the working directory does not exist
      return { code: 127, stdout: '', stderr: `cannot run git: ${messageOf(err)}` }
    }

    let timedOut = false
    let timer: NodeJS.Timeout | undefined
    const stopped = new Promise<'stopped'>((resolve) => {
      if (timeoutMs === undefined) return
      timer = setTimeout(() => {
        timedOut = true
        controller?.abort()
        killTagged(CALL_TAG, tag)
        // a descendant we could not reach may hold the pipes: do not wait for it
        setTimeout(() => resolve('stopped'), KILL_GRACE_MS).unref()
      }, timeoutMs)
    })
    const done = git.raw(args).then(
      () => 'done' as const,
      (err: unknown) => err,
    )
    const outcome = await Promise.race([done, stopped])
    clearTimeout(timer)

    if (seen === undefined && !timedOut) {
      const message = messageOf(outcome)
      if (outcome instanceof GitPluginError)
        return { code: 128, stdout: '', stderr: '', refused: message }
      return { code: 127, stdout: '', stderr: `cannot run git: ${message}` }
    }
    const code = seen?.exitCode
    return {
      // killed by a signal (null) or never started (negative): what git says for a fatal end
      code: code === null || code === undefined || code < 0 ? 128 : code,
      stdout: seen ? Buffer.concat(seen.stdOut).toString('utf8') : '',
      // the bytes as git wrote them: `cat-file --batch` sizes count bytes, not characters
      raw: seen ? Buffer.concat(seen.stdOut) : Buffer.alloc(0),
      stderr:
        (seen ? Buffer.concat(seen.stdErr).toString('utf8') : '') +
        (timedOut ? `\n(no answer within ${timeoutMs} ms: killed)` : ''),
      ...(timedOut ? { timedOut } : {}),
    }
  }
}

/** A ref that git would read as an option (`--output=...`) is refused, not passed on. */
function refuseOption(ref: string, what: string): void {
  if (ref.startsWith('-')) {
    throw new GitError(`git ${what}: refusing '${ref}' as a revision: it starts with '-'.`, 128, '')
  }
}

let calls = 0

/**
 * A tag unique to one git process on this machine (this process's pid, a counter, a random
 * part): what `killTagged` looks for in the environment of what git started. Not a UUID:
 * `node:crypto` would cost every run's start some 8 ms (builtins.ts).
 */
function callTag(): string {
  return `${process.pid}-${++calls}-${Math.random().toString(36).slice(2, 12)}`
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
