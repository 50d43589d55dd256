/**
 * The `pitcrew` command: builds the same Settings and TaskDeps the action builds, with the
 * local checkout as the workspace and no GitHub client, then runs the action's own modes
 * (runReview, runFix, runRollback) and prints their results for a terminal or as JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { VERSION } from '../version.js'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, isAbsolute, join, relative, resolve } from 'node:path'
import { createAgentClient, type AgentClient } from '../agent/client.js'
import { loadSettings } from '../config/inputs.js'
import { ConfigValidationError, DEFAULT_CONFIG_FILE, parseRepoConfig } from '../config/schema.js'
import { ConfigError, type MetricConfig, type Settings } from '../config/types.js'
import type { RunContext } from '../context.js'
import type { VerifyStep } from '../fix/verify.js'
import { conditionFailures, fmt } from '../rollback/analysis.js'
import { compileExpr } from '../rollback/expr.js'
import { createMetricProvider, requiredEnv } from '../rollback/providers/index.js'
import type { MetricProvider } from '../rollback/types.js'
import { Redactor } from '../safety/redact.js'
import type { TaskDeps, TaskResult } from '../task.js'
import { Git } from '../tools/git.js'
import type { Coverage } from '../review/pack.js'
import { SEVERITIES } from '../review/summary.js'
import { EXIT, UsageError, helpText, parseCli, type CommonFlags, type Parsed } from './args.js'
import { createPreviewClient, PREVIEW_STOP, type PreviewClient } from './preview.js'
import { createProgress, type Progress } from './progress.js'
import {
  barChart,
  renderConfig,
  renderCoverage,
  renderEvidence,
  renderFindings,
  renderPreview,
  renderUsage,
  type CliFinding,
} from './render.js'

export interface CliIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  stderrIsTTY: boolean
  columns?: number
  env: NodeJS.ProcessEnv
  cwd: string
}

/** Runs one CLI invocation and returns its exit code (see args.ts EXIT). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const redactor = new Redactor([io.env.ANTHROPIC_API_KEY])
  let parsed: Parsed
  try {
    parsed = parseCli(argv)
  } catch (err) {
    io.stderr(`pitcrew: ${redactor.redact((err as Error).message)}\n`)
    return EXIT.usage
  }
  if (parsed.kind === 'help') {
    io.stdout(helpText(parsed.topic))
    return EXIT.ok
  }
  if (parsed.kind === 'version') {
    io.stdout(`pitcrew ${VERSION}\n`)
    return EXIT.ok
  }
  const progress = createProgress({
    write: io.stderr,
    tty: io.stderrIsTTY && !parsed.common.json,
    verbose: parsed.common.verbose,
    redact: (t) => redactor.redact(t),
    columns: io.columns,
  })
  const out = (text: string) => io.stdout(redactor.redact(text.endsWith('\n') ? text : `${text}\n`))
  const cmd: Cmd = { io, progress, redactor, out }
  try {
    switch (parsed.kind) {
      case 'config-check':
        return await configCheck(parsed, io, out)
      case 'review':
        return await review(parsed, cmd)
      case 'fix':
        return await fix(parsed, cmd)
      case 'rollback':
        return await rollback(parsed, cmd)
    }
  } catch (err) {
    progress.stop()
    const usage = err instanceof UsageError || err instanceof ConfigError
    const message = usage ? flagNames((err as Error).message) : (err as Error).message
    io.stderr(`pitcrew: ${redactor.redact(message)}\n`)
    if (parsed.common.json) {
      out(
        JSON.stringify({
          command: parsed.kind,
          error: redactor.redact(message),
          exitCode: usage ? EXIT.usage : EXIT.runtime,
        }),
      )
    }
    return usage ? EXIT.usage : EXIT.runtime
  } finally {
    progress.stop()
  }
}

/** The settings parser speaks of action inputs; on the command line they are flags. */
function flagNames(message: string): string {
  return message
    .replace(/input 'config-file'/gi, '--config')
    .replace(/input '(model|max-cost-usd|max-turns|test-command)'/gi, '--$1')
}

// ---- shared setup -------------------------------------------------------------------------

/** What every command writes with: the terminal, its spinner, the redactor and redacted stdout. */
interface Cmd {
  io: CliIO
  progress: Progress
  redactor: Redactor
  out: (text: string) => void
}

interface Local {
  workspace: string
  git: Git | null
  headSha: string
  headRef: string | null
}

async function localRepo(cwd: string, redactor: Redactor, required: boolean): Promise<Local> {
  const probe = new Git(cwd, { redactor })
  const top = await probe
    .run(['rev-parse', '--show-toplevel'], { allowFail: true })
    .catch(() => ({ code: 1, stdout: '', stderr: '' }))
  if (top.code !== 0) {
    if (required) {
      throw new UsageError(
        `Not a git repository: '${cwd}'. Expected to be run inside a git checkout.`,
      )
    }
    return { workspace: cwd, git: null, headSha: '', headRef: null }
  }
  const workspace = top.stdout.trim()
  const git = new Git(workspace, { redactor })
  const head = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
    allowFail: true,
  })
  if (head.code !== 0 && required) {
    throw new UsageError(
      `The repository at '${workspace}' has no commit yet. Expected at least one commit.`,
    )
  }
  return { workspace, git, headSha: head.stdout.trim(), headRef: await git.currentBranch() }
}

/** Flags -> the INPUT_* environment the action reads, so the one parser validates both. */
async function cliSettings(
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

async function repoName(local: Local): Promise<{ owner: string; repo: string }> {
  const url = local.git
    ? (await local.git.run(['remote', 'get-url', 'origin'], { allowFail: true })).stdout.trim()
    : ''
  const m = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url)
  return m ? { owner: m[1]!, repo: m[2]! } : { owner: 'local', repo: basename(local.workspace) }
}

interface Built {
  deps: TaskDeps
  preview: PreviewClient | null
}

/** TaskDeps as main.ts builds them, for the local checkout: no octokit, a local run id. */
async function buildDeps(
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
    const apiKey = settings.inputs.anthropicApiKey
    if (!apiKey) {
      throw new ConfigError(
        `ANTHROPIC_API_KEY is not set. Expected an Anthropic API key in the environment (or use --dry-run).`,
      )
    }
    client ??= withProgress(
      createAgentClient({
        apiKey,
        baseUrl: settings.inputs.anthropicBaseUrl ?? io.env.ANTHROPIC_BASE_URL,
        log: progress,
        redactor,
        transcriptPath,
        run: { maxCostUsd: settings.inputs.maxCostUsd, deadline },
        retry: { baseDelayMs: retryBaseMs(io.env) },
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
function tidy(deps: TaskDeps, r: TaskResult): void {
  if (r.usage.apiCalls === 0) rmSync(deps.ctx.runnerTemp, { recursive: true, force: true })
}

function requireKey(settings: Settings, dryRun: boolean): void {
  if (dryRun || settings.inputs.anthropicApiKey) return
  throw new UsageError(
    `ANTHROPIC_API_KEY is not set. Expected an Anthropic API key in the environment, or --dry-run to see what would be sent without calling the model.`,
  )
}

function footer(r: TaskResult, deps: TaskDeps, dryRun: boolean): string {
  const lines = []
  if (!dryRun) lines.push(renderUsage(r.usage, r.stopReason))
  if (!dryRun && r.usage.apiCalls > 0) lines.push(`Transcript: ${deps.transcriptPath}`)
  return lines.join('\n')
}

/** The JSON fields every command that may call the model ends with. */
function runFields(r: TaskResult, deps: TaskDeps): Record<string, unknown> {
  return {
    usage: { ...r.usage },
    stopReason: r.stopReason,
    ...(r.usage.apiCalls > 0 ? { transcript: deps.transcriptPath } : {}),
  }
}

// ---- review -------------------------------------------------------------------------------

async function defaultBase(git: Git): Promise<string> {
  for (const ref of ['origin/HEAD', 'main', 'origin/main', 'master', 'origin/master']) {
    const r = await git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      allowFail: true,
    })
    if (r.code === 0) return ref
  }
  throw new UsageError(
    `No base branch found (tried origin/HEAD, main, origin/main, master, origin/master). Expected --base REF, e.g. --base origin/develop.`,
  )
}

async function dirtyTracked(git: Git): Promise<string[]> {
  const r = await git.run(['status', '--porcelain', '--untracked-files=no'], { allowFail: true })
  return r.stdout.split('\n').filter(Boolean)
}

async function review(p: Extract<Parsed, { kind: 'review' }>, cmd: Cmd): Promise<number> {
  const { io, progress, redactor, out } = cmd
  const local = await localRepo(io.cwd, redactor, true)
  const git = local.git!
  const settings = await cliSettings(p.common, io, local.workspace, { dryRun: true })
  requireKey(settings, p.dryRun)
  const baseRef = p.base ?? (await defaultBase(git))
  const base = await git.run(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], {
    allowFail: true,
  })
  if (base.code !== 0) {
    throw new UsageError(
      `Unknown --base '${baseRef}'. Expected a branch, tag or commit, e.g. 'origin/main'.`,
    )
  }
  const baseSha = base.stdout.trim()
  const headRef = local.headRef ?? 'HEAD'
  if ((await dirtyTracked(git)).length > 0) {
    progress.warning(
      'Uncommitted changes are not reviewed: pitcrew reviews the commits since the merge base.',
    )
  }
  progress.note(
    `› reviewing '${headRef}' (${local.headSha.slice(0, 7)}) against '${baseRef}' (${baseSha.slice(0, 7)})`,
  )
  const { deps, preview } = await buildDeps(cmd, settings, local, 'review', p.dryRun)
  const { runReview } = await import('../review/index.js')
  const r = await runReview(deps, {
    local: { baseSha, headSha: local.headSha, baseRef, headRef },
  })
  tidy(deps, r)
  progress.stop()
  const res = r.result as {
    items?: CliFinding[]
    coverage?: Coverage
    skippedFiles?: { path: string; reason: string }[]
    notes?: string[]
    verdict?: string
    complete?: boolean
    calls?: number
    parts?: { files: string[]; tokens: number }[]
  }
  const items = res.items ?? []
  const notes = (res.notes ?? []).filter((n) => !n.includes(PREVIEW_STOP))
  const calls = res.calls ?? 0
  const failed =
    !p.dryRun && calls > 0 && ['none', 'api_error', 'circuit_open'].includes(r.stopReason)
  const failRank = p.failOn === 'none' ? -1 : SEVERITIES.indexOf(p.failOn)
  const hits = items.filter((f) => SEVERITIES.indexOf(f.severity as never) <= failRank)
  const code = failed
    ? EXIT.runtime
    : p.dryRun
      ? EXIT.ok
      : hits.length > 0
        ? EXIT.attention
        : EXIT.ok
  if (p.common.json) {
    out(
      JSON.stringify({
        command: 'review',
        outcome: r.outcome,
        exitCode: code,
        base: { ref: baseRef, sha: baseSha },
        head: { ref: headRef, sha: local.headSha },
        dryRun: p.dryRun,
        ...(preview ? { requests: preview.requests, parts: res.parts ?? [] } : { findings: items }),
        verdict: p.dryRun ? null : res.verdict,
        coverage: res.coverage,
        skippedFiles: res.skippedFiles ?? [],
        notes,
        ...runFields(r, deps),
      }),
    )
    return code
  }
  const blocks: string[] = [
    `Review of '${headRef}' (${local.headSha.slice(0, 7)}) against '${baseRef}' (${baseSha.slice(0, 7)}):`,
  ]
  if (preview) {
    blocks.push(
      renderPreview(preview.requests, {
        files: (res.parts ?? []).map((pt, i) => ({ label: `part ${i + 1}`, files: pt.files })),
        maxCostUsd: settings.inputs.maxCostUsd,
        maxTurns: settings.inputs.maxTurns,
      }),
    )
  } else {
    blocks.push(items.length ? renderFindings(items) : 'No findings.')
    if (res.verdict) blocks.push(res.verdict)
  }
  if (res.coverage) blocks.push(renderCoverage(res.coverage, res.skippedFiles ?? []))
  if (notes.length) blocks.push(notes.map((n) => `Note: ${n}`).join('\n'))
  const f = footer(r, deps, p.dryRun)
  if (f) blocks.push(f)
  if (hits.length > 0 && !failed) {
    blocks.push(`${hits.length} finding(s) at or above --fail-on ${p.failOn}: exit 1.`)
  }
  out(blocks.join('\n\n'))
  if (failed)
    io.stderr(
      'pitcrew: the review could not be completed: the model API failed (see the notes above).\n',
    )
  return code
}

// ---- fix ----------------------------------------------------------------------------------

async function fix(p: Extract<Parsed, { kind: 'fix' }>, cmd: Cmd): Promise<number> {
  const { io, progress, redactor, out } = cmd
  const local = await localRepo(io.cwd, redactor, true)
  const settings = await cliSettings(p.common, io, local.workspace, {
    dryRun: false,
    ...(p.testCommand !== undefined ? { testCommand: p.testCommand } : {}),
  })
  const dirty = await dirtyTracked(local.git!)
  if (dirty.length > 0) {
    // A fix that does not verify is reverted file by file: it must not take the user's edits.
    throw new UsageError(
      `The working tree has uncommitted changes (${dirty
        .slice(0, 3)
        .map((l) => `'${l.slice(3)}'`)
        .join(
          ', ',
        )}${dirty.length > 3 ? ', …' : ''}). Expected a clean tree: commit or stash them first.`,
    )
  }
  requireKey(settings, p.dryRun)
  const { deps, preview } = await buildDeps(cmd, settings, local, 'fix', p.dryRun)
  const { runFix } = await import('../fix/index.js')
  const r = await runFix(deps, { local: { commit: p.commit } })
  tidy(deps, r)
  progress.stop()
  const res = r.result as Record<string, unknown> & {
    reason?: string
    failingBefore?: string[]
    rootCause?: string
    diff?: string
    verification?: { ok: boolean; steps: VerifyStep[] }
    delivery?: string
    branch?: string
    commit?: string
    files?: string[]
    changedLines?: number
    diagnosis?: string
    tried?: string[]
    lastRefusal?: string
    attemptedDiff?: string
  }
  const code = preview
    ? EXIT.ok
    : r.outcome === 'not-fixed'
      ? r.stopReason === 'api_error' || r.stopReason === 'circuit_open'
        ? EXIT.runtime
        : EXIT.attention
      : EXIT.ok
  if (p.common.json) {
    out(
      JSON.stringify({
        command: 'fix',
        outcome: preview ? 'dry-run' : r.outcome,
        exitCode: code,
        dryRun: p.dryRun,
        ...(preview
          ? { failingBefore: res.failingBefore ?? [], requests: preview.requests }
          : { result: res }),
        ...runFields(r, deps),
      }),
    )
    return code
  }
  const blocks: string[] = []
  const failing = (ids: string[] | undefined) =>
    (ids ?? []).map((id) => `  - ${id}`).join('\n') || '  (none parsed)'
  if (r.outcome === 'skipped') {
    blocks.push(`Nothing to fix: ${res.reason ?? 'skipped'}.`)
  } else if (preview) {
    blocks.push(`Failing tests (reproduced):\n${failing(res.failingBefore)}`)
    blocks.push(
      renderPreview(preview.requests, {
        maxCostUsd: settings.inputs.maxCostUsd,
        maxTurns: settings.inputs.maxTurns,
      }),
    )
  } else if (r.outcome === 'fixed') {
    blocks.push(`Fixed and verified.\n\nFailing tests before:\n${failing(res.failingBefore)}`)
    if (res.rootCause) blocks.push(`Root cause: ${res.rootCause}`)
    if (res.diff) blocks.push(res.diff.trimEnd())
    if (res.verification) blocks.push(`Evidence:\n${renderEvidence(res.verification.steps)}`)
    blocks.push(
      res.delivery === 'local-commit'
        ? `Committed ${String(res.commit).slice(0, 7)} on the new local branch '${res.branch}' (not pushed; you are now on it).`
        : 'The fix is in the working tree, not committed (review it with git diff; --commit commits it on a new branch).',
    )
  } else {
    blocks.push(`Not fixed.\n\nFailing tests:\n${failing(res.failingBefore)}`)
    if (res.diagnosis) blocks.push(`Diagnosis: ${res.diagnosis}`)
    if (res.tried?.length) blocks.push(`Tried:\n${res.tried.map((t) => `  - ${t}`).join('\n')}`)
    if (res.lastRefusal) blocks.push(`Last refusal: ${res.lastRefusal}`)
    if (res.attemptedDiff)
      blocks.push(`Last attempted change (reverted):\n${res.attemptedDiff.trimEnd()}`)
  }
  const f = footer(r, deps, Boolean(preview) || r.outcome === 'skipped')
  if (f) blocks.push(f)
  out(blocks.join('\n\n'))
  return code
}

// ---- rollback -----------------------------------------------------------------------------

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

async function rollback(p: Extract<Parsed, { kind: 'rollback' }>, cmd: Cmd): Promise<number> {
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
  const { runRollback } = await import('../rollback/index.js')
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

// ---- config check -------------------------------------------------------------------------

async function configCheck(
  p: Extract<Parsed, { kind: 'config-check' }>,
  io: CliIO,
  out: (t: string) => void,
): Promise<number> {
  let file = p.file ?? p.common.config
  if (file === undefined) {
    const top = await new Git(io.cwd)
      .run(['rev-parse', '--show-toplevel'], { allowFail: true })
      .catch(() => null)
    file = join(top?.code === 0 ? top.stdout.trim() : io.cwd, DEFAULT_CONFIG_FILE)
  }
  const abs = isAbsolute(file) ? file : resolve(io.cwd, file)
  const shown = relative(io.cwd, abs) || abs
  let text: string
  try {
    text = await readFile(abs, 'utf8')
  } catch (err) {
    throw new UsageError(
      `Cannot read config file '${shown}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Expected an existing YAML file.`,
    )
  }
  const problems: { key: string; message: string; line?: number }[] = []
  let config
  try {
    config = parseRepoConfig(text, shown)
  } catch (err) {
    if (!(err instanceof ConfigValidationError)) throw err
    if (p.common.json) {
      out(JSON.stringify({ file: shown, valid: false, problems: err.problems }))
    } else out(err.message)
    return EXIT.attention
  }
  // What rollback mode checks before watching, with the same functions.
  config.rollback.metrics.forEach((m, i) => {
    if (m.condition.expr === undefined) return
    try {
      compileExpr(m.condition.expr)
    } catch (err) {
      problems.push({
        key: `rollback.metrics[${i}].condition.expr`,
        message: (err as Error).message,
      })
    }
  })
  if (problems.length) {
    if (p.common.json) out(JSON.stringify({ file: shown, valid: false, problems }))
    else
      out(
        `Invalid configuration in '${shown}' (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((x) => `  - ${x.key}: ${x.message}`).join('\n')}`,
      )
    return EXIT.attention
  }
  const envNeeded = [...new Set(config.rollback.metrics.flatMap((m) => requiredEnv(m)))]
  const unset = envNeeded.filter((n) => !io.env[n])
  if (p.common.json) {
    out(
      JSON.stringify({
        file: shown,
        valid: true,
        config,
        env: { needed: envNeeded, unsetHere: unset },
      }),
    )
    return EXIT.ok
  }
  const lines = [`✓ ${shown} is valid.`]
  if (envNeeded.length) {
    lines.push(
      `The metric providers read these environment variables at run time: ${envNeeded.join(', ')}${unset.length ? ` (not set here: ${unset.join(', ')})` : ''}.`,
    )
  }
  lines.push(
    '',
    'Effective settings (defaults filled in; durations in seconds):',
    '',
    renderConfig(config),
  )
  out(lines.join('\n'))
  return EXIT.ok
}
