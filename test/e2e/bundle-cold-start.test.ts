import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { toolUse } from '../harness/anthropic-server.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

/**
 * What the bundle does before a review's first model request (issue 13, cold start): the reads
 * that need only the PR's number start with the PR's own read, not after it; no Node built-in
 * that costs start time is loaded (Node's undici behind the global fetch, crypto, TLS, zlib,
 * worker threads); and the three reads from git (config, steering files, head versions) share
 * one `git cat-file --batch` process.
 */
const TOKEN = 'ghs_coldStartToken0123456789abcdefABCD'
let pr: PrFixture

beforeAll(async () => {
  const files = (v: string) => ({
    'src/a.ts': `export const a = ${v}\n`,
    'src/b.ts': `export function b() {\n  return ${v}\n}\n`,
  })
  pr = await prFixture({
    token: TOKEN,
    baseFiles: files('1'),
    headFiles: files('2'),
    branch: 'feature',
    numbers: [7],
  })
})
afterAll(async () => pr?.close())

describe('the bundle on its way to the first model request', () => {
  it('reads GitHub in parallel, loads no heavy built-in, and starts one git process', async () => {
    const { emu, model } = pr
    // The PR's own read is answered after 2 s: the other reads must not wait for it.
    emu.fault({ method: 'GET', path: /\/pulls\/7$/, status: 200, hold: true, delayMs: 2_000 })
    model.queue(toolUse('submit_review', { summary: 'Fine.', findings: [] }))
    const trace = join(mkdtempSync(join(tmpdir(), 'pitcrew-trace-')), 'git.log')
    const before = emu.requests.length
    const run = await pr.review(7, { spawn: true, env: { GIT_TRACE: trace } })
    expect(run.exitCode, run.stdout).toBe(0)

    const requests = emu.requests.slice(before)
    const pull = requests.find((r) => r.method === 'GET' && /\/pulls\/7$/.test(r.path))!
    expect(pull.answeredAt! - pull.arrivedAt).toBeGreaterThanOrEqual(1_900)
    // (The emulator stamps a request when it gets to it: one that arrived while it was busy can
    // be stamped after the PR's read, so only "before the answer" is asked.)
    const during = requests.filter((r) => r !== pull && r.arrivedAt < pull.answeredAt!)
    const names = during.map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`)
    for (const read of [
      'GET /repos/acme/widgets/pulls/7/comments',
      'GET /repos/acme/widgets/pulls/7/reviews',
      'GET /repos/acme/widgets/pulls/7/files',
      'POST /graphql',
    ]) {
      expect(names, `${read} before the PR's read was answered`).toContain(read)
    }

    const line = /::debug::pitcrew timing: (\{.*\})/.exec(run.stdout)
    expect(line, run.stdout.slice(-2000)).not.toBeNull()
    const timing = JSON.parse(line![1]!) as { heavyBuiltins: string[] }
    expect(timing.heavyBuiltins).toEqual([])

    const starts = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => /trace: built-in: git cat-file --batch/.test(l))
    expect(starts).toHaveLength(1)
  })
})
