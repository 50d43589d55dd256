/**
 * From the model's findings to what is posted: drop those under min-severity, anchor each to a
 * line of the diff (or mark it outside), fingerprint it, skip repeats of earlier runs, check its
 * suggestion, and cap the inline comments. Pure apart from reading head files for suggestions.
 */
import type { Log } from '../log.js'
import { anchorFinding, anchoredLines, type Finding } from './anchor.js'
import type { DiffIndex } from './diff.js'
import { fingerprint } from './fingerprint.js'
import { checkSuggestion, renderSuggestion } from './suggestion.js'
import { SEVERITIES, type PlacedFinding, type Severity } from './summary.js'

export interface Placement {
  /** Most severe first; each with its placement: inline, outside the diff, or overflow. */
  placed: PlacedFinding[]
  /** Findings posted by earlier runs and found again: not repeated. */
  repeated: number
  /** Findings under min-severity: not posted. */
  belowMin: number
}

const severityRank = (s: Severity): number => SEVERITIES.indexOf(s)

/** Places the findings on the PR diff (`index`); `posted` holds earlier runs' fingerprints. */
export async function placeFindings(
  findings: Finding[],
  o: {
    index: DiffIndex
    posted: Set<string>
    minSeverity: Severity
    maxComments: number
    readHead: (path: string) => Promise<string | null>
    log: Log
  },
): Promise<Placement> {
  const minRank = severityRank(o.minSeverity)
  const kept = findings.filter((f) => severityRank(f.severity) <= minRank)
  const belowMin = findings.length - kept.length
  kept.sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
  const placed: PlacedFinding[] = []
  const seen = new Set<string>()
  let repeated = 0
  for (const f of kept) {
    const anchor = anchorFinding(f, o.index)
    const code = anchor.outside ? [] : anchoredLines(anchor, o.index)
    const fp = fingerprint({ path: anchor.path, title: f.title, code })
    if (o.posted.has(fp) || seen.has(fp)) {
      repeated += o.posted.has(fp) ? 1 : 0
      continue
    }
    seen.add(fp)
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
  return { placed, repeated, belowMin }
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
