/**
 * A pull request of more files than GitHub lists (3000): the file list comes back cut, so the
 * review must read the diff with git against the merge base and still show every file to the
 * model, and anchor comments on files the API never listed.
 */
import { describe, it, expect } from 'vitest'
import { runReview } from '../../src/review/index.js'
import { MAX_PULL_FILES } from '../../src/github/pulls.js'
import { createOctokit } from '../../src/github/octokit.js'
import { memoryLog } from '../../src/log.js'
import {
  OWNER,
  REPO,
  failedWrites,
  promptOf,
  repoState,
  setupEnv,
  submitWith,
  teardown,
} from './env.js'

describe('runReview on a PR with more than 3000 files', () => {
  it('falls back to git diff and shows every file of the PR to the model', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < MAX_PULL_FILES; i++) {
      files[`many/f${String(i).padStart(4, '0')}.ts`] = `export const v${i} = ${i}\n`
    }
    // Sorts after every `many/` file: the one file GitHub's list leaves out.
    files['zz/last.ts'] = 'export const last = eval(input)\n'
    const env = await setupEnv({ branchFiles: files })
    try {
      submitWith(env, (prompt) =>
        prompt.includes('### zz/last.ts')
          ? [{ path: 'zz/last.ts', line: 1, severity: 'critical', title: 'eval', body: 'No.' }]
          : [],
      )
      const res = await runReview(await env.deps())
      expect(res.result.source).toBe('git')
      expect(res.summary).toContain('GitHub lists at most 3000 files')
      const coverage = res.result.coverage as Record<string, number>
      expect(coverage.filesTotal).toBe(MAX_PULL_FILES + 1)
      expect(coverage.filesShown).toBe(MAX_PULL_FILES + 1)
      expect(coverage.changedLinesShown).toBe(coverage.changedLinesReviewable)
      // Every file's diff reached the model, in one of the (several) calls.
      const prompts = env.ai.requests.map((r) => promptOf(r.body)).join('\n')
      for (const path of Object.keys(files)) expect(prompts).toContain(`### ${path}`)
      expect(res.result.calls).toBeGreaterThan(1)
      // The finding on the file past GitHub's list lands inline, accepted by the emulator.
      expect(failedWrites(env)).toEqual([])
      const r = repoState(env)
      expect(r.reviewComments.map((c) => c.path)).toEqual(['zz/last.ts'])
    } finally {
      await teardown(env)
    }
    // 3001 files through git and the emulator: about a minute on a loaded 2-core machine.
  }, 180_000)
})

describe('runReview when GitHub sends a file without its patch', () => {
  it('reads that file from git diff and reviews it with the rest', async () => {
    const env = await setupEnv()
    try {
      // GitHub leaves `patch` out for files whose diff is too large to show: serve the real
      // list with calc.ts stripped of its patch.
      const octokit = createOctokit({ token: 'test-token', apiUrl: env.emu.url, log: memoryLog() })
      const { data } = await octokit.rest.pulls.listFiles({
        owner: OWNER,
        repo: REPO,
        pull_number: env.number,
      })
      const stripped = data.map((f) => {
        if (f.filename !== 'src/calc.ts') return f
        const { patch: _patch, ...rest } = f
        return rest
      })
      env.emu.fault({ method: 'GET', path: /\/pulls\/\d+\/files$/, status: 200, body: stripped })
      submitWith(env, () => [
        { path: 'src/calc.ts', line: 11, severity: 'major', title: 'Naming', body: 'v10b?' },
      ])
      const res = await runReview(await env.deps())
      expect(res.result.source).toBe('api+git')
      expect(promptOf(env.ai.requests[0]!.body)).toContain('+export const v10b = 101')
      expect(failedWrites(env)).toEqual([])
      expect(repoState(env).reviewComments.map((c) => [c.path, c.line])).toEqual([
        ['src/calc.ts', 11],
      ])
    } finally {
      await teardown(env)
    }
  })
})

describe('runReview on a 5 MB single-file diff', () => {
  it('shows the file as far as max-cost-usd affords, names the rest, and no API call fails', async () => {
    const big = Array.from({ length: 100_000 }, (_, i) => `row ${i} ${'x'.repeat(40)}`).join('\n')
    const env = await setupEnv({
      branchFiles: { 'data/big.txt': `${big}\n`, 'src/new.ts': 'export const y = 2\n' },
    })
    try {
      submitWith(env, () => [
        { path: 'src/new.ts', line: 1, severity: 'minor', title: 'Name', body: 'y?' },
      ])
      const deps = await env.deps()
      // A ceiling that affords a few calls, not the whole 1.3M-token diff.
      deps.settings.inputs.maxCostUsd = 0.5
      const res = await runReview(deps)
      expect(failedWrites(env)).toEqual([])
      const skipped = res.result.skippedFiles as { path: string; reason: string }[]
      expect(skipped.map((s) => s.path)).toEqual(['data/big.txt'])
      expect(skipped[0]!.reason).toMatch(
        /^changed lines from line \d+ on \(\d+ of 100000\) not shown: the cost ceiling max-cost-usd \$0\.50 affords \d model calls/,
      )
      expect(res.result.calls).toBeGreaterThan(1)
      const prompts = env.ai.requests.map((r) => promptOf(r.body)).join('\n')
      expect(prompts).toContain('row 0 ')
      expect(prompts).not.toContain('row 99999')
      const r = repoState(env)
      expect(r.reviewComments.map((c) => c.path)).toEqual(['src/new.ts'])
      const sticky = r.comments.find((c) => c.body.includes('pitcrew:summary'))!.body
      expect(sticky).toMatch(/`data\/big.txt`: changed lines from line \d+ on/)
    } finally {
      await teardown(env)
    }
  }, 60_000)
})
