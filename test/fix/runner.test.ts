/** The test runner of fix mode: real bash commands, logs on disk, reports found by glob. */
import { afterEach, describe, expect, it } from 'vitest'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestRunner } from '../../src/fix/runner.js'
import { mergeSummaries } from '../../src/fix/parsers/index.js'
import type { ParseSummary, TestFailure } from '../../src/fix/parsers/types.js'

const samples = join(import.meta.dirname, 'samples')
let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

function workspace(): { ws: string; logs: string } {
  dir = mkdtempSync(join(tmpdir(), 'pitcrew-runner-'))
  const ws = join(dir, 'ws')
  mkdirSync(ws)
  return { ws, logs: join(dir, 'logs') }
}

describe('createTestRunner', () => {
  it('streams a long log to disk, keeps only a capped head and tail in memory, and parses the failures from the file', async () => {
    const { ws, logs } = workspace()
    copyFileSync(join(samples, 'vitest.txt'), join(ws, 'vitest-out.txt'))
    const run = createTestRunner({ workspace: ws, logDir: logs, reports: [], timeoutMs: 60_000 })
    // ~30 MB of chatter before the runner's failure sections, as a noisy CI log has
    const res = await run(
      "yes 'stdout | a chatty test logs a long line of noise again and again and again' | head -n 400000; cat vitest-out.txt; exit 1",
      'reproduce',
    )
    expect(res.exitCode).toBe(1)
    expect(statSync(res.logPath!).size).toBeGreaterThan(30_000_000)
    expect(res.output.length).toBeLessThan(25_000)
    expect(res.source).toBe('output')
    expect(res.summary.runner).toBe('vitest')
    expect(res.summary.failures.map((f) => f.id)).toEqual([
      'test/math.spec.ts > math > adds numbers',
      'test/math.spec.ts > throws inside',
      'test/parse.spec.ts > parses',
    ])
    expect(res.summary.linesSeen).toBeGreaterThan(400_000)
  })

  it('reads the JUnit reports the run wrote, not stale ones left by an earlier run', async () => {
    const { ws, logs } = workspace()
    mkdirSync(join(ws, 'reports'))
    copyFileSync(join(samples, 'surefire.xml'), join(ws, 'reports', 'old.xml'))
    const old = new Date(Date.now() - 3600_000)
    utimesSync(join(ws, 'reports', 'old.xml'), old, old)
    copyFileSync(join(samples, 'jest-junit.xml'), join(ws, 'jest-junit.xml'))
    const run = createTestRunner({
      workspace: ws,
      logDir: logs,
      reports: ['reports/*.xml'],
      timeoutMs: 60_000,
    })
    const res = await run('cp jest-junit.xml reports/junit.xml; exit 1', 'reproduce')
    expect(res.source).toBe('reports')
    expect(res.summary.runner).toBe('junit')
    const ids = res.summary.failures.map((f) => f.id)
    expect(ids.length).toBeGreaterThan(0)
    // surefire ids name Java classes; none may come from the stale report
    expect(ids.some((id) => /\.java|com\.|org\./.test(id))).toBe(false)
  })
})

describe('mergeSummaries', () => {
  it('keeps at most maxFailures failures over all reports and says it cut', () => {
    const report = (n: number): ParseSummary => ({
      runner: 'junit',
      failures: Array.from({ length: 60 }, (_, i): TestFailure => ({
        id: `r${n}::t${i}`,
        name: `t${i}`,
        message: 'boom',
        details: '',
        frames: [],
        runner: 'junit',
      })),
      counts: { failed: 60, total: 60 },
      truncated: false,
      linesSeen: 60,
    })
    const merged = mergeSummaries([report(1), report(2), report(3)])
    expect(merged.failures).toHaveLength(100)
    expect(merged.truncated).toBe(true)
    expect(merged.counts.failed).toBe(180)
  })
})
