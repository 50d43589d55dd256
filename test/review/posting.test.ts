/**
 * The posting rules of the contract (section 5, review), checked on what the emulator stored:
 * max-comments with the rest in the body, suggestions only inline, REQUEST_CHANGES only when
 * configured (and degraded to COMMENT where GitHub refuses it), never a silent run.
 */
import { describe, it, expect } from 'vitest'
import { runReview } from '../../src/review/index.js'
import { SUMMARY_MARKER } from '../../src/review/summary.js'
import { failedWrites, repoState, setupEnv, submitWith, teardown } from './env.js'

const finding = (line: number, severity: string, title: string, suggestion?: string) => ({
  path: 'src/calc.ts',
  line,
  severity,
  title,
  body: `About ${title}.`,
  ...(suggestion !== undefined ? { suggestion } : {}),
})

describe('runReview posting rules', () => {
  it('posts at most max-comments inline, the most severe first; the rest go to the body as plain code', async () => {
    const env = await setupEnv()
    try {
      submitWith(env, () => [
        finding(11, 'nit', 'Nit on v10b', 'export const v10b = 102'),
        finding(10, 'critical', 'Wrong v10', 'export const v10 = 10'),
        finding(12, 'minor', 'Minor on v11'),
      ])
      const res = await runReview(
        await env.deps({
          config: (c) => {
            c.review.maxComments = 1
            c.review.minSeverity = 'nit'
          },
        }),
      )
      expect(failedWrites(env)).toEqual([])
      const r = repoState(env)
      expect(r.reviews).toHaveLength(1)
      expect(r.reviewComments).toHaveLength(1)
      expect(r.reviewComments[0]!.body).toContain('Wrong v10')
      expect(r.reviewComments[0]!.body).toContain('```suggestion\nexport const v10 = 10\n```')
      const body = r.reviews[0]!.body
      expect(body).toContain('### More findings (over the limit of 1 inline comments)')
      expect(body).toContain('Nit on v10b')
      expect(body).toContain('Minor on v11')
      // A suggestion block in the body would apply to no line: shown as plain code.
      expect(body).not.toContain('```suggestion')
      expect(body).toContain('over the limit of 1 inline comments):')
      expect(body).toContain('export const v10b = 102')
      expect(res.result.overflow).toBe(2)
    } finally {
      await teardown(env)
    }
  })

  it('REQUEST_CHANGES only when configured, and as COMMENT when GitHub refuses it on the PR author’s own PR', async () => {
    const env = await setupEnv()
    try {
      submitWith(env, () => [finding(10, 'critical', 'Wrong v10')])
      // Configured off: COMMENT even with a critical finding.
      await runReview(await env.deps())
      expect(repoState(env).reviews.map((v) => v.state)).toEqual(['COMMENTED'])
      // The token is the PR author's (a personal token): GitHub answers 422 to REQUEST_CHANGES.
      env.emu.addToken('alice-pat', { login: 'alice' })
      submitWith(env, () => [finding(11, 'major', 'Bad v10b')])
      const res = await runReview(
        await env.deps({
          token: 'alice-pat',
          route: { commentCommand: 'review' },
          config: (c) => void (c.review.requestChanges = true),
        }),
      )
      expect(res.failure).toBeUndefined()
      const r = repoState(env)
      expect(r.reviews.map((v) => v.state)).toEqual(['COMMENTED', 'COMMENTED'])
      expect(r.reviewComments.map((c) => c.body).join('\n')).toContain('Bad v10b')
      expect(res.result.event).toBe('COMMENT')
      expect(r.reviews.every((v) => v.state !== 'APPROVED')).toBe(true)
    } finally {
      await teardown(env)
    }
  })

  it('zero findings: no empty review, and a summary comment that says so', async () => {
    const env = await setupEnv()
    try {
      submitWith(env, () => [])
      const res = await runReview(await env.deps())
      expect(res.outcome).toBe('reviewed')
      const r = repoState(env)
      expect(r.reviews).toHaveLength(0)
      const sticky = r.comments.filter((c) => c.body.includes(SUMMARY_MARKER))
      expect(sticky).toHaveLength(1)
      expect(sticky[0]!.body).toContain('**No issues found.**')
      expect(sticky[0]!.body).toMatch(/Coverage: 2\/2 reviewable files/)
      expect(res.summary).toContain('No issues found.')
    } finally {
      await teardown(env)
    }
  })
})
