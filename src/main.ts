import * as core from '@actions/core'
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
import { createAgentClient, type AgentClient } from './agent/client.js'
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
import { timingSnapshot } from './timing.js'

const MISSING_KEY =
  "Input 'anthropic-api-key' is empty and ANTHROPIC_API_KEY is not set. Expected an Anthropic API key, e.g. 'anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}'."

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
}

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
  const envSecrets = secretEnvValues(env)
  const redactor = new Redactor(envSecrets)
  for (const secret of envSecrets) core.setSecret(secret)
  const state: RunState = { transcriptPath: '' }
  const log = withPhases(
    actionsLog((t) => redactor.redact(t)),
    (name) => (state.phase = name),
  )
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
    if (cancel.received) {
      try {
        reportCancellation(state, redactor, cancel.received, ending)
      } finally {
        // A group that ignored SIGTERM has no SIGKILL timer left once we exit: kill it now.
        killRunningCommands()
        io.exit(1)
      }
    } else if (ending.status === 'rejected') {
      fail(state, redactor, ending.reason)
    } else if (ending.status === 'fulfilled') {
      finish(state, redactor, log, ending.value)
    }
  } catch (err) {
    // Writing the outputs or the summary failed (a full disk): the step still fails, saying why.
    core.setFailed(redactor.redact(err instanceof Error ? err.message : String(err)))
  } finally {
    cancel.dispose()
  }
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
    octokit = inputs.githubToken
      ? createOctokit({
          token: inputs.githubToken,
          apiUrl: ctx.apiUrl,
          graphqlUrl: ctx.graphqlUrl,
          log,
          writeSpacingMs: tuning.githubWriteSpacingMs,
          minRetryDelayMs: tuning.githubRetryUnitMs,
          timeoutMs: tuning.githubTimeoutMs,
          deadline: () => runDeadline,
        })
      : null
    if (octokit) refuseWritesOnCancel(octokit, signal)
    route = await completeRoute(ctx, routeEvent(ctx, inputs), octokit, log)
    settings = await loadSettings(env, ctx.workspace, trustedConfigReader(ctx, route, log))
  } finally {
    log.endGroup()
  }
  log.info(
    `config: ${settings.configPath ?? 'none found, defaults used'}; model ${settings.inputs.model}; budgets: ${settings.inputs.maxTurns} turns, $${settings.inputs.maxCostUsd}, ${settings.inputs.timeoutMinutes} min${settings.inputs.dryRun ? '; dry run' : ''}`,
  )

  if (!route.mode) return { skip: route.reason }
  const mode = (state.mode = route.mode)
  log.info(`mode ${route.mode}: ${route.reason}`)

  const refusal = await actorRefusal(ctx, route, settings.inputs.allowedBots, octokit)
  if (refusal) return { skip: refusal, mode }

  if (route.mode !== 'rollback' && !settings.inputs.anthropicApiKey) {
    throw new ConfigError(MISSING_KEY)
  }
  // Review and fix post their work on GitHub: without a token it would be billed and lost.
  if (route.mode !== 'rollback' && !settings.inputs.githubToken) {
    throw new ConfigError(MISSING_TOKEN(route.mode))
  }

  mkdirSync(ctx.runnerTemp, { recursive: true })
  const transcriptPath = join(ctx.runnerTemp, `pitcrew-transcript-${ctx.runId}-${Date.now()}.jsonl`)
  state.transcriptPath = transcriptPath
  // The `transcript` output always names a file, even for a run that never called the model.
  writeFileSync(transcriptPath, '', { mode: 0o600 })
  const deadline = (runDeadline = Date.now() + settings.inputs.timeoutMinutes * 60_000)
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
    agentClient: () => {
      if (!settings.inputs.anthropicApiKey) throw new ConfigError(MISSING_KEY)
      // Where the time before the first model call went (bench/cold-start.ts reads it).
      if (!state.client) log.debug(`pitcrew timing: ${JSON.stringify(timingSnapshot())}`)
      state.client ??= createAgentClient({
        apiKey: settings.inputs.anthropicApiKey,
        baseUrl: settings.inputs.anthropicBaseUrl ?? env.ANTHROPIC_BASE_URL,
        log,
        redactor,
        transcriptPath,
        run: { maxCostUsd: settings.inputs.maxCostUsd, deadline },
        retry: { baseDelayMs: tuning.anthropicRetryBaseMs },
        signal,
      })
      return state.client
    },
  }

  const runMode = await modes[mode]()
  return { result: await runMode(deps) }
}

/** A task that ran to its end: outputs and summary, the step failed when the mode says so. */
function finish(state: RunState, redactor: Redactor, log: Log, ending: Ending): void {
  const ctx = state.ctx!
  if ('skip' in ending) {
    log.notice(`pitcrew skipped: ${ending.skip}`)
    return reportSkip(ctx, ending.skip, ending.mode)
  }
  const { result } = ending
  reportResult(ctx, redactor, result, state.transcriptPath)
  log.info(`outcome: ${result.outcome} (stop reason: ${result.stopReason})`)
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
