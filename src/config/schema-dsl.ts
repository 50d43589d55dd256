/**
 * A small schema language for pitcrew's settings. One schema value drives three things: the
 * parser (YAML / input values -> typed settings), the TypeScript type of the result (inferred,
 * checked against src/config/types.ts at compile time), and the generated reference docs. Keeping
 * them in one place is what stops the documentation from drifting away from the parser.
 *
 * Keys are kebab-case in YAML and camelCase in the result (`max-comments` -> `maxComments`);
 * `.to('name')` renames a key when the result carries a unit (`timeout` -> `timeoutSeconds`).
 */

export type PathSegment = string | number
export type Path = PathSegment[]

/** One problem found while parsing; `at: 'key'` points at the key itself (unknown keys). */
export interface Issue {
  path: Path
  message: string
  at: 'key' | 'value'
}

/** Collects issues so every problem in a file is reported at once, not one per run. */
export interface ParseContext {
  issues: Issue[]
  /** The whole schema: lets an unknown key point to where it belongs (`test-command` -> `fix`). */
  root?: AnyNode
}

/** Handed to `.refine` / `.transform` callbacks so cross-field checks report with a key path. */
export interface Refiner {
  readonly path: Path
  /** Reports a problem at `path` + `rel`. */
  error(rel: Path, message: string): void
}

export type Presence = 'required' | 'optional' | 'default'

/** Returned by parsers for a value that produced an issue; never reaches the result. */
export const INVALID: unique symbol = Symbol('invalid')
export type Invalid = typeof INVALID

export type Spec =
  | { kind: 'string'; allowEmpty: boolean }
  | { kind: 'int' | 'number'; min?: number; max?: number; gt?: number; lt?: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'duration'; unit: 's' | 'm'; min?: number; max?: number }
  | { kind: 'duration-text' }
  | { kind: 'list'; of: AnyNode; single: boolean; minItems?: number }
  | { kind: 'map'; of: AnyNode }
  | { kind: 'object'; fields: Record<string, AnyNode> }
  | {
      kind: 'union'
      tag: string
      variants: Record<string, ObjectNode<Record<string, AnyNode>>>
      shorthand: boolean
    }

export interface Meta {
  description?: string
  examples: unknown[]
  presence: Presence
  defaultValue?: unknown
  /** Object nodes whose fields all have defaults: absent means "parse `{}`". */
  defaultEmpty?: boolean
  /** How the default reads in the docs when the value itself would read badly. */
  defaultDoc?: string
  secret: boolean
  rename?: string
  refiners: ((value: unknown, r: Refiner) => void)[]
  transforms: ((value: unknown, r: Refiner) => unknown)[]
  /** Extra text appended to "missing key" errors (e.g. which variant requires it). */
  requiredNote?: string
  /**
   * JSON Schema keywords merged into this node's editor schema (src/config/json-schema.ts), for
   * rules a `.refine` checks in code that JSON Schema can also say (`anyOf` of required keys).
   */
  jsonSchema?: Record<string, unknown>
}

/**
 * A schema node. `T` is the parsed type, `P` whether the key may be absent, `N` a renamed
 * result key. The generic parameters exist only for type inference; parsing reads `spec`/`meta`.
 */
export class Node<T, P extends Presence = 'required', N extends string | undefined = undefined> {
  declare readonly _type: T
  declare readonly _presence: P
  declare readonly _name: N

  constructor(
    readonly spec: Spec,
    readonly meta: Meta,
  ) {}

  private with<T2 = T, P2 extends Presence = P, N2 extends string | undefined = N>(
    meta: Partial<Meta>,
  ): Node<T2, P2, N2> {
    return new Node<T2, P2, N2>(this.spec, { ...this.meta, ...meta })
  }

  /** Human text shown in the docs (and used in "expected" messages of variant fields). */
  describe(description: string): Node<T, P, N> {
    return this.with({ description })
  }

  /** Example values (YAML input form) shown in the docs. */
  example(...examples: unknown[]): Node<T, P, N> {
    return this.with({ examples: [...this.meta.examples, ...examples] })
  }

  /** The value used when the key is absent (result form; cloned for every parse). */
  default(value: T, doc?: string): Node<T, 'default', N> {
    return this.with<T, 'default', N>({ presence: 'default', defaultValue: value, defaultDoc: doc })
  }

  /** The key may be absent; the result key is then absent too. */
  optional(): Node<T, 'optional', N> {
    return this.with<T, 'optional', N>({ presence: 'optional' })
  }

  /** Renames the result key (YAML `timeout` -> `timeoutSeconds`). */
  to<N2 extends string>(name: N2): Node<T, P, N2> {
    return this.with<T, P, N2>({ rename: name })
  }

  /** Never echo this value (or anything inside it) in an error. */
  secret(): Node<T, P, N> {
    return this.with({ secret: true })
  }

  /** A cross-field check run after the value parsed cleanly. */
  refine(check: (value: T, r: Refiner) => void): Node<T, P, N> {
    return this.with({
      refiners: [...this.meta.refiners, check as (v: unknown, r: Refiner) => void],
    })
  }

  /** Reshapes the parsed value (e.g. `duration` + `interval` -> `count`); may report issues. */
  transform<U>(
    fn: (value: T, r: Refiner) => U | Invalid,
  ): Node<U, P extends 'default' ? 'default' : P, N> {
    return this.with<U, P extends 'default' ? 'default' : P, N>({
      transforms: [...this.meta.transforms, fn as (v: unknown, r: Refiner) => unknown],
    })
  }

  /** Adds JSON Schema keywords to the editor schema of this node (see Meta.jsonSchema). */
  jsonSchema(keywords: Record<string, unknown>): Node<T, P, N> {
    return this.with({ jsonSchema: { ...this.meta.jsonSchema, ...keywords } })
  }

  /** Appends a note to "missing key" errors. */
  requiredBecause(note: string): Node<T, P, N> {
    return this.with({ requiredNote: note })
  }
}

export type ObjectNode<F extends Record<string, AnyNode>> = Node<
  ObjectOut<F>,
  Presence,
  string | undefined
>

// `any` here: a node of any parsed type must be storable in a field map; the parsed types are
// recovered through inference (`Infer<>`), never read through AnyNode.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNode = Node<any, Presence, string | undefined>

export type Infer<X extends AnyNode> = X['_type']

type Camel<S extends string> = S extends `${infer H}-${infer R}` ? `${H}${Capitalize<Camel<R>>}` : S
type OutKey<K extends string, X extends AnyNode> = X['_name'] extends string ? X['_name'] : Camel<K>
type Simplify<T> = { [K in keyof T]: T[K] } & {}

export type ObjectOut<F extends Record<string, AnyNode>> = Simplify<
  {
    [
      K in keyof F & string as F[K]['_presence'] extends 'optional' ? never : OutKey<K, F[K]>
    ]: Infer<F[K]>
  } & {
    [
      K in keyof F & string as F[K]['_presence'] extends 'optional' ? OutKey<K, F[K]> : never
    ]?: Infer<F[K]>
  }
>

type UnionOut<Tag extends string, V extends Record<string, AnyNode>> = {
  [K in keyof V & string]: Simplify<{ [P in Tag]: K } & Infer<V[K]>>
}[keyof V & string]

function meta(extra?: Partial<Meta>): Meta {
  return {
    examples: [],
    presence: 'required',
    secret: false,
    refiners: [],
    transforms: [],
    ...extra,
  }
}

/** Builders. `s.object({...})` etc. Every builder returns a required node; chain to change that. */
export const s = {
  string(opts: { allowEmpty?: boolean } = {}): Node<string> {
    return new Node({ kind: 'string', allowEmpty: opts.allowEmpty ?? false }, meta())
  },
  int(opts: { min?: number; max?: number } = {}): Node<number> {
    return new Node({ kind: 'int', ...opts }, meta())
  },
  number(opts: { min?: number; max?: number; gt?: number; lt?: number } = {}): Node<number> {
    return new Node({ kind: 'number', ...opts }, meta())
  },
  boolean(): Node<boolean> {
    return new Node({ kind: 'boolean' }, meta())
  },
  enum<const V extends readonly string[]>(values: V): Node<V[number]> {
    return new Node({ kind: 'enum', values }, meta())
  },
  /** `30s`, `5m`, `1h`, `1h30m` (or `0`) -> a number in `unit` (seconds by default). */
  duration(opts: { unit?: 's' | 'm'; min?: number; max?: number } = {}): Node<number> {
    return new Node(
      { kind: 'duration', unit: opts.unit ?? 's', min: opts.min, max: opts.max },
      meta(),
    )
  },
  /** A duration validated like `duration` but kept as text (passed on to a metrics provider). */
  durationText(): Node<string> {
    return new Node({ kind: 'duration-text' }, meta())
  },
  /** A list; `single: true` also accepts one scalar for a one-item list. */
  list<X extends AnyNode>(
    of: X,
    opts: { single?: boolean; minItems?: number } = {},
  ): Node<Infer<X>[]> {
    return new Node(
      { kind: 'list', of, single: opts.single ?? false, minItems: opts.minItems },
      meta(),
    )
  },
  map<X extends AnyNode>(of: X): Node<Record<string, Infer<X>>> {
    return new Node({ kind: 'map', of }, meta())
  },
  object<F extends Record<string, AnyNode>>(fields: F): Node<ObjectOut<F>> {
    return new Node({ kind: 'object', fields }, meta())
  },
  /**
   * An object absent from the file is parsed as `{}`, i.e. every field takes its default. Only
   * meaningful when no field is required.
   */
  section<F extends Record<string, AnyNode>>(fields: F): Node<ObjectOut<F>, 'default'> {
    return new Node({ kind: 'object', fields }, meta({ presence: 'default', defaultEmpty: true }))
  },
  /**
   * Objects told apart by a tag key (`type: prometheus`). With `shorthand`, a plain string is
   * read as `{ type: <string> }` (`method: github-deployment`).
   */
  union<const Tag extends string, V extends Record<string, ObjectNode<Record<string, AnyNode>>>>(
    tag: Tag,
    variants: V,
    opts: { shorthand?: boolean } = {},
  ): Node<UnionOut<Tag, V>> {
    return new Node({ kind: 'union', tag, variants, shorthand: opts.shorthand ?? false }, meta())
  },
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Parses `value` against `node`, appending every problem to `ctx.issues`. */
export function parseNode(
  node: AnyNode,
  value: unknown,
  path: Path,
  ctx: ParseContext,
  secret = false,
): unknown {
  const hidden = secret || node.meta.secret
  const before = ctx.issues.length
  let out = parseSpec(node, value, path, ctx, hidden)
  if (out === INVALID || ctx.issues.length > before) return INVALID
  const refiner: Refiner = {
    path,
    error: (rel, message) =>
      void ctx.issues.push({ path: [...path, ...rel], message, at: 'value' }),
  }
  for (const check of node.meta.refiners) check(out, refiner)
  if (ctx.issues.length > before) return INVALID
  for (const fn of node.meta.transforms) {
    out = fn(out, refiner)
    if (out === INVALID || ctx.issues.length > before) return INVALID
  }
  return out
}

/** The value a node takes when its key is absent (undefined: leave the key out). */
export function defaultOf(node: AnyNode, path: Path, ctx: ParseContext): unknown {
  if (node.meta.presence !== 'default') return undefined
  if (node.meta.defaultEmpty) return parseNode(node, {}, path, ctx)
  return structuredClone(node.meta.defaultValue)
}

function issue(
  ctx: ParseContext,
  path: Path,
  message: string,
  at: 'key' | 'value' = 'value',
): Invalid {
  ctx.issues.push({ path, message, at })
  return INVALID
}

function bad(
  ctx: ParseContext,
  path: Path,
  value: unknown,
  node: AnyNode,
  hidden: boolean,
): Invalid {
  return issue(ctx, path, `Invalid value ${quote(value, hidden)}. Expected ${expected(node)}.`)
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function parseSpec(
  node: AnyNode,
  value: unknown,
  path: Path,
  ctx: ParseContext,
  hidden: boolean,
): unknown {
  const spec = node.spec
  switch (spec.kind) {
    case 'string': {
      // Numbers read as strings on purpose: `account-id: 12345` is a string to New Relic.
      if (typeof value === 'number' && Number.isFinite(value)) return String(value)
      if (typeof value !== 'string') return bad(ctx, path, value, node, hidden)
      if (!spec.allowEmpty && value.trim() === '') return bad(ctx, path, value, node, hidden)
      return value
    }
    case 'int':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return bad(ctx, path, value, node, hidden)
      if (spec.kind === 'int' && !Number.isInteger(value))
        return bad(ctx, path, value, node, hidden)
      if (!inRange(value, spec)) return bad(ctx, path, value, node, hidden)
      return value
    }
    case 'boolean':
      if (typeof value !== 'boolean') return bad(ctx, path, value, node, hidden)
      return value
    case 'enum': {
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        const hint = typeof value === 'string' ? didYouMean(value, spec.values) : ''
        return issue(
          ctx,
          path,
          `Invalid value ${quote(value, hidden)}. Expected ${expected(node)}.${hint}`,
        )
      }
      return value
    }
    case 'duration': {
      const seconds = durationSeconds(value)
      if (seconds === undefined) {
        return issue(
          ctx,
          path,
          `Invalid duration ${quote(value, hidden)}. Expected ${expected(node)}.`,
        )
      }
      if (
        (spec.min !== undefined && seconds < spec.min) ||
        (spec.max !== undefined && seconds > spec.max)
      ) {
        return issue(
          ctx,
          path,
          `Invalid duration ${quote(value, hidden)}. Expected ${expected(node)}.`,
        )
      }
      return spec.unit === 'm' ? seconds / 60 : seconds
    }
    case 'duration-text': {
      const seconds = durationSeconds(value)
      if (seconds === undefined || seconds <= 0) {
        return issue(
          ctx,
          path,
          `Invalid duration ${quote(value, hidden)}. Expected ${expected(node)}.`,
        )
      }
      return String(value)
    }
    case 'list': {
      let items: unknown[]
      if (Array.isArray(value)) items = value
      else if (spec.single && (typeof value === 'string' || typeof value === 'number'))
        items = [value]
      else return bad(ctx, path, value, node, hidden)
      if (spec.minItems !== undefined && items.length < spec.minItems) {
        return issue(ctx, path, `Expected at least ${spec.minItems} item(s), got ${items.length}.`)
      }
      const out: unknown[] = []
      items.forEach((item, i) => {
        if (item === null || item === undefined) {
          issue(ctx, [...path, i], `Empty list item. Expected ${expected(spec.of)}.`)
          return
        }
        out.push(parseNode(spec.of, item, [...path, i], ctx, hidden))
      })
      return out
    }
    case 'map': {
      if (!isPlainObject(value)) return bad(ctx, path, value, node, hidden)
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) {
        if (v === null || v === undefined) {
          issue(ctx, [...path, k], `Missing value. Expected ${expected(spec.of)}.`)
          continue
        }
        out[k] = parseNode(spec.of, v, [...path, k], ctx, hidden)
      }
      return out
    }
    case 'object':
      if (!isPlainObject(value)) return bad(ctx, path, value, node, hidden)
      return parseFields(spec.fields, value, path, ctx, hidden)
    case 'union':
      return parseUnion(node, spec, value, path, ctx, hidden)
  }
}

function inRange(
  v: number,
  spec: { min?: number; max?: number; gt?: number; lt?: number },
): boolean {
  if (spec.min !== undefined && v < spec.min) return false
  if (spec.max !== undefined && v > spec.max) return false
  if (spec.gt !== undefined && v <= spec.gt) return false
  if (spec.lt !== undefined && v >= spec.lt) return false
  return true
}

function parseFields(
  fields: Record<string, AnyNode>,
  value: Record<string, unknown>,
  path: Path,
  ctx: ParseContext,
  hidden: boolean,
  skip: string[] = [],
): Record<string, unknown> {
  const known = Object.keys(fields)
  for (const key of Object.keys(value)) {
    if (key in fields || skip.includes(key)) continue
    issue(ctx, [...path, key], unknownKeyMessage(key, [...skip, ...known], path, ctx.root), 'key')
  }
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(fields)) {
    const outKey = field.meta.rename ?? camel(key)
    const raw = value[key]
    let parsed: unknown
    if (raw === undefined || raw === null) {
      if (field.meta.presence === 'required') {
        const note = field.meta.requiredNote ? ` ${field.meta.requiredNote}` : ''
        issue(
          ctx,
          [...path, key],
          `Missing required key '${key}'.${note} Expected ${expected(field)}.`,
        )
        continue
      }
      parsed = defaultOf(field, [...path, key], ctx)
    } else {
      parsed = parseNode(field, raw, [...path, key], ctx, hidden)
    }
    if (parsed !== undefined) out[outKey] = parsed
  }
  return out
}

function parseUnion(
  node: AnyNode,
  spec: Extract<Spec, { kind: 'union' }>,
  value: unknown,
  path: Path,
  ctx: ParseContext,
  hidden: boolean,
): unknown {
  const names = Object.keys(spec.variants)
  let obj: Record<string, unknown>
  if (typeof value === 'string' && spec.shorthand) obj = { [spec.tag]: value }
  else if (isPlainObject(value)) obj = value
  else return bad(ctx, path, value, node, hidden)
  const tag = obj[spec.tag]
  if (tag === undefined || tag === null) {
    return issue(
      ctx,
      [...path, spec.tag],
      `Missing required key '${spec.tag}'. Expected one of: ${names.join(', ')}.`,
    )
  }
  if (typeof tag !== 'string' || !(tag in spec.variants)) {
    const hint = typeof tag === 'string' ? didYouMean(tag, names) : ''
    // A shorthand string is the value itself, so point at the key holding it.
    const at = isPlainObject(value) ? [...path, spec.tag] : path
    return issue(
      ctx,
      at,
      `Invalid ${spec.tag} ${quote(tag, hidden)}. Expected one of: ${names.join(', ')}.${hint}`,
    )
  }
  const variant = spec.variants[tag]!
  if (variant.spec.kind !== 'object')
    throw new Error(`union variant '${tag}' must be an object node`)
  const fields = Object.fromEntries(
    Object.entries(variant.spec.fields).map(([k, f]) => [
      k,
      f.meta.requiredNote ? f : f.requiredBecause(`It is required for ${spec.tag} '${tag}'.`),
    ]),
  )
  const before = ctx.issues.length
  const parsed = parseFields(fields, obj, path, ctx, hidden, [spec.tag])
  if (ctx.issues.length > before) return INVALID
  return { [spec.tag]: tag, ...parsed }
}

// ---------------------------------------------------------------------------------------------
// Durations

const NUM = '(\\d+(?:\\.\\d+)?)'
const DURATION_RE = new RegExp(
  `^(?:${NUM}w)?(?:${NUM}d)?(?:${NUM}h)?(?:${NUM}m)?(?:${NUM}s)?(?:${NUM}ms)?$`,
)
const UNIT_SECONDS = [604800, 86400, 3600, 60, 1, 0.001]

/**
 * `30s`, `5m`, `1h`, `1h30m`, `2d`, `500ms` (Prometheus style, largest unit first), or the number
 * 0. Other bare numbers are refused on purpose: `timeout: 10` could mean seconds or minutes, and
 * guessing wrong is a silent bug.
 */
export function durationSeconds(value: unknown): number | undefined {
  if (value === 0 || value === '0') return 0
  if (typeof value !== 'string') return undefined
  const m = DURATION_RE.exec(value.trim())
  if (!m || m.slice(1).every((g) => g === undefined)) return undefined
  return m
    .slice(1)
    .reduce((sum, g, i) => sum + (g === undefined ? 0 : Number(g) * UNIT_SECONDS[i]!), 0)
}

/** Seconds back to the shortest readable form (`300` -> `5m`), for docs and messages. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0'
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const sec = seconds % 60
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${sec ? `${sec}s` : ''}`
}

// ---------------------------------------------------------------------------------------------
// Messages

/** The "Expected ..." half of an error: what this node accepts, in words. */
export function expected(node: AnyNode): string {
  const spec = node.spec
  switch (spec.kind) {
    case 'string':
      return spec.allowEmpty ? 'a string' : 'a non-empty string'
    case 'int':
    case 'number':
      return `${spec.kind === 'int' ? 'an integer' : 'a number'}${rangeText(spec)}`
    case 'boolean':
      return 'true or false'
    case 'enum':
      return `one of: ${spec.values.join(', ')}`
    case 'duration':
    case 'duration-text': {
      const base = "a duration with a unit, like '30s', '5m', '1h' or '1h30m'"
      if (spec.kind === 'duration' && (spec.min !== undefined || spec.max !== undefined)) {
        const parts: string[] = []
        if (spec.min !== undefined) parts.push(`at least ${formatDuration(spec.min)}`)
        if (spec.max !== undefined) parts.push(`at most ${formatDuration(spec.max)}`)
        return `${base}, ${parts.join(' and ')}`
      }
      return base
    }
    case 'list':
      return `a list of ${plural(expected(spec.of))}`
    case 'map':
      return `a mapping of names to ${plural(expected(spec.of))}`
    case 'object':
      return `a mapping with keys: ${Object.keys(spec.fields).join(', ')}`
    case 'union':
      return `a mapping with '${spec.tag}: ${Object.keys(spec.variants).join('|')}'${
        spec.shorthand ? ` (or just the ${spec.tag} name)` : ''
      }`
  }
}

function plural(text: string): string {
  return text
    .replace(/^an? non-empty string$/, 'non-empty strings')
    .replace(/^a string$/, 'strings')
    .replace(/^an integer/, 'integers')
    .replace(/^a number/, 'numbers')
    .replace(/^a mapping/, 'mappings')
    .replace(/^a duration/, 'durations')
}

function rangeText(spec: { min?: number; max?: number; gt?: number; lt?: number }): string {
  const parts: string[] = []
  if (spec.min !== undefined) parts.push(`>= ${spec.min}`)
  if (spec.gt !== undefined) parts.push(`> ${spec.gt}`)
  if (spec.max !== undefined) parts.push(`<= ${spec.max}`)
  if (spec.lt !== undefined) parts.push(`< ${spec.lt}`)
  return parts.length ? ` ${parts.join(' and ')}` : ''
}

const TOKEN_LIKE = [
  /gh[pousr]_[A-Za-z0-9]{20,}/,
  /github_pat_[A-Za-z0-9_]{20,}/,
  /sk-ant-[A-Za-z0-9_-]{10,}/,
  /AKIA[0-9A-Z]{16}/,
  /xox[abprs]-[A-Za-z0-9-]{10,}/,
  /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\./,
]

/**
 * Quotes a bad value for an error message. Secret fields and anything shaped like a token are
 * never echoed: error messages end up in logs and job summaries.
 */
export function quote(value: unknown, hidden = false): string {
  if (hidden) return '(hidden: secret value)'
  let text: string
  if (typeof value === 'string') text = value
  else if (value === null || value === undefined) text = String(value)
  else if (typeof value === 'object') text = JSON.stringify(value)
  else text = String(value)
  if (TOKEN_LIKE.some((re) => re.test(text))) return '(hidden: looks like a secret)'
  // Credentials in a URL (`https://user:pass@host`) are secrets too.
  text = text.replace(/(\/\/)[^/@\s]*@/g, '$1***@')
  if (text.length > 80) text = `${text.slice(0, 77)}...`
  return `'${text.replace(/\n/g, '\\n')}'`
}

/** `max-comments` -> `maxComments`. */
export function camel(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

/** `maxComments` -> `max-comments`. */
export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, '-')
}

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (`reveiw`). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1)
      }
      d[i]![j] = v
    }
  }
  return d[a.length]![b.length]!
}

/** The closest candidate, when it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase()
  const asKebab = kebab(word).toLowerCase()
  const exact = candidates.find((c) => c === asKebab || c.toLowerCase() === lower)
  if (exact) return exact
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    const dist = Math.min(
      editDistance(lower, c.toLowerCase()),
      editDistance(asKebab, c.toLowerCase()),
    )
    if (dist < bestDistance) {
      best = c
      bestDistance = dist
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(word.length, 3) / 3))
  return bestDistance <= limit ? best : undefined
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const hit = closest(word, candidates)
  return hit ? ` Did you mean '${hit}'?` : ''
}

function unknownKeyMessage(key: string, known: string[], path: Path, root?: AnyNode): string {
  let hint = didYouMean(key, known)
  if (!hint && root) {
    const here = formatPath(path)
    const elsewhere = keyPaths(root, []).filter(
      (p) => p.endsWith(`.${key}`) && p.slice(0, -key.length - 1) !== here,
    )
    if (elsewhere.length > 0) hint = ` Did you mean '${elsewhere.slice(0, 3).join("' or '")}'?`
  }
  return `Unknown key ${quote(key)}.${hint} Expected one of: ${known.join(', ')}.`
}

/** Every key path of a schema (`fix.test-command`, `rollback.metrics[].name`, ...). */
export function keyPaths(node: AnyNode, prefix: string[]): string[] {
  const spec = node.spec
  const join = (k: string) => [...prefix, k].join('.')
  if (spec.kind === 'object') {
    return Object.entries(spec.fields).flatMap(([k, f]) => [
      join(k),
      ...keyPaths(f, [...prefix, k]),
    ])
  }
  if (spec.kind === 'list') {
    const last = prefix.length ? [...prefix.slice(0, -1), `${prefix[prefix.length - 1]}[]`] : prefix
    return keyPaths(spec.of, last)
  }
  if (spec.kind === 'union') {
    const all = Object.values(spec.variants).flatMap((v) => keyPaths(v, prefix))
    return [...new Set(all)]
  }
  return []
}

/** `['rollback', 'metrics', 1, 'condition']` -> `rollback.metrics[1].condition`. */
export function formatPath(path: Path): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? seg : `.${seg}`
  }
  return out
}
