/**
 * runFix end to end: real fixture projects run by their real runners (vitest from this repo's
 * node_modules, pytest from Debian), real git with a bare origin, the GitHub emulator and the
 * scripted model on the loopback Anthropic server.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { startAnthropicServer, toolUse, type FakeAnthropic, type Step } from '../harness/anthropic-server.js'
import { createOctokit } from '../../src/github/octokit.js'
import { createAgentClient } from '../../src/agent/client.js'
import { Redactor } from '../../src/safety/redact.js'
import { memoryLog } from '../../src/log.js'
import { defaultRepoConfig } from '../../src/config/schema.js'
import type { RepoConfig, Settings } from '../../src/config/types.js'
import type { Route } from '../../src/config/router.js'
import type { TaskDeps } from '../../src/task.js'
import { runFix } from '../../src/fix/index.js'

const OWNER = 'acme'
const REPO = 'shop'
const API_KEY = 'sk-ant-api03-fix-e2e-key-0123456789abcdef'
const ROOT = resolve(import.meta.dirname, '../..')
const VITEST = `node ${join(ROOT, 'node_modules/vitest/vitest.mjs')} run`
const PYTEST = 'python3 -m pytest -q -p no:cacheprovider'

function fixtureFiles(name: string): Record<string, string> {
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

interface Env {
  repo: TestRepo
  emu: GitHubEmulator
  ai: FakeAnthropic
  pr: number
  headSha: string
  deps(over?: { route?: Partial<Route>; config?: (c: RepoConfig) => void; dryRun?: boolean; maxTurns?: number; command?: string }): TaskDeps & { log: ReturnType<typeof memoryLog> }
  cleanup(): Promise<void>
}

async function setup(fixture: string, command: string, opts: { fixFirst?: Record<string, string> } = {}): Promise<Env> {
  const files = fixtureFiles(fixture)
  const repo = await createTestRepo({ ...files, '.github/workflows/ci.yml': 'on: push\njobs: {}\n', ...opts.fixFirst })
  await repo.checkout('feature')
  await repo.commit({ 'README.md': '# shop\n' }, 'docs: readme')
  await repo.push('feature')
  await repo.git('push', 'origin', 'main')
  const headSha = (await repo.git('rev-parse', 'HEAD')).trim()
  const emu = await startGitHubEmulator()
  emu.addRepo({ owner: OWNER, repo: REPO, gitDir: repo.origin })
  emu.setPermission(OWNER, REPO, 'alice', 'write')
  const pr = emu.addPull({ owner: OWNER, repo: REPO, base: { ref: 'main' }, head: { ref: 'feature' }, title: 'Feature', user: 'alice' })
  const ai = await startAnthropicServer()
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
      const octokit = createOctokit({ token: 'test-token', apiUrl: emu.url, log, retries: 1, minRetryDelayMs: 2, writeSpacingMs: 0 } as Parameters<typeof createOctokit>[0])
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
        route: { mode: 'fix', reason: 'test', prNumber: pr, headRef: 'feature', headSha, workflowRunId: 777, isFork: false, ...over.route },
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
    },
  }
}

const fixPrice = toolUse('edit_file', { path: 'src/price.ts', old_text: 'price - price * percent', new_text: 'price - (price * percent) / 100' })
const finishFixed = toolUse('finish', {
  status: 'fixed',
  root_cause: 'src/price.ts applyDiscount multiplied by the percent as if it were a fraction.',
  summary: 'Divide the percent by 100.',
})
const giveUp = toolUse('finish', { status: 'gave_up', root_cause: 'The test expects a percentage.', summary: 'Could not fix within the rules.' })

const pulls = (env: Env) => [...env.emu.state.repos.get(`${OWNER}/${REPO}`)!.pulls.values()]
const comments = (env: Env) => env.emu.state.repos.get(`${OWNER}/${REPO}`)!.comments
const originBranches = (env: Env) =>
  execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads'], { cwd: env.repo.origin, encoding: 'utf8' })
    .trim()
    .split('\n')
/** tool_result blocks the model received, as text. */
const toolResults = (env: Env): { text: string; isError: boolean }[] =>
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

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

describe('runFix with vitest', () => {
  it('opens a verified draft PR into the failing branch, with a complete body, and links it on the PR; a rerun updates the same PR', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, toolUse('run_tests', { tests: ['test/price.spec.ts > applyDiscount > takes a percentage off'] }), toolUse('git_diff', {}), finishFixed)
    const deps = env.deps()
    const res = await runFix(deps)
    expect(res.outcome).toBe('fixed')
    expect(env.ai.pending()).toBe(0)
    // the model saw only the failure sections, with the source around the frame
    const first = JSON.stringify(env.ai.requests[0]!.body.messages[0])
    expect(first).toContain('test/price.spec.ts > applyDiscount > takes a percentage off')
    expect(first).toContain('expected 0 to be 180')
    expect(first).toContain('src/price.ts')
    const [pr, ...more] = pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))
    expect(more).toEqual([])
    expect(pr!.head.ref).toBe('pitcrew/fix-777')
    expect(pr!.base.ref).toBe('feature')
    expect(pr!.draft).toBe(true)
    expect(pr!.labels.map((l) => l.name)).toContain('pitcrew')
    const body = pr!.body ?? ''
    for (const part of ['### Failing tests before', 'test/price.spec.ts > applyDiscount > takes a percentage off', '### Root cause', 'multiplied by the percent', '### Change', 'src/price.ts', '### Evidence', 'failing tests re-run', 'full suite', '### Usage', 'GITHUB_TOKEN']) {
      expect(body).toContain(part)
    }
    // the commit on origin holds the fix, by pitcrew's identity, on top of the failing sha
    const log = execFileSync('git', ['log', '-1', '--format=%an|%P', 'pitcrew/fix-777'], { cwd: env.repo.origin, encoding: 'utf8' }).trim()
    expect(log).toBe(`${deps.settings.config.fix.commitName}|${env.headSha}`)
    expect(execFileSync('git', ['show', 'pitcrew/fix-777:src/price.ts'], { cwd: env.repo.origin, encoding: 'utf8' })).toContain('/ 100')
    const link = comments(env).filter((c) => c.issueNumber === env!.pr)
    expect(link).toHaveLength(1)
    expect(link[0]!.body).toContain(`#${pr!.number}`)
    expect(res.result.verification).toMatchObject({ ok: true })
    expect(JSON.stringify(env.emu.requests)).not.toContain(API_KEY)

    // rerun for the same run id: the same branch is force-pushed, the same PR updated
    env.ai.queue(fixPrice, finishFixed)
    const again = await runFix(env.deps())
    expect(again.outcome).toBe('fixed')
    expect(again.result.pr).toMatchObject({ number: pr!.number, created: false })
    expect(pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))).toHaveLength(1)
    expect(comments(env).filter((c) => c.issueNumber === env!.pr)).toHaveLength(1)
  })

  it('refuses an edit of the failing test: nothing is pushed', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(toolUse('edit_file', { path: 'test/price.spec.ts', old_text: 'toBe(180)', new_text: 'toBe(0)' }), finishFixed, giveUp)
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('not-fixed')
    const results = toolResults(env)
    expect(results[0]).toMatchObject({ isError: true })
    expect(results[0]!.text).toMatch(/test file/)
    expect(results[1]!.text).toMatch(/diff is empty/)
    expect(readFileSync(join(env.repo.work, 'test/price.spec.ts'), 'utf8')).toContain('toBe(180)')
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(pulls(env)).toHaveLength(1)
    expect(comments(env).at(-1)!.body).toContain('could not fix')
  })

  it('refuses an edit under .github/, and the same change made behind its back by the final diff check', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(toolUse('edit_file', { path: '.github/workflows/ci.yml', old_text: 'jobs: {}', new_text: 'jobs: { skip: {} }' }), fixPrice)
    const repo = env.repo
    // the change reaches the tree by another route: it must still be refused by the diff check
    env.ai.onRequest((_body, index): Step => {
      if (index === 2) {
        execFileSync('bash', ['-c', 'echo "# sneaky" >> .github/workflows/ci.yml'], { cwd: repo.work })
        return finishFixed
      }
      return giveUp
    })
    const res = await runFix(env.deps())
    expect(res.outcome).toBe('not-fixed')
    const results = toolResults(env)
    expect(results[0]!.text).toMatch(/protected path/)
    expect(results.some((r) => r.isError && /'\.github\/workflows\/ci\.yml': it is a protected path/.test(r.text))).toBe(true)
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    // the workspace is put back
    expect(readFileSync(join(env.repo.work, 'src/price.ts'), 'utf8')).toContain('price - price * percent')
  })

  it('rejects a fix that passes the failing test but breaks another, and the model gets the reason', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(
      toolUse('edit_file', { path: 'src/price.ts', old_text: 'price - price * percent', new_text: 'price * 0.9' }),
      finishFixed,
      toolUse('edit_file', { path: 'src/price.ts', old_text: 'price * 0.9', new_text: 'price - (price * percent) / 100' }),
      finishFixed,
    )
    const res = await runFix(env.deps())
    const rejection = toolResults(env).find((r) => r.isError && /breaks tests that passed before/.test(r.text))
    expect(rejection?.text).toContain('test/cart.spec.ts > cartTotal > sums the lines without a discount')
    expect(res.outcome).toBe('fixed')
    expect(execFileSync('git', ['show', 'pitcrew/fix-777:src/price.ts'], { cwd: env.repo.origin, encoding: 'utf8' })).not.toContain('0.9')
  })

  it('stops a looping model and pushes nothing', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.onRequest(() => toolUse('read_file', { path: 'src/price.ts' }))
    const res = await runFix(env.deps({ maxTurns: 10 }))
    expect(res.outcome).toBe('not-fixed')
    expect(res.stopReason).toBe('loop_detected')
    expect(env.ai.requests.length).toBeLessThan(10)
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  })

  it('reports the work done when the budget runs out, and pushes nothing', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, toolUse('run_tests', {}), toolUse('read_file', { path: 'src/cart.ts' }))
    const res = await runFix(env.deps({ maxTurns: 2 }))
    expect(res.outcome).toBe('not-fixed')
    expect(res.stopReason).toBe('max_turns')
    expect(res.summary).toContain('could not fix')
    expect(res.summary).toContain('Last attempted change')
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(readFileSync(join(env.repo.work, 'src/price.ts'), 'utf8')).toContain('price - price * percent')
  })

  it('comments the verified patch on a fork PR instead of pushing', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    const res = await runFix(env.deps({ route: { isFork: true } }))
    expect(res.outcome).toBe('fixed')
    expect(res.result.delivery).toBe('patch-comment')
    const c = comments(env).filter((x) => x.issueNumber === env!.pr)
    expect(c).toHaveLength(1)
    expect(c[0]!.body).toContain('```diff')
    expect(c[0]!.body).toContain('+  return price - (price * percent) / 100')
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  })

  it('stops with a notice when the tests pass on reproduction', async () => {
    env = await setup('fix-ts-vitest', VITEST, {
      fixFirst: { 'src/price.ts': 'export function applyDiscount(price: number, percent: number): number {\n  return price - (price * percent) / 100\n}\n' },
    })
    const deps = env.deps()
    const res = await runFix(deps)
    expect(res.outcome).toBe('skipped')
    expect(res.summary).toMatch(/tests pass/)
    expect(deps.log.lines.some((l) => l.startsWith('notice:') && /tests pass/.test(l))).toBe(true)
    expect(env.ai.requests).toHaveLength(0)
  })

  it('does nothing on its own branches, and stops after max-attempts-per-pr', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    const own = await runFix(env.deps({ route: { headRef: 'pitcrew/fix-1' } }))
    expect(own.outcome).toBe('skipped')
    for (const n of [1, 2]) {
      await env.repo.git('push', 'origin', `feature:refs/heads/pitcrew/fix-${n}`)
      env.emu.addPull({ owner: OWNER, repo: REPO, base: { ref: 'feature' }, head: { ref: `pitcrew/fix-${n}` }, state: n === 1 ? 'closed' : 'open' })
    }
    const capped = await runFix(env.deps({ config: (c) => (c.fix.maxAttemptsPerPr = 2) }))
    expect(capped.outcome).toBe('skipped')
    expect(capped.summary).toMatch(/max-attempts-per-pr is 2/)
    expect(env.ai.requests).toHaveLength(0)
  })

  it('deletes the pushed branch when the PR cannot be created (no orphan branch)', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    env.emu.fault({ method: 'POST', path: /\/repos\/acme\/shop\/pulls$/, status: 500, times: 10 })
    await expect(runFix(env.deps())).rejects.toThrow(/Could not open the fix-up pull request/)
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  })

  it('dry run: verifies, writes nothing, reports the diff', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    const before = env.emu.requests.length
    const res = await runFix(env.deps({ dryRun: true }))
    expect(res.outcome).toBe('fixed')
    expect(res.result.delivery).toBe('dry-run')
    expect(String(res.result.diff)).toContain('/ 100')
    expect(env.emu.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([])
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  })
})

describe('runFix with pytest', () => {
  it('fixes a real pytest failure found from a workflow run without a PR', async () => {
    env = await setup('fix-py-pytest', PYTEST)
    env.ai.queue(
      toolUse('edit_file', { path: 'calc/stats.py', old_text: '(len(values) - 1)', new_text: 'len(values)' }),
      toolUse('run_tests', { tests: ['tests/test_stats.py::test_mean'] }),
      toolUse('finish', { status: 'fixed', root_cause: 'calc/stats.py mean divided by n - 1.', summary: 'Divide by n.' }),
    )
    const res = await runFix(env.deps({ route: { prNumber: undefined } }))
    expect(res.outcome).toBe('fixed')
    expect(res.result.failingBefore).toEqual(['tests/test_stats.py::test_mean'])
    const steps = (res.result.verification as { steps: { command: string; ok: boolean }[] }).steps
    expect(steps.map((s) => s.command)).toEqual([`${PYTEST} tests/test_stats.py::test_mean`, PYTEST])
    const runResult = toolResults(env)[1]!.text
    expect(runResult).toContain('Exit code: 0')
    expect(pulls(env).filter((p) => p.head.ref === 'pitcrew/fix-777')).toHaveLength(1)
    expect(comments(env)).toHaveLength(0)
  })
})
