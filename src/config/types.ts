/**
 * The typed settings every part of pitcrew reads. The parser (src/config/schema.ts) produces
 * exactly these shapes from the action inputs and `.github/pitcrew.yml`; keys are camelCase
 * here and kebab-case in YAML and inputs.
 */

export type Mode = 'review' | 'fix' | 'rollback'
export type ModeInput = Mode | 'auto'

/** Action inputs (contract section 2), parsed and validated. */
export interface Inputs {
  mode: ModeInput
  /** Where the model runs (input `provider`; absent in hand-built settings: anthropic). */
  provider?: 'anthropic' | 'bedrock' | 'vertex'
  anthropicApiKey?: string
  anthropicBaseUrl?: string
  githubToken?: string
  model: string
  smallModel: string
  maxTurns: number
  maxCostUsd: number
  timeoutMinutes: number
  configFile: string
  dryRun: boolean
  testCommand?: string
  /** Bot logins allowed to trigger pitcrew (exact match; input `allowed-bots`, comma separated). */
  allowedBots: string[]
}

export type Severity = 'critical' | 'major' | 'minor' | 'nit'

/** What a finding is about (contract section 8); `review.categories` picks those posted. */
export const CATEGORIES = [
  'bug',
  'security',
  'performance',
  'correctness',
  'maintainability',
  'style',
  'docs',
  'tests',
] as const
export type Category = (typeof CATEGORIES)[number]
/** `review.categories` by default: every category but `style` (right least often, most noise). */
export const DEFAULT_CATEGORIES: Category[] = CATEGORIES.filter((c) => c !== 'style')
/** The category of a finding the model submitted without a valid one. */
export const DEFAULT_CATEGORY: Category = 'correctness'

export interface ReviewConfig {
  ignore: string[]
  /** Without `path`, an instruction applies to every file. */
  instructions: { path?: string; text: string }[]
  /** Language of the review text (`German`, `pt-BR`); absent: English. */
  language?: string
  maxComments: number // default 20
  minSeverity: Severity // default 'minor'
  /** Categories posted; findings in others are counted in the summary, not posted. */
  categories: Category[]
  reviewDrafts: boolean // default false
  requestChanges: boolean // default false
  /** Token budget for one model call's diff payload (default 30000). */
  maxTokensPerCall: number
  /** Concurrent model calls when the PR is split (default 3). */
  concurrency: number
  /** An `incomplete` review fails the step (default true). */
  failOnIncomplete: boolean
}

export interface FixConfig {
  testCommand?: string
  reports: string[] // JUnit XML globs
  protectedPaths: string[] // default ['.github/**']
  allowTestEdits: boolean // default false
  maxChangedLines: number // default 200
  draft: boolean // default true
  maxAttemptsPerPr: number // default 3
  branchPrefix: string // default 'pitcrew/fix-'
  /** Commit identity (default pitcrew[bot]). */
  commitName: string
  commitEmail: string
  testTimeoutMinutes: number // default 10
}

export type FailurePolicy = 'fail' | 'inconclusive' | 'ignore'

export type ProviderConfig =
  | {
      type: 'prometheus'
      address: string
      query: string
      /** Range queries: step for query_range; omitted: instant query. */
      range?: string
      headers: Record<string, string>
      bearerTokenEnv?: string
      basicAuthUserEnv?: string
      basicAuthPasswordEnv?: string
      timeoutSeconds: number
    }
  | {
      type: 'datadog'
      site: string // default datadoghq.com; full URL allowed for tests/proxies
      query: string
      apiKeyEnv: string // default DD_API_KEY
      appKeyEnv: string // default DD_APP_KEY
      window: string // lookback per measurement, default 5m
      timeoutSeconds: number
    }
  | {
      type: 'http'
      url: string
      method: 'GET' | 'POST'
      headers: Record<string, string>
      body?: string
      /** Path expression into the JSON response, e.g. `data.result[0].value[1]`. */
      jsonPath: string
      timeoutSeconds: number
    }
  | {
      type: 'newrelic'
      accountId: string
      nrql: string
      apiKeyEnv: string // default NEW_RELIC_API_KEY
      endpoint: string // default https://api.newrelic.com/graphql
      timeoutSeconds: number
    }

export interface MetricCondition {
  min?: number
  max?: number
  /** A small safe expression over `result`, e.g. `result < 0.05`. */
  expr?: string
}

export interface BaselineConfig {
  /** Window before the deploy, e.g. `30m`. */
  window: string
  /** Fail when the after/before median ratio exceeds this (e.g. 2 = doubled). */
  maxRatio?: number
  /** Mann-Whitney U confidence required to call it a regression (default 0.98). */
  confidence: number
  /** Which direction is bad: `increase` (errors, latency) or `decrease` (throughput). */
  direction: 'increase' | 'decrease'
}

export interface MetricConfig {
  name: string
  provider: ProviderConfig
  condition: MetricCondition
  critical: boolean
  dryRun: boolean
  /** Per-metric overrides of the analysis policy. */
  noData?: FailurePolicy
  providerError?: FailurePolicy
  consecutiveFailures?: number
  maxFailures?: number
  baseline?: BaselineConfig
}

export interface AnalysisConfig {
  initialDelaySeconds: number // default 0
  intervalSeconds: number // default 60
  /** Number of measurements; derived from duration/interval when `duration` is given. */
  count: number // default 5
  consecutiveFailures: number // default 2
  maxFailures: number // default 3: roll back at the 3rd failure in total
  noData: FailurePolicy // default 'inconclusive'
  providerError: FailurePolicy // default 'inconclusive'
  maxInconclusive: number // default 3
}

export type RollbackMethod =
  | { type: 'github-deployment' }
  | {
      type: 'kubectl'
      resource: string
      namespace?: string
      revision?: number
      context?: string
      timeoutSeconds: number
    }
  | { type: 'helm'; release: string; namespace?: string; revision?: number; timeoutSeconds: number }
  | {
      type: 'argo-rollouts'
      rollout: string
      namespace?: string
      revision?: number
      timeoutSeconds: number
    }
  | { type: 'command'; run: string; timeoutSeconds: number }

export interface RollbackConfig {
  environment?: string
  /** A deployment id to watch (otherwise: the event's, or the latest of `environment`). */
  deploymentId?: number
  metrics: MetricConfig[]
  analysis: AnalysisConfig
  method: RollbackMethod
  approval: 'auto' | 'manual'
  failOnRollback: boolean // default true
  /** Seconds to keep watching after a rollback to confirm recovery (0 = off). */
  confirmRecoverySeconds: number
  incidentIssue: boolean // default true
  issueLabel: string // default 'pitcrew'
}

export interface ContextConfig {
  files: string[] // default ['AGENTS.md', 'CLAUDE.md', '.github/pitcrew/MEMORY.md']
  maxBytes: number // default 20000
}

/** `budget`: caps across all runs of the repository (docs/budget.md); absent: no cap. */
export interface BudgetConfig {
  hourlyUsd?: number
  dailyUsd?: number
}

export interface RepoConfig {
  review: ReviewConfig
  fix: FixConfig
  rollback: RollbackConfig
  context: ContextConfig
  budget: BudgetConfig
}

/** Everything a run needs to know about how it was configured. */
export interface Settings {
  inputs: Inputs
  config: RepoConfig
  /** Path the config was read from, or undefined when the file was absent (defaults used). */
  configPath?: string
}

/** A configuration error: the step fails with this message and nothing is written to GitHub. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}
