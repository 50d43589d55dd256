/**
 * `pitcrew rollback --dry-run` against a loopback http metric provider, and
 * `pitcrew config check` on good and bad files, as subprocesses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLoopback, type Loopback } from '../rollback/loopback.js'
import { cleanEnv, pitcrew } from './helpers.js'

let dir: string
let metrics: Loopback
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pitcrew-cli-cfg-'))
  metrics = await startLoopback()
})
afterAll(async () => {
  await metrics?.close()
  rmSync(dir, { recursive: true, force: true })
})

function rollbackConfig(count: number): string {
  return [
    'rollback:',
    '  environment: production',
    '  analysis:',
    '    interval: 1s',
    `    count: ${count}`,
    '    consecutive-failures: 2',
    '  metrics:',
    '    - name: error-rate',
    '      provider:',
    '        type: http',
    `        url: ${metrics.url}/error-rate`,
    '        json-path: value',
    '      condition:',
    '        max: 0.05',
    '',
  ].join('\n')
}

/** A workspace (not a git repo) whose .github/pitcrew.yml holds `text`. */
function workspace(name: string, text: string): string {
  const ws = join(dir, name)
  mkdirSync(join(ws, '.github'), { recursive: true })
  writeFileSync(join(ws, '.github/pitcrew.yml'), text)
  return ws
}

function serve(values: number[]): void {
  let i = 0
  metrics.reply(() => ({ json: { value: values[Math.min(i++, values.length - 1)] } }))
}

describe('pitcrew rollback --dry-run', () => {
  it('prints each measurement, a chart with the threshold and the decision; roll back is exit 1', async () => {
    const ws = workspace('bad', rollbackConfig(4))
    serve([0.01, 0.2, 0.3, 0.4])
    const r = await pitcrew(['rollback', '--dry-run', '--deployment-sha', 'abc1234def'], {
      cwd: ws,
      env: cleanEnv(),
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toContain("Analysis of 1 metric(s) for abc1234def in 'production'")
    expect(lines).toContainEqual(expect.stringMatching(/^#1 \d\d:\d\d:\d\d error-rate = 0\.01 ✓$/))
    expect(lines).toContainEqual(
      expect.stringMatching(/^#2 \d\d:\d\d:\d\d error-rate = 0\.2 ✗ 0\.2 > max 0\.05$/),
    )
    expect(lines).toContainEqual(expect.stringMatching(/^#3 .* = 0\.3 ✗/))
    // Stopped at the decision: the 4th value was never read.
    expect(metrics.requests).toHaveLength(3)
    expect(r.stdout).not.toMatch(/^#4/m)
    // The chart: title with the bound, the threshold row, columns and verdict marks.
    expect(r.stdout).toContain('error-rate (max 0.05)')
    expect(r.stdout).toMatch(/0\.05 ┼.*╌.* max/)
    expect(r.stdout).toMatch(/^\s+1 {2}2 {2}3$/m)
    expect(r.stdout).toMatch(/^\s+✓ {2}✗ {2}✗$/m)
    expect(r.stdout).toMatch(/Decision: ROLL BACK after measurement 3: .*error-rate/)
    expect(r.stdout).toContain(
      "Dry run: nothing was done. The action would roll back with 'github-deployment'.",
    )
  })

  it('a healthy analysis exits 0; --json carries the decision and the values', async () => {
    const ws = workspace('good', rollbackConfig(2))
    metrics.requests.length = 0
    serve([0.01, 0.02])
    const r = await pitcrew(['rollback', '--dry-run', '--json'], { cwd: ws, env: cleanEnv() })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({
      command: 'rollback',
      outcome: 'healthy',
      exitCode: 0,
      result: {
        local: true,
        decision: { kind: 'healthy', n: 2 },
        metrics: [{ name: 'error-rate', values: [0.01, 0.02], verdicts: ['pass', 'pass'] }],
      },
    })
  })

  it('without --dry-run, or without a config file, it is a usage error (exit 2) and measures nothing', async () => {
    const ws = workspace('nodry', rollbackConfig(2))
    metrics.requests.length = 0
    const r = await pitcrew(['rollback'], { cwd: ws, env: cleanEnv() })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('needs --dry-run')
    const empty = mkdtempSync(join(dir, 'empty-'))
    const n = await pitcrew(['rollback', '--dry-run'], { cwd: empty, env: cleanEnv() })
    expect(n.code).toBe(2)
    expect(n.stderr).toContain("No config file at '.github/pitcrew.yml'")
    expect(metrics.requests).toHaveLength(0)
  })
})

describe('pitcrew config check', () => {
  it('a valid file: exit 0 and the effective settings with defaults filled in', async () => {
    const ws = workspace(
      'check-good',
      'review:\n  max-comments: 5\nfix:\n  test-command: npm test\n',
    )
    const r = await pitcrew(['config', 'check'], { cwd: ws, env: cleanEnv() })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('✓ .github/pitcrew.yml is valid.')
    expect(r.stdout).toContain('max-comments: 5')
    expect(r.stdout).toContain('min-severity: minor') // a default
    expect(r.stdout).toContain('test-command: npm test')
    const j = await pitcrew(['config', 'check', '.github/pitcrew.yml', '--json'], {
      cwd: ws,
      env: cleanEnv(),
    })
    expect(j.code).toBe(0)
    expect(JSON.parse(j.stdout)).toMatchObject({
      valid: true,
      config: { review: { 'max-comments': 5 } },
    })
  })

  it('an invalid file: exit 1 and every error with its key and line', async () => {
    const file = join(dir, 'bad.yml')
    writeFileSync(
      file,
      'review:\n  max-coments: 5\n  min-severity: huge\nrollback:\n  metrics:\n    - name: x\n      provider: {type: http, url: "http://x", json-path: v}\n      condition: {expr: "result <"}\n',
    )
    const r = await pitcrew(['config', 'check', file], { cwd: dir, env: cleanEnv() })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("Invalid configuration in 'bad.yml'")
    expect(r.stdout).toMatch(/review\.max-coments \(line 2.*max-comments/)
    expect(r.stdout).toMatch(/review\.min-severity \(line 3.*'huge'/)
    const j = await pitcrew(['config', 'check', file, '--json'], { cwd: dir, env: cleanEnv() })
    expect(j.code).toBe(1)
    expect(JSON.parse(j.stdout).valid).toBe(false)
  })

  it('a condition expression that does not compile is reported like the rollback mode would', async () => {
    const file = join(dir, 'expr.yml')
    writeFileSync(
      file,
      'rollback:\n  metrics:\n    - name: x\n      provider: {type: http, url: "http://x", json-path: v}\n      condition: {expr: "result <"}\n',
    )
    const r = await pitcrew(['config', 'check', file], { cwd: dir, env: cleanEnv() })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('rollback.metrics[0].condition.expr')
  })

  it('a missing file is a usage error, exit 2', async () => {
    const r = await pitcrew(['config', 'check', 'nope.yml'], { cwd: dir, env: cleanEnv() })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("Cannot read config file 'nope.yml'")
  })
})
