import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MetricConfig } from '../../src/config/types.js'
import { analyze, type AnalysisResult } from '../../src/rollback/analysis.js'
import { runRollback } from '../../src/rollback/index.js'
import { renderSummary, type WatchFacts } from '../../src/rollback/report.js'
import type { Measurement } from '../../src/rollback/types.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { addDeployments, OWNER, REPO, rollbackDeps } from './deps.js'
import {
  analysisConfig,
  fakeClock,
  metricConfig,
  rollbackConfig,
  scriptProvider,
  series,
} from './fixtures.js'

/**
 * Issue 9, rollback summary: the decisions were right, the reading was not. These assert the
 * rendered Markdown a person reads in the job summary.
 */
const facts = (metrics: MetricConfig[], analysis: AnalysisResult): WatchFacts => ({
  environment: 'production',
  deployment: { id: 7, sha: 'b'.repeat(40), createdAt: '2025-03-01T10:00:00Z' },
  target: { id: 6, sha: 'a'.repeat(40) },
  metrics,
  analysis,
  action: 'none',
})

/** The numbers of each `line [...]` of the first chart, and its y-axis range. */
function chartLines(md: string): { lines: number[][]; range: [number, number] } {
  const block = /```mermaid[\s\S]*?```/.exec(md)![0]
  const lines = [...block.matchAll(/^ {2}line \[(.*)\]$/gm)].map((m) =>
    m[1]!.split(', ').map(Number),
  )
  const y = /y-axis "value" (\S+) --> (\S+)/.exec(block)!
  return { lines, range: [Number(y[1]), Number(y[2])] }
}

const rowOf = (md: string, n: number) => md.split('\n').find((l) => l.startsWith(`| ${n} | `)) ?? ''

describe('infinite values are drawn apart from the bound', () => {
  it('+∞ sits in a band of its own above the max line, and the table says +∞', () => {
    const metric = metricConfig({ condition: { max: 0.05 }, critical: true })
    const ms: Measurement[] = [
      ...series(0.01),
      { kind: 'value', at: 1_700_000_060_000, value: Number.POSITIVE_INFINITY },
    ]
    const analysis = analyze({
      analysis: analysisConfig({ count: 2 }),
      metrics: [metric],
      measurements: { errors: ms },
    })
    const md = renderSummary(facts([metric], analysis))
    const { lines, range } = chartLines(md)
    const [values, bound] = lines as [number[], number[]]
    expect(bound).toEqual([0.05, 0.05])
    const span = 0.05 - 0 // every finite value and bound lies in [0, 0.05]
    // At least half the finite span above the bound: never drawn on (or next to) the bound line.
    expect(values[1]! - 0.05).toBeGreaterThanOrEqual(span * 0.5 - 1e-12)
    expect(values[1]!).toBeLessThan(range[1])
    expect(md).toMatch(
      /_#2 is \+∞: drawn at 0\.075, in a band of its own above every finite value and bound; not a measured level\._/,
    )
    expect(rowOf(md, 2)).toMatch(/^\| 2 \| [\d:]+ \| \+∞ \| ❌ fail \|/)
    expect(md).toMatch(
      /\*\*Triggering measurement\*\*: `errors` #2 at .*: \+∞ \(Infinity > max 0\.05\)/,
    )
  })

  it('-∞ below a min bound likewise', () => {
    const metric = metricConfig({ name: 'throughput', condition: { min: 10 } })
    const ms: Measurement[] = [
      ...series(20),
      { kind: 'value', at: 1_700_000_060_000, value: Number.NEGATIVE_INFINITY },
    ]
    const analysis = analyze({
      analysis: analysisConfig({ count: 2 }),
      metrics: [metric],
      measurements: { throughput: ms },
    })
    const md = renderSummary(facts([metric], analysis))
    const { lines, range } = chartLines(md)
    // span [0, 20]: -∞ drawn at -10, the axis reaches below it, the min line stays at 10.
    expect(lines[0]![1]).toBe(-10)
    expect(range[0]).toBeLessThan(-10)
    expect(lines[1]).toEqual([10, 10])
    expect(rowOf(md, 2)).toContain('| -∞ |')
  })
})

describe('baseline metrics show the baseline', () => {
  const before = [0.008, 0.009, 0.01, 0.011, 0.012].flatMap((x) => [
    x,
    x + 0.0001,
    x + 0.0002,
    x + 0.0003,
  ])
  const metric = metricConfig({
    baseline: { window: '30m', confidence: 0.98, direction: 'increase', maxRatio: 2 },
  })
  const analysis = analyze({
    analysis: analysisConfig(),
    metrics: [metric],
    measurements: { errors: series(0.03, 0.03, 0.03) },
    baselines: { errors: before },
  })
  const md = renderSummary(facts([metric], analysis))
  const beforeMedian = analysis.metrics[0]!.evaluations[0]!.baseline!.beforeMedian

  it('the chart draws the baseline median and the max-ratio level, with a legend', () => {
    const { lines } = chartLines(md)
    // value, max 0.05, baseline median, median x 2
    expect(lines).toHaveLength(4)
    expect(lines[2]![0]).toBeCloseTo(beforeMedian, 6)
    expect(lines[3]![0]).toBeCloseTo(beforeMedian * 2, 6)
    expect(md).toContain(
      `_Lines, in order: the measured value; max 0.05 (0.05); baseline median (${fmt4(beforeMedian)}); baseline median × max-ratio 2 (${fmt4(beforeMedian * 2)})._`,
    )
  })

  it('the table has a column comparing each measurement with the baseline', () => {
    expect(md).toContain('| # | time (UTC) | value | vs baseline | verdict | why |')
    expect(rowOf(md, 2)).toMatch(
      new RegExp(
        `\\| 0\\.03 \\| median 0\\.03 vs ${fmt4(beforeMedian).replace('.', '\\.')} before, ratio 2\\.\\d+, p=0\\.0130 \\| ❌ fail \\|`,
      ),
    )
  })
})

function fmt4(v: number): string {
  return Number(v.toPrecision(4)).toString()
}

describe('no internal names in tables', () => {
  it('no data and provider errors read as words, in the table and the chart note', () => {
    const metric = metricConfig()
    const analysis = analyze({
      analysis: analysisConfig({ count: 3, maxInconclusive: 0 }),
      metrics: [metric],
      measurements: { errors: series(0.01, 'n', 'e') },
    })
    const md = renderSummary(facts([metric], analysis))
    expect(rowOf(md, 2)).toMatch(/\| no data \| ❔ inconclusive \|/)
    expect(rowOf(md, 3)).toMatch(/\| provider error \| ❔ inconclusive \|/)
    expect(md).toContain('#2 (no data), #3 (provider error)')
    expect(md).not.toMatch(/noData|\| error \|/)
  })
})

describe('an inconclusive result says what to check next', () => {
  it('no data: the query and the traffic; provider errors: the provider', () => {
    const metric = metricConfig()
    const noData = analyze({
      analysis: analysisConfig({ maxInconclusive: 2 }),
      metrics: [metric],
      measurements: { errors: series('n', 'n') },
    })
    const md = renderSummary(facts([metric], noData))
    expect(md).toContain('## pitcrew rollback: inconclusive')
    expect(md).toContain(
      "**What to check next**:\n- `errors` returned no data 2 time(s): check that its query matches this deployment's series (labels, environment, time range) and that the service received traffic; the `no-data` policy decides how it counts.\n- Nothing was rolled back: decide by hand, or re-run the job to watch again.",
    )

    const errors = analyze({
      analysis: analysisConfig({ maxInconclusive: 2 }),
      metrics: [metric],
      measurements: { errors: series('e', 'e') },
    })
    expect(renderSummary(facts([metric], errors))).toMatch(
      /- `errors`: the metrics provider failed 2 time\(s\) \(last: provider error \(HTTP 503\).*\): check its URL, credentials and that it is reachable from the runner\./,
    )
  })

  it('a metric that never passed, and a healthy run has no such section', () => {
    const metric = metricConfig()
    const silent = analyze({
      analysis: analysisConfig({ count: 2, consecutiveFailures: 0, maxFailures: 0 }),
      metrics: [metric],
      measurements: { errors: series(0.5, 0.5) },
    })
    expect(renderSummary(facts([metric], silent))).toContain(
      '- `errors` never passed: compare its values in the table with its condition',
    )
    const healthy = analyze({
      analysis: analysisConfig({ count: 2 }),
      metrics: [metric],
      measurements: { errors: series(0.01, 0.01) },
    })
    expect(renderSummary(facts([metric], healthy))).not.toContain('What to check next')
  })
})

describe('the recovery check shows its measurements', () => {
  let gh: GitHubEmulator
  beforeEach(async () => {
    gh = await startGitHubEmulator()
    gh.addRepo({ owner: OWNER, repo: REPO })
    addDeployments(gh, ['a'.repeat(40), 'b'.repeat(40)])
  })
  afterEach(() => gh.close())

  it('a table per metric of the measurements after the rollback', async () => {
    const provider = scriptProvider([0.5, 0.5, 0.02, 0.01])
    const r = await runRollback(
      rollbackDeps({
        githubUrl: gh.url,
        rollback: rollbackConfig({
          incidentIssue: false,
          confirmRecoverySeconds: 120,
          analysis: analysisConfig({ intervalSeconds: 60 }),
        }),
      }),
      { ...fakeClock(), provider },
    )
    expect(r.outcome).toBe('rolled-back')
    expect(r.summary).toContain(
      '**Recovery check**: healthy (metrics back within bounds over 2 measurements)',
    )
    const section = r.summary.slice(r.summary.indexOf('### Recovery check: healthy'))
    expect(section).toContain(
      'After the rollback, each metric against its absolute condition (no baseline): metrics back within bounds over 2 measurements.',
    )
    expect(section).toMatch(/`errors`\n\n\| # \| time \(UTC\) \| value \| verdict \| why \|/)
    expect(section).toMatch(/\| 1 \| [\d:]+ \| 0\.02 \| ✅ pass \| 0\.02 within the condition \|/)
    expect(section).toMatch(/\| 2 \| [\d:]+ \| 0\.01 \| ✅ pass \|/)
    expect(r.result.recovery).toMatchObject({
      decision: 'healthy',
      metrics: [{ name: 'errors', values: [0.02, 0.01] }],
    })
  })
})
