/**
 * GitHub's spacing for writes (spacing.ts), against the emulator: writes and GraphQL start one
 * at a time with room between them, reads do not wait, at most ten requests are in flight, and
 * clients with GitHub's default spacing share it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { memoryLog } from '../../src/log.js'
import { createOctokit, type CreateOctokitOptions } from '../../src/github/octokit.js'
import { notifiesPeople } from '../../src/github/spacing.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'

let emu: GitHubEmulator | undefined
afterEach(async () => emu?.close())
const R = { owner: 'acme', repo: 'widgets' }

async function start(extra: Partial<CreateOctokitOptions> = {}) {
  emu = await startGitHubEmulator()
  emu.addRepo(R)
  emu.addIssue({ ...R, title: 'an issue' })
  const client = () =>
    createOctokit({ token: 'test-token', apiUrl: emu!.url, log: memoryLog(), ...extra })
  return { emu, client }
}

/** Arrival times (ms) at the emulator of the requests that match (since `from`). */
const arrivals = (e: GitHubEmulator, method: string, path: RegExp, from = 0) =>
  e.requests
    .filter((r) => r.method === method && path.test(r.path) && r.arrivedAt >= from)
    .map((r) => r.arrivedAt)

const gaps = (times: number[]) =>
  [...times].sort((a, b) => a - b).flatMap((t, i, s) => (i === 0 ? [] : [t - s[i - 1]!]))

describe('GitHub write spacing', () => {
  it('starts writes and GraphQL one at a time, spaced; reads go at once', async () => {
    const { emu, client } = await start({ writeSpacingMs: 250 })
    // The emulator builds its GraphQL schema on the first query: not while the writes are timed.
    await client().graphql('query { viewer { login } }')
    const from = performance.now()
    const octokit = client()
    await Promise.all([
      ...[1, 2, 3].map((n) =>
        octokit.rest.issues.createComment({ ...R, issue_number: 1, body: `c${n}` }),
      ),
      octokit.graphql('query { viewer { login } }'),
      ...[1, 2, 3].map(() => octokit.rest.issues.get({ ...R, issue_number: 1 })),
    ])
    const writes = [
      ...arrivals(emu, 'POST', /\/issues\/1\/comments$/, from),
      ...arrivals(emu, 'POST', /^\/graphql$/, from),
    ]
    expect(writes).toHaveLength(4)
    for (const gap of gaps(writes)) expect(gap).toBeGreaterThanOrEqual(230)
    const reads = arrivals(emu, 'GET', /\/issues\/1$/)
    expect(Math.max(...reads) - Math.min(...reads)).toBeLessThan(200)
  })

  it('keeps at most ten requests in flight', async () => {
    const { emu, client } = await start({ writeSpacingMs: 0 })
    emu.fault({
      method: 'GET',
      path: /\/issues\/1$/,
      status: 200,
      hold: true,
      delayMs: 300,
      times: 15,
    })
    const octokit = client()
    await Promise.all(
      Array.from({ length: 15 }, () => octokit.rest.issues.get({ ...R, issue_number: 1 })),
    )
    const spans = emu.requests
      .filter((r) => r.method === 'GET')
      .map((r) => [r.arrivedAt, r.answeredAt!] as const)
    const most = Math.max(
      ...spans.map(([at]) => spans.filter(([a, b]) => a <= at && at < b).length),
    )
    expect(most).toBe(10)
  })

  it("clients with GitHub's default spacing share it: a second client's write waits its turn", async () => {
    const { emu, client } = await start()
    const [a, b] = [client(), client()]
    await Promise.all([
      a.rest.issues.addLabels({ ...R, issue_number: 1, labels: ['x'] }),
      b.rest.issues.addLabels({ ...R, issue_number: 1, labels: ['y'] }),
    ])
    const [gap] = gaps(arrivals(emu, 'POST', /\/labels$/))
    expect(gap).toBeGreaterThanOrEqual(950)
  })

  it('knows the writes that notify people', () => {
    for (const p of [
      '/repos/o/r/issues',
      '/repos/o/r/issues/3/comments',
      '/repos/o/r/pulls',
      '/repos/o/r/pulls/3/reviews',
      '/repos/o/r/pulls/3/comments/9/replies',
    ])
      expect(notifiesPeople(p), p).toBe(true)
    for (const p of [
      '/repos/o/r/issues/3/labels',
      '/repos/o/r/deployments',
      '/repos/o/r/statuses/abc',
      '/repos/o/r/git/refs',
      '/graphql',
    ])
      expect(notifiesPeople(p), p).toBe(false)
  })
})
