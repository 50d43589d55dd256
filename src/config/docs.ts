import { stringify } from 'yaml'
import { formatDuration, type AnyNode } from './schema-dsl.js'
import { DEFAULT_CONFIG_FILE, repoConfigSchema } from './schema.js'
import { inputSpecs, type InputSpec } from './inputs.js'
import { SCHEMA_URL } from './json-schema.js'

/** A complete example config; test/config proves it parses, so the docs never show a broken one. */
export const EXAMPLE_CONFIG = `# yaml-language-server: $schema=${SCHEMA_URL}
review:
  ignore: ['**/*.lock', 'dist/**']
  instructions:
    - path: 'src/db/**'
      text: Every query must use bound parameters.
  max-comments: 15
  min-severity: minor
  request-changes: true

fix:
  test-command: npm test
  reports: ['reports/junit-*.xml']
  protected-paths: ['.github/**', 'migrations/**']
  max-changed-lines: 100

rollback:
  environment: production
  metrics:
    - name: error-rate
      provider:
        type: prometheus
        address: http://prometheus.monitoring:9090
        query: sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
      condition:
        max: 0.05
      critical: true
    - name: p99-latency-ms
      provider:
        type: datadog
        query: p99:trace.http.request.duration{service:web}
      condition:
        max: 800
      baseline:
        window: 30m
        max-ratio: 1.5
  analysis:
    initial-delay: 2m
    interval: 1m
    duration: 10m
    consecutive-failures: 2
    max-failures: 3
    no-data: inconclusive
    provider-error: fail
  method:
    type: kubectl
    resource: deployment/web
    namespace: prod
  approval: auto

context:
  files: [AGENTS.md, docs/CONVENTIONS.md]
`

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function code(value: unknown): string {
  if (value === undefined) return ''
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return '`' + text.replace(/`/g, "'") + '`'
}

/** The type column: what a user writes, in words. */
function typeOf(node: AnyNode): string {
  const spec = node.spec
  switch (spec.kind) {
    case 'string':
      return 'string'
    case 'int':
    case 'number': {
      const parts: string[] = []
      if (spec.min !== undefined) parts.push(`≥ ${spec.min}`)
      if (spec.gt !== undefined) parts.push(`> ${spec.gt}`)
      if (spec.max !== undefined) parts.push(`≤ ${spec.max}`)
      if (spec.lt !== undefined) parts.push(`< ${spec.lt}`)
      return `${spec.kind === 'int' ? 'integer' : 'number'}${parts.length ? ` (${parts.join(', ')})` : ''}`
    }
    case 'boolean':
      return 'boolean'
    case 'enum':
      return spec.values.map((v) => `\`${v}\``).join(' | ')
    case 'duration':
      return spec.min ? `duration (≥ ${formatDuration(spec.min)})` : 'duration'
    case 'duration-text':
      return 'duration'
    case 'list':
      return `list of ${typeOf(spec.of)}${spec.single ? ' (or one value)' : ''}`
    case 'map':
      return `map of ${typeOf(spec.of)}`
    case 'object':
      return 'mapping'
    case 'union':
      return `\`${spec.tag}\`: ${Object.keys(spec.variants)
        .map((v) => `\`${v}\``)
        .join(' | ')}${spec.shorthand ? ' (or just the name)' : ''}`
  }
}

function defaultOf(node: AnyNode): string {
  const m = node.meta
  if (m.presence === 'required') return '**required**'
  if (m.presence === 'optional') return '—'
  if (m.defaultDoc !== undefined) return code(m.defaultDoc)
  if (m.defaultEmpty) return ''
  if (Array.isArray(m.defaultValue) && m.defaultValue.length === 0) return '`[]`'
  return code(m.defaultValue)
}

function exampleOf(node: AnyNode): string {
  const ex = node.meta.examples[0]
  if (ex === undefined) return ''
  if (typeof ex === 'object') return code(stringify(ex, { collectionStyle: 'flow' }).trim())
  return code(ex)
}

interface Section {
  title: string
  intro?: string
  rows: string[]
}

/** Walks an object's fields, emitting a table for it and a section for each nested object. */
function walk(
  fields: Record<string, AnyNode>,
  prefix: string,
  title: string,
  intro: string | undefined,
  out: Section[],
): void {
  const section: Section = { title, intro, rows: [] }
  out.push(section)
  const nested: (() => void)[] = []
  for (const [key, node] of Object.entries(fields)) {
    const path = prefix ? `${prefix}.${key}` : key
    const spec = node.spec
    section.rows.push(
      `| \`${key}\` | ${cell(typeOf(node))} | ${cell(defaultOf(node))} | ${cell(node.meta.description ?? '')} | ${cell(exampleOf(node))} |`,
    )
    const inner = spec.kind === 'list' ? spec.of : node
    const innerPath = spec.kind === 'list' ? `${path}[]` : path
    if (inner.spec.kind === 'object' && Object.keys(inner.spec.fields).length > 0) {
      const s = inner.spec
      nested.push(() => walk(s.fields, innerPath, `\`${innerPath}\``, node.meta.description, out))
    } else if (inner.spec.kind === 'union') {
      const u = inner.spec
      for (const [name, variant] of Object.entries(u.variants)) {
        if (variant.spec.kind !== 'object') continue
        const vf = variant.spec.fields
        nested.push(() => {
          if (Object.keys(vf).length === 0) {
            out.push({
              title: `\`${innerPath}\` with \`${u.tag}: ${name}\``,
              intro: 'No options.',
              rows: [],
            })
          } else {
            walk(vf, innerPath, `\`${innerPath}\` with \`${u.tag}: ${name}\``, undefined, out)
          }
        })
      }
    }
  }
  for (const n of nested) n()
}

function renderInputs(): string {
  const rows = (Object.entries(inputSpecs) as [string, InputSpec][]).map(([name, spec]) => {
    const def = spec.defaultDoc ?? defaultOf(spec.node)
    return `| \`${name}\` | ${cell(typeOf(spec.node))} | ${cell(def)} | ${cell(spec.node.meta.description ?? '')} |`
  })
  return ['| input | type | default | description |', '|---|---|---|---|', ...rows].join('\n')
}

/**
 * The reference documentation (docs/configuration.md), rendered from the same schema the parser
 * uses. scripts/gen-config-docs.ts writes it; a test fails when the committed file is stale.
 */
export function renderConfigDocs(): string {
  const sections: Section[] = []
  if (repoConfigSchema.spec.kind !== 'object') throw new Error('repoConfigSchema must be an object')
  for (const [key, node] of Object.entries(repoConfigSchema.spec.fields)) {
    if (node.spec.kind !== 'object') continue
    walk(node.spec.fields, key, `\`${key}\``, node.meta.description, sections)
  }
  const topLevel = [
    '| key | description |',
    '|---|---|',
    ...Object.entries(repoConfigSchema.spec.fields).map(
      ([key, node]) => `| \`${key}\` | ${cell(node.meta.description ?? '')} |`,
    ),
  ].join('\n')
  const body = sections
    .map((s) => {
      const lines = [`### ${s.title}`, '']
      if (s.intro) lines.push(s.intro, '')
      if (s.rows.length) {
        lines.push(
          '| key | type | default | description | example |',
          '|---|---|---|---|---|',
          ...s.rows,
          '',
        )
      }
      return lines.join('\n')
    })
    .join('\n')
  return (
    `<!-- Generated from src/config/schema.ts and src/config/inputs.ts by scripts/gen-config-docs.ts. Do not edit by hand. -->

# Configuration reference

pitcrew reads two things: the **action inputs** (\`with:\` in the workflow) and the **repository
configuration** file \`${DEFAULT_CONFIG_FILE}\` (input \`config-file\`). Both are parsed into one typed
settings object; every value is checked, and all problems are reported together, each with its key,
the bad value and the expected form. Nothing is written to GitHub when the configuration is invalid.

## Action inputs

Inputs are read from \`INPUT_<NAME>\` variables as the runner sets them (\`INPUT_MAX-TURNS\`).
Booleans accept \`true\`, \`True\`, \`TRUE\`, \`false\`, \`False\`, \`FALSE\`. Secrets are never echoed
in errors.

${renderInputs()}

## Repository configuration (\`${DEFAULT_CONFIG_FILE}\`)

- A missing file at the default path, or an empty file, means all defaults. A file named by the
  \`config-file\` input must exist.
- Keys are kebab-case. Unknown keys are errors that suggest the closest known key.
- Durations are written with a unit: \`30s\`, \`5m\`, \`1h\`, \`1h30m\` (\`0\` is allowed where it means off).
  Bare numbers are refused, so \`10\` is never read as the wrong unit.
- Editors validate and complete the file with the JSON Schema
  [\`schema/pitcrew.schema.json\`](../schema/pitcrew.schema.json), generated from the same schema as
  this page: the first line \`# yaml-language-server: $schema=${SCHEMA_URL}\` enables it in VS Code
  (YAML extension) and every editor using yaml-language-server. \`pitcrew config check\` prints the
  effective settings in the same keys and units, ready to paste back.
- Every section is optional:

${topLevel}

### Example

\`\`\`yaml
${EXAMPLE_CONFIG.trimEnd()}
\`\`\`

${body}`.trimEnd() + '\n'
  )
}
