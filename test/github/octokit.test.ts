import { afterEach, describe, expect, it } from 'vitest'
import { memoryLog } from '../../src/log.js'
import { createOctokit } from '../../src/github/octokit.js'
import { errorMessage, isStatus } from '../../src/github/errors.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

let emu: GitHubEmulator | undefined
afterEach(async () => emu?.close())
const R = { owner: 'acme', repo: 'widgets' }

describe('createOctokit', () => {
  it('retries a secondary rate limit 403 after retry-after and succeeds, with a warning', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo(R)
    emu.fault({
      method: 'POST',
      path: /\/issues\/1\/comments$/,
      status: 403,
      times: 2,
      headers: { 'retry-after': '3' },
    })
    emu.addIssue({ ...R, title: 't' })
    const res = await s.octokit.rest.issues.createComment({ ...R, issue_number: 1, body: 'hi' })
    expect(res.status).toBe(201)
    expect(emu.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([
      403, 403, 201,
    ])
    expect(
      s.log.lines.filter((l) => l.startsWith('warning: GitHub secondary rate limit')),
    ).toHaveLength(2)
    expect(s.log.lines[0]).toContain('retrying after 3s')
  })

  it("gives up after `retries` rate limits and surfaces GitHub's message", async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo(R)
    emu.fault({
      path: /\/repos\/acme\/widgets$/,
      status: 403,
      times: 10,
      headers: { 'retry-after': '1' },
    })
    const err = await s.octokit.rest.repos.get(R).catch((e: unknown) => e)
    expect(isStatus(err, 403)).toBe(true)
    expect(errorMessage(err)).toContain('You have exceeded a secondary rate limit')
    expect(emu.requests).toHaveLength(4)
  })

  it('retries 5xx with backoff', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo(R)
    emu.fault({ path: /\/repos\/acme\/widgets$/, status: 502, times: 2 })
    const res = await s.octokit.rest.repos.get(R)
    expect(res.data.full_name).toBe('acme/widgets')
    expect(emu.requests.map((r) => r.status)).toEqual([502, 502, 200])
  })

  it('does not retry a 404', async () => {
    const s = await setup()
    emu = s.emu
    const err = await s.octokit.rest.repos
      .get({ owner: 'nobody', repo: 'nothing' })
      .catch((e: unknown) => e)
    expect(isStatus(err, 404)).toBe(true)
    expect(emu.requests).toHaveLength(1)
  })

  it('refuses a rate limit asking for a wait longer than the limit', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo(R)
    const octokit = createOctokit({
      token: 'test-token',
      apiUrl: emu.url,
      log: s.log,
      minRetryDelayMs: 1,
      maxRetryAfterSeconds: 60,
      writeSpacingMs: 0,
    })
    emu.fault({ path: /\/repos\/acme\/widgets$/, status: 403, headers: { 'retry-after': '3600' } })
    await expect(octokit.rest.repos.get(R)).rejects.toMatchObject({ status: 403 })
    expect(s.log.lines.join('\n')).toContain('exceeds the 60s limit')
  })

  it('always uses apiUrl as the base URL and sends the token', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo(R)
    const octokit = createOctokit({ token: 'test-token', apiUrl: `${emu.url}/`, log: memoryLog() })
    const me = await octokit.rest.users.getAuthenticated()
    expect(me.data.login).toBe('github-actions[bot]')
    const bad = createOctokit({ token: 'wrong', apiUrl: emu.url, log: memoryLog() })
    await expect(bad.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 401 })
    expect(() => createOctokit({ token: 't', apiUrl: 'api.github.com', log: memoryLog() })).toThrow(
      /Invalid GitHub API URL 'api.github.com'/,
    )
  })
})

describe('GraphQL endpoint', () => {
  it('sends GraphQL to GITHUB_GRAPHQL_URL, not a URL derived from the REST base', async () => {
    emu = await startGitHubEmulator({ graphqlPath: '/enterprise/graphql' })
    const octokit = createOctokit({
      token: 'test-token',
      apiUrl: emu.url,
      graphqlUrl: emu.graphqlUrl,
      log: memoryLog(),
    })
    const res = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
    expect(res.viewer.login).toBe('github-actions[bot]')
    expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /enterprise/graphql 200',
    ])
    // REST still goes to the REST base.
    await octokit.rest.users.getAuthenticated()
    expect(emu.requests.at(-1)!.path).toBe('/user')
    expect(() =>
      createOctokit({ token: 't', apiUrl: emu!.url, graphqlUrl: 'graphql', log: memoryLog() }),
    ).toThrow(/Invalid GitHub GraphQL URL 'graphql'/)
  })
})
