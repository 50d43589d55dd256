/**
 * Running the configured test command and turning its result into failures: JUnit reports from
 * the `fix.reports` globs when the run wrote any, else the runner's own output, read back from
 * the log file it was streamed to (never held whole in memory).
 */
import { mkdirSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import picomatch from 'picomatch'
import { runCommand } from '../safety/command.js'
import type { Redactor } from '../safety/redact.js'
import { detectRunner, mergeSummaries, parseJUnitFile, parseLogFile } from './parsers/index.js'
import type { ParseSummary } from './parsers/types.js'
import type { WorkspaceChanges } from './changes.js'
import type { Log } from '../log.js'
import { formatElapsed, startHeartbeat } from '../heartbeat.js'
import { noTracer, type Tracer } from '../telemetry/tracer.js'
import { PITCREW } from '../telemetry/attributes.js'

export interface TestRun {
  command: string
  exitCode: number | null
  timedOut: boolean
  durationMs: number
  summary: ParseSummary
  /** Where the failures came from. */
  source: 'reports' | 'output'
  /** Capped head and tail of the output, redacted. */
  output: string
  logPath?: string
  /** The command could not be started. */
  error?: string
  /** Tracked files the run wrote and pitcrew put back (see withRestore). */
  restored?: string[]
}

/** Runs a test command (the configured one, possibly narrowed) and parses what failed. */
export type RunTests = (command: string, label: string) => Promise<TestRun>

export interface TestRunnerOptions {
  workspace: string
  /** Folder for the logs (under RUNNER_TEMP). */
  logDir: string
  /** JUnit XML globs (fix.reports), workspace-relative. */
  reports: string[]
  timeoutMs: number
  redactor?: Redactor
  env?: NodeJS.ProcessEnv
  signal?: AbortSignal
  /** Where a long run says it is still going (every `heartbeatMs`, default 30 s). */
  log?: Pick<Log, 'info'>
  heartbeatMs?: number
  /** A span per test run. */
  tracer?: Tracer
}

/** The real runner: bash -c in the workspace, through the safety command runner. */
export function createTestRunner(opts: TestRunnerOptions): RunTests {
  let n = 0
  mkdirSync(opts.logDir, { recursive: true })
  return async (command, label) => {
    n++
    const logPath = join(opts.logDir, `tests-${n}-${label.replace(/[^\w.-]+/g, '_')}.log`)
    const started = Date.now()
    const tracer = opts.tracer ?? noTracer
    const span = tracer.start(`tests ${label}`, {
      [PITCREW.testsLabel]: label,
      [PITCREW.testsCommand]: command,
    })
    const stopHeartbeat = opts.log
      ? startHeartbeat(
          opts.log,
          opts.heartbeatMs,
          (ms) => `tests (${label}): \`${command}\` still running after ${formatElapsed(ms)}`,
        )
      : () => undefined
    const res = await runCommand({
      command,
      cwd: opts.workspace,
      env: opts.env,
      timeoutMs: opts.timeoutMs,
      logPath,
      maxOutputChars: 20_000,
      redactor: opts.redactor,
      signal: opts.signal,
      // CI output without colour is cheaper to parse; parsers strip ANSI anyway
      extraEnv: { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
    })
      .catch((err: unknown) => {
        span.fail(err instanceof Error ? err.message : String(err), 'exception')
        span.end()
        throw err
      })
      .finally(stopHeartbeat)
    const reportFiles = opts.reports.length
      ? await findReports(opts.workspace, opts.reports, started - 1000)
      : []
    let summary: ParseSummary
    let source: TestRun['source'] = 'output'
    if (reportFiles.length) {
      const parsed: ParseSummary[] = []
      for (const f of reportFiles)
        parsed.push(await parseJUnitFile(f, { workspace: opts.workspace }))
      summary = mergeSummaries(parsed)
      source = 'reports'
    } else {
      summary = await parseLogFile(res.logPath ?? logPath, {
        workspace: opts.workspace,
        runners: detectRunner(command),
      }).catch(() => ({
        runner: 'unknown' as const,
        failures: [],
        counts: {},
        truncated: false,
        linesSeen: 0,
      }))
    }
    span.set({
      [PITCREW.testsExitCode]: res.exitCode ?? undefined,
      [PITCREW.testsTimedOut]: res.timedOut,
      [PITCREW.testsFailures]: summary.failures.length,
      [PITCREW.durationMs]: res.durationMs,
    })
    if (res.error) span.fail(res.error, 'not_started')
    else if (res.timedOut) span.fail(`timed out after ${res.durationMs} ms`, 'timeout')
    span.end()
    return {
      command,
      exitCode: res.exitCode,
      timedOut: res.timedOut,
      durationMs: res.durationMs,
      summary,
      source,
      output: res.output,
      logPath: res.logPath ?? logPath,
      error: res.error,
    }
  }
}

/**
 * Every test run, the reproduction included, leaves the tracked files as it found them: what a
 * run writes (snapshots, generated files) is undone so that the delivered change is only what
 * the fixer wrote with edit_file. `onRestore` hears about each undone write.
 */
export function withRestore(
  run: RunTests,
  changes: WorkspaceChanges,
  onRestore: (paths: string[], label: string) => void = () => undefined,
): RunTests {
  return async (command, label) => {
    const before = await changes.snapshot()
    try {
      const res = await run(command, label)
      const restored = await changes.restoreSince(before)
      if (restored.length) onRestore(restored, label)
      return restored.length ? { ...res, restored } : res
    } catch (err) {
      await changes.restoreSince(before).catch(() => undefined)
      throw err
    }
  }
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.tox'])

/** Report files matching the globs written since `since` (stale reports of older runs are ignored). */
export async function findReports(
  workspace: string,
  globs: string[],
  since: number,
  limit = 500,
): Promise<string[]> {
  const match = picomatch(globs, { dot: true })
  const wantsDeps = globs.some((g) => g.includes('node_modules'))
  const out: string[] = []
  const walk = async (rel: string, depth: number): Promise<void> => {
    if (out.length >= limit || depth > 12) return
    const entries = await readdir(join(workspace, rel), { withFileTypes: true }).catch(() => [])
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) && !(wantsDeps && e.name === 'node_modules')) continue
        await walk(r, depth + 1)
      } else if (e.isFile() && match(r)) {
        const s = await stat(join(workspace, r)).catch(() => null)
        if (s && s.mtimeMs >= since) out.push(join(workspace, r))
      }
    }
  }
  await walk('', 0)
  return out.sort()
}

/** What shells and package managers print when the command itself is missing. */
const CANNOT_START = [
  /^.*: command not found$/m,
  /^.*: (No such file or directory|Permission denied)$/m,
  /^.*: not found$/m,
  /Missing script: "?[^"\n]*"?/,
  /ERR_PNPM_NO_SCRIPT[^\n]*/,
  /error Command "[^"\n]+" not found\.?/,
  /Usage Error: Couldn't find a script named[^\n]*/,
  // `python -m pytset`: the interpreter's own line (a test's import error quotes the name)
  /^\S*python[\d.]*: No module named [\w.]+$/m,
]

/**
 * Why the test command could not start at all, or null when it ran: spawning failed, the shell
 * exited 126 (not executable) or 127 (not found), or a package manager found no such script.
 * Such a run is no test failure: sending it to the model would pay for a diagnosis of a typo.
 * Quotes the shell's own message. Pure over the run.
 */
export function cannotStart(run: TestRun): string | null {
  if (run.error) return run.error
  if (run.timedOut || run.exitCode === 0) return null
  const text = run.output
  const message = (): string | null => {
    for (const re of CANNOT_START) {
      const m = re.exec(text)
      if (m) return m[0].trim()
    }
    return null
  }
  if (run.exitCode === 126 || run.exitCode === 127) {
    const m = message()
    const tail = text.trim().split('\n').slice(-3).join('\n').trim()
    return `exit code ${run.exitCode}${m ? `: ${m}` : tail ? `: ${tail}` : ''}`
  }
  // a test that shells out to a missing tool fails as a test; only a run without any test counts
  const noTests = run.summary.failures.length === 0 && run.summary.counts.total === undefined
  if (!noTests) return null
  const m = message()
  return m &&
    /Missing script|NO_SCRIPT|Couldn't find a script|Command ".*" not found|command not found|: No module named/.test(
      m,
    )
    ? `exit code ${run.exitCode}: ${m}`
    : null
}

/** The error that fails the step when the test command cannot start (see cannotStart). */
export function cannotStartError(command: string, why: string): string {
  return `The test command '${command}' cannot start (${why}). Expected a command that runs the tests: check 'test-command' or 'fix.test-command'. No model call was made.`
}
