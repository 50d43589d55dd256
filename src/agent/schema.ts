/**
 * A small JSON-schema validator for tool inputs. It covers the draft-07 subset tool schemas use
 * (type, properties, required, additionalProperties, items, enum, const, min/max, lengths,
 * pattern, anyOf/oneOf) and words its errors for the model: the field path, what was expected,
 * and the value it got, so the model can correct the call.
 */
import type { JsonSchema } from './types.js'

/** Returns the problems found (empty when the value is valid). */
export function validateSchema(schema: JsonSchema, value: unknown, path = 'input'): string[] {
  const errors: string[] = []
  check(schema, value, path, errors)
  return errors
}

function typeOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  return typeof v
}

function matchesType(t: string, v: unknown): boolean {
  const actual = typeOf(v)
  if (t === 'number') return actual === 'number' || actual === 'integer'
  return actual === t
}

function show(v: unknown): string {
  const s = JSON.stringify(v)
  if (s === undefined) return String(v)
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

function check(schema: JsonSchema, v: unknown, path: string, errors: string[]): void {
  if (typeof schema !== 'object' || schema === null) return
  const s = schema as Record<string, unknown>
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]
    if (!types.some((t) => matchesType(t, v))) {
      const got = v === undefined ? 'nothing' : `${typeOf(v)} ${show(v)}`
      errors.push(`'${path}' must be ${types.join(' or ')}, got ${got}`)
      return
    }
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    errors.push(`'${path}' must be one of ${s.enum.map(show).join(', ')}, got ${show(v)}`)
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(v)) {
    errors.push(`'${path}' must be ${show(s.const)}, got ${show(v)}`)
  }
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum)
      errors.push(`'${path}' must be >= ${s.minimum}, got ${v}`)
    if (typeof s.maximum === 'number' && v > s.maximum)
      errors.push(`'${path}' must be <= ${s.maximum}, got ${v}`)
  }
  if (typeof v === 'string') {
    if (typeof s.minLength === 'number' && v.length < s.minLength) {
      errors.push(`'${path}' must have at least ${s.minLength} characters, got ${v.length}`)
    }
    if (typeof s.maxLength === 'number' && v.length > s.maxLength) {
      errors.push(`'${path}' must have at most ${s.maxLength} characters, got ${v.length}`)
    }
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) {
      errors.push(`'${path}' must match /${s.pattern}/, got ${show(v)}`)
    }
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === 'number' && v.length < s.minItems) {
      errors.push(`'${path}' must have at least ${s.minItems} items, got ${v.length}`)
    }
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) {
      errors.push(`'${path}' must have at most ${s.maxItems} items, got ${v.length}`)
    }
    if (s.items && typeof s.items === 'object') {
      v.forEach((item, i) => check(s.items as JsonSchema, item, `${path}[${i}]`, errors))
    }
  }
  if (typeOf(v) === 'object') {
    const obj = v as Record<string, unknown>
    const props = (s.properties ?? {}) as Record<string, JsonSchema>
    for (const key of (s.required ?? []) as string[]) {
      if (obj[key] === undefined) {
        const t = props[key]?.type
        errors.push(
          `'${path}.${key}' is required${t ? ` (${Array.isArray(t) ? t.join(' or ') : String(t)})` : ''}`,
        )
      }
    }
    for (const [key, val] of Object.entries(obj)) {
      if (val === undefined) continue
      if (props[key]) check(props[key], val, `${path}.${key}`, errors)
      else if (s.additionalProperties === false) {
        const known = Object.keys(props)
        errors.push(
          `'${path}.${key}' is not allowed${known.length ? ` (known: ${known.join(', ')})` : ''}`,
        )
      } else if (typeof s.additionalProperties === 'object' && s.additionalProperties !== null) {
        check(s.additionalProperties as JsonSchema, val, `${path}.${key}`, errors)
      }
    }
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alts = s[key]
    if (!Array.isArray(alts)) continue
    const passing = alts.filter(
      (alt) => validateSchema(alt as JsonSchema, v, path).length === 0,
    ).length
    if (passing === 0 || (key === 'oneOf' && passing > 1)) {
      errors.push(
        `'${path}' must match ${key === 'oneOf' ? 'exactly one' : 'at least one'} of ${alts.length} allowed forms`,
      )
    }
  }
}
