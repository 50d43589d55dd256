import { s, parseNode, INVALID, type Infer, type ParseContext, type Path } from './schema-dsl.js'
import {
  CATEGORIES,
  ConfigError,
  DEFAULT_CATEGORIES,
  DEFAULT_CATEGORY,
  type RepoConfig,
} from './types.js'

/** Where the repository configuration lives unless the `config-file` input says otherwise. */
export const DEFAULT_CONFIG_FILE = '.github/pitcrew.yml'

/** `review.language`: a name or tag such as `German`, `pt-BR`, `Chinese (Simplified)`. */
const LANGUAGE_PATTERN = '^\\p{L}+(?:[ -]\\p{L}+){0,2}(?: \\(\\p{L}+(?: \\p{L}+)?\\))?$'
const LANGUAGE_RE = new RegExp(LANGUAGE_PATTERN, 'u')

const failurePolicy = s.enum(['fail', 'inconclusive', 'ignore'] as const)
const POLICY_TEXT =
  '`fail` counts it as a failed measurement, `inconclusive` counts it towards `max-inconclusive`, `ignore` skips it'

const review = s.section({
  ignore: s
    .list(s.string(), { single: true })
    .default([])
    .describe(
      'Globs of files never reviewed (lock files, generated code). Listed as skipped in the summary.',
    )
    .example(['**/*.lock', 'dist/**']),
  instructions: s
    .list(
      s.object({
        path: s
          .string()
          .optional()
          .describe('Glob the instruction applies to; omitted: every file.')
          .example('src/db/**'),
        text: s.string().describe('Extra review instructions for files matching `path`.'),
      }),
    )
    .default([])
    .describe(
      'Review instructions added to the prompt: for the files matching `path`, or for every file when `path` is omitted.',
    )
    .example([
      { path: 'src/db/**', text: 'Every query must use bound parameters.' },
      { text: 'Flag any new dependency.' },
    ]),
  language: s
    .string()
    .optional()
    .refine((v, r) => {
      // Repository text that reaches the prompt: a language name, never a sentence.
      if (v.length > 40 || !LANGUAGE_RE.test(v)) {
        r.error(
          [],
          `Invalid value '${v.slice(0, 40)}'. Expected a language name or tag (at most three words and 40 characters), like 'German', 'pt-BR' or 'Chinese (Simplified)'.`,
        )
      }
    })
    .jsonSchema({ pattern: LANGUAGE_PATTERN, maxLength: 40 })
    .describe(
      'Language of the review text (summary, finding titles and bodies); omitted: English. Code and suggestions are never translated.',
    )
    .example('German'),
  'max-comments': s
    .int({ min: 0 })
    .default(20)
    .describe('Most inline comments per run; the rest go into the review body by severity.')
    .example(10),
  'min-severity': s
    .enum(['critical', 'major', 'minor', 'nit'] as const)
    .default('minor')
    .describe('Findings below this severity are not posted.')
    .example('major'),
  categories: s
    .list(s.enum(CATEGORIES))
    .default([...DEFAULT_CATEGORIES])
    .describe(
      `Finding categories that are posted (${CATEGORIES.map((c) => '`' + c + '`').join(', ')}). Findings in other categories are counted in the summary, not posted. A finding the model gives no valid category counts as \`${DEFAULT_CATEGORY}\`.`,
    )
    .example(['bug', 'security', 'correctness']),
  'review-drafts': s
    .boolean()
    .default(false)
    .describe('Review draft pull requests too.')
    .example(true),
  'request-changes': s
    .boolean()
    .default(false)
    .describe(
      'Submit `REQUEST_CHANGES` when there are critical or major findings (otherwise `COMMENT`). pitcrew never approves.',
    )
    .example(true),
  'max-tokens-per-call': s
    .int({ min: 1000 })
    .default(30000)
    .describe(
      'Token budget of the diff sent in one model call; larger PRs are split into several calls.',
    )
    .example(50000),
  concurrency: s
    .int({ min: 1, max: 16 })
    .default(3)
    .describe('Model calls run in parallel when a PR is split.')
    .example(4),
  'fail-on-incomplete': s
    .boolean()
    .default(true)
    .describe(
      'Fail the step when the review is `incomplete`: the model API failed past its retries, a budget, the loop detector or the tool-error breaker stopped a call before `submit_review`, a GitHub write failed, or changed lines were not shown to the model. The summary comment names what was not covered either way.',
    )
    .example(false),
})

const fix = s.section({
  'test-command': s
    .string()
    .optional()
    .describe('Command that runs the tests (bash). The `test-command` input overrides it.')
    .example('npm test'),
  reports: s
    .list(s.string(), { single: true })
    .default([])
    .describe('Globs of JUnit XML reports written by the test command, read to find failing tests.')
    .example(['reports/junit-*.xml']),
  'protected-paths': s
    .list(s.string(), { single: true })
    .default(['.github/**'])
    .describe('Globs the fix may never change; a change touching them is refused by code.')
    .example(['.github/**', 'migrations/**']),
  'allow-test-edits': s
    .boolean()
    .default(false)
    .describe('Allow the fix to edit or delete test files. Off: only non-test code is changed.')
    .example(true),
  'max-changed-lines': s
    .int({ min: 1 })
    .default(200)
    .describe('Largest diff (added + deleted lines) a fix may have.')
    .example(50),
  draft: s
    .boolean()
    .default(true)
    .describe('Open the fix-up pull request as a draft.')
    .example(false),
  'max-attempts-per-pr': s
    .int({ min: 1 })
    .default(3)
    .describe('Most fix-up pull requests opened for one pull request.')
    .example(1),
  'branch-prefix': s
    .string()
    .default('pitcrew/fix-')
    .describe(
      'Prefix of fix branches (`<prefix><run id>`); pitcrew never runs on branches with it.',
    )
    .example('bot/fix-'),
  'commit-name': s
    .string()
    .default('pitcrew[bot]')
    .describe('Author name of fix commits.')
    .example('CI Fixer'),
  'commit-email': s
    .string()
    .default('pitcrew[bot]@users.noreply.github.com')
    .describe('Author email of fix commits.')
    .example('ci-fixer@example.com'),
  'test-timeout': s
    .duration({ unit: 'm', min: 1 })
    .to('testTimeoutMinutes')
    .default(10, '10m')
    .describe('Wall-clock limit of one test run.')
    .example('15m'),
})

const timeout = (seconds: number) =>
  s
    .duration({ min: 1 })
    .to('timeoutSeconds')
    .default(seconds, formatDurationText(seconds))
    .describe('Timeout of one request.')
    .example('10s')

function formatDurationText(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`
}

const provider = s.union('type', {
  prometheus: s.object({
    address: s
      .string()
      .describe('Prometheus base URL.')
      .example('http://prometheus.monitoring:9090'),
    query: s
      .string()
      .describe('PromQL query returning one number.')
      .example(
        'sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
      ),
    range: s
      .durationText()
      .optional()
      .describe(
        'Step of a range query (`query_range` over the measurement interval); omitted: instant query.',
      )
      .example('30s'),
    headers: s
      .map(s.string())
      .secret()
      .default({})
      .describe('Extra request headers.')
      .example({ 'X-Scope-OrgID': 'prod' }),
    'bearer-token-env': s
      .string()
      .optional()
      .describe('Name of the environment variable holding a bearer token.')
      .example('PROM_TOKEN'),
    'basic-auth-user-env': s
      .string()
      .optional()
      .describe('Environment variable with the basic-auth user.')
      .example('PROM_USER'),
    'basic-auth-password-env': s
      .string()
      .optional()
      .describe('Environment variable with the basic-auth password.')
      .example('PROM_PASSWORD'),
    timeout: timeout(30),
  }),
  datadog: s.object({
    site: s
      .string()
      .default('datadoghq.com')
      .describe('Datadog site (`datadoghq.eu`, ...) or a full URL (proxies).')
      .example('datadoghq.eu'),
    query: s
      .string()
      .describe('Metrics query.')
      .example('avg:trace.http.request.errors{service:web}.as_rate()'),
    'api-key-env': s
      .string()
      .default('DD_API_KEY')
      .describe('Environment variable with the API key.'),
    'app-key-env': s
      .string()
      .default('DD_APP_KEY')
      .describe('Environment variable with the application key.'),
    window: s.durationText().default('5m').describe('Lookback of each measurement.').example('10m'),
    timeout: timeout(30),
  }),
  http: s.object({
    url: s
      .string()
      .describe('URL returning JSON.')
      .example('https://status.example.com/api/error-rate'),
    method: s
      .enum(['GET', 'POST'] as const)
      .default('GET')
      .describe('HTTP method.'),
    headers: s.map(s.string()).secret().default({}).describe('Request headers.'),
    body: s.string().optional().describe('Request body (POST).'),
    'json-path': s
      .string()
      .describe('Path of the number in the JSON response.')
      .example('data.result[0].value[1]'),
    timeout: timeout(30),
  }),
  newrelic: s.object({
    'account-id': s.string().describe('New Relic account id.').example(1234567),
    nrql: s
      .string()
      .describe('NRQL query returning one number.')
      .example(
        'SELECT percentage(count(*), WHERE error IS true) FROM Transaction SINCE 5 minutes ago',
      ),
    'api-key-env': s
      .string()
      .default('NEW_RELIC_API_KEY')
      .describe('Environment variable with the user API key.'),
    endpoint: s
      .string()
      .default('https://api.newrelic.com/graphql')
      .describe('NerdGraph endpoint (EU: `https://api.eu.newrelic.com/graphql`).'),
    timeout: timeout(30),
  }),
})

const condition = s
  .object({
    min: s.number().optional().describe('Lowest healthy value.').example(100),
    max: s.number().optional().describe('Highest healthy value.').example(0.05),
    expr: s
      .string()
      .optional()
      .describe('A small expression over `result` that is true when healthy.')
      .example('result < 0.05'),
  })
  .jsonSchema({ anyOf: [{ required: ['min'] }, { required: ['max'] }, { required: ['expr'] }] })
  .refine((c, r) => {
    if (c.min === undefined && c.max === undefined && c.expr === undefined) {
      r.error([], "Missing bound. Expected at least one of 'min', 'max' or 'expr'.")
    } else if (c.min !== undefined && c.max !== undefined && c.min > c.max) {
      r.error(['min'], `Invalid value '${c.min}'. Expected 'min' <= 'max' (${c.max}).`)
    }
  })

const baseline = s.object({
  window: s
    .durationText()
    .default('30m')
    .describe('Window before the deploy used as the baseline.')
    .example('1h'),
  'max-ratio': s
    .number({ gt: 0 })
    .optional()
    .describe('Fail when the after/before median ratio passes this (2 = doubled).')
    .example(1.5),
  confidence: s
    .number({ gt: 0.5, lt: 1 })
    .default(0.98)
    .describe('Mann-Whitney U confidence needed to call the change a regression.')
    .example(0.95),
  direction: s
    .enum(['increase', 'decrease'] as const)
    .default('increase')
    .describe('Which change is bad: `increase` (errors, latency) or `decrease` (throughput).'),
})

const metric = s.object({
  name: s.string().describe('Name shown in the summary and chart.').example('error-rate'),
  provider: provider.describe('Where the metric is read from, chosen by `type`.'),
  condition: condition.describe(
    'When a measurement is healthy; at least one of `min`, `max`, `expr`.',
  ),
  critical: s
    .boolean()
    .default(false)
    .describe('One failed measurement of a critical metric rolls back at once.')
    .example(true),
  'dry-run': s
    .boolean()
    .default(false)
    .describe('Measure and report, but never let this metric cause a rollback.')
    .example(true),
  'no-data': failurePolicy.optional().describe(`Overrides \`analysis.no-data\` for this metric.`),
  'provider-error': failurePolicy
    .optional()
    .describe('Overrides `analysis.provider-error` for this metric.'),
  'consecutive-failures': s
    .int({ min: 1 })
    .optional()
    .describe('Overrides `analysis.consecutive-failures`.'),
  'max-failures': s.int({ min: 1 }).optional().describe('Overrides `analysis.max-failures`.'),
  baseline: baseline.optional().describe('Also compare against the same metric before the deploy.'),
})

const analysis = s
  .section({
    'initial-delay': s
      .duration()
      .to('initialDelaySeconds')
      .default(0, '0')
      .describe('Wait before the first measurement.')
      .example('2m'),
    interval: s
      .duration({ min: 1 })
      .to('intervalSeconds')
      .default(60, '1m')
      .describe('Time between measurements.')
      .example('30s'),
    duration: s
      .duration({ min: 1 })
      .optional()
      .describe(
        'Total watch time; sets `count` to duration / interval. Give `duration` or `count`, not both.',
      )
      .example('15m'),
    count: s.int({ min: 1 }).optional().describe('Number of measurements (default 5).').example(10),
    'consecutive-failures': s
      .int({ min: 1 })
      .default(2)
      .describe('Roll back after this many failed measurements in a row.')
      .example(3),
    'max-failures': s
      .int({ min: 1 })
      .default(3)
      .describe('Roll back at this many failed measurements in total (3 = at the 3rd failure).')
      .example(5),
    'no-data': failurePolicy
      .default('inconclusive')
      .describe(`A query that returns no data: ${POLICY_TEXT}.`),
    'provider-error': failurePolicy
      .default('inconclusive')
      .describe(`A provider that errors or times out: ${POLICY_TEXT}.`),
    'max-inconclusive': s
      .int({ min: 1 })
      .default(3)
      .describe('Stop with outcome `inconclusive` after this many inconclusive measurements.')
      .example(5),
  })
  .jsonSchema({ not: { type: 'object', required: ['duration', 'count'] } })
  .transform((a, r) => {
    const { duration, count, ...rest } = a
    if (duration !== undefined && count !== undefined) {
      r.error(
        ['count'],
        `Invalid value '${count}': 'duration' is set too. Expected either 'duration' or 'count', not both.`,
      )
      return INVALID
    }
    let n = count ?? 5
    if (duration !== undefined) {
      n = Math.floor(duration / rest.intervalSeconds)
      if (n < 1) {
        r.error(
          ['duration'],
          `Invalid value '${duration}s'. Expected at least one interval (${rest.intervalSeconds}s).`,
        )
        return INVALID
      }
    }
    return {
      initialDelaySeconds: rest.initialDelaySeconds,
      intervalSeconds: rest.intervalSeconds,
      count: n,
      consecutiveFailures: rest.consecutiveFailures,
      maxFailures: rest.maxFailures,
      noData: rest.noData,
      providerError: rest.providerError,
      maxInconclusive: rest.maxInconclusive,
    }
  })

const methodTimeout = s
  .duration({ min: 1 })
  .to('timeoutSeconds')
  .default(300, '5m')
  .describe('Limit for the rollback command.')
  .example('10m')
const namespace = s.string().optional().describe('Kubernetes namespace.').example('prod')
const revision = s
  .int({ min: 1 })
  .optional()
  .describe('Revision to roll back to; omitted: the previous one.')
  .example(12)

const method = s.union(
  'type',
  {
    'github-deployment': s.object({}),
    kubectl: s.object({
      resource: s
        .string()
        .describe('What `kubectl rollout undo` rolls back.')
        .example('deployment/web'),
      namespace,
      revision,
      context: s.string().optional().describe('kubeconfig context.').example('prod-cluster'),
      timeout: methodTimeout,
    }),
    helm: s.object({
      release: s.string().describe('Helm release for `helm rollback`.').example('web'),
      namespace,
      revision,
      timeout: methodTimeout,
    }),
    'argo-rollouts': s.object({
      rollout: s
        .string()
        .describe('Argo Rollout name for `kubectl argo rollouts undo`.')
        .example('web'),
      namespace,
      revision,
      timeout: methodTimeout,
    }),
    command: s.object({
      run: s
        .string()
        .describe('Command (bash) that performs the rollback.')
        .example('./deploy.sh --rollback'),
      timeout: methodTimeout,
    }),
  },
  { shorthand: true },
)

const rollback = s.section({
  environment: s
    .string()
    .optional()
    .describe(
      'Deployment environment: its latest deployment is watched when the event names none; deployments to other environments are skipped.',
    )
    .example('production'),
  'deployment-id': s
    .int({ min: 1 })
    .optional()
    .describe(
      'A deployment id to watch when the event names no deployment; wins over the latest-of-`environment` lookup.',
    )
    .example(123456),
  metrics: s
    .list(metric)
    .default([])
    .describe('Metrics measured after the deploy.')
    .refine((list, r) => {
      const seen = new Map<string, number>()
      list.forEach((m, i) => {
        const first = seen.get(m.name)
        if (first !== undefined) {
          r.error(
            [i, 'name'],
            `Invalid value '${m.name}': the name is used by metrics[${first}] too. Expected unique metric names.`,
          )
        } else seen.set(m.name, i)
      })
    }),
  analysis: analysis.describe('How measurements are scheduled and judged.'),
  method: method
    .default({ type: 'github-deployment' }, 'github-deployment')
    .describe('How to roll back: a type name, or a mapping with `type` and its options.'),
  approval: s
    .enum(['auto', 'manual'] as const)
    .default('auto')
    .describe('`manual`: stop with outcome `awaiting-approval` instead of rolling back.'),
  'fail-on-rollback': s
    .boolean()
    .default(true)
    .describe('Fail the step when a rollback was done (or would be done).')
    .example(false),
  'confirm-recovery': s
    .duration()
    .to('confirmRecoverySeconds')
    .default(0, '0')
    .describe('After a rollback, keep measuring this long to confirm recovery (0 = off).')
    .example('10m'),
  'incident-issue': s
    .boolean()
    .default(true)
    .describe('Open an incident issue after a rollback.')
    .example(false),
  'issue-label': s
    .string()
    .default('pitcrew')
    .describe('Label of incident issues.')
    .example('incident'),
})

const context = s.section({
  files: s
    .list(s.string(), { single: true })
    .default(['AGENTS.md', 'CLAUDE.md', '.github/pitcrew/MEMORY.md'])
    .describe('Files read as project memory and instructions, when present.')
    .example(['AGENTS.md', 'docs/CONVENTIONS.md']),
  'max-bytes': s
    .int({ min: 0 })
    .default(20000)
    .describe('Size cap over all context files together.')
    .example(40000),
})

const budget = s.section({
  'hourly-usd': s
    .number({ gt: 0 })
    .optional()
    .describe(
      'Cap in USD on what all pitcrew runs of the repository spend together in any rolling 60 minutes (all modes, concurrent runs included); omitted: no hourly cap. See [budget.md](budget.md).',
    )
    .example(2),
  'daily-usd': s
    .number({ gt: 0 })
    .optional()
    .describe(
      'Cap in USD on what all pitcrew runs of the repository spend together in any rolling 24 hours; omitted: no daily cap. A run that would pass a cap makes no model call and ends `over-budget`. See [budget.md](budget.md).',
    )
    .example(20),
})

/** The schema of `.github/pitcrew.yml`; the docs are rendered from it too (src/config/docs.ts). */
export const repoConfigSchema = s.section({
  review: review.describe('Pull request review.'),
  fix: fix.describe('Fixing failing tests.'),
  rollback: rollback.describe('Watching a deployment and rolling it back.'),
  context: context.describe('Project memory given to every mode.'),
  budget: budget.describe(
    'Repository budget across runs, kept on a ledger issue ([budget.md](budget.md)). The CLI has no ledger and ignores it.',
  ),
})

// Compile-time proof that the parser's result is exactly RepoConfig (both directions).
type Parsed = Infer<typeof repoConfigSchema>
const _toRepoConfig = (x: Parsed): RepoConfig => x
const _fromRepoConfig = (x: RepoConfig): Parsed => x

/** A ConfigError carrying every problem found, so a user fixes them all in one go. */
export class ConfigValidationError extends ConfigError {
  constructor(
    message: string,
    readonly problems: ConfigProblem[],
  ) {
    super(message)
  }
}

export interface ConfigProblem {
  /** `rollback.metrics[1].condition.max` */
  key: string
  message: string
  line?: number
  column?: number
}

/** Turns collected issues into one ConfigError listing all of them. */
export function configErrorFrom(source: string, problems: ConfigProblem[]): ConfigValidationError {
  // File order reads best: a user fixes them top to bottom.
  const sorted = [...problems].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))
  const lines = sorted.map((p) => {
    const where = p.line !== undefined ? `line ${p.line}, column ${p.column}` : ''
    const head = p.key ? (where ? `${p.key} (${where})` : p.key) : where || '(top level)'
    return `  - ${head}: ${p.message}`
  })
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
  return new ConfigValidationError(
    `Invalid configuration in '${source}' (${count}):\n${lines.join('\n')}`,
    problems,
  )
}

/** Validates an already-decoded value (null/undefined = defaults); issues go to `ctx`. */
export function validateRepoConfigValue(
  value: unknown,
  ctx: ParseContext,
): RepoConfig | typeof INVALID {
  if (value === null || value === undefined) value = {}
  ctx.root ??= repoConfigSchema
  const out = parseNode(repoConfigSchema, value, [], ctx)
  return ctx.issues.length > 0 || out === INVALID ? INVALID : (out as RepoConfig)
}

/** The configuration used when there is no config file. */
export function defaultRepoConfig(): RepoConfig {
  const config = validateRepoConfigValue(undefined, { issues: [], root: repoConfigSchema })
  if (config === INVALID) throw new Error('The default configuration does not validate.')
  return config
}

// Referenced so the compile-time checks above are not flagged as unused values.
void _toRepoConfig
void _fromRepoConfig
export type { Path }
