/**
 * A JSON Schema of `.github/pitcrew.yml` for editors (yaml-language-server, JetBrains), rendered
 * from the schema the parser uses, like the reference docs. Written to schema/pitcrew.schema.json
 * by scripts/gen-config-docs.ts; a test fails when the committed file is stale, and checks that
 * it accepts every documented example and refuses what the parser refuses.
 *
 * What JSON Schema cannot say (a duration's bounds, unique metric names) stays the parser's job:
 * the schema may accept a little more than the parser, never less.
 */
import { formatDuration, type AnyNode } from './schema-dsl.js'
import { repoConfigSchema } from './schema.js'

export type JsonSchema = Record<string, unknown>

/** Where the schema is published: the file in the repository at the moving major tag. */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/pitcrew/pitcrew/v1/schema/pitcrew.schema.json'

/** `30s`, `5m`, `1h30m`, `500ms`: the duration syntax of schema-dsl's `durationSeconds`. */
const NUM = '\\d+(?:\\.\\d+)?'
const DURATION_PATTERN = `^\\s*(?=\\d)(?:${NUM}w)?(?:${NUM}d)?(?:${NUM}h)?(?:${NUM}m)?(?:${NUM}s)?(?:${NUM}ms)?\\s*$`

/** The schema of one node. `absentOk`: the key may be left out, so YAML `key:` (null) is fine. */
export function nodeSchema(node: AnyNode, absentOk = false): JsonSchema {
  const spec = node.spec
  let out: JsonSchema
  switch (spec.kind) {
    case 'string':
      // Numbers are read as strings (`account-id: 12345`).
      out = spec.allowEmpty
        ? { type: ['string', 'number'] }
        : { type: ['string', 'number'], pattern: '\\S' }
      break
    case 'int':
    case 'number':
      out = { type: spec.kind === 'int' ? 'integer' : 'number' }
      if (spec.min !== undefined) out.minimum = spec.min
      if (spec.max !== undefined) out.maximum = spec.max
      if (spec.gt !== undefined) out.exclusiveMinimum = spec.gt
      if (spec.lt !== undefined) out.exclusiveMaximum = spec.lt
      break
    case 'boolean':
      out = { type: 'boolean' }
      break
    case 'enum':
      out = { type: 'string', enum: [...spec.values] }
      break
    case 'duration':
      out = { anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { const: 0 }] }
      break
    case 'duration-text':
      out = { type: 'string', pattern: DURATION_PATTERN }
      break
    case 'list': {
      const items = nodeSchema(spec.of)
      const list: JsonSchema = { type: 'array', items }
      if (spec.minItems !== undefined) list.minItems = spec.minItems
      out = spec.single ? { anyOf: [list, items] } : list
      break
    }
    case 'map':
      out = { type: 'object', additionalProperties: nodeSchema(spec.of) }
      break
    case 'object':
      out = objectSchema(spec.fields)
      break
    case 'union': {
      const variants = Object.entries(spec.variants).map(([name, variant]) => {
        const fields = variant.spec.kind === 'object' ? variant.spec.fields : {}
        const schema = objectSchema(fields)
        return {
          ...schema,
          properties: { [spec.tag]: { const: name }, ...(schema.properties as object) },
          required: [spec.tag, ...((schema.required as string[] | undefined) ?? [])],
        }
      })
      // Only a variant without required keys can be named alone (`method: github-deployment`).
      const names = Object.entries(spec.variants)
        .filter(([, v]) => v.spec.kind === 'object' && !objectSchema(v.spec.fields).required)
        .map(([name]) => name)
      out = {
        anyOf:
          spec.shorthand && names.length
            ? [{ type: 'string', enum: names }, ...variants]
            : variants,
      }
      break
    }
  }
  Object.assign(out, node.meta.jsonSchema ?? {})
  const meta: JsonSchema = {}
  if (node.meta.description) meta.description = node.meta.description
  const fallback = defaultInFileForm(node)
  if (fallback !== undefined) meta.default = fallback
  if (node.meta.examples.length) meta.examples = node.meta.examples
  return { ...meta, ...(absentOk ? nullable(out) : out) }
}

function objectSchema(fields: Record<string, AnyNode>): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  for (const [key, field] of Object.entries(fields)) {
    const absentOk = field.meta.presence !== 'required'
    if (!absentOk) required.push(key)
    properties[key] = nodeSchema(field, absentOk)
  }
  const out: JsonSchema = { type: 'object', properties, additionalProperties: false }
  if (required.length) out.required = required
  return out
}

/** The parser reads `key:` with no value as an absent key, i.e. its default. */
function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string' && !schema.enum)
    return { ...schema, type: [schema.type, 'null'] }
  if (Array.isArray(schema.type) && !schema.enum)
    return { ...schema, type: [...schema.type, 'null'] }
  if (schema.enum)
    return { ...schema, type: undefined, enum: [...(schema.enum as unknown[]), null] }
  if (Array.isArray(schema.anyOf) && schema.type === undefined) {
    return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] }
  }
  return { anyOf: [schema, { type: 'null' }] }
}

/** A default as the file would write it (`10m`, not the parsed 10 minutes). */
function defaultInFileForm(node: AnyNode): unknown {
  if (node.meta.presence !== 'default' || node.meta.defaultEmpty) return undefined
  const value = node.meta.defaultValue
  if (node.spec.kind === 'duration' && typeof value === 'number') {
    const seconds = node.spec.unit === 'm' ? value * 60 : value
    return seconds === 0 ? 0 : formatDuration(seconds)
  }
  return value
}

/** The complete document written to schema/pitcrew.schema.json. */
export function repoConfigJsonSchema(): JsonSchema {
  const root = nodeSchema(repoConfigSchema)
  delete root.default
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_URL,
    title: 'pitcrew configuration (.github/pitcrew.yml)',
    description:
      'Generated from src/config/schema.ts by scripts/gen-config-docs.ts; reference: https://github.com/pitcrew/pitcrew/blob/main/docs/configuration.md',
    ...root,
    // An empty file (or one with only comments) means all defaults.
    type: ['object', 'null'],
  }
}
