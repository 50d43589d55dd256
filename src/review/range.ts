/**
 * What this run reviews of the PR's change: all of it, only the hunks touched since the last
 * reviewed head (incremental), or nothing when that head is the current one.
 */
import type { Log } from '../log.js'
import type { Git } from '../tools/git.js'
import { parseGitDiff, type DiffFile } from './diff.js'
import { fetchIfMissing } from './shallow.js'
import type { ReviewState } from './summary.js'

export type RangeKind = 'full' | 'incremental' | 'unchanged'

export interface ReviewRange {
  kind: RangeKind
  /** The PR files (hunks) to review. */
  files: DiffFile[]
  /** The last reviewed head, for an incremental review. */
  from?: string
}

/**
 * Decides the range from the state of the last run: a `/pitcrew review` command always reviews
 * everything; a force-push (the old head is no ancestor) too, since the old diff means nothing.
 */
export async function chooseRange(
  git: Git,
  log: Log,
  o: {
    files: DiffFile[]
    headSha: string
    prev: ReviewState | null
    commentCommand?: 'review' | 'fix'
  },
): Promise<ReviewRange> {
  const { prev, headSha } = o
  if (o.commentCommand === 'review') {
    log.info('`/pitcrew review` command: full review.')
    return { kind: 'full', files: o.files }
  }
  if (prev && prev.headSha === headSha) {
    log.info(`Head ${headSha.slice(0, 7)} was already reviewed: nothing new to review.`)
    return { kind: 'unchanged', files: [] }
  }
  if (!prev) return { kind: 'full', files: o.files }
  await fetchIfMissing(git, [prev.headSha, headSha])
  const ancestor = await git.isAncestor(prev.headSha, headSha).catch(() => false)
  if (!ancestor) {
    log.info(
      `Last reviewed ${prev.headSha.slice(0, 7)} is not an ancestor of the head (force-push): full review.`,
    )
    return { kind: 'full', files: o.files }
  }
  try {
    const incremental = parseGitDiff(await git.diff(prev.headSha, headSha))
    const files = restrictToTouched(o.files, incremental)
    log.info(
      `Incremental review: ${files.length} file(s) changed since ${prev.headSha.slice(0, 7)}.`,
    )
    return { kind: 'incremental', files, from: prev.headSha }
  } catch (err) {
    log.info(`Could not diff since the last review (${(err as Error).message}): full review.`)
    return { kind: 'full', files: o.files }
  }
}

/** Lines (new side) touched by an incremental diff, per path: which PR hunks to re-review. */
function touchedLines(files: DiffFile[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>()
  for (const f of files) {
    if (!f.newPath) continue
    const set = new Set<number>()
    for (const h of f.hunks) {
      let lastNew = h.newStart
      for (const l of h.lines) {
        if (l.newLine !== undefined) lastNew = l.newLine
        if (l.kind === 'add') set.add(l.newLine!)
        else if (l.kind === 'del') set.add(lastNew) // a deletion is "at" the neighbouring new line
      }
    }
    out.set(f.newPath, set)
  }
  return out
}

/** The PR diff restricted to the hunks that overlap what changed since the last review. */
export function restrictToTouched(prFiles: DiffFile[], incremental: DiffFile[]): DiffFile[] {
  const touched = touchedLines(incremental)
  const out: DiffFile[] = []
  for (const f of prFiles) {
    const lines = touched.get(f.path)
    if (!lines) continue
    const hunks = f.hunks.filter((h) => {
      const end = h.newStart + Math.max(h.newLines, 1)
      for (let n = h.newStart - 1; n <= end; n++) if (lines.has(n)) return true
      return false
    })
    if (hunks.length === 0 && f.hunks.length > 0) continue
    const copy: DiffFile = { ...f, hunks }
    copy.additions = hunks.reduce((s, h) => s + h.lines.filter((l) => l.kind === 'add').length, 0)
    copy.deletions = hunks.reduce((s, h) => s + h.lines.filter((l) => l.kind === 'del').length, 0)
    out.push(copy)
  }
  return out
}
