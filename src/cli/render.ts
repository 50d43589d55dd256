/**
 * What the CLI prints: pure text functions over the modes' results, so the terminal output is
 * tested without a process. Nothing here decides anything; the modes did.
 */
import { stringify } from 'yaml'
import type { Usage } from '../agent/types.js'
import type { MetricConfig, RepoConfig } from '../config/types.js'
import { describeStep } from '../fix/report.js'
import type { VerifyStep } from '../fix/verify.js'
import type { Coverage } from '../review/pack.js'
import { fmt } from '../rollback/analysis.js'
import type { PreviewRequest } from './preview.js'

/** A finding as runReview returns it for a local review (`result.items`). */
export interface CliFinding {
  path: string
  line: number | null
  startLine?: number
  side: 'LEFT' | 'RIGHT'
  severity: string
  title: string
  body: string
  suggestion?: string
  placement: 'inline' | 'outside' | 'overflow'
  reason?: string
}

const indent = (text: string, by = '    '): string =>
  text
    .replace(/\s+$/, '')
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n')

/** `path:line severity title`, then the body, then the suggestion, one blank line apart. */
export function renderFindings(items: CliFinding[]): string {
  return items
    .map((f) => {
      const where = f.line !== null ? `${f.path}:${f.line}` : f.path
      const side = f.side === 'LEFT' ? ' (deleted line)' : ''
      const parts = [`${where} ${f.severity} ${f.title}${side}`]
      if (f.placement === 'outside') {
        parts.push(`    (outside the diff${f.reason ? `: ${f.reason}` : ''})`)
      }
      if (f.body.trim()) parts.push(indent(f.body.trim()))
      if (f.suggestion !== undefined) {
        const range =
          f.startLine !== undefined && f.line !== null && f.startLine !== f.line
            ? ` (replaces lines ${f.startLine}-${f.line})`
            : f.line !== null
              ? ` (replaces line ${f.line})`
              : ''
        parts.push(`    suggestion${range}:`, indent(f.suggestion, '      | '))
      }
      return parts.join('\n')
    })
    .join('\n\n')
}

export function renderCoverage(c: Coverage, skipped: { path: string; reason: string }[]): string {
  const lines = [
    `Coverage: ${c.filesShown}/${c.filesReviewable} reviewable files, ${c.changedLinesShown}/${c.changedLinesReviewable} changed lines shown to the model (${c.filesTotal} files changed).`,
  ]
  for (const s of skipped) lines.push(`  skipped ${s.path}: ${s.reason}`)
  return lines.join('\n')
}

export function renderUsage(u: Usage, stopReason: string): string {
  const cost =
    u.costUsd === null ? 'cost unknown (model not in the price table)' : `$${u.costUsd.toFixed(4)}`
  return `Usage: ${u.inputTokens} input, ${u.outputTokens} output, ${u.cacheReadTokens} cache-read, ${u.cacheWriteTokens} cache-write tokens; ${cost}; ${u.turns} turns; stop reason ${stopReason}.`
}

export function usd(v: number | null): string {
  if (v === null) return 'unknown (model not in the price table)'
  return v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`
}

/** The --dry-run report: each request pitcrew would send, its size and its estimated cost. */
export function renderPreview(
  requests: PreviewRequest[],
  o: { files?: { label: string; files: string[] }[]; maxCostUsd: number; maxTurns: number },
): string {
  const out: string[] = ['Dry run: the model was not called. pitcrew would send:']
  if (requests.length === 0) out.push('  nothing (no model call needed)')
  requests.forEach((r, i) => {
    out.push(
      `  ${i + 1}. ${r.label}: ${r.model}, ~${r.tokens.total} input tokens (prompt ${r.tokens.prompt}, system ${r.tokens.system}, tools ${r.tokens.tools}: ${r.tools.join(', ')})`,
    )
    const files = o.files?.[i]?.files
    if (files?.length) out.push(`     files: ${files.join(', ')}`)
  })
  const total = requests.reduce((n, r) => n + r.tokens.total, 0)
  const first = requests.map((r) => r.firstCallUsd)
  const sum = first.some((c) => c === null) ? null : first.reduce((n, c) => n! + c!, 0)
  if (requests.length) {
    out.push(
      `Estimated cost of the first call${requests.length > 1 ? 's' : ''}: ${usd(sum)} for ~${total} input tokens (at the cache-write price; later turns re-read this prefix from the cache at 0.1x, plus tool results and output).`,
      `A real run is bounded by --max-turns ${o.maxTurns} per call and --max-cost-usd ${usd(o.maxCostUsd)} in total.`,
    )
  }
  return out.join('\n')
}

export function renderEvidence(steps: VerifyStep[]): string {
  return steps
    .map((s) => {
      const d = describeStep(s)
      return `  ${s.ok ? '✓' : '✗'} ${d.what}: \`${s.command}\` exit ${d.exit}, ${d.counts}: ${d.verdict}`
    })
    .join('\n')
}

const EIGHTHS = ' ▁▂▃▄▅▆▇█'

/**
 * A terminal bar chart of one metric: a column per measurement, its bounds as dashed lines,
 * and a verdict mark under each column. Measurements without a value are shown as `·`.
 */
export function barChart(
  metric: Pick<MetricConfig, 'name' | 'condition'> & { dryRun?: boolean },
  values: (number | null)[],
  verdicts: string[] = [],
  height = 8,
): string {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v))
  const bounds: { value: number; tag: string }[] = []
  if (metric.condition.min !== undefined) bounds.push({ value: metric.condition.min, tag: 'min' })
  if (metric.condition.max !== undefined) bounds.push({ value: metric.condition.max, tag: 'max' })
  const all = [...finite, ...bounds.map((b) => b.value)]
  const lo = Math.min(0, ...all)
  let hi = all.length ? Math.max(...all) : 1
  if (hi <= lo) hi = lo + 1
  const step = (hi - lo) / height
  const rowOf = (v: number) => Math.min(height - 1, Math.max(0, Math.floor((v - lo) / step)))
  const labelFor = new Map<number, string>()
  labelFor.set(height - 1, fmt(Number(hi.toPrecision(4))))
  labelFor.set(0, fmt(Number(lo.toPrecision(4))))
  const boundRows = new Map<number, string[]>()
  for (const b of bounds) {
    const r = rowOf(b.value)
    labelFor.set(r, fmt(b.value))
    boundRows.set(r, [...(boundRows.get(r) ?? []), b.tag])
  }
  const labelWidth = Math.max(...[...labelFor.values()].map((l) => l.length))
  const lines: string[] = []
  const cond = [
    metric.condition.min !== undefined ? `min ${fmt(metric.condition.min)}` : '',
    metric.condition.max !== undefined ? `max ${fmt(metric.condition.max)}` : '',
    metric.condition.expr ? `expr ${metric.condition.expr}` : '',
  ]
    .filter(Boolean)
    .join(', ')
  lines.push(
    `${metric.name} (${cond || 'no bound'})${metric.dryRun ? ' (dry-run metric: never decides)' : ''}`,
  )
  for (let r = height - 1; r >= 0; r--) {
    const rowLo = lo + r * step
    const isBound = boundRows.has(r)
    const cells = values.map((v) => {
      let ch = ' '
      if (v === null || !Number.isFinite(v)) {
        ch = r === 0 ? '·' : ' '
        if (v !== null && v > 0) ch = '█' // +Infinity fills the column
      } else {
        const fill = Math.max(0, Math.min(1, (v - rowLo) / step))
        ch = EIGHTHS[Math.round(fill * 8)]!
      }
      if (ch === ' ' && isBound) ch = '╌'
      return ch + ch + (isBound ? '╌' : ' ')
    })
    const label = (labelFor.get(r) ?? '').padStart(labelWidth)
    const axis = isBound ? '┼' : '┤'
    const tag = isBound ? ` ${boundRows.get(r)!.join('/')}` : ''
    lines.push(`  ${label} ${axis}${cells.join('')}${tag}`.replace(/\s+$/, ''))
  }
  const pad = ' '.repeat(labelWidth + 4)
  lines.push(`${pad}${values.map((_, i) => String(i + 1).padEnd(3)).join('')}`.replace(/\s+$/, ''))
  if (verdicts.length) {
    const mark = (v: string) =>
      v === 'pass' ? '✓' : v === 'fail' ? '✗' : v === 'inconclusive' ? '?' : '-'
    lines.push(`${pad}${verdicts.map((v) => mark(v).padEnd(3)).join('')}`.replace(/\s+$/, ''))
  }
  return lines.join('\n')
}

/** camelCase keys back to the kebab-case users write; values of header maps are masked. */
export function kebabConfig(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => kebabConfig(v, key))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'headers') {
        // Header values are often credentials; the keys are enough to check the config.
        out[k] = '***'
        continue
      }
      out[k.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()] = kebabConfig(v, k)
    }
    return out
  }
  return value
}

export function renderConfig(config: RepoConfig): string {
  return stringify(kebabConfig(config), { lineWidth: 100 })
}
