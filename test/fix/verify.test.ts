import { describe, expect, it } from 'vitest'
import { narrowCommand, shellQuote, verifyFix } from '../../src/fix/verify.js'
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
const summary = (failures: TestFailure[], passed = 3): ParseSummary => ({
  runner: 'vitest',
  failures,
  counts: { passed, failed: failures.length, total: passed + failures.length },
  truncated: false,
  linesSeen: 10,
})
const run = (command: string, exitCode: number, failures: TestFailure[], passed = 3): TestRun => ({
  command,
  exitCode,
  timedOut: false,
  durationMs: 5,
  summary: summary(failures, passed),
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
    const s = scripted([run('', 0, []), run('', 1, [old])])
    const v = await verifyFix({
      command: 'npx vitest run',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(true)
    expect(s.commands).toEqual(['npx vitest run test/a.spec.ts', 'npx vitest run'])
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
    const s = scripted([run('', 0, []), run('', 1, [broken])])
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
    const s = scripted([run('', 0, []), run('', 2, [])])
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
    expect(v.reason).toMatch(/no test ran/)
  })

  it('runs once when the command cannot be narrowed', async () => {
    const s = scripted([run('', 0, [])])
    const v = await verifyFix({
      command: 'npm test',
      targets: [target],
      baseline,
      runTests: s.runTests,
    })
    expect(v.ok).toBe(true)
    expect(s.commands).toEqual(['npm test'])
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
