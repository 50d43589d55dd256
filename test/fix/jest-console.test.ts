import { describe, expect, it } from 'vitest'
import { parseOutput } from '../../src/fix/parsers/index.js'

/** A passing suite with captured console output, as jest prints it in CI. */
const passingWithConsole = [
  'PASS src/services/cart.test.ts (1.2 s)',
  '  ● Console',
  '',
  '    console.error',
  '      Error: connect ECONNREFUSED 127.0.0.1:5432 (retrying, attempt 1)',
  '          at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
  '',
  '    ✓ sums the lines (3 ms)',
  '',
]

const failing = [
  'FAIL test/price.test.js',
  '  applyDiscount',
  '    ✕ takes a percentage off (14 ms)',
  '',
  '  ● applyDiscount › takes a percentage off',
  '',
  '    expect(received).toBe(expected) // Object.is equality',
  '',
  '    Expected: 180',
  '    Received: -1800',
  '',
  '      at Object.toBe (test/price.test.js:5:36)',
  '',
]

describe('jest console output', () => {
  it('is not a failure: only the failing test is reported, wherever the console blocks are', () => {
    const log = [
      ...passingWithConsole,
      ...failing,
      ...passingWithConsole,
      'Test Suites: 1 failed, 2 passed, 3 total',
      'Tests:       1 failed, 2 passed, 3 total',
    ].join('\n')
    const s = parseOutput(log, { workspace: '/work/proj' })
    expect(s.runner).toBe('jest')
    expect(s.failures.map((f) => f.id)).toEqual([
      'test/price.test.js > applyDiscount > takes a percentage off',
    ])
  })
})
