/**
 * A cancelled fix job, through the bundle: the runner signals node while the test command runs.
 * The command's whole process tree (a grandchild that ignores SIGTERM included) dies with the
 * run, outputs and summary say `cancelled`, the model is never called and nothing is written.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { waitUntil } from '../harness/run-action.js'
import {
  comments,
  originBranches,
  pulls,
  setup,
  VITEST,
  type Env,
  runFixBundle,
} from '../fix/setup.js'
import { NODE_FILES, NODE_TEST, finish, fixLib } from '../fix/node-project.js'

const bundle = resolve(import.meta.dirname, '../../dist/index.js')

/**
 * A test run that takes long and leaves a tree: the runner process, a bash grandchild that
 * ignores SIGTERM, and its `sleep` (which inherits the ignored SIGTERM). Every pid is written
 * to the file named by the first argument, the last line once the tree is complete.
 */
const SLOW_TEST = `import { spawn } from 'node:child_process'
import { appendFileSync } from 'node:fs'
const pids = process.argv[2]
appendFileSync(pids, process.pid + '\\n')
const child = spawn('bash', ['-c', 'trap "" TERM; sleep 300 & echo $! >> "$0"; wait', pids], {
  stdio: 'ignore',
})
appendFileSync(pids, child.pid + '\\n')
console.log('running the slow suite...')
setInterval(() => undefined, 1000)
`

/** Alive and not a zombie (an orphan may wait a moment to be reaped). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

describe.skipIf(!existsSync(bundle))('a cancelled fix job (bundle)', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} during the test command: the process tree dies, outcome cancelled, nothing written`, async () => {
      env = await setup('fix-ts-vitest', VITEST, { fixFirst: { 'slow.test.mjs': SLOW_TEST } })
      const pidFile = join(mkdtempSync(join(tmpdir(), 'pitcrew-pids-')), 'pids')
      const pids = () =>
        existsSync(pidFile)
          ? readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number)
          : []
      const e = env
      const run = await runFixBundle(e, {
        command: `node slow.test.mjs ${pidFile}`,
        runId: 9100,
        timeoutMs: 60_000,
        env: { GITHUB_SHA: e.headSha },
        cancel: { signal, when: () => waitUntil(() => pids().length >= 3, 'the test tree') },
      })
      expect(run.exitCode, run.stdout).not.toBe(0)
      expect(run.cancelledAfterMs).toBeLessThan(7_000)
      expect(run.outputs.mode).toBe('fix')
      expect(run.outputs.outcome, run.stdout).toBe('cancelled')
      const result = JSON.parse(run.outputs.result) as Record<string, unknown>
      expect(result).toMatchObject({ cancelled: true, signal })
      expect(String(result.phase)).toMatch(/reproduce/)
      expect(run.summary).toMatch(/## pitcrew fix: cancelled/)
      expect(run.summary).toMatch(/### Usage so far/)
      expect(run.outputs['input-tokens']).toBe('0')

      // No process of the test command's tree outlives the run.
      expect(pids()).toHaveLength(3)
      await waitUntil(() => pids().every((p) => !alive(p)), 'the tree to be gone', 2_000).catch(
        () => undefined,
      )
      expect(pids().filter(alive), 'processes still alive').toEqual([])

      // Nothing half-written: no model call, no comment, no fix branch, no pull request.
      expect(e.ai.requests).toHaveLength(0)
      expect(comments(e)).toEqual([])
      expect(pulls(e).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
      expect(await e.repo.git('ls-remote', '--heads', 'origin', 'pitcrew/*')).toBe('')
      expect(e.emu.requests.filter((r) => r.method !== 'GET')).toEqual([])
    })
  }
})

describe.skipIf(!existsSync(bundle))('a fix job cancelled at its later phases (bundle)', () => {
  it('SIGTERM during the model call: the request is aborted, outcome cancelled, nothing written', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const e = env
    e.ai.queue({ fault: 'slow', delayMs: 60_000 })
    const run = await runFixBundle(e, {
      command: NODE_TEST,
      runId: 9200,
      timeoutMs: 120_000,
      cancel: {
        signal: 'SIGTERM',
        when: () => waitUntil(() => e.ai.requests.length > 0, 'the model call'),
      },
    })
    expect(run.exitCode, run.stdout).not.toBe(0)
    expect(run.cancelledAfterMs).toBeLessThan(7_000)
    expect(run.outputs.outcome, run.stdout).toBe('cancelled')
    expect(run.summary).toMatch(/## pitcrew fix: cancelled/)
    expect(e.ai.requests).toHaveLength(1)
    expect(pulls(e).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
    expect(originBranches(e).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
    expect(e.emu.requests.filter((r) => r.method !== 'GET')).toEqual([])
  }, 180_000)

  it('SIGTERM while the pull request POST is in flight: one PR, no comment started; the rerun adds only the comment', async () => {
    env = await setup('fix-ts-vitest', NODE_TEST, { fixFirst: NODE_FILES })
    const e = env
    let arrived = false
    e.emu.onRequest((q) => {
      if (q.method === 'POST' && /\/pulls$/.test(q.path)) arrived = true
    })
    e.emu.fault({ method: 'POST', path: /\/pulls$/, status: 201, hold: true, delayMs: 1_500 })
    e.ai.queue(fixLib, finish)
    const run = await runFixBundle(e, {
      command: NODE_TEST,
      timeoutMs: 120_000,
      cancel: { signal: 'SIGTERM', when: () => waitUntil(() => arrived, 'the PR create') },
    })
    expect(run.exitCode, run.stdout).not.toBe(0)
    expect(run.cancelledAfterMs).toBeLessThan(7_000)
    expect(run.outputs.outcome, run.stdout).toBe('cancelled')
    expect(run.summary).toMatch(/## pitcrew fix: cancelled/)
    // The held write is answered (and applied) by GitHub whenever it finishes, maybe after exit.
    await waitUntil(
      () => e.emu.requests.some((r) => r.method === 'POST' && /\/pulls$/.test(r.path)),
      'the PR create to be answered',
      15_000,
    )
    const fixPulls = () => pulls(e).filter((p) => p.head.ref.startsWith('pitcrew/'))
    expect(fixPulls()).toHaveLength(1)
    expect(comments(e).filter((c) => c.issueNumber === e.pr)).toEqual([])

    e.emu.clearFaults()
    e.ai.queue(fixLib, finish)
    const rerun = await runFixBundle(e, { command: NODE_TEST, timeoutMs: 120_000 })
    expect(rerun.exitCode, rerun.stdout + rerun.stderr).toBe(0)
    expect(rerun.outputs.outcome, rerun.summary).toBe('fixed')
    expect(fixPulls()).toHaveLength(1)
    expect(comments(e).filter((c) => c.issueNumber === e.pr)).toHaveLength(1)
  }, 240_000)
})
