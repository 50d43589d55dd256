/**
 * What a review run concludes, as pure functions: whether it is complete, its verdict line, the
 * state the next run starts from, and the structured `result` output.
 */
import { describeCounts } from '../agent/retry.js'
import { emptyUsage, type AgentResult } from '../agent/types.js'
import type { TaskResult } from '../task.js'
import type { ReviewEvent } from '../github/reviews.js'
import type { Placement } from './findings.js'
import { localResult } from './local.js'
import type { Coverage, PackResult, PackedPart, SkippedFile } from './pack.js'
import type { RangeKind } from './range.js'
import type { SubmitReviewInput } from './submit-review.js'
import {
  SEVERITIES,
  countBySeverity,
  toStateFinding,
  type PlacedFinding,
  type ReviewState,
} from './summary.js'

/**
 * A review-mode run that does nothing (no PR to review, a conversation command with nothing to
 * act on): `reason` as the result and, under `heading`, as the summary.
 */
export function skippedResult(
  reason: string,
  heading: string,
  extra: Record<string, unknown> = {},
): TaskResult {
  return {
    mode: 'review',
    outcome: 'skipped',
    result: { reason, ...extra },
    usage: emptyUsage(),
    stopReason: 'none',
    summary: `${heading}\n\n${reason}\n`,
  }
}

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
  /** Threads answered whose resolution is not confirmed (undefined: as the previous state). */
  unresolved?: string[]
}): ReviewState {
  const { prev } = o
  const fingerprints = [
    ...(prev?.fingerprints ?? []),
    ...(o.posted ? o.placed.map((p) => p.fp) : []),
  ]
  const findings = new Map((prev?.findings ?? []).map((f) => [f.fp, f]))
  if (o.posted) for (const p of o.placed) findings.set(p.fp, toStateFinding(p))
  const confirmed = o.completed && !o.failed
  const unresolved = [...new Set(o.unresolved ?? prev?.unresolved ?? [])]
  return {
    v: 1,
    headSha: confirmed ? o.headSha : (prev?.headSha ?? NOT_REVIEWED),
    baseSha: o.baseSha,
    fingerprints: [...new Set(fingerprints)],
    findings: [...findings.values()],
    ...(unresolved.length > 0 ? { unresolved } : {}),
  }
}

/**
 * Something the review did not cover, and why: a call that ended before `submit_review`, files
 * that did not fit, a GitHub write that failed. Any gap makes the outcome `incomplete`.
 */
export interface CoverageGap {
  /** `model-api`, `budget` (turns, cost, time, loop detector, breaker), `capacity`, `github`. */
  kind: 'model-api' | 'budget' | 'capacity' | 'github'
  /** Short and specific: "model API overloaded (529) x10", "turn budget (max-turns 6) used". */
  reason: string
  /** The files this gap leaves unreviewed (empty for a GitHub write). */
  files: string[]
}

/** Why one review call ended without `submit_review`, in a few words. */
export function stopCause(r: AgentResult<unknown> | null): Pick<CoverageGap, 'kind' | 'reason'> {
  if (!r) return { kind: 'model-api', reason: 'the review call failed' }
  const detail = r.detail ? `: ${r.detail}` : ''
  if (r.apiFailure && Object.keys(r.apiFailure.counts).length > 0) {
    return { kind: 'model-api', reason: describeCounts(r.apiFailure.counts) }
  }
  switch (r.stopReason) {
    case 'api_error':
      return { kind: 'model-api', reason: `model API error${detail}` }
    case 'max_turns':
      return { kind: 'budget', reason: `turn budget used before submit_review${detail}` }
    case 'max_cost':
      return { kind: 'budget', reason: `cost ceiling reached before submit_review${detail}` }
    case 'max_tokens':
      return { kind: 'budget', reason: `token budget used before submit_review${detail}` }
    case 'timeout':
      return { kind: 'budget', reason: `time ran out before submit_review${detail}` }
    case 'loop_detected':
      return { kind: 'budget', reason: `the loop detector stopped the model${detail}` }
    case 'circuit_open':
      return { kind: 'budget', reason: `the failed-tool-call breaker stopped the model${detail}` }
    case 'aborted':
      return { kind: 'budget', reason: `the run was cancelled${detail}` }
    default:
      return { kind: 'budget', reason: `the model stopped without submit_review${detail}` }
  }
}

/**
 * Everything a run did not cover (contract §8): calls that did not end with `submit_review`,
 * files that should have been shown but did not fit (`capacity`), changed lines not shown, and
 * GitHub writes that failed. Files the user ignored, generated and binary files are skipped by
 * choice and are not gaps. `stopsCount` false (a dry run's stand-in client) ignores call stops.
 */
export function coverageGaps(o: {
  kind: RangeKind
  parts: PackedPart[]
  /** Empty with parts: the model was never called (no client). */
  results: (AgentResult<unknown> | null)[]
  /** Why no model call was made, when none was. */
  noModel?: string
  skipped: SkippedFile[]
  coverage: Coverage
  githubFailure?: string
  ignoreAborted?: boolean
}): CoverageGap[] {
  const gaps: CoverageGap[] = []
  if (o.kind !== 'unchanged') {
    if (o.parts.length > 0 && o.results.length === 0) {
      gaps.push({
        kind: 'model-api',
        reason: o.noModel ?? 'the model could not be used',
        files: [...new Set(o.parts.flatMap((p) => p.files))],
      })
    }
    // Calls that failed the same way are one gap, listing their files together.
    const byReason = new Map<string, CoverageGap>()
    o.results.forEach((r, i) => {
      if (r?.stopReason === 'final_tool') return
      if (o.ignoreAborted && r?.stopReason === 'aborted') return
      const cause = stopCause(r)
      const gap = byReason.get(cause.reason) ?? { ...cause, files: [] }
      byReason.set(cause.reason, gap)
      for (const f of o.parts[i]?.files ?? []) if (!gap.files.includes(f)) gap.files.push(f)
    })
    gaps.push(...byReason.values())
    const capacity = o.skipped.filter((s) => s.capacity)
    const byWhy = new Map<string, string[]>()
    for (const s of capacity) byWhy.set(s.reason, [...(byWhy.get(s.reason) ?? []), s.path])
    for (const [reason, files] of byWhy) gaps.push({ kind: 'capacity', reason, files })
    const c = o.coverage
    const unexplained = c.changedLinesReviewable - c.changedLinesShown
    if (unexplained > 0 && capacity.length === 0) {
      gaps.push({
        kind: 'capacity',
        reason: `${unexplained} of ${c.changedLinesReviewable} reviewable changed lines were not shown to the model`,
        files: [],
      })
    }
  }
  if (o.githubFailure) gaps.push({ kind: 'github', reason: o.githubFailure, files: [] })
  return gaps
}

/** Share of reviewable changed lines shown, as "43.5%". */
function percentShown(c: Coverage): string {
  if (c.changedLinesReviewable === 0) return '100%'
  return `${Math.floor((1000 * c.changedLinesShown) / c.changedLinesReviewable) / 10}%`
}

function fileList(files: string[], max = 8): string {
  const shown = files.slice(0, max).map((f) => `\`${f.replace(/`/g, "'")}\``)
  if (files.length > max) shown.push(`and ${files.length - max} more`)
  return shown.join(', ')
}

/**
 * The lines right under the verdict of an incomplete review: what was not covered and why,
 * naming the files, so a maintainer knows in five seconds what still needs a look.
 */
export function gapLines(gaps: CoverageGap[], coverage: Coverage | null): string[] {
  if (gaps.length === 0) return []
  const out: string[] = []
  if (coverage && coverage.changedLinesReviewable > 0) {
    out.push(
      `Covered: ${coverage.filesShown}/${coverage.filesReviewable} reviewable files, ${coverage.changedLinesShown}/${coverage.changedLinesReviewable} changed lines (${percentShown(coverage)}) shown to the model.`,
    )
  }
  for (const g of gaps) {
    const what = g.kind === 'github' ? 'Not posted' : 'Not reviewed'
    out.push(`- ${what}${g.files.length ? `: ${fileList(g.files)}` : ''} (${oneLine(g.reason)})`)
  }
  return out
}

/** The failure message of an incomplete review (the step fails unless fail-on-incomplete: false). */
export function incompleteMessage(gaps: CoverageGap[]): string {
  const parts = gaps.map(
    (g) =>
      `${g.files.length ? `${g.files.slice(0, 5).join(', ')}${g.files.length > 5 ? ', ...' : ''}: ` : ''}${oneLine(g.reason, 160)}`,
  )
  return `Review incomplete: ${parts.join('; ')}. The summary comment says what was not covered; set review.fail-on-incomplete: false to let the step pass.`
}

function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
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
  /** The first gap's reason, for the headline of an incomplete review. */
  gap?: string
}): string {
  const listed = `${o.earlier} finding${o.earlier === 1 ? '' : 's'} from earlier reviews listed below`
  if (o.kind === 'unchanged')
    return `Already reviewed: no new commits${o.earlier ? `; ${listed}` : ''}.`
  if (o.noModel) return `Review not done: ${o.gap ?? 'the model could not be used'}.`
  const counts = countBySeverity(o.placed.map((p) => p.finding))
  // Before "nothing to review": files that did not fit leave zero parts but are not reviewed.
  if (!o.reviewCompleted)
    return `Review incomplete: ${o.gap ?? 'not every change was shown to the model'}; ${counts} so far.`
  if (o.parts === 0) {
    const none =
      o.kind === 'incremental'
        ? 'Nothing new to review: the new commits change no reviewable line of this PR'
        : o.reviewFiles === 0
          ? 'Nothing to review: no changed files'
          : 'Nothing to review: every changed file was skipped (see below)'
    return `${none}${o.earlier ? `; ${listed}` : ''}.`
  }
  const blocking = o.placed.some(
    (p) => p.finding.severity === 'critical' || p.finding.severity === 'major',
  )
  return o.placed.length === 0
    ? o.earlier
      ? `No new issues found; ${listed}.`
      : 'No issues found.'
    : blocking
      ? `Changes recommended: ${counts}.`
      : `Looks reasonable, with ${counts}.`
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
  /** What was not covered; empty for a complete review. */
  gaps: CoverageGap[]
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
    complete: o.gaps.length === 0,
    // Each gap: its kind, why, and the files it leaves unreviewed (contract §8 `incomplete`).
    notCovered: o.gaps,
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
