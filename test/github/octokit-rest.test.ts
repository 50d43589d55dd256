/**
 * The client is an `@octokit/rest` instance: both method namespaces reach the same endpoints,
 * the token authenticates, a GET is retried through a 502 while a comment POST goes out once,
 * and the request-log plugin's per-attempt lines stay out of the log.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

let emu: GitHubEmulator | undefined
afterEach(async () => emu?.close())
const R = { owner: 'acme', repo: 'widgets' }

describe('createOctokit (@octokit/rest)', () => {
  it('answers through octokit.x and octokit.rest.x alike, authenticated by the token', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo(R)
    expect(s.octokit.repos.get).toBe(s.octokit.rest.repos.get)
    const viaRoot = await s.octokit.repos.get(R)
    const viaRest = await s.octokit.rest.repos.get(R)
    expect(viaRoot.data.full_name).toBe('acme/widgets')
    expect(viaRest.data).toEqual(viaRoot.data)
    expect(emu.requests.map((r) => [r.method, r.path, r.status, r.login])).toEqual([
      ['GET', '/repos/acme/widgets', 200, 'github-actions[bot]'],
      ['GET', '/repos/acme/widgets', 200, 'github-actions[bot]'],
    ])
    expect(s.log.lines).toEqual([])
  })

  it('retries a GET through a 502, sends a comment POST once through one', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo(R)
    emu.addIssue({ ...R, title: 't' })
    emu.fault({ method: 'GET', path: /\/repos\/acme\/widgets$/, status: 502, times: 1 })
    emu.fault({ method: 'POST', path: /\/issues\/1\/comments$/, status: 502, times: 1 })
    expect((await s.octokit.repos.get(R)).status).toBe(200)
    const err = await s.octokit.issues
      .createComment({ ...R, issue_number: 1, body: 'hi' })
      .catch((e: unknown) => e as { status?: number })
    expect(err.status).toBe(502)
    expect(emu.requests.map((r) => [r.method, r.status])).toEqual([
      ['GET', 502],
      ['GET', 200],
      ['POST', 502],
    ])
    expect(s.log.lines.filter((l) => / with id /.test(l))).toEqual([])
  })
})
