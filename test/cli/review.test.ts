/**
 * `pitcrew review` as a subprocess against a real git repository and the loopback Anthropic
 * server: findings printed as path:line, nothing sent to GitHub, --dry-run without a key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { API_KEY, cleanEnv, pitcrew } from './helpers.js'

const base =
  Array.from({ length: 20 }, (_, i) => `export const v${i + 1} = ${i + 1}`).join('\n') + '\n'
const divTs = [
  'export function ratio(a: number, b: number): number {',
  '  return a / b',
  '}',
  '',
].join('\n')

let repo: TestRepo
let ai: FakeAnthropic
let gh: GitHubEmulator
beforeAll(async () => {
  repo = await createTestRepo({ 'src/calc.ts': base, 'README.md': '# calc\n' })
  await repo.checkout('feature')
  await repo.commit(
    { 'src/ratio.ts': divTs, 'src/calc.ts': base.replace('v5 = 5', 'v5 = 50') },
    'add ratio',
  )
  ai = await startAnthropicServer()
  gh = await startGitHubEmulator()
})
afterAll(async () => {
  await ai?.close()
  await gh?.close()
  await repo?.cleanup()
})

const finding = {
  path: 'src/ratio.ts',
  line: 2,
  severity: 'major',
  title: 'Division by zero when b is 0',
  body: 'ratio(1, 0) returns Infinity; callers expect a finite number.',
  suggestion: '  return b === 0 ? 0 : a / b',
}

describe('pitcrew review', () => {
  it('prints each finding as path:line severity title with body, suggestion and coverage, and posts nothing', async () => {
    ai.queue(toolUse('submit_review', { summary: 'One problem.', findings: [finding] }))
    const before = ai.requests.length
    const env = cleanEnv({
      ANTHROPIC_API_KEY: API_KEY,
      ANTHROPIC_BASE_URL: ai.url,
      // A token and an API URL in the environment must not make the CLI talk to GitHub.
      GITHUB_TOKEN: 'ghp_cliTestToken0123456789abcdefghijklmn',
      GITHUB_API_URL: gh.url,
    })
    const r = await pitcrew(['review', '--fail-on', 'major'], { cwd: repo.work, env })
    expect(r.stderr).not.toContain('Error')
    // The default base is main; the model saw the branch's diff.
    expect(ai.requests.length - before).toBe(1)
    const prompt = JSON.stringify(ai.requests.at(-1)!.body.messages[0])
    expect(prompt).toContain('+  return a / b')
    expect(prompt).toContain("Local branch 'feature' against 'main'")
    expect(r.stdout).toContain("Review of 'feature'")
    expect(r.stdout).toContain('src/ratio.ts:2 major Division by zero when b is 0')
    expect(r.stdout).toContain('    ratio(1, 0) returns Infinity')
    expect(r.stdout).toMatch(
      /suggestion \(replaces line 2\):\n\s+\| {3}return b === 0 \? 0 : a \/ b/,
    )
    expect(r.stdout).toContain('Coverage: 2/2 reviewable files')
    expect(r.stdout).toContain('Usage:')
    // --fail-on major with a major finding: exit 1
    expect(r.code).toBe(1)
    expect(gh.requests).toEqual([])
    expect(r.stdout + r.stderr).not.toContain(API_KEY)
  })

  it('exits 0 with findings below --fail-on, and --json returns the findings', async () => {
    ai.queue(
      toolUse('submit_review', { summary: 'Nit.', findings: [{ ...finding, severity: 'minor' }] }),
    )
    const env = cleanEnv({ ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: ai.url })
    const r = await pitcrew(['review', '--base', 'main', '--fail-on', 'major', '--json'], {
      cwd: repo.work,
      env,
    })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({
      command: 'review',
      exitCode: 0,
      base: { ref: 'main' },
      head: { ref: 'feature' },
      findings: [{ path: 'src/ratio.ts', line: 2, severity: 'minor', placement: 'inline' }],
      coverage: { filesShown: 2 },
    })
  })

  it('--dry-run needs no key, calls no model and prints files, tokens and the estimated cost', async () => {
    const before = ai.requests.length
    const env = cleanEnv({ ANTHROPIC_BASE_URL: ai.url })
    const r = await pitcrew(['review', '--dry-run'], { cwd: repo.work, env })
    expect(r.code).toBe(0)
    expect(ai.requests.length).toBe(before)
    expect(r.stdout).toContain('Dry run: the model was not called')
    expect(r.stdout).toMatch(/review 1\/1: claude-sonnet-4-6, ~\d+ input tokens/)
    expect(r.stdout).toMatch(/files: (src\/ratio\.ts, src\/calc\.ts|src\/calc\.ts, src\/ratio\.ts)/)
    expect(r.stdout).toMatch(/Estimated cost of the first call: \$0\.\d{4}/)
    expect(r.stdout).toContain('--max-cost-usd $2.00')
  })

  it('without a key (and without --dry-run) is a usage error, exit 2; an unknown base too', async () => {
    const noKey = await pitcrew(['review'], { cwd: repo.work, env: cleanEnv() })
    expect(noKey.code).toBe(2)
    expect(noKey.stderr).toContain('ANTHROPIC_API_KEY is not set')
    const badBase = await pitcrew(['review', '--dry-run', '--base', 'nope'], {
      cwd: repo.work,
      env: cleanEnv(),
    })
    expect(badBase.code).toBe(2)
    expect(badBase.stderr).toContain("Unknown --base 'nope'")
    const badFlag = await pitcrew(['review', '--max-turns', 'lots', '--dry-run'], {
      cwd: repo.work,
      env: cleanEnv(),
    })
    expect(badFlag.code).toBe(2)
    expect(badFlag.stderr).toContain("Invalid --max-turns value 'lots'")
  })

  it('a model API that keeps failing is a runtime error, exit 3', async () => {
    ai.onRequest(() => ({ fault: 'server_error' }))
    try {
      const env = cleanEnv({
        ANTHROPIC_API_KEY: API_KEY,
        ANTHROPIC_BASE_URL: ai.url,
        PITCREW_ANTHROPIC_RETRY_BASE_MS: '1',
      })
      const r = await pitcrew(['review', '--max-turns', '2'], { cwd: repo.work, env })
      expect(r.code).toBe(3)
      expect(r.stdout).toContain('Note:')
    } finally {
      ai.onRequest(() => ({ text: 'unexpected request' }))
    }
  })

  it('the built bin (bin/pitcrew.js -> the action bundle dist/index.js) runs review --dry-run', async () => {
    const r = await pitcrew(['review', '--dry-run', '--json'], {
      cwd: repo.work,
      env: cleanEnv(),
      built: true,
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.requests[0].tokens.system).toBeGreaterThan(100) // the prompt came from dist/prompts
    expect(
      execFileSync('git', ['status', '--porcelain'], { cwd: repo.work, encoding: 'utf8' }),
    ).toBe('')
  })
})
