/**
 * Committable suggestions that cannot break the file: a ```suggestion block is offered only
 * when it replaces exactly the commented lines and the patched file still parses. Everything
 * else is shown as a plain code block, so a click on "Commit suggestion" never commits a
 * syntax error (pr-agent #3014, #3042) or duplicates a neighbouring line.
 *
 * Parsers: TS/JS with the `typescript` package's own parser (syntactic diagnostics of
 * `transpileModule`), loaded by dynamic import only when a TS/JS suggestion is checked. It is
 * the only parser that accepts all of TS, TSX, JSX and modern JS without false alarms (acorn
 * needs plugins for TS and JSX, none of them bundled here); the cost is size on disk (a ~9 MB lazy
 * chunk in dist/), not start-up time: the chunk loads only when a TS/JS suggestion is checked. JSON with JSON.parse, YAML with the `yaml` package;
 * other languages: a bracket and double-quote balance check against the replaced lines.
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { InlineAnchor } from './anchor.js'

export interface SuggestionCheck {
  ok: boolean
  /** Why it is shown as a plain block instead (for the comment and the log). */
  reason?: string
}

type ParseResult = { ok: true } | { ok: false; error: string }

const TS_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i

type TsModule = typeof import('typescript')
let tsPromise: Promise<TsModule | null> | null = null

async function loadTypescript(): Promise<TsModule | null> {
  // TypeScript's CommonJS build reads the free variable `__filename` while loading; inside the
  // ESM bundle there is none (ReferenceError), so give it this module's path when absent.
  const g = globalThis as { __filename?: string; __dirname?: string }
  if (typeof g.__filename !== 'string') {
    g.__filename = fileURLToPath(import.meta.url)
    g.__dirname ??= dirname(g.__filename)
  }
  tsPromise ??= import('typescript')
    .then((m) => ((m as unknown as { default?: TsModule }).default ?? m) as TsModule)
    .catch(() => null)
  return tsPromise
}

async function parseTsJs(path: string, text: string): Promise<ParseResult | null> {
  const ts = await loadTypescript()
  if (!ts) return null
  const out = ts.transpileModule(text, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ESNext, jsx: ts.JsxEmit.Preserve, allowJs: true },
  })
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error)
  if (errors.length === 0) return { ok: true }
  const d = errors[0]!
  const where =
    d.file && d.start !== undefined
      ? d.file.getLineAndCharacterOfPosition(d.start).line + 1
      : undefined
  return {
    ok: false,
    error: `${ts.flattenDiagnosticMessageText(d.messageText, ' ')}${where ? ` (line ${where})` : ''}`,
  }
}

/** Parses `text` as the language of `path`; null when no parser applies. */
export async function parseCheck(path: string, text: string): Promise<ParseResult | null> {
  if (TS_EXT.test(path)) return parseTsJs(path, text)
  if (/\.json$/i.test(path)) {
    try {
      JSON.parse(text)
      return { ok: true }
    } catch (err) {
      return { ok: false, error: (err as Error).message }
    }
  }
  if (/\.ya?ml$/i.test(path)) {
    // Loaded here, for a suggestion in a YAML file: a review loads no YAML parser before its
    // first model request (cold start).
    const { parseAllDocuments } = await import('yaml')
    const docs = parseAllDocuments(text)
    const list = Array.isArray(docs) ? docs : [docs]
    for (const doc of list) {
      if (doc.errors.length > 0) return { ok: false, error: doc.errors[0]!.message.split('\n')[0]! }
    }
    return { ok: true }
  }
  return null
}

/**
 * Net bracket depth and double-quote parity of some lines. Comments and single quotes are not
 * understood (too language-specific: apostrophes, lifetimes), so this only compares the
 * replaced lines with their replacement; equal balances are required, not zero.
 */
export function balance(lines: string[]): {
  round: number
  square: number
  curly: number
  quotes: number
} {
  const b = { round: 0, square: 0, curly: 0, quotes: 0 }
  for (const line of lines) {
    let inString = false
    for (let i = 0; i < line.length; i++) {
      const c = line[i]
      if (c === '\\') {
        i++
        continue
      }
      if (c === '"') {
        inString = !inString
        b.quotes ^= 1
        continue
      }
      if (inString) continue
      if (c === '(') b.round++
      else if (c === ')') b.round--
      else if (c === '[') b.square++
      else if (c === ']') b.square--
      else if (c === '{') b.curly++
      else if (c === '}') b.curly--
    }
  }
  return b
}

function sameBalance(a: string[], b: string[]): boolean {
  const x = balance(a)
  const y = balance(b)
  return (
    x.round === y.round && x.square === y.square && x.curly === y.curly && x.quotes === y.quotes
  )
}

/** The suggestion's lines; one trailing newline is the model's line end, not an extra line. */
export function suggestionLines(suggestion: string): string[] {
  const text = suggestion.replace(/\r\n/g, '\n').replace(/\n$/, '')
  return text === '' ? [] : text.split('\n')
}

/**
 * Decides whether a suggestion may be offered as a ```suggestion block on `anchor`.
 * `rangeLines` are the anchored lines from the diff; `fileText` is the head version of the
 * file (null when unavailable: only the balance check is possible then).
 */
export async function checkSuggestion(opts: {
  anchor: InlineAnchor
  suggestion: string
  rangeLines: string[]
  fileText: string | null
}): Promise<SuggestionCheck> {
  const { anchor, suggestion } = opts
  if (anchor.side !== 'RIGHT')
    return { ok: false, reason: 'suggestions apply to the new version of the file only' }
  if (!anchor.exact)
    return { ok: false, reason: 'the comment was moved from the lines the suggestion replaces' }
  const start = anchor.startLine ?? anchor.line
  const count = anchor.line - start + 1
  const original = opts.rangeLines.map((l) => l.replace(/\r$/, ''))
  if (original.length !== count)
    return { ok: false, reason: 'the commented range is not fully in the diff' }
  const replacement = suggestionLines(suggestion)
  if (replacement.join('\n') === original.join('\n'))
    return { ok: false, reason: 'the suggestion changes nothing' }

  let fileLines: string[] | null = null
  let crlf = false
  if (opts.fileText !== null) {
    crlf = opts.fileText.includes('\r\n')
    fileLines = opts.fileText.replace(/\r\n/g, '\n').split('\n')
    const current = fileLines.slice(start - 1, anchor.line)
    if (current.join('\n') !== original.join('\n')) {
      return {
        ok: false,
        reason: 'the file in the workspace does not match the diff at these lines',
      }
    }
    // A suggestion that repeats the line just above or below the range would duplicate it.
    const before = fileLines[start - 2]?.trim()
    const after = fileLines[anchor.line]?.trim()
    const first = replacement[0]?.trim()
    const last = replacement[replacement.length - 1]?.trim()
    if (before && first === before && original[0]?.trim() !== before && replacement.length > 1) {
      return { ok: false, reason: 'the suggestion repeats the line above the commented range' }
    }
    if (
      after &&
      last === after &&
      original[original.length - 1]?.trim() !== after &&
      replacement.length > 1
    ) {
      return { ok: false, reason: 'the suggestion repeats the line below the commented range' }
    }
  }

  if (fileLines !== null) {
    const patched = [
      ...fileLines.slice(0, start - 1),
      ...replacement,
      ...fileLines.slice(anchor.line),
    ]
    const eol = crlf ? '\r\n' : '\n'
    const patchedResult = await parseCheck(anchor.path, patched.join(eol))
    if (patchedResult) {
      if (patchedResult.ok) return { ok: true }
      const originalResult = await parseCheck(anchor.path, fileLines.join(eol))
      // When the original does not parse either (a dialect we do not know), the parser cannot
      // judge the suggestion: fall through to the balance check.
      if (originalResult?.ok) {
        return {
          ok: false,
          reason: `the file would not parse after this change: ${patchedResult.error}`,
        }
      }
    }
  }
  if (!sameBalance(original, replacement)) {
    return { ok: false, reason: 'the suggestion leaves brackets or quotes unbalanced' }
  }
  return { ok: true }
}

/** A fence longer than any backtick run inside the code, so the code cannot close it. */
export function fenceFor(code: string): string {
  const runs = code.match(/`{3,}/g) ?? []
  const longest = runs.reduce((m, r) => Math.max(m, r.length), 2)
  return '`'.repeat(longest + 1)
}

const LANG_BY_EXT: Record<string, string> = {
  ts: 'ts',
  tsx: 'tsx',
  js: 'js',
  jsx: 'jsx',
  mjs: 'js',
  cjs: 'js',
  py: 'python',
  rb: 'ruby',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  json: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  sh: 'bash',
  md: 'markdown',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  cs: 'csharp',
  php: 'php',
  swift: 'swift',
}

/** A Markdown block for the suggestion: committable when checked, plain code otherwise. */
export function renderSuggestion(path: string, suggestion: string, check: SuggestionCheck): string {
  const code = suggestionLines(suggestion).join('\n')
  const fence = fenceFor(code)
  if (check.ok) return `${fence}suggestion\n${code}\n${fence}`
  const ext = path.split('.').pop()?.toLowerCase() ?? ''
  const lang = LANG_BY_EXT[ext] ?? ''
  return `Proposed change (not offered as a one-click suggestion: ${check.reason ?? 'not checked'}):\n\n${fence}${lang}\n${code}\n${fence}`
}
