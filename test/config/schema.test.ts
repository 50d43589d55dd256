import { describe, it, expect } from 'vitest'
import { parseRepoConfig } from '../../src/config/parse.js'
import {
  defaultRepoConfig,
  ConfigValidationError,
  type ConfigProblem,
} from '../../src/config/schema.js'
import { EXAMPLE_CONFIG } from '../../src/config/docs.js'
import { closest, durationSeconds, editDistance } from '../../src/config/schema-dsl.js'
import { ConfigError } from '../../src/config/types.js'

/** Parses and returns the problems (fails the test when the text parses cleanly). */
function problems(yaml: string): ConfigProblem[] {
  try {
    parseRepoConfig(yaml)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    expect(err).toBeInstanceOf(ConfigValidationError)
    return (err as ConfigValidationError).problems
  }
  throw new Error('expected a configuration error')
}

function message(yaml: string): string {
  try {
    parseRepoConfig(yaml)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('expected a configuration error')
}

describe('defaults', () => {
  it('an empty file gives every default of types.ts', () => {
    const c = parseRepoConfig('')
    expect(c).toEqual(defaultRepoConfig())
    expect(c.review).toEqual({
      ignore: [],
      instructions: [],
      maxComments: 20,
      minSeverity: 'minor',
      categories: [
        'bug',
        'security',
        'performance',
        'correctness',
        'maintainability',
        'docs',
        'tests',
      ],
      reviewDrafts: false,
      requestChanges: false,
      maxTokensPerCall: 30000,
      concurrency: 3,
      failOnIncomplete: true,
    })
    expect(c.fix).toEqual({
      reports: [],
      protectedPaths: ['.github/**'],
      allowTestEdits: false,
      maxChangedLines: 200,
      draft: true,
      maxAttemptsPerPr: 3,
      branchPrefix: 'pitcrew/fix-',
      commitName: 'pitcrew[bot]',
      commitEmail: 'pitcrew[bot]@users.noreply.github.com',
      testTimeoutMinutes: 10,
    })
    expect(c.fix.testCommand).toBeUndefined()
    expect(c.rollback).toEqual({
      metrics: [],
      analysis: {
        initialDelaySeconds: 0,
        intervalSeconds: 60,
        count: 5,
        consecutiveFailures: 2,
        maxFailures: 3,
        noData: 'inconclusive',
        providerError: 'inconclusive',
        maxInconclusive: 3,
      },
      method: { type: 'github-deployment' },
      approval: 'auto',
      failOnRollback: true,
      confirmRecoverySeconds: 0,
      incidentIssue: true,
      issueLabel: 'pitcrew',
    })
    expect(c.context).toEqual({
      files: ['AGENTS.md', 'CLAUDE.md', '.github/pitcrew/MEMORY.md'],
      maxBytes: 20000,
    })
  })

  it('a file with only comments, or empty sections, gives defaults too', () => {
    expect(parseRepoConfig('# nothing yet\n')).toEqual(defaultRepoConfig())
    expect(parseRepoConfig('review:\nfix: {}\n')).toEqual(defaultRepoConfig())
  })

  it('defaults are fresh copies, not shared between parses', () => {
    const a = parseRepoConfig('')
    a.fix.protectedPaths.push('src/**')
    expect(parseRepoConfig('').fix.protectedPaths).toEqual(['.github/**'])
  })
})

describe('a full valid config', () => {
  it('parses the documented example into camelCase settings', () => {
    const c = parseRepoConfig(EXAMPLE_CONFIG)
    expect(c.review.ignore).toEqual(['**/*.lock', 'dist/**'])
    expect(c.review.instructions).toEqual([
      { path: 'src/db/**', text: 'Every query must use bound parameters.' },
    ])
    expect(c.review.maxComments).toBe(15)
    expect(c.review.requestChanges).toBe(true)
    expect(c.fix.testCommand).toBe('npm test')
    expect(c.fix.protectedPaths).toEqual(['.github/**', 'migrations/**'])
    expect(c.rollback.environment).toBe('production')
    expect(c.rollback.metrics[0]).toEqual({
      name: 'error-rate',
      provider: {
        type: 'prometheus',
        address: 'http://prometheus.monitoring:9090',
        query:
          'sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
        headers: {},
        timeoutSeconds: 30,
      },
      condition: { max: 0.05 },
      critical: true,
      dryRun: false,
    })
    expect(c.rollback.metrics[1]!.provider).toEqual({
      type: 'datadog',
      site: 'datadoghq.com',
      query: 'p99:trace.http.request.duration{service:web}',
      apiKeyEnv: 'DD_API_KEY',
      appKeyEnv: 'DD_APP_KEY',
      window: '5m',
      timeoutSeconds: 30,
    })
    expect(c.rollback.metrics[1]!.baseline).toEqual({
      window: '30m',
      maxRatio: 1.5,
      confidence: 0.98,
      direction: 'increase',
    })
    // duration 10m / interval 1m -> 10 measurements
    expect(c.rollback.analysis).toEqual({
      initialDelaySeconds: 120,
      intervalSeconds: 60,
      count: 10,
      consecutiveFailures: 2,
      maxFailures: 3,
      noData: 'inconclusive',
      providerError: 'fail',
      maxInconclusive: 3,
    })
    expect(c.rollback.method).toEqual({
      type: 'kubectl',
      resource: 'deployment/web',
      namespace: 'prod',
      timeoutSeconds: 300,
    })
    expect(c.context.files).toEqual(['AGENTS.md', 'docs/CONVENTIONS.md'])
  })

  it('reads every provider and method variant, and method as a plain string', () => {
    const c = parseRepoConfig(`
rollback:
  deployment-id: 42
  confirm-recovery: 5m
  method: github-deployment
  approval: manual
  metrics:
    - name: a
      provider: {type: http, url: 'http://127.0.0.1:1/x', json-path: 'data.value', method: POST, body: '{}', headers: {Authorization: 'Bearer x'}}
      condition: {expr: 'result < 1'}
      no-data: fail
      provider-error: ignore
      consecutive-failures: 1
      max-failures: 2
    - name: b
      provider: {type: newrelic, account-id: 1234567, nrql: 'SELECT 1'}
      condition: {min: 10, max: 20}
      dry-run: true
    - name: c
      provider: {type: prometheus, address: 'http://p', query: up, range: 30s, bearer-token-env: TOK, timeout: 10s}
      condition: {min: 1}
`)
    expect(c.rollback.deploymentId).toBe(42)
    expect(c.rollback.confirmRecoverySeconds).toBe(300)
    expect(c.rollback.method).toEqual({ type: 'github-deployment' })
    expect(c.rollback.approval).toBe('manual')
    expect(c.rollback.metrics[0]).toMatchObject({
      provider: { type: 'http', method: 'POST', jsonPath: 'data.value', timeoutSeconds: 30 },
      noData: 'fail',
      providerError: 'ignore',
      consecutiveFailures: 1,
      maxFailures: 2,
    })
    expect(c.rollback.metrics[1]!.provider).toEqual({
      type: 'newrelic',
      accountId: '1234567',
      nrql: 'SELECT 1',
      apiKeyEnv: 'NEW_RELIC_API_KEY',
      endpoint: 'https://api.newrelic.com/graphql',
      timeoutSeconds: 30,
    })
    expect(c.rollback.metrics[2]!.provider).toMatchObject({
      range: '30s',
      bearerTokenEnv: 'TOK',
      timeoutSeconds: 10,
    })
    for (const [yaml, expected] of [
      [
        '{type: helm, release: web, revision: 3}',
        { type: 'helm', release: 'web', revision: 3, timeoutSeconds: 300 },
      ],
      [
        '{type: argo-rollouts, rollout: web, timeout: 1h}',
        { type: 'argo-rollouts', rollout: 'web', timeoutSeconds: 3600 },
      ],
      [
        '{type: command, run: ./rollback.sh}',
        { type: 'command', run: './rollback.sh', timeoutSeconds: 300 },
      ],
    ] as const) {
      expect(parseRepoConfig(`rollback:\n  method: ${yaml}\n`).rollback.method).toEqual(expected)
    }
  })

  it('accepts one string where a list of globs is expected', () => {
    expect(parseRepoConfig('review:\n  ignore: "*.md"\n').review.ignore).toEqual(['*.md'])
  })

  it('count alone sets the number of measurements', () => {
    expect(parseRepoConfig('rollback:\n  analysis:\n    count: 7\n').rollback.analysis.count).toBe(
      7,
    )
  })
})

describe('errors', () => {
  it('an unknown key suggests the closest known key (transposed letters too)', () => {
    const [p, ...rest] = problems('reveiw:\n  max-comments: 3\n')
    expect(rest).toEqual([])
    expect(p!.key).toBe('reveiw')
    expect(p!.message).toContain("Unknown key 'reveiw'")
    expect(p!.message).toContain("Did you mean 'review'?")
    expect(p!.line).toBe(1)
    expect(p!.column).toBe(1)
  })

  it('nested unknown keys and camelCase spellings get suggestions', () => {
    const ps = problems('review:\n  maxComments: 3\n  min-severty: major\n')
    expect(ps.map((p) => p.key)).toEqual(['review.maxComments', 'review.min-severty'])
    expect(ps[0]!.message).toContain("Did you mean 'max-comments'?")
    expect(ps[1]!.message).toContain("Did you mean 'min-severity'?")
    expect(ps[1]!.line).toBe(3)
  })

  it('a key in the wrong section points to where it belongs', () => {
    const [p] = problems('test-command: npm test\n')
    expect(p!.message).toContain("Did you mean 'fix.test-command'?")
  })

  it('problems are listed in file order', () => {
    const text = message('rollback:\n  approval: x\nfix:\n  draft: y\n')
    expect(text.indexOf('rollback.approval')).toBeLessThan(text.indexOf('fix.draft'))
  })

  it('no suggestion when nothing is close', () => {
    const [p] = problems('banana: 1\n')
    expect(p!.message).not.toContain('Did you mean')
    expect(p!.message).toContain('Expected one of: review, fix, rollback, context')
  })

  it('a wrong type names the key path, quotes the value and says what was expected', () => {
    const ps = problems(`rollback:
  metrics:
    - name: ok
      provider: {type: prometheus, address: 'http://p', query: up}
      condition: {max: 1}
    - name: bad
      provider: {type: prometheus, address: 'http://p', query: up}
      condition:
        max: abc
`)
    expect(ps).toHaveLength(1)
    expect(ps[0]).toEqual({
      key: 'rollback.metrics[1].condition.max',
      message: "Invalid value 'abc'. Expected a number.",
      line: 9,
      column: 14,
    })
  })

  it('integers, ranges and booleans are checked', () => {
    const ps = problems('review:\n  max-comments: 2.5\n  concurrency: 99\n  review-drafts: yes\n')
    expect(Object.fromEntries(ps.map((p) => [p.key, p.message]))).toEqual({
      'review.max-comments': "Invalid value '2.5'. Expected an integer >= 0.",
      'review.review-drafts': "Invalid value 'yes'. Expected true or false.",
      'review.concurrency': "Invalid value '99'. Expected an integer >= 1 and <= 16.",
    })
  })

  it('a bad enum lists the allowed values and suggests one', () => {
    const [p] = problems('review:\n  min-severity: majr\n')
    expect(p!.key).toBe('review.min-severity')
    expect(p!.message).toBe(
      "Invalid value 'majr'. Expected one of: critical, major, minor, nit. Did you mean 'major'?",
    )
  })

  it('a bad duration says how durations are written; bare numbers are refused', () => {
    const ps = problems('rollback:\n  analysis:\n    interval: 5 minutes\n    initial-delay: 30\n')
    expect(ps.map((p) => p.key).sort()).toEqual([
      'rollback.analysis.initial-delay',
      'rollback.analysis.interval',
    ])
    const interval = ps.find((p) => p.key === 'rollback.analysis.interval')!
    expect(interval.message).toBe(
      "Invalid duration '5 minutes'. Expected a duration with a unit, like '30s', '5m', '1h' or '1h30m', at least 1s.",
    )
    expect(ps.find((p) => p.key === 'rollback.analysis.initial-delay')!.message).toContain(
      "Invalid duration '30'",
    )
  })

  it('duration and count together are an error', () => {
    const [p, ...rest] = problems('rollback:\n  analysis:\n    duration: 10m\n    count: 5\n')
    expect(rest).toEqual([])
    expect(p!.key).toBe('rollback.analysis.count')
    expect(p!.message).toContain("Expected either 'duration' or 'count', not both")
    expect(p!.line).toBe(4)
  })

  it('a duration shorter than one interval is an error', () => {
    const [p] = problems('rollback:\n  analysis:\n    interval: 5m\n    duration: 1m\n')
    expect(p!.key).toBe('rollback.analysis.duration')
  })

  it('missing required keys name the variant that needs them', () => {
    const ps = problems(`rollback:
  method: kubectl
  metrics:
    - name: m
      provider:
        type: prometheus
      condition: {}
    - provider: {type: datadog}
      condition: {min: 1}
    - name: x
      provider: {type: http, url: 'http://x'}
      condition: {min: 1}
    - name: y
      provider: {type: newrelic}
      condition: {min: 1}
`)
    const byKey = Object.fromEntries(ps.map((p) => [p.key, p.message]))
    expect(byKey['rollback.method.resource']).toBe(
      "Missing required key 'resource'. It is required for type 'kubectl'. Expected a non-empty string.",
    )
    expect(byKey['rollback.metrics[0].provider.address']).toContain(
      "required for type 'prometheus'",
    )
    expect(byKey['rollback.metrics[0].provider.query']).toContain("Missing required key 'query'")
    expect(byKey['rollback.metrics[0].condition']).toBe(
      "Missing bound. Expected at least one of 'min', 'max' or 'expr'.",
    )
    expect(byKey['rollback.metrics[1].name']).toContain("Missing required key 'name'")
    expect(byKey['rollback.metrics[1].provider.query']).toContain("required for type 'datadog'")
    expect(byKey['rollback.metrics[2].provider.json-path']).toContain("required for type 'http'")
    expect(byKey['rollback.metrics[3].provider.account-id']).toBeDefined()
    expect(byKey['rollback.metrics[3].provider.nrql']).toBeDefined()
    expect(byKey['rollback.method.resource']).toBeDefined()
  })

  it('command needs run; an unknown provider or method type suggests the closest', () => {
    const ps = problems(`rollback:
  method: {type: command}
  metrics:
    - name: m
      provider: {type: promethus, address: x, query: y}
      condition: {max: 1}
`)
    const byKey = Object.fromEntries(ps.map((p) => [p.key, p.message]))
    expect(byKey['rollback.method.run']).toContain("Missing required key 'run'")
    expect(byKey['rollback.metrics[0].provider.type']).toBe(
      "Invalid type 'promethus'. Expected one of: prometheus, datadog, http, newrelic. Did you mean 'prometheus'?",
    )
    expect(message('rollback:\n  method: helmm\n')).toContain("Invalid type 'helmm'")
  })

  it('keys of another variant are unknown keys', () => {
    const [p] = problems('rollback:\n  method: {type: helm, release: web, resource: x}\n')
    expect(p!.key).toBe('rollback.method.resource')
    expect(p!.message).toContain("Unknown key 'resource'")
  })

  it('duplicate metric names and min > max are errors', () => {
    const m = (name: string, cond: string) =>
      `    - {name: ${name}, provider: {type: prometheus, address: x, query: y}, condition: ${cond}}\n`
    const dup = problems(`rollback:\n  metrics:\n${m('a', '{max: 1}')}${m('a', '{max: 2}')}`)
    expect(dup.map((p) => p.key)).toEqual(['rollback.metrics[1].name'])
    expect(dup[0]!.message).toContain('Expected unique metric names')
    const range = problems(`rollback:\n  metrics:\n${m('a', '{min: 5, max: 1}')}`)
    expect(range.map((p) => p.key)).toEqual(['rollback.metrics[0].condition.min'])
  })

  it('every problem is reported together in one ConfigError', () => {
    const text = message('reveiw: {}\nfix:\n  draft: maybe\nrollback:\n  approval: sometimes\n')
    expect(text).toMatch(/^Invalid configuration in '\.github\/pitcrew\.yml' \(3 problems\):/)
    expect(text).toContain(
      "reveiw (line 1, column 1): Unknown key 'reveiw'. Did you mean 'review'?",
    )
    expect(text).toContain(
      "fix.draft (line 3, column 10): Invalid value 'maybe'. Expected true or false.",
    )
    expect(text).toContain("rollback.approval (line 5, column 13): Invalid value 'sometimes'")
  })

  it('a YAML syntax error reports line and column', () => {
    const [p] = problems('review:\n  max-comments: 3\n  ignore: [a, b\nfix:\n  draft: true\n')
    expect(p!.message).toMatch(/^YAML syntax error: /)
    expect(p!.line).toBeGreaterThanOrEqual(3)
    expect(p!.column).toBeGreaterThan(0)
    const dup = problems('review: {}\nreview: {}\n')
    expect(dup[0]!.message).toContain('unique')
    expect(dup[0]!.line).toBe(2)
    expect(message('review:\n\tmax-comments: 1\n')).toMatch(/line \d+, column \d+/)
  })

  it('a top level that is not a mapping is an error', () => {
    expect(message('- review\n')).toContain(
      'Expected a mapping with keys: review, fix, rollback, context',
    )
  })

  it('secret header values are never echoed, nor token-shaped values anywhere', () => {
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'
    const text = message(`rollback:
  metrics:
    - name: m
      provider:
        type: prometheus
        address: x
        query: y
        headers:
          Authorization: [${token}]
      condition: {max: 1}
fix:
  draft: ${token}
`)
    expect(text).toContain('rollback.metrics[0].provider.headers.Authorization')
    expect(text).toContain('fix.draft')
    expect(text).not.toContain(token)
    expect(text).not.toContain('abcdefghijklmnop')
  })
})

describe('helpers', () => {
  it('durations', () => {
    expect(durationSeconds('30s')).toBe(30)
    expect(durationSeconds('5m')).toBe(300)
    expect(durationSeconds('1h')).toBe(3600)
    expect(durationSeconds('1h30m')).toBe(5400)
    expect(durationSeconds('0')).toBe(0)
    expect(durationSeconds(0)).toBe(0)
    expect(durationSeconds(30)).toBeUndefined()
    expect(durationSeconds('m')).toBeUndefined()
    expect(durationSeconds('5 m')).toBeUndefined()
  })

  it('edit distance counts a transposition as one edit', () => {
    expect(editDistance('reveiw', 'review')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(closest('rollbak', ['review', 'fix', 'rollback', 'context'])).toBe('rollback')
    expect(closest('zzz', ['review', 'fix'])).toBeUndefined()
  })
})

describe('prometheus-style durations', () => {
  it('accepts days, weeks and milliseconds, largest unit first', () => {
    expect(durationSeconds('2d')).toBe(172800)
    expect(durationSeconds('1w')).toBe(604800)
    expect(durationSeconds('500ms')).toBe(0.5)
    expect(durationSeconds('1m30s')).toBe(90)
    expect(durationSeconds('30s5m')).toBeUndefined()
    expect(
      parseRepoConfig(
        'rollback:\n  metrics:\n    - {name: m, provider: {type: prometheus, address: x, query: y}, condition: {max: 1}, baseline: {window: 1d}}\n',
      ).rollback.metrics[0]!.baseline!.window,
    ).toBe('1d')
  })
})
