/**
 * Secret redaction for everything that leaves the process: logs, comments, outputs, the
 * transcript. Registered values (and the encoded forms they travel in) plus well-known token
 * shapes are replaced with `***`, in one pass of one combined regex so large logs stay cheap.
 */

const MASK = '***'

/** Values shorter than this are ignored: masking "a" or "true" would shred every message. */
const MIN_SECRET_LENGTH = 4
/** Encoded forms shorter than this are not registered: too likely to occur by chance. */
const MIN_DERIVED_LENGTH = 8

/** Case-insensitive literal without the `i` flag, which the shared regex cannot carry. */
function ci(word: string): string {
  return [...word]
    .map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegExp(c)))
    .join('')
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/**
 * Token shapes, each a regex source without capture groups except the named `keep*` groups,
 * whose text is kept (the header name before a credential, say) while the rest is masked.
 */
const TOKEN_PATTERNS: string[] = [
  // GitHub: classic PAT, OAuth, user-to-server, server-to-server (GITHUB_TOKEN), refresh.
  '\\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{16,255}\\b',
  // GitHub fine-grained PAT.
  '\\bgithub_pat_[A-Za-z0-9_]{22,255}',
  // Anthropic API and admin keys (sk-ant-api03-..., sk-ant-admin01-...).
  '\\bsk-ant-[A-Za-z0-9_-]{8,}',
  // AWS access key ids (long-term and temporary).
  '\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b',
  // AWS secret access key, recognisable only by the name in front of it.
  `(?<keep1>${ci('aws_secret_access_key')}["']?\\s*[:=]\\s*["']?)[A-Za-z0-9/+=]{40}`,
  // Slack bot, user, app-level, refresh and config tokens.
  '\\bxox[abprs]-[A-Za-z0-9-]{10,}',
  '\\bxapp-[0-9]-[A-Za-z0-9-]{10,}',
  // JWT: header.payload.signature, both JSON parts starting with '{"'.
  '\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*',
  // Authorization header values (git extraheader, curl -H, HTTP dumps).
  `(?<keep2>${ci('authorization')}["']?\\s*[:=]\\s*["']?(?:${ci('bearer')}|${ci('basic')}|${ci('token')})\\s+)[^\\s'",;]+`,
  // Private key blocks; an unterminated one (a cut-off log) is masked to the end.
  '-----BEGIN[A-Z ]*PRIVATE KEY-----(?:[\\s\\S]*?-----END[A-Z ]*PRIVATE KEY-----|[\\s\\S]*$)',
]

const TOKEN_REGEX = new RegExp(TOKEN_PATTERNS.join('|'), 'g')

/** True when the text contains something shaped like a known token (used to scrub env values). */
export function containsTokenPattern(text: string): boolean {
  TOKEN_REGEX.lastIndex = 0
  const found = TOKEN_REGEX.test(text)
  TOKEN_REGEX.lastIndex = 0
  return found
}

/**
 * Base64 forms of `bytes` as they appear at each of the three alignments inside a longer
 * base64 string, trimmed to the characters that depend on the secret alone. This catches a
 * token inside `base64("x-access-token:" + token)` without knowing the prefix.
 */
function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    // Characters touching the zero prefix: none, 2 or 3.
    const start = [0, 2, 3][offset]
    // Keep only whole groups of 3 bytes; the last partial group depends on what follows.
    const end = Math.floor((offset + bytes.length) / 3) * 4
    const core = encoded.slice(start, end)
    if (core.length >= MIN_DERIVED_LENGTH) {
      forms.push(core)
      const urlSafe = core.replace(/\+/g, '-').replace(/\//g, '_')
      if (urlSafe !== core) forms.push(urlSafe)
    }
  }
  return forms
}

/**
 * Every form a registered secret is masked in, as regex sources: itself, its lines, and the
 * encodings a tool may print it in (JSON escapes, URL encoding, hex, base64 and base64url), so a
 * test that dumps a token as `Buffer.toString('hex')` or in a query string leaks nothing.
 */
function derivedForms(secret: string): { source: string; length: number }[] {
  const literals = new Set<string>([secret])
  // The runner masks multi-line secrets line by line; a key printed piecewise stays masked.
  if (secret.includes('\n')) {
    for (const line of secret.split(/\r?\n/)) {
      if (line.trim().length >= MIN_DERIVED_LENGTH) literals.add(line.trim())
    }
  }
  literals.add(escapeJson(secret))
  const bytes = Buffer.from(secret, 'utf8')
  // Hex as `xxd -p`, `Buffer.toString('hex')` and `%x` print it, and as `%X` and .NET print it.
  const hex = bytes.toString('hex')
  literals.add(hex)
  literals.add(hex.toUpperCase())
  for (const b64 of base64Forms(bytes)) literals.add(b64)
  const forms = [...literals]
    .filter((f) => f.length >= MIN_SECRET_LENGTH)
    .map((f) => ({ source: escapeRegExp(f), length: f.length }))
  const url = urlEncodedPattern(secret)
  if (url) forms.push(url)
  return forms
}

/** Characters no URL encoder escapes (RFC 3986 unreserved). */
const UNRESERVED = /^[A-Za-z0-9_.~-]$/

/**
 * The secret as any URL encoder may write it: each other character raw or percent-encoded in
 * either case (`encodeURIComponent` keeps `!'()*`, Python's `quote` escapes them; some write
 * `%2f`), a space also as `+` (form encoding). Null when the secret has nothing to encode.
 */
function urlEncodedPattern(secret: string): { source: string; length: number } | null {
  if ([...secret].every((c) => UNRESERVED.test(c))) return null
  const source = [...secret]
    .map((c) => {
      if (UNRESERVED.test(c)) return escapeRegExp(c)
      const percent = [...Buffer.from(c, 'utf8')]
        .map((b) => `%${ci(b.toString(16).toUpperCase().padStart(2, '0'))}`)
        .join('')
      return `(?:${escapeRegExp(c)}|${percent}${c === ' ' ? '|\\+' : ''})`
    })
    .join('')
  return { source, length: encodeURIComponent(secret).length }
}

/** The secret as it appears inside JSON.stringify output (quotes, backslashes, newlines). */
function escapeJson(secret: string): string {
  return JSON.stringify(secret).slice(1, -1)
}

export class Redactor {
  private readonly secrets = new Set<string>()
  /** Regex source of each masked form -> the length of the text it matches (for ordering). */
  private readonly forms = new Map<string, number>()
  private regex: RegExp | null = null

  constructor(secrets?: Iterable<string | undefined>) {
    for (const s of secrets ?? []) this.add(s)
  }

  /** Registers a value to mask everywhere; empty and very short (<4) values are ignored. */
  add(secret: string | undefined): void {
    if (typeof secret !== 'string') return
    const value = secret.trim()
    if (value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) return
    this.secrets.add(value)
    for (const form of derivedForms(value)) this.forms.set(form.source, form.length)
    this.regex = null
  }

  /** Masks registered secrets (and their encodings) and known token shapes with `***`. */
  redact(text: string): string {
    if (typeof text !== 'string' || text.length === 0) return text
    const regex = this.combined()
    regex.lastIndex = 0
    return text.replace(regex, (...args: unknown[]) => {
      // The last argument of a replacer is the named-groups object when the regex has any.
      const groups = args[args.length - 1] as Record<string, string | undefined>
      const keep = groups.keep1 ?? groups.keep2 ?? ''
      return keep + MASK
    })
  }

  /**
   * Returns a copy with every string inside (object keys too) redacted. Arrays, plain objects
   * and errors are copied; other objects (Date, Map, Buffer…) are returned as they are.
   */
  redactDeep<T>(value: T): T {
    return this.deep(value, new WeakMap()) as T
  }

  private deep(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value)
    if (value === null || typeof value !== 'object') return value
    const cached = seen.get(value)
    if (cached !== undefined) return cached
    if (Array.isArray(value)) {
      const out: unknown[] = []
      seen.set(value, out)
      for (const item of value) out.push(this.deep(item, seen))
      return out
    }
    const proto: unknown = Object.getPrototypeOf(value)
    const plain = proto === Object.prototype || proto === null
    if (!plain && !(value instanceof Error)) return value
    const out = Object.create(proto as object | null) as Record<string, unknown>
    seen.set(value, out)
    // Errors keep message and stack as own non-enumerable properties: copy those too.
    const keys =
      value instanceof Error
        ? Object.getOwnPropertyNames(value)
        : Object.keys(value as Record<string, unknown>)
    for (const key of keys) {
      const v = (value as Record<string, unknown>)[key]
      const redactedKey = this.redact(key)
      if (value instanceof Error && (key === 'message' || key === 'stack')) {
        Object.defineProperty(out, key, {
          value: this.deep(v, seen),
          writable: true,
          configurable: true,
          enumerable: false,
        })
      } else {
        out[redactedKey] = this.deep(v, seen)
      }
    }
    return out
  }

  /**
   * A position at or before `at` that does not fall inside anything `redact` would mask, so
   * text cut there and redacted in two parts is masked as if it were whole.
   */
  safeCut(text: string, at: number): number {
    if (at <= 0) return 0
    const regex = this.combined()
    regex.lastIndex = 0
    let cut = at
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m.index >= at) break
      if (m.index + m[0].length > at) {
        cut = m.index
        break
      }
      if (m[0].length === 0) regex.lastIndex++
    }
    regex.lastIndex = 0
    // A match from the very start (an unterminated key block) must not stall the stream.
    return cut > 0 ? cut : at
  }

  private combined(): RegExp {
    if (this.regex) return this.regex
    // Longest first so a secret is never half-masked by a shorter one that prefixes it.
    const literals = [...this.forms].sort((a, b) => b[1] - a[1]).map(([source]) => source)
    const parts = literals.length > 0 ? [...literals, ...TOKEN_PATTERNS] : TOKEN_PATTERNS
    this.regex = new RegExp(parts.join('|'), 'g')
    return this.regex
  }
}

/** Longer than any token shape or registered secret we expect: the hold-back of a long line. */
const STREAM_OVERLAP = 4096
/** A private key block longer than this (a PEM of an 8192-bit RSA key is ~6.5 KB) is not one. */
const MAX_KEY_BLOCK_CHARS = 16_384
const KEY_BEGIN = /-----BEGIN[A-Z ]*PRIVATE KEY-----/g
const KEY_END = /-----END[A-Z ]*PRIVATE KEY-----/

/** True when the text opens a private key block it does not close. */
function opensKeyBlock(text: string): boolean {
  let last = -1
  KEY_BEGIN.lastIndex = 0
  for (let m = KEY_BEGIN.exec(text); m; m = KEY_BEGIN.exec(text)) last = m.index
  KEY_BEGIN.lastIndex = 0
  return last >= 0 && !KEY_END.test(text.slice(last))
}

/**
 * Redaction for text that arrives in chunks (a command's output). Redacting chunk by chunk
 * misses a secret split across two chunks, so text is released only up to a line end (a long
 * line is released in pieces cut outside any match, holding back more than a secret's length),
 * and a private key block that spans releases stays masked until its END line.
 */
export class StreamRedactor {
  private pending = ''
  private keyChars = -1

  constructor(
    private readonly redactor: Redactor,
    /** Without a line end for this long, text is released anyway: memory stays bounded. */
    private readonly maxPending = 65_536,
  ) {}

  /** Adds a chunk; returns the redacted text that can be released now (maybe ''). */
  push(chunk: string): string {
    this.pending += chunk
    let cut = this.pending.lastIndexOf('\n') + 1
    if (cut === 0) {
      if (this.pending.length < this.maxPending) return ''
      cut = this.redactor.safeCut(this.pending, this.pending.length - STREAM_OVERLAP)
    }
    const text = this.pending.slice(0, cut)
    this.pending = this.pending.slice(cut)
    return this.release(text)
  }

  /** Releases what is left at the end of the stream. */
  end(): string {
    const text = this.pending
    this.pending = ''
    return text ? this.release(text) : ''
  }

  private release(text: string): string {
    if (this.keyChars >= 0) {
      // Inside a key block opened by an earlier release (already shown as ***).
      const end = KEY_END.exec(text)
      if (end) {
        text = text.slice(end.index + end[0].length)
        this.keyChars = -1
      } else {
        this.keyChars += text.length
        if (this.keyChars <= MAX_KEY_BLOCK_CHARS) return ''
        this.keyChars = -1
      }
    }
    const out = this.redactor.redact(text)
    if (opensKeyBlock(text)) this.keyChars = 0
    return out
  }
}
