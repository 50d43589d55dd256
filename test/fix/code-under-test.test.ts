/** The failure context shows the code under test, not only the test lines. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { attachExcerpts, buildFailureContext } from '../../src/fix/context.js'
import { parseOutput } from '../../src/fix/parsers/index.js'
import type { TestFailure } from '../../src/fix/parsers/types.js'

const fixtures = join(import.meta.dirname, '../fixtures')
const reader = (fixture: string) => async (rel: string) => {
  try {
    return readFileSync(join(fixtures, fixture, rel), 'utf8')
  } catch {
    return null
  }
}
const sample = (name: string) => readFileSync(join(import.meta.dirname, 'samples', name), 'utf8')

describe('code under test', () => {
  it('jest assertion failure (frames only in the test file): the required function', async () => {
    const s = parseOutput(sample('jest-verbose.txt'), { workspace: '/ws' })
    await attachExcerpts(s.failures, { readFile: reader('fix-js-jest') })
    expect(s.failures[0]!.code).toEqual([
      {
        file: 'src/price.js',
        line: 2,
        startLine: 2,
        fn: 'applyDiscount',
        lines: [
          'function applyDiscount(price, percent) {',
          '  return price - price * percent',
          '}',
        ],
      },
    ])
    const ctx = buildFailureContext(s)
    expect(ctx).toContain('Code under test:\nsrc/price.js:2 (applyDiscount)')
    expect(ctx).toContain('3 |   return price - price * percent')
  })

  it('vitest (ESM import without extension)', async () => {
    const s = parseOutput(sample('vitest-verbose.txt'), { workspace: '/ws' })
    await attachExcerpts(s.failures, { readFile: reader('fix-ts-vitest') })
    expect(s.failures[0]!.code?.map((c) => [c.file, c.fn, c.lines[1]])).toEqual([
      ['src/price.ts', 'applyDiscount', '  return price - price * percent'],
    ])
  })

  it('pytest (from package.module import name)', async () => {
    const s = parseOutput(sample('pytest-ra.txt'), { workspace: '/ws' })
    await attachExcerpts(s.failures, { readFile: reader('fix-py-pytest') })
    expect(s.failures[0]!.code?.map((c) => [c.file, c.fn, c.lines.length])).toEqual([
      ['calc/stats.py', 'mean', 3],
    ])
  })

  it('stack frames into non-test files: the enclosing functions, capped', async () => {
    const f: TestFailure = {
      id: 'test/cart.spec.ts > total',
      name: 'total',
      file: 'test/cart.spec.ts',
      message: 'boom',
      details: '',
      frames: [
        { file: 'src/price.ts', line: 3 },
        { file: 'src/cart.ts', line: 11 },
        { file: 'test/cart.spec.ts', line: 5 },
      ],
      runner: 'vitest',
    }
    await attachExcerpts([f], { readFile: reader('fix-ts-vitest') })
    expect(f.code?.map((c) => [c.file, c.startLine])).toEqual([
      ['src/price.ts', 2],
      ['src/cart.ts', 9],
    ])
    expect(f.code![1]!.lines.at(-1)).toBe('}')
  })
})
