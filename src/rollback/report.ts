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
  recovery?: { decision: Decision['kind']; detail: string }
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

/**
 * A Mermaid xychart-beta of one metric: its values and its bounds as flat lines. A line cannot
 * have holes and the grammar takes only plain numbers, so measurements without a value (no data,
 * provider errors, NaN) are left out of the chart and listed under it; +/-Inf are drawn at the
 * edge of the axis and labelled. Returns '' when no measurement has a value.
 */
export function mermaidChart(metric: MetricConfig, report: MetricReport): string {
  const evs = report.evaluations
  const plotted = evs.filter((e) => e.value !== undefined && !Number.isNaN(e.value))
  const skipped = evs.filter((e) => !plotted.includes(e))
  const note = skipped.length
    ? `_Not charted (no value): ${skipped.map((e) => `#${e.n} (${e.kind === 'value' ? 'NaN' : e.kind === 'noData' ? 'no data' : 'error'})`).join(', ')}; see the table._`
    : ''
  if (!plotted.length) return note
  const finite = plotted.flatMap((e) => (Number.isFinite(e.value) ? [e.value!] : []))
  const bounds = [metric.condition.min, metric.condition.max].filter(
    (b): b is number => b !== undefined && Number.isFinite(b),
  )
  const all = [...finite, ...bounds]
  const lo = Math.min(0, ...all)
  const hiRaw = Math.max(lo, ...all)
  const hi = hiRaw === lo ? lo + 1 : hiRaw + (hiRaw - lo) * 0.1
  const ys = plotted.map((e) => (Number.isFinite(e.value) ? e.value! : e.value! > 0 ? hi : lo))
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
    `  y-axis "value" ${mermaidNumber(lo)} --> ${mermaidNumber(hi)}`,
    `  line ${series(ys)}`,
    ...bounds.map((b) => `  line ${series(plotted.map(() => b))}`),
    '```',
  ].join('\n')
  return note ? `${chart}\n\n${note}` : chart
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
      `**Triggering measurement**: \`${trig.metric.name}\` #${trig.ev.n} at ${at}: ${trig.ev.value !== undefined ? fmt(trig.ev.value) : trig.ev.kind} (${trig.ev.reason})`,
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
    out.push('', '| # | time (UTC) | value | verdict | why |', '|---|---|---|---|---|')
    for (const e of report.evaluations) {
      out.push(
        `| ${e.n} | ${new Date(e.at).toISOString().slice(11, 19)} | ${e.value !== undefined ? fmt(e.value) : e.kind} | ${VERDICT_ICON[e.verdict]} | ${escapeCell(e.reason)} |`,
      )
    }
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

/** One line for the deployment status (GitHub allows 140 characters; truncated by the caller). */
export function statusLine(facts: WatchFacts): string {
  const t = triggering(facts)
  const d = facts.analysis.decision
  const what = t
    ? `${t.metric.name} #${t.ev.n}=${t.ev.value !== undefined ? fmt(t.ev.value) : t.ev.kind}`
    : d.kind
  return `${what}; rolled back to ${facts.target?.sha.slice(0, 7) ?? '?'}`
}

/** The incident summary used when the model is unavailable: every number, no speculation. */
export function templatedIncident(facts: WatchFacts): string {
  const d = facts.analysis.decision
  const t = triggering(facts)
  const lines = [
    `Deployment ${facts.deployment.id} (\`${facts.deployment.sha.slice(0, 7)}\`) to ${facts.environment}: decision **${d.kind}** at measurement ${d.n}.`,
    'reason' in d ? `Why: ${d.reason}.` : '',
    t
      ? `Triggering measurement: ${t.metric.name} #${t.ev.n} = ${t.ev.value !== undefined ? fmt(t.ev.value) : t.ev.kind}.`
      : '',
  ]
  for (const m of facts.analysis.metrics) {
    const vals = m.evaluations
      .map((e) => (e.value !== undefined ? fmt(e.value) : e.kind))
      .join(', ')
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
      ? `Triggering measurement: ${t.metric.name} #${t.ev.n} at ${new Date(t.ev.at).toISOString()} = ${t.ev.value !== undefined ? fmt(t.ev.value) : t.ev.kind}`
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
        `  #${e.n} ${new Date(e.at).toISOString()} ${e.value !== undefined ? fmt(e.value) : e.kind} ${e.verdict}: ${e.reason}`,
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
