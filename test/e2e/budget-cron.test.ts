/**
 * The seeds' "$200 cron" war story through the bundle: many runs, each within its own
 * max-cost-usd, together capped by budget.daily-usd on the ledger issue (docs/budget.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toolUse, type ReplyStep } from '../harness/anthropic-server.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import type { ActionRun } from '../harness/run-action.js'
import { LEDGER_MARKER } from '../../src/github/ledger.js'
import { parseEntry, renderEntry, type LedgerEntry } from '../../src/agent/budget.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

const TOKEN = 'ghs_budgetTokenDoNotLeak0123456789abcdef'
const BOT = 'github-actions[bot]'
const CAP = 2
const MAX_COST = 0.5
/** What one review really costs: 100k input + 1k output tokens of claude-sonnet-4-6. */
const RUN_COST = 0.315

const reply: ReplyStep = {
  ...toolUse('submit_review', { summary: 'Looks fine.', findings: [] }),
  usage: {
    input_tokens: 100_000,
    output_tokens: 1_000,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  },
}

async function fixture(numbers: number[]): Promise<PrFixture> {
  const pr = await prFixture({
    token: TOKEN,
    baseFiles: {
      '.github/pitcrew.yml': `budget:\n  daily-usd: ${CAP}\n`,
      'src/math.ts': 'export const add = (a: number, b: number) => a + b\n',
    },
    headFiles: { 'src/math.ts': 'export const add = (a: number, b: number) => a - b\n' },
    branch: 'feature',
    numbers,
  })
  pr.model.onRequest(() => reply)
  return pr
}

const review = (pr: PrFixture, n: number, runId: number) =>
  pr.review(n, {
    spawn: true,
    env: { GITHUB_RUN_ID: String(runId), 'INPUT_MAX-COST-USD': String(MAX_COST) },
  })

function ledgerOf(emu: GitHubEmulator) {
  const r = emu.state.repos.get('acme/widgets')!
  const issues = [...r.issues.values()].filter((i) => i.body?.includes(LEDGER_MARKER))
  const open = issues.filter((i) => i.state === 'open')
  const number = Math.min(...issues.map((i) => i.number))
  // Comments on a duplicate ledger: there must be none, every run writes to the lowest.
  const elsewhere = r.comments.filter(
    (c) => c.issueNumber !== number && issues.some((i) => i.number === c.issueNumber),
  )
  const entries = r.comments
    .filter((c) => c.issueNumber === number && c.user === BOT)
    .flatMap((c) => parseEntry({ id: c.id, createdAt: c.createdAt, body: c.body }) ?? [])
  return { number, open, entries, elsewhere }
}

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 1e6) / 1e6
const settled = (entries: LedgerEntry[]) =>
  sum(entries.filter((e) => e.kind === 'settle').map((e) => e.usd))

describe('twelve concurrent runs against a daily cap that allows about four', () => {
  let pr: PrFixture
  let runs: ActionRun[]
  beforeAll(async () => {
    pr = await fixture(Array.from({ length: 12 }, (_, i) => i + 1))
    runs = await Promise.all(Array.from({ length: 12 }, (_, i) => review(pr, i + 1, 5000 + i)))
  }, 600_000)
  afterAll(async () => pr?.close())

  it('all exit 0; every run is reviewed or over budget, and the counts add up', () => {
    for (const run of runs) expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const outcomes = runs.map((r) => r.outputs.outcome)
    const granted = outcomes.filter((o) => o === 'reviewed').length
    const refused = outcomes.filter((o) => o === 'over-budget').length
    expect(granted + refused).toBe(12)
    const spent = sum(runs.map((r) => Number(r.outputs['cost-usd'])))
    // The measured story, for the record (counts vary with scheduling, the bounds do not).
    console.log(JSON.stringify({ runs: 12, granted, refused, spentUsd: spent, capUsd: CAP }))
    // The first four reservations by id always fit ($0.50 each, cap $2.00): at least four.
    expect(granted).toBeGreaterThanOrEqual(4)
    expect(refused).toBeGreaterThanOrEqual(1)
    // One model call per granted run, none for a refused one.
    expect(pr.model.requests).toHaveLength(granted)
    for (const run of runs.filter((r) => r.outputs.outcome === 'over-budget')) {
      expect(run.outputs['cost-usd']).toBe('0.0000')
      expect(run.stdout).toMatch(
        /::notice::pitcrew is over budget: the daily cap of \$2\.00 \(budget\.daily-usd, rolling 24 h\) has \$\d+\.\d\d spent/,
      )
      expect(run.summary).toContain('### pitcrew: over budget')
      expect(run.summary).toMatch(/The ledger: https:\/\/github\.com\/acme\/widgets\/issues\/\d+/)
    }
  })

  it('spends no more than the cap plus one reservation, and the ledger says exactly what was spent', () => {
    const { entries, open, number, elsewhere } = ledgerOf(pr.emu)
    expect(open.map((i) => i.number)).toEqual([number])
    expect(elsewhere).toEqual([])
    const granted = runs.filter((r) => r.outputs.outcome === 'reviewed')
    const spent = sum(granted.map((r) => Number(r.outputs['cost-usd'])))
    expect(spent).toBe(sum(granted.map(() => RUN_COST)))
    // Each run reserves its whole max-cost-usd and spends less: the cap itself holds.
    expect(spent).toBeLessThanOrEqual(CAP)
    // Every reservation is settled: the granted ones with what they spent, refused ones with 0.
    const reserves = entries.filter((e) => e.kind === 'reserve')
    const settles = entries.filter((e) => e.kind === 'settle')
    expect(settles.map((s) => (s.kind === 'settle' ? s.reservation : 0)).sort()).toEqual(
      reserves.map((r) => r.id).sort(),
    )
    expect(settled(entries)).toBe(spent)
    expect(settles.filter((s) => s.usd > 0)).toHaveLength(granted.length)
    // Refused runs either released a reservation or wrote nothing: never more entries than runs.
    const released = settles.filter((s) => s.usd === 0).length
    expect(granted.length + released).toBe(reserves.length)
    expect(reserves.length).toBeLessThanOrEqual(12)
    // Each granted run's summary links the ledger.
    for (const run of granted) {
      expect(run.summary).toContain(
        `ledger: [#${number}](https://github.com/acme/widgets/issues/${number})`,
      )
    }
  })
})

describe('a crashed run and a later run', () => {
  let pr: PrFixture
  beforeAll(async () => {
    pr = await fixture([1, 2, 3, 4])
  }, 120_000)
  afterAll(async () => pr?.close())

  it("holds a crashed run's reservation until it expires; later runs see the earlier spend", async () => {
    const first = await review(pr, 1, 7001)
    expect(first.exitCode, first.stdout).toBe(0)
    expect(first.outputs.outcome).toBe('reviewed')
    const { number } = ledgerOf(pr.emu)

    // A run reserved $1.69 and died: no settlement will ever come.
    const crashedId = pr.emu.addComment({
      owner: 'acme',
      repo: 'widgets',
      issueNumber: number,
      user: BOT,
      body: renderEntry(
        { kind: 'reserve', run: '6999/1', mode: 'fix', usd: 1.69, lifetimeMs: 30 * 60_000 },
        { runUrl: 'https://github.com/acme/widgets/actions/runs/6999' },
      ),
    })
    const second = await review(pr, 2, 7002)
    expect(second.exitCode, second.stdout).toBe(0)
    expect(second.outputs.outcome).toBe('over-budget')
    expect(second.stdout).toContain(
      '::notice::pitcrew is over budget: the daily cap of $2.00 (budget.daily-usd, rolling 24 h) has $0.32 spent and $1.69 reserved by runs in progress, $0.00 left; this run needs $0.50 (its max-cost-usd). No model call was made.',
    )
    expect(JSON.parse(second.outputs.result)).toMatchObject({
      window: 'daily',
      capUsd: 2,
      spentUsd: RUN_COST,
      reservedUsd: 1.69,
    })
    expect(pr.model.requests).toHaveLength(1)

    // 31 minutes later the crashed reservation has expired; the earlier spend still counts.
    const c = pr.emu.state.repos.get('acme/widgets')!.comments.find((x) => x.id === crashedId)!
    c.createdAt = c.updatedAt = new Date(Date.now() - 31 * 60_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
    const third = await review(pr, 3, 7003)
    expect(third.exitCode, third.stdout).toBe(0)
    expect(third.outputs.outcome).toBe('reviewed')
    expect(pr.model.requests).toHaveLength(2)
    expect(third.stdout).toContain(
      'Budget: reserved $0.50 on https://github.com/acme/widgets/issues/',
    )
    expect(third.stdout).toContain('(daily: $0.32 spent, $0.00 reserved by others, cap $2.00)')

    const { entries } = ledgerOf(pr.emu)
    // first: reserve + settle; crashed: reserve; second: nothing; third: reserve + settle.
    expect(entries.map((e) => [e.kind, e.run, e.usd])).toEqual([
      ['reserve', '7001/1', 0.5],
      ['settle', '7001/1', RUN_COST],
      ['reserve', '6999/1', 1.69],
      ['reserve', '7003/1', 0.5],
      ['settle', '7003/1', RUN_COST],
    ])
  }, 300_000)

  it('settles a run that fails too (the model refuses the key): $0 spent, released', async () => {
    pr.model.queue({ fault: 'auth' })
    const run = await pr.review(4, {
      env: { GITHUB_RUN_ID: '7004', 'INPUT_MAX-COST-USD': String(MAX_COST) },
    })
    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.outputs.outcome).toBe('incomplete')
    const { entries } = ledgerOf(pr.emu)
    expect(entries.slice(-2).map((e) => [e.kind, e.run, e.usd])).toEqual([
      ['reserve', '7004/1', 0.5],
      ['settle', '7004/1', 0],
    ])
  }, 120_000)
})
