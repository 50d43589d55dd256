/**
 * Names a fix may give to the files it adds or renames. A file called `--output=x` turns into an
 * option for every tool that later takes a file list without `--` (a reviewer's `git diff`, a
 * `xargs`, a CI script); a name with a newline splits into two names in every line-based list
 * (`git ls-files`, `git status`, logs). Neither is ever part of a real fix, and git itself flags
 * the whole class: what it would quote under `core.quotePath` (control characters, `"`, `\`,
 * bytes outside ASCII) cannot be reviewed as written. Pure: no file system, no git.
 */
import type { DiffEntry } from './guards.js'

/** The characters `core.quotePath` (git's default) quotes, and what the refusal calls them. */
function quotedByGit(ch: string): string | null {
  const code = ch.codePointAt(0)!
  if (code < 0x20 || code === 0x7f)
    return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`
  if (ch === '"') return 'a double quote'
  if (ch === '\\') return 'a backslash'
  if (code > 0x7e)
    return `a non-ASCII character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`
  return null
}

/**
 * Why a path may not be created or be the target of a rename, or null when it may. The path is
 * workspace-relative with `/` separators. The reason quotes the path JSON-escaped, so a newline
 * shows as `\n` instead of breaking the message.
 */
export function newPathRefusal(path: string): string | null {
  const shown = JSON.stringify(path)
  for (const ch of path) {
    const what = quotedByGit(ch)
    if (what)
      return `the new path ${shown} contains ${what}; git would quote it (core.quotePath). New files need plain ASCII names without control characters, quotes or backslashes.`
  }
  const dash = path.split('/').find((s) => s.startsWith('-'))
  if (dash !== undefined)
    return `the new path ${shown} has a segment starting with '-' ('${dash}'), which commands read as an option. Choose a name that starts with a letter, digit, '.' or '_'.`
  return null
}

/** The paths a diff adds: created files, and the targets of renames and copies. */
export function addedPaths(entries: DiffEntry[]): string[] {
  return entries
    .filter((e) => e.status === 'A' || e.status === 'R' || e.status === 'C')
    .map((e) => e.path)
}

/** Every refusal for the paths a diff adds (empty when all may be committed). */
export function checkNewPaths(entries: DiffEntry[]): string[] {
  return addedPaths(entries).flatMap((p) => {
    const r = newPathRefusal(p)
    return r ? [`Refused ${JSON.stringify(p)}: ${r}`] : []
  })
}
