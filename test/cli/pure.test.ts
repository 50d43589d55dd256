/** The CLI's pure parts: argument parsing (usage errors) and the terminal renderings. */
import { describe, expect, it } from 'vitest'
import { helpText, parseCli, UsageError } from '../../src/cli/args.js'
import { barChart, kebabConfig, renderFindings } from '../../src/cli/render.js'
import { createProgress } from '../../src/cli/progress.js'

describe('parseCli', () => {
  it('parses each command and its flags', () => {
    expect(
      parseCli(['review', '--base', 'origin/dev', '--fail-on', 'minor', '--json']),
    ).toMatchObject({
      kind: 'review',
      base: 'origin/dev',
      failOn: 'minor',
      dryRun: false,
      common: { json: true },
    })
    expect(
      parseCli(['fix', '--test-command', 'npm test', '--commit', '--max-turns', '5']),
    ).toMatchObject({
      kind: 'fix',
      testCommand: 'npm test',
      commit: true,
      common: { maxTurns: '5' },
    })
    expect(parseCli(['rollback', '--dry-run', '--deployment-sha', 'abc'])).toMatchObject({
      kind: 'rollback',
      dryRun: true,
      deploymentSha: 'abc',
    })
    expect(parseCli(['config', 'check', 'x.yml'])).toMatchObject({
      kind: 'config-check',
      file: 'x.yml',
    })
    expect(parseCli(['fix', '--help'])).toEqual({ kind: 'help', topic: 'fix' })
    expect(parseCli([])).toEqual({ kind: 'help' })
  })

  it('refuses what it cannot use, naming the value and the expected form', () => {
    const err = (argv: string[]) => {
      try {
        parseCli(argv)
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError)
        return (e as Error).message
      }
      throw new Error(`no error for ${argv.join(' ')}`)
    }
    expect(err(['deploy'])).toContain("Unknown command 'deploy'")
    expect(err(['config', 'lint'])).toContain("Unknown subcommand 'config lint'")
    expect(err(['review', '--fail-on', 'blocker'])).toContain(
      "Invalid --fail-on 'blocker'. Expected one of: critical, major, minor, nit, none",
    )
    expect(err(['review', '--bse', 'main'])).toContain("Unknown option '--bse'")
    expect(err(['fix', 'npm', 'test'])).toContain("Unexpected argument 'npm'")
    expect(err(['fix', '--commit', '--dry-run'])).toContain('at most one')
    expect(err(['rollback', '--base', 'x'])).toContain("Unknown option '--base'")
  })

  it('documents the exit codes in every help text', () => {
    for (const t of [undefined, 'review', 'fix', 'rollback', 'config-check'] as const) {
      expect(helpText(t)).toContain('Exit codes:')
      expect(helpText(t)).toMatch(/2 {2}usage or configuration error/)
    }
  })
})

describe('renderings', () => {
  it('prints a finding as path:line severity title, body, suggestion', () => {
    const text = renderFindings([
      {
        path: 'a.ts',
        line: 7,
        startLine: 6,
        side: 'RIGHT',
        severity: 'critical',
        title: 'SQL injection',
        body: 'Use a parameter.',
        suggestion: 'db.query(sql, [id])',
        placement: 'inline',
      },
    ])
    expect(text).toBe(
      'a.ts:7 critical SQL injection\n    Use a parameter.\n    suggestion (replaces lines 6-7):\n      | db.query(sql, [id])',
    )
  })

  it('draws a bar per measurement, the bound as a dashed row and a mark per verdict', () => {
    const chart = barChart(
      { name: 'err', condition: { max: 5 } },
      [1, 10, null],
      ['pass', 'fail', 'inconclusive'],
      4,
    )
    expect(chart.split('\n')).toEqual([
      'err (max 5)',
      '  10 ┤   ██',
      '   5 ┼╌╌╌██╌╌╌╌ max',
      '     ┤   ██',
      '   0 ┤▃▃ ██ ··',
      '      1  2  3',
      '      ✓  ✗  ?',
    ])
  })

  it('shows the config with the kebab-case keys users write and masks header values', () => {
    expect(kebabConfig({ maxComments: 3, headers: { Authorization: 'Bearer x' } })).toEqual({
      'max-comments': 3,
      headers: { Authorization: '***' },
    })
  })

  it('progress: quiet when not a terminal (warnings still shown), everything with --verbose, redacted', () => {
    const quiet: string[] = []
    const p = createProgress({
      write: (t) => quiet.push(t),
      tty: false,
      verbose: false,
      redact: (t) => t.replace('secret', '***'),
    })
    p.info('step')
    p.startGroup('pitcrew fix: reproduce')
    p.note('note')
    p.warning('careful secret')
    p.stop()
    expect(quiet).toEqual(['warning: careful ***\n'])
    const loud: string[] = []
    const v = createProgress({
      write: (t) => loud.push(t),
      tty: false,
      verbose: true,
      redact: (t) => t,
    })
    v.info('step')
    v.startGroup('pitcrew fix: reproduce')
    v.stop()
    expect(loud).toEqual(['step\n', '› reproduce\n'])
  })
})
