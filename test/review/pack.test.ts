import { describe, it, expect } from 'vitest'
import { parseGitDiff, type DiffFile } from '../../src/review/diff.js'
import {
  packDiff,
  skipReason,
  importance,
  enclosingScopes,
  estimateTokens,
  lineCoverage,
} from '../../src/review/pack.js'

/** A synthetic file diff: `hunks` hunks of `size` added + `size` deleted lines each. */
function synthFile(path: string, hunks: number, size: number, status = 'modified'): string {
  let out = `diff --git a/${path} b/${path}\n`
  if (status === 'added') out += `new file mode 100644\n--- /dev/null\n+++ b/${path}\n`
  else out += `index 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n`
  let oldNo = 1
  let newNo = 1
  for (let h = 0; h < hunks; h++) {
    const dels = status === 'added' ? 0 : size
    out += `@@ -${status === 'added' ? 0 : oldNo},${dels + 2 * (status === 'added' ? 0 : 1)} +${newNo},${size + (status === 'added' ? 0 : 2)} @@ function f${h}() {\n`
    if (status !== 'added') out += ` context before ${h}\n`
    for (let i = 0; i < dels; i++)
      out += `-  const old_${h}_${i} = compute(${i}, 'value of the old line')\n`
    for (let i = 0; i < size; i++)
      out += `+  const new_${h}_${i} = compute(${i}, 'value of the new line')\n`
    if (status !== 'added') out += ` context after ${h}\n`
    oldNo += dels + 20
    newNo += size + 20
  }
  return out
}

/** Every changed line number shown in the packed text, per file, read back from the parts. */
function shownChanges(text: string): Map<string, Set<string>> {
  const shown = new Map<string, Set<string>>()
  let file = ''
  for (const line of text.split('\n')) {
    const h = /^### (.+?) \(/.exec(line)
    if (h) {
      file = h[1]!
      if (!shown.has(file)) shown.set(file, new Set())
      continue
    }
    const m = /^(\d+) ([+-])/.exec(line)
    if (m) shown.get(file)!.add(`${m[2]}${m[1]}`)
  }
  return shown
}

describe('packDiff', () => {
  it('shows every changed line of a large PR across several parts under a small budget', () => {
    const diff =
      synthFile('src/huge.ts', 3, 900) + // one file far bigger than a call, hunks bigger than a call
      Array.from({ length: 40 }, (_, i) => synthFile(`src/mod${i}.ts`, 2, 15 + i)).join('') +
      synthFile('test/a.test.ts', 2, 30) +
      synthFile('docs/guide.md', 1, 10)
    const files = parseGitDiff(diff)
    const budget = 4000
    const res = packDiff(files, { maxTokensPerCall: budget, maxParts: 100 })
    expect(res.parts.length).toBeGreaterThan(5)
    for (const p of res.parts) {
      expect(p.tokens).toBeLessThanOrEqual(budget)
      expect(estimateTokens(p.text)).toBeLessThanOrEqual(budget)
    }
    // Read the text back: every +/- line of every file appears in some part.
    const shown = new Map<string, Set<string>>()
    for (const p of res.parts) {
      for (const [f, set] of shownChanges(p.text)) {
        const acc = shown.get(f) ?? new Set<string>()
        for (const x of set) acc.add(x)
        shown.set(f, acc)
      }
    }
    for (const f of files) {
      const expected = f.hunks
        .flatMap((h) => h.lines)
        .filter((l) => l.kind !== 'context')
        .map((l) => (l.kind === 'add' ? `+${l.newLine}` : `-${l.oldLine}`))
      expect(shown.get(f.path)?.size, f.path).toBe(new Set(expected).size)
    }
    expect(res.coverage.changedLinesShown).toBe(res.coverage.changedLinesReviewable)
    expect(res.coverage.filesShown).toBe(files.length)
    expect(lineCoverage(res.coverage)).toBe(1)
    expect(res.skipped).toEqual([])
    const total = res.parts.reduce((s, p) => s + p.tokens, 0)
    expect(total / res.rawTokens).toBeLessThanOrEqual(1.3)
  })

  it('orders source before tests before docs, larger changes first', () => {
    const files = parseGitDiff(
      synthFile('docs/a.md', 1, 50) +
        synthFile('test/x.test.ts', 1, 40) +
        synthFile('src/small.ts', 1, 2) +
        synthFile('src/big.ts', 1, 20),
    )
    const res = packDiff(files, { maxTokensPerCall: 100000 })
    expect(res.reviewed).toEqual(['src/big.ts', 'src/small.ts', 'test/x.test.ts', 'docs/a.md'])
    expect(res.parts).toHaveLength(1)
  })

  it('lists every file it does not show, with a reason, and counts capacity skips in coverage', () => {
    const files = parseGitDiff(
      synthFile('package-lock.json', 1, 5) +
        synthFile('vendor/lib/x.go', 1, 5) +
        synthFile('dist/index.js', 1, 5) +
        synthFile('src/gen.ts', 1, 5) +
        synthFile('src/enormous.ts', 1, 5000) +
        synthFile('src/ok.ts', 1, 5) +
        'diff --git a/img.png b/img.png\nindex 1..2 100644\nBinary files a/img.png and b/img.png differ\n',
    )
    const res = packDiff(files, {
      maxTokensPerCall: 2000,
      maxParts: 5,
      ignore: ['src/gen.ts'],
    })
    const reasons = Object.fromEntries(res.skipped.map((s) => [s.path, s.reason]))
    expect(reasons['package-lock.json']).toBe('lock file')
    expect(reasons['vendor/lib/x.go']).toBe('vendored code')
    expect(reasons['dist/index.js']).toBe('generated file')
    expect(reasons['src/gen.ts']).toBe("matches review.ignore 'src/gen.ts'")
    expect(reasons['img.png']).toBe('binary file')
    // The enormous file is shown as far as 5 calls go; the rest of it is a capacity gap.
    expect(reasons['src/enormous.ts']).toMatch(
      /^changed lines from line \d+ on \(\d+ of 10000\) not shown: pull request too large: did not fit in 5 model calls$/,
    )
    // Larger changes go first: the small file after it no longer fits and is named too.
    expect(reasons['src/ok.ts']).toBe(
      'not shown: pull request too large: did not fit in 5 model calls',
    )
    expect(res.skipped.filter((s) => s.capacity).map((s) => s.path)).toEqual([
      'src/enormous.ts',
      'src/ok.ts',
    ])
    expect(res.reviewed).toEqual(['src/enormous.ts'])
    expect(res.parts.length).toBe(5)
    expect(res.coverage.filesReviewable).toBe(2)
    const gaps = res.skipped.filter((s) => s.capacity).reduce((n, s) => n + s.changedLines, 0)
    expect(res.coverage.changedLinesShown + gaps).toBe(10010)
    expect(res.coverage.changedLinesReviewable).toBe(10010)
  })

  it('shows a 5 MB single-file diff as far as the cost ceiling goes and names the ceiling', () => {
    const huge = synthFile('src/data.ts', 1, 41_000) // ~5 MB of +/- lines
    expect(huge.length).toBeGreaterThan(5_000_000)
    const files = parseGitDiff(huge + synthFile('src/ok.ts', 1, 3))
    // $0.20 per full call of 30,000 tokens: a $2 ceiling affords 10 full calls' worth.
    const costOfCall = (t: number) => (0.2 * t) / 30_000
    const res = packDiff(files, {
      maxTokensPerCall: 30_000,
      callBudget: { maxCostUsd: 2, maxCalls: 40, costOfCall },
    })
    const spent = res.parts.reduce((s, p) => s + costOfCall(p.tokens), 0)
    expect(spent).toBeLessThanOrEqual(2)
    expect(spent).toBeGreaterThan(1.95)
    expect(res.parts.length).toBeGreaterThanOrEqual(10)
    // The small file still fits in the last call's room.
    expect(res.reviewed).toEqual(['src/data.ts', 'src/ok.ts'])
    const reasons = Object.fromEntries(res.skipped.map((x) => [x.path, x.reason]))
    expect(reasons['src/data.ts']).toMatch(
      /^changed lines from line \d+ on \(\d+ of 82000\) not shown: the cost ceiling max-cost-usd \$2\.00 affords \d+ model calls for this review \(estimated \$\d\.\d\d\)$/,
    )
    expect(res.skipped.map((x) => [x.path, x.capacity])).toEqual([['src/data.ts', true]])
    const shown = res.coverage.changedLinesShown
    expect(shown).toBeGreaterThan(10_000)
    expect(shown + res.skipped.reduce((s, x) => s + x.changedLines, 0)).toBe(82_006)
  })

  it('lists files beyond maxParts instead of dropping them', () => {
    const files = parseGitDiff(
      Array.from({ length: 10 }, (_, i) => synthFile(`src/f${i}.ts`, 1, 60)).join(''),
    )
    const res = packDiff(files, { maxTokensPerCall: 1500, maxParts: 3 })
    expect(res.parts.length).toBeLessThanOrEqual(3)
    const paths = new Set([...res.reviewed, ...res.skipped.map((s) => s.path)])
    expect(paths.size).toBe(10)
    expect(res.skipped.every((s) => /did not fit in 3 model calls/.test(s.reason))).toBe(true)
  })

  it('still fits small files into the room left once the calls are spent, and only those', () => {
    // Mixed sizes in importance order: big files fill the calls, smaller ones land in the gaps.
    const sizes = [40, 3, 55, 1, 35, 2, 60, 1, 45, 4, 1, 30, 2, 1, 50, 1, 3, 1]
    const files = parseGitDiff(
      sizes.map((n, i) => synthFile(`src/f${String(i).padStart(2, '0')}.ts`, 1, n)).join(''),
    )
    const budget = 2000
    const res = packDiff(files, { maxTokensPerCall: budget, maxParts: 3 })
    expect(res.parts).toHaveLength(3)
    const paths = [...res.reviewed, ...res.skipped.map((s) => s.path)].sort()
    expect(paths).toEqual(files.map((f) => f.path).sort())
    // Small files were shown after bigger ones stopped fitting.
    expect(res.reviewed.length).toBeGreaterThan(3)
    expect(res.skipped.length).toBeGreaterThan(0)
    // Every file not shown really did not fit: its whole size exceeds every call's room.
    const room = Math.max(...res.parts.map((p) => budget - p.tokens))
    for (const s of res.skipped) {
      expect(s.reason).toMatch(/^not shown: pull request too large: did not fit in 3 model calls$/)
      const alone = packDiff([files.find((f) => f.path === s.path)!], { maxTokensPerCall: 1e9 })
      expect(alone.parts[0]!.tokens).toBeGreaterThan(room)
    }
  })

  it('adds the enclosing method and class header from the head file', () => {
    const head = [
      'export class Service {',
      '  private x = 1',
      '',
      '  async handle(req: Request): Promise<void> {',
      '    const a = 1',
      '    const b = 2',
      '    if (a) {',
      '      doIt(b)',
      '    }',
      '  }',
      '}',
    ].join('\n')
    const diff =
      'diff --git a/src/s.ts b/src/s.ts\nindex 1..2 100644\n--- a/src/s.ts\n+++ b/src/s.ts\n' +
      '@@ -7,3 +7,3 @@ export class Service {\n     if (a) {\n-      do(b)\n+      doIt(b)\n     }\n'
    const res = packDiff(parseGitDiff(diff), { maxTokensPerCall: 10000, readFile: () => head })
    expect(res.parts[0]!.text).toContain('4 ~  async handle(req: Request): Promise<void> {')
    expect(res.parts[0]!.text).toContain('1 ~export class Service {')
    expect(enclosingScopes(head.split('\n'), 7).map((s) => s.line)).toEqual([1, 4])
  })
})

describe('skipReason and importance', () => {
  const f = (path: string, extra: Partial<DiffFile> = {}): DiffFile => ({
    oldPath: path,
    newPath: path,
    path,
    status: 'modified',
    binary: false,
    submodule: false,
    hunks: [
      {
        oldStart: 1,
        oldLines: 0,
        newStart: 1,
        newLines: 1,
        heading: '',
        lines: [{ kind: 'add', content: 'x', newLine: 1 }],
      },
    ],
    additions: 1,
    deletions: 0,
    ...extra,
  })
  it('honours .gitattributes, including overrides back to reviewable', () => {
    const attributes =
      '/gen/** linguist-generated\ndist/** -linguist-generated\n*.pb linguist-vendored=true\n'
    const res = packDiff([f('gen/a.ts'), f('dist/x.js'), f('p/q.pb'), f('src/a.ts')], {
      maxTokensPerCall: 5000,
      gitattributes: attributes,
    })
    const reasons = Object.fromEntries(res.skipped.map((s) => [s.path, s.reason]))
    expect(reasons['gen/a.ts']).toMatch(/linguist-generated/)
    expect(reasons['p/q.pb']).toMatch(/linguist-vendored/)
    expect(reasons['dist/x.js']).toBeUndefined()
    expect(res.reviewed.sort()).toEqual(['dist/x.js', 'src/a.ts'])
  })
  it('names generated headers, minified lines, submodules, mode-only and rename-only changes', () => {
    const gen = f('src/api.ts', {
      status: 'added',
      hunks: [
        {
          oldStart: 0,
          oldLines: 0,
          newStart: 1,
          newLines: 1,
          heading: '',
          lines: [
            { kind: 'add', content: '// Code generated by protoc. DO NOT EDIT.', newLine: 1 },
          ],
        },
      ],
    })
    expect(skipReason(gen)).toMatch(/generated/)
    const min = f('src/x.js', {
      hunks: [
        {
          oldStart: 1,
          oldLines: 0,
          newStart: 1,
          newLines: 1,
          heading: '',
          lines: [{ kind: 'add', content: 'a'.repeat(5000), newLine: 1 }],
        },
      ],
    })
    expect(skipReason(min)).toMatch(/minified/)
    expect(skipReason(f('mod', { submodule: true }))).toMatch(/submodule/)
    expect(
      skipReason(f('a.sh', { hunks: [], modeChange: { oldMode: '100644', newMode: '100755' } })),
    ).toMatch(/mode change only/)
    expect(skipReason(f('b.ts', { hunks: [], status: 'renamed', oldPath: 'a.ts' }))).toMatch(
      /renamed from 'a.ts'/,
    )
    expect(skipReason(f('src/ok.ts'))).toBeNull()
  })
  it('ranks paths', () => {
    expect(importance('src/a.ts')).toBe(0)
    expect(importance('config/app.yaml')).toBe(1)
    expect(importance('src/a.test.ts')).toBe(2)
    expect(importance('pkg/a_test.go')).toBe(2)
    expect(importance('README.md')).toBe(3)
  })
})
