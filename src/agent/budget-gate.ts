/**
 * The repository budget gate: before a run's first model call it reserves its possible spend on
 * the ledger (src/github/ledger.ts) and learns, by reading the ledger back, whether the
 * reservation was granted (src/agent/budget.ts); at the end it settles what was really spent.
 * A run the gate refuses makes no model call and ends `over-budget` (exit 0).
 *
 * A ledger that cannot be read or written fails closed: with a cap configured, no model call is
 * made without a granted reservation (the error names the permission). docs/budget.md.
 */
import type { Log } from '../log.js'
import type { Mode } from '../config/types.js'
import type { TaskResult } from '../task.js'
import type { Octokit } from '../github/octokit.js'
import { appendEntry, openLedger, readLedger, type LedgerRef } from '../github/ledger.js'
import { errorMessage } from '../github/errors.js'
import {
  LOOKBACK_MS,
  capsOf,
  describeCap,
  dollars,
  entryKey,
  lifetimeFor,
  parseEntry,
  renderEntry,
  reservationAmount,
  verdictOf,
  windowsAt,
  type BudgetCaps,
  type LedgerComment,
  type LedgerEntry,
  type WindowState,
} from './budget.js'
import { emptyUsage } from './types.js'

/** Why a run may not call the model: it would pass a cap. */
export interface BudgetRefusal {
  /** The notice: names the cap, its window and the amount spent. */
  message: string
  window: WindowState
  /** What the run needs: its max-cost-usd. */
  requestedUsd: number
  ledgerUrl: string
}

/** The ledger could not be used: with a cap configured the run makes no model call. */
export class BudgetLedgerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BudgetLedgerError'
  }
}

export interface BudgetGate {
  /** True when a cap is configured. */
  readonly enabled: boolean
  /**
   * Reserves once (later calls return the first answer): undefined when the run may call the
   * model, a refusal when it would pass a cap. Throws BudgetLedgerError when the ledger fails.
   */
  reserve(): Promise<BudgetRefusal | undefined>
  /** The granted reservation (the run's cost ceiling); undefined before or without one. */
  grantedUsd(): number | undefined
  /** True without a cap, or once a reservation was granted. */
  allowsModelCalls(): boolean
  /** Records what the run really spent and releases the rest; once, and only after a grant. */
  settle(spentUsd: number | null): Promise<void>
  /** One line for the job summary (what was reserved, the ledger link); '' without a cap. */
  summaryLine(): string
}

/** The gate of a run with no cap configured (and of the CLI, which has no ledger). */
export const NO_BUDGET: BudgetGate = {
  enabled: false,
  reserve: async () => undefined,
  grantedUsd: () => undefined,
  allowsModelCalls: () => true,
  settle: async () => undefined,
  summaryLine: () => '',
}

export interface BudgetGateOptions {
  caps: BudgetCaps
  /** The ledger's client; null when the run has no token (the gate then refuses to reserve). */
  octokit: Octokit | null
  owner: string
  repo: string
  runId: string
  runAttempt: string
  runUrl: string
  mode: Mode
  maxCostUsd: number
  timeoutMinutes: number
  log: Log
  now?: () => number
}

const PERMISSION_HINT =
  "Expected the job's token to be allowed to read and write issues ('permissions: issues: write', as in docs/examples)."

/** The gate for a run; NO_BUDGET when neither cap is set. */
export function createBudgetGate(o: BudgetGateOptions): BudgetGate {
  if (capsOf(o.caps).length === 0) return NO_BUDGET
  const now = o.now ?? Date.now
  const run = `${o.runId}/${o.runAttempt}`
  const caps = capsOf(o.caps)
    .map((c) => `budget.${c.window}-usd ${dollars(c.capUsd)}`)
    .join(', ')
  let answer: Promise<BudgetRefusal | undefined> | undefined
  let ledger: LedgerRef | undefined
  let granted: { id: number; usd: number } | undefined
  let settled = false
  let since = 0

  const fail = (doing: string, err: unknown): never => {
    throw new BudgetLedgerError(
      `The budget ledger could not be ${doing} (${errorMessage(err)}). ${caps} is set, so pitcrew makes no model call without a reservation on the ledger. ${PERMISSION_HINT}`,
    )
  }

  const read = async (): Promise<LedgerEntry[]> => {
    const comments = await readLedger(o.octokit!, ledger!, since).catch((e: unknown) =>
      fail(`read (issue #${ledger!.number})`, e),
    )
    return comments.flatMap((c) => parseEntry(c) ?? [])
  }

  const refusal = (w: WindowState, requestedUsd: number): BudgetRefusal => ({
    message: `pitcrew is over budget: ${describeCap(w)} has ${dollars(w.spentUsd)} spent${w.reservedUsd > 0 ? ` and ${dollars(w.reservedUsd)} reserved by runs in progress` : ''}, ${dollars(Math.max(0, w.leftUsd))} left; this run needs ${dollars(requestedUsd)} (its max-cost-usd). No model call was made. Ledger: ${ledger!.url}`,
    window: w,
    requestedUsd,
    ledgerUrl: ledger!.url,
  })

  const post = (body: string, key: string) =>
    appendEntry(o.octokit!, ledger!, { body, key, since }).catch((e: unknown) =>
      fail(`written (issue #${ledger!.number})`, e),
    )

  async function reserveOnce(): Promise<BudgetRefusal | undefined> {
    if (!o.octokit) {
      throw new BudgetLedgerError(
        `The budget ledger needs a GitHub token: ${caps} is set, so pitcrew makes no model call without a reservation on the ledger. Expected the 'github-token' input (default \${{ github.token }}) with 'issues: write'.`,
      )
    }
    o.log.startGroup('pitcrew: budget')
    try {
      ledger = await openLedger(o.octokit, o).catch((e: unknown) => fail('opened', e))
      since = now() - LOOKBACK_MS
      const before = await read()
      // The local clock may lag GitHub's: never judge "now" earlier than the newest entry.
      const at = Math.max(now(), ...before.map((e) => e.at))
      const windows = windowsAt(before, o.caps, at)
      const amount = reservationAmount(windows, o.maxCostUsd)
      if (amount === 0) {
        const tightest = [...windows].sort((a, b) => a.leftUsd - b.leftUsd)[0]!
        return refusal(tightest, o.maxCostUsd)
      }
      const lifetimeMs = lifetimeFor(o.timeoutMinutes)
      const mine = await post(
        renderEntry(
          { kind: 'reserve', run, mode: o.mode, usd: amount, lifetimeMs },
          { runUrl: o.runUrl },
        ),
        entryKey('reserve', run),
      )
      const release = () =>
        post(
          renderEntry(
            { kind: 'settle', run, reservation: mine.id, usd: 0 },
            { runUrl: o.runUrl, reservedUsd: amount },
          ),
          entryKey('settle', run),
        )
      // Read back: the verdict depends only on the entries before ours, which are all there now.
      let after: LedgerEntry[]
      try {
        after = await read()
      } catch (err) {
        // No verdict, no model call: release the reservation rather than hold it until it expires.
        await release().catch(() => undefined)
        settled = true
        throw err
      }
      if (!after.some((e) => e.id === mine.id)) after.push(...ownEntry(mine))
      const verdict = verdictOf(
        after.sort((a, b) => a.id - b.id),
        o.caps,
        mine.id,
      )
      if (!verdict.granted) {
        // Released at once, so it holds back nobody else.
        await release()
        settled = true
        return refusal(verdict.exceeded!, amount)
      }
      granted = { id: mine.id, usd: amount }
      o.log.info(
        `Budget: reserved ${dollars(amount)} on ${ledger.url} (${verdict.windows.map((w) => `${w.window}: ${dollars(w.spentUsd)} spent, ${dollars(w.reservedUsd)} reserved by others, cap ${dollars(w.capUsd)}`).join('; ')}); it expires ${Math.round(lifetimeMs / 60_000)} min after it was written unless settled.`,
      )
      return undefined
    } finally {
      o.log.endGroup()
    }
  }

  return {
    enabled: true,
    reserve() {
      answer ??= reserveOnce().then((r) => {
        if (r) o.log.notice(r.message)
        return r
      })
      return answer
    },
    grantedUsd: () => granted?.usd,
    allowsModelCalls: () => granted !== undefined,
    async settle(spentUsd) {
      if (!granted || settled || !ledger || !o.octokit) return
      settled = true
      // An unknown price counts as the whole reservation: never less than may have been spent.
      const usd = spentUsd ?? granted.usd
      try {
        await appendEntry(o.octokit, ledger, {
          body: renderEntry(
            { kind: 'settle', run, reservation: granted.id, usd: Math.round(usd * 1e6) / 1e6 },
            { runUrl: o.runUrl, reservedUsd: granted.usd },
          ),
          key: entryKey('settle', run),
          since,
        })
        o.log.info(`Budget: settled ${dollars(usd)} of ${dollars(granted.usd)} on ${ledger.url}.`)
      } catch (err) {
        o.log.warning(
          `Budget: the settlement (${dollars(usd)}) could not be written on ${ledger.url} (${errorMessage(err)}); the reservation of ${dollars(granted.usd)} expires on its own.`,
        )
      }
    },
    summaryLine() {
      if (!ledger) return ''
      if (granted) {
        return `Budget: ${dollars(granted.usd)} reserved (${caps}); ledger: [#${ledger.number}](${ledger.url}).`
      }
      return `Budget ledger: [#${ledger.number}](${ledger.url}).`
    },
  }
}

/** Our own entry, from the create's answer, when the read-back does not list it yet. */
function ownEntry(c: LedgerComment): LedgerEntry[] {
  const e = parseEntry(c)
  return e ? [e] : []
}

/** The result of a run the gate refused: outcome `over-budget`, no failure, nothing spent. */
export function overBudgetResult(mode: Mode, r: BudgetRefusal): TaskResult {
  return {
    mode,
    outcome: 'over-budget',
    result: {
      reason: r.message,
      window: r.window.window,
      capUsd: r.window.capUsd,
      spentUsd: r.window.spentUsd,
      reservedUsd: r.window.reservedUsd,
      requestedUsd: r.requestedUsd,
      ledger: r.ledgerUrl,
    },
    usage: emptyUsage(),
    stopReason: 'none',
    summary: `### pitcrew: over budget\n\n${r.message.replace(/ Ledger: \S+$/, '')}\n\nThe ledger: ${r.ledgerUrl} (how it works: docs/budget.md).\n`,
  }
}
