import { describe, expect, it } from 'vitest'
import {
  attemptTimeoutMs,
  DEADLINE_GRACE_MS,
  isIdempotentRequest,
  parseRetryAfter,
  rateLimitOf,
} from '../../src/github/request-policy.js'

const err = (status: number, headers: Record<string, string> = {}, message = 'x') =>
  Object.assign(new Error(message), { status, response: { headers, data: { message } } })

describe('isIdempotentRequest', () => {
  it('only lets requests that cannot write twice be resent', () => {
    expect(isIdempotentRequest({ method: 'GET', url: '/repos/{owner}/{repo}' })).toBe(true)
    expect(isIdempotentRequest({ method: 'PATCH', url: '/repos/o/r/issues/comments/1' })).toBe(true)
    expect(isIdempotentRequest({ method: 'DELETE', url: '/repos/o/r/git/refs/x' })).toBe(true)
    expect(
      isIdempotentRequest({
        method: 'POST',
        url: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      }),
    ).toBe(true)
    for (const url of [
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      '/repos/{owner}/{repo}/pulls',
      '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      '/repos/{owner}/{repo}/issues',
      '/repos/{owner}/{repo}/deployments',
      '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    ])
      expect(isIdempotentRequest({ method: 'POST', url })).toBe(false)
    expect(
      isIdempotentRequest({ method: 'POST', url: '/graphql', query: 'query { viewer { login } }' }),
    ).toBe(true)
    expect(
      isIdempotentRequest({ method: 'POST', url: '/graphql', query: '# c\n mutation { x }' }),
    ).toBe(false)
  })
})

describe('rateLimitOf', () => {
  const now = 1_000_000_000_000
  it('reads retry-after on a 429 without x-ratelimit-remaining: 0', () => {
    expect(rateLimitOf(err(429, { 'retry-after': '7' }), now)).toEqual({
      kind: 'rate limit',
      waitSeconds: 7,
      source: 'retry-after',
    })
  })
  it('waits until the reset (plus 1 s) when the primary limit is spent', () => {
    const reset = String(now / 1000 + 30)
    expect(
      rateLimitOf(err(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), now),
    ).toEqual({ kind: 'rate limit', waitSeconds: 31, source: 'x-ratelimit-reset' })
  })
  it('a secondary limit without headers waits the default minute; a plain 403 is no limit', () => {
    expect(
      rateLimitOf(err(403, {}, 'You have exceeded a secondary rate limit'), now),
    ).toMatchObject({ kind: 'secondary rate limit', waitSeconds: 60, source: 'default' })
    expect(rateLimitOf(err(403, {}, 'Resource not accessible by integration'), now)).toBeUndefined()
    expect(rateLimitOf(err(502), now)).toBeUndefined()
  })
  it('parses retry-after as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3', now)).toBe(3)
    expect(parseRetryAfter(new Date(now + 10_000).toUTCString(), now)).toBe(10)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})

describe('attemptTimeoutMs', () => {
  it("is cut to the run's deadline plus the grace to report, never below a sixth", () => {
    expect(attemptTimeoutMs(0, 30_000)).toBe(30_000)
    expect(attemptTimeoutMs(0, 30_000, 10_000 - DEADLINE_GRACE_MS)).toBe(10_000)
    expect(attemptTimeoutMs(5 * DEADLINE_GRACE_MS, 30_000, 0)).toBe(5_000)
  })
})
