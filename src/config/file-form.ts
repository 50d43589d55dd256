/**
 * Parsed settings back to what `.github/pitcrew.yml` would say: the file's kebab-case keys
 * (`test-timeout`, not `testTimeoutMinutes`) and durations with their units (`10m`, not `10`).
 * Driven by the same schema as the parser, so `pitcrew config check` prints settings a user can
 * paste back into the file and get the very same settings (test/config/file-form.test.ts).
 */
import { camel, formatDuration, type AnyNode } from './schema-dsl.js'
import { repoConfigSchema } from './schema.js'
import type { RepoConfig } from './types.js'

/** Printed instead of the value of a secret field (header maps): logs must never hold one. */
export const MASK = '***'

/** One parsed value of `node` in the file's form; secret values become MASK unless `reveal`. */
export function toFileForm(node: AnyNode, value: unknown, reveal = false, hidden = false): unknown {
  const secret = hidden || node.meta.secret
  const spec = node.spec
  switch (spec.kind) {
    case 'duration': {
      const seconds = spec.unit === 'm' ? (value as number) * 60 : (value as number)
      return seconds === 0 ? 0 : formatDuration(seconds)
    }
    case 'list':
      return (value as unknown[]).map((v) => toFileForm(spec.of, v, reveal, secret))
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          toFileForm(spec.of, v, reveal, secret),
        ]),
      )
    case 'object':
      return objectForm(spec.fields, value as Record<string, unknown>, reveal, secret)
    case 'union': {
      const v = value as Record<string, unknown>
      const tag = v[spec.tag] as string
      const variant = spec.variants[tag]
      if (!variant || variant.spec.kind !== 'object') return value
      return { [spec.tag]: tag, ...objectForm(variant.spec.fields, v, reveal, secret) }
    }
    default:
      return secret && !reveal ? MASK : value
  }
}

function objectForm(
  fields: Record<string, AnyNode>,
  value: Record<string, unknown>,
  reveal: boolean,
  hidden: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(fields)) {
    const v = value[field.meta.rename ?? camel(key)]
    if (v !== undefined) out[key] = toFileForm(field, v, reveal, hidden)
  }
  return out
}

/** The whole repository configuration in the file's form. */
export function repoConfigFileForm(config: RepoConfig, reveal = false): Record<string, unknown> {
  return toFileForm(repoConfigSchema, config, reveal) as Record<string, unknown>
}
