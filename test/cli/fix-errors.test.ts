/**
 * Issue 9: `pitcrew fix` (the built bin, i.e. the action bundle) reports a model API it cannot
 * reach, or that refuses the key, first and as such, not under "Not fixed." and a made-up
 * diagnosis; `--json` puts `error` right after `command`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startAnthropicServer, type FakeAnthropic } from '../harness/anthropic-server.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { fixtureFiles, VITEST } from '../fix/setup.js'
import { API_KEY, cleanEnv, pitcrew } from './helpers.js'

let repo: TestRepo
/** The fake Messages API, answering every request 401 as the API does for a key it refuses. */
let ai: FakeAnthropic
/** A loopback port with nothing listening on it. */
let closedUrl: string

beforeAll(async () => {
  repo = await createTestRepo(fixtureFiles('fix-ts-vitest'))
  await repo.checkout('feature')
  await repo.commit({ 'README.md': '# shop\n' }, 'docs: readme')
  ai = await startAnthropicServer()
  ai.onRequest(() => ({ fault: 'auth' }))
  const probe = createServer()
  closedUrl = await new Promise<string>((res) =>
    probe.listen(0, '127.0.0.1', () =>
      res(`http://127.0.0.1:${(probe.address() as AddressInfo).port}`),
    ),
  )
  await new Promise((r) => probe.close(r))
})
afterAll(async () => {
  await ai?.close()
  await repo?.cleanup()
})

const env = (baseUrl: string) =>
  cleanEnv({
    ANTHROPIC_API_KEY: API_KEY,
    ANTHROPIC_BASE_URL: baseUrl,
    PITCREW_ANTHROPIC_RETRY_BASE_MS: '1',
  })

describe('pitcrew fix: model API errors come first', () => {
  it('an unreachable endpoint is a connection error on the first line, not a diagnosis', async () => {
    const r = await pitcrew(['fix', '--test-command', VITEST], {
      cwd: repo.work,
      env: env(closedUrl),
      built: true,
    })
    expect(r.code, r.stderr).toBe(3)
    expect(r.stdout.split('\n')[0]).toMatch(
      /^Error: cannot connect to the model API: model API unreachable x\d/,
    )
    expect(r.stdout).toContain('Not fixed (see the error above).')
    expect(r.stdout).not.toContain('No diagnosis from the model')
    expect(await repo.git('status', '--porcelain')).toBe('')
  })

  it('an unreachable endpoint in --json: error first, outcome not-fixed', async () => {
    const r = await pitcrew(['fix', '--json', '--test-command', VITEST], {
      cwd: repo.work,
      env: env(closedUrl),
      built: true,
    })
    expect(r.code, r.stderr).toBe(3)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out).slice(0, 3)).toEqual(['command', 'error', 'outcome'])
    expect(out.error).toMatch(/^cannot connect to the model API: model API unreachable x\d/)
    expect(out.outcome).toBe('not-fixed')
  })

  it('a refused key (the fake Messages API answering 401) is an authentication error first', async () => {
    const before = ai.requests.length
    const r = await pitcrew(['fix', '--test-command', VITEST], {
      cwd: repo.work,
      env: env(ai.url),
      built: true,
    })
    expect(ai.requests.length).toBeGreaterThan(before)
    expect(r.code, r.stderr).toBe(3)
    expect(r.stdout.split('\n')[0]).toMatch(
      /^Error: the model API refused the API key: model API refused the key \(401\) x1/,
    )
    expect(r.stdout).not.toContain('No diagnosis from the model')
  })
})
