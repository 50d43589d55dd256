/**
 * Runs shell commands (test suites, deploy commands) the way CI needs them run: in their own
 * process group so a timeout kills the whole tree, with output capped in memory (head and tail
 * kept) but streamed in full to a log file, and with an environment that carries no tokens.
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { containsTokenPattern, StreamRedactor, type Redactor } from './redact.js'

export interface CommandResult {
  exitCode: number | null
  signal: string | null
  timedOut: boolean
  /** Capped head + tail of stdout and stderr, interleaved in arrival order. */
  output: string
  truncated: boolean
  /** Full output streamed to this file when requested. */
  logPath?: string
  durationMs: number
  /** Set when the command could not be started at all (missing cwd, no bash). */
  error?: string
}

export interface RunCommandOptions {
  /** Run via `bash -c`. */
  command: string
  cwd: string
  /** Default: scrubbed process.env. Given explicitly, it is used as is. */
  env?: NodeJS.ProcessEnv
  /** Added on top of the environment: the only way a token reaches a command. */
  extraEnv?: Record<string, string>
  timeoutMs: number
  /** Default 60,000: the first third and the last two thirds are kept. */
  maxOutputChars?: number
  logPath?: string
  signal?: AbortSignal
  /** Time between SIGTERM and SIGKILL on timeout or abort. Default 2000 ms. */
  killGraceMs?: number
  /** When given, the returned output and the log file are redacted. */
  redactor?: Redactor
}

const DEFAULT_MAX_OUTPUT = 60_000
const DEFAULT_GRACE_MS = 2_000

/** Variables the runner or the action set that carry credentials by name. */
const SECRET_NAMES = new Set([
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GH_ENTERPRISE_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
])

/** Names that look like credentials: *_TOKEN, *_SECRET, *_KEY, passwords, and their kin. */
const SECRET_NAME_PATTERN =
  /(?:^|_)(?:TOKEN|SECRET|SECRETS|KEY|PASSWORD|PASSWD|PASS|PAT|CREDENTIAL|CREDENTIALS|PRIVATE_KEY|API_KEY)(?:_|$)/i

/**
 * A copy of the environment without credentials: INPUT_* (action inputs carry the API key and
 * token), the known token variables, anything named like a secret, and any value shaped like a
 * known token whatever its name. Tests and deploy commands get tokens only through extraEnv.
 */
export function scrubbedEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue
    const upper = name.toUpperCase()
    if (upper.startsWith('INPUT_')) continue
    if (SECRET_NAMES.has(upper)) continue
    if (SECRET_NAME_PATTERN.test(name)) continue
    if (containsTokenPattern(value)) continue
    out[name] = value
  }
  return out
}

/** Env values shorter than this are not registered as secrets: masking `1` or `true` shreds logs. */
const MIN_ENV_SECRET_LENGTH = 8

/**
 * The values of the environment that are credentials by name or by shape (the variables
 * `scrubbedEnv` drops, action inputs named like a key or token included), to register with the
 * Redactor: a deploy key passed as `env:` is masked in the Actions log by the runner, but not in
 * a comment we post unless we know it too.
 */
export function secretEnvValues(env: NodeJS.ProcessEnv): string[] {
  const out = new Set<string>()
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.trim().length < MIN_ENV_SECRET_LENGTH) continue
    // Input names keep their hyphens (INPUT_GITHUB-TOKEN): compare them as underscores.
    const upper = name.toUpperCase().replace(/-/g, '_')
    if (SECRET_NAMES.has(upper) || SECRET_NAME_PATTERN.test(upper) || containsTokenPattern(value)) {
      // ACTIONS_ID_TOKEN_REQUEST_URL is a URL, not a secret by itself; the rest are.
      if (upper !== 'ACTIONS_ID_TOKEN_REQUEST_URL') out.add(value.trim())
    }
  }
  return [...out]
}

/** Keeps the first `head` and the last `tail` characters of a stream of chunks. */
class HeadTail {
  private head = ''
  private tail = ''
  total = 0

  constructor(
    private readonly headMax: number,
    private readonly tailMax: number,
  ) {}

  push(chunk: string): void {
    this.total += chunk.length
    if (this.head.length < this.headMax) {
      const room = this.headMax - this.head.length
      this.head += chunk.slice(0, room)
      chunk = chunk.slice(room)
    }
    if (chunk.length === 0) return
    this.tail += chunk
    // Trim lazily (at twice the size) so a stream of small chunks is not quadratic.
    if (this.tail.length > this.tailMax * 2) this.tail = this.tail.slice(-this.tailMax)
  }

  result(logPath?: string): { output: string; truncated: boolean } {
    const tail = this.tail.slice(-this.tailMax)
    const omitted = this.total - this.head.length - tail.length
    if (omitted <= 0) return { output: this.head + tail, truncated: false }
    const where = logPath ? `; full output in ${logPath}` : ''
    return {
      output: `${this.head}\n[... ${omitted} characters omitted${where} ...]\n${tail}`,
      truncated: true,
    }
  }
}

/** Streams (already redacted) text to a log file. */
class LogSink {
  private readonly stream: fs.WriteStream

  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    this.stream = fs.createWriteStream(file)
    // A write error (disk full) must not crash the run; the in-memory output still exists.
    this.stream.on('error', () => undefined)
  }

  write(text: string): void {
    this.stream.write(text)
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(() => resolve()))
  }
}

/**
 * Every command still running, by the pid of its process group, with the function that stops it
 * (SIGTERM, then SIGKILL after the grace). A cancelled run stops them all, wherever they were
 * started from: no caller has to remember to pass a signal for the tree to die with the run.
 */
const running = new Map<number, () => void>()

/** Stops every running command (SIGTERM to its group, SIGKILL after its grace). */
export function stopRunningCommands(): number {
  for (const stop of running.values()) stop()
  return running.size
}

/**
 * SIGKILLs the group of every command still running. For the moment before the process exits:
 * the SIGKILL timers of `stopRunningCommands` do not outlive it.
 */
export function killRunningCommands(): void {
  for (const pid of running.keys()) killGroup(pid, 'SIGKILL')
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    // Negative pid: the whole process group, grandchildren included.
    process.kill(-pid, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Runs `bash -c command` in its own process group. On timeout or abort the group gets SIGTERM,
 * then SIGKILL after a grace period. When the command exits, whatever it left running in its
 * group is killed too, so a test run cannot leave servers behind that hold ports or our pipes.
 */
export function runCommand(opts: RunCommandOptions): Promise<CommandResult> {
  const started = Date.now()
  const maxChars = opts.maxOutputChars ?? DEFAULT_MAX_OUTPUT
  const headTail = new HeadTail(Math.floor(maxChars / 3), maxChars - Math.floor(maxChars / 3))
  const env = { ...(opts.env ?? scrubbedEnv(process.env)), ...(opts.extraEnv ?? {}) }
  const grace = opts.killGraceMs ?? DEFAULT_GRACE_MS

  return new Promise<CommandResult>((resolve) => {
    let sink: LogSink | undefined
    try {
      if (opts.logPath) sink = new LogSink(opts.logPath)
    } catch (err) {
      sink = undefined
      headTail.push(`[log file ${opts.logPath} could not be opened: ${(err as Error).message}]\n`)
    }
    const redact = (s: string) => (opts.redactor ? opts.redactor.redact(s) : s)

    if (opts.signal?.aborted) {
      void (sink?.close() ?? Promise.resolve()).then(() =>
        resolve({
          exitCode: null,
          signal: null,
          timedOut: false,
          output: 'Aborted before start.',
          truncated: false,
          durationMs: Date.now() - started,
          error: 'Aborted before start.',
        }),
      )
      return
    }

    const child = spawn('bash', ['-c', opts.command], {
      cwd: opts.cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let timedOut = false
    let settled = false
    let killTimer: NodeJS.Timeout | undefined
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined

    // Redacted before it is capped or logged: a secret split across chunks (or across the
    // head/tail cut) is masked whole, never shown in part.
    const stream = opts.redactor ? new StreamRedactor(opts.redactor) : null
    const emit = (text: string) => {
      if (!text) return
      headTail.push(text)
      sink?.write(text)
    }
    const onData = (chunk: string) => emit(stream ? stream.push(chunk) : chunk)
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)

    const stop = () => {
      killGroup(child.pid, 'SIGTERM')
      killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), grace)
      killTimer.unref()
    }
    const timer = setTimeout(() => {
      timedOut = true
      stop()
    }, opts.timeoutMs)
    const onAbort = () => stop()
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const pid = child.pid
    if (pid !== undefined) running.set(pid, stop)

    child.on('error', (err) => {
      void finish({ exitCode: null, signal: null, error: `Failed to start bash: ${err.message}` })
    })
    child.on('exit', (code, signal) => {
      exit = { code, signal }
      // Leftovers in the group would keep our pipes open (and ports busy): end them.
      killGroup(child.pid, 'SIGKILL')
      // A process that left the group (setsid) can still hold the pipes: stop waiting for it.
      setTimeout(() => {
        child.stdout.destroy()
        child.stderr.destroy()
        void finish({ exitCode: code, signal })
      }, 1_000).unref()
    })
    child.on('close', () => {
      void finish({ exitCode: exit?.code ?? null, signal: exit?.signal ?? null })
    })

    async function finish(r: { exitCode: number | null; signal: string | null; error?: string }) {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (killTimer) clearTimeout(killTimer)
      opts.signal?.removeEventListener('abort', onAbort)
      if (pid !== undefined) running.delete(pid)
      if (stream) emit(stream.end())
      if (r.error) headTail.push(`${r.error}\n`)
      if (timedOut) {
        const note = `\n[timed out after ${opts.timeoutMs} ms; the process group was killed]\n`
        headTail.push(note)
        sink?.write(note)
      }
      await sink?.close()
      const { output, truncated } = headTail.result(opts.logPath)
      resolve({
        exitCode: r.exitCode,
        signal: r.signal,
        timedOut,
        output: redact(output),
        truncated,
        ...(opts.logPath && sink ? { logPath: opts.logPath } : {}),
        durationMs: Date.now() - started,
        ...(r.error ? { error: r.error } : {}),
      })
    }
  })
}
