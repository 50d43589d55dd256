/**
 * The failure context the model starts from: the failing tests' own sections (message, trimmed
 * stack, assertion diff) and a few source lines around their top frames. Nothing else of the log
 * goes to the model, so a 50,000-line log costs the tokens of its failures, not of its size.
 */
import { attachCodeUnderTest } from './code-under-test.js'
import type { ParseSummary, SourceExcerpt, TestFailure } from './parsers/types.js'

export interface ContextOptions {
  /** Reads a workspace-relative file; null when it does not exist or cannot be read. */
  readFile: (rel: string) => Promise<string | null>
  /** Lines of source shown either side of a frame. */
  radius?: number
  /** Frames per failure that get a source excerpt. */
  framesPerFailure?: number
  /** Hard cap on the whole context, in characters. */
  maxChars?: number
  /** Cap per failure section, in characters. */
  maxCharsPerFailure?: number
}

/**
 * Adds ±radius lines of source around each failure's top frames (files read once each), and the
 * code under test: the functions the failing test exercises.
 */
export async function attachExcerpts(failures: TestFailure[], opts: ContextOptions): Promise<void> {
  const radius = opts.radius ?? 5
  const perFailure = opts.framesPerFailure ?? 3
  const cache = new Map<string, string[] | null>()
  const lines = async (file: string) => {
    if (!cache.has(file)) {
      const text = await opts.readFile(file).catch(() => null)
      cache.set(file, text === null ? null : text.split('\n'))
    }
    return cache.get(file) ?? null
  }
  for (const f of failures) {
    const excerpts: SourceExcerpt[] = []
    for (const frame of f.frames) {
      if (excerpts.length >= perFailure) break
      const src = await lines(frame.file)
      if (!src || frame.line < 1 || frame.line > src.length) continue
      // a frame inside an excerpt already shown adds nothing
      if (
        excerpts.some(
          (e) =>
            e.file === frame.file &&
            frame.line >= e.startLine &&
            frame.line < e.startLine + e.lines.length,
        )
      )
        continue
      const start = Math.max(1, frame.line - radius)
      const end = Math.min(src.length, frame.line + radius)
      excerpts.push({
        file: frame.file,
        line: frame.line,
        startLine: start,
        lines: src.slice(start - 1, end).map((l) => (l.length > 300 ? l.slice(0, 300) + ' …' : l)),
      })
    }
    f.excerpts = excerpts
  }
  await attachCodeUnderTest(failures, { readFile: opts.readFile })
}

function excerptText(e: SourceExcerpt): string {
  const width = String(e.startLine + e.lines.length - 1).length
  const body = e.lines
    .map((l, i) => {
      const n = e.startLine + i
      return `${n === e.line ? '>' : ' '} ${String(n).padStart(width)} | ${l}`
    })
    .join('\n')
  return `${e.file}:${e.line}\n\`\`\`\n${body}\n\`\`\``
}

function codeText(c: SourceExcerpt): string {
  const width = String(c.startLine + c.lines.length - 1).length
  const body = c.lines
    .map((l, i) => `  ${String(c.startLine + i).padStart(width)} | ${l}`)
    .join('\n')
  return `${c.file}:${c.startLine}${c.fn ? ` (${c.fn})` : ''}\n\`\`\`\n${body}\n\`\`\``
}

function cap(text: string, max: number): string {
  if (text.length <= max) return text
  const head = Math.floor(max * 0.7)
  const tail = max - head - 40
  return `${text.slice(0, head)}\n… [${text.length - head - tail} characters cut] …\n${text.slice(text.length - tail)}`
}

/** One failure as Markdown: id, file, message, section, excerpts. */
export function formatFailure(f: TestFailure, maxChars = 4_000): string {
  const parts = [`### ${f.id}`]
  if (f.file) parts.push(`Test file: ${f.file}`)
  if (f.message) parts.push(`Error: ${f.message}`)
  if (f.details) parts.push('```\n' + cap(f.details, maxChars) + '\n```')
  const frames = f.frames
    .slice(0, 6)
    .map((fr) => `${fr.file}:${fr.line}${fr.fn ? ` (${fr.fn})` : ''}`)
  if (frames.length) parts.push(`Frames: ${frames.join(', ')}`)
  for (const e of f.excerpts ?? []) parts.push(excerptText(e))
  const code = f.code ?? []
  if (code.length) {
    parts.push('Code under test:')
    for (const c of code) parts.push(codeText(c))
  }
  return parts.join('\n')
}

/**
 * The failure context for the prompt. Failures are listed in order until the cap; the rest are
 * named only, so the model knows they exist.
 */
export function buildFailureContext(
  summary: ParseSummary,
  opts: { maxChars?: number; maxCharsPerFailure?: number } = {},
): string {
  const maxChars = opts.maxChars ?? 24_000
  const counts = summary.counts
  const head: string[] = [
    `${summary.failures.length} failing test${summary.failures.length === 1 ? '' : 's'}` +
      (summary.runner !== 'unknown' ? ` (parsed from ${summary.runner} output)` : '') +
      (counts.total !== undefined ? `; ${counts.passed ?? 0} passed of ${counts.total}` : '') +
      (summary.truncated ? '; more failures were cut by the caps' : '') +
      '.',
  ]
  let used = head[0]!.length
  const out: string[] = [...head]
  const omitted: string[] = []
  for (const f of summary.failures) {
    const text = formatFailure(f, opts.maxCharsPerFailure ?? 4_000)
    if (used + text.length + 2 > maxChars) {
      omitted.push(f.id)
      continue
    }
    out.push(text)
    used += text.length + 2
  }
  if (omitted.length) {
    const list = omitted.slice(0, 50).join(', ')
    out.push(
      `Also failing (details omitted for size): ${list}${omitted.length > 50 ? `, and ${omitted.length - 50} more` : ''}`,
    )
  }
  return out.join('\n\n')
}
