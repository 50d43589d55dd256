/**
 * The read-only workspace tools every mode gives the model: read_file (line windows), search
 * (regex over the tree, capped, asks to narrow) and list_files. Every path goes through the
 * jail; every failure is an error result the model can act on, never an exception.
 */
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'
import picomatch from 'picomatch'
import type { ToolDefinition, ToolResult } from '../agent/types.js'
import { RegexMatcher, RegexTimeout } from './regex-worker.js'
import {
  formatBytes,
  isGitInternal,
  readFileCapped,
  realWorkspace,
  resolveInWorkspace,
} from '../safety/jail.js'

export interface WorkspaceToolOptions {
  /** Files larger than this are refused by read_file and skipped by search. Default 1 MB. */
  maxFileBytes?: number
  /** Lines shown by read_file when no end_line is given. Default 200. */
  defaultWindow?: number
  /** Matches shown by search before it asks to narrow. Default 100. */
  maxMatches?: number
  /** Entries shown by list_files. Default 1000. */
  maxEntries?: number
  /**
   * Time limit of one search's regex matching, ms (default 15 s). A pattern that backtracks
   * catastrophically is stopped there and the model is asked for a simpler one.
   */
  searchTimeoutMs?: number
}

const DEFAULT_MAX_FILE_BYTES = 1_000_000
const DEFAULT_WINDOW = 200
const MAX_WINDOW = 1000
const MAX_LINE_CHARS = 2000
const MAX_READ_OUTPUT_CHARS = 100_000
const DEFAULT_MAX_MATCHES = 100
const MAX_MATCH_LINE_CHARS = 300
/** Lines longer than this are searched only in their first part: bounds regex cost. */
const MAX_SEARCH_LINE_CHARS = 10_000
const MAX_FILES_SEARCHED = 50_000
/** Files are sent to the regex worker in batches of about this many characters or files. */
const BATCH_CHARS = 4_000_000
const BATCH_FILES = 500
const DEFAULT_SEARCH_TIMEOUT_MS = 15_000
const DEFAULT_MAX_ENTRIES = 1000
/** Directories never walked: git internals and dependency trees. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules'])

function fail(content: string): ToolResult {
  return { content, isError: true }
}

function optionalInt(input: Record<string, unknown>, key: string): number | undefined | string {
  const v = input[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    return `Invalid ${key} '${JSON.stringify(v)}'. Expected a whole number >= 1.`
  }
  return v
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined | Error {
  const v = input[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string')
    return new Error(`Invalid ${key} '${JSON.stringify(v)}'. Expected a string.`)
  return v
}

/** Splits text into lines without a phantom empty last line after a trailing newline. */
function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split(/\r?\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** read_file: a numbered window of a text file, saying how to read the rest. */
export function readFileTool(opts: WorkspaceToolOptions = {}): ToolDefinition {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const window = opts.defaultWindow ?? DEFAULT_WINDOW
  return {
    name: 'read_file',
    description:
      `Read a text file of the workspace with line numbers. Shows ${window} lines from start_line ` +
      `(default 1) unless end_line is given (at most ${MAX_WINDOW} lines per call). Line numbers ` +
      `are followed by a tab; they are not part of the file. Files over ${formatBytes(maxBytes)} ` +
      `and binary files are refused: use search for those.`,
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Path relative to the workspace root.' },
        start_line: { type: 'integer', minimum: 1, description: 'First line to show (1-based).' },
        end_line: { type: 'integer', minimum: 1, description: 'Last line to show (inclusive).' },
      },
      required: ['path'],
      additionalProperties: false,
    },
    async run(input, ctx) {
      if (typeof input.path !== 'string' || input.path === '') {
        return fail(`Invalid path '${JSON.stringify(input.path)}'. Expected a relative file path.`)
      }
      const start = optionalInt(input, 'start_line')
      const end = optionalInt(input, 'end_line')
      if (typeof start === 'string') return fail(start)
      if (typeof end === 'string') return fail(end)
      const jailed = resolveInWorkspace(ctx.workspace, input.path)
      if (!jailed.ok) return fail(jailed.error)
      if (isGitInternal(jailed.rel))
        return fail(`Refused '${input.path}': git internals are not readable.`)
      const read = await readFileCapped(jailed.abs, { maxBytes })
      if (!read.ok) return fail(read.error.split(jailed.abs).join(jailed.rel))
      const lines = splitLines(read.text)
      const total = lines.length
      if (total === 0) return `${jailed.rel} is empty (0 lines).`
      const from = start ?? 1
      if (from > total) {
        return fail(
          `start_line ${from} is past the end of ${jailed.rel}, which has ${total} lines.`,
        )
      }
      if (end !== undefined && end < from) {
        return fail(`Invalid end_line ${end}. Expected a line >= start_line ${from}.`)
      }
      let to = Math.min(total, end ?? from + window - 1)
      let clamped = ''
      if (to - from + 1 > MAX_WINDOW) {
        to = from + MAX_WINDOW - 1
        clamped = ` (window limited to ${MAX_WINDOW} lines)`
      }
      const width = String(to).length
      const body: string[] = []
      let chars = 0
      let last = from - 1
      for (let n = from; n <= to; n++) {
        let line = lines[n - 1]
        if (line.length > MAX_LINE_CHARS) {
          line = `${line.slice(0, MAX_LINE_CHARS)} [... line cut, ${line.length - MAX_LINE_CHARS} more characters]`
        }
        chars += line.length + width + 2
        if (chars > MAX_READ_OUTPUT_CHARS && body.length > 0) break
        body.push(`${String(n).padStart(width)}\t${line}`)
        last = n
      }
      const header = `${jailed.rel} — lines ${from}-${last} of ${total}${clamped}`
      const footer =
        last < total
          ? `\n[lines ${last + 1}-${total} not shown; call read_file with start_line=${last + 1} to read more]`
          : '\n[end of file]'
      return `${header}\n${body.join('\n')}${footer}`
    },
  }
}

/** Walks files under `dirAbs` depth-first in name order, skipping .git, node_modules and symlinks. */
async function* walkFiles(dirAbs: string, signal: AbortSignal): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[]
  try {
    entries = await fsp.readdir(dirAbs, { withFileTypes: true })
  } catch {
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (signal.aborted) return
    const abs = path.join(dirAbs, entry.name)
    // Symlinks are not followed: they could lead out of the workspace or into a cycle.
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walkFiles(abs, signal)
    } else if (entry.isFile()) {
      yield abs
    }
  }
}

/** Compiles the model's pattern; a leading `(?i)` (not JS syntax, but often tried) means ignore case. */
function compilePattern(pattern: string): RegExp | string {
  let source = pattern
  let flags = ''
  if (source.startsWith('(?i)')) {
    source = source.slice(4)
    flags = 'i'
  }
  try {
    return new RegExp(source, flags)
  } catch (err) {
    return `Invalid regex '${pattern}': ${(err as Error).message}. Expected a JavaScript regular expression.`
  }
}

/** search: regex over the files of the tree (or one file), capped; asks to narrow when over. */
export function searchTool(opts: WorkspaceToolOptions = {}): ToolDefinition {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const maxMatches = opts.maxMatches ?? DEFAULT_MAX_MATCHES
  const searchTimeoutMs = opts.searchTimeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS
  return {
    name: 'search',
    description:
      `Search the workspace for a regular expression (JavaScript syntax, matched per line; ` +
      `start with (?i) to ignore case). Optional path (a directory or file) and glob (e.g. ` +
      `"*.ts" or "src/**/*.test.ts") narrow the search. Shows at most ${maxMatches} matches as ` +
      `path:line: text. Skips .git, node_modules, binary files and files over ${formatBytes(maxBytes)}.`,
    inputSchema: {
      type: 'object',
      properties: {
        pattern: { type: 'string', description: 'Regular expression to look for.' },
        path: {
          type: 'string',
          description: 'Directory or file to search in (default: the root).',
        },
        glob: { type: 'string', description: 'Only files whose path matches this glob.' },
      },
      required: ['pattern'],
      additionalProperties: false,
    },
    async run(input, ctx) {
      if (typeof input.pattern !== 'string' || input.pattern === '') {
        return fail(
          `Invalid pattern '${JSON.stringify(input.pattern)}'. Expected a non-empty regex.`,
        )
      }
      const regex = compilePattern(input.pattern)
      if (typeof regex === 'string') return fail(regex)
      const where = optionalString(input, 'path')
      const glob = optionalString(input, 'glob')
      if (where instanceof Error) return fail(where.message)
      if (glob instanceof Error) return fail(glob.message)
      const jailed = resolveInWorkspace(ctx.workspace, where ?? '.')
      if (!jailed.ok) return fail(jailed.error)
      if (isGitInternal(jailed.rel))
        return fail(`Refused '${where}': git internals are not searched.`)
      let isMatch: ((p: string) => boolean) | undefined
      if (glob) {
        try {
          isMatch = picomatch(glob, { dot: true, basename: !glob.includes('/') })
        } catch (err) {
          return fail(`Invalid glob '${glob}': ${(err as Error).message}.`)
        }
      }
      const workspaceRoot = realWorkspace(ctx.workspace)
      const stat = await fsp.stat(jailed.abs).catch(() => null)
      if (!stat) return fail(`Path not found: '${where}'.`)
      const files = stat.isDirectory() ? walkFiles(jailed.abs, ctx.signal) : [jailed.abs]

      const out: string[] = []
      let matches = 0
      let filesWithMatches = 0
      let searched = 0
      let skippedLarge = 0
      let skippedBinary = 0
      let overCap = false
      let fileCapHit = false
      // The regex runs in a worker with a time limit (see regex-worker.ts); files go in batches.
      const matcher = new RegexMatcher(regex, {
        maxLineChars: MAX_SEARCH_LINE_CHARS,
        maxShownChars: MAX_MATCH_LINE_CHARS,
        timeoutMs: searchTimeoutMs,
        signal: ctx.signal,
      })
      let batch: { rel: string; text: string }[] = []
      let batchChars = 0
      const flush = async () => {
        if (batch.length === 0) return
        const hits = await matcher.match(
          batch.map((b) => b.text),
          maxMatches + 1 - matches,
        )
        let lastFile = -1
        for (const [t, i, shown] of hits) {
          matches++
          if (matches > maxMatches) {
            overCap = true
            break
          }
          if (t !== lastFile) filesWithMatches++
          lastFile = t
          out.push(`${batch[t]!.rel}:${i + 1}: ${shown.trim()}`)
        }
        batch = []
        batchChars = 0
      }
      try {
        for await (const abs of files) {
          if (ctx.signal.aborted || overCap) break
          const rel = path.relative(workspaceRoot, abs)
          if (isMatch && !isMatch(rel)) continue
          if (searched >= MAX_FILES_SEARCHED) {
            fileCapHit = true
            break
          }
          searched++
          const read = await readFileCapped(abs, { maxBytes })
          if (!read.ok) {
            if (read.reason === 'too_large') skippedLarge++
            if (read.reason === 'binary') skippedBinary++
            continue
          }
          batch.push({ rel, text: read.text })
          batchChars += read.text.length
          if (batchChars >= BATCH_CHARS || batch.length >= BATCH_FILES) await flush()
        }
        if (!overCap) await flush()
      } catch (err) {
        if (err instanceof RegexTimeout) {
          return fail(
            `Search for /${regex.source}/${regex.flags} stopped: it ran for more than ` +
              `${err.timeoutMs} ms, which means the pattern backtracks heavily (nested or ` +
              `overlapping repetition such as (a|aa)+ or (a+)+). Use a simpler pattern: fewer ` +
              'nested quantifiers, more literal text, and narrow with path or glob.',
          )
        }
        return fail(`Search failed: ${(err as Error).message}.`)
      } finally {
        await matcher.close()
      }
      const notes: string[] = []
      if (skippedLarge) notes.push(`${skippedLarge} file(s) over ${formatBytes(maxBytes)} skipped`)
      if (skippedBinary) notes.push(`${skippedBinary} binary file(s) skipped`)
      if (fileCapHit) notes.push(`stopped after ${MAX_FILES_SEARCHED} files`)
      const noteText = notes.length ? ` (${notes.join('; ')})` : ''
      if (overCap) {
        return (
          `${out.join('\n')}\n[More than ${maxMatches} matches; only the first ${maxMatches} are shown. ` +
          `Narrow the search: use a more specific pattern, a path, or a glob.]${noteText}`
        )
      }
      if (matches === 0) {
        return `No matches for /${regex.source}/${regex.flags} in ${searched} file(s)${noteText}.`
      }
      return `${out.join('\n')}\n[${matches} match(es) in ${filesWithMatches} file(s)${noteText}]`
    },
  }
}

/** list_files: the files under a directory, breadth first so the top levels show when capped. */
export function listFilesTool(opts: WorkspaceToolOptions = {}): ToolDefinition {
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES
  return {
    name: 'list_files',
    description:
      `List files and directories (directories end in /) under a path of the workspace ` +
      `(default: the root), recursively, skipping .git and node_modules. At most ${maxEntries} ` +
      `entries; pass a subdirectory to see more.`,
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Directory relative to the workspace root.' },
      },
      additionalProperties: false,
    },
    async run(input, ctx) {
      const where = optionalString(input, 'path')
      if (where instanceof Error) return fail(where.message)
      const jailed = resolveInWorkspace(ctx.workspace, where ?? '.')
      if (!jailed.ok) return fail(jailed.error)
      if (isGitInternal(jailed.rel))
        return fail(`Refused '${where}': git internals are not listed.`)
      const stat = await fsp.stat(jailed.abs).catch(() => null)
      if (!stat) return fail(`Path not found: '${where}'.`)
      if (!stat.isDirectory())
        return fail(`'${jailed.rel}' is a file, not a directory; use read_file.`)
      const prefix = jailed.rel === '.' ? '' : `${jailed.rel}/`
      const entries: string[] = []
      const queue: string[] = ['']
      let capped = false
      while (queue.length > 0 && !capped) {
        if (ctx.signal.aborted) break
        const dir = queue.shift() as string
        let items: import('node:fs').Dirent[]
        try {
          items = await fsp.readdir(path.join(jailed.abs, dir), { withFileTypes: true })
        } catch {
          continue
        }
        items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        for (const item of items) {
          if (SKIPPED_DIRS.has(item.name) && item.isDirectory()) continue
          if (entries.length >= maxEntries) {
            capped = true
            break
          }
          const rel = dir === '' ? item.name : `${dir}/${item.name}`
          if (item.isDirectory()) {
            entries.push(`${prefix}${rel}/`)
            queue.push(rel)
          } else if (item.isSymbolicLink()) {
            entries.push(`${prefix}${rel} (symlink)`)
          } else {
            entries.push(`${prefix}${rel}`)
          }
        }
      }
      if (entries.length === 0) return `${jailed.rel} is empty.`
      entries.sort()
      const tail = capped
        ? `\n[Listing stopped at ${maxEntries} entries; pass a subdirectory as path to see more.]`
        : `\n[${entries.length} entries]`
      return entries.join('\n') + tail
    },
  }
}

/** The three read-only tools of the contract, for every mode. */
export function workspaceTools(opts: WorkspaceToolOptions = {}): ToolDefinition[] {
  return [readFileTool(opts), searchTool(opts), listFilesTool(opts)]
}
