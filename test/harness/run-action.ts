import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { constants as osConstants, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { e2eNode } from './node-runtime.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface RunActionOptions {
  eventName: string
  payload: Record<string, unknown>
  /** Action inputs by their action.yml name (`max-turns`), passed as INPUT_* like the runner. */
  inputs?: Record<string, string>
  /** Extra environment (GITHUB_API_URL, ANTHROPIC_BASE_URL, ...). */
  env?: Record<string, string | undefined>
  workspace: string
  repository?: string
  /** true: spawn `node dist/index.js` as the runner does; false: call run() in-process. */
  spawn?: boolean
  /** The bundle to spawn (default: this repository's dist/index.js). */
  bundle?: string
  /** The node binary that spawns the bundle (default: PITCREW_E2E_NODE, else this process's). */
  node?: string
  timeoutMs?: number
  /** spawn only: cancels the step as a runner does, by signalling the node process. */
  cancel?: CancelPlan
}

/** When and how the runner cancels the step (it sends SIGINT, then SIGTERM ~7.5 s later). */
export interface CancelPlan {
  /** Resolves once the run reached the phase to cancel in (polled state, a server request...). */
  when: () => Promise<unknown>
  /** Default SIGINT. */
  signal?: NodeJS.Signals
  /** A second signal this many ms after the first, while pitcrew is shutting down. */
  again?: { signal: NodeJS.Signals; afterMs: number }
}

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  runnerTemp: string
  /** spawn with `cancel`: ms from the first signal to the process exit (undefined if none sent). */
  cancelledAfterMs?: number
}

/** The runner's `name<<delimiter` output file format, parsed back. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const [, name, delimiter] = m
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
    out[name] = value.join('\n')
  }
  return out
}

/** Builds the environment a runner gives a JavaScript action. */
export function runnerEnv(opts: RunActionOptions, dir: string): Record<string, string> {
  const eventPath = join(dir, 'event.json')
  writeFileSync(eventPath, JSON.stringify(opts.payload))
  const outputPath = join(dir, 'output.txt')
  const summaryPath = join(dir, 'summary.md')
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: opts.repository ?? 'octo-org/octo-repo',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: join(dir, 'runner-temp'),
    // The emulator is not GitHub: no need to space writes a second apart or wait seconds to retry.
    PITCREW_GITHUB_WRITE_SPACING_MS: '0',
    PITCREW_GITHUB_RETRY_UNIT_MS: '2',
    PITCREW_ANTHROPIC_RETRY_BASE_MS: '5',
  }
  for (const [name, value] of Object.entries(opts.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  // A runner always sets both: GraphQL beside the REST base (the emulator serves /graphql).
  if (env.GITHUB_API_URL && !('GITHUB_GRAPHQL_URL' in (opts.env ?? {})))
    env.GITHUB_GRAPHQL_URL = `${env.GITHUB_API_URL.replace(/\/+$/, '')}/graphql`
  return env
}

/** Runs the action end to end as the runner does, in-process or by spawning the bundle. */
export async function runAction(opts: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-run-'))
  const env = runnerEnv(opts, dir)
  let exitCode: number
  let stdout = ''
  let stderr = ''
  let cancelledAfterMs: number | undefined
  if (opts.spawn) {
    const bundle = opts.bundle ?? join(repoRoot, 'dist', 'index.js')
    if (!existsSync(bundle)) throw new Error(`${bundle} missing: run 'npm run build' first`)
    ;({ exitCode, stdout, stderr, cancelledAfterMs } = await spawnNode(
      opts.node ?? e2eNode(),
      bundle,
      env,
      opts.workspace,
      opts.timeoutMs,
      opts.cancel,
    ))
  } else {
    if (opts.cancel) throw new Error('cancel needs spawn: true (signals go to a process)')
    ;({ exitCode, stdout } = await runInProcess(env))
  }
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(env.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'),
    runnerTemp: env.RUNNER_TEMP,
    ...(cancelledAfterMs !== undefined ? { cancelledAfterMs } : {}),
  }
}

/** Polls `check` every 20 ms until it is true; rejects after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

function spawnNode(
  node: string,
  script: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 120_000,
  cancel?: CancelPlan,
): Promise<{ exitCode: number; stdout: string; stderr: string; cancelledAfterMs?: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(node, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let exited = false
    let signalledAt: number | undefined
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    if (cancel) {
      cancel.when().then(
        () => {
          if (exited) return
          signalledAt = Date.now()
          child.kill(cancel.signal ?? 'SIGINT')
          const again = cancel.again
          if (again) setTimeout(() => !exited && child.kill(again.signal), again.afterMs)
        },
        (err: unknown) => {
          child.kill('SIGKILL')
          reject(err instanceof Error ? err : new Error(String(err)))
        },
      )
    }
    child.on('error', reject)
    child.on('exit', () => (exited = true))
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolvePromise({
        // Killed by a signal: 128 + its number, as a shell reports it.
        exitCode: code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : 1),
        stdout,
        stderr,
        ...(signalledAt !== undefined ? { cancelledAfterMs: Date.now() - signalledAt } : {}),
      })
    })
  })
}

/** Calls run(env) in this process, capturing what @actions/core prints and the exit code. */
async function runInProcess(
  env: Record<string, string>,
): Promise<{ exitCode: number; stdout: string }> {
  const { run } = await import('../../src/main.js')
  const previousExit = process.exitCode
  process.exitCode = undefined
  let stdout = ''
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    return true
  }) as typeof process.stdout.write
  try {
    await run(env)
  } finally {
    process.stdout.write = write
  }
  const exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0
  process.exitCode = previousExit
  return { exitCode, stdout }
}
