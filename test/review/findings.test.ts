/**
 * Every finding the model submits is accounted for once (issue 9, case 4; contract section 8):
 * submitted = inline + outside the diff + overflow + below min-severity + dismissed + repeated
 * + duplicates,
 * and two different findings never share a fingerprint.
 */
import { describe, it, expect } from 'vitest'
import { parseGitDiff, indexDiff } from '../../src/review/diff.js'
import type { Finding } from '../../src/review/anchor.js'
import { findingCounts, placeFindings, type Placement } from '../../src/review/findings.js'
import { normalizeText, outsideFingerprint, titleKey } from '../../src/review/fingerprint.js'
import { renderSummary, SEVERITIES, type Severity } from '../../src/review/summary.js'
import { emptyUsage } from '../../src/agent/types.js'
import { memoryLog } from '../../src/log.js'
import { cleanFinding } from '../../src/review/submit-review.js'
import { CATEGORIES, DEFAULT_CATEGORIES, type Category } from '../../src/config/types.js'

// src/a.ts: one hunk, new lines 3-9; src/b.ts: one hunk, new lines 10-13.
const DIFF = `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -3,6 +3,7 @@ function one() {
 c3
 c4
-old5
+new5
+new6
 c6
 c7
 c8
diff --git a/src/b.ts b/src/b.ts
index 1111111..2222222 100644
--- a/src/b.ts
+++ b/src/b.ts
@@ -10,3 +10,4 @@
 d10
+d11
+d12
 d13
`
const index = indexDiff(parseGitDiff(DIFF))

function place(
  findings: Finding[],
  o: {
    posted?: Set<string>
    dismissed?: Set<string>
    minSeverity?: Severity
    maxComments?: number
    categories?: readonly Category[]
  } = {},
): Promise<Placement> {
  return placeFindings(findings, {
    index,
    posted: o.posted ?? new Set(),
    dismissed: o.dismissed ?? new Set(),
    minSeverity: o.minSeverity ?? 'nit',
    ...(o.categories ? { categories: o.categories } : {}),
    maxComments: o.maxComments ?? 50,
    readHead: async () => null,
    log: memoryLog(),
  })
}

function sumOfBuckets(p: Placement): number {
  const c = findingCounts(p)
  return (
    c.inline +
    c.outsideDiff +
    c.overflow +
    c.outsideCategories +
    c.belowMinSeverity +
    c.dismissed +
    c.repeated +
    c.duplicates
  )
}

const f = (over: Partial<Finding>): Finding => ({
  path: 'src/a.ts',
  line: 5,
  severity: 'minor',
  title: 'A finding',
  body: 'Why it matters.',
  ...over,
})

describe('findings outside the diff', () => {
  it('keeps two findings in one file whose titles differ only in digits (case 4)', async () => {
    const one = f({ path: 'src/a.ts', line: 40, title: 'Unused variable tmp1', body: 'tmp1.' })
    const two = f({ path: 'src/a.ts', line: 41, title: 'Unused variable tmp2', body: 'tmp2.' })
    const p = await place([one, two])
    expect(p.placed.map((x) => [x.placement, x.finding.title])).toEqual([
      ['outside', 'Unused variable tmp1'],
      ['outside', 'Unused variable tmp2'],
    ])
    expect(new Set(p.placed.map((x) => x.fp)).size).toBe(2)
    expect(findingCounts(p)).toEqual({
      submitted: 2,
      inline: 0,
      outsideDiff: 2,
      overflow: 0,
      outsideCategories: 0,
      belowMinSeverity: 0,
      dismissed: 0,
      repeated: 0,
      duplicates: 0,
    })
  })

  it('includes the line or range and the title digits in the fingerprint', () => {
    const base = { path: 'src/a.ts', title: 'Unused variable tmp1', line: 40 }
    const fp = outsideFingerprint(base)
    expect(outsideFingerprint({ ...base })).toBe(fp)
    expect(outsideFingerprint({ ...base, title: 'Unused variable tmp2' })).not.toBe(fp)
    expect(outsideFingerprint({ ...base, line: 41 })).not.toBe(fp)
    expect(outsideFingerprint({ ...base, startLine: 38 })).not.toBe(fp)
    expect(outsideFingerprint({ ...base, path: 'src/b.ts' })).not.toBe(fp)
    // Casing and punctuation still do not matter.
    expect(outsideFingerprint({ ...base, title: 'unused variable `tmp1`' })).toBe(fp)
  })

  it('recognises an outside-the-diff finding posted by an earlier run', async () => {
    const one = f({ path: 'src/a.ts', line: 40, title: 'Unused variable tmp1' })
    const first = await place([one])
    const again = await place([one], { posted: new Set(first.placed.map((x) => x.fp)) })
    expect(again.placed).toEqual([])
    expect(again.repeated).toBe(1)
  })
})

describe('distinct findings in one run', () => {
  it('are never merged, even on the same code with titles differing only in digits', async () => {
    const a = f({ line: 5, title: 'Off by 1 in loop', body: 'Starts at 1.' })
    const b = f({ line: 5, title: 'Off by 2 in loop', body: 'Ends at n+2.' })
    const p = await place([a, b])
    expect(p.placed.map((x) => x.finding.title)).toEqual(['Off by 1 in loop', 'Off by 2 in loop'])
    expect(p.placed.every((x) => x.placement === 'inline')).toBe(true)
    expect(new Set(p.placed.map((x) => x.fp)).size).toBe(2)
    // The second one's fingerprint is stable: a rerun recognises both.
    const again = await place([a, b], { posted: new Set(p.placed.map((x) => x.fp)) })
    expect(again.repeated).toBe(2)
    expect(again.placed).toEqual([])
  })

  it('an exact duplicate from a second call is posted once and counted', async () => {
    const a = f({ line: 5, title: 'Null check missing', body: 'x may be null.' })
    const p = await place([a, { ...a }, { ...a, path: './src/a.ts' }])
    expect(p.placed).toHaveLength(1)
    expect(p.duplicates).toBe(2)
    expect(sumOfBuckets(p)).toBe(3)
  })
})

describe('findings outside review.categories', () => {
  it('style is not posted by default: counted in its own bucket and named in the summary', async () => {
    const p = await place(
      [
        f({ severity: 'major', category: 'bug', title: 'Real bug' }),
        f({ severity: 'nit', category: 'style', line: 6, title: 'Rename tmp1' }),
        f({ severity: 'minor', category: 'style', line: 9, title: 'Prefer const' }),
        f({ severity: 'minor', category: 'docs', line: 11, title: 'Stale comment' }),
      ],
      { minSeverity: 'nit', categories: DEFAULT_CATEGORIES },
    )
    expect(findingCounts(p)).toEqual({
      submitted: 4,
      inline: 2,
      outsideDiff: 0,
      overflow: 0,
      outsideCategories: 2,
      belowMinSeverity: 0,
      dismissed: 0,
      repeated: 0,
      duplicates: 0,
    })
    expect(p.offCategory).toEqual({ style: 2 })
    expect(p.placed.map((x) => x.finding.title)).toEqual(['Real bug', 'Stale comment'])
    const text = renderSummary({
      verdict: 'v',
      placed: p.placed,
      repeated: p.repeated,
      belowMinSeverity: p.belowMin,
      offCategory: p.offCategory,
      submitted: p.submitted,
      range: { base: 'a'.repeat(40), head: 'b'.repeat(40), kind: 'full' },
      reviewed: ['src/a.ts'],
      skipped: [],
      coverage: null,
      usage: emptyUsage(),
      calls: 1,
      notes: [],
      state: { v: 1, headSha: 'b'.repeat(40), fingerprints: [] },
    })
    expect(text).toContain(
      '(4 findings submitted: 2 inline, 2 outside review.categories (style: 2; counted, not posted))',
    )
  })

  it('a style nit is counted once, as outside the categories, not also below min-severity', async () => {
    const p = await place([f({ severity: 'nit', category: 'style' })], {
      minSeverity: 'major',
      categories: ['bug'],
    })
    expect(findingCounts(p)).toMatchObject({ outsideCategories: 1, belowMinSeverity: 0 })
    expect(sumOfBuckets(p)).toBe(1)
  })

  it('a finding without a valid category from the model counts as correctness', () => {
    expect(cleanFinding({ path: 'a', line: 1, title: 't', body: 'b' })?.category).toBe(
      'correctness',
    )
    const odd = { path: 'a', line: 1, category: 'vibes' } as unknown as Partial<Finding>
    expect(cleanFinding(odd)?.category).toBe('correctness')
    expect(cleanFinding({ path: 'a', line: 1, category: 'security' })?.category).toBe('security')
    expect(DEFAULT_CATEGORIES).toEqual(CATEGORIES.filter((c) => c !== 'style'))
  })
})

describe('findings below min-severity', () => {
  it('are counted and listed in a collapsed section of the summary', async () => {
    const p = await place(
      [
        f({ severity: 'major', title: 'Real bug' }),
        f({ severity: 'nit', line: 6, title: 'Rename tmp1' }),
        f({ severity: 'nit', path: 'src/zz.ts', line: 3, title: 'Rename tmp2' }),
      ],
      { minSeverity: 'minor' },
    )
    expect(findingCounts(p)).toMatchObject({ submitted: 3, inline: 1, belowMinSeverity: 2 })
    expect(p.below.map((x) => x.title)).toEqual(['Rename tmp1', 'Rename tmp2'])
    const text = renderSummary({
      verdict: 'v',
      placed: p.placed,
      repeated: p.repeated,
      belowMinSeverity: p.belowMin,
      below: p.below,
      minSeverity: 'minor',
      duplicates: p.duplicates,
      submitted: p.submitted,
      range: { base: 'a'.repeat(40), head: 'b'.repeat(40), kind: 'full' },
      reviewed: ['src/a.ts'],
      skipped: [],
      coverage: null,
      usage: emptyUsage(),
      calls: 1,
      notes: [],
      state: { v: 1, headSha: 'b'.repeat(40), fingerprints: [] },
    })
    expect(text).toContain(
      '(3 findings submitted: 1 inline, 2 below min-severity (not posted, listed below))',
    )
    const section =
      /<details><summary>Below min-severity \(minor\), not posted \(2\)<\/summary>([\s\S]*?)<\/details>/.exec(
        text,
      )
    expect(section, text).not.toBeNull()
    expect(section![1]).toContain('nit: Rename tmp1 — `src/a.ts` line 6')
    expect(section![1]).toContain('nit: Rename tmp2 — `src/zz.ts` line 3')
  })
})

/** mulberry32: a small seeded PRNG, so a failing seed can be replayed. */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A random run: several parallel calls, each submitting findings on lines inside and outside
 * the diff, in files of the diff and not, with titles that often differ only in digits, and
 * some findings submitted again by another call (exact copies, or with other whitespace/case).
 */
function randomRun(next: () => number): Finding[][] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!
  const pool: Finding[] = []
  const n = 1 + Math.floor(next() * 25)
  for (let i = 0; i < n; i++) {
    const path = pick(['src/a.ts', 'src/b.ts', 'src/other.ts', './src/a.ts'])
    const line = pick([3, 4, 5, 6, 9, 11, 12, 40, 41, 80, 0, -1])
    const finding: Finding = {
      path,
      line,
      severity: pick(SEVERITIES),
      title: `${pick(['Unused variable tmp', 'Off by', 'Missing check'])}${Math.floor(next() * 4)}`,
      body: pick(['Same body.', 'Another body.', `Body ${Math.floor(next() * 3)}.`]),
    }
    if (next() < 0.7) finding.category = pick([...CATEGORIES])
    if (next() < 0.2) finding.start_line = line - 1
    pool.push(finding)
  }
  const calls: Finding[][] = Array.from({ length: 1 + Math.floor(next() * 4) }, () => [])
  for (const x of pool) {
    pick(calls).push(x)
    // A duplicate from another parallel call (which saw the same code).
    if (next() < 0.3)
      pick(calls).push(next() < 0.5 ? { ...x } : { ...x, title: x.title.toUpperCase() })
  }
  return calls
}

describe('accounting property', () => {
  it('submitted = inline + outside + overflow + outside categories + below min-severity + dismissed + repeated + duplicates, and nothing distinct is lost', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = rng(seed)
      const calls = randomRun(next)
      const findings = calls.flat()
      const minSeverity = pick(next, SEVERITIES)
      const maxComments = Math.floor(next() * 6)
      const categories = next() < 0.5 ? DEFAULT_CATEGORIES : CATEGORIES.filter(() => next() < 0.5)
      // Some fingerprints posted by an "earlier run": a random subset of this run's own.
      const earlier = await place(findings.map((x) => ({ ...x })))
      const posted = new Set(earlier.placed.filter(() => next() < 0.3).map((x) => x.fp))
      // Some dismissed by a person: posted before too, or not (a state block that was lost).
      const dismissed = new Set(earlier.placed.filter(() => next() < 0.2).map((x) => x.fp))
      const p = await place(
        findings.map((x) => ({ ...x })),
        { posted, dismissed, minSeverity, maxComments, categories },
      )
      const c = findingCounts(p)
      const why = `seed ${seed}: ${JSON.stringify(c)}`
      expect(c.submitted, why).toBe(findings.length)
      expect(sumOfBuckets(p), why).toBe(findings.length)
      // No two placed findings share a fingerprint; none is a posted one.
      expect(new Set(p.placed.map((x) => x.fp)).size, why).toBe(p.placed.length)
      expect(
        p.placed.some((x) => posted.has(x.fp) || dismissed.has(x.fp)),
        why,
      ).toBe(false)
      // Every distinct finding at or above min-severity is placed or a repeat: count distinct
      // identities (path as resolved, line, title and body with digits) and compare.
      const rank = (s: Severity) => SEVERITIES.indexOf(s)
      const kept = findings.filter(
        (x) =>
          rank(x.severity) <= rank(minSeverity) && categories.includes(x.category ?? 'correctness'),
      )
      const distinct = new Set(
        kept.map((x) =>
          [
            x.path.replace(/^\.\//, ''),
            x.start_line ?? '',
            x.line,
            normalizeText(x.title),
            normalizeText(x.body),
          ].join('|'),
        ),
      )
      expect(p.placed.length + p.repeated + p.dismissed, why).toBe(distinct.size)
      // What is still found: every placed, repeated and dismissed fingerprint, plus those of
      // findings not posted for their severity or category; and every finding's title key.
      const kept2 = new Set(p.placed.map((x) => x.fp))
      expect(
        [...kept2].every((fp) => p.raised.has(fp)),
        why,
      ).toBe(true)
      expect(p.raised.size, why).toBeGreaterThanOrEqual(distinct.size)
      expect(p.raised.size, why).toBeLessThanOrEqual(distinct.size + findings.length - kept.length)
      for (const x of findings)
        expect(p.raisedTitles.has(titleKey(x.path.replace(/^\.\//, ''), x.title)), why).toBe(true)
      expect(p.duplicates, why).toBe(kept.length - distinct.size)
    }
  }, 60_000)
})

function pick<T>(next: () => number, xs: readonly T[]): T {
  return xs[Math.floor(next() * xs.length)]!
}
