/**
 * What every CLI command shares: the terminal it writes to (Cmd), the Settings built from its
 * flags through the action's own parser, and TaskDeps as main.ts builds them for the local
 * checkout, with the dry-run stand-in model client (preview.ts) in place of the real one.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createAgentClient, type AgentClient } from '../agent/client.js'
import { providerSetup, type ProviderSetup } from '../agent/provider.js'
import { loadSettings } from '../config/inputs.js'
import type { Settings } from '../config/types.js'
import type { RunContext } from '../context.js'
import type { Redactor } from '../safety/redact.js'
import type { TaskDeps, TaskResult } from '../task.js'
import { UsageError, type CommonFlags } from './args.js'
import { repoName, type Local } from './local-repo.js'
import { createPreviewClient, type PreviewClient } from './preview.js'
import type { Progress } from './progress.js'
import { renderUsage } from './render.js'

/** The process around one CLI invocation: streams, terminal facts, environment, cwd. */
export interface CliIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  stderrIsTTY: boolean
  columns?: number
  env: NodeJS.ProcessEnv
  cwd: string
}

/** What every command writes with: the terminal, its spinner, the redactor and redacted stdout. */
export interface Cmd {
  io: CliIO
  progress: Progress
  redactor: Redactor
  out: (text: string) => void
}

/** Flags -> the INPUT_* environment the action reads, so the one parser validates both. */
export async function cliSettings(
  common: CommonFlags,
  io: CliIO,
  workspace: string,
  extra: { testCommand?: string; dryRun: boolean },
): Promise<Settings> {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(io.env)) {
    // Stray INPUT_* variables (e.g. inside a workflow step) must not change the CLI's settings,
    // and the CLI never uses a GitHub token.
    if (!k.startsWith('INPUT_') && k !== 'GITHUB_TOKEN') env[k] = v
  }
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) env[`INPUT_${name.toUpperCase()}`] = value
  }
  set('model', common.model)
  set('provider', common.provider)
  set('max-cost-usd', common.maxCostUsd)
  set('max-turns', common.maxTurns)
  set('config-file', common.config !== undefined ? resolve(io.cwd, common.config) : undefined)
  set('test-command', extra.testCommand)
  set('dry-run', String(extra.dryRun))
  const settings = await loadSettings(env, workspace)
  settings.inputs.githubToken = undefined
  return settings
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
}

/** The deps a command runs its mode with, and the stand-in model client when it is a dry run. */
export interface Built {
  deps: TaskDeps
  preview: PreviewClient | null
}

/** TaskDeps as main.ts builds them, for the local checkout: no octokit, a local run id. */
export async function buildDeps(
  cmd: Cmd,
  settings: Settings,
  local: Local,
  mode: 'review' | 'fix' | 'rollback',
  dryRun: boolean,
): Promise<Built> {
  const { io, progress, redactor } = cmd
  if (settings.inputs.anthropicApiKey) redactor.add(settings.inputs.anthropicApiKey)
  const runnerTemp = mkdtempSync(join(tmpdir(), 'pitcrew-cli-'))
  const transcriptPath = join(runnerTemp, 'transcript.jsonl')
  const { owner, repo } = await repoName(local)
  const ctx: RunContext = {
    eventName: 'cli',
    payload: {},
    owner,
    repo,
    workspace: local.workspace,
    sha: local.headSha,
    ref: local.headRef ? `refs/heads/${local.headRef}` : '',
    runId: `local-${stamp()}`,
    actor: '',
    apiUrl: 'https://api.github.com',
    graphqlUrl: 'https://api.github.com/graphql',
    serverUrl: 'https://github.com',
    runnerTemp,
  }
  const preview = dryRun && mode !== 'rollback' ? createPreviewClient() : null
  const deadline = Date.now() + settings.inputs.timeoutMinutes * 60_000
  let client: AgentClient | undefined
  const agentClient = (): AgentClient => {
    if (preview) return preview
    client ??= withProgress(
      createAgentClient({
        provider: cliProviderSetup(settings, io.env),
        log: progress,
        redactor,
        transcriptPath,
        run: { maxCostUsd: settings.inputs.maxCostUsd, deadline },
        // A terminal is waiting: a few tries, not retries until the 20-minute deadline.
        retry: { baseDelayMs: retryBaseMs(io.env), maxRetries: CLI_MAX_RETRIES },
      }),
      progress,
    )
    return client
  }
  const deps: TaskDeps = {
    settings,
    ctx,
    route: { mode, reason: 'pitcrew CLI' },
    log: progress,
    redactor,
    octokit: null,
    agentClient,
    transcriptPath,
    env: io.env,
  }
  return { deps, preview }
}

/** Retries of one model request in the CLI (the action retries until its deadline). */
export const CLI_MAX_RETRIES = 4

/** The action's retry knob (PITCREW_ANTHROPIC_RETRY_BASE_MS), for gateways and tests. */
function retryBaseMs(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.PITCREW_ANTHROPIC_RETRY_BASE_MS
  if (raw === undefined || raw === '') return undefined
  const v = Number(raw)
  if (!Number.isFinite(v) || v < 0) {
    throw new UsageError(
      `Invalid PITCREW_ANTHROPIC_RETRY_BASE_MS '${raw}'. Expected a number of milliseconds >= 0.`,
    )
  }
  return v
}

/** Spinner text while a loop talks to the model, and one line when it ends. */
function withProgress(client: AgentClient, progress: Progress): AgentClient {
  return {
    async run<F>(opts: Parameters<AgentClient['run']>[0]) {
      const label = opts.label ?? 'agent'
      progress.step(`${label}: waiting for ${opts.model}`)
      const r = await client.run<F>(opts)
      const cost = r.usage.costUsd === null ? 'cost unknown' : `$${r.usage.costUsd.toFixed(4)}`
      progress.note(
        `${r.stopReason === 'final_tool' ? '✓' : '!'} ${label}: ${r.usage.turns} turns, ${cost}, ${r.stopReason}`,
      )
      return r
    },
    async complete(opts) {
      progress.step(`waiting for ${opts.model}`)
      return client.complete(opts)
    },
    usage: () => client.usage(),
  }
}

/** The scratch folder is kept only when it holds a transcript worth reading. */
export function tidy(deps: TaskDeps, r: TaskResult): void {
  if (r.usage.apiCalls === 0) rmSync(deps.ctx.runnerTemp, { recursive: true, force: true })
}

/** The provider's settings from the CLI's environment (ConfigError naming what is missing). */
function cliProviderSetup(settings: Settings, env: NodeJS.ProcessEnv): ProviderSetup {
  return providerSetup(
    settings.inputs.provider ?? 'anthropic',
    env,
    {
      apiKey: settings.inputs.anthropicApiKey,
      baseUrl: settings.inputs.anthropicBaseUrl ?? env.ANTHROPIC_BASE_URL,
    },
    'cli',
  )
}

/**
 * Fails early, before any work, when a command would need the model and its provider is not set
 * up (no key, no region, no project).
 */
export function requireKey(settings: Settings, dryRun: boolean, env: NodeJS.ProcessEnv): void {
  if (dryRun) return
  if ((settings.inputs.provider ?? 'anthropic') === 'anthropic') {
    if (settings.inputs.anthropicApiKey) return
    throw new UsageError(
      `ANTHROPIC_API_KEY is not set. Expected an Anthropic API key in the environment, or --dry-run to see what would be sent without calling the model.`,
    )
  }
  try {
    cliProviderSetup(settings, env)
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
}

/** Usage and transcript lines under a command's text output; none for a dry run. */
export function footer(r: TaskResult, deps: TaskDeps, dryRun: boolean): string {
  const lines = []
  if (!dryRun) lines.push(renderUsage(r.usage, r.stopReason))
  if (!dryRun && r.usage.apiCalls > 0) lines.push(`Transcript: ${deps.transcriptPath}`)
  return lines.join('\n')
}

/** The JSON fields every command that may call the model ends with. */
export function runFields(r: TaskResult, deps: TaskDeps): Record<string, unknown> {
  return {
    usage: { ...r.usage },
    stopReason: r.stopReason,
    ...(r.usage.apiCalls > 0 ? { transcript: deps.transcriptPath } : {}),
  }
}
