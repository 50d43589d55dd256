import { describe, it, expect } from 'vitest'
import { parseGitDiff, indexDiff, commentableLines } from '../../src/review/diff.js'
import {
  anchorFinding,
  anchoredLines,
  type Finding,
  type InlineAnchor,
} from '../../src/review/anchor.js'
import {
  fingerprint,
  fingerprintMarker,
  parseFingerprints,
  normalizeTitle,
} from '../../src/review/fingerprint.js'

// src/a.ts: hunk 1 new 3-9 (old 3-8), hunk 2 new 20-26 (old 19-24)
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
@@ -19,6 +20,7 @@ class Two {
 c19
 c20
+new22
 c21
-old22
+new23
 c23
 c24
diff --git a/gone.ts b/gone.ts
deleted file mode 100644
index 3333333..0000000
--- a/gone.ts
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
diff --git a/old.ts b/renamed.ts
similarity index 90%
rename from old.ts
rename to renamed.ts
index 4444444..5555555 100644
--- a/old.ts
+++ b/renamed.ts
@@ -1 +1 @@
-a
+b
diff --git a/pic.png b/pic.png
index 6666666..7777777 100644
Binary files a/pic.png and b/pic.png differ
`

const index = indexDiff(parseGitDiff(DIFF))
const f = (over: Partial<Finding>): Partial<Finding> => ({
  path: 'src/a.ts',
  line: 5,
  severity: 'major',
  title: 't',
  body: 'b',
  ...over,
})
const inline = (over: Partial<Finding>): InlineAnchor => {
  const a = anchorFinding(f(over), index)
  if (a.outside) throw new Error(`expected inline, got outside: ${a.reason}`)
  return a
}

describe('anchorFinding', () => {
  it('accepts every commentable line exactly and no other line (RIGHT and LEFT)', () => {
    const file = index.files.get('src/a.ts')!.file
    const ok = commentableLines(file)
    for (const side of ['RIGHT', 'LEFT'] as const) {
      for (let line = 1; line <= 40; line++) {
        const a = anchorFinding(f({ line, side }), index)
        if (ok[side].has(line)) {
          expect(a).toMatchObject({ outside: false, line, side, exact: true, repairs: [] })
        } else if (!a.outside) {
          // Only snapping may place it, on a commentable line, flagged as not exact.
          expect(a.exact).toBe(false)
          expect(ok[side].has(a.line)).toBe(true)
          expect(Math.abs(a.line - line)).toBeLessThanOrEqual(3)
        }
      }
    }
  })

  it('defaults to RIGHT, and to LEFT for deleted files', () => {
    expect(inline({ line: 6 }).side).toBe('RIGHT')
    expect(inline({ path: 'gone.ts', line: 2 }).side).toBe('LEFT')
  })

  it('snaps a line just past a hunk, noting it, and refuses lines far away', () => {
    const a = inline({ line: 11 })
    expect(a.line).toBe(9)
    expect(a.exact).toBe(false)
    expect(a.repairs.join()).toMatch(/about line 11/)
    const far = anchorFinding(f({ line: 14 }), index)
    expect(far).toMatchObject({ outside: true })
    expect((far as { reason: string }).reason).toMatch(/line 14 \(RIGHT\) is not part of the diff/)
  })

  it('keeps ranges inside one hunk, swaps reversed ones', () => {
    expect(inline({ start_line: 4, line: 7 })).toMatchObject({ startLine: 4, line: 7, exact: true })
    const swapped = inline({ start_line: 7, line: 4 })
    expect(swapped).toMatchObject({ startLine: 4, line: 7 })
    expect(swapped.repairs).toContain('range start and end swapped')
    expect(inline({ start_line: 5, line: 5 }).startLine).toBeUndefined()
  })

  it('drops start_line when the range spans two hunks', () => {
    const a = inline({ start_line: 8, line: 22 })
    expect(a.startLine).toBeUndefined()
    expect(a.line).toBe(22)
    expect(a.exact).toBe(false)
  })

  it('cuts a range that runs past the end of its hunk', () => {
    const a = inline({ start_line: 7, line: 15 })
    expect(a).toMatchObject({ startLine: 7, line: 9, exact: false })
  })

  it('puts bad paths, binary files, bad sides and bad lines outside the diff', () => {
    expect(anchorFinding(f({ path: 'nope.ts' }), index)).toMatchObject({ outside: true })
    expect(anchorFinding(f({ path: 'pic.png', line: 1 }), index)).toMatchObject({ outside: true })
    expect(anchorFinding(f({ side: 'MIDDLE' as 'LEFT' }), index)).toMatchObject({ outside: true })
    for (const line of [0, -1, 1.5, Number.NaN, '5' as unknown as number, undefined]) {
      expect(anchorFinding(f({ line: line as number }), index)).toMatchObject({ outside: true })
    }
    expect(anchorFinding({ path: undefined, line: 1 }, index)).toMatchObject({ outside: true })
  })

  it('reads path spellings and old names of renamed files', () => {
    expect(inline({ path: './src/a.ts' }).path).toBe('src/a.ts')
    expect(inline({ path: 'b/src/a.ts' }).path).toBe('src/a.ts')
    expect(inline({ path: 'src\\a.ts' }).path).toBe('src/a.ts')
    expect(inline({ path: 'old.ts', line: 1 }).path).toBe('renamed.ts')
  })

  it('returns the anchored code', () => {
    expect(anchoredLines(inline({ start_line: 4, line: 6 }), index)).toEqual(['c4', 'new5', 'new6'])
    expect(anchoredLines(inline({ line: 5, side: 'LEFT' }), index)).toEqual(['old5'])
  })
})

describe('fingerprint', () => {
  it('is stable when the code moves to other lines or is re-indented', () => {
    const a = fingerprint({
      path: 'x.ts',
      title: 'Null check missing (line 12)',
      code: ['  if (a) {', 'b()'],
    })
    const b = fingerprint({
      path: 'x.ts',
      title: 'null check missing — line 40',
      code: ['if (a) {\r', '    b()  '],
    })
    expect(a).toBe(b)
    expect(a).toMatch(/^[0-9a-f]{16}$/)
  })

  it('differs by path, title and code', () => {
    const base = { path: 'x.ts', title: 'Null check', code: ['a()'] }
    const fp = fingerprint(base)
    expect(fingerprint({ ...base, path: 'y.ts' })).not.toBe(fp)
    expect(fingerprint({ ...base, title: 'SQL injection' })).not.toBe(fp)
    expect(fingerprint({ ...base, code: ['b()'] })).not.toBe(fp)
  })

  it('round-trips through the marker', () => {
    const fp = fingerprint({ path: 'x', title: 't', code: [] })
    const body = `text\n${fingerprintMarker(fp)}\nmore ${fingerprintMarker('abcdef0123456789')}`
    expect(parseFingerprints(body)).toEqual([fp, 'abcdef0123456789'])
    expect(parseFingerprints('<!-- pitcrew:fp:XYZ -->')).toEqual([])
    expect(normalizeTitle('`Foo` is "bad"!')).toBe('foo is bad')
  })
})
