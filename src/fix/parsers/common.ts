import { createReadStream } from 'node:fs'
import type {
  LineParser,
  ParseSummary,
  ParserCaps,
  ParserOptions,
  RunnerKind,
  StackFrame,
  TestCounts,
  TestFailure,
} from './types.js'
import { DEFAULT_CAPS, MAX_PASSED_IDS } from './types.js'

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g

/** Removes terminal colour and cursor codes: CI logs are often coloured (FORCE_COLOR). */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text
}

export function resolveCaps(caps?: Partial<ParserCaps>): ParserCaps {
  return { ...DEFAULT_CAPS, ...caps }
}

const SOURCE_EXT = '(?:[cm]?[jt]sx?|py|go|java|kt|kts|scala|rb|rs|cs|php|vue|svelte|swift|ex|exs)'
// path:line[:col] with an optional file:// prefix; paths never contain spaces, quotes or parens here.
const FRAME_RE = new RegExp(
  `(?:file://)?((?:[A-Za-z]:)?[^\\s()'"<>\\[\\]]+\\.${SOURCE_EXT}):(\\d+)(?::(\\d+))?`,
  'g',
)
const PY_TRACEBACK_RE = /File "([^"]+\.py)", line (\d+)(?:, in (\S+))?/
const JAVA_FRAME_RE = /at ([\w$.<>]+)\(([\w$]+\.(?:java|kt|scala)):(\d+)\)/
const V8_FN_RE = /(?:at|❯)\s+(?:async\s+)?([^\s(]+)\s+\(?/

// `at fn (path:1:2)`, `at path:1:2`, TAP's `fn (path:1:2)`, `node:internal/...:1:2`, pytest's `path.py:12: in fn`
const FRAME_LINE =
  /^\s*(?:at\s+\S.*|\S+(?: \S+)? \((?:file:\/\/|node:|\/|<anonymous>)[^)]*\)|node:[\w/]+:\d+:\d+|\/\S+\.py:\d+: in \S+|File "\/[^"]+", line \d+.*)$/

/** Paths that are never the project's own code: dependencies and runtime internals. */
export function isForeignPath(path: string): boolean {
  return (
    path.startsWith('node:') ||
    path.includes('node_modules/') ||
    path.includes('/internal/') ||
    path.startsWith('internal/') ||
    path.includes('site-packages/') ||
    path.includes('dist-packages/') ||
    path.includes('/lib/python') ||
    path.includes('/usr/local/go/') ||
    path.includes('/go/pkg/mod/') ||
    path.includes('<anonymous>')
  )
}

/**
 * Maps a path printed by a runner to a workspace-relative one. Absolute paths outside the
 * workspace and dependency paths give null: the model cannot and should not fix them.
 */
export function toWorkspacePath(raw: string, workspace: string): string | null {
  let p = raw.replace(/\\/g, '/')
  if (p.startsWith('file://')) p = p.slice('file://'.length)
  try {
    if (p.includes('%')) p = decodeURIComponent(p)
  } catch {
    // keep the raw path: a literal % in a file name
  }
  if (isForeignPath(p)) return null
  const ws = workspace.replace(/\\/g, '/').replace(/\/+$/, '')
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) {
    if (ws && (p === ws || p.startsWith(ws + '/'))) return p.slice(ws.length + 1)
    return null
  }
  while (p.startsWith('./')) p = p.slice(2)
  if (p.startsWith('../') || p === '') return null
  return p
}

/** Stack frames found in one line, workspace-relative, foreign ones dropped. */
export function framesInLine(line: string, workspace: string): StackFrame[] {
  const out: StackFrame[] = []
  const py = PY_TRACEBACK_RE.exec(line)
  if (py) {
    const file = toWorkspacePath(py[1]!, workspace)
    if (file) out.push({ file, line: Number(py[2]), fn: py[3] })
    return out
  }
  const java = JAVA_FRAME_RE.exec(line)
  if (java) {
    out.push({ file: java[2]!, line: Number(java[3]), fn: java[1] })
    return out
  }
  if (!line.includes(':')) return out
  FRAME_RE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = FRAME_RE.exec(line))) {
    const file = toWorkspacePath(m[1]!, workspace)
    if (!file) continue
    const frame: StackFrame = { file, line: Number(m[2]) }
    if (m[3]) frame.column = Number(m[3])
    const fn = V8_FN_RE.exec(line)
    if (fn && fn[1] && !fn[1].includes(file) && !fn[1].includes(':')) frame.fn = fn[1]
    out.push(frame)
  }
  return out
}

/**
 * A failure section being collected: its lines are capped as they arrive, so a test printing a
 * million lines costs no more memory than one printing a hundred.
 */
export class Section {
  readonly lines: string[] = []
  chars = 0
  dropped = 0
  foreignFrames = 0
  frames: StackFrame[] = []
  constructor(
    private readonly caps: ParserCaps,
    private readonly workspace: string,
  ) {}

  add(line: string, scanFrames = true): void {
    const found = scanFrames || FRAME_LINE.test(line) ? framesInLine(line, this.workspace) : []
    // a stack line of a dependency or the runtime: noise the model should not pay for
    if (found.length === 0 && FRAME_LINE.test(line)) {
      this.foreignFrames++
      return
    }
    if (scanFrames && this.frames.length < this.caps.maxFrames) {
      for (const f of found) {
        if (this.frames.length >= this.caps.maxFrames) break
        if (!this.frames.some((g) => g.file === f.file && g.line === f.line)) this.frames.push(f)
      }
    }
    if (this.lines.length >= this.caps.maxSectionLines || this.chars >= this.caps.maxSectionChars) {
      this.dropped++
      return
    }
    const cut =
      line.length > this.caps.maxLineChars ? line.slice(0, this.caps.maxLineChars) + ' …' : line
    this.lines.push(cut)
    this.chars += cut.length + 1
  }

  text(): string {
    const lines = trimBlankEdges(dedent(this.lines))
    if (this.foreignFrames > 0)
      lines.push(`(${this.foreignFrames} frames in dependencies or the runtime omitted)`)
    if (this.dropped > 0) lines.push(`… ${this.dropped} more lines`)
    return lines.join('\n')
  }
}

function trimBlankEdges(lines: string[]): string[] {
  let a = 0
  let b = lines.length
  while (a < b && lines[a]!.trim() === '') a++
  while (b > a && lines[b - 1]!.trim() === '') b--
  return lines.slice(a, b)
}

/** Removes the common leading indentation, which runners add for nesting and we pay for in tokens. */
export function dedent(lines: string[]): string[] {
  let min = Infinity
  for (const l of lines) {
    if (l.trim() === '') continue
    const n = l.length - l.trimStart().length
    if (n < min) min = n
  }
  if (!Number.isFinite(min) || min === 0) return [...lines]
  return lines.map((l) => l.slice(min))
}

/** The first meaningful line of a section: the error message. */
export function firstMessage(lines: string[]): string {
  for (const l of lines) {
    const t = l.trim()
    if (t) return t.length > 500 ? t.slice(0, 500) + ' …' : t
  }
  return ''
}

/** Collects failures under the caps, dropping duplicates (runners often print a failure twice). */
export class FailureList {
  readonly items: TestFailure[] = []
  private readonly ids = new Set<string>()
  truncated = false
  constructor(private readonly caps: ParserCaps) {}

  add(f: TestFailure): void {
    if (this.ids.has(f.id)) return
    if (this.items.length >= this.caps.maxFailures) {
      this.truncated = true
      return
    }
    this.ids.add(f.id)
    this.items.push(f)
  }

  has(id: string): boolean {
    return this.ids.has(id)
  }

  remove(id: string): void {
    const i = this.items.findIndex((f) => f.id === id)
    if (i >= 0) this.items.splice(i, 1)
    this.ids.delete(id)
  }
}

export function makeFailure(
  runner: RunnerKind,
  fields: { id: string; name: string; file?: string; suite?: string; message?: string },
  section: Section,
): TestFailure {
  const f: TestFailure = {
    id: fields.id,
    name: fields.name,
    message: fields.message ?? firstMessage(dedent(section.lines)),
    details: section.text(),
    frames: section.frames,
    runner,
  }
  if (fields.file) f.file = fields.file
  if (fields.suite) f.suite = fields.suite
  return f
}

/** Parses an integer after a label in a summary line, e.g. `(\d+) passed`. */
export function countOf(line: string, label: string): number | undefined {
  const m = new RegExp(`(\\d+) ${label}`).exec(line)
  return m ? Number(m[1]) : undefined
}

/** Reads `failed`, `passed` and `skipped` from a runner's totals line; absent ones are kept. */
export function readCounts(line: string, counts: TestCounts): void {
  counts.failed = countOf(line, 'failed') ?? counts.failed
  counts.passed = countOf(line, 'passed') ?? counts.passed
  counts.skipped = countOf(line, 'skipped') ?? counts.skipped
}

/** The summary every parser ends with. */
export function summaryOf(
  runner: RunnerKind,
  failures: FailureList,
  counts: TestCounts,
  linesSeen: number,
  passed?: string[],
): ParseSummary {
  const s: ParseSummary = {
    runner,
    failures: failures.items,
    counts,
    truncated: failures.truncated,
    linesSeen,
  }
  if (passed?.length) s.passed = [...new Set(passed)]
  return s
}

/**
 * The bookkeeping every line parser shares (caps, failures, counts, whether the runner was
 * recognised, lines seen), so a parser holds only its position in the runner's output.
 */
export class ParserState {
  readonly caps: ParserCaps
  failures: FailureList
  detected = false
  /** Ids of the tests seen passing (see ParseSummary.passed). */
  readonly passed: string[] = []
  private linesSeen = 0
  constructor(
    opts: ParserOptions,
    readonly counts: TestCounts = {},
  ) {
    this.caps = resolveCaps(opts.caps)
    this.failures = new FailureList(this.caps)
  }

  /** Records a test seen passing. */
  pass(id: string): void {
    if (this.passed.length < MAX_PASSED_IDS) this.passed.push(id)
  }

  /**
   * Whether another passing test would still be recorded: a parser checks before building the
   * id, so a log of millions of passing tests does not build millions of strings to drop.
   */
  wantsPassed(): boolean {
    return this.passed.length < MAX_PASSED_IDS
  }

  /**
   * The LineParser around a runner's reading: every line is counted, and one matching `detect`
   * marks the runner recognised before `push` sees it; `end` runs before the summary is made.
   */
  parser(
    runner: RunnerKind,
    impl: { detect?: RegExp; push(line: string): void; end(): void },
  ): LineParser {
    const isDetected = () => this.detected
    return {
      runner,
      get detected() {
        return isDetected()
      },
      push: (line) => {
        this.linesSeen++
        if (!this.detected && impl.detect?.test(line)) this.detected = true
        impl.push(line)
      },
      end: () => {
        impl.end()
        return summaryOf(runner, this.failures, this.counts, this.linesSeen, this.passed)
      },
    }
  }
}

/**
 * Feeds a file to a streaming parser in 64 KB chunks: a 1 GB log is never held whole. Each line
 * is a slice of its chunk and keeps the whole chunk alive until it is collected, so smaller
 * chunks hold less: on a 60 MB slice of the 1 GB jest log, peak RSS was 105 MB with 256 KB
 * chunks, 90 MB with 64 KB and 89 MB with 16 KB (no slower).
 */
export async function streamFile<T>(
  path: string,
  parser: { write(chunk: string): void; end(): T },
): Promise<T> {
  for await (const chunk of createReadStream(path, {
    encoding: 'utf8',
    highWaterMark: 64 * 1024,
  })) {
    parser.write(chunk as string)
  }
  return parser.end()
}
