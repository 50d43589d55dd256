/**
 * The repository budget in fix mode, through the bundle (`node dist/index.js` for a failed
 * `workflow_run`): a daily cap already spent on the ledger issue stops the run before any model
 * call (outcome over-budget, exit 0); the hourly cap counts only the last 60 minutes; a job
 * cancelled mid-run settles what it spent so far, exactly once; the run that opens the ledger
 * pins it (docs/budget.md).
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ReplyStep } from '../harness/anthropic-server.js'
import { waitUntil } from '../harness/run-action.js'
import { LEDGER_LABEL, LEDGER_MARKER } from '../../src/github/ledger.js'
import { parseEntry, renderEntry, type LedgerEntry } from '../../src/agent/budget.js'
import {
  comments,
  OWNER,
  originBranches,
  pulls,
  REPO,
  setup,
  type Env,
  runFixBundle,
} from './setup.js'
import { NODE_FILES, NODE_TEST, finish, fixLib } from './node-project.js'

const bundle = resolve(import.meta.dirname, '../../dist/index.js')
const BOT = 'github-actions[bot]'
const RUN_URL = `https://github.com/${OWNER}/${REPO}/actions/runs/1`
/** 30k input + 2k output tokens of claude-sonnet-4-6 ($3 / $15 per million): $0.12. */
const USAGE = {
  input_tokens: 30_000,
  output_tokens: 2_000,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
}
const STEP_COST = 0.12
const FREE = {
  input_tokens: 0,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
}

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

const withBudget = (budget: string) =>
  setup('fix-ts-vitest', NODE_TEST, {
    fixFirst: { ...NODE_FILES, '.github/pitcrew.yml': `budget:\n${budget}` },
  })

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The ledger issue, opened by pitcrew's token as a run would have opened it. */
function openLedger(e: Env): number {
  return e.emu.addIssue({
    owner: OWNER,
    repo: REPO,
    title: 'pitcrew budget ledger',
    body: `${LEDGER_MARKER}\nThe ledger.`,
    user: BOT,
    labels: [LEDGER_LABEL],
  })
}

/** A finished run on the ledger: its reservation and its settlement, both `agoMs` ago. */
function finishedRun(e: Env, ledger: number, run: string, usd: number, agoMs: number): void {
  const add = (body: string) => {
    const id = e.emu.addComment({ owner: OWNER, repo: REPO, issueNumber: ledger, user: BOT, body })
    const c = repoState(e).comments.find((x) => x.id === id)!
    c.createdAt = c.updatedAt = iso(Date.now() - agoMs)
    return id
  }
  const reservation = add(
    renderEntry(
      { kind: 'reserve', run, mode: 'review', usd: 2, lifetimeMs: 30 * 60_000 },
      { runUrl: RUN_URL },
    ),
  )
  add(renderEntry({ kind: 'settle', run, reservation, usd }, { runUrl: RUN_URL, reservedUsd: 2 }))
}

const repoState = (e: Env) => e.emu.state.repos.get(`${OWNER}/${REPO}`)!

function entries(e: Env, ledger: number): LedgerEntry[] {
  return repoState(e)
    .comments.filter((c) => c.issueNumber === ledger && c.user === BOT)
    .flatMap((c) => parseEntry({ id: c.id, createdAt: c.createdAt, body: c.body }) ?? [])
}

const priced = (step: ReplyStep, usage = USAGE): ReplyStep => ({ ...step, usage })

describe.skipIf(!existsSync(bundle))('fix mode and the repository budget (bundle)', () => {
  it('over the daily cap: reproduces, makes no model call, ends over-budget with exit 0 and says so', async () => {
    env = await withBudget('  daily-usd: 1\n')
    const ledger = openLedger(env)
    finishedRun(env, ledger, '100/1', 0.95, 3 * 60 * 60_000)
    const before = entries(env, ledger)
    const run = await runFixBundle(env, {
      command: NODE_TEST,
      env: { 'INPUT_MAX-COST-USD': '0.5' },
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.mode).toBe('fix')
    expect(run.outputs.outcome, run.summary).toBe('over-budget')
    expect(env.ai.requests).toHaveLength(0)
    expect(run.outputs['cost-usd']).toBe('0.0000')
    const notice =
      'pitcrew is over budget: the daily cap of $1.00 (budget.daily-usd, rolling 24 h) has $0.95 spent, $0.05 left; this run needs $0.50 (its max-cost-usd). No model call was made.'
    expect(run.stdout).toContain(`::notice::${notice}`)
    expect(JSON.parse(run.outputs.result)).toMatchObject({
      window: 'daily',
      capUsd: 1,
      spentUsd: 0.95,
      reservedUsd: 0,
      requestedUsd: 0.5,
      ledger: `https://github.com/${OWNER}/${REPO}/issues/${ledger}`,
    })
    expect(run.summary).toContain('### pitcrew: over budget')
    expect(run.summary).toContain(notice)
    expect(run.summary).toContain(
      `The ledger: https://github.com/${OWNER}/${REPO}/issues/${ledger}`,
    )
    // The failures were reproduced before the budget said no.
    const reproduced = run.stdout.indexOf('::group::pitcrew fix: reproduce')
    expect(reproduced).toBeGreaterThan(-1)
    expect(reproduced).toBeLessThan(run.stdout.indexOf('::group::pitcrew: budget'))
    expect(run.stdout).toMatch(/Failure context: \d+ characters for 1 failure\(s\)/)
    // Nothing was reserved, pushed or posted.
    expect(entries(env, ledger)).toEqual(before)
    expect(comments(env).filter((c) => c.issueNumber === env!.pr)).toEqual([])
    expect(pulls(env).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
    expect(originBranches(env).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  }, 300_000)

  it('the hourly cap counts the last 60 minutes only: an older spend does not stop a run, a recent one does', async () => {
    env = await withBudget('  hourly-usd: 1\n')
    const ledger = openLedger(env)
    // $5 spent 2 h ago (outside the hour), $0.30 ten minutes ago (inside).
    finishedRun(env, ledger, '101/1', 5, 2 * 60 * 60_000)
    finishedRun(env, ledger, '102/1', 0.3, 10 * 60_000)
    env.ai.queue(priced(fixLib), priced(finish, FREE))
    const first = await runFixBundle(env, {
      command: NODE_TEST,
      runId: 801,
      env: { 'INPUT_MAX-COST-USD': '0.5', GITHUB_RUN_ID: '801' },
    })
    expect(first.exitCode, first.stdout + first.stderr).toBe(0)
    expect(first.outputs.outcome, first.summary).toBe('fixed')
    expect(first.stdout).toContain('Budget: reserved $0.50 on https://github.com/acme/shop/issues/')
    expect(first.stdout).toContain('(hourly: $0.30 spent, $0.00 reserved by others, cap $1.00)')
    expect(Number(first.outputs['cost-usd'])).toBe(STEP_COST)
    expect(env.ai.requests).toHaveLength(2)

    // Five minutes ago another run spent $0.20: $0.30 + $0.20 + the first run's $0.12 leave
    // $0.38 in the hour, less than the $0.50 a run reserves.
    finishedRun(env, ledger, '103/1', 0.2, 5 * 60_000)
    const second = await runFixBundle(env, {
      command: NODE_TEST,
      runId: 802,
      env: { 'INPUT_MAX-COST-USD': '0.5', GITHUB_RUN_ID: '802' },
    })
    expect(second.exitCode, second.stdout + second.stderr).toBe(0)
    expect(second.outputs.outcome, second.summary).toBe('over-budget')
    expect(env.ai.requests).toHaveLength(2)
    expect(second.stdout).toContain(
      '::notice::pitcrew is over budget: the hourly cap of $1.00 (budget.hourly-usd, rolling 60 min) has $0.62 spent, $0.38 left; this run needs $0.50 (its max-cost-usd). No model call was made.',
    )
    expect(JSON.parse(second.outputs.result)).toMatchObject({
      window: 'hourly',
      capUsd: 1,
      spentUsd: 0.62,
      reservedUsd: 0,
    })

    // The ledger: the first run reserved and settled once; the second wrote nothing.
    const mine = entries(env, ledger).filter((e) => e.run.startsWith('80'))
    expect(mine.map((e) => [e.kind, e.run, e.usd])).toEqual([
      ['reserve', '801/1', 0.5],
      ['settle', '801/1', STEP_COST],
    ])
  }, 400_000)

  it('a job cancelled mid-run (SIGTERM) settles what it spent so far, exactly once; the ledger it opened is pinned', async () => {
    env = await withBudget('  daily-usd: 10\n')
    // No ledger yet: this run opens it (and pins it). The first call is answered and billed; the second never is: the job is cancelled while
    // the model is thinking.
    let answer = () => undefined as void
    const hold = new Promise<void>((r) => (answer = r))
    env.ai.queue(priced(fixLib), { fault: 'slow', hold })
    const e = env
    const run = await runFixBundle(e, {
      command: NODE_TEST,
      runId: 9300,
      timeoutMs: 120_000,
      env: { 'INPUT_MAX-COST-USD': '1', GITHUB_RUN_ID: '9300' },
      cancel: {
        signal: 'SIGTERM',
        when: () => waitUntil(() => e.ai.requests.length >= 2, 'the second model call', 90_000),
      },
    })
    answer()
    expect(run.exitCode, run.stdout).not.toBe(0)
    expect(run.outputs.outcome, run.stdout).toBe('cancelled')
    expect(Number(run.outputs['cost-usd'])).toBe(STEP_COST)
    expect(run.stdout).toContain(
      'Budget: settled $0.12 of $1.00 on https://github.com/acme/shop/issues/',
    )

    const ledgers = [...repoState(e).issues.values()].filter((i) => i.body?.includes(LEDGER_MARKER))
    expect(ledgers.map((i) => [i.state, i.pinned])).toEqual([['open', true]])
    expect(run.stdout).toContain(`Budget: pinned the ledger #${ledgers[0]!.number}.`)
    const mine = entries(e, ledgers[0]!.number).filter((x) => x.run === '9300/1')
    expect(mine.map((x) => [x.kind, x.usd])).toEqual([
      ['reserve', 1],
      ['settle', STEP_COST],
    ])
    const [reserve, settle] = mine
    expect(settle!.kind === 'settle' && settle!.reservation).toBe(reserve!.id)
    // Nothing else was written after the signal: no fix branch, no pull request, no comment.
    expect(pulls(e).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
    expect(comments(e).filter((c) => c.issueNumber === e.pr)).toEqual([])
  }, 300_000)
})
