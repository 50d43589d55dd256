/**
 * Runs the `pitcrew` CLI as a real subprocess (from source through tsx, or the built bin) with a
 * controlled environment, so tests see exactly what a user's terminal or script would see.
 */
import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { e2eNode } from '../harness/node-runtime.js'

export const ROOT = resolve(import.meta.dirname, '../..')
export const BIN = join(ROOT, 'bin/pitcrew.js')
export const API_KEY = 'sk-ant-api03-cli-test-key-0123456789abcdef'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Environment without the caller's keys, tokens or INPUT_* variables, plus `extra`. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('INPUT_') || k.startsWith('ANTHROPIC_') || k.startsWith('GITHUB_')) continue
    env[k] = v
  }
  Object.assign(env, {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
  })
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  return env
}

/** `pitcrew ARGS` in `cwd`: from source (tsx) unless `built` asks for bin/pitcrew.js. */
export function pitcrew(
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; built?: boolean },
): Promise<CliRun> {
  const argv = opts.built
    ? [BIN, ...args]
    : // tsx resolved from this repository: cwd is a fixture repository elsewhere.
      ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/index.ts'), ...args]
  return new Promise((res) => {
    execFile(
      // The built bin is what users run: it follows PITCREW_E2E_NODE (the Node 24 pass) too.
      opts.built ? e2eNode() : process.execPath,
      argv,
      {
        cwd: opts.cwd,
        env: opts.env ?? cleanEnv(),
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number | string }).code ?? 1) : 0
        res({ code: typeof code === 'number' ? code : 1, stdout, stderr })
      },
    )
  })
}
