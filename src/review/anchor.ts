/**
 * Validates and, where it is honest, repairs where a finding lands before anything is posted,
 * so the review call never gets a 422 ("pull_request_review_thread.line must be part of the
 * diff"). The rules are GitHub's: RIGHT for added and context lines (new numbers), LEFT for
 * deleted and context lines (old numbers), a multi-line range inside one hunk.
 */
import type { Category } from '../config/types.js'
import type { DiffIndex, FileIndex, Side } from './diff.js'

export type { Side }

/** A finding as the model submits it (contract section 7, `submit_review`). */
export interface Finding {
  path: string
  line: number
  start_line?: number
  side?: Side
  severity: 'critical' | 'major' | 'minor' | 'nit'
  /** What the finding is about; `cleanFinding` gives one to every finding. */
  category?: Category
  title: string
  body: string
  suggestion?: string
}

export interface InlineAnchor {
  outside: false
  path: string
  side: Side
  line: number
  /** Set only for a multi-line range (start_line < line, same hunk, same side). */
  startLine?: number
  /** What was changed from the finding's own anchor, for the comment text; empty when exact. */
  repairs: string[]
  /** False when the anchor was moved or shrunk: a suggestion would then replace other lines. */
  exact: boolean
}

export interface OutsideAnchor {
  outside: true
  /** The path as resolved (or as given, when it is not in the diff). */
  path: string
  reason: string
}

export type Anchor = InlineAnchor | OutsideAnchor

/** How far (in lines) a line outside a hunk may be moved to the hunk's edge. */
export const SNAP_DISTANCE = 3

/** Maps a model-given path onto a path of the diff: `./x`, `a/x`, `b/x`, backslashes, old names. */
export function resolvePath(path: unknown, index: DiffIndex): string | null {
  if (typeof path !== 'string' || path.trim() === '') return null
  const raw = path.trim().replace(/\\/g, '/')
  // The common case, a path as the diff has it, without building the other candidates.
  if (index.files.has(raw)) return raw
  const candidates = [raw, raw.replace(/^\.\//, ''), raw.replace(/^\/+/, '')]
  if (/^[ab]\//.test(raw)) candidates.push(raw.slice(2))
  for (const c of candidates) {
    if (index.files.has(c)) return c
    const renamed = index.renamedFrom.get(c)
    if (renamed && index.files.has(renamed)) return renamed
  }
  return null
}

function isLineNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0
}

function sideMap(fi: FileIndex, side: Side): FileIndex['right'] {
  return side === 'RIGHT' ? fi.right : fi.left
}

/** The hunk whose `side` range lies within SNAP_DISTANCE of `line`, and the nearest line in it. */
function snap(fi: FileIndex, side: Side, line: number): { line: number; hunk: number } | null {
  let best: { line: number; hunk: number; dist: number } | null = null
  fi.file.hunks.forEach((h, hi) => {
    const start = side === 'RIGHT' ? h.newStart : h.oldStart
    const count = side === 'RIGHT' ? h.newLines : h.oldLines
    if (count === 0) return
    const end = start + count - 1
    const target = line < start ? start : line > end ? end : line
    const dist = Math.abs(target - line)
    if (dist <= SNAP_DISTANCE && sideMap(fi, side).has(target) && (!best || dist < best.dist)) {
      best = { line: target, hunk: hi, dist }
    }
  })
  const found = best as { line: number; hunk: number; dist: number } | null
  return found ? { line: found.line, hunk: found.hunk } : null
}

/**
 * Decides where a finding is posted: an inline anchor GitHub will accept, or "outside the diff"
 * with the reason. Repairs are limited to what does not change the meaning: a path spelled
 * differently, a swapped range, a line at most SNAP_DISTANCE lines past a hunk's edge (noted in
 * the comment), a range cut down to the part inside the hunk of its end line.
 */
export function anchorFinding(finding: Partial<Finding>, index: DiffIndex): Anchor {
  const givenPath = typeof finding.path === 'string' ? finding.path : String(finding.path ?? '')
  const path = resolvePath(finding.path, index)
  if (path === null) {
    return {
      outside: true,
      path: givenPath,
      reason: `'${givenPath}' is not a file changed in this pull request`,
    }
  }
  const fi = index.files.get(path)!
  const repairs: string[] = []
  if (path !== givenPath) repairs.push(`path '${givenPath}' read as '${path}'`)
  if (fi.file.hunks.length === 0) {
    const what = fi.file.binary
      ? 'a binary file'
      : fi.file.submodule
        ? 'a submodule'
        : 'a file without text changes'
    return { outside: true, path, reason: `'${path}' is ${what}: no line can carry a comment` }
  }
  let side: Side
  if (finding.side === 'LEFT' || finding.side === 'RIGHT') side = finding.side
  else if (finding.side === undefined || finding.side === null) {
    // A deleted file only has a LEFT side; anything else defaults to the new file.
    side = fi.file.status === 'deleted' ? 'LEFT' : 'RIGHT'
  } else {
    return { outside: true, path, reason: `side '${String(finding.side)}' is not LEFT or RIGHT` }
  }
  if (!isLineNumber(finding.line)) {
    return {
      outside: true,
      path,
      reason: `line '${String(finding.line)}' is not a positive integer`,
    }
  }
  let line = finding.line
  let startLine: number | undefined = isLineNumber(finding.start_line)
    ? finding.start_line
    : undefined
  if (startLine !== undefined && startLine > line) {
    ;[startLine, line] = [line, startLine]
    repairs.push('range start and end swapped')
  }
  if (startLine === line) startLine = undefined
  const map = sideMap(fi, side)

  let hit = map.get(line)
  let exact = true
  if (!hit) {
    // A range whose end is past the hunk but whose start is inside: cut it at the hunk's edge.
    const startHit = startLine !== undefined ? map.get(startLine) : undefined
    if (startHit) {
      let end = startLine!
      while (map.get(end + 1)?.hunk === startHit.hunk && end + 1 < line) end++
      repairs.push(
        `range ${startLine}-${line} cut to ${startLine}-${end}, the part shown in the diff`,
      )
      line = end
      hit = map.get(line)!
      exact = false
    } else {
      const snapped = snap(fi, side, line)
      if (!snapped) {
        return {
          outside: true,
          path,
          reason: `line ${line} (${side}) is not part of the diff of '${path}'`,
        }
      }
      repairs.push(
        `about line ${line}; placed on line ${snapped.line}, the nearest line shown in the diff`,
      )
      line = snapped.line
      hit = map.get(line)!
      startLine = undefined
      exact = false
    }
  }
  if (startLine !== undefined) {
    const startHit = map.get(startLine)
    if (!startHit || startHit.hunk !== hit.hunk) {
      repairs.push(
        `range ${startLine}-${line} spans outside one hunk; commented on line ${line} only`,
      )
      startLine = undefined
      exact = false
    }
  }
  if (startLine === line) startLine = undefined
  const anchor: InlineAnchor = { outside: false, path, side, line, repairs, exact }
  if (startLine !== undefined) anchor.startLine = startLine
  return anchor
}

/** The diff lines an inline anchor covers (for fingerprints and suggestion checks). */
export function anchoredLines(anchor: InlineAnchor, index: DiffIndex): string[] {
  const fi = index.files.get(anchor.path)
  if (!fi) return []
  const map = sideMap(fi, anchor.side)
  const out: string[] = []
  for (let n = anchor.startLine ?? anchor.line; n <= anchor.line; n++) {
    const hit = map.get(n)
    if (hit) out.push(hit.line.content)
  }
  return out
}
