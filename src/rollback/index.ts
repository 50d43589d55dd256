import type { AgentClient } from '../agent/client.js'
import { emptyUsage } from '../agent/types.js'
import type { MetricConfig, RollbackConfig } from '../config/types.js'
import { ConfigError } from '../config/types.js'
import { createComment } from '../github/comments.js'
import {
  createDeploymentStatus,
  getDeployment,
  listDeployments,
  truncate,
  type Deployment,
} from '../github/deployments.js'
import type { Octokit } from '../github/octokit.js'
import { loadPrompt } from '../prompts.js'
import type { Outcome, TaskDeps, TaskResult } from '../task.js'
import { analyze, type AnalysisResult, type Decision } from './analysis.js'
import { parseDurationSeconds } from './duration.js'
import { compileExpr } from './expr.js'
import { performRollback, type MethodResult } from './methods/index.js'
import { createMetricProvider, requiredEnv } from './providers/index.js'
import {
  citesMeasurements,
  incidentPrompt,
  renderSummary,
  statusLine,
  templatedIncident,
  type WatchFacts,
} from './report.js'
import { findTarget, readGuardState, ROLLED_BACK_MARKER } from './safety.js'
import { chooseDeployment } from './select.js'
import type { Measurement, MetricProvider } from './types.js'

/** Time and I/O seams: tests pass a fake clock and provider; the action uses the real ones. */
export interface RollbackRuntime {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  provider?: MetricProvider
  signal?: AbortSignal
  /**
   * End a watch early, with what was measured so far, on SIGINT/SIGTERM (the runner's cancel and
   * the job's `timeout-minutes`), instead of dying without a report. Default true.
   */
  processSignals?: boolean
  /** Called right before the rollback method runs (the latency benchmark hooks in here). */
  onRollback?(info: { decision: Decision; at: number }): void
  /** Called after each round is measured. */
  onRound?(n: number, at: number): void
  /**
   * Local analysis (the `pitcrew rollback --dry-run` CLI): the deployment is described here
   * instead of read from GitHub, no loop guard or target lookup, and nothing is ever acted on.
   */
  local?: { sha: string; environment: string; deployedAt?: string }
}

/** Env vars of the approval follow-up job (docs/rollback.md, "Manual approval"). */
export const APPROVE_DEPLOYMENT_ENV = 'PITCREW_APPROVE_ROLLBACK_OF'
export const APPROVE_TARGET_ENV = 'PITCREW_APPROVE_TARGET_SHA'

const realRuntime: RollbackRuntime = {
  processSignals: true,
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (ms <= 0) return resolve()
      const onAbort = () => {
        clearTimeout(t)
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
      }
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
}

/**
 * Rollback mode: watch the configured metrics after a deployment, decide in code (analysis.ts),
 * roll back with the configured method behind GitHub-state loop guards, and explain it.
 */
export async function runRollback(
  deps: TaskDeps,
  runtimeOverrides: Partial<RollbackRuntime> = {},
): Promise<TaskResult> {
  const rt: RollbackRuntime = { ...realRuntime, ...runtimeOverrides }
  const cfg = deps.settings.config.rollback
  const { log } = deps
  validate(cfg, deps.env)
  // The watch ends by the run's own ceiling, so there is always time left to report.
  const limit: WatchLimit = {
    deadline: rt.now() + deps.settings.inputs.timeoutMinutes * 60_000,
    timeoutMinutes: deps.settings.inputs.timeoutMinutes,
  }
  let client: AgentClient | null = null
  const finish = (
    outcome: Outcome,
    result: Record<string, unknown>,
    summary: string,
    failure?: string,
  ): TaskResult => ({
    mode: 'rollback',
    outcome,
    result: deps.redactor.redactDeep(result),
    usage: client ? client.usage() : emptyUsage(),
    stopReason: 'none',
    summary: deps.redactor.redact(summary),
    ...(failure ? { failure: deps.redactor.redact(failure) } : {}),
  })
  const skip = (message: string, extra: Record<string, unknown> = {}): TaskResult => {
    log.notice(message)
    return finish(
      'skipped',
      { reason: message, ...extra },
      `## pitcrew rollback: skipped\n\n${message}`,
    )
  }

  if (rt.local) return localAnalysis(deps, cfg, rt, rt.local, limit, finish)
  const octokit = deps.octokit
  if (!octokit)
    return skip(
      'No GitHub token: rollback mode reads and writes deployments, so it cannot run without one.',
    )
  const repo = { owner: deps.ctx.owner, repo: deps.ctx.repo }

  // 1. Which deployment.
  log.startGroup('Resolve the deployment')
  const approvedOf = deps.env[APPROVE_DEPLOYMENT_ENV]?.trim()
  const pick = chooseDeployment({
    approvedOf,
    eventDeploymentId: deps.route.deploymentId,
    eventEnvironment: deps.route.environment,
    config: cfg,
  })
  if (pick.warning) log.warning(pick.warning)
  let bad: Deployment | undefined
  if (pick.kind === 'id') {
    bad = await getDeployment(octokit, { ...repo, deploymentId: pick.id })
  } else if (pick.kind === 'latest') {
    bad = (await listDeployments(octokit, { ...repo, environment: pick.environment, max: 1 }))[0]
  }
  log.endGroup()
  if (!bad) {
    return skip(
      pick.kind === 'latest'
        ? `No deployment found in environment '${pick.environment}': nothing to watch.`
        : 'No deployment to watch: the event names none and rollback.environment / rollback.deployment-id are not set.',
    )
  }
  // The metrics, thresholds and method are configured for `rollback.environment`: a deployment
  // to another environment (a preview, staging) must not be judged by them, let alone be acted on.
  if (cfg.environment && bad.environment !== cfg.environment) {
    return skip(
      `Deployment ${bad.id} is to '${bad.environment}', but rollback.environment is '${cfg.environment}': pitcrew watches only that environment, so it does nothing here.`,
      { deploymentId: bad.id, guard: 'other-environment' },
    )
  }
  log.info(`Watching deployment ${bad.id} of ${bad.sha.slice(0, 7)} in '${bad.environment}'.`)

  // 2. Loop guards and target, before spending the watch.
  const guard = await readGuardState(octokit, repo, bad)
  if (!guard.guard.ok)
    return skip(guard.guard.message, { deploymentId: bad.id, guard: guard.guard.reason })
  let target = await findTarget(octokit, repo, bad, guard.deployments)
  if (!target) {
    return skip(
      `No earlier successful deployment of a different sha in '${bad.environment}' before deployment ${bad.id}: there is nothing to roll back to, so pitcrew does not watch or act.`,
      { deploymentId: bad.id, guard: 'no-target' },
    )
  }
  log.info(`Rollback target if needed: deployment ${target.id} of ${target.sha.slice(0, 7)}.`)

  const provider =
    rt.provider ??
    createMetricProvider({
      env: deps.env,
      redactor: deps.redactor,
      log,
      lookbackSeconds: cfg.analysis.intervalSeconds,
    })

  // 3. Watch (skipped for an approved, prepared rollback: the decision was made by the watch job).
  let analysis: AnalysisResult
  if (approvedOf) {
    const want = deps.env[APPROVE_TARGET_ENV]?.trim()
    if (want && want !== target.sha) {
      // A person approved a rollback to `want`; doing nothing must not look like success.
      const message = `The approved rollback target ${want.slice(0, 7)} is no longer the latest good deployment before deployment ${bad.id} (now ${target.sha.slice(0, 7)}); not acting. Re-run the watch to prepare a new rollback.`
      return finish(
        'skipped',
        {
          reason: message,
          deploymentId: bad.id,
          guard: 'target-changed',
          approvedTargetSha: want,
          target: { deploymentId: target.id, sha: target.sha },
        },
        `## pitcrew rollback: not done\n\n${message}`,
        message,
      )
    }
    analysis = {
      decision: {
        kind: 'rollback',
        n: 0,
        metric: '',
        rule: 'critical',
        reason: `approved rollback of deployment ${bad.id} (prepared by the watch job)`,
      },
      metrics: [],
    }
  } else {
    analysis = await watch(deps, cfg, cfg.metrics, provider, rt, bad, limit)
  }
  const decision = analysis.decision
  const facts: WatchFacts = {
    environment: bad.environment,
    deployment: { id: bad.id, sha: bad.sha, createdAt: bad.createdAt },
    target: { id: target.id, sha: target.sha },
    metrics: cfg.metrics,
    analysis,
    action: '',
  }
  const decisionOut = { ...decision }
  const baseResult = {
    deploymentId: bad.id,
    sha: bad.sha,
    environment: bad.environment,
    decision: decisionOut,
    target: { deploymentId: target.id, sha: target.sha },
    metrics: metricsResult(analysis),
  }

  if (decision.kind !== 'rollback') {
    facts.action =
      decision.kind === 'healthy'
        ? 'none: the deployment is healthy'
        : 'none: inconclusive, no rollback'
    if (decision.kind === 'inconclusive')
      log.warning(`Inconclusive: ${decision.reason}. Not rolling back.`)
    else log.info(`Healthy: ${'reason' in decision ? decision.reason : 'no decision'}.`)
    return finish(
      decision.kind === 'healthy' ? 'healthy' : 'inconclusive',
      baseResult,
      renderSummary(facts),
    )
  }

  // 4. A rollback is due.
  log.warning(`Roll back: ${decision.reason}`)
  const commits = await compareCommits(octokit, repo, target.sha, bad.sha, deps)
  facts.commits = commits
  const pull = await pullOfSha(octokit, repo, bad.sha, deps)
  facts.pull = pull

  if (deps.settings.inputs.dryRun) {
    facts.action = `dry run: would roll back to deployment ${target.id} (${target.sha.slice(0, 7)}) with ${cfg.method.type}; nothing written`
    return finish(
      'would-roll-back',
      { ...baseResult, method: cfg.method.type },
      renderSummary(facts, templatedIncident(facts)),
      // fail-on-rollback covers a rollback that would be done: a dry run shows red as the real one would.
      cfg.failOnRollback
        ? `Dry run: deployment ${bad.id} would have been rolled back: ${decision.reason}`
        : undefined,
    )
  }
  if (cfg.approval === 'manual' && !approvedOf) {
    facts.action = `awaiting approval: the follow-up job in the protected environment rolls back to ${target.sha.slice(0, 7)} (set ${APPROVE_DEPLOYMENT_ENV}=${bad.id}, ${APPROVE_TARGET_ENV}=${target.sha})`
    const incident = await incidentSummary(deps, facts, (c) => (client = c))
    await postIssue(octokit, repo, cfg, facts, incident, deps)
    return finish(
      'awaiting-approval',
      {
        ...baseResult,
        method: cfg.method.type,
        approval: { deploymentId: bad.id, targetSha: target.sha },
      },
      renderSummary(facts, incident),
    )
  }

  // Re-check the guards: another run may have acted while we watched.
  const again = await readGuardState(octokit, repo, bad)
  if (!again.guard.ok)
    return skip(again.guard.message, { ...baseResult, guard: again.guard.reason })
  const fresh = await findTarget(octokit, repo, bad, again.deployments)
  if (!fresh) {
    return skip(
      `Deployment ${target.id} (${target.sha.slice(0, 7)}) is no longer a good deployment to return to, and no other earlier successful deployment is: not acting.`,
      { ...baseResult, guard: 'no-target' },
    )
  }
  if (fresh.id !== target.id) {
    log.warning(
      `The rollback target changed during the watch: deployment ${fresh.id} (${fresh.sha.slice(0, 7)}) instead of ${target.id}.`,
    )
    target = fresh
    facts.target = { id: target.id, sha: target.sha }
    baseResult.target = { deploymentId: target.id, sha: target.sha }
  }

  rt.onRollback?.({ decision, at: rt.now() })
  let method: MethodResult
  try {
    method = await performRollback(cfg.method, {
      bad,
      target,
      reason: decision.reason,
      octokit,
      ...repo,
      cwd: deps.ctx.workspace,
      env: deps.env,
      log,
      redactor: deps.redactor,
      signal: rt.signal,
    })
  } catch (err) {
    method = {
      ok: false,
      details: `${cfg.method.type} failed: ${deps.redactor.redact((err as Error).message)}`,
      commands: [],
    }
  }
  const result = {
    ...baseResult,
    method: cfg.method.type,
    commands: method.commands,
    rollbackDeploymentId: method.rollbackDeployment?.id ?? null,
    ...(method.recordError ? { recordError: method.recordError } : {}),
  }
  if (!method.ok) {
    facts.action = `rollback FAILED: ${method.details}`
    await safely(deps, 'mark the deployment failed', () =>
      markBad(
        octokit,
        repo,
        bad,
        `[pitcrew] metrics failed; rollback via ${cfg.method.type} FAILED`,
        deps,
      ),
    )
    const incident = await incidentSummary(deps, facts, (c) => (client = c))
    await postIssue(octokit, repo, cfg, facts, incident, deps)
    // No rollback happened: never claim one. The step fails whatever fail-on-rollback says.
    return finish(
      'would-roll-back',
      { ...result, rollbackError: method.details },
      renderSummary(facts, incident),
      `Rollback of deployment ${bad.id} failed: ${method.details}`,
    )
  }
  facts.action = `rolled back to deployment ${target.id} (${target.sha.slice(0, 7)}) with ${cfg.method.type}: ${method.details}`
  log.notice(facts.action)
  // The rollback happened: from here on a GitHub failure is reported, never thrown, so the
  // outputs still say `rolled-back`. The marker status is the second record the guards read.
  const marked = await safely(deps, 'mark the deployment rolled back', () =>
    markBad(octokit, repo, bad, `${ROLLED_BACK_MARKER}: ${statusLine(facts)}`, deps).then(
      () => true,
    ),
  )
  const unrecorded =
    method.recordError && !marked
      ? `Deployment ${bad.id} was rolled back with ${cfg.method.type}, but GitHub could not record it (${method.recordError}): a rerun's loop guards will not see this rollback. Record it or disable the workflow before re-running.`
      : undefined

  // 5. Confirm recovery (reported, never acted on).
  if (cfg.confirmRecoverySeconds > 0) {
    const rounds = Math.max(1, Math.ceil(cfg.confirmRecoverySeconds / cfg.analysis.intervalSeconds))
    const rec = await watch(
      deps,
      // The first check one interval after the rollback, as the watch's initial delay.
      {
        ...cfg,
        analysis: {
          ...cfg.analysis,
          initialDelaySeconds: cfg.analysis.intervalSeconds,
          count: rounds,
        },
      },
      cfg.metrics.map((m) => ({ ...m, baseline: undefined })),
      provider,
      rt,
      null,
      limit,
    )
    facts.recovery = {
      decision: rec.decision.kind,
      detail:
        rec.decision.kind === 'healthy'
          ? `metrics back within bounds over ${rounds} measurements`
          : 'reason' in rec.decision
            ? rec.decision.reason
            : '',
    }
    log.info(`Recovery check: ${facts.recovery.decision} (${facts.recovery.detail})`)
  }

  // 6. Explain.
  const incident = await incidentSummary(deps, facts, (c) => (client = c))
  const issue = await postIssue(octokit, repo, cfg, facts, incident, deps)
  if (pull) {
    await safely(deps, 'comment on the PR', () =>
      createComment(octokit, {
        ...repo,
        issueNumber: pull.number,
        body: deps.redactor.redact(
          `### pitcrew rolled back \`${bad.sha.slice(0, 7)}\` in ${bad.environment}\n\n${incident}${issue ? `\n\nIncident: #${issue}` : ''}`,
        ),
      }),
    )
  }
  return finish(
    'rolled-back',
    {
      ...result,
      recovery: facts.recovery ?? null,
      issue: issue ?? null,
      pull: pull?.number ?? null,
    },
    renderSummary(facts, incident),
    unrecorded ??
      (cfg.failOnRollback ? `Deployment ${bad.id} was rolled back: ${decision.reason}` : undefined),
  )
}

function metricsResult(analysis: AnalysisResult): Record<string, unknown>[] {
  return analysis.metrics.map((m) => ({
    name: m.name,
    passes: m.passes,
    failures: m.failures,
    inconclusive: m.inconclusive,
    values: m.evaluations.map((e) => e.value ?? null),
    verdicts: m.evaluations.map((e) => e.verdict),
    wouldDecide: m.wouldDecide,
  }))
}

/** The watch and the decision on their own, for the CLI: nothing is read from GitHub or done. */
async function localAnalysis(
  deps: TaskDeps,
  cfg: RollbackConfig,
  rt: RollbackRuntime,
  local: NonNullable<RollbackRuntime['local']>,
  limit: WatchLimit,
  finish: (outcome: Outcome, result: Record<string, unknown>, summary: string) => TaskResult,
): Promise<TaskResult> {
  const provider =
    rt.provider ??
    createMetricProvider({
      env: deps.env,
      redactor: deps.redactor,
      log: deps.log,
      lookbackSeconds: cfg.analysis.intervalSeconds,
    })
  const deployment: Deployment = {
    id: 0,
    sha: local.sha,
    ref: '',
    environment: local.environment,
    task: 'deploy',
    description: null,
    payload: {},
    creator: null,
    // Baselines are read from the window before this instant (default: now).
    createdAt: local.deployedAt ?? new Date(rt.now()).toISOString(),
  }
  const analysis = await watch(deps, cfg, cfg.metrics, provider, rt, deployment, limit)
  const decision = analysis.decision
  const facts: WatchFacts = {
    environment: local.environment,
    deployment: { id: 0, sha: local.sha, createdAt: deployment.createdAt },
    target: null,
    metrics: cfg.metrics,
    analysis,
    action:
      decision.kind === 'rollback'
        ? `local dry run: would roll back with ${cfg.method.type}; nothing done`
        : 'none (local dry run)',
  }
  const outcome: Outcome =
    decision.kind === 'rollback'
      ? 'would-roll-back'
      : decision.kind === 'healthy'
        ? 'healthy'
        : 'inconclusive'
  return finish(
    outcome,
    {
      sha: local.sha,
      environment: local.environment,
      local: true,
      decision: { ...decision },
      method: cfg.method.type,
      metrics: metricsResult(analysis),
    },
    renderSummary(facts),
  )
}

/** Throws a ConfigError for what would otherwise fail every measurement the same way. */
function validate(cfg: RollbackConfig, env: NodeJS.ProcessEnv): void {
  if (!cfg.metrics.length)
    throw new ConfigError(`Invalid rollback.metrics '[]'. Expected at least one metric to watch.`)
  if (cfg.analysis.intervalSeconds <= 0 || cfg.analysis.count < 1) {
    throw new ConfigError(
      `Invalid rollback.analysis interval ${cfg.analysis.intervalSeconds}s / count ${cfg.analysis.count}. Expected interval > 0 and count >= 1.`,
    )
  }
  for (const m of cfg.metrics) {
    if (m.condition.expr !== undefined) {
      try {
        compileExpr(m.condition.expr)
      } catch (err) {
        throw new ConfigError(
          `rollback.metrics '${m.name}'.condition.expr: ${(err as Error).message}`,
        )
      }
    }
    const missing = requiredEnv(m).filter((n) => !env[n])
    if (missing.length) {
      throw new ConfigError(
        `rollback.metrics '${m.name}' needs environment variable(s) ${missing.map((n) => `'${n}'`).join(', ')}, which are not set. Expected them in the step's env, e.g. from secrets.`,
      )
    }
    if (m.baseline) parseDurationSeconds(m.baseline.window)
  }
}

/** When a watch must end: the run's deadline (`timeout-minutes`) and its length in minutes. */
interface WatchLimit {
  deadline: number
  timeoutMinutes: number
}

/**
 * Measures every metric each interval and stops at the first decision. A watch that cannot finish
 * (the deadline of `timeout-minutes` comes first, or the runner cancels the step) ends early as
 * `inconclusive` with the measurements taken so far: partial evidence is reported, never a pass.
 */
async function watch(
  deps: TaskDeps,
  cfg: RollbackConfig,
  metrics: MetricConfig[],
  provider: MetricProvider,
  rt: RollbackRuntime,
  bad: Deployment | null,
  limit: WatchLimit,
): Promise<AnalysisResult> {
  const { log } = deps
  const a = cfg.analysis
  const stop = new AbortController()
  const onSignal = (sig: NodeJS.Signals) =>
    stop.abort(new Error(`the runner sent ${sig} (the step was cancelled or timed out)`))
  const signals: NodeJS.Signals[] = rt.processSignals ? ['SIGINT', 'SIGTERM'] : []
  for (const sig of signals) process.on(sig, onSignal)
  const signal = rt.signal ? AbortSignal.any([rt.signal, stop.signal]) : stop.signal
  const measurements: Record<string, Measurement[]> = Object.fromEntries(
    metrics.map((m) => [m.name, []]),
  )
  const baselines: Record<string, number[]> = {}
  let result: AnalysisResult = analyze({ analysis: a, metrics, measurements, baselines })
  const cut = (why: string): AnalysisResult => {
    const n = result.decision.n
    const reason = `watch ended after ${n} of ${a.count} measurements: ${why}; no evidence the deploy is healthy`
    log.warning(`Inconclusive: ${reason}.`)
    return { ...result, decision: { kind: 'inconclusive', n, reason } }
  }
  const stopped = () => {
    const r: unknown = signal.reason
    return r instanceof Error ? r.message : 'the watch was aborted'
  }
  const timedOut = `timeout-minutes (${limit.timeoutMinutes}) reached`
  const planned = a.initialDelaySeconds * 1000 + (a.count - 1) * a.intervalSeconds * 1000
  if (rt.now() + planned >= limit.deadline) {
    log.warning(
      `The watch (initial delay ${a.initialDelaySeconds}s + ${a.count} measurements every ${a.intervalSeconds}s) does not fit in timeout-minutes (${limit.timeoutMinutes}): it will end early, as inconclusive unless a rollback is decided before.`,
    )
  }
  log.startGroup(
    `Watch ${metrics.length} metric(s): ${a.count} x ${a.intervalSeconds}s after ${a.initialDelaySeconds}s`,
  )
  try {
    if (bad) await readBaselines(deps, metrics, provider, bad, baselines, signal)
    if (signal.aborted) return cut(stopped())
    if (a.initialDelaySeconds > 0) {
      if (rt.now() + a.initialDelaySeconds * 1000 >= limit.deadline) return cut(timedOut)
      if (!(await pause(rt, a.initialDelaySeconds * 1000, signal))) return cut(stopped())
    }
    const start = rt.now()
    for (let n = 1; n <= a.count; n++) {
      if (rt.now() >= limit.deadline) return cut(timedOut)
      const at = new Date(rt.now())
      const round = await Promise.all(metrics.map((m) => provider.measure(m, at, signal)))
      // A round interrupted by the stop is not evidence: its errors are ours, not the provider's.
      if (signal.aborted) return cut(stopped())
      round.forEach((r, i) => measurements[metrics[i]!.name]!.push(r))
      rt.onRound?.(n, at.getTime())
      result = analyze({ analysis: a, metrics, measurements, baselines })
      const line = result.metrics
        .map((m) => {
          const e = m.evaluations[n - 1]!
          return `${m.name}=${e.value ?? e.kind} ${e.verdict}`
        })
        .join(', ')
      log.info(`#${n}: ${line}`)
      if (result.decision.kind !== 'continue') return result
      // Schedule against the start, not the previous round, so slow queries do not drift.
      const next = start + n * a.intervalSeconds * 1000
      if (next >= limit.deadline) return cut(timedOut)
      if (!(await pause(rt, Math.max(0, next - rt.now()), signal))) return cut(stopped())
    }
    return result
  } finally {
    for (const sig of signals) process.removeListener(sig, onSignal)
    log.endGroup()
  }
}

/** Sleeps; false when the stop signal ended the sleep (or had already fired). */
async function pause(rt: RollbackRuntime, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false
  try {
    await rt.sleep(ms, signal)
  } catch (err) {
    if (signal.aborted) return false
    throw err
  }
  return !signal.aborted
}

/** The pre-deploy samples of every metric with a baseline (missing ones are noted, not fatal). */
async function readBaselines(
  deps: TaskDeps,
  metrics: MetricConfig[],
  provider: MetricProvider,
  bad: Deployment,
  into: Record<string, number[]>,
  signal: AbortSignal,
): Promise<void> {
  const deployedAt = new Date(bad.createdAt)
  for (const m of metrics.filter((x) => x.baseline)) {
    const from = new Date(deployedAt.getTime() - parseDurationSeconds(m.baseline!.window) * 1000)
    const b = provider.baseline
      ? await provider.baseline(m, from, deployedAt, signal)
      : { kind: 'error' as const, error: 'provider has no baseline' }
    if (b.kind === 'values') {
      into[m.name] = b.values
      deps.log.info(
        `Baseline of '${m.name}': ${b.values.length} samples over ${m.baseline!.window} before the deploy.`,
      )
    } else {
      into[m.name] = []
      deps.log.warning(
        `Baseline of '${m.name}' unavailable (${b.kind === 'noData' ? b.reason : b.error}); only its absolute condition applies.`,
      )
    }
  }
}

async function safely<T>(
  deps: TaskDeps,
  what: string,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await fn()
  } catch (err) {
    deps.log.warning(`Could not ${what}: ${deps.redactor.redact((err as Error).message)}`)
    return undefined
  }
}

async function markBad(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  bad: Deployment,
  description: string,
  deps: TaskDeps,
): Promise<void> {
  await createDeploymentStatus(octokit, {
    ...repo,
    deploymentId: bad.id,
    state: 'failure',
    description: truncate(deps.redactor.redact(description), 140),
    logUrl: `${deps.ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${deps.ctx.runId}`,
  })
}

async function compareCommits(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  base: string,
  head: string,
  deps: TaskDeps,
): Promise<WatchFacts['commits']> {
  const res = await safely(deps, 'compare the good and bad sha', () =>
    octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}` }),
  )
  return (res?.data.commits ?? []).map((c) => ({
    sha: c.sha,
    message: (c.commit.message ?? '').split('\n')[0]!,
    author: c.author?.login ?? c.commit.author?.name ?? 'unknown',
  }))
}

async function pullOfSha(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  sha: string,
  deps: TaskDeps,
): Promise<{ number: number; title: string } | null> {
  const res = await safely(deps, 'find the PR of the bad sha', () =>
    octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha }),
  )
  const pulls = res?.data ?? []
  const p = pulls.find((x) => x.merged_at) ?? pulls[0]
  return p ? { number: p.number, title: p.title } : null
}

/** The model's incident summary, or the template when the model is unavailable or uncited. */
async function incidentSummary(
  deps: TaskDeps,
  facts: WatchFacts,
  setClient: (c: AgentClient) => void,
): Promise<string> {
  const fallback = templatedIncident(facts)
  try {
    const client = deps.agentClient()
    setClient(client)
    const res = await client.complete({
      model: deps.settings.inputs.smallModel,
      system: loadPrompt('rollback'),
      prompt: incidentPrompt(facts),
      maxTokens: 800,
    })
    const text = res.text.trim()
    if (!text || !citesMeasurements(text, facts)) {
      deps.log.warning(
        'The incident summary cites no measured value; posting the templated summary instead.',
      )
      return fallback
    }
    return deps.redactor.redact(text)
  } catch (err) {
    deps.log.warning(
      `Incident summary by the model unavailable (${deps.redactor.redact((err as Error).message)}); posting the templated summary. The decision stands.`,
    )
    return fallback
  }
}

/** Opens (or, for the approval follow-up, comments on) the incident issue. Returns its number. */
async function postIssue(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  cfg: RollbackConfig,
  facts: WatchFacts,
  incident: string,
  deps: TaskDeps,
): Promise<number | undefined> {
  if (!cfg.incidentIssue) return undefined
  const marker = `<!-- pitcrew:rollback:${facts.deployment.id} -->`
  const body = deps.redactor.redact(`${marker}\n${renderSummary(facts, incident)}`)
  // The lookup may fail where listing issues is unavailable; then a new issue is opened.
  const open = await safely(deps, 'list open incident issues', () =>
    octokit.rest.issues.listForRepo({
      ...repo,
      labels: cfg.issueLabel,
      state: 'open',
      per_page: 100,
    }),
  )
  return safely(deps, 'post the incident issue', async () => {
    const existing = open?.data.find((i) => i.body?.includes(marker))
    if (existing) {
      await createComment(octokit, {
        ...repo,
        issueNumber: existing.number,
        body: deps.redactor.redact(`**Update**: ${facts.action}\n\n${incident}`),
      })
      return existing.number
    }
    const created = await octokit.rest.issues.create({
      ...repo,
      title:
        `pitcrew: deployment ${facts.deployment.id} (${facts.deployment.sha.slice(0, 7)}) to ${facts.environment}: ${facts.action.split(':')[0]}`.slice(
          0,
          200,
        ),
      body,
      labels: [cfg.issueLabel],
    })
    return created.data.number
  })
}
