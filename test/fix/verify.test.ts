import { describe, expect, it } from 'vitest'
import {
  disappeared,
  narrowCommand,
  narrowScript,
  seenPassing,
  shellQuote,
  verifyFix,
} from '../../src/fix/verify.js'
import type { ParseSummary, TestFailure } from '../../src/fix/parsers/types.js'
import type { RunTests, TestRun } from '../../src/fix/runner.js'
import { buildFailureContext, attachExcerpts } from '../../src/fix/context.js'

const failure = (id: string, extra: Partial<TestFailure> = {}): TestFailure => ({
  id,
  name: id,
  message: `${id} failed`,
  details: 'AssertionError: x',
  frames: [],
  runner: 'vitest',
  ...extra,
})
const summary = (failures: TestFailure[], passed = 3, ids?: string[]): ParseSummary => ({
  runner: 'vitest',
  failures,
  counts: { passed, failed: failures.length, total: passed + failures.length },
  truncated: false,
  linesSeen: 10,
  ...(ids ? { passed: ids } : {}),
})
const run = (
  command: string,
  exitCode: number,
  failures: TestFailure[],
  passed = 3,
  ids?: string[],
): TestRun => ({
  command,
  exitCode,
  timedOut: false,
  durationMs: 5,
  summary: summary(failures, passed, ids),
  source: 'output',
  output: '',
})

describe('narrowCommand', () => {
  it('per runner', () => {
    const v = failure('test/a.spec.ts > x', { file: 'test/a.spec.ts' })
    expect(narrowCommand('npx vitest run', [v]).command).toBe('npx vitest run test/a.spec.ts')
    const p = failure('tests/test_a.py::TestA::test_b[1-2]', { file: 'tests/test_a.py' })
    expect(narrowCommand('python3 -m pytest -q', [p]).command).toBe(
      "python3 -m pytest -q 'tests/test_a.py::TestA::test_b[1-2]'",
    )
    const g = failure('example.com/calc::TestTable/neg', {
      name: 'TestTable/neg',
      suite: 'example.com/calc',
    })
    expect(narrowCommand('go test ./...', [g]).command).toBe("go test ./... -run '^(TestTable)$'")
    expect(narrowCommand('npm test', [v])).toEqual({
      command: 'npm test',
      narrowed: false,
      selectors: [],
    })
  })

  it('never passes options or shell syntax from the model', () => {
    const n = narrowCommand('npx vitest run', ['--reporter=evil', 'a.spec.ts; rm -rf /'])
    expect(n.command).toBe("npx vitest run 'a.spec.ts; rm -rf /'")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
  })
})

describe('verifyFix', () => {
  const target = failure('test/a.spec.ts > adds', { file: 'test/a.spec.ts' })
  const old = failure('test/b.spec.ts > flaky', { file: 'test/b.spec.ts' })
  const baseline = summary([target, old])

  const scripted = (runs: TestRun[]): { runTests: RunTests; commands: string[] } => {
    const commands: string[] = []
    return {
      commands,
      runTests: async (command) => {
        commands.push(command)
        const r = runs.shift()!
        return { ...r, command }
      },
    }
  }

  it('passes when the failing tests pass and the full suite only has old failures', async () => {
    const s = scripted([run('', 0, [], 1, [target.id]), run('', 1, [old], 4)])
    const v = await verifyFix({
      command: 'npx vitest run',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(true)
    // the narrowed run lists every test it ran, so the target is seen passing by id
    expect(s.commands).toEqual([
      'npx vitest run --reporter=verbose test/a.spec.ts',
      'npx vitest run',
    ])
    expect(v.steps.map((x) => x.ok)).toEqual([true, true])
  })

  it('rejects when the failing test still fails', async () => {
    const s = scripted([run('', 1, [target])])
    const v = await verifyFix({
      command: 'npx vitest run',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(false)
    expect(v.reason).toMatch(/still fail/)
    expect(s.commands).toHaveLength(1)
  })

  it('rejects a fix that breaks a test that passed before', async () => {
    const broken = failure('test/c.spec.ts > other')
    const s = scripted([run('', 0, [], 1, [target.id]), run('', 1, [broken], 4)])
    const v = await verifyFix({
      command: 'npx vitest run',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(false)
    expect(v.reason).toMatch(/breaks tests that passed before:\n- test\/c.spec.ts > other/)
    expect(v.steps[1]!.newFailures).toEqual(['test/c.spec.ts > other'])
  })

  it('rejects a non-zero exit without parsable failures (a compile error)', async () => {
    const s = scripted([run('', 0, [], 1, [target.id]), run('', 2, [])])
    const v = await verifyFix({
      command: 'npx vitest run',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(false)
    expect(v.reason).toMatch(/exited with code 2/)
  })

  it('rejects a narrowed run in which no test ran', async () => {
    const s = scripted([run('', 0, [], 0)])
    const v = await verifyFix({
      command: 'npx vitest run',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(false)
    expect(v.reason).toMatch(/not seen passing/)
  })

  it('runs once when the command cannot be narrowed', async () => {
    const s = scripted([run('', 0, [], 5, [target.id, old.id])])
    const v = await verifyFix({
      command: 'npm test',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(true)
    expect(s.commands).toEqual(['npm test'])
  })

  it('rejects an exit 0 in which a failing test is not seen passing by id (skipped, filtered)', async () => {
    const s = scripted([run('', 0, [], 1, ['test/a.spec.ts > something else'])])
    const v = await verifyFix({
      command: 'npx vitest run',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(false)
    expect(v.reason).toMatch(/not seen passing[^]*\n- test\/a\.spec\.ts > adds/)
    expect(v.steps[0]!.notSeen).toEqual([target.id])
  })

  it('rejects an exit 0 whose output lists no test ids at all', async () => {
    const s = scripted([run('', 0, [], 5)])
    const v = await verifyFix({
      command: 'npm test',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(false)
    expect(v.reason).toMatch(/not seen passing/)
  })

  it('rejects a full suite with fewer tests than the reproduction and names those gone', async () => {
    const base = summary([target], 2, ['test/b.spec.ts > one', 'test/c.spec.ts > two'])
    const s = scripted([
      run('', 0, [], 1, [target.id]),
      run('', 0, [], 2, [target.id, 'test/b.spec.ts > one']),
    ])
    const v = await verifyFix({
      command: 'npx vitest run',
      targets: [target],
      baseline: base,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(false)
    expect(v.reason).toMatch(
      /2 tests ran, fewer than the 3 at reproduction; these tests are gone:\n- test\/c\.spec\.ts > two/,
    )
    expect(v.steps[1]!.disappeared).toEqual(['test/c.spec.ts > two'])
  })

  it('rejects a full suite from which no result could be parsed', async () => {
    const empty: TestRun = { ...run('', 0, [], 0), summary: { ...summary([], 0), counts: {} } }
    const s = scripted([run('', 0, [], 1, [target.id]), empty])
    const v = await verifyFix({
      command: 'npx vitest run',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(false)
    expect(v.reason).toMatch(/no test results could be parsed/)
  })

  it('a failure without test id (a compile error) needs the same, unchanged command to exit 0', async () => {
    const cmdFailure = failure('(test command)', { name: 'test command' })
    const base: ParseSummary = { ...summary([cmdFailure], 0), counts: {} }
    const bad = scripted([run('', 2, [])])
    const v1 = await verifyFix({
      command: 'npx tsc --noEmit',
      targets: [cmdFailure],
      baseline: base,
      runTests: bad.runTests,
    })
    expect(v1.ok).toBe(false)
    const good = scripted([{ ...run('', 0, []), summary: { ...summary([], 0), counts: {} } }])
    const v2 = await verifyFix({
      command: 'npx tsc --noEmit',
      targets: [cmdFailure],
      baseline: base,
      runTests: good.runTests,
    })
    expect(v2.ok).toBe(true)
    expect(good.commands).toEqual(['npx tsc --noEmit'])
  })
})

describe('seenPassing and disappeared', () => {
  it('matches node reporters that print a pass without its file', () => {
    const t = failure('test/p.test.js > takes a percentage off', {
      name: 'takes a percentage off',
      file: 'test/p.test.js',
    })
    expect(seenPassing(t, ['applyDiscount > takes a percentage off'])).toBe(true)
    expect(seenPassing(t, ['test/other.test.js > takes a percentage off'])).toBe(false)
    expect(seenPassing(t, ['applyDiscount > keeps the price'])).toBe(false)
    expect(seenPassing(t, [])).toBe(false)
  })

  it('names the tests of the reproduction missing from a run', () => {
    const base = summary([failure('a.spec.ts > x', { file: 'a.spec.ts', name: 'x' })], 1, [
      'b.spec.ts > y',
    ])
    expect(disappeared(base, summary([], 1, ['a.spec.ts > x']))).toEqual(['b.spec.ts > y'])
  })
})

describe('failure context', () => {
  it('holds the failing sections and source excerpts, capped', async () => {
    const f = failure('test/a.spec.ts > adds', { frames: [{ file: 'src/a.ts', line: 7 }] })
    const src = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n')
    await attachExcerpts([f], { readFile: async (p) => (p === 'src/a.ts' ? src : null) })
    expect(f.excerpts).toEqual([
      { file: 'src/a.ts', line: 7, startLine: 2, lines: src.split('\n').slice(1, 12) },
    ])
    const ctx = buildFailureContext(summary([f]))
    expect(ctx).toContain('### test/a.spec.ts > adds')
    expect(ctx).toContain('>  7 | line 7')
    const many = summary(
      Array.from({ length: 200 }, (_, i) => failure(`t${i}`, { details: 'x'.repeat(1000) })),
    )
    const capped = buildFailureContext(many, { maxChars: 10_000 })
    expect(capped.length).toBeLessThan(12_000)
    expect(capped).toMatch(/Also failing \(details omitted for size\): t\d+/)
  })
})

describe('narrowScript', () => {
  const t = failure('test/p.test.js > a > b', { file: 'test/p.test.js' })
  it('npm test whose script is one runner call: selectors and listing flag after --', () => {
    expect(narrowScript('npm test', { test: 'jest' }, [t])?.command).toBe(
      'npm test -- --verbose test/p.test.js',
    )
    expect(narrowScript('npm run unit', { unit: 'vitest run' }, [t])?.command).toBe(
      'npm run unit -- --reporter=verbose test/p.test.js',
    )
  })
  it('leaves scripts that chain, hide the runner or have hooks alone', () => {
    expect(narrowScript('npm test', { test: 'jest && eslint .' }, [t])).toBeNull()
    expect(narrowScript('npm test', { test: 'make test' }, [t])).toBeNull()
    expect(narrowScript('npm test', { test: 'jest', pretest: 'tsc' }, [t])).toBeNull()
    expect(narrowScript('yarn test', { test: 'jest' }, [t])).toBeNull()
  })
})
