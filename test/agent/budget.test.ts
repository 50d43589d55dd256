import { describe, expect, it } from 'vitest'
import {
  LOOKBACK_MS,
  MAX_LIFETIME_MS,
  WINDOW_MS,
  dollars,
  entryKey,
  lifetimeFor,
  parseEntry,
  renderEntry,
  reservationAmount,
  verdictOf,
  windowsAt,
  type BudgetCaps,
  type LedgerEntry,
  type ReserveEntry,
  type SettleEntry,
} from '../../src/agent/budget.js'

const T0 = Date.parse('2026-12-02T12:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN

const reserve = (id: number, at: number, usd: number, lifetimeMs = 35 * MIN): ReserveEntry => ({
  kind: 'reserve',
  id,
  at,
  run: `${id}/1`,
  mode: 'review',
  usd,
  lifetimeMs,
})
const settle = (id: number, at: number, reservation: number, usd: number): SettleEntry => ({
  kind: 'settle',
  id,
  at,
  run: `${reservation}/1`,
  reservation,
  usd,
})

const granted = (entries: LedgerEntry[], caps: BudgetCaps) =>
  entries.filter((e) => e.kind === 'reserve').map((e) => verdictOf(entries, caps, e.id).granted)

/** A deterministic PRNG (mulberry32): the same "random" ledgers on every run. */
function rng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('the grant rule', () => {
  it('grants reservations in id order until the cap, exactly at the cap included', () => {
    // Twelve runs reserve $0.50 at the same second against a $2.00 daily cap: four fit.
    const entries = Array.from({ length: 12 }, (_, i) => reserve(100 + i, T0, 0.5))
    expect(granted(entries, { dailyUsd: 2 })).toEqual([
      ...Array(4).fill(true),
      ...Array(8).fill(false),
    ])
  })

  it('does not depend on the order a reader lists the entries in', () => {
    const entries = [reserve(1, T0, 0.7), reserve(2, T0, 0.7), reserve(3, T0, 0.5)]
    const shuffled = [entries[2]!, entries[0]!, entries[1]!]
    const caps = { dailyUsd: 1.5 }
    for (const id of [1, 2, 3]) {
      expect(verdictOf(shuffled, caps, id)).toEqual(verdictOf(entries, caps, id))
    }
    expect(granted(entries, caps)).toEqual([true, true, false])
  })

  it('gives the same verdict to every reader that sees at least the entries up to it', () => {
    // Concurrent runs read the ledger back at different moments: each sees a prefix that ends at
    // or after its own entry. The verdict on R never changes with what came after R.
    const r = rng(7)
    const entries: LedgerEntry[] = []
    for (let id = 1; id <= 40; id++) {
      const open = entries.filter(
        (e) =>
          e.kind === 'reserve' &&
          !entries.some((s) => s.kind === 'settle' && s.reservation === e.id),
      )
      if (open.length > 0 && r() < 0.4) {
        const target = open[Math.floor(r() * open.length)]!
        entries.push(settle(id, T0 + id * MIN, target.id, Math.round(r() * 50) / 100))
      } else entries.push(reserve(id, T0 + id * MIN, 0.2 + Math.round(r() * 60) / 100))
    }
    const caps = { hourlyUsd: 1.5, dailyUsd: 4 }
    for (const e of entries) {
      if (e.kind !== 'reserve') continue
      const full = verdictOf(entries, caps, e.id)
      for (let end = entries.indexOf(e) + 1; end <= entries.length; end++) {
        expect(verdictOf(entries.slice(0, end), caps, e.id)).toEqual(full)
      }
    }
  })

  it('needs no history older than the lookback: a bounded read reaches the same verdicts', () => {
    const r = rng(11)
    const entries: LedgerEntry[] = []
    let at = T0
    for (let id = 1; id <= 300; id++) {
      at += Math.floor(r() * 40) * MIN
      const open = entries.filter(
        (e): e is ReserveEntry =>
          e.kind === 'reserve' &&
          !entries.some((s) => s.kind === 'settle' && s.reservation === e.id),
      )
      if (open.length > 0 && r() < 0.45) {
        const target = open[Math.floor(r() * open.length)]!
        entries.push(settle(id, at, target.id, Math.round(r() * target.usd * 100) / 100))
      } else entries.push(reserve(id, at, 0.1 + Math.round(r() * 90) / 100, lifetimeFor(r() * 90)))
    }
    const caps = { hourlyUsd: 2, dailyUsd: 10 }
    let checked = 0
    for (const e of entries) {
      if (e.kind !== 'reserve') continue
      const bounded = entries.filter((x) => x.at >= e.at - LOOKBACK_MS)
      expect(verdictOf(bounded, caps, e.id)).toEqual(verdictOf(entries, caps, e.id))
      checked++
    }
    expect(checked).toBeGreaterThan(100)
  })

  it('never lets granted live reservations plus settled spend pass a cap (random ledgers)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = rng(seed)
      const entries: LedgerEntry[] = []
      let at = T0
      const caps = { hourlyUsd: 1 + r() * 2, dailyUsd: 3 + r() * 5 }
      const grants = new Map<number, boolean>()
      for (let id = 1; id <= 120; id++) {
        at += Math.floor(r() * 20) * MIN
        const live = entries.filter(
          (e): e is ReserveEntry =>
            e.kind === 'reserve' &&
            grants.get(e.id) === true &&
            e.at + e.lifetimeMs > at &&
            !entries.some((s) => s.kind === 'settle' && s.reservation === e.id),
        )
        if (live.length > 0 && r() < 0.5) {
          // A granted run settles at most what it reserved (its cost ceiling), before its
          // reservation expires (the lifetime is its timeout plus a margin).
          const target = live[Math.floor(r() * live.length)]!
          entries.push(settle(id, at, target.id, Math.round(r() * target.usd * 1e6) / 1e6))
          continue
        }
        const e = reserve(id, at, 0.05 + Math.round(r() * 95) / 100, lifetimeFor(5 + r() * 30))
        entries.push(e)
        const v = verdictOf(entries, caps, id)
        grants.set(id, v.granted)
        if (!v.granted) entries.push(settle(++id, at, e.id, 0))
        // The invariant, checked at every reservation for both windows.
        for (const w of ['hourly', 'daily'] as const) {
          const cap = w === 'hourly' ? caps.hourlyUsd : caps.dailyUsd
          const spent = entries
            .filter((x): x is SettleEntry => x.kind === 'settle' && x.at > at - WINDOW_MS[w])
            .reduce((s, x) => s + x.usd, 0)
          const reserved = entries
            .filter(
              (x): x is ReserveEntry =>
                x.kind === 'reserve' &&
                grants.get(x.id) === true &&
                x.at + x.lifetimeMs > at &&
                !entries.some((s) => s.kind === 'settle' && s.reservation === x.id),
            )
            .reduce((s, x) => s + x.usd, 0)
          expect(spent + reserved).toBeLessThanOrEqual(cap + 1e-9)
        }
      }
      expect([...grants.values()].filter(Boolean).length).toBeGreaterThan(0)
    }
  })

  it('counts a refused reservation until its release, then not at all', () => {
    const caps = { dailyUsd: 1 }
    const base = [reserve(1, T0, 0.6), reserve(2, T0, 0.6)]
    expect(granted(base, caps)).toEqual([true, false])
    // Run 3 reserves before run 2's release is written: run 2's refused $0.60 still counts.
    expect(verdictOf([...base, reserve(3, T0, 0.4)], caps, 3).granted).toBe(false)
    // After the release it does not.
    expect(verdictOf([...base, settle(3, T0, 2, 0), reserve(4, T0, 0.4)], caps, 4).granted).toBe(
      true,
    )
  })

  it('releases a settled reservation and counts what was really spent instead', () => {
    const caps = { dailyUsd: 1 }
    const entries = [
      reserve(1, T0, 0.9),
      settle(2, T0 + MIN, 1, 0.25),
      reserve(3, T0 + 2 * MIN, 0.75),
    ]
    const v = verdictOf(entries, caps, 3)
    expect(v.granted).toBe(true)
    expect(v.windows).toEqual([
      { window: 'daily', capUsd: 1, spentUsd: 0.25, reservedUsd: 0, leftUsd: 0.75 },
    ])
    expect(
      verdictOf([...entries.slice(0, 2), reserve(3, T0 + 2 * MIN, 0.76)], caps, 3).granted,
    ).toBe(false)
  })

  it('expires a reservation never settled (a crashed run) at its lifetime, not before', () => {
    const caps = { dailyUsd: 1 }
    const crashed = reserve(1, T0, 1, 30 * MIN)
    expect(verdictOf([crashed, reserve(2, T0 + 30 * MIN - 1000, 0.5)], caps, 2).granted).toBe(false)
    expect(verdictOf([crashed, reserve(2, T0 + 30 * MIN, 0.5)], caps, 2).granted).toBe(true)
  })

  it('rolls each window by the entry time: spend leaves the hourly cap before the daily one', () => {
    const caps = { hourlyUsd: 1, dailyUsd: 1.5 }
    const spent = [reserve(1, T0, 1), settle(2, T0 + 10 * MIN, 1, 1)]
    const at = (ms: number, usd: number) => verdictOf([...spent, reserve(3, ms, usd)], caps, 3)
    // 30 minutes later: the hourly cap is full.
    expect(at(T0 + 40 * MIN, 0.2)).toMatchObject({ granted: false, exceeded: { window: 'hourly' } })
    // 61 minutes after the settlement: the hourly window is empty, the daily one still holds $1.
    expect(at(T0 + 71 * MIN, 0.5).granted).toBe(true)
    expect(at(T0 + 71 * MIN, 0.6)).toMatchObject({ granted: false, exceeded: { window: 'daily' } })
    // A day later the daily window is empty too.
    expect(at(T0 + 10 * MIN + 24 * HOUR + 1000, 1).granted).toBe(true)
  })

  it('sums amounts exactly (no float drift at the cap)', () => {
    const entries = Array.from({ length: 10 }, (_, i) => reserve(i + 1, T0, 0.1))
    expect(granted(entries, { dailyUsd: 1 })).toEqual(Array(10).fill(true))
  })

  it('refuses to judge an id that is not a reservation', () => {
    expect(() => verdictOf([settle(1, T0, 9, 0)], { dailyUsd: 1 }, 1)).toThrow(
      /Invalid reservation id 1/,
    )
  })
})

describe('what a run reserves', () => {
  const w = (leftUsd: number) => windowsAt([reserve(1, T0, 5 - leftUsd)], { dailyUsd: 5 }, T0)
  it('asks for its whole max-cost-usd when it fits, exactly at the cap included', () => {
    expect(reservationAmount(w(3), 2)).toBe(2)
    expect(reservationAmount(w(2), 2)).toBe(2)
  })
  it('asks for nothing, never a part, when less than max-cost-usd is left', () => {
    // A part could not bound the first model call's cost (docs/budget.md).
    expect(reservationAmount(w(1.99), 2)).toBe(0)
    expect(reservationAmount(w(0), 2)).toBe(0)
  })
  it('must fit every window', () => {
    const both = windowsAt([reserve(1, T0, 0.5)], { hourlyUsd: 1, dailyUsd: 10 }, T0)
    expect(reservationAmount(both, 0.5)).toBe(0.5)
    expect(reservationAmount(both, 0.6)).toBe(0)
  })
  it('bounds the lifetime by the timeout plus 15 minutes, and by a day', () => {
    expect(lifetimeFor(20)).toBe(35 * MIN)
    expect(lifetimeFor(5000)).toBe(MAX_LIFETIME_MS)
  })
})

describe('entries as comments', () => {
  it('round-trips a reservation and a settlement, with a line people read', () => {
    const body = renderEntry(
      { kind: 'reserve', run: '77/2', mode: 'fix', usd: 1.5, lifetimeMs: 35 * MIN },
      { runUrl: 'https://github.com/acme/widgets/actions/runs/77' },
    )
    expect(body.split('\n')[0]).toBe(
      '**reserve** $1.50 · fix · [run 77 attempt 2](https://github.com/acme/widgets/actions/runs/77) · expires 35 min after this comment unless settled',
    )
    expect(body).toContain(entryKey('reserve', '77/2'))
    expect(parseEntry({ id: 9, createdAt: '2026-12-02T12:00:00Z', body })).toEqual({
      kind: 'reserve',
      id: 9,
      at: T0,
      run: '77/2',
      mode: 'fix',
      usd: 1.5,
      lifetimeMs: 35 * MIN,
    })
    const s = renderEntry(
      { kind: 'settle', run: '77/2', reservation: 9, usd: 0.3141 },
      { runUrl: 'u', reservedUsd: 1.5 },
    )
    expect(s.split('\n')[0]).toBe(
      '**settle** $0.31 spent of $1.50 reserved · [run 77 attempt 2](u) · releases reservation 9',
    )
    expect(parseEntry({ id: 10, createdAt: '2026-12-02T12:01:00Z', body: s })).toEqual({
      kind: 'settle',
      id: 10,
      at: T0 + MIN,
      run: '77/2',
      reservation: 9,
      usd: 0.3141,
    })
  })

  it('ignores comments that are not entries, and entries that do not parse', () => {
    const at = '2026-12-02T12:00:00Z'
    for (const body of [
      'Why is the budget so low?',
      '<!-- pitcrew:budget {not json} -->',
      '<!-- pitcrew:budget {"v":1,"kind":"reserve","run":"1/1","usd":-1,"lifetimeMs":1} -->',
      '<!-- pitcrew:budget {"v":1,"kind":"reserve","run":"1/1","usd":1} -->',
      '<!-- pitcrew:budget {"v":1,"kind":"settle","run":"1/1","usd":1} -->',
      '<!-- pitcrew:budget {"v":1,"kind":"bribe","run":"1/1","usd":1} -->',
    ]) {
      expect(parseEntry({ id: 1, createdAt: at, body }), body).toBeUndefined()
    }
  })

  it('caps a lifetime written larger than a day', () => {
    const body =
      '<!-- pitcrew:budget {"v":1,"kind":"reserve","run":"1/1","usd":1,"lifetimeMs":1e12} -->'
    expect(parseEntry({ id: 1, createdAt: '2026-12-02T12:00:00Z', body })).toMatchObject({
      lifetimeMs: MAX_LIFETIME_MS,
    })
  })

  it('writes dollars with cents, and sub-cent amounts with four decimals', () => {
    expect([dollars(2), dollars(0.315), dollars(0.0042), dollars(0)]).toEqual([
      '$2.00',
      '$0.32',
      '$0.0042',
      '$0.00',
    ])
  })
})
