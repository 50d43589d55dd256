/** The parsers report the tests seen passing, by the same id a failure of that test has. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createJUnitParser, parseOutput } from '../../src/fix/parsers/index.js'

const sample = (name: string) => readFileSync(join(import.meta.dirname, 'samples', name), 'utf8')

describe('passing test ids', () => {
  it('jest --verbose: the describe tree under each file header', () => {
    const s = parseOutput(sample('jest-verbose.txt'), { workspace: '/ws' })
    expect(s.failures.map((f) => f.id)).toEqual([
      'test/price.test.js > applyDiscount > takes a percentage off',
    ])
    expect(s.passed).toEqual([
      'test/price.test.js > applyDiscount > keeps the price without a discount',
      'test/cart.test.js > cartTotal > sums the lines without a discount',
    ])
  })

  it('vitest --reporter=verbose: one line per test with its file', () => {
    const s = parseOutput(sample('vitest-verbose.txt'), { workspace: '/ws' })
    expect(s.failures.map((f) => f.id)).toEqual([
      'test/price.spec.ts > applyDiscount > takes a percentage off',
    ])
    expect(s.passed).toEqual([
      'test/price.spec.ts > applyDiscount more > nested > keeps the price',
      'test/cart.spec.ts > cartTotal > sums the lines without a discount',
    ])
  })

  it("node's spec and TAP reporters: the suite path (node prints no file for a pass)", () => {
    const spec = parseOutput(sample('node-spec-passing.txt'), { workspace: '/ws' })
    expect(spec.passed).toContain('applyDiscount > keeps the price without a discount')
    expect(spec.passed).not.toContain('applyDiscount > takes a percentage off')
    const tap = parseOutput(sample('node-tap-passing.txt'), { workspace: '/ws' })
    expect(tap.passed).toEqual(['applyDiscount > keeps the price without a discount'])
  })

  it('pytest -rA: the PASSED lines of the short summary', () => {
    const s = parseOutput(sample('pytest-ra.txt'), { workspace: '/ws' })
    expect(s.failures.map((f) => f.id)).toEqual(['tests/test_stats.py::test_mean'])
    expect(s.passed).toEqual(['tests/test_stats.py::test_spread'])
  })

  it('JUnit: every test case without failure, error or skip', () => {
    const p = createJUnitParser({ workspace: '/ws' })
    p.write(
      '<testsuites><testsuite name="s"><testcase classname="tests.test_x" name="test_a" file="tests/test_x.py"/>' +
        '<testcase classname="tests.test_x" name="test_b" file="tests/test_x.py"><failure message="boom"/></testcase>' +
        '<testcase classname="tests.test_x" name="test_c" file="tests/test_x.py"><skipped/></testcase></testsuite></testsuites>',
    )
    const s = p.end()
    expect(s.failures.map((f) => f.id)).toEqual(['tests.test_x > test_b'])
    expect(s.passed).toEqual(['tests.test_x > test_a'])
  })

  it('default reporters that list no passing test: no ids, not an empty pass', () => {
    const s = parseOutput(sample('vitest.txt'), { workspace: '/tmp/fixgen/vt' })
    expect(s.passed ?? []).toEqual([])
  })
})

describe('passing test ids (mocha, go)', () => {
  it('jest: a verbose tree with odd indentation elsewhere in the log', () => {
    const s = parseOutput(sample('jest.txt'), { workspace: '/work/proj' })
    expect(s.passed).toEqual(['src/sum.test.js > math > multiplies'])
  })

  it('mocha spec: suite titles joined as its failures are', () => {
    const s = parseOutput(sample('mocha.txt'), { workspace: '/ws', runners: ['mocha'] })
    expect(s.passed).toEqual(['math multiplies'])
    expect(s.failures.map((f) => f.id)).toContain('math adds numbers')
  })

  it('go test -v: `--- PASS` lines, named by their package', () => {
    const s = parseOutput(sample('go.txt'), { workspace: '/ws', runners: ['go'] })
    const failing = new Set(s.failures.map((f) => f.id))
    expect(s.passed?.length).toBeGreaterThan(0)
    for (const id of s.passed ?? []) {
      expect(id).toMatch(/::/)
      expect(failing.has(id)).toBe(false)
    }
  })
})
