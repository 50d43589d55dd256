/**
 * The repository budget's ledger, as pure logic: the entries (one issue comment each), how they
 * are written and read back, and the one rule every run applies to decide whether a reservation
 * is granted. No I/O here: src/github/ledger.ts reads and writes the comments, and
 * src/agent/budget-gate.ts runs the gate. Why the rule is safe under concurrency: docs/budget.md.
 *
 * Amounts are kept in micro-dollars (integers) so that sums compare exactly: four reservations of
 * $0.50 fit a $2.00 cap whatever order they are added in.
 */

export type BudgetWindow = 'hourly' | 'daily'

/** `budget.hourly-usd` and `budget.daily-usd`; an absent key is no cap. */
export interface BudgetCaps {
  hourlyUsd?: number
  dailyUsd?: number
}

export const WINDOW_MS: Record<BudgetWindow, number> = {
  hourly: 60 * 60_000,
  daily: 24 * 60 * 60_000,
}

/** The longest a reservation lives; readers look back this far (plus clock skew) and no further. */
export const MAX_LIFETIME_MS = WINDOW_MS.daily
/** How far back a reader lists entries: every window and every live reservation fit in it. */
export const LOOKBACK_MS = MAX_LIFETIME_MS + 10 * 60_000
/** Added to a run's `timeout-minutes` for its reservation's lifetime: the run reports after it. */
export const LIFETIME_MARGIN_MS = 15 * 60_000

/** A reservation: a run may spend up to `usd` until it settles or `lifetimeMs` passes. */
export interface ReserveEntry {
  kind: 'reserve'
  /** The issue comment's id: the ledger's order. */
  id: number
  /** The comment's `created_at` (GitHub's clock), epoch ms. */
  at: number
  /** `<run id>/<attempt>`. */
  run: string
  mode: string
  usd: number
  lifetimeMs: number
}

/** A settlement: what the run really spent; its reservation is released. */
export interface SettleEntry {
  kind: 'settle'
  id: number
  at: number
  run: string
  /** The id of the reservation it closes. */
  reservation: number
  usd: number
}

export type LedgerEntry = ReserveEntry | SettleEntry

/** What a window holds at an instant, as seen from one point of the ledger. */
export interface WindowState {
  window: BudgetWindow
  capUsd: number
  /** Settled spend dated inside the window. */
  spentUsd: number
  /** Live reservations: not settled, not expired. */
  reservedUsd: number
  /** capUsd - spentUsd - reservedUsd (may be negative). */
  leftUsd: number
}

const MICRO = 1_000_000
const micro = (usd: number) => Math.round(usd * MICRO)
const usd = (m: number) => m / MICRO

/** The configured caps, hourly first. */
export function capsOf(caps: BudgetCaps): { window: BudgetWindow; capUsd: number }[] {
  const out: { window: BudgetWindow; capUsd: number }[] = []
  if (caps.hourlyUsd !== undefined) out.push({ window: 'hourly', capUsd: caps.hourlyUsd })
  if (caps.dailyUsd !== undefined) out.push({ window: 'daily', capUsd: caps.dailyUsd })
  return out
}

/**
 * The windows at time `at`, counting only entries with an id below `beforeId` (all of them when
 * undefined). A reservation counts while it is unsettled (no settle for it below `beforeId`) and
 * unexpired at `at`; a settlement counts when it is dated inside the window.
 */
export function windowsAt(
  entries: readonly LedgerEntry[],
  caps: BudgetCaps,
  at: number,
  beforeId?: number,
): WindowState[] {
  const seen = entries.filter((e) => (beforeId === undefined || e.id < beforeId) && e.at <= at)
  const settled = new Set(seen.flatMap((e) => (e.kind === 'settle' ? [e.reservation] : [])))
  let reserved = 0
  for (const e of seen) {
    if (e.kind === 'reserve' && !settled.has(e.id) && e.at + e.lifetimeMs > at) {
      reserved += micro(e.usd)
    }
  }
  return capsOf(caps).map(({ window, capUsd }) => {
    let spent = 0
    for (const e of seen) {
      if (e.kind === 'settle' && e.at > at - WINDOW_MS[window]) spent += micro(e.usd)
    }
    return {
      window,
      capUsd,
      spentUsd: usd(spent),
      reservedUsd: usd(reserved),
      leftUsd: usd(micro(capUsd) - spent - reserved),
    }
  })
}

/** The verdict on one reservation. */
export interface Verdict {
  granted: boolean
  /** The windows as the reservation found them (before its own amount). */
  windows: WindowState[]
  /** The first window it would pass, when refused. */
  exceeded?: WindowState
}

/**
 * The rule, the same for every reader: reservation R is granted iff, for every cap, the spend
 * settled in the window ending at R's time, plus every reservation before R (by id) still live
 * at R's time, plus R's amount, is at most the cap. It reads only entries before R and R itself,
 * never the reader's clock or who is asking, so every run that reads the ledger after R was
 * written reaches the same verdict on R. Reservations that were themselves refused still count
 * until their release (seconds later): the rule never has to decide an earlier verdict first,
 * so a reader needs no history beyond LOOKBACK_MS.
 */
export function verdictOf(
  entries: readonly LedgerEntry[],
  caps: BudgetCaps,
  reservationId: number,
): Verdict {
  const r = entries.find((e) => e.id === reservationId)
  if (!r || r.kind !== 'reserve') {
    throw new Error(
      `Invalid reservation id ${reservationId}: it is not a reservation in the ledger read back. Expected the id of the comment this run posted.`,
    )
  }
  const windows = windowsAt(entries, caps, r.at, r.id)
  const exceeded = windows.find((w) => micro(w.leftUsd) < micro(r.usd))
  return exceeded ? { granted: false, windows, exceeded } : { granted: true, windows }
}

/**
 * What a run reserves now: its whole `maxCostUsd` when that fits in every window, else 0 (the run
 * is over budget and writes nothing). Never a part of it: the cost ceiling is checked before each
 * model call, so a run granted $0.05 could still make one $0.30 call, and several such runs would
 * each pass the cap by a call (docs/budget.md).
 */
export function reservationAmount(windows: readonly WindowState[], maxCostUsd: number): number {
  const amount = micro(maxCostUsd)
  return windows.every((w) => micro(w.leftUsd) >= amount) ? usd(amount) : 0
}

/** How long a run's reservation lives: its timeout plus a margin, at most MAX_LIFETIME_MS. */
export function lifetimeFor(timeoutMinutes: number): number {
  return Math.min(MAX_LIFETIME_MS, Math.ceil(timeoutMinutes * 60_000 + LIFETIME_MARGIN_MS))
}

// ---------------------------------------------------------------------------------------------
// The entries as comments: a line people read, and a machine-readable marker.

const TAG = 'pitcrew:budget'
const MARK_RE = /<!-- pitcrew:budget (\{[^\n]*?\}) -->/

/** The marker that finds this run's entry of this kind again (write-once key). */
export function entryKey(kind: 'reserve' | 'settle', run: string): string {
  return `<!-- ${TAG}:${kind}:${run} -->`
}

/** The human-readable body of an entry, as posted on the ledger issue. */
export function renderEntry(
  e: Omit<ReserveEntry, 'id' | 'at'> | Omit<SettleEntry, 'id' | 'at'>,
  o: { runUrl: string; reservedUsd?: number },
): string {
  const data =
    e.kind === 'reserve'
      ? { v: 1, kind: e.kind, run: e.run, mode: e.mode, usd: e.usd, lifetimeMs: e.lifetimeMs }
      : { v: 1, kind: e.kind, run: e.run, reservation: e.reservation, usd: e.usd }
  const [runId, attempt] = e.run.split('/')
  const runLink = `[run ${runId} attempt ${attempt}](${o.runUrl})`
  const line =
    e.kind === 'reserve'
      ? `**reserve** ${dollars(e.usd)} · ${e.mode} · ${runLink} · expires ${Math.round(e.lifetimeMs / 60_000)} min after this comment unless settled`
      : `**settle** ${dollars(e.usd)} spent${o.reservedUsd !== undefined ? ` of ${dollars(o.reservedUsd)} reserved` : ''} · ${runLink} · releases reservation ${e.reservation}`
  return `${line}\n\n<!-- ${TAG} ${JSON.stringify(data)} -->\n${entryKey(e.kind, e.run)}`
}

/** A comment read back: its id, time and body. */
export interface LedgerComment {
  id: number
  createdAt: string
  body: string
}

/** The entry a comment carries, or undefined for any other comment (people may talk there). */
export function parseEntry(c: LedgerComment): LedgerEntry | undefined {
  const m = MARK_RE.exec(c.body)
  if (!m) return undefined
  let d: Record<string, unknown>
  try {
    d = JSON.parse(m[1]!) as Record<string, unknown>
  } catch {
    return undefined
  }
  const at = Date.parse(c.createdAt)
  const amount = d.usd
  if (!Number.isFinite(at) || typeof amount !== 'number' || !(amount >= 0)) return undefined
  if (typeof d.run !== 'string') return undefined
  if (d.kind === 'reserve' && typeof d.lifetimeMs === 'number' && d.lifetimeMs > 0) {
    return {
      kind: 'reserve',
      id: c.id,
      at,
      run: d.run,
      mode: typeof d.mode === 'string' ? d.mode : '',
      usd: amount,
      lifetimeMs: Math.min(d.lifetimeMs, MAX_LIFETIME_MS),
    }
  }
  if (d.kind === 'settle' && typeof d.reservation === 'number') {
    return { kind: 'settle', id: c.id, at, run: d.run, reservation: d.reservation, usd: amount }
  }
  return undefined
}

/** `$1.25`; amounts under a cent keep four decimals. */
export function dollars(v: number): string {
  return Math.abs(v) < 0.01 && v !== 0 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`
}

/** "the daily cap of $5.00 (rolling 24 h)". */
export function describeCap(w: Pick<WindowState, 'window' | 'capUsd'>): string {
  return `the ${w.window} cap of ${dollars(w.capUsd)} (budget.${w.window}-usd, rolling ${w.window === 'hourly' ? '60 min' : '24 h'})`
}
