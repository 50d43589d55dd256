import { afterEach, describe, expect, it } from 'vitest'
import { memoryLog } from '../../src/log.js'
import { createOctokit } from '../../src/github/octokit.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { startProxy, type TestProxy } from '../harness/proxy.js'

const R = { owner: 'acme', repo: 'widgets' }
const PROXY_ENV = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']
let emu: GitHubEmulator | undefined
let proxy: TestProxy | undefined
const saved = Object.fromEntries(PROXY_ENV.map((k) => [k, process.env[k]]))

afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  await emu?.close()
  await proxy?.close()
  emu = proxy = undefined
})

/** The emulator behind a host name only the proxy resolves, and a proxy in HTTP_PROXY. */
async function behindProxy(env: Record<string, string> = {}) {
  emu = await startGitHubEmulator()
  emu.addRepo(R)
  proxy = await startProxy()
  for (const k of PROXY_ENV) delete process.env[k]
  Object.assign(process.env, { HTTP_PROXY: proxy.url }, env)
  const port = new URL(emu.url).port
  const octokit = createOctokit({
    token: 'test-token',
    apiUrl: `http://github.proxy.test:${port}`,
    log: memoryLog(),
    retries: 0,
    minRetryDelayMs: 1,
    writeSpacingMs: 0,
    timeoutMs: 5_000,
  })
  return { octokit, host: `github.proxy.test:${port}` }
}

describe('GitHub requests behind the runner proxy', () => {
  it('go through HTTP_PROXY when it is set', async () => {
    const { octokit, host } = await behindProxy()
    const res = await octokit.rest.repos.get(R)
    expect(res.data.full_name).toBe('acme/widgets')
    expect(proxy!.seen).toContain(host)
    expect(emu!.requests).toHaveLength(1)
  })

  it('skip the proxy for a host in NO_PROXY', async () => {
    const { octokit } = await behindProxy({ NO_PROXY: 'github.proxy.test' })
    // Only the proxy knows this host name: without it the request cannot reach the emulator.
    await expect(octokit.rest.repos.get(R)).rejects.toThrow()
    expect(proxy!.seen).toEqual([])
    expect(emu!.requests).toHaveLength(0)
  })

  it('skip the proxy for a loopback API URL, as @actions/http-client does', async () => {
    emu = await startGitHubEmulator()
    emu.addRepo(R)
    proxy = await startProxy()
    process.env.HTTP_PROXY = proxy.url
    const octokit = createOctokit({ token: 'test-token', apiUrl: emu.url, log: memoryLog() })
    const res = await octokit.rest.repos.get(R)
    expect(res.data.full_name).toBe('acme/widgets')
    expect(proxy.seen).toEqual([])
  })
})
