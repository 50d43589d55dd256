import { readFile as fsReadFile } from 'node:fs/promises'
import { isAbsolute, join, normalize } from 'node:path'
import {
  s,
  parseNode,
  quote,
  closest,
  INVALID,
  type AnyNode,
  type Infer,
  type ParseContext,
} from './schema-dsl.js'
import { DEFAULT_CONFIG_FILE, defaultRepoConfig } from './schema.js'
import { ConfigError, type Inputs, type Settings } from './types.js'

/** One action input: its schema node (type, default, docs) and where else its value may come from. */
export interface InputSpec {
  node: AnyNode
  /** Never quoted in errors. */
  secret?: boolean
  /** Environment variable read when the input is empty. */
  envFallback?: string
  /** How the default reads in the docs (when it is not a plain value). */
  defaultDoc?: string
}

/**
 * The action inputs of contract section 2, in the same schema language as the config file so
 * the docs table and the parser cannot disagree. Keys are the input names (kebab-case).
 */
export const inputSpecs = {
  mode: {
    node: s
      .enum(['auto', 'review', 'fix', 'rollback'] as const)
      .default('auto')
      .describe('`auto` picks the mode from the event; `review`, `fix`, `rollback` force one.'),
  },
  provider: {
    node: s
      .enum(['anthropic', 'bedrock', 'vertex'] as const)
      .default('anthropic')
      .describe(
        'Where the model runs: `anthropic` (the Anthropic API), `bedrock` (Amazon Bedrock: `AWS_REGION` and AWS credentials) or `vertex` (Google Vertex AI: `CLOUD_ML_REGION`, `ANTHROPIC_VERTEX_PROJECT_ID` and Google credentials). See docs/providers.md.',
      ),
  },
  'anthropic-api-key': {
    node: s.string().optional().describe('Anthropic API key. Never echoed.'),
    secret: true,
    envFallback: 'ANTHROPIC_API_KEY',
    defaultDoc: 'env `ANTHROPIC_API_KEY`',
  },
  'anthropic-base-url': {
    node: s
      .string()
      .optional()
      .describe('Overrides the Messages API endpoint (gateways, proxies).')
      .refine((url, r) => {
        if (!/^https?:\/\/[^\s/]+/.test(url)) {
          r.error([], `Invalid value ${quote(url)}. Expected an http(s) URL.`)
        }
      }),
    envFallback: 'ANTHROPIC_BASE_URL',
    defaultDoc: 'env `ANTHROPIC_BASE_URL`',
  },
  'github-token': {
    node: s.string().optional().describe('Token for the GitHub API and for pushes. Never echoed.'),
    secret: true,
    envFallback: 'GITHUB_TOKEN',
    defaultDoc: '`${{ github.token }}`',
  },
  model: {
    node: s.string().default('claude-sonnet-4-6').describe('Main model.'),
  },
  'small-model': {
    node: s.string().default('claude-haiku-4-5').describe('Cheap model for summaries and triage.'),
  },
  'max-turns': {
    node: s.int({ min: 1 }).default(30).describe('Agent turns per task.'),
  },
  'max-cost-usd': {
    node: s
      .number({ gt: 0 })
      .default(2)
      .describe('Spend ceiling per run in USD, from the price table of known models.'),
  },
  'timeout-minutes': {
    node: s
      .number({ gt: 0 })
      .default(20)
      .describe('Wall-clock ceiling of the agent work, minutes.'),
  },
  'config-file': {
    node: s
      .string()
      .default(DEFAULT_CONFIG_FILE)
      .describe('Repository configuration file, relative to the workspace.'),
  },
  'dry-run': {
    node: s
      .boolean()
      .default(false)
      .describe(
        'Do everything except write: no comment, review, push, PR or rollback; report what would be done.',
      ),
  },
  'test-command': {
    node: s
      .string()
      .optional()
      .describe('Fix mode: command that runs the tests (overrides `fix.test-command`).'),
  },
  'allowed-bots': {
    node: s
      .list(
        s.string().refine((login, r) => {
          // Bots are trusted by exact login only; a pattern would silently never match.
          if (/[*?\s]/.test(login)) {
            r.error(
              [],
              `Invalid value ${quote(login)}. Expected an exact login such as 'renovate[bot]', no wildcards.`,
            )
          }
        }),
      )
      .default([])
      .describe(
        'Bot logins allowed to trigger pitcrew, comma or newline separated (exact logins).',
      ),
  },
} satisfies Record<string, InputSpec>

// Compile-time proof that the inputs table produces exactly Inputs.
type InputsOut = {
  -readonly [K in keyof typeof inputSpecs as CamelKey<K & string>]: Infer<
    (typeof inputSpecs)[K]['node']
  >
}
type CamelKey<S extends string> = S extends `${infer H}-${infer R}`
  ? `${H}${Capitalize<CamelKey<R>>}`
  : S
type Required2<T> = { [K in keyof T]-?: Exclude<T[K], undefined> }
const _inputsCheck = (x: Required2<Inputs>): Required2<InputsOut> => x
const _inputsCheckBack = (x: Required2<InputsOut>): Required2<Inputs> => x
void _inputsCheck
void _inputsCheckBack

/** `max-turns` -> `INPUT_MAX-TURNS`, exactly as @actions/core's getInput builds the name. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

const TRUE_VALUES = ['true', 'True', 'TRUE']
const FALSE_VALUES = ['false', 'False', 'FALSE']

/** Reads one input's raw text from the environment as `core.getInput` does (trimmed). */
function rawInput(env: NodeJS.ProcessEnv, name: string, spec: InputSpec): string {
  const value = (env[inputEnvName(name)] ?? '').trim()
  if (value !== '' || !spec.envFallback) return value
  return (env[spec.envFallback] ?? '').trim()
}

/**
 * Parses the action inputs from `INPUT_*` variables (the runner's way of passing them). Every
 * bad input is reported in one ConfigError; secrets are never quoted in it.
 */
export function parseInputs(env: NodeJS.ProcessEnv): Inputs {
  const problems: string[] = []
  const out: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(inputSpecs) as [string, InputSpec][]) {
    const raw = rawInput(env, name, spec)
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
    const node = spec.node
    if (raw === '') {
      if (node.meta.presence === 'default') out[key] = structuredClone(node.meta.defaultValue)
      continue
    }
    const shown = quote(raw, spec.secret)
    const coerced = coerce(node, raw)
    if (coerced === INVALID) {
      problems.push(`Invalid input '${name}' value ${shown}. Expected ${describeExpected(node)}.`)
      continue
    }
    const ctx: ParseContext = { issues: [] }
    const value = parseNode(node, coerced, [], ctx, spec.secret)
    if (ctx.issues.length > 0 || value === INVALID) {
      for (const i of ctx.issues) {
        // Node messages say "Invalid value 'x'."; inputs are quoted by their raw text instead.
        const rest = i.message
          .replace(/^Invalid value (?:'(?:[^'\\]|\\.)*'|\([^)]*\))\.?/, '')
          .trim()
        problems.push(`Invalid input '${name}' value ${shown}. ${rest}`.trim())
      }
      continue
    }
    out[key] = value
  }
  const unknown = unknownInputs(env)
  problems.push(...unknown)
  if (problems.length > 0) {
    throw new ConfigError(
      problems.length === 1
        ? problems[0]!
        : `Invalid inputs (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
  }
  return out as unknown as Inputs
}

/**
 * `INPUT_MAX_TURNS` (underscore) is what a workflow produces for `max_turns:`, a likely typo for
 * `max-turns`; silently ignoring it would run with the default budget.
 */
function unknownInputs(env: NodeJS.ProcessEnv): string[] {
  const known = Object.keys(inputSpecs)
  const problems: string[] = []
  for (const envName of Object.keys(env)) {
    if (!envName.startsWith('INPUT_')) continue
    const name = envName.slice('INPUT_'.length).toLowerCase()
    if (known.includes(name)) continue
    const hit = closest(name.replace(/_/g, '-'), known)
    // Only flag near-misses: other INPUT_* variables may belong to a composite wrapper.
    if (hit && name.replace(/_/g, '-') === hit) {
      problems.push(`Unknown input '${name}'. Did you mean '${hit}'? Input names use hyphens.`)
    }
  }
  return problems
}

function coerce(node: AnyNode, raw: string): unknown {
  switch (node.spec.kind) {
    case 'boolean':
      // Same rule as core.getBooleanInput (YAML 1.2 core schema booleans only).
      if (TRUE_VALUES.includes(raw)) return true
      if (FALSE_VALUES.includes(raw)) return false
      return INVALID
    case 'int':
      return /^[+-]?\d+$/.test(raw) ? Number(raw) : INVALID
    case 'number':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : INVALID
    case 'list':
      return raw
        .split(/[,\n]/)
        .map((x) => x.trim())
        .filter((x) => x !== '')
    default:
      return raw
  }
}

function describeExpected(node: AnyNode): string {
  const spec = node.spec
  if (spec.kind === 'boolean')
    return `true or false (${[...TRUE_VALUES, ...FALSE_VALUES].join(', ')})`
  if (spec.kind === 'int') return `an integer${spec.min === 1 ? ' >= 1' : ''}`
  if (spec.kind === 'number') return `a number${spec.gt === 0 ? ' > 0' : ''}`
  return 'a valid value'
}

export type ReadFile = (path: string) => Promise<string>

/**
 * Inputs plus the repository config file, merged into the one Settings object every part reads.
 * A missing file at the default path means defaults; a missing file the user named is an error
 * (a typo there would otherwise silently drop their whole configuration).
 */
export async function loadSettings(
  env: NodeJS.ProcessEnv,
  workspace: string,
  readFile: ReadFile = (p) => fsReadFile(p, 'utf8'),
): Promise<Settings> {
  const inputs = parseInputs(env)
  const rel = inputs.configFile
  const abs = isAbsolute(rel) ? rel : join(workspace, rel)
  const isDefault = normalize(rel) === normalize(DEFAULT_CONFIG_FILE)
  let text: string | undefined
  try {
    text = await readFile(abs)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      throw new ConfigError(
        `Cannot read config file '${rel}': ${(err as Error).message}. Expected a readable YAML file.`,
      )
    }
    if (!isDefault) {
      throw new ConfigError(
        `Config file '${rel}' (input 'config-file') was not found in the workspace. Expected an existing YAML file, or remove the input to use '${DEFAULT_CONFIG_FILE}'.`,
      )
    }
  }
  // The YAML parser loads only for a repository that has a config file (cold start).
  const config =
    text === undefined
      ? defaultRepoConfig()
      : (await import('./parse.js')).parseRepoConfig(text, rel)
  if (inputs.testCommand !== undefined) config.fix.testCommand = inputs.testCommand
  return { inputs, config, configPath: text === undefined ? undefined : rel }
}
