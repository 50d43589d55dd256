/**
 * runReview end to end: real git repositories, the GitHub emulator (which answers 422 for any
 * comment outside the diff, exactly as GitHub does) and the fake Anthropic server.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { runReview } from '../../src/review/index.js'
import { parseState, SUMMARY_MARKER } from '../../src/review/summary.js'
import {
  type Env,
  failedWrites,
  newTs,
  promptOf,
  repoState,
  setupEnv,
  submitWith,
  teardown,
  writesOf,
} from './env.js'

describe('runReview end to end', () => {
  let env: Env
  beforeAll(async () => {
    env = await setupEnv()
  })
  afterAll(async () => teardown(env))

  it('posts one review whose inline comments GitHub accepts, with fingerprints and a sticky summary', async () => {
    submitWith(env, () => [
      {
        path: 'src/new.ts',
        line: 2,
        severity: 'major',
        title: 'Overflow not handled',
        body: 'Check the range.',
        suggestion: '  return Math.min(a + b, Number.MAX_SAFE_INTEGER)',
      },
      {
        path: 'src/calc.ts',
        line: 30,
        side: 'LEFT',
        severity: 'minor',
        title: 'Removed export still used',
        body: 'v30 is imported elsewhere.',
      },
      {
        path: 'src/calc.ts',
        start_line: 10,
        line: 11,
        severity: 'minor',
        title: 'Naming',
        body: 'v10b is unclear.',
      },
    ])
    const res = await runReview(await env.deps())
    expect(res.outcome).toBe('reviewed')
    expect(failedWrites(env)).toEqual([])
    const r = repoState(env)
    expect(r.reviews).toHaveLength(1)
    expect(r.reviews[0]!.state).toBe('COMMENTED')
    expect(r.reviewComments).toHaveLength(3)
    for (const c of r.reviewComments) expect(c.body).toMatch(/<!-- pitcrew:fp:[0-9a-f]{16} -->/)
    const sug = r.reviewComments.find((c) => c.path === 'src/new.ts')!
    expect(sug.body).toContain(
      '```suggestion\n  return Math.min(a + b, Number.MAX_SAFE_INTEGER)\n```',
    )
    expect(r.reviewComments.find((c) => c.side === 'LEFT')?.line).toBe(30)
    expect(r.reviewComments.find((c) => c.startLine === 10)?.line).toBe(11)
    const sticky = r.comments.filter((c) => c.body.includes(SUMMARY_MARKER))
    expect(sticky).toHaveLength(1)
    const state = parseState(sticky[0]!.body)!
    expect(state.headSha).toBe(res.result.headSha)
    expect(state.fingerprints).toHaveLength(3)
    // The PR body is fenced as untrusted data and its hidden comment is gone.
    const prompt = promptOf(env.ai.requests[0]!.body)
    expect(prompt).toContain('untrusted data')
    expect(prompt).not.toContain('ignore previous instructions')
    expect(prompt).toContain('+export const v10b = 101')
  })

  it('posts nothing new on a rerun on the same head, and only updates the summary', async () => {
    const before = env.ai.requests.length
    const res = await runReview(await env.deps())
    expect(res.result.range).toBe('unchanged')
    expect(env.ai.requests.length).toBe(before)
    const r = repoState(env)
    expect(r.reviews).toHaveLength(1)
    expect(r.reviewComments).toHaveLength(3)
    const sticky = r.comments.filter((c) => c.body.includes(SUMMARY_MARKER))
    expect(sticky).toHaveLength(1)
    // The summary keeps what the first run found and covered (nothing is lost on a rerun).
    const body = sticky[0]!.body
    expect(body).toContain('Already reviewed: no new commits; 3 findings from earlier reviews')
    expect(body).toContain('### Findings from earlier reviews (1 major, 2 minor)')
    expect(body).toMatch(/major: Overflow not handled\*\* — `src\/new.ts` line 2/)
    expect(body).toContain('Removed export still used')
    expect(body).toMatch(/Files reviewed \(2\)/)
    expect(body).toMatch(/^Coverage: 2\/2 reviewable files/m)
    expect(parseState(body)!.findings).toHaveLength(3)
    // A second rerun keeps it all, without nesting the carried sections.
    await runReview(await env.deps())
    const again = repoState(env).comments.find((c) => c.body.includes(SUMMARY_MARKER))!.body
    expect(again).toBe(body)
  })

  it('after a new commit reviews only the new changes and never posts a fingerprint twice', async () => {
    await env.repo.commit(
      {
        'src/new.ts':
          newTs + '\nexport function sub(a: number, b: number): number {\n  return a - b\n}\n',
      },
      'more',
    )
    await env.repo.push('feature')
    const before = env.ai.requests.length
    submitWith(env, () => [
      // The same finding as before (same title, same code): must not be posted again.
      {
        path: 'src/new.ts',
        line: 2,
        severity: 'major',
        title: 'Overflow not handled',
        body: 'Check the range again.',
      },
      {
        path: 'src/new.ts',
        line: 6,
        severity: 'minor',
        title: 'Underflow',
        body: 'Negative results.',
      },
    ])
    const res = await runReview(await env.deps())
    expect(res.result.range).toBe('incremental')
    const prompt = promptOf(env.ai.requests[before]!.body)
    expect(prompt).toContain('+  return a - b')
    expect(prompt).not.toContain('v10b') // calc.ts did not change since the last review
    const r = repoState(env)
    expect(failedWrites(env)).toEqual([])
    expect(r.reviews).toHaveLength(2)
    expect(r.reviewComments).toHaveLength(4)
    expect(r.reviewComments[3]!.body).toContain('Underflow')
    expect(res.result.repeated).toBe(1)
    const fps = r.reviewComments.map((c) => /pitcrew:fp:([0-9a-f]+)/.exec(c.body)![1])
    expect(new Set(fps).size).toBe(fps.length)
    // The summary lists the new finding and still the three of the first review.
    const body = r.comments.find((c) => c.body.includes(SUMMARY_MARKER))!.body
    expect(body).toContain('### Findings from earlier reviews (1 major, 2 minor)')
    expect(body).toContain('Removed export still used')
    expect(body).toMatch(/minor: 1/)
    expect(parseState(body)!.findings).toHaveLength(4)
  })

  it('a /pitcrew review command runs a full review again', async () => {
    const before = env.ai.requests.length
    submitWith(env, () => [])
    const res = await runReview(await env.deps({ route: { commentCommand: 'review' } }))
    expect(res.result.range).toBe('full')
    expect(promptOf(env.ai.requests[before]!.body)).toContain('v10b')
    expect(repoState(env).reviews).toHaveLength(2) // no findings: no new review, summary only
  })
})

describe('runReview after a force-push', () => {
  it('reviews the whole PR again, and does not repost what the first review posted', async () => {
    const env = await setupEnv()
    try {
      const overflow = {
        path: 'src/new.ts',
        line: 2,
        severity: 'major',
        title: 'Overflow not handled',
        body: 'Check the range.',
      }
      submitWith(env, () => [overflow])
      const first = await runReview(await env.deps())
      // Rewrite the branch: the reviewed head is no longer an ancestor of the new head.
      await env.repo.git('commit', '-q', '--amend', '-m', 'feature work, rewritten')
      await env.repo.push('feature')
      const before = env.ai.requests.length
      submitWith(env, () => [
        overflow,
        { path: 'src/calc.ts', line: 11, severity: 'minor', title: 'Naming', body: 'v10b?' },
      ])
      const res = await runReview(await env.deps())
      expect(res.result.headSha).not.toBe(first.result.headSha)
      expect(res.result.range).toBe('full')
      expect(promptOf(env.ai.requests[before]!.body)).toContain('+export const v10b = 101')
      expect(res.result.repeated).toBe(1)
      expect(failedWrites(env)).toEqual([])
      const r = repoState(env)
      expect(r.reviewComments.map((c) => c.path)).toEqual(['src/new.ts', 'src/calc.ts'])
    } finally {
      await teardown(env)
    }
  })
})

describe('runReview with a model that returns bad anchors', () => {
  let env: Env
  beforeAll(async () => {
    env = await setupEnv()
  })
  afterAll(async () => teardown(env))

  it('never gets a 422: bad findings go to "Outside the diff", bad suggestions become plain code', async () => {
    submitWith(env, () => [
      { path: 'src/nope.ts', line: 3, severity: 'major', title: 'Bad path', body: 'x' },
      { path: 'src/calc.ts', line: 999, severity: 'major', title: 'Far away', body: 'x' },
      {
        path: 'src/calc.ts',
        start_line: 2,
        line: 11,
        severity: 'minor',
        title: 'Range across hunks',
        body: 'x',
      },
      {
        path: 'src/calc.ts',
        start_line: 10,
        line: 11,
        severity: 'minor',
        title: 'Overlap one',
        body: 'x',
      },
      {
        path: 'src/calc.ts',
        start_line: 11,
        line: 12,
        severity: 'minor',
        title: 'Overlap two',
        body: 'x',
      },
      {
        path: 'src/calc.ts',
        line: 11,
        side: 'LEFT',
        severity: 'minor',
        title: 'LEFT on an added line',
        body: 'x',
      },
      {
        path: 'src/new.ts',
        line: 2,
        severity: 'major',
        title: 'Broken suggestion',
        body: 'x',
        suggestion: '  return (a + b',
      },
      { path: 'src/new.ts', line: 0, severity: 'critical', title: 'Line zero', body: 'x' },
    ])
    const res = await runReview(await env.deps())
    expect(failedWrites(env)).toEqual([])
    const r = repoState(env)
    expect(r.reviews).toHaveLength(1)
    const body = r.reviews[0]!.body
    expect(body).toContain('### Outside the diff')
    expect(body).toContain('Bad path')
    expect(body).toContain('Far away')
    expect(body).toContain('Line zero')
    const broken = r.reviewComments.find((c) => c.body.includes('Broken suggestion'))!
    expect(broken.body).not.toContain('```suggestion')
    expect(broken.body).toMatch(/would not parse/)
    expect(res.result.inline).toBe(r.reviewComments.length)
    expect(
      (res.result.outsideDiff as number) + (res.result.inline as number),
    ).toBeGreaterThanOrEqual(7)
  })
})

describe('runReview edge cases', () => {
  it('an empty PR and a PR of binary and ignored files post a summary and call no model', async () => {
    const env = await setupEnv({ branchFiles: {} })
    try {
      const res = await runReview(await env.deps())
      expect(res.outcome).toBe('reviewed')
      expect(env.ai.requests).toHaveLength(0)
      const sticky = repoState(env).comments.find((c) => c.body.includes(SUMMARY_MARKER))!
      expect(sticky.body).toContain('Nothing to review')
      expect(repoState(env).reviews).toHaveLength(0)
    } finally {
      await teardown(env)
    }
    const env2 = await setupEnv({
      branchFiles: {
        'img.png': new Uint8Array([0, 1, 2, 3, 0, 255]),
        'package-lock.json': '{}\n',
        'gen/x.ts': 'x\n',
      },
    })
    try {
      const res = await runReview(
        await env2.deps({ config: (c) => void (c.review.ignore = ['gen/**']) }),
      )
      expect(env2.ai.requests).toHaveLength(0)
      expect(failedWrites(env2)).toEqual([])
      const sticky = repoState(env2).comments.find((c) => c.body.includes(SUMMARY_MARKER))!
      expect(sticky.body).toContain('every changed file was skipped')
      expect(sticky.body).toContain('`package-lock.json`: lock file')
      expect(sticky.body).toContain("matches review.ignore 'gen/**'")
      expect((res.result.skippedFiles as unknown[]).length).toBe(3)
    } finally {
      await teardown(env2)
    }
  })

  it('a fork PR with a read-only token writes annotations and the job summary, exit 0', async () => {
    const env = await setupEnv()
    try {
      env.emu.addToken('ro-token', { login: 'github-actions[bot]', readOnly: true })
      submitWith(env, () => [
        { path: 'src/new.ts', line: 2, severity: 'major', title: 'Overflow', body: 'Check.' },
      ])
      const res = await runReview(await env.deps({ route: { isFork: true }, token: 'ro-token' }))
      expect(res.outcome).toBe('reviewed')
      expect(res.failure).toBeUndefined()
      expect(writesOf(env)).toEqual([])
      expect(
        env.annotations.find((a) => a.annotation?.file === 'src/new.ts')?.annotation?.startLine,
      ).toBe(2)
      expect(res.summary).toContain('Review not posted (read-only token)')
      expect(res.summary).toContain('Overflow')
    } finally {
      await teardown(env)
    }
  })

  it('a 422 on the review is retried once with the comments in the body, without duplicates', async () => {
    const env = await setupEnv()
    try {
      env.emu.fault({
        method: 'POST',
        path: /\/pulls\/\d+\/reviews$/,
        status: 422,
        times: 1,
        body: { message: 'Validation Failed' },
      })
      submitWith(env, () => [
        { path: 'src/new.ts', line: 2, severity: 'major', title: 'Overflow', body: 'Check.' },
      ])
      const res = await runReview(await env.deps())
      const r = repoState(env)
      expect(r.reviews).toHaveLength(1)
      expect(r.reviewComments).toHaveLength(0)
      expect(r.reviews[0]!.body).toContain('Overflow')
      expect(res.failure).toBeUndefined()
    } finally {
      await teardown(env)
    }
  })

  it('a dry run posts nothing and shows the would-be review; a draft is skipped', async () => {
    const env = await setupEnv({ draft: true })
    try {
      const skipped = await runReview(await env.deps())
      expect(skipped.outcome).toBe('skipped')
      submitWith(env, () => [
        { path: 'src/new.ts', line: 2, severity: 'major', title: 'Overflow', body: 'Check.' },
      ])
      const res = await runReview(
        await env.deps({ dryRun: true, config: (c) => void (c.review.reviewDrafts = true) }),
      )
      // Nothing was posted, so it is not "reviewed" (contract §8).
      expect(res.outcome).toBe('dry-run')
      expect(writesOf(env)).toEqual([])
      expect(res.summary).toContain('Review not posted (dry run)')
    } finally {
      await teardown(env)
    }
  })

  it('splits a PR over several calls, merges them into ONE review, filters and requests changes', async () => {
    const env = await setupEnv()
    try {
      submitWith(env, (prompt) => [
        ...(prompt.includes('### src/new.ts')
          ? [{ path: 'src/new.ts', line: 2, severity: 'major', title: 'Overflow', body: 'Check.' }]
          : []),
        ...(prompt.includes('### src/calc.ts')
          ? [
              {
                path: 'src/calc.ts',
                line: 10,
                severity: 'critical',
                title: 'Wrong value',
                body: 'x',
              },
              { path: 'src/calc.ts', line: 11, severity: 'nit', title: 'Naming', body: 'x' },
            ]
          : []),
      ])
      const res = await runReview(
        await env.deps({
          config: (c) => {
            c.review.maxTokensPerCall = 80
            c.review.minSeverity = 'major'
            c.review.requestChanges = true
            c.review.instructions = [
              { path: 'src/new.ts', text: 'Arithmetic must saturate.' },
              { path: 'docs/**', text: 'Docs are British English.' },
            ]
          },
        }),
      )
      expect(res.result.calls).toBeGreaterThanOrEqual(2)
      expect(env.ai.requests.length).toBe(res.result.calls)
      // Per-path instructions go only to the calls that show a matching file.
      for (const req of env.ai.requests) {
        const prompt = promptOf(req.body)
        expect(prompt.includes('Arithmetic must saturate.')).toBe(prompt.includes('### src/new.ts'))
        expect(prompt).not.toContain('British English')
      }
      const r = repoState(env)
      expect(r.reviews).toHaveLength(1)
      expect(r.reviews[0]!.state).toBe('CHANGES_REQUESTED')
      expect(r.reviewComments.map((c) => c.path).sort()).toEqual(['src/calc.ts', 'src/new.ts'])
      expect(res.result.belowMinSeverity).toBeGreaterThanOrEqual(1)
      expect((res.result.coverage as { changedLinesShown: number }).changedLinesShown).toBe(
        (res.result.coverage as { changedLinesReviewable: number }).changedLinesReviewable,
      )
    } finally {
      await teardown(env)
    }
  })

  it('a secondary rate limit and a 502 while posting are retried without duplicates', async () => {
    const env = await setupEnv()
    try {
      env.emu.fault({
        method: 'POST',
        path: /\/pulls\/\d+\/reviews$/,
        status: 403,
        times: 1,
        headers: { 'retry-after': '0' },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' },
      })
      env.emu.fault({ method: 'POST', path: /\/pulls\/\d+\/reviews$/, status: 502, times: 1 })
      submitWith(env, () => [
        { path: 'src/new.ts', line: 2, severity: 'major', title: 'Overflow', body: 'Check.' },
      ])
      const res = await runReview(await env.deps())
      expect(res.failure).toBeUndefined()
      expect(env.emu.requests.filter((q) => q.status === 403 || q.status === 502)).toHaveLength(2)
      const r = repoState(env)
      expect(r.reviews).toHaveLength(1)
      expect(r.reviewComments).toHaveLength(1)
      expect(r.comments.filter((c) => c.body.includes(SUMMARY_MARKER))).toHaveLength(1)
    } finally {
      await teardown(env)
    }
  })

  it('falls back to git diff in the workspace when GitHub refuses the file list (406)', async () => {
    const env = await setupEnv()
    try {
      env.emu.fault({
        method: 'GET',
        path: /\/pulls\/\d+\/files$/,
        status: 406,
        times: 5,
        body: { message: 'Sorry, the diff exceeded the maximum number of files (300).' },
      })
      submitWith(env, () => [
        { path: 'src/new.ts', line: 2, severity: 'major', title: 'Overflow', body: 'Check.' },
      ])
      const res = await runReview(await env.deps())
      expect(res.result.source).toBe('git')
      expect(repoState(env).reviewComments).toHaveLength(1)
      expect(res.summary).toContain('GitHub refused the file list (406)')
    } finally {
      await teardown(env)
    }
  })

  it('a model that never calls submit_review still yields a summary saying so', async () => {
    const env = await setupEnv()
    try {
      env.ai.onRequest(() => ({ text: 'I think it is fine.' }))
      const res = await runReview(await env.deps())
      // Not "reviewed": nothing was submitted, so the step fails and says which files.
      expect(res.outcome).toBe('incomplete')
      expect(res.failure).toMatch(/^Review incomplete: .*src\/calc\.ts/)
      expect(res.result.complete).toBe(false)
      const sticky = repoState(env).comments.find((c) => c.body.includes(SUMMARY_MARKER))!
      expect(sticky.body).toContain('Review incomplete')
      expect(sticky.body).toMatch(/without submit_review/)
      // The head is not recorded as reviewed: the next run reviews it again.
      expect(parseState(sticky.body)!.headSha).not.toBe(res.result.headSha)
    } finally {
      await teardown(env)
    }
  })
})
