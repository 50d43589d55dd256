/**
 * The conversation step of runReview against the emulator: lost answers to the reply and to
 * the resolution never double them, and threads that cannot be read are said, not hidden.
 */
import { describe, expect, it } from 'vitest'
import { runReview } from '../../src/review/index.js'
import { readReviewThreads } from '../../src/github/threads.js'
import { createOctokit } from '../../src/github/octokit.js'
import { memoryLog } from '../../src/log.js'
import type { RepoConfig } from '../../src/config/types.js'
import { OWNER, REPO, newTs, repoState, setupEnv, submitWith, teardown } from './env.js'

const OVERFLOW = {
  path: 'src/new.ts',
  line: 2,
  severity: 'major',
  title: 'Overflow',
  body: 'Large inputs overflow.',
}

describe('conversation step of the review', () => {
  it('lost answers to the reply and the resolution: one reply, one resolution', async () => {
    const env = await setupEnv()
    try {
      submitWith(env, () => [OVERFLOW])
      const r1 = await runReview(await env.deps())
      expect(r1.outcome).toBe('reviewed')
      // The new commit changes the commented line; the model no longer raises the finding.
      await env.repo.commit(
        { 'src/new.ts': newTs.replace('return a + b', 'return Math.min(a + b, 1e9)') },
        'clamp',
      )
      await env.repo.push('feature')
      const head2 = (await env.repo.git('rev-parse', 'HEAD')).trim()
      submitWith(env, () => [])
      // GitHub applies both writes but the answers are lost.
      env.emu.fault({ method: 'POST', path: /\/replies$/, status: 502, afterApply: true })
      let armed = false
      env.emu.onRequest((q) => {
        if (!armed && /\/replies$/.test(q.path)) {
          armed = true
          env.emu.fault({ method: 'POST', path: /^\/graphql$/, status: 502, afterApply: true })
        }
      })
      const r2 = await runReview(await env.deps())
      expect(r2.outcome, r2.summary).toBe('reviewed')
      expect(r2.result.conversation).toEqual({
        read: true,
        threads: 1,
        pitcrewThreads: 1,
        othersThreads: 0,
        dismissedThreads: 0,
        addressedThreads: 1,
      })
      const comments = repoState(env).reviewComments
      expect(comments.filter((c) => c.inReplyToId).map((c) => c.body.split('\n')[0])).toEqual([
        `Addressed in ${head2.slice(0, 7)}.`,
      ])
      const resolves = env.emu.requests.filter((r) =>
        String((r.body as { query?: string } | undefined)?.query).includes('resolveReviewThread'),
      )
      expect(resolves.map((r) => [r.status, r.applied])).toEqual([[502, true]])
      const octokit = createOctokit({ token: 'test-token', apiUrl: env.emu.url, log: memoryLog() })
      const threads = await readReviewThreads(octokit, {
        owner: OWNER,
        repo: REPO,
        pullNumber: env.number,
      })
      expect(threads.map((t) => [t.isResolved, t.comments.length])).toEqual([[true, 2]])
    } finally {
      await teardown(env)
    }
  })

  // The model finds the same problem again on the changed line, but it is not posted (below
  // min-severity, or a category not posted): the thread is not addressed, so no reply claims it.
  for (const [what, again, config] of [
    [
      'below min-severity',
      { ...OVERFLOW, severity: 'minor' },
      (c: RepoConfig) => (c.review.minSeverity = 'major'),
    ],
    [
      'in a category not posted',
      { ...OVERFLOW, category: 'style' },
      (c: RepoConfig) => (c.review.categories = ['correctness', 'security']),
    ],
    ['posted again on changed code', { ...OVERFLOW }, () => {}],
  ] as const) {
    it(`the finding raised again ${what}: no "Addressed" reply, the thread stays open`, async () => {
      const env = await setupEnv()
      try {
        submitWith(env, () => [OVERFLOW])
        const r1 = await runReview(await env.deps({ config }))
        expect(r1.outcome, r1.summary).toBe('reviewed')
        expect(repoState(env).reviewComments).toHaveLength(1)
        await env.repo.commit(
          { 'src/new.ts': newTs.replace('return a + b', 'return a + b + 0') },
          'still overflows',
        )
        await env.repo.push('feature')
        submitWith(env, () => [again])
        const r2 = await runReview(await env.deps({ config }))
        expect(r2.outcome, r2.summary).toBe('reviewed')
        expect(r2.result.conversation).toMatchObject({ read: true, addressedThreads: 0 })
        const comments = repoState(env).reviewComments
        expect(comments.filter((x) => x.inReplyToId)).toEqual([])
        expect(r2.summary).not.toContain('Addressed')
        const octokit = createOctokit({
          token: 'test-token',
          apiUrl: env.emu.url,
          log: memoryLog(),
        })
        const threads = await readReviewThreads(octokit, {
          owner: OWNER,
          repo: REPO,
          pullNumber: env.number,
        })
        const first = threads.find((t) => t.comments[0]?.databaseId === comments[0]!.id)
        expect(first?.isOutdated).toBe(true)
        expect(first?.isResolved).toBe(false)
      } finally {
        await teardown(env)
      }
    })
  }

  for (const which of ['reply', 'resolution'] as const) {
    it(`the ${which} failing for good fails the step naming the thread; a clean rerun completes it once`, async () => {
      const env = await setupEnv()
      try {
        submitWith(env, () => [OVERFLOW])
        expect((await runReview(await env.deps())).outcome).toBe('reviewed')
        await env.repo.commit(
          { 'src/new.ts': newTs.replace('return a + b', 'return Math.min(a + b, 1e9)') },
          'clamp',
        )
        await env.repo.push('feature')
        const head2 = (await env.repo.git('rev-parse', 'HEAD')).trim()
        submitWith(env, () => [])
        if (which === 'reply') {
          env.emu.fault({ method: 'POST', path: /\/replies$/, status: 500, times: 99 })
        } else {
          // Every GraphQL request after the reply fails: the resolution and its look-up.
          let armed = true
          env.emu.onRequest((q) => {
            if (armed && /\/replies$/.test(q.path)) {
              armed = false
              env.emu.fault({ method: 'POST', path: /^\/graphql$/, status: 500, times: 99 })
            }
          })
        }
        const r2 = await runReview(await env.deps())
        expect(r2.outcome, r2.summary).not.toBe('reviewed')
        expect(r2.summary).toMatch(
          /Could not resolve the addressed thread 'Overflow' \(src\/new.ts\)/,
        )
        const replies = () => repoState(env).reviewComments.filter((c) => c.inReplyToId)
        expect(replies()).toHaveLength(which === 'reply' ? 0 : 1)

        env.emu.clearFaults()
        const r3 = await runReview(await env.deps())
        expect(r3.outcome, r3.summary).toBe('reviewed')
        expect(replies().map((c) => c.body.split('\n')[0])).toEqual([
          `Addressed in ${head2.slice(0, 7)}.`,
        ])
        const octokit = createOctokit({
          token: 'test-token',
          apiUrl: env.emu.url,
          log: memoryLog(),
        })
        const threads = await readReviewThreads(octokit, {
          owner: OWNER,
          repo: REPO,
          pullNumber: env.number,
        })
        expect(threads.map((t) => [t.isResolved, t.comments.length])).toEqual([[true, 2]])
      } finally {
        await teardown(env)
      }
    })
  }

  it('threads that cannot be read: reviewed without the conversation, and the summary says so', async () => {
    const env = await setupEnv()
    try {
      env.emu.fault({ method: 'POST', path: /^\/graphql$/, status: 502, times: 20 })
      submitWith(env, () => [OVERFLOW])
      const res = await runReview(await env.deps())
      expect(res.outcome).toBe('reviewed')
      expect(res.result.conversation).toMatchObject({ read: false })
      expect(res.summary).toContain('> Reviewed without the conversation')
      expect(repoState(env).reviewComments).toHaveLength(1)
    } finally {
      await teardown(env)
    }
  })
})
