import * as core from '@actions/core'
import { join } from 'node:path'
import { mkdirSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { Git } from './tools/git.js'
import { readRunContext, type RunContext } from './context.js'
import { loadSettings, parseInputs } from './config/inputs.js'
import { routeEvent, type Route } from './config/router.js'
import { ConfigError, type Mode, type Settings } from './config/types.js'
import { actionsLog, type Log } from './log.js'
import { Redactor } from './safety/redact.js'
import { checkActor } from './safety/actor.js'
import { secretEnvValues } from './safety/command.js'
import { createOctokit, type Octokit } from './github/octokit.js'
import { getPermission } from './github/permissions.js'
import { getPull } from './github/pulls.js'
import { createAgentClient, type AgentClient } from './agent/client.js'
import { emptyUsage } from './agent/types.js'
import { appendSummary, taskOutputs, usageMarkdown, writeOutput } from './outputs.js'
import type { TaskDeps, TaskResult } from './task.js'

/** Modes load on demand: a review run never parses the fix or rollback code (cold start). */
const modes: Record<Mode, () => Promise<(deps: TaskDeps) => Promise<TaskResult>>> = {
  review: async () => (await import('./review/index.js')).runReview,
  fix: async () => (await import('./fix/index.js')).runFix,
  rollback: async () => (await import('./rollback/index.js')).runRollback,
}

/** Events a person (or a bot) causes directly; their actor must have write access. */
const PERSON_EVENTS = new Set([
  'issue_comment',
  'pull_request_review_comment',
  'pull_request_target',
  'workflow_run',
])

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

    const refusal = await actorRefusal(ctx, settings, route, octokit)
    if (refusal) return skip(ctx, log, refusal, route.mode)

    if (route.mode !== 'rollback' && !settings.inputs.anthropicApiKey) {
      throw new ConfigError(
        `Input 'anthropic-api-key' is empty and ANTHROPIC_API_KEY is not set. Expected an Anthropic API key, e.g. 'anthropic-api-key: \${{ secrets.ANTHROPIC_API_KEY }}'.`,
      )
    }

    mkdirSync(ctx.runnerTemp, { recursive: true })
    transcriptPath = join(ctx.runnerTemp, `pitcrew-transcript-${ctx.runId}-${Date.now()}.jsonl`)
    // The `transcript` output always names a file, even for a run that never called the model.
    writeFileSync(transcriptPath, '', { mode: 0o600 })
    const deadline = Date.now() + settings.inputs.timeoutMinutes * 60_000
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
        if (!settings.inputs.anthropicApiKey) {
          throw new ConfigError(
            `Input 'anthropic-api-key' is empty and ANTHROPIC_API_KEY is not set. Expected an Anthropic API key.`,
          )
        }
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
    finish(ctx, log, redactor, result, transcriptPath)
  } catch (err) {
    const message = redactor.redact(err instanceof Error ? err.message : String(err))
    core.setFailed(message)
    if (ctx) reportFailure(ctx, redactor, message, mode, client, transcriptPath)
  }
}

function finish(
  ctx: RunContext,
  log: Log,
  redactor: Redactor,
  result: TaskResult,
  transcriptPath: string,
): void {
  const outputs = taskOutputs(result, transcriptPath)
  for (const [name, value] of Object.entries(outputs)) {
    writeOutput(ctx.outputPath, name, redactor.redact(value))
  }
  appendSummary(
    ctx.summaryPath,
    redactor.redact(
      `${result.summary.trimEnd()}\n\n### Usage\n\n${usageMarkdown(result.usage, result.stopReason)}\n`,
    ),
  )
  log.info(`outcome: ${result.outcome} (stop reason: ${result.stopReason})`)
  if (result.failure) core.setFailed(redactor.redact(result.failure))
}

/**
 * A run that failed midway still reports what it spent: the usage so far goes to the outputs and
 * the job summary, beside the error (the model calls already made are billed).
 */
function reportFailure(
  ctx: RunContext,
  redactor: Redactor,
  message: string,
  mode: Mode | undefined,
  client: AgentClient | undefined,
  transcriptPath: string,
): void {
  const usage = client?.usage() ?? emptyUsage()
  if (mode) {
    const partial = taskOutputs(
      {
        mode,
        outcome: 'skipped',
        result: { error: message },
        usage,
        stopReason: 'none',
        summary: '',
      },
      transcriptPath,
    )
    for (const name of [
      'mode',
      'result',
      'input-tokens',
      'output-tokens',
      'cache-read-tokens',
      'cost-usd',
      'turns',
      'transcript',
    ]) {
      writeOutput(ctx.outputPath, name, redactor.redact(partial[name] ?? ''))
    }
  }
  appendSummary(
    ctx.summaryPath,
    `## pitcrew failed\n\n${message}\n\n### Usage so far\n\n${usageMarkdown(usage, 'error')}\n`,
  )
}

/** A run that does nothing still says why, in the log, the outputs and the job summary. */
function skip(ctx: RunContext, log: Log, reason: string, mode?: Mode): void {
  log.notice(`pitcrew skipped: ${reason}`)
  writeOutput(ctx.outputPath, 'mode', mode ?? 'none')
  writeOutput(ctx.outputPath, 'outcome', 'skipped')
  writeOutput(ctx.outputPath, 'result', JSON.stringify({ skipped: true, reason }))
  const usage = emptyUsage()
  writeOutput(ctx.outputPath, 'stop-reason', 'none')
  for (const name of ['input-tokens', 'output-tokens', 'cache-read-tokens', 'turns'] as const) {
    writeOutput(ctx.outputPath, name, '0')
  }
  writeOutput(ctx.outputPath, 'cost-usd', '0.0000')
  appendSummary(
    ctx.summaryPath,
    `## pitcrew: skipped\n\n${reason}\n\n${usageMarkdown(usage, 'none')}\n`,
  )
}

/**
 * Who may make pitcrew act: a person needs write access for the events they cause directly
 * (comment commands, pull_request_target, a failed run they triggered); a bot only when listed
 * by exact login. Returns the reason to skip, or null.
 */
async function actorRefusal(
  ctx: RunContext,
  settings: Settings,
  route: Route,
  octokit: Octokit | null,
): Promise<string | null> {
  // Creating a deployment already takes write access, and deploy apps (bots) create most of
  // them: the deployment_status trigger is not a person to check.
  if (ctx.eventName === 'deployment_status') return null
  const needsWrite = PERSON_EVENTS.has(ctx.eventName)
  const login = route.triggeringActor
  if (!login) {
    return needsWrite
      ? `The actor of this '${ctx.eventName}' event is unknown; pitcrew acts only for actors whose permission it can check.`
      : null
  }
  const sender = ctx.payload.sender as { login?: string; type?: string } | undefined
  const isBot = login.endsWith('[bot]') || (sender?.login === login && sender.type === 'Bot')
  if (!isBot && !needsWrite) return null
  const verdict = await checkActor({
    login,
    isBot,
    allowedBots: settings.inputs.allowedBots,
    getPermission: async (user) => {
      if (!octokit) return 'none'
      return getPermission(octokit, ctx.owner, ctx.repo, user)
    },
  })
  return verdict.allowed ? null : verdict.reason
}

/**
 * Fills in what the event leaves out, from the API, before anything else happens: a comment
 * command names the PR but not its commits (the base commit is needed for the trusted config,
 * the head repository for the fork check); a failed `workflow_run` of a fork PR lists no PR at
 * all (GitHub leaves `pull_requests` empty for forks), so it is found by `fork-owner:branch`.
 */
async function completeRoute(
  ctx: RunContext,
  route: Route,
  octokit: Octokit | null,
  log: Log,
): Promise<Route> {
  if (!route.mode || !octokit) return route
  const repoRef = { owner: ctx.owner, repo: ctx.repo }
  try {
    let prNumber = route.prNumber
    if (
      !prNumber &&
      route.workflowRunId &&
      route.isFork &&
      route.headRepoFullName &&
      route.headRef
    ) {
      const forkOwner = route.headRepoFullName.split('/')[0]
      const open = await octokit.rest.pulls.list({
        ...repoRef,
        state: 'open',
        head: `${forkOwner}:${route.headRef}`,
        per_page: 10,
      })
      const match = open.data.find((p) => p.head.sha === route.headSha) ?? open.data[0]
      if (match) {
        log.info(`The failed run belongs to fork PR #${match.number}.`)
        prNumber = match.number
      }
    }
    if (!prNumber || (route.baseSha && route.headSha && prNumber === route.prNumber)) return route
    const pull = await getPull(octokit, { ...repoRef, pullNumber: prNumber })
    return {
      ...route,
      prNumber,
      headSha: route.headSha ?? pull.headSha,
      headRef: route.headRef ?? pull.headRef,
      baseSha: route.baseSha ?? pull.baseSha,
      baseRef: route.baseRef ?? pull.baseRef,
      headRepoFullName: route.headRepoFullName ?? pull.headRepoFullName ?? undefined,
      isFork: route.isFork ?? pull.headRepoFullName !== `${ctx.owner}/${ctx.repo}`,
      isDraft: route.isDraft ?? pull.draft,
    }
  } catch (err) {
    log.warning(`Could not read the pull request of this event: ${(err as Error).message}`)
    return route
  }
}

/**
 * Timing knobs for non-GitHub endpoints. GitHub asks integrations to space writes (1 s, 3 s for
 * notifying ones) and pitcrew does; the loopback emulator, the demo and self-hosted gateways may
 * lift that. Retry waits are multiplied by a unit that tests shrink.
 */
function readTuning(env: NodeJS.ProcessEnv): {
  githubWriteSpacingMs?: number
  githubRetryUnitMs?: number
  anthropicRetryBaseMs?: number
} {
  const num = (name: string): number | undefined => {
    const raw = env[name]
    if (raw === undefined || raw === '') return undefined
    const value = Number(raw)
    if (!Number.isFinite(value) || value < 0) {
      throw new ConfigError(`Invalid ${name} '${raw}'. Expected a number of milliseconds >= 0.`)
    }
    return value
  }
  return {
    githubWriteSpacingMs: num('PITCREW_GITHUB_WRITE_SPACING_MS'),
    githubRetryUnitMs: num('PITCREW_GITHUB_RETRY_UNIT_MS'),
    anthropicRetryBaseMs: num('PITCREW_ANTHROPIC_RETRY_BASE_MS'),
  }
}

/**
 * A pull request must not choose the rules it is handled by (review ignores, fix guardrails such
 * as allow-test-edits): for PR-bound runs the config file is read from the base commit (as
 * claude-code-action restores it), not from the head the PR author controls. Where the base commit is not in the checkout (a shallow clone), a fork's
 * config is ignored (defaults), and a same-repository PR's checked-out file is used.
 */
function trustedConfigReader(
  ctx: RunContext,
  route: Route,
  log: Log,
): ((path: string) => Promise<string>) | undefined {
  if (!route.baseSha || !route.prNumber || !route.mode) return undefined
  const baseSha = route.baseSha
  const git = new Git(ctx.workspace)
  return async (abs) => {
    const rel = relative(ctx.workspace, abs).split('\\').join('/')
    const hasBase = await git.run(['cat-file', '-e', `${baseSha}^{commit}`], { allowFail: true })
    if (hasBase.code === 0) {
      const shown = await git.run(['show', `${baseSha}:${rel}`], { allowFail: true })
      if (shown.code === 0) {
        log.info(`config: read from the base commit ${baseSha.slice(0, 7)}, not the PR head`)
        return shown.stdout
      }
      throw Object.assign(new Error(`'${rel}' does not exist at the base commit`), {
        code: 'ENOENT',
      })
    }
    if (route.isFork) {
      log.warning(
        `The base commit ${baseSha.slice(0, 7)} is not in the checkout (use fetch-depth: 0); the fork's '${rel}' is ignored and defaults apply.`,
      )
      throw Object.assign(new Error('base commit not fetched'), { code: 'ENOENT' })
    }
    return readFile(abs, 'utf8')
  }
}
