import { describe, it, expect } from 'vitest'
import type { InlineAnchor } from '../../src/review/anchor.js'
import {
  checkSuggestion,
  parseCheck,
  renderSuggestion,
  balance,
  fenceFor,
} from '../../src/review/suggestion.js'

const anchor = (
  path: string,
  startLine: number | undefined,
  line: number,
  over: Partial<InlineAnchor> = {},
): InlineAnchor => ({
  outside: false,
  path,
  side: 'RIGHT',
  line,
  ...(startLine !== undefined ? { startLine } : {}),
  repairs: [],
  exact: true,
  ...over,
})

const TS = [
  'export function f(a: number): number {',
  '  const b = a + 1',
  '  return b',
  '}',
  '',
].join('\n')

describe('checkSuggestion', () => {
  it('accepts a TS replacement that parses', async () => {
    const r = await checkSuggestion({
      anchor: anchor('src/f.ts', 2, 3),
      suggestion: '  const b: number = a + 2\n  return b * 2\n',
      rangeLines: ['  const b = a + 1', '  return b'],
      fileText: TS,
    })
    expect(r).toEqual({ ok: true })
  })

  it('refuses a TS replacement that breaks the parse, naming the error', async () => {
    const r = await checkSuggestion({
      anchor: anchor('src/f.ts', undefined, 2),
      suggestion: '  const b = (a + 1',
      rangeLines: ['  const b = a + 1'],
      fileText: TS,
    })
    expect(r.ok).toBe(false)
    expect(r.reason).toMatch(/would not parse.*expected/)
  })

  it('refuses a suggestion that repeats the line above the range (misaligned range)', async () => {
    const r = await checkSuggestion({
      anchor: anchor('src/f.ts', undefined, 2),
      suggestion: 'export function f(a: number): number {\n  const b = a + 2',
      rangeLines: ['  const b = a + 1'],
      fileText: TS,
    })
    expect(r.reason).toMatch(/repeats the line above/)
  })

  it('refuses when the workspace file does not match the diff, when moved, on LEFT, or unchanged', async () => {
    const base = { suggestion: 'x', rangeLines: ['  const b = a + 1'], fileText: TS }
    expect(
      (await checkSuggestion({ ...base, anchor: anchor('src/f.ts', undefined, 3) })).reason,
    ).toMatch(/does not match/)
    expect(
      (
        await checkSuggestion({
          ...base,
          anchor: anchor('src/f.ts', undefined, 2, { exact: false }),
        })
      ).ok,
    ).toBe(false)
    expect(
      (
        await checkSuggestion({
          ...base,
          anchor: anchor('src/f.ts', undefined, 2, { side: 'LEFT' }),
        })
      ).ok,
    ).toBe(false)
    expect(
      (
        await checkSuggestion({
          ...base,
          suggestion: '  const b = a + 1\n',
          anchor: anchor('src/f.ts', undefined, 2),
        })
      ).reason,
    ).toMatch(/changes nothing/)
  })

  it('checks JSON and YAML with their parsers', async () => {
    const json = '{\n  "a": 1,\n  "b": 2\n}\n'
    expect(
      (
        await checkSuggestion({
          anchor: anchor('c.json', undefined, 2),
          suggestion: '  "a": 3,',
          rangeLines: ['  "a": 1,'],
          fileText: json,
        })
      ).ok,
    ).toBe(true)
    expect(
      (
        await checkSuggestion({
          anchor: anchor('c.json', undefined, 2),
          suggestion: '  "a": 3',
          rangeLines: ['  "a": 1,'],
          fileText: json,
        })
      ).ok,
    ).toBe(false)
    const yml = 'on:\n  push:\n    branches: [main]\n'
    expect(
      (
        await checkSuggestion({
          anchor: anchor('w.yml', undefined, 3),
          suggestion: '    branches: [main, dev]',
          rangeLines: ['    branches: [main]'],
          fileText: yml,
        })
      ).ok,
    ).toBe(true)
    const bad = await checkSuggestion({
      anchor: anchor('w.yml', undefined, 3),
      suggestion: '    branches: [main',
      rangeLines: ['    branches: [main]'],
      fileText: yml,
    })
    expect(bad.reason).toMatch(/would not parse/)
  })

  it('falls back to a balance check for other languages and without the file', async () => {
    const py = 'def f(x):\n    return g(x)\n'
    expect(
      (
        await checkSuggestion({
          anchor: anchor('a.py', undefined, 2),
          suggestion: '    return g(x, 1)',
          rangeLines: ['    return g(x)'],
          fileText: py,
        })
      ).ok,
    ).toBe(true)
    expect(
      (
        await checkSuggestion({
          anchor: anchor('a.py', undefined, 2),
          suggestion: '    return g(x, 1',
          rangeLines: ['    return g(x)'],
          fileText: py,
        })
      ).reason,
    ).toMatch(/unbalanced/)
    expect(
      (
        await checkSuggestion({
          anchor: anchor('a.ts', undefined, 2),
          suggestion: 'call("x)',
          rangeLines: ['call("x")'],
          fileText: null,
        })
      ).ok,
    ).toBe(false)
    // A range that opens a block may be replaced by one that opens a block too.
    expect(balance(['if (a) {']).curly).toBe(1)
    expect(balance(['s = "{"']).curly).toBe(0)
  })

  it('keeps CRLF files parseable', async () => {
    const crlf = '{\r\n  "a": 1\r\n}\r\n'
    expect(
      (
        await checkSuggestion({
          anchor: anchor('c.json', undefined, 2),
          suggestion: '  "a": 2',
          rangeLines: ['  "a": 1\r'],
          fileText: crlf,
        })
      ).ok,
    ).toBe(true)
  })
})

describe('parseCheck and rendering', () => {
  it('parses TSX and modern JS', async () => {
    expect(
      await parseCheck('a.tsx', 'export const A = () => <div>{x satisfies number}</div>\n'),
    ).toEqual({ ok: true })
    expect(await parseCheck('a.mjs', 'const x = a?.b ?? 1\n')).toEqual({ ok: true })
    expect(await parseCheck('a.rb', 'x')).toBeNull()
  })
  it('renders a suggestion block only when checked, with a fence longer than inner backticks', () => {
    expect(renderSuggestion('a.ts', 'x()\n', { ok: true })).toBe('```suggestion\nx()\n```')
    const plain = renderSuggestion('a.py', 'x()', { ok: false, reason: 'r' })
    expect(plain).toContain('```python\nx()\n```')
    expect(plain).not.toContain('suggestion\n')
    expect(fenceFor('a ```` b')).toBe('`````')
  })
})
