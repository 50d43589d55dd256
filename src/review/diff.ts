/**
 * The diff model: a parser for unified diffs as `git diff` prints them and as GitHub returns them
 * per file (the `patch` field, hunks only), plus the rules for which lines GitHub accepts review
 * comments on. Pure code: no I/O, so every anchoring decision can be tested on real diffs.
 */

export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied'
export type Side = 'LEFT' | 'RIGHT'

export interface DiffLine {
  kind: 'add' | 'del' | 'context'
  /** The line without its +/-/space marker; a CR of a CRLF file is kept as content. */
  content: string
  /** Line number in the old file (deleted and context lines). */
  oldLine?: number
  /** Line number in the new file (added and context lines). */
  newLine?: number
  /** Followed by `\ No newline at end of file`. */
  noNewline?: boolean
}

export interface Hunk {
  oldStart: number
  oldLines: number
  newStart: number
  newLines: number
  /** The text after the second `@@` (git's enclosing-function heading), trimmed. */
  heading: string
  lines: DiffLine[]
}

export interface DiffFile {
  /** null for added files. */
  oldPath: string | null
  /** null for deleted files. */
  newPath: string | null
  /** The path review comments use: the new path, or the old one for deleted files. */
  path: string
  status: FileStatus
  binary: boolean
  /** A gitlink (mode 160000): the change is a commit id, not text. */
  submodule: boolean
  /** Set when the file mode changed (e.g. 100644 -> 100755). */
  modeChange?: { oldMode: string; newMode: string }
  /** Similarity index of a rename or copy, in percent. */
  similarity?: number
  hunks: Hunk[]
  additions: number
  deletions: number
}

const HUNK_RE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/

/**
 * Undoes git's C-style quoting of paths (`"caf\303\251 x.txt"`): octal escapes are UTF-8 bytes,
 * so they are collected as bytes and decoded once.
 */
export function unquoteGitPath(text: string): string {
  if (!(text.length >= 2 && text.startsWith('"') && text.endsWith('"'))) return text
  const body = text.slice(1, -1)
  const bytes: number[] = []
  const simple: Record<string, number> = {
    a: 7,
    b: 8,
    t: 9,
    n: 10,
    v: 11,
    f: 12,
    r: 13,
    '"': 34,
    '\\': 92,
  }
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[i + 1]!
      if (/[0-7]/.test(next)) {
        const oct = body.slice(i + 1, i + 4)
        bytes.push(parseInt(oct, 8))
        i += oct.length
        continue
      }
      if (next in simple) {
        bytes.push(simple[next]!)
        i += 1
        continue
      }
    }
    for (const b of Buffer.from(ch, 'utf8')) bytes.push(b)
  }
  return Buffer.from(bytes).toString('utf8')
}

/** Reads one path token from the start of `text`: a quoted path, or everything up to a tab. */
function readPathToken(text: string): string {
  if (text.startsWith('"')) {
    let i = 1
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    return unquoteGitPath(text.slice(0, i + 1))
  }
  // git appends a tab after `---`/`+++` paths that contain spaces; other tools add timestamps.
  const tab = text.indexOf('\t')
  return tab >= 0 ? text.slice(0, tab) : text
}

function stripPrefix(path: string, prefix: 'a/' | 'b/'): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path
}

/** Splits the two paths of a `diff --git` line; unquoted paths with spaces are ambiguous, so the
 * split that gives two equal names wins (the only case git leaves without a ---/+++ or rename). */
function parseGitHeaderPaths(rest: string): { oldPath: string; newPath: string } | null {
  if (rest.startsWith('"')) {
    const first = readQuotedEnd(rest)
    const oldRaw = unquoteGitPath(rest.slice(0, first))
    const second = rest.slice(first + 1)
    const newRaw = second.startsWith('"') ? unquoteGitPath(second) : second
    return { oldPath: stripPrefix(oldRaw, 'a/'), newPath: stripPrefix(newRaw, 'b/') }
  }
  const quotedSecond = rest.indexOf(' "')
  if (quotedSecond >= 0 && rest.endsWith('"')) {
    return {
      oldPath: stripPrefix(rest.slice(0, quotedSecond), 'a/'),
      newPath: stripPrefix(unquoteGitPath(rest.slice(quotedSecond + 1)), 'b/'),
    }
  }
  if ((rest.length - 1) % 2 === 0) {
    const half = (rest.length - 1) / 2
    const a = rest.slice(0, half)
    const b = rest.slice(half + 1)
    if (rest[half] === ' ' && stripPrefix(a, 'a/') === stripPrefix(b, 'b/')) {
      return { oldPath: stripPrefix(a, 'a/'), newPath: stripPrefix(b, 'b/') }
    }
  }
  const split = rest.indexOf(' b/')
  if (split >= 0) {
    return { oldPath: stripPrefix(rest.slice(0, split), 'a/'), newPath: rest.slice(split + 3) }
  }
  return null
}

function readQuotedEnd(text: string): number {
  let i = 1
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  return i + 1
}

/**
 * Parses hunks from `lines[start..]`, counting lines by the hunk header so that content lines
 * that look like headers (`--- x`, `diff --git` inside a file) are still read as content.
 * Returns the hunks and the index of the first line after them.
 */
function parseHunks(lines: string[], start: number): { hunks: Hunk[]; next: number } {
  const hunks: Hunk[] = []
  let i = start
  while (i < lines.length) {
    const header = stripCr(lines[i]!)
    const m = HUNK_RE.exec(header)
    if (!m) break
    const hunk: Hunk = {
      oldStart: Number(m[1]),
      oldLines: m[2] === undefined ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newLines: m[4] === undefined ? 1 : Number(m[4]),
      heading: (m[5] ?? '').trim(),
      lines: [],
    }
    i++
    let oldNo = hunk.oldStart
    let newNo = hunk.newStart
    let oldLeft = hunk.oldLines
    let newLeft = hunk.newLines
    while (i < lines.length && (oldLeft > 0 || newLeft > 0 || lines[i]!.startsWith('\\'))) {
      const raw = lines[i]!
      const marker = raw[0]
      if (marker === '\\') {
        const last = hunk.lines[hunk.lines.length - 1]
        if (last) last.noNewline = true
        i++
        continue
      }
      if (oldLeft <= 0 && newLeft <= 0) break
      if (marker === '+') {
        hunk.lines.push({ kind: 'add', content: raw.slice(1), newLine: newNo++ })
        newLeft--
      } else if (marker === '-') {
        hunk.lines.push({ kind: 'del', content: raw.slice(1), oldLine: oldNo++ })
        oldLeft--
      } else if (marker === ' ' || raw === '') {
        // An empty line inside a hunk is a context line whose marker was lost (some tools trim).
        hunk.lines.push({
          kind: 'context',
          content: raw.slice(1),
          oldLine: oldNo++,
          newLine: newNo++,
        })
        oldLeft--
        newLeft--
      } else {
        break // truncated hunk: keep what was read
      }
      i++
    }
    // Trailing `\ No newline` after the counts ran out.
    while (i < lines.length && lines[i]!.startsWith('\\')) {
      const last = hunk.lines[hunk.lines.length - 1]
      if (last) last.noNewline = true
      i++
    }
    hunks.push(hunk)
  }
  return { hunks, next: i }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line
}

function countChanges(file: DiffFile): void {
  let additions = 0
  let deletions = 0
  for (const h of file.hunks) {
    for (const l of h.lines) {
      if (l.kind === 'add') additions++
      else if (l.kind === 'del') deletions++
    }
  }
  file.additions = additions
  file.deletions = deletions
}

function splitLines(text: string): string[] {
  const lines = text.split('\n')
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/**
 * Parses the output of `git diff` (any number of files, extended headers, binary markers,
 * submodules, quoted paths). Lines before the first `diff --git` are ignored.
 */
export function parseGitDiff(text: string): DiffFile[] {
  const lines = splitLines(text)
  const files: DiffFile[] = []
  let i = 0
  while (i < lines.length) {
    const line = stripCr(lines[i]!)
    if (!line.startsWith('diff --git ')) {
      i++
      continue
    }
    const paths = parseGitHeaderPaths(line.slice('diff --git '.length))
    let oldPath: string | null = paths?.oldPath ?? null
    let newPath: string | null = paths?.newPath ?? null
    let status: FileStatus = 'modified'
    let binary = false
    let oldMode: string | undefined
    let newMode: string | undefined
    let indexMode: string | undefined
    let similarity: number | undefined
    i++
    for (; i < lines.length; i++) {
      const h = stripCr(lines[i]!)
      if (h.startsWith('diff --git ') || h.startsWith('@@ ')) break
      if (h.startsWith('old mode ')) oldMode = h.slice(9).trim()
      else if (h.startsWith('new mode ')) newMode = h.slice(9).trim()
      else if (h.startsWith('deleted file mode ')) {
        status = 'deleted'
        oldMode = h.slice(18).trim()
      } else if (h.startsWith('new file mode ')) {
        status = 'added'
        newMode = h.slice(14).trim()
      } else if (h.startsWith('rename from ')) {
        status = 'renamed'
        oldPath = readPathToken(h.slice(12))
      } else if (h.startsWith('rename to ')) {
        status = 'renamed'
        newPath = readPathToken(h.slice(10))
      } else if (h.startsWith('copy from ')) {
        status = 'copied'
        oldPath = readPathToken(h.slice(10))
      } else if (h.startsWith('copy to ')) {
        status = 'copied'
        newPath = readPathToken(h.slice(8))
      } else if (h.startsWith('similarity index ')) similarity = parseInt(h.slice(17), 10)
      else if (h.startsWith('index ')) {
        const mode = /^index \S+ (\d{6})$/.exec(h)
        if (mode) indexMode = mode[1]
      } else if (h.startsWith('--- ')) {
        const p = readPathToken(h.slice(4))
        if (p !== '/dev/null') oldPath = stripPrefix(p, 'a/')
      } else if (h.startsWith('+++ ')) {
        const p = readPathToken(h.slice(4))
        if (p !== '/dev/null') newPath = stripPrefix(p, 'b/')
      } else if (h.startsWith('Binary files ') || h === 'GIT binary patch') {
        binary = true
      }
    }
    if (status === 'added') oldPath = null
    if (status === 'deleted') newPath = null
    const parsed = parseHunks(lines, i)
    i = parsed.next
    const submodule = [oldMode, newMode, indexMode].includes('160000')
    const file: DiffFile = {
      oldPath,
      newPath,
      path: (newPath ?? oldPath ?? '') as string,
      status,
      binary,
      submodule,
      hunks: parsed.hunks,
      additions: 0,
      deletions: 0,
    }
    if (oldMode && newMode && oldMode !== newMode && status !== 'added' && status !== 'deleted') {
      file.modeChange = { oldMode, newMode }
    }
    if (similarity !== undefined) file.similarity = similarity
    countChanges(file)
    files.push(file)
  }
  return files
}

/** Parses a GitHub per-file `patch` field (hunks only, no file headers). */
export function parsePatch(patch: string): Hunk[] {
  return parseHunks(splitLines(patch), 0).hunks
}

/** A file from GitHub's "list pull request files" endpoint (only the fields we read). */
export interface ApiPullFile {
  filename: string
  previous_filename?: string
  status: string
  patch?: string
  additions?: number
  deletions?: number
  changes?: number
}

/**
 * Builds a DiffFile from an API entry. Returns null when the entry has changes but no `patch`
 * (GitHub omits it for big or binary files): the caller then needs `git diff` for that file.
 */
export function fileFromApi(entry: ApiPullFile): DiffFile | null {
  const statusMap: Record<string, FileStatus> = {
    added: 'added',
    removed: 'deleted',
    modified: 'modified',
    changed: 'modified',
    unchanged: 'modified',
    renamed: 'renamed',
    copied: 'copied',
  }
  const status = statusMap[entry.status] ?? 'modified'
  const hunks = entry.patch ? parsePatch(entry.patch) : []
  const changes = entry.changes ?? (entry.additions ?? 0) + (entry.deletions ?? 0)
  if (!entry.patch && changes > 0) return null
  const file: DiffFile = {
    oldPath: status === 'added' ? null : (entry.previous_filename ?? entry.filename),
    newPath: status === 'deleted' ? null : entry.filename,
    path: entry.filename,
    status,
    binary: false,
    submodule: false,
    hunks,
    additions: 0,
    deletions: 0,
  }
  countChanges(file)
  return file
}

export interface CommentableLines {
  /** New-file line numbers of added and context lines. */
  RIGHT: Set<number>
  /** Old-file line numbers of deleted and context lines. */
  LEFT: Set<number>
}

/** Which lines GitHub accepts a review comment on, per side (the rules of contract section 5). */
export function commentableLines(file: DiffFile): CommentableLines {
  const out: CommentableLines = { RIGHT: new Set(), LEFT: new Set() }
  for (const h of file.hunks) {
    for (const l of h.lines) {
      if (l.newLine !== undefined) out.RIGHT.add(l.newLine)
      if (l.oldLine !== undefined) out.LEFT.add(l.oldLine)
    }
  }
  return out
}

/** One file's lookup tables: for each side, line number -> hunk index and line. */
export interface FileIndex {
  file: DiffFile
  right: Map<number, { hunk: number; line: DiffLine }>
  left: Map<number, { hunk: number; line: DiffLine }>
}

export interface DiffIndex {
  files: Map<string, FileIndex>
  /** Old path of a rename/copy -> its new path, so a finding on the old name still lands. */
  renamedFrom: Map<string, string>
}

/** Indexes files by comment path for O(1) anchoring. */
export function indexDiff(files: DiffFile[]): DiffIndex {
  const index: DiffIndex = { files: new Map(), renamedFrom: new Map() }
  for (const file of files) {
    const fi: FileIndex = { file, right: new Map(), left: new Map() }
    file.hunks.forEach((h, hi) => {
      for (const l of h.lines) {
        if (l.newLine !== undefined) fi.right.set(l.newLine, { hunk: hi, line: l })
        if (l.oldLine !== undefined) fi.left.set(l.oldLine, { hunk: hi, line: l })
      }
    })
    index.files.set(file.path, fi)
    if (file.oldPath && file.newPath && file.oldPath !== file.newPath) {
      index.renamedFrom.set(file.oldPath, file.newPath)
    }
  }
  return index
}

/** Number of added plus deleted lines: what "every changed line" counts. */
export function changedLineCount(file: DiffFile): number {
  return file.additions + file.deletions
}
