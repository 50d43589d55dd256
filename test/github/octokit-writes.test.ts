/**
 * The client's request rules against the emulator: a POST whose answer is lost is sent once,
 * rate limits are waited for as GitHub asks (and logged), and a hung answer is abandoned.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { memoryLog } from '../../src/log.js'
import { createOctokit, type CreateOctokitOptions } from '../../src/github/octokit.js'
import { isUnknownOutcome } from '../../src/github/idempotent.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'

let emu: GitHubEmulator | undefined
afterEach(async () => emu?.close())
const R = { owner: 'acme', repo: 'widgets' }

async function start(extra: Partial<CreateOctokitOptions> = {}) {
  emu = await startGitHubEmulator()
  emu.addRepo(R)
  emu.addIssue({ ...R, title: 'an issue' })
  const log = memoryLog()
  const octokit = createOctokit({
    token: 'test-token',
    apiUrl: emu.url,
    log,
    retries: 3,
    minRetryDelayMs: 2,
    writeSpacingMs: 0,
    ...extra,
  })
  return { emu, log, octokit }
}

const posts = (e: GitHubEmulator, path: RegExp) =>
  e.requests.filter((r) => r.method === 'POST' && path.test(r.path))

describe('no blind POST retries', () => {
  for (const status of [502, 0]) {
    it(`a comment POST whose answer is lost (applied, then ${status || 'dropped'}) is sent once`, async () => {
      const s = await start()
      s.emu.fault({ method: 'POST', path: /\/issues\/1\/comments$/, status, afterApply: true })
      const err = await s.octokit.rest.issues
        .createComment({ ...R, issue_number: 1, body: 'hello' })
        .catch((e: unknown) => e)
      expect(isUnknownOutcome(err)).toBe(true)
      expect(posts(s.emu, /\/comments$/)).toHaveLength(1)
      expect(posts(s.emu, /\/comments$/)[0]!.applied).toBe(true)
      const list = await s.octokit.rest.issues.listComments({ ...R, issue_number: 1 })
      expect(list.data.map((c) => c.body)).toEqual(['hello'])
    })
  }

  it('a pull request POST failing with 502 (not applied) is not resent by the client', async () => {
    const s = await start()
    s.emu.fault({ method: 'POST', path: /\/pulls$/, status: 502, times: 5 })
    await expect(
      s.octokit.rest.pulls.create({ ...R, head: 'x', base: 'main', title: 't' }),
    ).rejects.toMatchObject({ status: 502 })
    expect(posts(s.emu, /\/pulls$/)).toHaveLength(1)
  })

  it('idempotent requests are still retried on 5xx: GET, PATCH and adding labels', async () => {
    const s = await start()
    s.emu.fault({ method: 'GET', path: /\/issues\/1$/, status: 502 })
    s.emu.fault({ method: 'PATCH', path: /\/issues\/1$/, status: 0 })
    s.emu.fault({ method: 'POST', path: /\/issues\/1\/labels$/, status: 503 })
    await s.octokit.rest.issues.get({ ...R, issue_number: 1 })
    await s.octokit.rest.issues.update({ ...R, issue_number: 1, title: 'renamed' })
    await s.octokit.rest.issues.addLabels({ ...R, issue_number: 1, labels: ['pitcrew'] })
    const statuses = (m: string, p: RegExp) =>
      s.emu.requests.filter((r) => r.method === m && p.test(r.path)).map((r) => r.status)
    expect(statuses('GET', /\/issues\/1$/)).toEqual([502, 200])
    expect(statuses('PATCH', /\/issues\/1$/)).toEqual([0, 200])
    expect(statuses('POST', /\/labels$/)).toEqual([503, 200])
  })
})

describe('rate limits: retry-after is waited for and logged', () => {
  // A 50 ms unit: retry-after 4 must wait ~200 ms; the 5xx-style backoff would wait 50.
  const unit = 50

  it('a 429 with retry-after and no x-ratelimit-remaining: 0 waits retry-after, on a POST too', async () => {
    const s = await start({ minRetryDelayMs: unit })
    s.emu.fault({
      method: 'POST',
      path: /\/issues\/1\/comments$/,
      status: 429,
      headers: { 'retry-after': '4', 'x-ratelimit-remaining': '37' },
    })
    const t0 = Date.now()
    const res = await s.octokit.rest.issues.createComment({ ...R, issue_number: 1, body: 'hi' })
    const waited = Date.now() - t0
    expect(res.status).toBe(201)
    expect(posts(s.emu, /\/comments$/).map((r) => r.status)).toEqual([429, 201])
    expect(waited).toBeGreaterThanOrEqual(4 * unit)
    expect(s.log.lines.join('\n')).toContain(
      'warning: GitHub rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/comments: retrying after 4s (retry-after; retry 1 of 3).',
    )
  })

  it('a 403 secondary rate limit waits its retry-after', async () => {
    const s = await start({ minRetryDelayMs: unit })
    s.emu.fault({
      method: 'GET',
      path: /\/issues\/1$/,
      status: 403,
      headers: { 'retry-after': '5' },
    })
    const t0 = Date.now()
    await s.octokit.rest.issues.get({ ...R, issue_number: 1 })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(5 * unit)
    expect(s.log.lines.join('\n')).toContain('GitHub secondary rate limit on GET')
    expect(s.log.lines.join('\n')).toContain('retrying after 5s (retry-after')
  })

  it('a plain 403 (no permission) is not a rate limit: no retry, no wait', async () => {
    const s = await start()
    s.emu.fault({
      method: 'GET',
      path: /\/issues\/1$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    })
    await expect(s.octokit.rest.issues.get({ ...R, issue_number: 1 })).rejects.toMatchObject({
      status: 403,
    })
    expect(s.emu.requests).toHaveLength(1)
  })

  it("does not wait past the run's deadline", async () => {
    const s = await start({ minRetryDelayMs: 1000, deadline: Date.now() + 500 })
    s.emu.fault({
      method: 'GET',
      path: /\/issues\/1$/,
      status: 429,
      headers: { 'retry-after': '5' },
    })
    const t0 = Date.now()
    await expect(s.octokit.rest.issues.get({ ...R, issue_number: 1 })).rejects.toMatchObject({
      status: 429,
    })
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(s.log.lines.join('\n')).toContain("would pass the run's deadline")
  })
})

describe('timeouts', () => {
  const settle = () => new Promise((r) => setTimeout(r, 800))

  it('a hung GET is abandoned within the timeout (each retry too), as an unknown outcome', async () => {
    const s = await start({ timeoutMs: 150, retries: 1 })
    s.emu.fault({ method: 'GET', path: /\/issues\/1$/, status: 502, delayMs: 700, times: 2 })
    const t0 = Date.now()
    const err = await s.octokit.rest.issues.get({ ...R, issue_number: 1 }).catch((e: unknown) => e)
    const took = Date.now() - t0
    expect(isUnknownOutcome(err)).toBe(true)
    expect((err as Error).message).toContain(
      'did not answer GET /repos/{owner}/{repo}/issues/{issue_number} within 150 ms',
    )
    expect(took).toBeGreaterThanOrEqual(300)
    expect(took).toBeLessThan(1500)
    await settle() // the emulator records a request when it answers
    expect(s.emu.requests).toHaveLength(2)
  })

  it('a hung POST is abandoned within the timeout and not resent', async () => {
    const s = await start({ timeoutMs: 150 })
    s.emu.fault({
      method: 'POST',
      path: /\/comments$/,
      status: 201,
      delayMs: 700,
      afterApply: true,
    })
    const t0 = Date.now()
    const err = await s.octokit.rest.issues
      .createComment({ ...R, issue_number: 1, body: 'x' })
      .catch((e: unknown) => e)
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(isUnknownOutcome(err)).toBe(true)
    await settle()
    expect(posts(s.emu, /\/comments$/)).toHaveLength(1)
  })

  it("cuts the timeout to the run's deadline plus the grace, but still sends after it", async () => {
    // 60 s of grace after the deadline: a deadline 59.7 s ago leaves 300 ms of the 1.2 s.
    const s = await start({ timeoutMs: 1200, retries: 0, deadline: Date.now() - 59_700 })
    s.emu.fault({ method: 'GET', path: /\/issues\/1$/, status: 502, delayMs: 700, times: 2 })
    let t0 = Date.now()
    const err = await s.octokit.rest.issues.get({ ...R, issue_number: 1 }).catch((e: unknown) => e)
    expect(Date.now() - t0).toBeLessThan(650)
    expect(isUnknownOutcome(err)).toBe(true)
    expect((err as Error).message).toMatch(/within (2\d\d|300) ms/)
    await new Promise((r) => setTimeout(r, 400))
    // Past the deadline: still sent (a write left unsent is half-written state), with a sixth
    // of the timeout.
    t0 = Date.now()
    const late = await s.octokit.rest.issues.get({ ...R, issue_number: 1 }).catch((e: unknown) => e)
    expect(Date.now() - t0).toBeLessThan(650)
    expect((late as Error).message).toContain('within 200 ms')
    await settle()
    expect(s.emu.requests).toHaveLength(2)
  })
})
