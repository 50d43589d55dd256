/**
 * Shared setup of the runFix end-to-end tests: real fixture projects run by their real runners (vitest from this repo's
 * node_modules, pytest from Debian), real git with a bare origin, the GitHub emulator and the
 * scripted model on the loopback Anthropic server.
 */
import { mkdtempSync, rmSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import { createOctokit } from '../../src/github/octokit.js'
import { createAgentClient } from '../../src/agent/client.js'
import { Redactor } from '../../src/safety/redact.js'
import { memoryLog } from '../../src/log.js'
import { defaultRepoConfig } from '../../src/config/schema.js'
import type { RepoConfig, Settings } from '../../src/config/types.js'
import type { Route } from '../../src/config/router.js'
import type { TaskDeps } from '../../src/task.js'
import { workflowRunEvent } from '../harness/events.js'
import { runAction, type ActionRun, type CancelPlan } from '../harness/run-action.js'

export const OWNER = 'acme'
export const REPO = 'shop'
export const API_KEY = 'sk-ant-api03-fix-e2e-key-0123456789abcdef'
export const ROOT = resolve(import.meta.dirname, '../..')
export const VITEST = `node ${join(ROOT, 'node_modules/vitest/vitest.mjs')} run`
export const PYTEST = 'python3 -m pytest -q -p no:cacheprovider'

export function fixtureFiles(name: string): Record<string, string> {
  const dir = join(ROOT, 'test/fixtures', name)
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const abs = join(d, e)
      if (['node_modules', '__pycache__', '.pytest_cache', '.benchmarks'].includes(e)) continue
      if (statSync(abs).isDirectory()) walk(abs)
      else out[relative(dir, abs)] = readFileSync(abs, 'utf8')
    }
  }
  walk(dir)
  return out
}

export interface Env {
  repo: TestRepo
  emu: GitHubEmulator
  ai: FakeAnthropic
  pr: number
  headSha: string
  deps(over?: {
    route?: Partial<Route>
    config?: (c: RepoConfig) => void
    dryRun?: boolean
    maxTurns?: number
    command?: string
  }): TaskDeps & { log: ReturnType<typeof memoryLog> }
  cleanup(): Promise<void>
}

export async function setup(
  fixture: string,
  command: string,
  opts: { fixFirst?: Record<string, string> } = {},
): Promise<Env> {
  const files = fixtureFiles(fixture)
  const repo = await createTestRepo({
    ...files,
    '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    ...opts.fixFirst,
  })
  await repo.checkout('feature')
  await repo.commit({ 'README.md': '# shop\n' }, 'docs: readme')
  await repo.push('feature')
  await repo.git('push', 'origin', 'main')
  const headSha = (await repo.git('rev-parse', 'HEAD')).trim()
  const emu = await startGitHubEmulator()
  emu.addRepo({ owner: OWNER, repo: REPO, gitDir: repo.origin })
  emu.setPermission(OWNER, REPO, 'alice', 'write')
  const pr = emu.addPull({
    owner: OWNER,
    repo: REPO,
    base: { ref: 'main' },
    head: { ref: 'feature' },
    title: 'Feature',
    user: 'alice',
  })
  const ai = await startAnthropicServer()
  const temps: string[] = []
  return {
    repo,
    emu,
    ai,
    pr,
    headSha,
    deps(over = {}) {
      const log = memoryLog()
      const redactor = new Redactor([API_KEY])
      const config = defaultRepoConfig()
      config.fix.testCommand = over.command ?? command
      config.fix.testTimeoutMinutes = 2
      over.config?.(config)
      const settings: Settings = {
        inputs: {
          mode: 'fix',
          model: 'claude-sonnet-4-6',
          smallModel: 'claude-haiku-4-5',
          maxTurns: over.maxTurns ?? 12,
          maxCostUsd: 5,
          timeoutMinutes: 3,
          configFile: '.github/pitcrew.yml',
          dryRun: over.dryRun ?? false,
          allowedBots: [],
          githubToken: 'test-token',
          anthropicApiKey: API_KEY,
        },
        config,
      }
      const runnerTemp = mkdtempSync(join(tmpdir(), 'pitcrew-fix-e2e-'))
      temps.push(runnerTemp)
      const octokit = createOctokit({
        token: 'test-token',
        apiUrl: emu.url,
        log,
        retries: 1,
        minRetryDelayMs: 2,
        writeSpacingMs: 0,
      } as Parameters<typeof createOctokit>[0])
      let client: ReturnType<typeof createAgentClient> | null = null
      return {
        settings,
        ctx: {
          eventName: 'workflow_run',
          payload: {},
          owner: OWNER,
          repo: REPO,
          workspace: repo.work,
          sha: headSha,
          ref: 'refs/heads/feature',
          runId: '4242',
          actor: 'alice',
          apiUrl: emu.url,
          graphqlUrl: `${emu.url}/graphql`,
          serverUrl: 'https://github.com',
          runnerTemp,
        },
        route: {
          mode: 'fix',
          reason: 'test',
          prNumber: pr,
          headRef: 'feature',
          headSha,
          workflowRunId: 777,
          isFork: false,
          ...over.route,
        },
        log,
        redactor,
        octokit,
        agentClient: () =>
          (client ??= createAgentClient({
            apiKey: API_KEY,
            baseUrl: ai.url,
            log,
            redactor,
            transcriptPath: join(runnerTemp, 'transcript.jsonl'),
            run: { maxCostUsd: 10, deadline: Date.now() + 120_000 },
            retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10, requestTimeoutMs: 30_000 },
          })),
        transcriptPath: join(runnerTemp, 'transcript.jsonl'),
        env: {},
      }
    },
    async cleanup() {
      await emu.close()
      await ai.close()
      await repo.cleanup()
      for (const t of temps) rmSync(t, { recursive: true, force: true })
    },
  }
}

export const fixPrice = toolUse('edit_file', {
  path: 'src/price.ts',
  old_text: 'price - price * percent',
  new_text: 'price - (price * percent) / 100',
})
export const finishFixed = toolUse('finish', {
  status: 'fixed',
  root_cause: 'src/price.ts applyDiscount multiplied by the percent as if it were a fraction.',
  summary: 'Divide the percent by 100.',
})
export const giveUp = toolUse('finish', {
  status: 'gave_up',
  root_cause: 'The test expects a percentage.',
  summary: 'Could not fix within the rules.',
})

export const pulls = (env: Env) => [...env.emu.state.repos.get(`${OWNER}/${REPO}`)!.pulls.values()]
export const comments = (env: Env) => env.emu.state.repos.get(`${OWNER}/${REPO}`)!.comments
export const originBranches = (env: Env) =>
  execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads'], {
    cwd: env.repo.origin,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
/** tool_result blocks the model received, as text. */
export const toolResults = (env: Env): { text: string; isError: boolean }[] =>
  env.ai.requests.flatMap((r) =>
    (r.body.messages as { role: string; content: unknown }[])
      .slice(-1)
      .flatMap((m) => (Array.isArray(m.content) ? m.content : []))
      .filter((b: { type?: string }) => b.type === 'tool_result')
      .map((b: { content: unknown; is_error?: boolean }) => ({
        text: typeof b.content === 'string' ? b.content : JSON.stringify(b.content),
        isError: b.is_error === true,
      })),
  )

/**
 * Runs the action as the runner does (`node dist/index.js`, spawned) for a failed `workflow_run`
 * of the fixture's `feature` branch, whose PR is `env.pr`: the one way the bundle tests of fix
 * mode start it. `runId` names the failing run (the fix branch is `pitcrew/fix-<runId>`).
 */
export function runFixBundle(
  env: Env,
  o: {
    command: string
    runId?: number
    env?: Record<string, string>
    cancel?: CancelPlan
    timeoutMs?: number
  },
): Promise<ActionRun> {
  return runAction({
    spawn: true,
    timeoutMs: o.timeoutMs ?? 240_000,
    eventName: 'workflow_run',
    payload: workflowRunEvent({
      owner: OWNER,
      repo: REPO,
      runId: o.runId ?? 777,
      headBranch: 'feature',
      headSha: env.headSha,
      actor: 'alice',
      pullRequests: [{ number: env.pr, headRef: 'feature', headSha: env.headSha, baseRef: 'main' }],
    }),
    repository: `${OWNER}/${REPO}`,
    workspace: env.repo.work,
    inputs: {
      'github-token': 'test-token',
      'anthropic-api-key': API_KEY,
      'test-command': o.command,
    },
    env: {
      GITHUB_API_URL: env.emu.url,
      ANTHROPIC_BASE_URL: env.ai.url,
      PITCREW_GITHUB_WRITE_SPACING_MS: '0',
      PITCREW_GITHUB_RETRY_UNIT_MS: '1',
      ...o.env,
    },
    ...(o.cancel ? { cancel: o.cancel } : {}),
  })
}
