import { describe, it, expect } from 'vitest'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseInputs, loadSettings, inputEnvName } from '../../src/config/inputs.js'
import { ConfigError } from '../../src/config/types.js'

function errorOf(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error('expected a ConfigError')
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('parseInputs', () => {
  it('uses the contract defaults when nothing is set', () => {
    expect(parseInputs({})).toEqual({
      mode: 'auto',
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
      smallModel: 'claude-haiku-4-5',
      maxTurns: 30,
      maxCostUsd: 2,
      timeoutMinutes: 20,
      configFile: '.github/pitcrew.yml',
      dryRun: false,
      allowedBots: [],
    })
  })

  it("input 'provider': anthropic, bedrock or vertex; anything else names the input and the choices", () => {
    expect(parseInputs({ INPUT_PROVIDER: 'bedrock' }).provider).toBe('bedrock')
    expect(parseInputs({ INPUT_PROVIDER: ' vertex ' }).provider).toBe('vertex')
    expect(() => parseInputs({ INPUT_PROVIDER: 'aws' })).toThrow(
      "Invalid input 'provider' value 'aws'. Expected one of: anthropic, bedrock, vertex.",
    )
  })

  it('reads INPUT_<NAME> with hyphens kept, trimmed, like @actions/core', () => {
    expect(inputEnvName('max-turns')).toBe('INPUT_MAX-TURNS')
    expect(inputEnvName('some input')).toBe('INPUT_SOME_INPUT')
    const inputs = parseInputs({
      INPUT_MODE: ' review ',
      'INPUT_MAX-TURNS': '12',
      'INPUT_MAX-COST-USD': '0.5',
      'INPUT_TIMEOUT-MINUTES': '7.5',
      INPUT_MODEL: 'claude-opus-4-1',
      'INPUT_SMALL-MODEL': 'claude-haiku-4-5',
      'INPUT_CONFIG-FILE': 'ci/pitcrew.yaml',
      'INPUT_DRY-RUN': 'true',
      'INPUT_TEST-COMMAND': 'npm test -- --reporter=junit',
      'INPUT_ANTHROPIC-BASE-URL': 'http://127.0.0.1:8080',
      'INPUT_ALLOWED-BOTS': 'renovate[bot], dependabot[bot]\nmy-app[bot]\n',
    })
    expect(inputs).toMatchObject({
      mode: 'review',
      maxTurns: 12,
      maxCostUsd: 0.5,
      timeoutMinutes: 7.5,
      model: 'claude-opus-4-1',
      configFile: 'ci/pitcrew.yaml',
      dryRun: true,
      testCommand: 'npm test -- --reporter=junit',
      anthropicBaseUrl: 'http://127.0.0.1:8080',
      allowedBots: ['renovate[bot]', 'dependabot[bot]', 'my-app[bot]'],
    })
  })

  it('allowed-bots takes exact logins only', () => {
    expect(errorOf(() => parseInputs({ 'INPUT_ALLOWED-BOTS': 'renovate[bot], *[bot]' }))).toBe(
      "Invalid input 'allowed-bots' value 'renovate[bot], *[bot]'. Expected an exact login such as 'renovate[bot]', no wildcards.",
    )
  })

  it('an underscore spelling is not silently ignored', () => {
    expect(errorOf(() => parseInputs({ INPUT_MAX_TURNS: '5' }))).toContain(
      "Unknown input 'max_turns'. Did you mean 'max-turns'?",
    )
  })

  it('booleans accept exactly what core.getBooleanInput accepts', () => {
    for (const v of ['true', 'True', 'TRUE'])
      expect(parseInputs({ 'INPUT_DRY-RUN': v }).dryRun).toBe(true)
    for (const v of ['false', 'False', 'FALSE'])
      expect(parseInputs({ 'INPUT_DRY-RUN': v }).dryRun).toBe(false)
    for (const v of ['yes', 'tRue', '1', 'on']) {
      expect(errorOf(() => parseInputs({ 'INPUT_DRY-RUN': v }))).toBe(
        `Invalid input 'dry-run' value '${v}'. Expected true or false (true, True, TRUE, false, False, FALSE).`,
      )
    }
  })

  it('numbers must be positive and well formed', () => {
    expect(errorOf(() => parseInputs({ 'INPUT_MAX-TURNS': 'ten' }))).toBe(
      "Invalid input 'max-turns' value 'ten'. Expected an integer >= 1.",
    )
    expect(errorOf(() => parseInputs({ 'INPUT_MAX-TURNS': '0' }))).toBe(
      "Invalid input 'max-turns' value '0'. Expected an integer >= 1.",
    )
    expect(errorOf(() => parseInputs({ 'INPUT_MAX-TURNS': '2.5' }))).toContain(
      'Expected an integer',
    )
    expect(errorOf(() => parseInputs({ 'INPUT_MAX-COST-USD': '-1' }))).toBe(
      "Invalid input 'max-cost-usd' value '-1'. Expected a number > 0.",
    )
    expect(errorOf(() => parseInputs({ 'INPUT_TIMEOUT-MINUTES': '5m' }))).toContain(
      "Invalid input 'timeout-minutes' value '5m'",
    )
  })

  it('mode is one of auto, review, fix, rollback', () => {
    expect(errorOf(() => parseInputs({ INPUT_MODE: 'reveiw' }))).toBe(
      "Invalid input 'mode' value 'reveiw'. Expected one of: auto, review, fix, rollback. Did you mean 'review'?",
    )
  })

  it('all bad inputs are reported together', () => {
    const text = errorOf(() =>
      parseInputs({ INPUT_MODE: 'x', 'INPUT_DRY-RUN': 'y', 'INPUT_MAX-TURNS': 'z' }),
    )
    expect(text).toMatch(/^Invalid inputs \(3 problems\):/)
  })

  it('the API key falls back to ANTHROPIC_API_KEY and the token to GITHUB_TOKEN', () => {
    expect(parseInputs({ ANTHROPIC_API_KEY: 'sk-ant-env', GITHUB_TOKEN: 'ghs_env' })).toMatchObject(
      {
        anthropicApiKey: 'sk-ant-env',
        githubToken: 'ghs_env',
      },
    )
    expect(
      parseInputs({
        'INPUT_ANTHROPIC-API-KEY': 'sk-ant-input',
        ANTHROPIC_API_KEY: 'sk-ant-env',
        'INPUT_GITHUB-TOKEN': 'ghs_input',
        GITHUB_TOKEN: 'ghs_env',
      }),
    ).toMatchObject({ anthropicApiKey: 'sk-ant-input', githubToken: 'ghs_input' })
    // An empty input (the runner sets '' for an unset secret) falls back too.
    expect(
      parseInputs({ 'INPUT_ANTHROPIC-API-KEY': '', ANTHROPIC_API_KEY: 'sk-ant-env' })
        .anthropicApiKey,
    ).toBe('sk-ant-env')
    expect(parseInputs({}).anthropicApiKey).toBeUndefined()
  })

  it('never echoes the API key, the token or credentials in a URL', () => {
    const key = 'sk-ant-api03-SECRETSECRETSECRET'
    const text = errorOf(() =>
      parseInputs({
        'INPUT_ANTHROPIC-API-KEY': key,
        'INPUT_ANTHROPIC-BASE-URL': 'ftp://user:hunter22@proxy',
        'INPUT_DRY-RUN': 'sk-ant-api03-PASTEDINTOWRONGINPUT',
        'INPUT_MAX-TURNS': 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      }),
    )
    expect(text).toContain("'anthropic-base-url'")
    expect(text).toContain("'dry-run'")
    expect(text).toContain("'max-turns'")
    for (const secret of ['SECRETSECRET', 'PASTEDINTOWRONGINPUT', 'abcdefghijklmnop', 'hunter22']) {
      expect(text).not.toContain(secret)
    }
  })
})

describe('loadSettings', () => {
  function workspace(files: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'pitcrew-config-'))
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    return dir
  }

  it('no file at the default path means defaults', async () => {
    const s = await loadSettings({}, workspace())
    expect(s.configPath).toBeUndefined()
    expect(s.config.review.maxComments).toBe(20)
  })

  it('reads .github/pitcrew.yml from the workspace', async () => {
    const s = await loadSettings(
      {},
      workspace({ '.github/pitcrew.yml': 'review:\n  max-comments: 4\n' }),
    )
    expect(s.configPath).toBe('.github/pitcrew.yml')
    expect(s.config.review.maxComments).toBe(4)
  })

  it('a missing file at an explicitly given path is an error', async () => {
    const text = await rejection(
      loadSettings({ 'INPUT_CONFIG-FILE': 'ci/pitcrew.yml' }, workspace()),
    )
    expect(text).toContain("Config file 'ci/pitcrew.yml' (input 'config-file') was not found")
  })

  it('errors name the file the user gave', async () => {
    const ws = workspace({ 'ci/p.yml': 'reveiw: {}\n' })
    const text = await rejection(loadSettings({ 'INPUT_CONFIG-FILE': 'ci/p.yml' }, ws))
    expect(text).toContain("Invalid configuration in 'ci/p.yml'")
    expect(text).toContain("Did you mean 'review'?")
  })

  it('the test-command input overrides fix.test-command', async () => {
    const ws = workspace({ '.github/pitcrew.yml': 'fix:\n  test-command: make test\n' })
    expect((await loadSettings({}, ws)).config.fix.testCommand).toBe('make test')
    const s = await loadSettings({ 'INPUT_TEST-COMMAND': 'npm test' }, ws)
    expect(s.config.fix.testCommand).toBe('npm test')
    expect(s.inputs.testCommand).toBe('npm test')
  })

  it('reads through the injected reader', async () => {
    const seen: string[] = []
    const s = await loadSettings({}, '/ws', async (p) => {
      seen.push(p)
      return 'context:\n  max-bytes: 10\n'
    })
    expect(seen).toEqual(['/ws/.github/pitcrew.yml'])
    expect(s.config.context.maxBytes).toBe(10)
  })

  it('an unreadable file (not a missing one) is an error even at the default path', async () => {
    const text = await rejection(
      loadSettings({}, '/ws', async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
      }),
    )
    expect(text).toContain("Cannot read config file '.github/pitcrew.yml'")
  })
})
