/**
 * What the end-to-end review benchmarks share: a pull request made of real code from npm
 * packages in node_modules (a real git repository with a bare origin, served by the GitHub
 * emulator), the fake Messages API, the bundle spawned as the runner spawns it, and the numbers
 * read back from both servers' request logs.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { startGitHubEmulator, type GitHubEmulator } from '../../test/harness/github-emulator.js'
import { startAnthropicServer, type FakeAnthropic } from '../../test/harness/anthropic-server.js'
import type { TestRepo } from '../../test/harness/git.js'
import { pullRequestEvent } from '../../test/harness/events.js'
import { runnerEnv } from '../../test/harness/run-action.js'
export {
  editSource,
  npmSourceFiles,
  prRepo,
  repoPath,
  type NpmPr,
  npmPr,
} from '../../test/harness/npm-pr.js'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const OWNER = 'acme'
export const REPO = 'widgets'
export const TOKEN = 'ghs_benchToken0000000000000000000000000000'
export const API_KEY = 'sk-ant-api03-bench000000000000000000000000'

export interface Servers {
  emu: GitHubEmulator
  model: FakeAnthropic
  close(): Promise<void>
}

export async function startServers(repo: TestRepo): Promise<Servers> {
  const emu = await startGitHubEmulator({ tokens: { [TOKEN]: { login: 'github-actions[bot]' } } })
  emu.addRepo({ owner: OWNER, repo: REPO, gitDir: repo.origin })
  const model = await startAnthropicServer()
  return {
    emu,
    model,
    close: async () => {
      await emu.close()
      await model.close()
    },
  }
}

/** A loopback OTLP/HTTP collector that answers 200 to everything. */
export async function startCollector(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

/** The runner's environment for a `pull_request` review of PR `number`, with shipped settings. */
export function reviewEnv(o: {
  servers: Servers
  repo: TestRepo
  number: number
  baseSha: string
  headSha: string
  env?: Record<string, string>
}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-bench-'))
  const env = runnerEnv(
    {
      eventName: 'pull_request',
      payload: pullRequestEvent({
        owner: OWNER,
        repo: REPO,
        number: o.number,
        headRef: 'feature',
        headSha: o.headSha,
        baseSha: o.baseSha,
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: o.repo.work,
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': API_KEY },
      env: {
        GITHUB_API_URL: o.servers.emu.url,
        ANTHROPIC_BASE_URL: o.servers.model.url,
        GITHUB_SHA: o.headSha,
        ...o.env,
      },
    },
    dir,
  )
  // Shipped settings: the runner does not set the test knobs that shorten GitHub's spacing.
  delete env.PITCREW_GITHUB_WRITE_SPACING_MS
  delete env.PITCREW_GITHUB_RETRY_UNIT_MS
  delete env.PITCREW_ANTHROPIC_RETRY_BASE_MS
  return env
}

export function addPull(servers: Servers, number: number, baseSha: string, headSha: string): void {
  servers.emu.addPull({
    owner: OWNER,
    repo: REPO,
    number,
    base: { ref: 'main', sha: baseSha },
    head: { ref: 'feature', sha: headSha },
  })
}

/** Node binaries to measure on: this one (Node 20 in CI) and Node 24 when one is installed. */
export function nodeBinaries(): { label: string; path: string }[] {
  const out = [{ label: `node${process.versions.node.split('.')[0]}`, path: process.execPath }]
  const candidates = [
    process.env.PITCREW_NODE24,
    join(
      root,
      '.node24',
      'node_modules',
      `node-${process.platform}-${process.arch}`,
      'bin',
      'node',
    ),
  ]
  const n24 = candidates.find((p) => p && existsSync(p))
  if (n24 && n24 !== process.execPath) out.push({ label: 'node24', path: n24 })
  return out
}

/** Spawns the bundle as the runner does; resolves with the child once it is running. */
/** The bundle the benches run: PITCREW_BENCH_BUNDLE (another build, e.g. main's), or dist/. */
export function bundlePath(): string {
  return process.env.PITCREW_BENCH_BUNDLE ?? join(root, 'dist', 'index.js')
}

export function spawnBundle(
  node: string,
  env: Record<string, string>,
  cwd: string,
  nodeArgs: string[] = [],
) {
  // PITCREW_BENCH_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the runs.
  const extra = (process.env.PITCREW_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
  return spawn(node, [...extra, ...nodeArgs, bundlePath()], {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Median and spread of samples (nearest-rank percentiles). */
export function spread(samples: number[]): Record<string, number> {
  const s = [...samples].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!
  const r = (n: number) => Math.round(n * 10) / 10
  return {
    median: r(at(0.5)),
    min: r(s[0]!),
    p25: r(at(0.25)),
    p75: r(at(0.75)),
    max: r(s[s.length - 1]!),
  }
}

/** Wall time during which at least one of the intervals was open (overlaps counted once). */
export function busyTime(intervals: [number, number][]): number {
  const s = [...intervals].sort((a, b) => a[0] - b[0])
  let total = 0
  let end = -Infinity
  for (const [a, b] of s) {
    if (b <= end) continue
    total += b - Math.max(a, end)
    end = b
  }
  return total
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8')
}
