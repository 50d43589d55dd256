import type { Octokit } from './github/octokit.js'
import type { AgentClient } from './agent/client.js'
import type { Log } from './log.js'
import type { Redactor } from './safety/redact.js'
import type { RunContext } from './context.js'
import type { Mode, Settings } from './config/types.js'
import type { Usage, StopReason } from './agent/types.js'
import type { Route } from './config/router.js'
import type { Tracer } from './telemetry/tracer.js'
import type { BudgetGate } from './agent/budget-gate.js'

export type Outcome =
  | 'reviewed'
  /** review: the review did not finish or did not show every reviewable line (contract §8). */
  | 'incomplete'
  /** review: a question in a pitcrew thread or about the summary got its one answer (§8). */
  | 'answered'
  /** review: `/pitcrew remember` put its line on the memory branch with its pull request (§8). */
  | 'remembered'
  | 'fixed'
  | 'not-fixed'
  | 'healthy'
  | 'rolled-back'
  | 'would-roll-back'
  | 'awaiting-approval'
  | 'inconclusive'
  | 'skipped'
  /** Any mode: SIGINT/SIGTERM (a cancelled job) stopped the run; what was done is reported. */
  | 'cancelled'
  /** The CLI's dry runs. */
  | 'dry-run'
  /**
   * Any mode: the run would pass the repository budget (`budget.*-usd`), so it made no model
   * call (docs/budget.md). Exit 0. Rollback never ends so: only its incident summary is gated.
   */
  | 'over-budget'

/** What a mode hands back: main.ts turns it into outputs and the job summary. */
export interface TaskResult {
  mode: Mode
  outcome: Outcome
  /** Mode-specific structured result; becomes the `result` output as JSON. */
  result: Record<string, unknown>
  usage: Usage
  stopReason: StopReason | 'none'
  /** Markdown for the job summary (main.ts appends usage). */
  summary: string
  /** When set, the step fails with this message after outputs and summary are written. */
  failure?: string
}

/** Everything a mode needs, passed in so modes can be run against the loopback servers. */
export interface TaskDeps {
  settings: Settings
  ctx: RunContext
  route: Route
  log: Log
  redactor: Redactor
  /** null when no token was given (e.g. dry runs of the CLI). */
  octokit: Octokit | null
  /** Creates the model client; throws a ConfigError when no API key is available. */
  agentClient: () => AgentClient
  /** Path of the redacted JSONL transcript under RUNNER_TEMP. */
  transcriptPath: string
  env: NodeJS.ProcessEnv
  /**
   * Aborted when the runner cancels the step (SIGINT/SIGTERM). The model client, GitHub writes
   * and running commands already stop on it; a mode checks it before starting a new phase.
   */
  signal?: AbortSignal
  /** Spans of the run (test runs, ...); absent or a no-op unless tracing is on. */
  tracer?: Tracer
  /** How often a long wait (a test run, a metric watch) says it is still going; default 30 s. */
  heartbeatMs?: number
  /**
   * The repository budget (docs/budget.md). A mode awaits `reserve()` before its first model
   * call and ends `over-budget` when it is refused; `agentClient()` refuses to make a client
   * before a granted reservation. Absent (the CLI): no cap.
   */
  budget?: BudgetGate
}
