/**
 * edit_file: the one tool that writes. An exact, unique text replacement (the str_replace
 * editor that works best for agents), a new file only when asked for explicitly, never a
 * deletion. The path goes through the jail, then through the mode's guard (protected paths,
 * test files), so what may change is decided by code, not by the prompt.
 */
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'
import type { ToolDefinition, ToolResult } from '../agent/types.js'
import { isGitInternal, readFileCapped, resolveInWorkspace } from '../safety/jail.js'

export interface EditFileToolOptions {
  /** Returns a refusal reason for a workspace-relative path, or null when it may be edited. */
  guard: (relPath: string) => string | null
  /**
   * Returns a refusal reason for the path of a file about to be created, or null. Names are
   * judged only when a file is created: an existing file keeps the name it has.
   */
  newFileGuard?: (relPath: string) => string | null
  /** Files larger than this are not edited. Default 1 MB. */
  maxFileBytes?: number
  /** Called after each successful write, with the relative path (for diff stats, logs). */
  onEdit?: (relPath: string) => void
}

const DEFAULT_MAX_FILE_BYTES = 1_000_000
const SNIPPET_CONTEXT = 3

function fail(content: string): ToolResult {
  return { content, isError: true }
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0
  let at = haystack.indexOf(needle)
  while (at !== -1) {
    count++
    at = haystack.indexOf(needle, at + needle.length)
  }
  return count
}

/** A few numbered lines around the edited region, so the model sees the result without a read. */
function snippet(text: string, startLine: number, lineCount: number): string {
  const lines = text.split('\n')
  const from = Math.max(1, startLine - SNIPPET_CONTEXT)
  const to = Math.min(lines.length, startLine + Math.max(lineCount, 1) - 1 + SNIPPET_CONTEXT)
  const width = String(to).length
  const out: string[] = []
  for (let n = from; n <= to; n++) out.push(`${String(n).padStart(width)}\t${lines[n - 1]}`)
  return out.join('\n')
}

/** The contract's edit_file tool; the fix mode supplies the guard. */
export function editFileTool(opts: EditFileToolOptions): ToolDefinition {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  return {
    name: 'edit_file',
    description:
      'Edit a file by replacing old_text with new_text. old_text must match the file exactly ' +
      '(whitespace and indentation included, without the line numbers read_file shows) and ' +
      'exactly once: include enough surrounding lines to make it unique. To create a new file, ' +
      'give an empty old_text and the whole content as new_text. Files cannot be deleted.',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Path relative to the workspace root.' },
        old_text: { type: 'string', description: 'Exact text to replace; empty to create a file.' },
        new_text: { type: 'string', description: 'Replacement text.' },
      },
      required: ['path', 'old_text', 'new_text'],
      additionalProperties: false,
    },
    async run(input, ctx) {
      const { path: p, old_text: oldText, new_text: newText } = input
      if (typeof p !== 'string' || p === '') {
        return fail(`Invalid path '${JSON.stringify(p)}'. Expected a relative file path.`)
      }
      if (typeof oldText !== 'string' || typeof newText !== 'string') {
        return fail('Invalid input. Expected old_text and new_text to be strings.')
      }
      const jailed = resolveInWorkspace(ctx.workspace, p)
      if (!jailed.ok) return fail(jailed.error)
      if (jailed.rel === '.' || isGitInternal(jailed.rel)) {
        return fail(`Refused '${p}': git internals and the workspace root cannot be edited.`)
      }
      const refusal = opts.guard(jailed.rel)
      if (refusal !== null) return fail(`Refused '${jailed.rel}': ${refusal}`)

      const exists = await fsp.lstat(jailed.abs).then(
        () => true,
        () => false,
      )
      if (oldText === '') {
        if (exists) {
          return fail(
            `${jailed.rel} already exists. To change it, give old_text: the exact text to replace.`,
          )
        }
        const badName = opts.newFileGuard?.(jailed.rel) ?? null
        if (badName !== null)
          return fail(`Refused to create ${JSON.stringify(jailed.rel)}: ${badName}`)
        if (Buffer.byteLength(newText) > maxBytes) {
          return fail(`new_text is over the file size cap of ${maxBytes} bytes.`)
        }
        try {
          await fsp.mkdir(path.dirname(jailed.abs), { recursive: true })
          // 'wx': fails if anything (a symlink included) appeared at the path meanwhile.
          await fsp.writeFile(jailed.abs, newText, { flag: 'wx' })
        } catch (err) {
          return fail(`Could not create ${jailed.rel}: ${(err as Error).message}`)
        }
        opts.onEdit?.(jailed.rel)
        const lines = newText === '' ? 0 : newText.split('\n').length
        return `Created ${jailed.rel} (${lines} lines).`
      }
      if (!exists) {
        return fail(
          `${jailed.rel} does not exist. To create it, give an empty old_text and the content as new_text.`,
        )
      }
      if (oldText === newText)
        return fail('old_text and new_text are identical: nothing to change.')
      const read = await readFileCapped(jailed.abs, { maxBytes })
      if (!read.ok) return fail(read.error.split(jailed.abs).join(jailed.rel))
      const content = read.text

      let from = oldText
      let to = newText
      let count = countOccurrences(content, from)
      // The model writes \n; a CRLF file needs \r\n to match, and keeps its line endings.
      if (count === 0 && content.includes('\r\n') && !oldText.includes('\r\n')) {
        const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n')
        const n = countOccurrences(content, crlf(oldText))
        if (n > 0) {
          from = crlf(oldText)
          to = crlf(newText)
          count = n
        }
      }
      if (count === 0) {
        const trimmedHit = oldText.trim() !== '' && content.includes(oldText.trim())
        const hint = trimmedHit
          ? ' It does match once leading/trailing whitespace is trimmed: check the indentation and line ends.'
          : ' Read the file again and copy the text exactly, without line numbers.'
        return fail(`old_text was not found in ${jailed.rel} (0 matches).${hint}`)
      }
      if (count > 1) {
        return fail(
          `old_text matches ${count} places in ${jailed.rel}; it must match exactly one. ` +
            'Include more surrounding lines to make it unique.',
        )
      }
      const at = content.indexOf(from)
      // Slicing, not String.replace: `$&` and `$1` in new_text must stay literal.
      const updated = content.slice(0, at) + to + content.slice(at + from.length)
      try {
        await fsp.writeFile(jailed.abs, updated)
      } catch (err) {
        return fail(`Could not write ${jailed.rel}: ${(err as Error).message}`)
      }
      opts.onEdit?.(jailed.rel)
      const startLine = content.slice(0, at).split('\n').length
      const removed = from.split('\n').length
      const added = to === '' ? 0 : to.split('\n').length
      return (
        `Edited ${jailed.rel}: replaced ${removed} line(s) at line ${startLine} with ${added} line(s).\n` +
        snippet(updated.replace(/\r\n/g, '\n'), startLine, added)
      )
    },
  }
}
