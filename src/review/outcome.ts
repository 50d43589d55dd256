/**
 * What a review run concludes, as pure functions: whether it is complete, its verdict line, the
 * state the next run starts from, and the structured `result` output.
 */
import type { AgentResult } from '../agent/types.js'
import type { ReviewEvent } from '../github/reviews.js'
import type { Placement } from './findings.js'
import { localResult } from './local.js'
import type { PackResult, SkippedFile } from './pack.js'
import type { RangeKind } from './range.js'
import type { SubmitReviewInput } from './submit-review.js'
import {
  SEVERITIES,
  countBySeverity,
  toStateFinding,
  type PlacedFinding,
  type ReviewState,
} from './summary.js'

/** Complete: nothing to review, or every call ended with submit_review. */
export function reviewCompleted(
  kind: RangeKind,
  results: (AgentResult<SubmitReviewInput> | null)[],
): boolean {
  return (
    kind === 'unchanged' ||
    results.length === 0 ||
    results.every((r) => r?.stopReason === 'final_tool')
  )
}

/** The head recorded when no head was ever reviewed completely: it matches no commit. */
export const NOT_REVIEWED = '0000000'

/**
 * The state block for the next run, recorded after the fact: only findings whose review GitHub
 * confirmed (`posted`) become fingerprints, and the head counts as reviewed only when the review
 * completed and nothing failed (a review POST that failed for good, for one). Otherwise the
 * previous head stays (or none, `NOT_REVIEWED`), so the next run reviews these changes again
 * and posts what this one could not.
 */
export function nextState(o: {
  prev: ReviewState | null
  placed: PlacedFinding[]
  posted: boolean
  completed: boolean
  failed: boolean
  headSha: string
  baseSha: string
}): ReviewState {
  const { prev } = o
  const fingerprints = [
    ...(prev?.fingerprints ?? []),
    ...(o.posted ? o.placed.map((p) => p.fp) : []),
  ]
  const findings = new Map((prev?.findings ?? []).map((f) => [f.fp, f]))
  if (o.posted) for (const p of o.placed) findings.set(p.fp, toStateFinding(p))
  const confirmed = o.completed && !o.failed
  return {
    v: 1,
    headSha: confirmed ? o.headSha : (prev?.headSha ?? NOT_REVIEWED),
    baseSha: o.baseSha,
    fingerprints: [...new Set(fingerprints)],
    findings: [...findings.values()],
  }
}

/** The one-line verdict at the top of the summary. */
export function verdictOf(o: {
  kind: RangeKind
  placed: PlacedFinding[]
  reviewCompleted: boolean
  parts: number
  reviewFiles: number
  noModel: boolean
  /** Findings posted by earlier runs, still listed in the summary. */
  earlier: number
}): string {
  const listed = `${o.earlier} finding${o.earlier === 1 ? '' : 's'} from earlier reviews listed below`
  if (o.kind === 'unchanged')
    return `Already reviewed: no new commits${o.earlier ? `; ${listed}` : ''}.`
  if (o.noModel) return 'Review not done: the model could not be used.'
  if (o.parts === 0) {
    const none =
      o.kind === 'incremental'
        ? 'Nothing new to review: the new commits change no reviewable line of this PR'
        : o.reviewFiles === 0
          ? 'Nothing to review: no changed files'
          : 'Nothing to review: every changed file was skipped (see below)'
    return `${none}${o.earlier ? `; ${listed}` : ''}.`
  }
  const counts = countBySeverity(o.placed.map((p) => p.finding))
  const blocking = o.placed.some(
    (p) => p.finding.severity === 'critical' || p.finding.severity === 'major',
  )
  const head = !o.reviewCompleted
    ? `Review incomplete (a budget ran out): ${counts} so far.`
    : o.placed.length === 0
      ? o.earlier
        ? `No new issues found; ${listed}.`
        : 'No issues found.'
      : blocking
        ? `Changes recommended: ${counts}.`
        : `Looks reasonable, with ${counts}.`
  return head
}

/** The `result` output (and, for a local review, what the CLI prints). */
export function reviewResult(o: {
  prNumber: number
  headSha: string
  baseSha: string
  range: { kind: RangeKind; from?: string }
  placement: Placement
  pack: PackResult
  source: string
  posting: { wanted: boolean; posted: boolean; event: ReviewEvent; reviewUrl?: string }
  readOnly: boolean
  dryRun: boolean
  local?: { notes: string[]; complete: boolean; verdict: string }
}): Record<string, unknown> {
  const { placed, repeated, belowMin } = o.placement
  const { pack, posting } = o
  return {
    prNumber: o.prNumber,
    headSha: o.headSha,
    baseSha: o.baseSha,
    range: o.range.kind,
    ...(o.range.from ? { from: o.range.from } : {}),
    findings: Object.fromEntries(
      SEVERITIES.map((s) => [s, placed.filter((p) => p.finding.severity === s).length]),
    ),
    inline: placed.filter((p) => p.placement === 'inline').length,
    outsideDiff: placed.filter((p) => p.placement === 'outside').length,
    overflow: placed.filter((p) => p.placement === 'overflow').length,
    repeated,
    belowMinSeverity: belowMin,
    calls: pack.parts.length,
    coverage: pack.coverage,
    skippedFiles: pack.skipped.map((s: SkippedFile) => ({ path: s.path, reason: s.reason })),
    source: o.source,
    event: posting.wanted ? posting.event : null,
    posted: posting.posted,
    readOnly: o.readOnly,
    dryRun: o.dryRun,
    ...(posting.reviewUrl ? { reviewUrl: posting.reviewUrl } : {}),
    ...(o.local ? localResult({ placed, pack, ...o.local }) : {}),
  }
}
