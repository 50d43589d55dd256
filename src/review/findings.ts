/**
 * From the model's findings to what is posted: set aside those under min-severity, anchor each
 * to a line of the diff (or mark it outside), fingerprint it, skip repeats of earlier runs and
 * exact duplicates within this run, check its suggestion, and cap the inline comments. Pure
 * apart from reading head files for suggestions.
 *
 * Every submitted finding ends in exactly one bucket (see `findingCounts`):
 * submitted = inline + outside the diff + overflow + outside review.categories + below
 * min-severity + dismissed + repeated + duplicates. The category is decided first: a `style` nit is counted
 * as outside the categories, not also as below min-severity.
 */
import type { Log } from '../log.js'
import { anchorFinding, anchoredLines, type Finding } from './anchor.js'
import type { DiffIndex } from './diff.js'
import {
  distinctFingerprint,
  fingerprint,
  normalizeText,
  outsideFingerprint,
  titleKey,
} from './fingerprint.js'
import { checkSuggestion, renderSuggestion } from './suggestion.js'
import { DEFAULT_CATEGORY, type Category } from '../config/types.js'
import { SEVERITIES, type PlacedFinding, type Severity } from './summary.js'

export interface Placement {
  /** Most severe first; each with its placement: inline, outside the diff, or overflow. */
  placed: PlacedFinding[]
  /** Findings posted by earlier runs and found again: not repeated. */
  repeated: number
  /** Findings a person dismissed earlier on this PR (resolved, or answered): never posted again. */
  dismissed: number
  /**
   * Every fingerprint this run raised (placed, repeated, dismissed, and those not posted for
   * their severity or category): what is still found.
   */
  raised: Set<string>
  /** `titleKey` of every finding submitted in this run, whatever its bucket. */
  raisedTitles: Set<string>
  /** Findings in a category not in `review.categories`: not posted. */
  outsideCategories: number
  /** How many of those per category, for the summary. */
  offCategory: Partial<Record<Category, number>>
  /** Findings under min-severity: not posted. */
  belowMin: number
  /** The findings under min-severity themselves, listed (collapsed) in the summary. */
  below: Finding[]
  /**
   * Findings submitted twice in this run (same place, same title and text, e.g. by two calls
   * that both saw the code): posted once, counted here.
   */
  duplicates: number
  /** Every finding the model submitted in this run. */
  submitted: number
}

/** The buckets of the `result` output; they add up to `submitted`. */
export interface FindingCounts {
  submitted: number
  inline: number
  outsideDiff: number
  overflow: number
  outsideCategories: number
  belowMinSeverity: number
  dismissed: number
  repeated: number
  duplicates: number
}

/** Where each submitted finding went, one bucket each. */
export function findingCounts(p: Placement): FindingCounts {
  const count = (k: PlacedFinding['placement']) => p.placed.filter((x) => x.placement === k).length
  return {
    submitted: p.submitted,
    inline: count('inline'),
    outsideDiff: count('outside'),
    overflow: count('overflow'),
    outsideCategories: p.outsideCategories,
    belowMinSeverity: p.belowMin,
    dismissed: p.dismissed,
    repeated: p.repeated,
    duplicates: p.duplicates,
  }
}

const severityRank = (s: Severity): number => SEVERITIES.indexOf(s)

/**
 * Places the findings on the PR diff (`index`); `posted` holds earlier runs' fingerprints and
 * `dismissed` those a person dismissed on this PR (they win over `posted` in the counts).
 */
export async function placeFindings(
  findings: Finding[],
  o: {
    index: DiffIndex
    posted: Set<string>
    dismissed?: Set<string>
    minSeverity: Severity
    /** Categories posted (absent: every category). */
    categories?: readonly Category[]
    maxComments: number
    readHead: (path: string) => Promise<string | null>
    log: Log
  },
): Promise<Placement> {
  const minRank = severityRank(o.minSeverity)
  const wanted = (f: Finding) =>
    o.categories === undefined || o.categories.includes(f.category ?? DEFAULT_CATEGORY)
  const offCategory: Partial<Record<Category, number>> = {}
  for (const f of findings.filter((x) => !wanted(x))) {
    const c = f.category ?? DEFAULT_CATEGORY
    offCategory[c] = (offCategory[c] ?? 0) + 1
  }
  const inCategory = findings.filter(wanted)
  const outsideCategories = findings.length - inCategory.length
  const kept = inCategory.filter((f) => severityRank(f.severity) <= minRank)
  const below = inCategory.filter((f) => severityRank(f.severity) > minRank)
  kept.sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
  const placed: PlacedFinding[] = []
  // Fingerprint -> identity of the finding of this run that holds it.
  const seen = new Map<string, string>()
  let repeated = 0
  let dismissed = 0
  const raised = new Set<string>()
  let duplicates = 0
  // Found again, though not posted (under min-severity, or a category not posted): still raised,
  // so the thread that holds it is not called addressed.
  for (const f of [...below, ...findings.filter((x) => !wanted(x))])
    raised.add(baseFingerprint(f, o.index).fp)
  const raisedTitles = new Set(
    findings.map((f) => titleKey(baseFingerprint(f, o.index).anchor.path, String(f.title ?? ''))),
  )
  for (const f of kept) {
    const { anchor, code, fp: base } = baseFingerprint(f, o.index)
    let fp = base
    const identity = identityOf(f, anchor)
    const holder = seen.get(fp)
    if (holder === identity) {
      duplicates++
      continue
    }
    // A different finding holds this fingerprint: this one gets its own, never merged.
    if (holder !== undefined) {
      fp = distinctFingerprint(fp, f)
      while (seen.has(fp) && seen.get(fp) !== identity) fp = distinctFingerprint(fp, f)
      if (seen.get(fp) === identity) {
        duplicates++
        continue
      }
    }
    seen.set(fp, identity)
    raised.add(fp)
    if (o.dismissed?.has(fp)) {
      dismissed++
      continue
    }
    if (o.posted.has(fp)) {
      repeated++
      continue
    }
    const p: PlacedFinding = { finding: f, fp, placement: anchor.outside ? 'outside' : 'inline' }
    if (anchor.outside) p.reason = anchor.reason
    else {
      p.line = anchor.line
      if (anchor.startLine !== undefined) p.startLine = anchor.startLine
      p.repairs = anchor.repairs
      f.path = anchor.path
      f.side = anchor.side
    }
    if (f.suggestion !== undefined) {
      if (anchor.outside) {
        p.codeBlock = renderSuggestion(String(f.path), f.suggestion, {
          ok: false,
          reason: 'the finding is outside the diff',
        })
      } else {
        const check = await checkSuggestion({
          anchor,
          suggestion: f.suggestion,
          rangeLines: code,
          fileText: anchor.side === 'RIGHT' ? await o.readHead(anchor.path) : null,
        })
        if (!check.ok)
          o.log.info(`Suggestion for '${f.title}' shown as plain code: ${check.reason}`)
        p.codeBlock = renderSuggestion(anchor.path, f.suggestion, check)
      }
    }
    placed.push(p)
  }
  let inlineCount = 0
  for (const p of placed) {
    if (p.placement !== 'inline') continue
    if (inlineCount >= o.maxComments) {
      p.placement = 'overflow'
      demoteSuggestion(p, `over the limit of ${o.maxComments} inline comments`)
    } else inlineCount++
  }
  if (repeated > 0) o.log.info(`${repeated} finding(s) were already posted earlier: not repeated.`)
  if (duplicates > 0) o.log.info(`${duplicates} finding(s) were submitted twice: posted once.`)
  if (dismissed > 0)
    o.log.info(`${dismissed} finding(s) were dismissed earlier on this PR: not posted again.`)
  if (outsideCategories > 0)
    o.log.info(
      `${outsideCategories} finding(s) outside review.categories (${describeCategories(offCategory)}): counted, not posted.`,
    )
  return {
    placed,
    outsideCategories,
    offCategory,
    repeated,
    dismissed,
    raised,
    raisedTitles,
    belowMin: below.length,
    below,
    duplicates,
    submitted: findings.length,
  }
}

/** Where a finding anchors and the fingerprint it gets there (before any tie with another). */
function baseFingerprint(f: Finding, index: DiffIndex) {
  const anchor = anchorFinding(f, index)
  const code = anchor.outside ? [] : anchoredLines(anchor, index)
  const fp = anchor.outside
    ? outsideFingerprint({
        path: anchor.path,
        title: f.title,
        line: f.line,
        startLine: f.start_line,
      })
    : fingerprint({ path: anchor.path, title: f.title, code })
  return { anchor, code, fp }
}

/**
 * What makes two findings of one run the same: where the model said they are (the path as
 * resolved, its side, line and range: not the repaired anchor, which may put two nearby lines
 * on one) and what they say (title and body, digits kept). Anything less would merge distinct
 * findings, which is how one was lost.
 */
function identityOf(f: Finding, anchor: ReturnType<typeof anchorFinding>): string {
  const where = `${String(f.side ?? '')}:${String(f.start_line ?? '')}-${String(f.line)}`
  return [anchor.path, where, normalizeText(f.title), normalizeText(f.body)].join('\0')
}

/**
 * A finding listed in the review body instead of inline: a ```suggestion block there would
 * apply to no line (only an inline comment's own range can be committed), so plain code.
 */
export function demoteSuggestion(p: PlacedFinding, reason: string): void {
  if (p.finding.suggestion === undefined) return
  p.codeBlock = renderSuggestion(String(p.finding.path), p.finding.suggestion, {
    ok: false,
    reason,
  })
}

/** `style: 3, docs: 1`: the findings outside review.categories, by category. */
export function describeCategories(off: Partial<Record<Category, number>>): string {
  return Object.entries(off)
    .map(([c, n]) => `${c}: ${n}`)
    .join(', ')
}
