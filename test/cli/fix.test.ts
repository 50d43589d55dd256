/**
 * `pitcrew fix` as a subprocess on the vitest fixture (real git, real vitest, the loopback
 * Anthropic server): the fix lands in the working tree with its diff and evidence printed, no
 * commit unless --commit (then a local branch, never pushed), a dirty tree is refused, and
 * --dry-run shows the request without a key.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { startAnthropicServer, type FakeAnthropic } from '../harness/anthropic-server.js'
import { finishFixed, fixPrice, fixtureFiles, giveUp, VITEST } from '../fix/setup.js'
import { API_KEY, cleanEnv, pitcrew } from './helpers.js'

let repo: TestRepo | undefined
let ai: FakeAnthropic | undefined
afterEach(async () => {
  await ai?.close()
  await repo?.cleanup()
  ai = repo = undefined
})

async function setup(): Promise<{ repo: TestRepo; ai: FakeAnthropic; env: NodeJS.ProcessEnv }> {
  repo = await createTestRepo(fixtureFiles('fix-ts-vitest'))
  await repo.checkout('feature')
  await repo.commit({ 'README.md': '# shop\n' }, 'docs: readme')
  ai = await startAnthropicServer()
  return {
    repo,
    ai,
    env: cleanEnv({ ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: ai.url }),
  }
}

const git = (r: TestRepo, ...args: string[]) => r.git(...args).then((s) => s.trim())

describe('pitcrew fix', () => {
  it('fixes in the working tree and prints the diff and the evidence; no commit; a dirty tree is then refused; --commit commits on a local branch, no push', async () => {
    const { repo, ai, env } = await setup()
    const head = await git(repo, 'rev-parse', 'HEAD')
    ai.queue(fixPrice, finishFixed)
    const r = await pitcrew(['fix', '--test-command', VITEST], { cwd: repo.work, env })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Fixed and verified.')
    expect(r.stdout).toContain('test/price.spec.ts > applyDiscount > takes a percentage off')
    expect(r.stdout).toContain('Root cause: src/price.ts applyDiscount multiplied')
    expect(r.stdout).toContain('+  return price - (price * percent) / 100')
    expect(r.stdout).toMatch(/Evidence:\n {2}✓ failing tests re-run: .* exit 0/)
    expect(r.stdout).toMatch(/✓ full suite: .*no new failure/)
    expect(r.stdout).toContain('The fix is in the working tree, not committed')
    // In the working tree, uncommitted; no new commit, no new branch.
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=no')).toBe('M src/price.ts')
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(head)
    expect(await git(repo, 'branch', '--list', 'pitcrew/*')).toBe('')

    // The fix left the tree dirty: running again would revert the user's edits on failure.
    const dirty = await pitcrew(['fix', '--test-command', VITEST, '--commit'], {
      cwd: repo.work,
      env,
    })
    expect(dirty.code).toBe(2)
    expect(dirty.stderr).toContain("uncommitted changes ('src/price.ts')")

    await git(repo, 'checkout', '--', '.')
    ai.queue(fixPrice, finishFixed)
    const c = await pitcrew(['fix', '--test-command', VITEST, '--commit', '--json'], {
      cwd: repo.work,
      env,
    })
    expect(c.code).toBe(0)
    const out = JSON.parse(c.stdout)
    expect(out).toMatchObject({ command: 'fix', outcome: 'fixed', exitCode: 0 })
    expect(out.result.delivery).toBe('local-commit')
    const branch = out.result.branch as string
    expect(branch).toMatch(/^pitcrew\/fix-local-\d{8}-\d{6}$/)
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(out.result.commit)
    expect(await git(repo, 'rev-parse', 'HEAD^')).toBe(head)
    expect(await git(repo, 'symbolic-ref', '--short', 'HEAD')).toBe(branch)
    expect(await git(repo, 'show', 'HEAD:src/price.ts')).toContain('/ 100')
    // Never pushed.
    expect(await git(repo, 'ls-remote', '--heads', 'origin')).not.toContain('pitcrew/')
    expect(c.stdout + c.stderr).not.toContain(API_KEY)
  })

  it('a fix the model gives up on: exit 1, nothing left in the working tree', async () => {
    const { repo, ai, env } = await setup()
    ai.queue(fixPrice, giveUp)
    const r = await pitcrew(['fix', '--test-command', VITEST], { cwd: repo.work, env })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Not fixed.')
    expect(r.stdout).toContain('Diagnosis: The test expects a percentage.')
    expect(r.stdout).toContain('Last attempted change (reverted)')
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=no')).toBe('')
  })

  it('--dry-run reproduces, then shows the request without a key and without calling the model', async () => {
    const { repo, ai } = await setup()
    const r = await pitcrew(['fix', '--test-command', VITEST, '--dry-run'], {
      cwd: repo.work,
      env: cleanEnv({ ANTHROPIC_BASE_URL: ai.url }),
    })
    expect(r.code).toBe(0)
    expect(ai.requests).toHaveLength(0)
    expect(r.stdout).toContain('Failing tests (reproduced):')
    expect(r.stdout).toContain('test/price.spec.ts > applyDiscount > takes a percentage off')
    expect(r.stdout).toMatch(
      /1\. fix: claude-sonnet-4-6, ~\d+ input tokens .*edit_file, run_tests, git_diff, finish/,
    )
    expect(r.stdout).toMatch(/Estimated cost of the first call: \$0\.\d+/)
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=no')).toBe('')
  })
})
