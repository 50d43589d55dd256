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
import { secretEnvValues } from './safety/command.js'
import { createOctokit, type Octokit } from './github/octokit.js'
import { completeRoute } from './github/pull-context.js'
import { createAgentClient, type AgentClient } from './agent/client.js'
import { emptyUsage } from './agent/types.js'
import { reportFailure, reportResult, reportSkip } from './outputs.js'
import type { TaskDeps, TaskResult } from './task.js'

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

/**
 * The action: inputs -> settings -> mode -> task -> outputs + summary. Any thrown error becomes
 * `core.setFailed` with a redacted message; a configuration error writes nothing to GitHub.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // Every credential in the environment (the key and token inputs, *_TOKEN, *_KEY, deploy keys
  // passed as env:) is masked in what we post and write, not only in the runner's log.
  const envSecrets = secretEnvValues(env)
  const redactor = new Redactor(envSecrets)
  for (const secret of envSecrets) core.setSecret(secret)
  const log = actionsLog((t) => redactor.redact(t))
  let ctx: RunContext | undefined
  let mode: Mode | undefined
  let client: AgentClient | undefined
  let transcriptPath = ''
  let runDeadline: number | undefined
  try {
    ctx = readRunContext(env)
    log.startGroup('pitcrew: settings')
    const tuning = readTuning(env)
    let route: Route
    let settings: Settings
    let octokit: Octokit | null
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
      route = await completeRoute(ctx, routeEvent(ctx, inputs), octokit, log)
      settings = await loadSettings(env, ctx.workspace, trustedConfigReader(ctx, route, log))
    } finally {
      log.endGroup()
    }
    log.info(
      `config: ${settings.configPath ?? 'none found, defaults used'}; model ${settings.inputs.model}; budgets: ${settings.inputs.maxTurns} turns, $${settings.inputs.maxCostUsd}, ${settings.inputs.timeoutMinutes} min${settings.inputs.dryRun ? '; dry run' : ''}`,
    )

    if (!route.mode) return skip(ctx, log, route.reason)
    mode = route.mode
    log.info(`mode ${route.mode}: ${route.reason}`)

    const refusal = await actorRefusal(ctx, route, settings.inputs.allowedBots, octokit)
    if (refusal) return skip(ctx, log, refusal, route.mode)

    if (route.mode !== 'rollback' && !settings.inputs.anthropicApiKey) {
      throw new ConfigError(MISSING_KEY)
    }
    // Review and fix post their work on GitHub: without a token it would be billed and lost.
    if (route.mode !== 'rollback' && !settings.inputs.githubToken) {
      throw new ConfigError(MISSING_TOKEN(route.mode))
    }

    mkdirSync(ctx.runnerTemp, { recursive: true })
    transcriptPath = join(ctx.runnerTemp, `pitcrew-transcript-${ctx.runId}-${Date.now()}.jsonl`)
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
      agentClient: () => {
        if (!settings.inputs.anthropicApiKey) throw new ConfigError(MISSING_KEY)
        client ??= createAgentClient({
          apiKey: settings.inputs.anthropicApiKey,
          baseUrl: settings.inputs.anthropicBaseUrl ?? env.ANTHROPIC_BASE_URL,
          log,
          redactor,
          transcriptPath,
          run: { maxCostUsd: settings.inputs.maxCostUsd, deadline },
          retry: { baseDelayMs: tuning.anthropicRetryBaseMs },
        })
        return client
      },
    }

    const runMode = await modes[route.mode]()
    const result = await runMode(deps)
    reportResult(ctx, redactor, result, transcriptPath)
    log.info(`outcome: ${result.outcome} (stop reason: ${result.stopReason})`)
    if (result.failure) core.setFailed(redactor.redact(result.failure))
  } catch (err) {
    const message = redactor.redact(err instanceof Error ? err.message : String(err))
    core.setFailed(message)
    if (ctx) {
      const usage = client?.usage() ?? emptyUsage()
      reportFailure(ctx, redactor, { message, mode, usage, transcriptPath })
    }
  }
}

/** A run that does nothing still says why, in the log, the outputs and the job summary. */
function skip(ctx: RunContext, log: Log, reason: string, mode?: Mode): void {
  log.notice(`pitcrew skipped: ${reason}`)
  reportSkip(ctx, reason, mode)
}
