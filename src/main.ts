import * as core from './runner-commands.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readRunContext, type RunContext } from './context.js'
import { loadSettings, parseInputs } from './config/inputs.js'
import { routeEvent, type Route } from './config/router.js'
import { trustedConfigReader } from './config/trusted.js'
import { readTuning } from './config/tuning.js'
import { ConfigError, type Mode, type Settings } from './config/types.js'
import { actionsLog, type Log } from './log.js'
import { Redactor } from './safety/redact.js'
import { actorRefusal } from './safety/actor.js'
import { killRunningCommands, secretEnvValues, stopRunningCommands } from './safety/command.js'
import { createOctokit, type Octokit } from './github/octokit.js'
import { completeRoute } from './github/pull-context.js'
import { addReaction } from './github/reactions.js'
import { AgentError, createAgentClient, type AgentClient } from './agent/client.js'
import {
  describeSetup,
  preloadModelSdk,
  providerSetup,
  setupSecrets,
  type ProviderSetup,
} from './agent/provider.js'
import { createBudgetGate, type BudgetGate } from './agent/budget-gate.js'
import { emptyUsage } from './agent/types.js'
import { reportCancelled, reportFailure, reportResult, reportSkip } from './outputs.js'
import {
  CANCEL_GRACE_MS,
  listenForCancel,
  refuseWritesOnCancel,
  settleWithin,
  type Settled,
  type SignalSource,
} from './cancellation.js'
import type { TaskDeps, TaskResult } from './task.js'
import { startTracing, TRACE_FLUSH_MS, type Tracer } from './telemetry/tracer.js'
import { traceGitHubWrites } from './telemetry/github.js'
import { PITCREW } from './telemetry/attributes.js'
import { VERSION } from './version.js'
import { mark, timingSnapshot } from './timing.js'

const MISSING_TOKEN = (mode: Mode) =>
  `Input 'github-token' is empty and GITHUB_TOKEN is not set: ${mode} mode posts its results on GitHub, so it stops before any model call. Expected a token, e.g. 'github-token: \${{ github.token }}' (the default) or a GitHub App token.`

/** Modes load on demand: a review run never parses the fix or rollback code (cold start). */
const modes: Record<Mode, () => Promise<(deps: TaskDeps) => Promise<TaskResult>>> = {
  review: async () => (await import('./review/index.js')).runReview,
  fix: async () => (await import('./fix/index.js')).runFix,
  rollback: async () => (await import('./rollback/index.js')).runRollback,
}

/** What the process gives a run: its signals and its exit (an emitter and a spy in tests). */
export interface RunIo {
  signals: SignalSource
  /** Ends the process once a cancelled run has reported: work still in flight must not go on. */
  exit(code: number): void
}

const processIo: RunIo = { signals: process, exit: (code) => process.exit(code) }

/** What a run has learned so far: a failed or cancelled run reports from it. */
interface RunState {
  ctx?: RunContext
  mode?: Mode
  client?: AgentClient
  transcriptPath: string
  /** Where the run is, by its log groups ("during 'pitcrew fix: reproduce'"): for a cancel. */
  phase?: string
  /** `phase` when the first signal came. */
  cancelledAt?: string
  /** The run's spans (a no-op unless an OTLP endpoint is set). */
  tracer: Tracer
  /** The repository budget: settled at the end, whatever the ending. */
  budget?: BudgetGate
}

/** How long the end of a run waits for its budget settlement (a cancelled job has seconds). */
const SETTLE_WAIT_MS = 5_000

/** How the task ended when it ran to its end: a result, or a skip with its reason. */
type Ending = { result: TaskResult } | { skip: string; mode?: Mode }

/**
 * The action: inputs -> settings -> mode -> task -> outputs + summary. Any thrown error becomes
 * `core.setFailed` with a redacted message; a configuration error writes nothing to GitHub. On
 * SIGINT/SIGTERM (a cancelled job) the run stops and reports outcome `cancelled` (cancellation.ts).
 */
export async function run(
  env: NodeJS.ProcessEnv = process.env,
  io: RunIo = processIo,
): Promise<void> {
  // Every credential in the environment (the key and token inputs, *_TOKEN, *_KEY, deploy keys
  // passed as env:) is masked in what we post and write, not only in the runner's log.
  mark('run')
  const envSecrets = secretEnvValues(env)
  const redactor = new Redactor(envSecrets)
  for (const secret of envSecrets) core.setSecret(secret)
  const log = withPhases(
    actionsLog((t) => redactor.redact(t)),
    (name) => (state.phase = name),
  )
  // Loaded only when an OTLP endpoint is set: a run without one never parses OpenTelemetry.
  const state: RunState = {
    transcriptPath: '',
    tracer: await startTracing(env, { redactor, log, version: VERSION }),
  }
  const cancel = listenForCancel(io.signals, (signal, count) => {
    if (count > 1) return log.info(`pitcrew: ${signal} again; writing the report now.`)
    // Where the signal found the run, not where winding down took it.
    state.cancelledAt = state.phase
    const commands = stopRunningCommands()
    log.notice(
      `pitcrew: ${signal} received (the step is being cancelled): stopping${commands ? ` ${commands} running command(s),` : ''} the model and any new GitHub write; the report follows.`,
    )
  })
  try {
    const ending = await settleWithin(
      runTask(env, state, { redactor, log, signal: cancel.signal }),
      cancel,
      CANCEL_GRACE_MS,
    )
    await settleBudget(state, ending)
    if (cancel.received) {
      try {
        reportCancellation(state, redactor, cancel.received, ending)
      } finally {
        // A group that ignored SIGTERM has no SIGKILL timer left once we exit: kill it now.
        killRunningCommands()
        await endRun(state, log, 'cancelled', 'the step was cancelled', TRACE_FLUSH_MS / 2)
        io.exit(1)
      }
    } else if (ending.status === 'rejected') {
      fail(state, redactor, ending.reason)
      await endRun(state, log, 'failed', ending.reason)
    } else if (ending.status === 'fulfilled') {
      finish(state, redactor, log, ending.value)
      const v = ending.value
      await endRun(state, log, 'result' in v ? v.result.outcome : 'skipped', v)
    }
  } catch (err) {
    // Writing the outputs or the summary failed (a full disk): the step still fails, saying why.
    core.setFailed(redactor.redact(err instanceof Error ? err.message : String(err)))
    await endRun(state, log, 'failed', err)
  } finally {
    cancel.dispose()
  }
}

/**
 * The end of every run: the transcript's path, and the run span closed with the outcome and its
 * spans exported (bounded: a collector that does not answer does not hold the job).
 */
async function endRun(
  state: RunState,
  log: Log,
  outcome: string,
  why: unknown,
  flushMs = TRACE_FLUSH_MS,
): Promise<void> {
  if (state.transcriptPath) log.info(`transcript: ${state.transcriptPath}`)
  const { tracer } = state
  if (!tracer.enabled) return
  tracer.run.set({ [PITCREW.mode]: state.mode, [PITCREW.outcome]: outcome })
  if (outcome === 'failed' || outcome === 'cancelled') {
    tracer.run.fail(why instanceof Error ? why.message : String(why), outcome)
  } else if (typeof why === 'object' && why && 'result' in why) {
    const r = (why as Ending & { result: TaskResult }).result
    tracer.run.set({ [PITCREW.stopReason]: r.stopReason })
    if (r.failure) tracer.run.fail(r.failure, r.outcome)
  }
  await tracer.shutdown(flushMs)
}

/** Settings, route, checks, then the mode; what it returns is reported by `run`. */
async function runTask(
  env: NodeJS.ProcessEnv,
  state: RunState,
  o: { redactor: Redactor; log: Log; signal: AbortSignal },
): Promise<Ending> {
  const { redactor, log, signal } = o
  const ctx = (state.ctx = readRunContext(env))
  log.startGroup('pitcrew: settings')
  const tuning = readTuning(env)
  let route: Route
  let settings: Settings
  let octokit: Octokit | null
  let clientOptions: Parameters<typeof createOctokit>[0] | undefined
  // Known once the settings are: GitHub requests made before it get the plain timeout.
  let runDeadline: number | undefined
  try {
    const inputs = parseInputs(env)
    for (const secret of [inputs.anthropicApiKey, inputs.githubToken]) {
      if (secret) {
        redactor.add(secret)
        core.setSecret(secret)
      }
    }
    clientOptions = inputs.githubToken
      ? {
          token: inputs.githubToken,
          apiUrl: ctx.apiUrl,
          graphqlUrl: ctx.graphqlUrl,
          log,
          writeSpacingMs: tuning.githubWriteSpacingMs,
          minRetryDelayMs: tuning.githubRetryUnitMs,
          timeoutMs: tuning.githubTimeoutMs,
        }
      : undefined
    octokit = clientOptions
      ? createOctokit({ ...clientOptions, deadline: () => runDeadline })
      : null
    if (octokit) refuseWritesOnCancel(octokit, signal)
    if (octokit) traceGitHubWrites(octokit, state.tracer)
    route = await completeRoute(ctx, routeEvent(ctx, inputs), octokit, log)
    mark('route')
    settings = await loadSettings(env, ctx.workspace, trustedConfigReader(ctx, route, log))
    mark('settings')
  } finally {
    log.endGroup()
  }
  log.info(
    `config: ${settings.configPath ?? 'none found, defaults used'}; model ${settings.inputs.model}; budgets: ${settings.inputs.maxTurns} turns, $${settings.inputs.maxCostUsd}, ${settings.inputs.timeoutMinutes} min${settings.inputs.dryRun ? '; dry run' : ''}`,
  )

  if (!route.mode) return { skip: route.reason }
  const mode = (state.mode = route.mode)
  log.info(`mode ${route.mode}: ${route.reason}`)
  state.tracer.run.set({ [PITCREW.mode]: mode })
  // The mode's code starts loading now, while the checks below wait on GitHub (cold start). A
  // question or a memory line on a PR is review work, but not a review: its own module.
  const loadingMode = route.conversation
    ? import('./review/commands.js').then((m) => m.runConversation)
    : modes[mode]()
  loadingMode.catch(() => undefined)

  // Review and fix post their work on GitHub: without a token it would be billed and lost. Before
  // the actor check, which cannot ask GitHub without one (it would read as "none permission").
  if (route.mode !== 'rollback' && !settings.inputs.githubToken) {
    throw new ConfigError(MISSING_TOKEN(route.mode))
  }

  const refusal = await actorRefusal(ctx, route, settings.inputs.allowedBots, octokit)
  mark('actor')
  if (refusal) return { skip: refusal, mode }

  // The provider's settings and credentials, checked before any model call: review and fix need
  // the model, rollback only for its incident summary (it falls back to a template without it).
  const modelSetup = (): ProviderSetup =>
    providerSetup(settings.inputs.provider ?? 'anthropic', env, {
      apiKey: settings.inputs.anthropicApiKey,
      baseUrl: settings.inputs.anthropicBaseUrl ?? env.ANTHROPIC_BASE_URL,
    })
  let setup: ProviderSetup | undefined
  if (route.mode !== 'rollback') {
    setup = modelSetup()
    preloadModelSdk(setup)
    for (const secret of setupSecrets(setup)) {
      redactor.add(secret)
      core.setSecret(secret)
    }
    log.info(`model provider: ${describeSetup(setup)}`)
  }

  mkdirSync(ctx.runnerTemp, { recursive: true })
  const transcriptPath = join(ctx.runnerTemp, `pitcrew-transcript-${ctx.runId}-${Date.now()}.jsonl`)
  state.transcriptPath = transcriptPath
  // The `transcript` output always names a file, even for a run that never called the model.
  writeFileSync(transcriptPath, '', { mode: 0o600 })
  const deadline = (runDeadline = Date.now() + settings.inputs.timeoutMinutes * 60_000)
  const caps = settings.config.budget
  const budgeted = caps.hourlyUsd !== undefined || caps.dailyUsd !== undefined
  const budget = (state.budget = createBudgetGate({
    caps,
    // The ledger's own client, without the run's deadline or the refusal of writes on cancel: a
    // cancelled or timed-out run must still settle what it spent.
    octokit: budgeted && clientOptions ? createOctokit(clientOptions) : null,
    owner: ctx.owner,
    repo: ctx.repo,
    runId: ctx.runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    runUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`,
    mode,
    maxCostUsd: settings.inputs.maxCostUsd,
    timeoutMinutes: settings.inputs.timeoutMinutes,
    log,
  }))
  const deps: TaskDeps = {
    settings,
    ctx,
    route,
    log,
    redactor,
    octokit,
    transcriptPath,
    env,
    signal,
    tracer: state.tracer,
    heartbeatMs: tuning.heartbeatMs,
    budget,
    agentClient: () => {
      // The guardrail behind every mode's reserve(): no client, so no model call, without a grant.
      if (!budget.allowsModelCalls()) {
        throw new AgentError(
          'No model call without a granted reservation on the budget ledger (budget.*-usd is set).',
        )
      }
      setup ??= modelSetup()
      // Where the time before the first model call went (bench/cold-start.ts reads it).
      if (!state.client) log.debug(`pitcrew timing: ${JSON.stringify(timingSnapshot())}`)
      state.client ??= createAgentClient({
        provider: setup,
        log,
        redactor,
        transcriptPath,
        // The reservation is the run's max-cost-usd: the ceiling stays what it always was.
        run: {
          maxCostUsd: Math.min(settings.inputs.maxCostUsd, budget.grantedUsd() ?? Infinity),
          deadline,
        },
        retry: { baseDelayMs: tuning.anthropicRetryBaseMs },
        signal,
        tracer: state.tracer,
      })
      return state.client
    },
  }

  if (route.comment && octokit) await acknowledge(octokit, ctx, route.comment, settings, log)
  const runMode = await loadingMode
  mark('mode loaded')
  return { result: await runMode(deps) }
}

/**
 * The `eyes` reaction on the command comment, before the work starts (contract section 8,
 * "Progress"). Only for an actor who passed the checks, never in a dry run; a reaction GitHub
 * refuses is a warning, not a reason to leave the command undone.
 */
async function acknowledge(
  octokit: Octokit,
  ctx: RunContext,
  comment: NonNullable<Route['comment']>,
  settings: Settings,
  log: Log,
): Promise<void> {
  if (settings.inputs.dryRun) return log.info('Dry run: no eyes reaction on the command comment.')
  try {
    const r = await addReaction(octokit, {
      owner: ctx.owner,
      repo: ctx.repo,
      kind: comment.kind,
      commentId: comment.id,
      content: 'eyes',
    })
    log.info(
      `Reacted with eyes to ${comment.kind === 'issue' ? 'comment' : 'review comment'} ${comment.id}${r.created ? '' : ' (it was already there)'}.`,
    )
  } catch (err) {
    log.warning(
      `Could not add the eyes reaction to comment ${comment.id}: ${(err as Error).message}. The command goes on.`,
    )
  }
}

/** A task that ran to its end: outputs and summary, the step failed when the mode says so. */
function finish(state: RunState, redactor: Redactor, log: Log, ending: Ending): void {
  const ctx = state.ctx!
  if ('skip' in ending) {
    log.notice(`pitcrew skipped: ${ending.skip}`)
    return reportSkip(ctx, ending.skip, ending.mode)
  }
  const budgetLine = state.budget?.summaryLine()
  const result = budgetLine
    ? { ...ending.result, summary: `${ending.result.summary.trimEnd()}\n\n${budgetLine}\n` }
    : ending.result
  reportResult(ctx, redactor, result, state.transcriptPath)
  log.info(`outcome: ${result.outcome} (stop reason: ${result.stopReason})`)
  // The whole run's git and GitHub time (bench/big-pr.ts reads it).
  log.debug(`pitcrew timing at the end: ${JSON.stringify(timingSnapshot())}`)
  if (result.failure) core.setFailed(redactor.redact(result.failure))
}

/** A task that threw: the step fails with the message; the usage so far is still reported. */
function fail(state: RunState, redactor: Redactor, err: unknown): void {
  const message = redactor.redact(err instanceof Error ? err.message : String(err))
  core.setFailed(message)
  if (state.ctx) {
    const usage = state.client?.usage() ?? emptyUsage()
    reportFailure(state.ctx, redactor, {
      message,
      mode: state.mode,
      usage,
      transcriptPath: state.transcriptPath,
    })
  }
}

/**
 * A cancelled run: outcome `cancelled` with the usage billed so far and what the mode had done
 * when it stopped (its result, if it returned within the grace). The step fails.
 */
function reportCancellation(
  state: RunState,
  redactor: Redactor,
  signal: NodeJS.Signals,
  ending: Settled<Ending>,
): void {
  const where = state.cancelledAt
  const message = `pitcrew was cancelled (${signal}${where ? ` ${where}` : ''}).`
  core.setFailed(message)
  if (!state.ctx) return
  const partial =
    ending.status === 'fulfilled' && 'result' in ending.value ? ending.value.result : undefined
  reportCancelled(state.ctx, redactor, {
    mode: state.mode,
    signal,
    phase: where,
    usage: state.client?.usage() ?? partial?.usage ?? emptyUsage(),
    transcriptPath: state.transcriptPath,
    partial,
    ...(ending.status === 'rejected'
      ? { error: ending.reason instanceof Error ? ending.reason.message : String(ending.reason) }
      : {}),
    ...(ending.status === 'pending' ? { stillRunning: true } : {}),
  })
}

/**
 * Records on the budget ledger what the run really spent (its client's usage), whatever the
 * ending: success, failure, a budget stop, a cancelled job. Waits at most SETTLE_WAIT_MS: an
 * unsettled reservation expires on its own.
 */
async function settleBudget(state: RunState, ending: Settled<Ending>): Promise<void> {
  const budget = state.budget
  if (!budget?.enabled) return
  const result =
    ending.status === 'fulfilled' && 'result' in ending.value ? ending.value.result : undefined
  const usage = state.client?.usage() ?? result?.usage ?? emptyUsage()
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    budget.settle(usage.costUsd),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_WAIT_MS))),
  ])
  clearTimeout(timer)
}

/** Follows the log groups the phases open and close, to say where a cancelled run was. */
function withPhases(log: Log, onPhase: (where: string) => void): Log {
  let open: string | undefined
  return {
    ...log,
    startGroup: (name) => {
      open = name
      onPhase(`during '${name}'`)
      log.startGroup(name)
    },
    endGroup: () => {
      if (open !== undefined) onPhase(`after '${open}'`)
      open = undefined
      log.endGroup()
    },
  }
}
