/**
 * Issue 9, case 10: `pitcrew review` (the built bin, i.e. the action bundle) reports a model API
 * it cannot reach, or that refuses the key, first and as such, never as "No findings."; and a
 * dry run ends with outcome `dry-run`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { API_KEY, cleanEnv, pitcrew } from './helpers.js'

let repo: TestRepo
/** Answers every request 401 as the Messages API does for a bad key. */
let refusing: Server
let refusingUrl: string
/** A loopback port with nothing listening on it. */
let closedUrl: string

const listen = (s: Server) =>
  new Promise<string>((res) =>
    s.listen(0, '127.0.0.1', () => res(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
  )

beforeAll(async () => {
  repo = await createTestRepo({ 'src/a.ts': 'export const a = 1\n' })
  await repo.checkout('feature')
  await repo.commit({ 'src/a.ts': 'export const a = 2\n' }, 'change a')
  refusing = createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        type: 'error',
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
      }),
    )
  })
  refusingUrl = await listen(refusing)
  const probe = createServer()
  closedUrl = await listen(probe)
  await new Promise((r) => probe.close(r))
})
afterAll(async () => {
  refusing?.close()
  await repo?.cleanup()
})

const env = (baseUrl: string) =>
  cleanEnv({
    ANTHROPIC_API_KEY: API_KEY,
    ANTHROPIC_BASE_URL: baseUrl,
    PITCREW_ANTHROPIC_RETRY_BASE_MS: '1',
  })

describe('pitcrew review: model API errors come first', () => {
  it('an unreachable endpoint is a connection error on the first line, not "No findings."', async () => {
    const r = await pitcrew(['review'], { cwd: repo.work, env: env(closedUrl), built: true })
    expect(r.code).toBe(3)
    expect(r.stdout.split('\n')[0]).toMatch(
      /^Error: cannot connect to the model API: model API unreachable x\d/,
    )
    expect(r.stdout).not.toContain('No findings.')
    expect(r.stdout).not.toContain('budget ran out')
    expect(r.stderr).toContain('Review incomplete')
  })

  it('an unreachable endpoint in --json: error first, outcome incomplete', async () => {
    const r = await pitcrew(['review', '--json'], {
      cwd: repo.work,
      env: env(closedUrl),
      built: true,
    })
    expect(r.code).toBe(3)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out).slice(0, 3)).toEqual(['command', 'error', 'outcome'])
    expect(out.error).toMatch(/^cannot connect to the model API/)
    expect(out.outcome).toBe('incomplete')
  })

  it('a refused key is reported as an authentication error first', async () => {
    const r = await pitcrew(['review'], { cwd: repo.work, env: env(refusingUrl), built: true })
    expect(r.code).toBe(3)
    expect(r.stdout.split('\n')[0]).toMatch(
      /^Error: the model API refused the API key: model API refused the key \(401\) x1/,
    )
    expect(r.stdout).not.toContain('No findings.')
  })

  it('review --dry-run --json ends with outcome dry-run', async () => {
    const r = await pitcrew(['review', '--dry-run', '--json'], {
      cwd: repo.work,
      env: cleanEnv(),
      built: true,
    })
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).outcome).toBe('dry-run')
  })
})
