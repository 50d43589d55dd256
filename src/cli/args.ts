/**
 * Command-line parsing for `pitcrew`: pure, so every usage error (exit 2) is tested without a
 * process. Each command has its own flags; the common ones are accepted everywhere they apply.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { SEVERITIES } from '../review/summary.js'

export const EXIT = {
  ok: 0,
  /** Findings at or above --fail-on, a not-fixed result, a rollback decision, an invalid config. */
  attention: 1,
  /** Bad flags, bad configuration, a precondition the user must fix (no key, dirty tree). */
  usage: 2,
  /** Something broke while running (git, the model API, a test command that cannot start). */
  runtime: 3,
} as const

/** A mistake in how pitcrew was called or configured: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export type Command = 'review' | 'fix' | 'rollback' | 'config-check'

export interface CommonFlags {
  model?: string
  /** anthropic, bedrock or vertex (validated by the action's input parser). */
  provider?: string
  maxCostUsd?: string
  maxTurns?: string
  config?: string
  json: boolean
  verbose: boolean
}

export type FailOn = (typeof SEVERITIES)[number] | 'none'

export type Parsed =
  | { kind: 'help'; topic?: Command }
  | { kind: 'version' }
  | {
      kind: 'review'
      common: CommonFlags
      base?: string
      dryRun: boolean
      /** With --dry-run: print the exact request bodies that would be sent. */
      printPrompt: boolean
      failOn: FailOn
    }
  | {
      kind: 'fix'
      common: CommonFlags
      testCommand?: string
      dryRun: boolean
      commit: boolean
    }
  | {
      kind: 'rollback'
      common: CommonFlags
      dryRun: boolean
      deploymentSha?: string
      environment?: string
    }
  | { kind: 'config-check'; common: CommonFlags; file?: string }

type Options = NonNullable<ParseArgsConfig['options']>

const COMMON: Options = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  config: { type: 'string' },
}
const MODEL: Options = {
  model: { type: 'string' },
  provider: { type: 'string' },
  'max-cost-usd': { type: 'string' },
  'max-turns': { type: 'string' },
}

const COMMAND_OPTIONS: Record<Command, Options> = {
  review: {
    ...COMMON,
    ...MODEL,
    base: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'print-prompt': { type: 'boolean' },
    'fail-on': { type: 'string' },
  },
  fix: {
    ...COMMON,
    ...MODEL,
    'test-command': { type: 'string' },
    'dry-run': { type: 'boolean' },
    commit: { type: 'boolean' },
  },
  rollback: {
    ...COMMON,
    ...MODEL,
    'dry-run': { type: 'boolean' },
    'deployment-sha': { type: 'string' },
    environment: { type: 'string' },
  },
  'config-check': { ...COMMON },
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** Parses argv (without `node` and the script). Throws UsageError for anything it cannot use. */
export function parseCli(argv: string[]): Parsed {
  const [first, ...rest] = argv
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    const topic = first === 'help' ? commandOf(rest) : undefined
    return topic ? { kind: 'help', topic } : { kind: 'help' }
  }
  if (first === '--version' || first === '-V') return { kind: 'version' }
  let command: Command
  let args = rest
  if (first === 'review' || first === 'fix' || first === 'rollback') command = first
  else if (first === 'config') {
    const sub = rest[0]
    if (sub === undefined || sub === '--help' || sub === '-h')
      return { kind: 'help', topic: 'config-check' }
    if (sub !== 'check') {
      throw new UsageError(
        `Unknown subcommand 'config ${sub}'. Expected 'pitcrew config check [FILE]'.`,
      )
    }
    command = 'config-check'
    args = rest.slice(1)
  } else {
    throw new UsageError(
      `Unknown command '${first}'. Expected one of: review, fix, rollback, config check (see 'pitcrew --help').`,
    )
  }

  let values: Record<string, unknown>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args,
      options: COMMAND_OPTIONS[command],
      allowPositionals: true,
      strict: true,
    }))
  } catch (err) {
    // node's messages name the flag ("Unknown option '--bse'"); add where to look.
    throw new UsageError(
      `${(err as Error).message.replace(/\. To specify a positional argument.*$/s, '')}. See 'pitcrew ${helpName(command)} --help'.`,
    )
  }
  if (values.help) return { kind: 'help', topic: command }
  const maxPositionals = command === 'config-check' ? 1 : 0
  if (positionals.length > maxPositionals) {
    throw new UsageError(
      `Unexpected argument '${positionals[maxPositionals]}'. Expected no ${maxPositionals ? 'more than one file ' : ''}positional arguments for 'pitcrew ${helpName(command)}' (quote a command with spaces: --test-command 'npm test').`,
    )
  }
  const common: CommonFlags = {
    model: str(values.model),
    provider: str(values.provider),
    maxCostUsd: str(values['max-cost-usd']),
    maxTurns: str(values['max-turns']),
    config: str(values.config),
    json: values.json === true,
    verbose: values.verbose === true,
  }
  switch (command) {
    case 'review': {
      const failOn = str(values['fail-on']) ?? 'none'
      if (failOn !== 'none' && !(SEVERITIES as readonly string[]).includes(failOn)) {
        throw new UsageError(
          `Invalid --fail-on '${failOn}'. Expected one of: ${[...SEVERITIES, 'none'].join(', ')}.`,
        )
      }
      const base = str(values.base)
      if (values['print-prompt'] && !values['dry-run']) {
        throw new UsageError(
          `Invalid flag '--print-prompt' without '--dry-run'. Expected 'pitcrew review --dry-run --print-prompt'.`,
        )
      }
      return {
        kind: 'review',
        common,
        dryRun: values['dry-run'] === true,
        printPrompt: values['print-prompt'] === true,
        failOn: failOn as FailOn,
        ...(base !== undefined ? { base } : {}),
      }
    }
    case 'fix': {
      if (values.commit && values['dry-run']) {
        throw new UsageError(`Invalid flags '--commit --dry-run'. Expected at most one of them.`)
      }
      const testCommand = str(values['test-command'])
      if (testCommand !== undefined && testCommand.trim() === '') {
        throw new UsageError(`Invalid --test-command ''. Expected a command, e.g. 'npm test'.`)
      }
      return {
        kind: 'fix',
        common,
        dryRun: values['dry-run'] === true,
        commit: values.commit === true,
        ...(testCommand !== undefined ? { testCommand } : {}),
      }
    }
    case 'rollback': {
      const sha = str(values['deployment-sha'])
      const environment = str(values.environment)
      return {
        kind: 'rollback',
        common,
        dryRun: values['dry-run'] === true,
        ...(sha !== undefined ? { deploymentSha: sha } : {}),
        ...(environment !== undefined ? { environment } : {}),
      }
    }
    case 'config-check': {
      const file = positionals[0]
      return { kind: 'config-check', common, ...(file !== undefined ? { file } : {}) }
    }
  }
}

function commandOf(rest: string[]): Command | undefined {
  const c = rest[0]
  if (c === 'review' || c === 'fix' || c === 'rollback') return c
  if (c === 'config') return 'config-check'
  return undefined
}

export function helpName(c: Command): string {
  return c === 'config-check' ? 'config check' : c
}

const EXIT_CODES = `Exit codes:
  0  success, or nothing to do
  1  needs attention: review findings at or above --fail-on; fix not fixed;
     rollback decision 'roll back' or 'inconclusive'; config check found errors
  2  usage or configuration error (bad flag, invalid config, no API key, dirty working tree)
  3  runtime error (git, the model API, a test command that cannot start)`

const COMMON_HELP = `  --config FILE        repository config (default .github/pitcrew.yml)
  --json               machine-readable result on stdout (one JSON object)
  -v, --verbose        narrate every step on stderr (default: only on a terminal)
  -h, --help           this help`

const MODEL_HELP = `  --model ID           model (default claude-sonnet-4-6; a Bedrock or Vertex id with --provider)
  --provider NAME      anthropic (default), bedrock or vertex
  --max-cost-usd N     spend ceiling in USD (default 2)
  --max-turns N        agent turns per task (default 30)`

const ENV_HELP = `Environment: ANTHROPIC_API_KEY (required unless --dry-run), ANTHROPIC_BASE_URL (optional).
With --provider bedrock: AWS_REGION and AWS credentials (or AWS_BEARER_TOKEN_BEDROCK).
With --provider vertex: CLOUD_ML_REGION, ANTHROPIC_VERTEX_PROJECT_ID, Google credentials.
The CLI never talks to GitHub: no token is read, nothing is posted or pushed.`

/** The help text of a command (or the overview). */
export function helpText(topic?: Command): string {
  switch (topic) {
    case 'review':
      return `Usage: pitcrew review [--base REF] [options]

Reviews the commits of the current branch (HEAD) since its merge base with REF and prints
each finding as 'path:line severity title' with its body and suggestion, then the coverage.
Uncommitted changes are not reviewed. Nothing is posted.

Options:
  --base REF           compare against REF (default: origin/HEAD, else main, else master)
  --fail-on SEVERITY   exit 1 when a finding is at least this severe:
                       critical, major, minor, nit, none (default none)
  --dry-run            show what would be sent to the model (files, tokens, estimated
                       cost) without calling it; needs no API key
  --print-prompt       with --dry-run: print each request body exactly as it would be
                       sent to the Messages API (model, system, tools, messages)
${MODEL_HELP}
${COMMON_HELP}

${ENV_HELP}

${EXIT_CODES}
`
    case 'fix':
      return `Usage: pitcrew fix [--test-command CMD] [--commit] [options]

Runs the tests to reproduce the failure, lets the model fix the code in the working tree
under the same guards as the action (protected paths, no test edits, changed-line limit),
re-runs the tests to verify, and prints the diff and the evidence. A verified fix is left
in the working tree; a fix that does not verify is reverted. Needs a clean working tree
(no modified tracked files).

Options:
  --test-command CMD   command that runs the tests (default: fix.test-command in config)
  --commit             commit a verified fix on a new local branch pitcrew/fix-local-<time>
                       (never pushed)
  --dry-run            reproduce, then show what would be sent to the model (tokens,
                       estimated cost) without calling it; needs no API key
${MODEL_HELP}
${COMMON_HELP}

${ENV_HELP}

${EXIT_CODES}
`
    case 'rollback':
      return `Usage: pitcrew rollback --dry-run [options]

Runs the configured rollback analysis (rollback.metrics, rollback.analysis) against the
configured providers, printing each measurement as it arrives, then a chart per metric
against its threshold and the decision. It never rolls back and needs no GitHub token:
the GitHub loop guards and the rollback target apply to the action only. Credentials the
providers need are read from the environment variables named in the config.

Options:
  --dry-run            required: the CLI only analyses
  --deployment-sha SHA the sha being judged, for the report (default: HEAD, if in a git repo)
  --environment NAME   environment name for the report (default: rollback.environment)
${COMMON_HELP}

${EXIT_CODES}
`
    case 'config-check':
      return `Usage: pitcrew config check [FILE] [--json]

Validates a pitcrew config file (default: .github/pitcrew.yml, or --config FILE) and prints
every error with its key and line, or the effective settings (defaults filled in).

${COMMON_HELP}

${EXIT_CODES}
`
    default:
      return `Usage: pitcrew <command> [options]

The pitcrew GitHub Action's modes, run locally on the same code:

  review              review the current branch against its merge base
  fix                 reproduce failing tests, fix them in the working tree, verify
  rollback --dry-run  run the configured metric analysis and print the decision
  config check [FILE] validate a config file

Run 'pitcrew <command> --help' for a command's options.
${ENV_HELP}

${EXIT_CODES}
`
  }
}
