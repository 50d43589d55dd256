/**
 * Cancellation through run() in this process, the runner's signals coming from an emitter: the
 * grace period, a second signal cutting it short, and a mode stuck where no abort reaches it.
 * The same behaviours through the bundle and real signals: cancel-review/fix/rollback tests.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run, type RunIo } from '../../src/main.js'
import { toolUse } from '../harness/anthropic-server.js'
import { pullRequestEvent } from '../harness/events.js'
import { parseOutputFile, runnerEnv, waitUntil } from '../harness/run-action.js'
import { OWNER, REPO, prFixture, type PrFixture } from './pr-fixture.js'

const TOKEN = 'ghs_cancelInProcessToken0123456789abcdef'
const API_KEY = 'sk-ant-api03-cancel-in-process-0123456789'

let pr: PrFixture
beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: { 'src/a.ts': 'export const a = 1\n' },
    headFiles: { 'src/a.ts': 'export const a = 2\n' },
    branch: 'feature',
    numbers: [11, 12, 13],
  })
})
afterAll(async () => pr?.close())

/** Starts run() on PR `number` with signals from an emitter; `exit` codes are recorded. */
function start(number: number) {
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-cancel-'))
  const env = runnerEnv(
    {
      eventName: 'pull_request',
      payload: pullRequestEvent({ number, headRef: 'feature', headSha: pr.head, baseSha: pr.base }),
      repository: `${OWNER}/${REPO}`,
      workspace: pr.repo.work,
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': API_KEY },
      env: { GITHUB_API_URL: pr.emu.url, ANTHROPIC_BASE_URL: pr.model.url, GITHUB_SHA: pr.head },
    },
    dir,
  )
  const signals = new EventEmitter()
  const exits: number[] = []
  const io: RunIo = {
    signals: signals as unknown as RunIo['signals'],
    exit: (code) => void exits.push(code),
  }
  const previousExit = process.exitCode
  const done = run(env, io).finally(() => (process.exitCode = previousExit))
  return {
    done,
    exits,
    send: (signal: NodeJS.Signals) => signals.emit(signal, signal),
    listeners: () => signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM'),
    outputs: () => parseOutputFile(readFileSync(env.GITHUB_OUTPUT, 'utf8')),
    summary: () => readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'),
  }
}

/** Writes that reached GitHub about PR `number` (reviews, comments). */
const writesTo = (number: number) =>
  pr.emu.requests.filter(
    (r) => r.method !== 'GET' && new RegExp(`/(issues|pulls)/${number}/`).test(r.path),
  )

/** True once a request for `path` has arrived (answered or not). */
function arrived(path: RegExp): () => boolean {
  let seen = false
  pr.emu.onRequest((q) => {
    if (path.test(q.path)) seen = true
  })
  return () => seen
}

describe('cancellation in process', () => {
  it('SIGTERM during the model call: the request is aborted, outcome cancelled with the usage so far, nothing posted', async () => {
    // One turn answered (billed), the second held until the signal.
    pr.model.queue(toolUse('read_file', { path: 'src/a.ts' }), { fault: 'slow', delayMs: 60_000 })
    const before = pr.model.requests.length
    const r = start(11)
    await waitUntil(() => pr.model.requests.length > before + 1, 'the second model call')
    const t0 = Date.now()
    r.send('SIGTERM')
    await r.done
    const elapsed = Date.now() - t0
    expect(elapsed).toBeLessThan(2_000)
    expect(r.exits).toEqual([1])
    const out = r.outputs()
    expect(out.outcome).toBe('cancelled')
    expect(out.mode).toBe('review')
    expect(out['stop-reason']).toBe('aborted')
    // The usage billed before the signal is reported.
    expect(out.turns).toBe('1')
    expect(Number(out['output-tokens'])).toBeGreaterThan(0)
    expect(Number(out['cost-usd'])).toBeGreaterThan(0)
    const result = JSON.parse(out.result) as Record<string, unknown>
    expect(result).toMatchObject({ cancelled: true, signal: 'SIGTERM' })
    expect(result.stillRunning).toBeUndefined()
    expect(r.summary()).toMatch(/## pitcrew review: cancelled/)
    expect(r.summary()).toMatch(/### Usage so far/)
    expect(writesTo(11)).toEqual([])
    // The listeners are gone: a later signal gets the process's default handling again.
    expect(r.listeners()).toBe(0)
  })

  it('a mode stuck where no abort reaches it: reported after the grace; a second signal cuts the grace short', async () => {
    // Every read of the PR's files hangs: the mode cannot wind down by itself.
    pr.emu.fault({
      method: 'GET',
      path: /\/pulls\/12\/files/,
      status: 500,
      delayMs: 30_000,
      times: 5,
    })
    try {
      const reading = arrived(/\/pulls\/12\/files/)
      const r = start(12)
      await waitUntil(reading, 'the read of the files')
      const t0 = Date.now()
      r.send('SIGINT')
      await new Promise((res) => setTimeout(res, 300))
      expect(r.exits).toEqual([])
      r.send('SIGTERM')
      await r.done
      const elapsed = Date.now() - t0
      expect(elapsed).toBeLessThan(1_500)
      expect(r.exits).toEqual([1])
      const out = r.outputs()
      expect(out.outcome).toBe('cancelled')
      expect(JSON.parse(out.result)).toMatchObject({
        signal: 'SIGINT',
        stillRunning: true,
        phase: "during 'pitcrew review: diff'",
      })
      expect(r.summary()).toMatch(/had not wound down/)
      // One report, not two.
      expect(r.summary().match(/## pitcrew review: cancelled/g)).toHaveLength(1)
    } finally {
      pr.emu.clearFaults()
    }
  })

  it('without a second signal the report waits at most the grace period', async () => {
    pr.emu.fault({
      method: 'GET',
      path: /\/pulls\/13\/files/,
      status: 500,
      delayMs: 30_000,
      times: 5,
    })
    try {
      const reading = arrived(/\/pulls\/13\/files/)
      const r = start(13)
      await waitUntil(reading, 'the read of the files')
      const t0 = Date.now()
      r.send('SIGTERM')
      await r.done
      const elapsed = Date.now() - t0
      expect(elapsed).toBeGreaterThanOrEqual(2_900)
      expect(elapsed).toBeLessThan(4_500)
      expect(r.outputs().outcome).toBe('cancelled')
    } finally {
      pr.emu.clearFaults()
    }
  })
})
