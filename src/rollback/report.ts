import type { MetricConfig } from '../config/types.js'
import type { AnalysisResult, Decision, Evaluation, MetricReport } from './analysis.js'
import { fmt } from './analysis.js'

/** The facts every explanation is built from (pure data; rendering has no I/O). */
export interface WatchFacts {
  environment: string
  deployment: { id: number; sha: string; createdAt: string }
  target?: { id: number; sha: string } | null
  metrics: MetricConfig[]
  analysis: AnalysisResult
  /** What was done about the decision, one line. */
  action: string
  commits?: { sha: string; message: string; author: string }[]
  recovery?: {
    decision: Decision['kind']
    detail: string
    /** The recovery check's own measurements, per metric (absolute conditions only). */
    metrics?: MetricReport[]
  }
  pull?: { number: number; title: string } | null
  /** GitHub writes of this run that failed for good (the step fails; a rerun completes them). */
  notDone?: string[]
}

const VERDICT_ICON: Record<Evaluation['verdict'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '❔ inconclusive',
  ignored: '➖ ignored',
}

/**
 * A measurement as a person reads it: the number, `+∞`/`-∞` for infinities (kept apart from any
 * bound), or what happened instead of a value: never an internal name such as `noData`.
 */
export function valueText(e: Pick<Evaluation, 'value' | 'kind'>): string {
  if (e.value !== undefined) {
    if (e.value === Number.POSITIVE_INFINITY) return '+∞'
    if (e.value === Number.NEGATIVE_INFINITY) return '-∞'
    if (Number.isNaN(e.value)) return 'not a number'
    return fmt(e.value)
  }
  return e.kind === 'noData' ? 'no data' : e.kind === 'error' ? 'provider error' : e.kind
}

/** The triggering evaluation of a decision, when it names one. */
export function triggering(
  facts: Pick<WatchFacts, 'analysis'>,
): { metric: MetricReport; ev: Evaluation } | null {
  const d = facts.analysis.decision
  if ((d.kind !== 'rollback' && d.kind !== 'inconclusive') || !d.metric) return null
  const metric = facts.analysis.metrics.find((m) => m.name === d.metric)
  const ev = metric?.evaluations.find((e) => e.n === d.n)
  return metric && ev ? { metric, ev } : null
}

function boundText(m: MetricConfig): string {
  const c = m.condition
  const parts = [
    c.min !== undefined ? `min ${c.min}` : '',
    c.max !== undefined ? `max ${c.max}` : '',
    c.expr ? `\`${c.expr}\`` : '',
  ]
  if (m.baseline)
    parts.push(
      `baseline ${m.baseline.direction}${m.baseline.maxRatio !== undefined ? ` > ${m.baseline.maxRatio}x` : ''} (confidence ${m.baseline.confidence})`,
    )
  return parts.filter(Boolean).join(', ') || 'no bound'
}

/**
 * A number as Mermaid's xychart grammar reads it: `[+-]?(\d+(\.\d+)?|\.\d+)`, so no exponent
 * (`1e-7` would end the chart with a parse error), 6 significant digits. Finite values only.
 */
export function mermaidNumber(v: number): string {
  const s = Number(v.toPrecision(6)).toString()
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s)
  if (!m) return s
  const [, sign, int, frac = '', exp] = m
  const digits = `${int}${frac}`
  const point = int!.length + Number(exp)
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? `${digits}${'0'.repeat(point - digits.length)}`
        : `${digits.slice(0, point)}.${digits.slice(point)}`
  return `${sign}${body}`
}

/** Text inside a Mermaid quoted string: the grammar has no escapes, so no `"`, no newline. */
function mermaidText(s: string): string {
  return s.replace(/["`]/g, "'").replace(/[\r\n]+/g, ' ')
}

/** The baseline lines of a metric's chart: the pre-deploy median and the `max-ratio` level. */
export function baselineLines(
  metric: MetricConfig,
  report: MetricReport,
): { label: string; value: number }[] {
  const check = report.evaluations.find((e) => e.baseline)?.baseline
  if (!metric.baseline || !check || !Number.isFinite(check.beforeMedian)) return []
  const out = [{ label: 'baseline median', value: check.beforeMedian }]
  const r = metric.baseline.maxRatio
  if (r !== undefined && r > 0) {
    const level =
      metric.baseline.direction === 'increase' ? check.beforeMedian * r : check.beforeMedian / r
    out.push({
      label: `baseline median ${metric.baseline.direction === 'increase' ? '×' : '÷'} max-ratio ${r}`,
      value: level,
    })
  }
  return out
}

/**
 * A Mermaid xychart-beta of one metric: its values, its bounds and (for a baseline metric) the
 * baseline median and `max-ratio` level as flat lines. A line cannot have holes and the grammar
 * takes only plain numbers, so measurements without a value (no data, provider errors, NaN) are
 * left out and listed under the chart. +/-Inf are drawn in a band of their own, half the chart's
 * span beyond every finite value and bound, so an infinite value never sits on a bound line.
 * Returns '' when no measurement has a value.
 */
export function mermaidChart(metric: MetricConfig, report: MetricReport): string {
  const evs = report.evaluations
  const plotted = evs.filter((e) => e.value !== undefined && !Number.isNaN(e.value))
  const skipped = evs.filter((e) => !plotted.includes(e))
  const notes: string[] = []
  if (skipped.length)
    notes.push(
      `_Not charted (no value): ${skipped.map((e) => `#${e.n} (${e.kind === 'value' ? 'not a number' : valueText(e)})`).join(', ')}; see the table._`,
    )
  if (!plotted.length) return notes.join('\n\n')
  const finite = plotted.flatMap((e) => (Number.isFinite(e.value) ? [e.value!] : []))
  const bounds = [
    ...(metric.condition.min !== undefined
      ? [{ label: `min ${fmt(metric.condition.min)}`, value: metric.condition.min }]
      : []),
    ...(metric.condition.max !== undefined
      ? [{ label: `max ${fmt(metric.condition.max)}`, value: metric.condition.max }]
      : []),
  ].filter((b) => Number.isFinite(b.value))
  const base = baselineLines(metric, report)
  const levels = [...bounds, ...base]
  const all = [...finite, ...levels.map((l) => l.value)]
  const lo = Math.min(0, ...all)
  const hiRaw = Math.max(lo, ...all)
  const span = hiRaw === lo ? 1 : hiRaw - lo
  const plusInf = plotted.some((e) => e.value === Number.POSITIVE_INFINITY)
  const minusInf = plotted.some((e) => e.value === Number.NEGATIVE_INFINITY)
  const infHi = hiRaw + span * 0.5
  const infLo = lo - span * 0.5
  const hi = (plusInf ? infHi : hiRaw) + span * 0.1
  const bottom = minusInf ? infLo - span * 0.1 : lo
  const ys = plotted.map((e) =>
    Number.isFinite(e.value) ? e.value! : e.value! > 0 ? infHi : infLo,
  )
  const labels = plotted.map((e) => {
    const tag = !Number.isFinite(e.value)
      ? ` ${e.value! > 0 ? '+' : ''}${e.value}`
      : e.verdict === 'fail'
        ? ' fail'
        : ''
    return `"#${e.n}${tag}"`
  })
  const series = (values: number[]) => `[${values.map(mermaidNumber).join(', ')}]`
  const chart = [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidText(`${metric.name} (${boundText(metric)})`)}"`,
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "value" ${mermaidNumber(bottom)} --> ${mermaidNumber(hi)}`,
    `  line ${series(ys)}`,
    ...levels.map((b) => `  line ${series(plotted.map(() => b.value))}`),
    '```',
  ].join('\n')
  if (levels.length)
    notes.unshift(
      `_Lines, in order: the measured value; ${levels.map((l) => `${l.label} (${fmt(l.value)})`).join('; ')}._`,
    )
  for (const e of plotted.filter((x) => !Number.isFinite(x.value))) {
    const up = e.value! > 0
    notes.push(
      `_#${e.n} is ${valueText(e)}: drawn at ${mermaidNumber(up ? infHi : infLo)}, in a band of its own ${up ? 'above' : 'below'} every finite value and bound; not a measured level._`,
    )
  }
  return notes.length ? `${chart}\n\n${notes.join('\n\n')}` : chart
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The job summary: decision, triggering measurement, then a chart and a table per metric. */
export function renderSummary(facts: WatchFacts, incident?: string): string {
  const d = facts.analysis.decision
  const out: string[] = []
  const title: Record<Decision['kind'], string> = {
    continue: 'still watching',
    healthy: 'healthy',
    rollback: 'roll back',
    inconclusive: 'inconclusive',
  }
  out.push(`## pitcrew rollback: ${title[d.kind]}`)
  out.push('')
  out.push(
    `Deployment ${facts.deployment.id} of \`${facts.deployment.sha.slice(0, 7)}\` to **${facts.environment}**` +
      (facts.target
        ? `; rollback target: deployment ${facts.target.id} of \`${facts.target.sha.slice(0, 7)}\``
        : ''),
  )
  out.push('')
  out.push(`**Decision** after measurement ${d.n}: ${'reason' in d ? d.reason : 'no decision yet'}`)
  const trig = triggering(facts)
  if (trig) {
    const at = new Date(trig.ev.at).toISOString()
    out.push('')
    out.push(
      `**Triggering measurement**: \`${trig.metric.name}\` #${trig.ev.n} at ${at}: ${valueText(trig.ev)} (${trig.ev.reason})`,
    )
  }
  out.push('')
  out.push(`**Action**: ${facts.action}`)
  if (facts.notDone?.length)
    out.push(
      '',
      '**Not done** (the step fails; re-run the job to complete it, nothing is rolled back twice):',
      ...facts.notDone.map((n) => `- ${n}`),
    )
  if (d.kind === 'inconclusive') {
    out.push('', '**What to check next**:', ...nextSteps(facts).map((x) => `- ${x}`))
  }
  if (facts.recovery)
    out.push('', `**Recovery check**: ${facts.recovery.decision} (${facts.recovery.detail})`)
  const dry = facts.analysis.metrics.filter((m) => m.dryRun && m.wouldDecide)
  for (const m of dry)
    out.push(
      '',
      `Dry-run metric \`${m.name}\` would have decided ${m.wouldDecide!.kind} at #${m.wouldDecide!.n}: ${m.wouldDecide!.reason}`,
    )
  if (incident) out.push('', '### Incident summary', '', incident)
  for (const metric of facts.metrics) {
    const report = facts.analysis.metrics.find((r) => r.name === metric.name)
    if (!report) continue
    out.push(
      '',
      `### \`${metric.name}\`${metric.dryRun ? ' (dry run)' : ''}${metric.critical ? ' (critical)' : ''}: ${boundText(metric)}`,
    )
    out.push(
      '',
      `passes ${report.passes}, failures ${report.failures}, inconclusive ${report.inconclusive}; limits: consecutive-failures ${report.limits.consecutiveFailures || 'off'}, max-failures ${report.limits.maxFailures || 'off'}, max-inconclusive ${report.limits.maxInconclusive || 'off'}`,
    )
    if (report.baselineNote) out.push('', `_${report.baselineNote}_`)
    const chart = mermaidChart(metric, report)
    if (chart) out.push('', chart)
    out.push('', ...measurementTable(report, Boolean(metric.baseline)))
  }
  if (facts.recovery?.metrics?.length) {
    out.push(
      '',
      `### Recovery check: ${facts.recovery.decision}`,
      '',
      `After the rollback, each metric against its absolute condition (no baseline): ${facts.recovery.detail}.`,
    )
    for (const report of facts.recovery.metrics)
      out.push('', `\`${report.name}\``, '', ...measurementTable(report, false))
  }
  if (facts.commits?.length) {
    out.push(
      '',
      `### Commits between \`${facts.target?.sha.slice(0, 7) ?? '?'}\` and \`${facts.deployment.sha.slice(0, 7)}\``,
      '',
    )
    for (const c of facts.commits.slice(0, 50))
      out.push(`- \`${c.sha.slice(0, 7)}\` ${escapeCell(c.message)} (${c.author})`)
  }
  return out.join('\n')
}

/** The table of one metric's measurements; a baseline column for baseline metrics. */
function measurementTable(report: MetricReport, withBaseline: boolean): string[] {
  const head = withBaseline
    ? ['| # | time (UTC) | value | vs baseline | verdict | why |', '|---|---|---|---|---|---|']
    : ['| # | time (UTC) | value | verdict | why |', '|---|---|---|---|---|']
  return [
    ...head,
    ...report.evaluations.map((e) => {
      const cells = [
        String(e.n),
        new Date(e.at).toISOString().slice(11, 19),
        valueText(e),
        ...(withBaseline ? [baselineCell(e)] : []),
        VERDICT_ICON[e.verdict],
        escapeCell(e.reason),
      ]
      return `| ${cells.join(' | ')} |`
    }),
  ]
}

/** The baseline comparison after one measurement, in words: medians, ratio, p. */
function baselineCell(e: Evaluation): string {
  const b = e.baseline
  if (!b) return '—'
  return `median ${fmt(b.afterMedian)} vs ${fmt(b.beforeMedian)} before, ratio ${fmt(b.ratio)}, p=${b.p.toPrecision(3)}`
}

/**
 * For an inconclusive result, what a person should look at before trusting or re-running the
 * watch, from what made it inconclusive: missing data, provider errors, the deadline, a
 * cancelled step, or a metric that never passed.
 */
export function nextSteps(facts: Pick<WatchFacts, 'analysis'>): string[] {
  const d = facts.analysis.decision
  if (d.kind !== 'inconclusive') return []
  const out: string[] = []
  const named = d.metric ? facts.analysis.metrics.filter((m) => m.name === d.metric) : []
  const suspects = named.length ? named : facts.analysis.metrics.filter((m) => !m.dryRun)
  for (const m of suspects) {
    const noData = m.evaluations.filter((e) => e.kind === 'noData')
    const errors = m.evaluations.filter((e) => e.kind === 'error')
    if (noData.length)
      out.push(
        `\`${m.name}\` returned no data ${noData.length} time(s): check that its query matches this deployment's series (labels, environment, time range) and that the service received traffic; the \`no-data\` policy decides how it counts.`,
      )
    if (errors.length)
      out.push(
        `\`${m.name}\`: the metrics provider failed ${errors.length} time(s) (last: ${escapeCell(errors.at(-1)!.reason)}): check its URL, credentials and that it is reachable from the runner.`,
      )
    if (!noData.length && !errors.length && m.passes === 0 && m.evaluations.length)
      out.push(
        `\`${m.name}\` never passed: compare its values in the table with its condition; the deployment was neither proven healthy nor rolled back.`,
      )
  }
  if (/timeout-minutes/.test(d.reason))
    out.push(
      'The watch did not fit in `timeout-minutes`: raise it, or shorten `analysis` (initial-delay + count × interval).',
    )
  if (/the runner sent SIG/.test(d.reason))
    out.push('The step was cancelled during the watch: re-run the job to watch again.')
  if (!out.length) out.push('The measurements in the tables below, against each condition.')
  out.push('Nothing was rolled back: decide by hand, or re-run the job to watch again.')
  return out
}

/** One line for the deployment status (GitHub allows 140 characters; truncated by the caller). */
export function statusLine(facts: WatchFacts): string {
  const t = triggering(facts)
  const d = facts.analysis.decision
  const what = t ? `${t.metric.name} #${t.ev.n}=${valueText(t.ev)}` : d.kind
  return `${what}; rolled back to ${facts.target?.sha.slice(0, 7) ?? '?'}`
}

/** The incident summary used when the model is unavailable: every number, no speculation. */
export function templatedIncident(facts: WatchFacts): string {
  const d = facts.analysis.decision
  const t = triggering(facts)
  const lines = [
    `Deployment ${facts.deployment.id} (\`${facts.deployment.sha.slice(0, 7)}\`) to ${facts.environment}: decision **${d.kind}** at measurement ${d.n}.`,
    'reason' in d ? `Why: ${d.reason}.` : '',
    t ? `Triggering measurement: ${t.metric.name} #${t.ev.n} = ${valueText(t.ev)}.` : '',
  ]
  for (const m of facts.analysis.metrics) {
    const vals = m.evaluations.map((e) => valueText(e)).join(', ')
    lines.push(`- ${m.name}: ${vals} (${m.failures} failed, ${m.inconclusive} inconclusive)`)
  }
  lines.push(`Action: ${facts.action}.`)
  if (facts.commits?.length)
    lines.push(
      `${facts.commits.length} commit(s) between the target and the deployed sha; the cause has not been determined.`,
    )
  return lines.filter(Boolean).join('\n')
}

/** The user prompt for the incident summary: only measured facts, in a compact, citable form. */
export function incidentPrompt(facts: WatchFacts): string {
  const d = facts.analysis.decision
  const t = triggering(facts)
  const lines = [
    `Environment: ${facts.environment}`,
    `Deployment: ${facts.deployment.id}, sha ${facts.deployment.sha}, created ${facts.deployment.createdAt}`,
    facts.target
      ? `Rollback target: deployment ${facts.target.id}, sha ${facts.target.sha}`
      : 'Rollback target: none',
    `Decision: ${d.kind} at measurement ${d.n}${'reason' in d ? `: ${d.reason}` : ''}`,
    t
      ? `Triggering measurement: ${t.metric.name} #${t.ev.n} at ${new Date(t.ev.at).toISOString()} = ${valueText(t.ev)}`
      : '',
    `Action taken: ${facts.action}`,
    '',
    'Measurements:',
  ]
  for (const m of facts.analysis.metrics) {
    const cfg = facts.metrics.find((x) => x.name === m.name)
    lines.push(`- ${m.name} (${cfg ? boundText(cfg) : ''}${m.dryRun ? ', dry run' : ''}):`)
    for (const e of m.evaluations)
      lines.push(
        `  #${e.n} ${new Date(e.at).toISOString()} ${valueText(e)} ${e.verdict}: ${e.reason}`,
      )
  }
  lines.push('', `Commits between the target and the deployed sha (${facts.commits?.length ?? 0}):`)
  for (const c of (facts.commits ?? []).slice(0, 50))
    lines.push(`- ${c.sha.slice(0, 7)} ${c.message} (${c.author})`)
  return lines.filter((l, i, a) => l !== '' || a[i - 1] !== '').join('\n')
}

/**
 * Accepts a model-written summary only when it cites at least one measured value (the contract:
 * cite the numbers). Otherwise the caller posts the template.
 */
export function citesMeasurements(text: string, facts: WatchFacts): boolean {
  const values = new Set<string>()
  for (const m of facts.analysis.metrics)
    for (const e of m.evaluations)
      if (e.value !== undefined && Number.isFinite(e.value)) values.add(fmt(e.value))
  return [...values].some((v) => text.includes(v))
}

/** Wording that asserts a cause: "the root cause is", "caused by", "was due to", "broke". */
const CAUSAL_CLAIM =
  /\b(?:root cause (?:is|was)|(?:is|was|were) caused by|caused (?:the|this)|(?:is|was|were) due to|(?:broke|introduced) (?:the|this)\b)/i
/** Wording that keeps a lead a lead: a sentence with one of these claims nothing. */
const HEDGE =
  /\b(?:may|might|could|possibl[ey]|perhaps|worth checking|not (?:established|known)|unknown|no evidence)\b/i

/**
 * True when a sentence of `text` claims a cause without hedging. pitcrew has measurements and a
 * list of commits, not evidence of causation, so such a summary is replaced by the template.
 */
export function claimsRootCause(text: string): boolean {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .some((sentence) => CAUSAL_CLAIM.test(sentence) && !HEDGE.test(sentence))
}
