import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/rollback/analysis.js'
import {
  claimsRootCause,
  mermaidChart,
  mermaidNumber,
  renderSummary,
} from '../../src/rollback/report.js'
import type { Measurement } from '../../src/rollback/types.js'
import { analysisConfig, metricConfig, series } from './fixtures.js'

/** Mermaid's xychart lexer (packages/mermaid/src/diagrams/xychart/parser/xychart.jison). */
const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/
const STRING = /^"[^"\n]*"$/

/**
 * Checks a ```mermaid block line by line against the xychart-beta grammar: quoted title and
 * labels, plain numbers only, every series as long as the x-axis, values inside the y range.
 */
function checkXyChart(block: string): { labels: string[]; lines: number[][] } {
  const body = block.split('\n')
  expect(body[0]).toBe('```mermaid')
  expect(body.at(-1)).toBe('```')
  expect(body[1]).toBe('xychart-beta')
  let labels: string[] = []
  let range: [number, number] | null = null
  const lines: number[][] = []
  for (const raw of body.slice(2, -1)) {
    const line = raw.trim()
    const [keyword] = line.split(/\s/, 1)
    const rest = line.slice(keyword!.length).trim()
    if (keyword === 'title') {
      expect(rest).toMatch(STRING)
    } else if (keyword === 'x-axis') {
      const m = /^\[(.*)\]$/.exec(rest)
      expect(m, rest).not.toBeNull()
      labels = m![1]!.split(', ')
      for (const l of labels) expect(l).toMatch(STRING)
    } else if (keyword === 'y-axis') {
      const m = /^("[^"\n]*") (\S+) --> (\S+)$/.exec(rest)
      expect(m, rest).not.toBeNull()
      expect(m![2]).toMatch(NUMBER)
      expect(m![3]).toMatch(NUMBER)
      range = [Number(m![2]), Number(m![3])]
      expect(range[0]).toBeLessThan(range[1])
    } else if (keyword === 'line' || keyword === 'bar') {
      const m = /^\[(.*)\]$/.exec(rest)
      expect(m, rest).not.toBeNull()
      const values = m![1]!.split(', ')
      for (const v of values) expect(v, `'${v}' in ${rest}`).toMatch(NUMBER)
      lines.push(values.map(Number))
    } else {
      throw new Error(`unexpected xychart statement '${line}'`)
    }
  }
  expect(labels.length).toBeGreaterThan(0)
  expect(range).not.toBeNull()
  for (const l of lines) {
    expect(l).toHaveLength(labels.length)
    for (const v of l) {
      expect(v).toBeGreaterThanOrEqual(range![0])
      expect(v).toBeLessThanOrEqual(range![1])
    }
  }
  return { labels, lines }
}

const chartOf = (metric = metricConfig(), ms: Measurement[]) => {
  const result = analyze({
    analysis: analysisConfig({
      count: ms.length,
      consecutiveFailures: 0,
      maxFailures: 0,
      maxInconclusive: 0,
    }),
    metrics: [metric],
    measurements: { [metric.name]: ms },
  })
  return mermaidChart(metric, result.metrics[0]!)
}
const fence = (text: string) => /```mermaid[\s\S]*?```/.exec(text)?.[0] ?? ''

describe('mermaidNumber', () => {
  it('writes plain decimals the xychart lexer accepts, never an exponent', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [0.05, '0.05'],
      [-3.5, '-3.5'],
      [1.5e-7, '0.00000015'],
      [-2e-9, '-0.000000002'],
      [1.23456789e21, '1234570000000000000000'],
      [123456789, '123457000'],
      [1 / 3, '0.333333'],
    ]
    for (const [v, want] of cases) {
      expect(mermaidNumber(v)).toBe(want)
      expect(mermaidNumber(v)).toMatch(NUMBER)
    }
  })
})

describe('mermaidChart', () => {
  it('values and both bounds as lines; failing points flagged on the axis', () => {
    const metric = metricConfig({ name: 'errors', condition: { min: 0.001, max: 0.05 } })
    const chart = chartOf(metric, series(0.01, 0.2, 0.03))
    const { labels, lines } = checkXyChart(fence(chart))
    expect(labels).toEqual(['"#1"', '"#2 fail"', '"#3"'])
    expect(lines).toEqual([
      [0.01, 0.2, 0.03],
      [0.001, 0.001, 0.001],
      [0.05, 0.05, 0.05],
    ])
    expect(chart).toContain('title "errors (min 0.001, max 0.05)"')
  })

  it('no-data, error and NaN points are left out (a line has no holes) and listed under it', () => {
    const ms: Measurement[] = [
      ...series(0.01, 'n', 'e'),
      { kind: 'value', at: 1_700_000_180_000, value: Number.NaN },
      ...series(0.02),
    ]
    const chart = chartOf(metricConfig(), ms)
    const { labels, lines } = checkXyChart(fence(chart))
    expect(labels).toEqual(['"#1"', '"#5"'])
    expect(lines[0]).toEqual([0.01, 0.02])
    expect(chart).toContain(
      '_Not charted (no value): #2 (no data), #3 (provider error), #4 (not a number); see the table._',
    )
  })

  it('a metric with no value at all: no chart, only the note', () => {
    const chart = chartOf(metricConfig(), series('n', 'n'))
    expect(chart).not.toContain('```mermaid')
    expect(chart).toContain('#1 (no data), #2 (no data)')
  })

  it('+Inf and -Inf are drawn in bands of their own and labelled; tiny and huge values stay plain', () => {
    const ms: Measurement[] = [
      { kind: 'value', at: 1, value: Number.POSITIVE_INFINITY },
      { kind: 'value', at: 2, value: Number.NEGATIVE_INFINITY },
      { kind: 'value', at: 3, value: 3e-8 },
      { kind: 'value', at: 4, value: 2.5e22 },
    ]
    const { labels } = checkXyChart(fence(chartOf(metricConfig({ condition: { max: 1e-7 } }), ms)))
    expect(labels[0]).toBe('"#1 +Infinity"')
    expect(labels[1]).toBe('"#2 -Infinity"')
  })

  it('quotes and backticks in names and expressions cannot break the quoted title', () => {
    const metric = metricConfig({ name: 'p99 "checkout"', condition: { expr: 'result < 0.5' } })
    const chart = chartOf(metric, series(0.1, 0.7))
    checkXyChart(fence(chart))
    expect(chart).toContain(`title "p99 'checkout' ('result < 0.5')"`)
  })

  it('the job summary carries one valid chart per metric', () => {
    const a = metricConfig({ name: 'errors' })
    const b = metricConfig({ name: 'latency', condition: { max: 300 } })
    const analysis = analyze({
      analysis: analysisConfig({ count: 3 }),
      metrics: [a, b],
      measurements: { errors: series(0.01, 'n', 0.02), latency: series(120, 180, 1e-9) },
    })
    const summary = renderSummary({
      environment: 'production',
      deployment: { id: 1, sha: 'b'.repeat(40), createdAt: '2025-03-01T10:00:00Z' },
      metrics: [a, b],
      analysis,
      action: 'none',
    })
    const blocks = summary.match(/```mermaid[\s\S]*?```/g) ?? []
    expect(blocks).toHaveLength(2)
    blocks.forEach((blk) => checkXyChart(blk))
  })
})

describe('claimsRootCause', () => {
  it('flags asserted causes and lets hedged leads through', () => {
    expect(claimsRootCause('The root cause is the new cache layer.')).toBe(true)
    expect(claimsRootCause('Errors rose to 0.5.\nThis was caused by commit abc1234.')).toBe(true)
    expect(claimsRootCause('Commit abc1234 broke the checkout flow.')).toBe(true)
    expect(claimsRootCause('Commit abc1234 touches the cache; worth checking.')).toBe(false)
    expect(claimsRootCause('The spike may be due to the cache change.')).toBe(false)
    expect(claimsRootCause('Errors 0.5 at #2 against max 0.05; rolled back to 1a2b3c4.')).toBe(
      false,
    )
  })
})
