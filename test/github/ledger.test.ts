import { afterEach, describe, expect, it } from 'vitest'
import { memoryLog } from '../../src/log.js'
import { createOctokit } from '../../src/github/octokit.js'
import {
  LEDGER_MARKER,
  LEDGER_TITLE,
  appendEntry,
  openLedger,
  readLedger,
} from '../../src/github/ledger.js'
import { entryKey, parseEntry, renderEntry } from '../../src/agent/budget.js'
import { BudgetLedgerError, createBudgetGate } from '../../src/agent/budget-gate.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

const R = { owner: 'acme', repo: 'widgets' }
const BOT = 'github-actions[bot]'
const DAY = 24 * 60 * 60_000
let emu: GitHubEmulator | undefined

afterEach(async () => {
  await emu?.close()
  emu = undefined
})

async function start(tokens?: NonNullable<Parameters<typeof setup>[0]>['tokens']) {
  const s = await setup({ tokens: tokens ?? { 'test-token': { login: BOT } } })
  emu = s.emu
  s.emu.addRepo(R)
  return s
}

const entry = (run: string, usd: number) =>
  renderEntry({ kind: 'reserve', run, mode: 'review', usd, lifetimeMs: 60_000 }, { runUrl: 'u' })

/** Dates a comment back, as if it had been written `ms` ago. */
function age(e: GitHubEmulator, id: number, ms: number) {
  const c = e.state.repos.get('acme/widgets')!.comments.find((x) => x.id === id)!
  c.createdAt = c.updatedAt = new Date(Date.now() - ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

describe('the emulator lists issue comments as GitHub does', () => {
  it('honours `since` (updated at or after) and pages with Link headers', async () => {
    const { emu, octokit } = await start()
    const n = emu.addIssue({ ...R, title: 't' })
    const ids = Array.from({ length: 45 }, (_, i) =>
      emu.addComment({ ...R, issueNumber: n, body: `c${i}` }),
    )
    for (const id of ids.slice(0, 20)) age(emu, id, 2 * DAY)
    const since = new Date(Date.now() - DAY).toISOString()
    const pages = []
    for await (const p of octokit.paginate.iterator(octokit.rest.issues.listComments, {
      ...R,
      issue_number: n,
      since,
      per_page: 10,
    })) {
      pages.push(p.data.map((c) => c.id))
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5])
    expect(pages.flat()).toEqual(ids.slice(20))
    const bad = await octokit.rest.issues
      .listComments({ ...R, issue_number: n, since: 'yesterday' })
      .catch((e: { status: number }) => e.status)
    expect(bad).toBe(422)
  })
})

describe('the ledger issue', () => {
  it('is one issue even when six runs open it at once; the duplicates are closed', async () => {
    const { emu, octokit } = await start()
    emu.addIssue({ ...R, title: 'unrelated', labels: ['pitcrew'] })
    const refs = await Promise.all(Array.from({ length: 6 }, () => openLedger(octokit, R)))
    const ledgers = [...emu.state.repos.get('acme/widgets')!.issues.values()].filter((i) =>
      i.body?.includes(LEDGER_MARKER),
    )
    const first = Math.min(...ledgers.map((i) => i.number))
    expect(new Set(refs.map((r) => r.number))).toEqual(new Set([first]))
    expect(ledgers.filter((i) => i.state === 'open').map((i) => i.number)).toEqual([first])
    expect(ledgers.every((i) => i.title === LEDGER_TITLE)).toBe(true)
    expect(ledgers.find((i) => i.number === first)!.labels.map((l) => l.name)).toEqual(['pitcrew'])
    // The run that opened the ledger pinned it (GraphQL pinIssue); no duplicate was pinned.
    expect(ledgers.filter((i) => i.pinned).map((i) => i.number)).toEqual([first])
    expect(emu.requests.filter((r) => r.path.endsWith('/graphql'))).toHaveLength(1)
    // A later run finds it and opens nothing.
    const before = emu.requests.filter((r) => r.method === 'POST').length
    expect((await openLedger(octokit, R)).number).toBe(first)
    expect(emu.requests.filter((r) => r.method === 'POST').length).toBe(before)
  })

  it('is the same issue for twelve runs with their own clients, started together', async () => {
    const { emu } = await start()
    const clients = Array.from({ length: 12 }, () =>
      createOctokit({ token: 'test-token', apiUrl: emu.url, log: memoryLog(), writeSpacingMs: 0 }),
    )
    const refs = await Promise.all(clients.map((c) => openLedger(c, R)))
    const open = [...emu.state.repos.get('acme/widgets')!.issues.values()].filter(
      (i) => i.body?.includes(LEDGER_MARKER) && i.state === 'open',
    )
    expect(open).toHaveLength(1)
    expect(refs.map((r) => r.number)).toEqual(Array(12).fill(open[0]!.number))
  })

  it('takes the lowest-numbered ledger, not the newest, when the label was removed', async () => {
    const { emu, octokit } = await start()
    const first = emu.addIssue({ ...R, title: LEDGER_TITLE, body: LEDGER_MARKER, user: BOT })
    emu.addIssue({ ...R, title: LEDGER_TITLE, body: LEDGER_MARKER, user: BOT })
    expect((await openLedger(octokit, R)).number).toBe(first)
  })

  it('is opened all the same when GitHub refuses to pin it (three issues pinned already)', async () => {
    const { emu, octokit } = await start()
    const issues = emu.state.repos.get('acme/widgets')!.issues
    for (const t of ['a', 'b', 'c']) issues.get(emu.addIssue({ ...R, title: t }))!.pinned = true
    const log = memoryLog()
    const ref = await openLedger(octokit, { ...R, log })
    const ledger = issues.get(ref.number)!
    expect(ledger.body).toContain(LEDGER_MARKER)
    expect(ledger.state).toBe('open')
    expect(ledger.pinned).toBeFalsy()
    expect(log.lines.join('\n')).toContain(
      `info: Budget: the ledger #${ref.number} could not be pinned (You can only pin up to 3 issues per repository.); it works unpinned.`,
    )
  })

  it('ignores a look-alike ledger opened by a person', async () => {
    const { emu, octokit } = await start()
    const fake = emu.addIssue({ ...R, title: LEDGER_TITLE, body: LEDGER_MARKER, user: 'mallory' })
    const ref = await openLedger(octokit, R)
    expect(ref.number).not.toBe(fake)
  })
})

describe('ledger entries', () => {
  it('reads only entries by pitcrew, since the given time, over every page, in id order', async () => {
    const { emu, octokit } = await start()
    const ledger = await openLedger(octokit, R)
    const ids: number[] = []
    for (let i = 0; i < 130; i++) {
      ids.push(
        emu.addComment({ ...R, issueNumber: ledger.number, body: entry(`${i}/1`, 0.1), user: BOT }),
      )
    }
    for (const id of ids.slice(0, 10)) age(emu, id, 2 * DAY)
    emu.addComment({ ...R, issueNumber: ledger.number, body: entry('666/1', 99), user: 'mallory' })
    emu.addComment({ ...R, issueNumber: ledger.number, body: 'why so expensive?', user: 'octocat' })
    const read = await readLedger(octokit, ledger, Date.now() - DAY)
    expect(read.map((c) => c.id)).toEqual(ids.slice(10))
    expect(read.map((c) => parseEntry(c)!.run)).toEqual(ids.slice(10).map((_, i) => `${i + 10}/1`))
  })

  it('is written once when the answer to the write is lost', async () => {
    const { emu, octokit } = await start()
    const ledger = await openLedger(octokit, R)
    emu.fault({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 502, afterApply: true })
    const key = entryKey('reserve', '5/1')
    const c = await appendEntry(octokit, ledger, {
      body: entry('5/1', 1),
      key,
      since: Date.now() - 60_000,
    })
    const stored = emu.state.repos.get('acme/widgets')!.comments.filter((x) => x.body.includes(key))
    expect(stored.map((x) => x.id)).toEqual([c.id])
    expect(
      emu.requests.filter((r) => r.method === 'POST' && /comments$/.test(r.path)),
    ).toHaveLength(1)
  })
})

describe('the gate when the ledger cannot be used', () => {
  const gateOf = (octokit: ReturnType<typeof createOctokit> | null) =>
    createBudgetGate({
      caps: { dailyUsd: 5 },
      octokit,
      ...R,
      runId: '9',
      runAttempt: '1',
      runUrl: 'u',
      mode: 'review',
      maxCostUsd: 1,
      timeoutMinutes: 20,
      log: memoryLog(),
    })

  it('fails closed, naming the permission, when the token may not write issues', async () => {
    const { emu, octokit } = await start({ 'test-token': { login: BOT, readOnly: true } })
    const gate = gateOf(octokit)
    const err = await gate.reserve().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BudgetLedgerError)
    expect((err as Error).message).toMatch(
      /^The budget ledger could not be opened \(.*403.*Resource not accessible by integration.*\)\. budget\.daily-usd \$5\.00 is set, so pitcrew makes no model call without a reservation on the ledger\. Expected the job's token to be allowed to read and write issues \('permissions: issues: write'/,
    )
    expect(gate.allowsModelCalls()).toBe(false)
    expect(emu.state.repos.get('acme/widgets')!.comments).toHaveLength(0)
  })

  it('fails closed without a token', async () => {
    const err = await gateOf(null)
      .reserve()
      .catch((e: unknown) => e)
    expect((err as Error).message).toMatch(
      /^The budget ledger needs a GitHub token: budget\.daily-usd \$5\.00 is set/,
    )
  })

  it('reserves once, settles once, and writes nothing more when asked again', async () => {
    const { emu, octokit } = await start()
    const gate = gateOf(octokit)
    expect(await gate.reserve()).toBeUndefined()
    expect(await gate.reserve()).toBeUndefined()
    expect(gate.grantedUsd()).toBe(1)
    await gate.settle(0.25)
    await gate.settle(0.5)
    const entries = emu.state.repos
      .get('acme/widgets')!
      .comments.map((c) => parseEntry({ id: c.id, createdAt: c.createdAt, body: c.body }))
      .filter((e) => e !== undefined)
    expect(entries.map((e) => [e.kind, e.usd])).toEqual([
      ['reserve', 1],
      ['settle', 0.25],
    ])
  })
})

describe('the ledger issue and its entries, exactly once (issue 14)', () => {
  const gateOf = (octokit: ReturnType<typeof createOctokit>, runId: string) =>
    createBudgetGate({
      caps: { dailyUsd: 5 },
      octokit,
      ...R,
      runId,
      runAttempt: '1',
      runUrl: 'u',
      mode: 'review',
      maxCostUsd: 1,
      timeoutMinutes: 20,
      log: memoryLog(),
    })
  const ledgers = (e: GitHubEmulator) =>
    [...e.state.repos.get('acme/widgets')!.issues.values()].filter((i) =>
      i.body?.includes(LEDGER_MARKER),
    )
  const reserves = (e: GitHubEmulator, run: string) =>
    e.state.repos
      .get('acme/widgets')!
      .comments.map((c) => parseEntry({ id: c.id, createdAt: c.createdAt, body: c.body }))
      .filter((x) => x?.kind === 'reserve' && x.run === run)

  for (const status of [502, 0]) {
    it(`a lost answer to the ledger issue (applied, then ${status || 'dropped'}): one issue, one reservation`, async () => {
      const { emu, octokit } = await start()
      emu.fault({ method: 'POST', path: /\/issues$/, status, afterApply: true })
      const gate = gateOf(octokit, '31')
      expect(await gate.reserve()).toBeUndefined()
      expect(ledgers(emu)).toHaveLength(1)
      expect(reserves(emu, '31/1')).toHaveLength(1)
      expect(
        emu.requests.filter((r) => r.method === 'POST' && /\/issues$/.test(r.path)),
      ).toHaveLength(1)
    })
  }

  it('the ledger issue failing for good fails closed naming it; a clean rerun opens one and reserves once', async () => {
    const { emu, octokit } = await start()
    emu.fault({ method: 'POST', path: /\/issues$/, status: 500, times: 99 })
    const gate = gateOf(octokit, '32')
    const err = await gate.reserve().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BudgetLedgerError)
    expect((err as Error).message).toMatch(/^The budget ledger could not be opened \(.*500/)
    expect(gate.allowsModelCalls()).toBe(false)
    expect(ledgers(emu)).toHaveLength(0)

    emu.clearFaults()
    const rerun = gateOf(octokit, '32')
    expect(await rerun.reserve()).toBeUndefined()
    expect(ledgers(emu)).toHaveLength(1)
    expect(reserves(emu, '32/1')).toHaveLength(1)
  })

  it('the reservation failing for good fails closed; a clean rerun writes exactly one', async () => {
    const { emu, octokit } = await start()
    await openLedger(octokit, R)
    emu.fault({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 500, times: 99 })
    const gate = gateOf(octokit, '33')
    const err = await gate.reserve().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BudgetLedgerError)
    expect(gate.allowsModelCalls()).toBe(false)
    expect(reserves(emu, '33/1')).toHaveLength(0)

    emu.clearFaults()
    expect(await gateOf(octokit, '33').reserve()).toBeUndefined()
    expect(reserves(emu, '33/1')).toHaveLength(1)
  })
})
