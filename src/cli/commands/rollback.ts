/** `pitcrew rollback --dry-run`: the action's rollback analysis on live metrics, no rollback. */
import type { MetricConfig } from '../../config/types.js'
import { DEFAULT_CONFIG_FILE } from '../../config/schema.js'
import { conditionFailures, fmt } from '../../rollback/analysis.js'
import { createMetricProvider } from '../../rollback/providers/index.js'
import type { MetricProvider } from '../../rollback/types.js'
import { EXIT, UsageError, type Parsed } from '../args.js'
import { buildDeps, cliSettings, tidy, type Cmd } from '../command-context.js'
import { localRepo } from '../local-repo.js'
import { barChart } from '../render.js'

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((res, rej) => {
    if (ms <= 0) return res()
    const t = setTimeout(res, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(t)
      rej(signal.reason instanceof Error ? signal.reason : new Error('aborted'))
    })
  })
}

/** One measurement as a line: `#n time metric = value ✓|✗ (why)`. */
export function measurementLine(
  metric: MetricConfig,
  n: number,
  m:
    | { kind: 'value'; at: number; value: number }
    | { kind: 'noData'; at: number; reason: string }
    | { kind: 'error'; at: number; error: string },
): string {
  const time = new Date(m.at).toISOString().slice(11, 19)
  if (m.kind === 'noData') return `#${n} ${time} ${metric.name}: no data (${m.reason})`
  if (m.kind === 'error') return `#${n} ${time} ${metric.name}: error (${m.error})`
  const problems = conditionFailures(metric, m.value)
  return `#${n} ${time} ${metric.name} = ${fmt(m.value)} ${problems.length ? `✗ ${problems.join('; ')}` : '✓'}`
}

/** Watches the configured metrics, printing each measurement, and prints the decision. */
export async function rollbackCommand(
  p: Extract<Parsed, { kind: 'rollback' }>,
  cmd: Cmd,
): Promise<number> {
  const { io, progress, redactor, out } = cmd
  if (!p.dryRun) {
    throw new UsageError(
      `'pitcrew rollback' needs --dry-run. Expected 'pitcrew rollback --dry-run': the CLI only runs the analysis; rolling back is the action's job.`,
    )
  }
  const local = await localRepo(io.cwd, redactor, false)
  const settings = await cliSettings(p.common, io, local.workspace, { dryRun: true })
  if (!settings.configPath) {
    throw new UsageError(
      `No config file at '${DEFAULT_CONFIG_FILE}' in '${local.workspace}'. Expected one with rollback.metrics, or --config FILE.`,
    )
  }
  const cfg = settings.config.rollback
  const { deps } = await buildDeps(cmd, settings, local, 'rollback', true)
  const real = createMetricProvider({
    env: deps.env,
    redactor,
    log: progress,
    lookbackSeconds: cfg.analysis.intervalSeconds,
  })
  const counts = new Map<string, number>()
  const provider: MetricProvider = {
    async measure(metric, at, signal) {
      progress.step(`measuring ${metric.name}`)
      const m = await real.measure(metric, at, signal)
      const n = (counts.get(metric.name) ?? 0) + 1
      counts.set(metric.name, n)
      if (!p.common.json) out(measurementLine(metric, n, m))
      return m
    },
    async baseline(metric, from, to, signal) {
      progress.step(`reading the baseline of ${metric.name}`)
      return real.baseline!(metric, from, to, signal)
    },
  }
  const sha = p.deploymentSha ?? (local.headSha || 'unknown')
  const environment = p.environment ?? cfg.environment ?? 'local'
  if (!p.common.json) {
    const a = cfg.analysis
    out(
      `Analysis of ${cfg.metrics.length} metric(s) for ${sha.slice(0, 12)} in '${environment}': ${a.count} measurement(s) every ${a.intervalSeconds}s${a.initialDelaySeconds ? ` after ${a.initialDelaySeconds}s` : ''} (dry run: nothing is rolled back).`,
    )
  }
  const { runRollback } = await import('../../rollback/index.js')
  const r = await runRollback(deps, {
    provider,
    now: () => Date.now(),
    sleep: (ms, signal) => {
      if (ms > 0) progress.step(`waiting ${Math.round(ms / 1000)}s for the next measurement`)
      return sleep(ms, signal)
    },
    local: { sha, environment },
  })
  tidy(deps, r)
  progress.stop()
  const res = r.result as {
    decision?: { kind: string; n: number; reason?: string }
    method?: string
    metrics?: { name: string; values: (number | null)[]; verdicts?: string[] }[]
  }
  const code = r.outcome === 'healthy' ? EXIT.ok : EXIT.attention
  if (p.common.json) {
    out(JSON.stringify({ command: 'rollback', outcome: r.outcome, exitCode: code, result: res }))
    return code
  }
  const blocks: string[] = []
  for (const m of res.metrics ?? []) {
    const metric = cfg.metrics.find((x) => x.name === m.name)
    if (metric) blocks.push(barChart(metric, m.values, m.verdicts ?? []))
  }
  const d = res.decision
  const word: Record<string, string> = {
    healthy: 'HEALTHY',
    'would-roll-back': 'ROLL BACK',
    inconclusive: 'INCONCLUSIVE',
  }
  blocks.push(
    `Decision: ${word[r.outcome] ?? r.outcome}${d ? ` after measurement ${d.n}` : ''}${d?.reason ? `: ${d.reason}` : ''}.`,
  )
  if (r.outcome === 'would-roll-back') {
    blocks.push(`Dry run: nothing was done. The action would roll back with '${res.method}'.`)
  }
  out(`\n${blocks.join('\n\n')}`)
  return code
}
