/**
 * What the review looks like on GitHub: the sticky summary comment (with its hidden run state),
 * the review body ("Outside the diff", the findings over max-comments) and each inline comment.
 * Pure text functions, so the whole output can be checked without a server.
 */
import type { Usage } from '../agent/types.js'
import type { Finding } from './anchor.js'
import { fingerprintMarker } from './fingerprint.js'
import type { Coverage, SkippedFile } from './pack.js'

export const SUMMARY_MARKER = '<!-- pitcrew:summary -->'
const STATE_RE = /<!-- pitcrew:state (\{[\s\S]*?\}) -->/g

/**
 * Text pitcrew did not write (model output, file names from the PR) cannot carry pitcrew's
 * hidden markers: a title or a file name holding `<!-- pitcrew:state ... -->` or a fingerprint
 * marker would otherwise be read back by the next run as its own state. The `<` is escaped,
 * so the text shows literally instead of hiding.
 */
export function defuseMarkers(text: string): string {
  return text.replace(/<!--(\s*)pitcrew:/gi, '&lt;!--$1pitcrew:')
}

/** GitHub refuses comment bodies over 65,536 characters; keep a margin. */
export const MAX_COMMENT_CHARS = 60_000
/** Fingerprints kept in the state block (16 hex each): the newest win. */
export const MAX_STATE_FINGERPRINTS = 1500
/** Findings listed in the state block (about 200 characters each): the most severe, then newest. */
export const MAX_STATE_FINDINGS = 100

export const SEVERITIES = ['critical', 'major', 'minor', 'nit'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Run state carried from one run to the next in the summary comment. */
export interface ReviewState {
  v: 1
  /** The head sha the last completed review covered. */
  headSha: string
  baseSha?: string
  /** Fingerprints of every finding already posted (inline or in a review body). */
  fingerprints: string[]
  /**
   * The findings posted so far, in short, so a later run (same head, or only new commits
   * reviewed) still lists them in the summary instead of losing them.
   */
  findings?: StateFinding[]
  /**
   * Fingerprints of pitcrew threads answered "Addressed in" whose resolution GitHub never
   * confirmed: a rerun resolves them (without a second reply) instead of taking them for threads
   * a person reopened.
   */
  unresolved?: string[]
}

/** A posted finding as the state block remembers it. */
export interface StateFinding {
  fp: string
  severity: Severity
  title: string
  path: string
  line?: number
}

/** A placed finding in the short form of the state block. */
export function toStateFinding(p: PlacedFinding): StateFinding {
  const f: StateFinding = {
    fp: p.fp,
    severity: p.finding.severity,
    title: oneLine(p.finding.title, 100),
    path: String(p.finding.path).slice(0, 200),
  }
  const line = p.line ?? p.finding.line
  if (typeof line === 'number' && Number.isInteger(line) && line > 0) f.line = line
  return f
}

/** The state block's size limit, leaving most of the comment to the visible summary. */
const MAX_STATE_CHARS = 45_000

/** The `keep` most important findings (most severe, then newest), in their original order. */
function topFindings(list: StateFinding[], keep: number): StateFinding[] {
  if (list.length <= keep) return list
  const rank = (f: StateFinding) => SEVERITIES.indexOf(f.severity)
  return list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || b.i - a.i)
    .slice(0, keep)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.f)
}

function parseStateFinding(raw: unknown): StateFinding | null {
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  if (typeof r.fp !== 'string' || !/^[0-9a-f]{8,64}$/.test(r.fp)) return null
  if (!SEVERITIES.includes(r.severity as Severity)) return null
  if (typeof r.title !== 'string' || typeof r.path !== 'string') return null
  const f: StateFinding = {
    fp: r.fp,
    severity: r.severity as Severity,
    title: oneLine(r.title, 100),
    path: r.path.slice(0, 200),
  }
  if (typeof r.line === 'number' && Number.isInteger(r.line) && r.line > 0) f.line = r.line
  return f
}

/**
 * The state as an HTML comment. `--` cannot occur in JSON outside strings, and inside strings it
 * is written as `-\u002d`, so nothing in the state can close the comment early.
 */
export function encodeState(state: ReviewState): string {
  const fingerprints = state.fingerprints.slice(-MAX_STATE_FINGERPRINTS)
  const findings = (state.findings ?? [])
    .map(parseStateFinding)
    .filter((f): f is StateFinding => f !== null)
  let keep = Math.min(findings.length, MAX_STATE_FINDINGS)
  let json: string
  for (;;) {
    json = JSON.stringify({
      ...state,
      fingerprints,
      ...(state.findings ? { findings: topFindings(findings, keep) } : {}),
    })
    // Long titles and paths: fewer findings rather than a state block crowding out the text.
    if (json.length <= MAX_STATE_CHARS || keep === 0) break
    keep = Math.floor(keep * 0.8)
  }
  return `<!-- pitcrew:state ${json.replace(/--/g, '-\\u002d').replace(/>/g, '\\u003e')} -->`
}

/** Reads the state back from a summary comment; null when absent or not ours. */
export function parseState(body: string | null | undefined): ReviewState | null {
  if (!body) return null
  // The last block: pitcrew writes its state at the very end of the comment.
  const m = [...body.matchAll(STATE_RE)].pop()
  if (!m) return null
  try {
    const raw = JSON.parse(m[1]!) as Partial<ReviewState>
    if (typeof raw.headSha !== 'string' || !/^[0-9a-f]{7,64}$/.test(raw.headSha)) return null
    const fingerprints = Array.isArray(raw.fingerprints)
      ? raw.fingerprints.filter(
          (f): f is string => typeof f === 'string' && /^[0-9a-f]{8,64}$/.test(f),
        )
      : []
    const state: ReviewState = { v: 1, headSha: raw.headSha, fingerprints }
    if (typeof raw.baseSha === 'string') state.baseSha = raw.baseSha
    if (Array.isArray(raw.findings)) {
      state.findings = raw.findings
        .map(parseStateFinding)
        .filter((f): f is StateFinding => f !== null)
    }
    if (Array.isArray(raw.unresolved)) {
      const unresolved = raw.unresolved.filter(
        (f): f is string => typeof f === 'string' && /^[0-9a-f]{8,64}$/.test(f),
      )
      if (unresolved.length > 0) state.unresolved = unresolved
    }
    return state
  } catch {
    return null
  }
}

/** A finding on its way out: where it went and its fingerprint. */
export interface PlacedFinding {
  finding: Finding
  fp: string
  /** 'inline' posted as a review comment; 'outside' could not be anchored; 'overflow' over max-comments. */
  placement: 'inline' | 'outside' | 'overflow'
  /** Line actually commented (inline) or referred to. */
  line?: number
  startLine?: number
  /** Why it is not inline, for 'outside'. */
  reason?: string
  /** Notes about repairs to the anchor, shown in the comment. */
  repairs?: string[]
  /** Rendered suggestion / code block, if any. */
  codeBlock?: string
}

const SEVERITY_ICON: Record<Severity, string> = {
  critical: '🛑',
  major: '⚠️',
  minor: '💡',
  nit: '🔹',
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** Inline comment text: severity, title, body, repairs, code block, fingerprint marker. */
export function renderInlineComment(p: PlacedFinding): string {
  const f = p.finding
  const parts = [
    `${SEVERITY_ICON[f.severity]} **${f.severity}: ${oneLine(f.title)}**`,
    '',
    f.body.trim(),
  ]
  if (p.repairs && p.repairs.length > 0) parts.push('', `<sub>Note: ${p.repairs.join('; ')}.</sub>`)
  if (p.codeBlock) parts.push('', p.codeBlock)
  return `${defuseMarkers(parts.join('\n'))}\n\n${fingerprintMarker(p.fp)}`
}

function lineRef(p: PlacedFinding): string {
  const line = p.line ?? p.finding.line
  const start = p.startLine ?? p.finding.start_line
  if (typeof line !== 'number' || !Number.isFinite(line)) return ''
  return start !== undefined && start !== line ? ` lines ${start}-${line}` : ` line ${line}`
}

function bodyEntry(p: PlacedFinding): string {
  const f = p.finding
  const head = `- ${SEVERITY_ICON[f.severity]} **${f.severity}: ${oneLine(f.title)}** — \`${oneLine(String(f.path), 300)}\`${lineRef(p)}`
  const lines = [head]
  if (p.reason) lines.push(`  <sub>${oneLine(p.reason, 300)}</sub>`)
  const body = f.body.trim()
  if (body) lines.push(...body.split('\n').map((l) => `  ${l}`))
  if (p.codeBlock) lines.push(...p.codeBlock.split('\n').map((l) => `  ${l}`))
  return `${defuseMarkers(lines.join('\n'))}\n  ${fingerprintMarker(p.fp)}`
}

/**
 * The review body: a one-line overview, then the findings that are not inline comments:
 * "Outside the diff" and the ones over max-comments. Cut to fit GitHub's limit.
 */
export function renderReviewBody(opts: {
  placed: PlacedFinding[]
  summary: string
  maxComments: number
  /** Set when inline comments were moved into the body after GitHub refused them. */
  degraded?: string
}): string {
  const outside = opts.placed.filter((p) => p.placement === 'outside')
  const overflow = opts.placed.filter((p) => p.placement === 'overflow')
  const out: string[] = [
    `**pitcrew review**: ${countBySeverity(opts.placed.map((p) => p.finding))}.`,
  ]
  if (opts.summary.trim()) out.push('', defuseMarkers(opts.summary.trim()))
  if (opts.degraded) out.push('', `> ${opts.degraded}`)
  if (outside.length > 0) {
    out.push('', '### Outside the diff', '', ...outside.map(bodyEntry))
  }
  if (overflow.length > 0) {
    out.push(
      '',
      opts.degraded
        ? '### Findings'
        : `### More findings (over the limit of ${opts.maxComments} inline comments)`,
      '',
      ...overflow.map(bodyEntry),
    )
  }
  return cap(out.join('\n'), MAX_COMMENT_CHARS)
}

function cap(text: string, max: number): string {
  if (text.length <= max) return text
  return `${text.slice(0, max - 80)}\n\n… (${text.length - max + 80} characters cut to fit GitHub's limit)`
}

/** "2 major, 1 nit" or "no findings". */
export function countBySeverity(findings: Pick<Finding, 'severity'>[]): string {
  if (findings.length === 0) return 'no findings'
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')
}

export interface SummaryInput {
  /** Under the verdict: what an incomplete review did not cover and why (outcome.ts gapLines). */
  gaps?: string[]
  verdict: string
  /** Findings of this run (after filters and dedupe). */
  placed: PlacedFinding[]
  /** Findings already posted in earlier runs and found again (not reposted). */
  repeated: number
  /** Findings under min-severity (not posted). */
  belowMinSeverity: number
  /** Findings in categories not in review.categories (not posted), by category. */
  offCategory?: Partial<Record<string, number>>
  /** The findings under min-severity, listed in a collapsed section (absent: count only). */
  below?: Finding[]
  /** The min-severity setting, named in that section. */
  minSeverity?: Severity
  /** Findings submitted twice in this run, posted once. */
  duplicates?: number
  /** Findings of this run a person dismissed earlier on this PR (not posted again). */
  dismissed?: number
  /** The PR's review threads as this run read them and what it did with them. */
  conversation?: ConversationSummary
  /** Every finding the model submitted in this run: the sum of every bucket above. */
  submitted?: number
  range: { base: string; head: string; from?: string; kind: 'full' | 'incremental' | 'unchanged' }
  reviewed: string[]
  skipped: SkippedFile[]
  coverage: Coverage | null
  usage: Usage
  calls: number
  notes: string[]
  /** Markdown of a review that was not posted (dry run, read-only token). */
  unposted?: { why: string; body: string; comments: { path: string; line: number; body: string }[] }
  reviewUrl?: string
  /** The workflow run that wrote this summary (its log, its transcript artifact). */
  runUrl?: string
  state: ReviewState
  /** Findings posted by earlier runs (from the state block), listed so none is lost. */
  earlier?: StateFinding[]
  /** Sections of the previous summary kept on a rerun of the same head (files, coverage). */
  carried?: string
}

/** What the summary says about the PR's review threads. */
export interface ConversationSummary {
  /** Set when the threads could not be read: the review went on without them. */
  error?: string
  /** pitcrew threads a person dismissed, with who and how. */
  dismissed: { title: string; path: string; by: string; how: 'resolved' | 'replied' }[]
  /** Threads this run answered `Addressed in <sha>.` and resolved. */
  addressed: { title: string; path: string }[]
  /** The head that addressed them. */
  head: string
}

function conversationLines(c: ConversationSummary): string[] {
  if (c.error)
    return [
      '',
      `> Reviewed without the conversation: the review threads could not be read (${oneLine(c.error, 300)}). Findings pitcrew posted before are still not repeated (their fingerprints are in its own comments), but dismissed findings are not listed and addressed threads were not resolved.`,
    ]
  const out: string[] = []
  if (c.addressed.length > 0) {
    out.push(
      '',
      `Resolved ${c.addressed.length} thread${c.addressed.length === 1 ? '' : 's'} addressed in \`${short(c.head)}\`:`,
      ...c.addressed.map((a) => `- ${oneLine(a.title)} — \`${oneLine(a.path, 200)}\``),
    )
  }
  out.push(
    ...listBlock(
      'Dismissed on this PR, not posted again',
      c.dismissed,
      (d) =>
        `- ${oneLine(d.title)} — \`${oneLine(d.path, 200)}\` — dismissed by @${d.by} (${d.how === 'resolved' ? 'resolved the thread' : 'replied'})`,
      100,
    ),
  )
  return out
}

/**
 * The parts of a previous summary that a rerun on the same head cannot recompute (it packs
 * nothing): the review link, the coverage line and the lists of files reviewed and skipped.
 */
export function carriedSections(previous: string | null | undefined): string {
  if (!previous) return ''
  const out: string[] = []
  const review = /^Review: \S+$/m.exec(previous)
  if (review) out.push(review[0])
  const coverage = /^Coverage: .*$/m.exec(previous)
  if (coverage) out.push(coverage[0])
  for (const m of previous.matchAll(
    /<details><summary>Files (?:reviewed|skipped) \(\d+\)<\/summary>[\s\S]*?<\/details>/g,
  ))
    out.push(m[0])
  return out.join('\n\n')
}

function short(sha: string): string {
  return sha.slice(0, 7)
}

function listBlock<T>(title: string, items: T[], render: (t: T) => string, max: number): string[] {
  if (items.length === 0) return []
  const shown = items.slice(0, max).map(render)
  if (items.length > max) shown.push(`- … and ${items.length - max} more`)
  return [
    '',
    `<details><summary>${title} (${items.length})</summary>`,
    '',
    ...shown,
    '',
    '</details>',
  ]
}

function formatUsage(u: Usage, calls: number): string {
  const cost = u.costUsd === null ? 'unknown cost' : `$${u.costUsd.toFixed(4)}`
  return `${calls} model call${calls === 1 ? '' : 's'}, ${u.turns} turn${u.turns === 1 ? '' : 's'}, ${u.inputTokens} input + ${u.cacheReadTokens} cache-read + ${u.cacheWriteTokens} cache-write tokens, ${u.outputTokens} output tokens, ${cost}`
}

/** The sticky summary comment (also the job summary's review section). */
export function renderSummary(input: SummaryInput): string {
  const out: string[] = [SUMMARY_MARKER, '## pitcrew review', '', `**${input.verdict}**`, '']
  // The first lines say what was not covered, before anything else (counts, lists).
  if (input.gaps?.length) out.push(...input.gaps, '')
  const r = input.range
  if (r.kind === 'incremental' && r.from) {
    out.push(
      `Reviewed the changes from \`${short(r.from)}\` to \`${short(r.head)}\` (new commits since the last review); anchors checked against the whole PR (\`${short(r.base)}...${short(r.head)}\`).`,
    )
  } else if (r.kind === 'unchanged') {
    out.push(`No new commits since the last review of \`${short(r.head)}\`: nothing new posted.`)
  } else {
    out.push(`Reviewed \`${short(r.base)}...${short(r.head)}\`.`)
  }
  const counts = SEVERITIES.map(
    (s) =>
      `${SEVERITY_ICON[s]} ${s}: ${input.placed.filter((p) => p.finding.severity === s).length}`,
  )
  out.push('', `Findings: ${counts.join(' · ')}`)
  const inline = input.placed.filter((p) => p.placement === 'inline').length
  const outside = input.placed.filter((p) => p.placement === 'outside').length
  const overflow = input.placed.filter((p) => p.placement === 'overflow').length
  const where: string[] = []
  if (inline) where.push(`${inline} inline`)
  if (outside) where.push(`${outside} outside the diff`)
  if (overflow) where.push(`${overflow} in the review body (over max-comments)`)
  if (input.repeated) where.push(`${input.repeated} already posted earlier (not repeated)`)
  const offCategory = Object.entries(input.offCategory ?? {}).filter(([, n]) => (n ?? 0) > 0)
  const outsideCategories = offCategory.reduce((a, [, n]) => a + (n ?? 0), 0)
  if (outsideCategories)
    where.push(
      `${outsideCategories} outside review.categories (${offCategory.map(([c, n]) => `${c}: ${n}`).join(', ')}; counted, not posted)`,
    )
  if (input.belowMinSeverity)
    where.push(`${input.belowMinSeverity} below min-severity (not posted, listed below)`)
  if (input.dismissed)
    where.push(`${input.dismissed} dismissed earlier on this PR (not posted again)`)
  if (input.duplicates) where.push(`${input.duplicates} submitted twice in this run (posted once)`)
  if (where.length > 0) {
    const of =
      input.submitted !== undefined
        ? `${input.submitted} finding${input.submitted === 1 ? '' : 's'} submitted: `
        : ''
    out.push(`(${of}${where.join(', ')})`)
  }
  if (input.reviewUrl) out.push('', `Review: ${input.reviewUrl}`)
  if (input.coverage) {
    const c = input.coverage
    const pct =
      c.changedLinesReviewable === 0
        ? 100
        : Math.floor((1000 * c.changedLinesShown) / c.changedLinesReviewable) / 10
    out.push(
      '',
      `Coverage: ${c.filesShown}/${c.filesReviewable} reviewable files and ${c.changedLinesShown}/${c.changedLinesReviewable} changed lines (${pct}%) shown to the model; ${c.filesTotal} file${c.filesTotal === 1 ? '' : 's'} in the change.`,
    )
  }
  for (const n of input.notes) out.push('', `> ${n}`)
  if (input.conversation) out.push(...conversationLines(input.conversation))
  const top = input.placed.filter(
    (p) => p.finding.severity === 'critical' || p.finding.severity === 'major',
  )
  if (top.length > 0) {
    out.push('', '### Critical and major findings', '')
    for (const p of top.slice(0, 30)) {
      out.push(
        `- ${SEVERITY_ICON[p.finding.severity]} **${oneLine(p.finding.title)}** — \`${oneLine(String(p.finding.path), 200)}\`${lineRef(p)}`,
      )
    }
    if (top.length > 30) out.push(`- … and ${top.length - 30} more`)
  }
  const earlier = input.earlier ?? []
  if (earlier.length > 0) {
    out.push('', `### Findings from earlier reviews (${countBySeverity(earlier)})`, '')
    const sorted = [...earlier].sort(
      (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
    )
    for (const f of sorted.slice(0, 50)) {
      const at = f.line !== undefined ? ` line ${f.line}` : ''
      out.push(
        `- ${SEVERITY_ICON[f.severity]} **${f.severity}: ${oneLine(f.title)}** — \`${oneLine(f.path, 200)}\`${at}`,
      )
    }
    if (sorted.length > 50) out.push(`- … and ${sorted.length - 50} more`)
  }
  if (input.carried) out.push('', `From the review of \`${short(r.head)}\`:`, '', input.carried)
  const below = [...(input.below ?? [])].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
  )
  out.push(
    ...listBlock(
      `Below min-severity${input.minSeverity ? ` (${input.minSeverity})` : ''}, not posted`,
      below,
      (f) =>
        `- ${SEVERITY_ICON[f.severity]} ${f.severity}: ${oneLine(f.title)} — \`${oneLine(String(f.path), 200)}\`${lineRef({ finding: f } as PlacedFinding)}`,
      100,
    ),
  )
  out.push(...listBlock('Files reviewed', input.reviewed, (f) => `- \`${f}\``, 300))
  out.push(...listBlock('Files skipped', input.skipped, (s) => `- \`${s.path}\`: ${s.reason}`, 300))
  const run = input.runUrl ? ` · [workflow run](${input.runUrl})` : ''
  out.push('', `<sub>Usage: ${formatUsage(input.usage, input.calls)}.${run}</sub>`)
  const stateBlock = encodeState(input.state)
  let unposted = ''
  if (input.unposted) {
    const u = input.unposted
    const comments = u.comments.map((c) => `#### \`${c.path}\` line ${c.line}\n\n${c.body}`)
    unposted = ['', `### Review not posted (${u.why})`, '', u.body, '', ...comments].join('\n')
  }
  // Everything after the marker line is text that may quote the model or the PR: defused.
  const head = `${SUMMARY_MARKER}\n${defuseMarkers(out.slice(1).join('\n'))}`
  const budget = MAX_COMMENT_CHARS - stateBlock.length - 10
  const body = cap(head + unposted, budget)
  return `${body}\n\n${stateBlock}\n`
}
