/** The emulator's faults that model lost answers (the write happens, the answer does not). */
import { afterEach, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import { memoryLog } from '../../src/log.js'
import { createOctokit } from '../../src/github/octokit.js'
import { createRef, getRef } from '../../src/github/refs.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'

let emu: GitHubEmulator | undefined
afterEach(async () => emu?.close())
const R = { owner: 'acme', repo: 'widgets' }

/** One raw HTTP request (no client retries): status, or 0 when the connection was dropped. */
function send(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = request(
      `${emu!.url}${path}`,
      {
        method,
        headers: { authorization: 'token test-token', 'content-type': 'application/json' },
      },
      (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      },
    )
    req.on('error', () => resolve({ status: 0, text: '' }))
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })
}

async function start() {
  emu = await startGitHubEmulator()
  emu.addRepo(R)
  return emu.addIssue({ ...R, title: 'x' })
}
const comments = (n: number) =>
  emu!.state.repos.get('acme/widgets')!.comments.filter((c) => c.issueNumber === n)

describe('afterApply faults', () => {
  it('applies the write, then answers 502: the comment exists, the client saw a 502', async () => {
    const n = await start()
    emu!.fault({ method: 'POST', path: /\/comments$/, status: 502, afterApply: true })
    const res = await send('POST', `/repos/acme/widgets/issues/${n}/comments`, { body: 'hi' })
    expect(res.status).toBe(502)
    expect(comments(n)).toHaveLength(1)
    expect(emu!.requests.at(-1)).toMatchObject({ status: 502, applied: true })
    // One use only: the next request is answered normally.
    expect((await send('GET', `/repos/acme/widgets/issues/${n}/comments`)).status).toBe(200)
  })

  it('applies the write, then drops the connection (status 0)', async () => {
    const n = await start()
    emu!.fault({ method: 'POST', path: /\/comments$/, status: 0, afterApply: true })
    const res = await send('POST', `/repos/acme/widgets/issues/${n}/comments`, { body: 'hi' })
    expect(res.status).toBe(0)
    expect(comments(n)).toHaveLength(1)
    expect(emu!.requests.at(-1)).toMatchObject({ status: 0, applied: true })
  })

  it('a write GitHub refuses is not applied, and says so', async () => {
    await start()
    emu!.fault({ method: 'POST', path: /\/comments$/, status: 502, afterApply: true })
    const res = await send('POST', `/repos/acme/widgets/issues/999/comments`, { body: 'hi' })
    expect(res.status).toBe(502)
    expect(emu!.requests.at(-1)).toMatchObject({ status: 502, applied: false })
  })

  it('a plain fault (times: 99) fails for good without applying anything', async () => {
    const n = await start()
    emu!.fault({ method: 'POST', path: /\/comments$/, status: 502, times: 99 })
    for (let i = 0; i < 3; i++) {
      const res = await send('POST', `/repos/acme/widgets/issues/${n}/comments`, { body: 'hi' })
      expect(res.status).toBe(502)
    }
    expect(comments(n)).toHaveLength(0)
    expect(emu!.requests.every((r) => r.applied === undefined)).toBe(true)
  })
})

describe('createRef after a lost answer', () => {
  it('finds the ref it created instead of failing or sending again', async () => {
    await start()
    const octokit = createOctokit({
      token: 'test-token',
      apiUrl: emu!.url,
      log: memoryLog(),
      minRetryDelayMs: 2,
      writeSpacingMs: 0,
    })
    const sha = 'a'.repeat(40)
    emu!.fault({ method: 'POST', path: /\/git\/refs$/, status: 502, afterApply: true })
    await createRef(octokit, { ...R, ref: 'pitcrew/x', sha })
    expect(await getRef(octokit, { ...R, ref: 'pitcrew/x' })).toBe(sha)
    expect(emu!.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })
})
