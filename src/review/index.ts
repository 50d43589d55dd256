/**
 * Review mode: gets the PR's change, packs it into model calls that together show every
 * reviewable changed line, runs one agent loop per call (bounded concurrency), and posts ONE
 * review whose every inline comment was validated against the diff beforehand, plus the sticky
 * summary comment that carries the state the next run needs (reviewed sha, fingerprints).
 */
import { readFile } from 'node:fs/promises'
import picomatch from 'picomatch'
import type { TaskDeps, TaskResult } from '../task.js'
import type { AgentResult, StopReason, ToolDefinition, Usage } from '../agent/types.js'
import { emptyUsage } from '../agent/types.js'
import type { Octokit } from '../github/octokit.js'
import { updateOrCreateComment } from '../github/comments.js'
import { getPull, listPullFiles, type PullSummary } from '../github/pulls.js'
import { createReview, type ReviewCommentInput, type ReviewEvent } from '../github/reviews.js'
import { errorMessage, isStatus, statusOf } from '../github/errors.js'
import { Git } from '../tools/git.js'
import { workspaceTools } from '../tools/workspace.js'
import { resolveInWorkspace } from '../safety/jail.js'
import { quoteUntrusted, sanitizeUntrusted } from '../safety/sanitize.js'
import { loadPrompt } from '../prompts.js'
import { fileFromApi, indexDiff, parseGitDiff, type DiffFile, type DiffIndex } from './diff.js'
import { anchorFinding, anchoredLines, type Finding } from './anchor.js'
import { fingerprint } from './fingerprint.js'
import { readEarlierRuns, tokenAuthorCheck } from './sticky.js'
import { packDiff, type PackResult, type SkippedFile } from './pack.js'
import { checkSuggestion, renderSuggestion } from './suggestion.js'
import {
  SEVERITIES,
  SUMMARY_MARKER,
  carriedSections,
  countBySeverity,
  renderInlineComment,
  renderReviewBody,
  renderSummary,
  toStateFinding,
  type PlacedFinding,
  type ReviewState,
  type Severity,
} from './summary.js'

export { SUMMARY_MARKER }

/** The `submit_review` input (contract section 7). */
export interface SubmitReviewInput {
  summary: string
  findings: Partial<Finding>[]
}

/** The final tool: its validated input ends the loop and is the loop's result. */
export function submitReviewTool(): ToolDefinition<SubmitReviewInput> {
  return {
    name: 'submit_review',
    description:
      'Submit the review: a short overall summary and the list of findings (possibly empty). Call it exactly once, at the end.',
    final: true,
    inputSchema: {
      type: 'object',
      properties: {
        summary: {
          type: 'string',
          description: 'One paragraph: the overall assessment of this part of the change.',
        },
        findings: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string', description: 'File path exactly as shown in the diff.' },
              line: {
                type: 'integer',
                description: 'Line number shown in the diff (last line of a range).',
              },
              start_line: {
                type: 'integer',
                description: 'First line of a multi-line range, same hunk and side.',
              },
              side: {
                type: 'string',
                enum: ['LEFT', 'RIGHT'],
                description: 'RIGHT: added/context lines; LEFT: deleted lines.',
              },
              severity: { type: 'string', enum: [...SEVERITIES] },
              title: { type: 'string' },
              body: { type: 'string' },
              suggestion: {
                type: 'string',
                description: 'Exact replacement for lines start_line..line of the new file.',
              },
            },
            required: ['path', 'line', 'severity', 'title', 'body'],
          },
        },
      },
      required: ['summary', 'findings'],
    },
    run: async (input) => {
      const n = Array.isArray(input.findings) ? input.findings.length : 0
      return `Review received with ${n} finding${n === 1 ? '' : 's'}.`
    },
  }
}

interface ChangeSet {
  files: DiffFile[]
  /** Where the files came from, for the log and summary. */
  source: 'api' | 'git' | 'api+git'
  notes: string[]
}

const severityRank = (s: Severity): number => SEVERITIES.indexOf(s)

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!, i)
    }
  })
  await Promise.all(workers)
  return out
}

function cleanFinding(raw: Partial<Finding>): Finding | null {
  if (!raw || typeof raw !== 'object') return null
  const severity = SEVERITIES.includes(raw.severity as Severity)
    ? (raw.severity as Severity)
    : 'minor'
  const title = typeof raw.title === 'string' && raw.title.trim() ? raw.title.trim() : 'Finding'
  const body = typeof raw.body === 'string' ? raw.body : ''
  const f: Finding = {
    path: String(raw.path ?? ''),
    line: raw.line as number,
    severity,
    title,
    body,
  }
  if (raw.start_line !== undefined) f.start_line = raw.start_line
  if (raw.side !== undefined) f.side = raw.side
  if (typeof raw.suggestion === 'string') f.suggestion = raw.suggestion
  return f
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

function worstStop(results: (AgentResult<SubmitReviewInput> | null)[]): StopReason | 'none' {
  const stops = results
    .filter((r): r is AgentResult<SubmitReviewInput> => r !== null)
    .map((r) => r.stopReason)
  if (stops.length === 0) return 'none'
  return stops.find((s) => s !== 'final_tool') ?? 'final_tool'
}

/** Reads the project memory files (context.files) through `read`, capped in total. */
async function readMemory(
  files: string[],
  maxBytes: number,
  read: (path: string) => Promise<string | null>,
): Promise<string> {
  let left = maxBytes
  const parts: string[] = []
  for (const f of files) {
    if (left <= 0) break
    const text = await read(f)
    if (text === null) continue
    const cut = text.length > left ? `${text.slice(0, left)}\n[... truncated]` : text
    left -= Math.min(text.length, left)
    parts.push(quoteUntrusted(`Project memory file ${f}`, cut))
  }
  return parts.join('\n\n')
}

/**
 * A reader for the files that steer the review (context.files, .gitattributes): the PR author
 * controls the head, so for a pull request they come from the base commit, as the config file
 * does (main.ts). When the base commit is not in the checkout, a fork's files are not read at
 * all (`onSkip` says so once); a same-repository PR (its author has write access) falls back to
 * the workspace. A local review reads the workspace.
 */
function trustedReader(
  git: Git,
  workspace: string,
  o: { baseSha: string | null; isFork: boolean; onSkip: (why: string) => void },
): (path: string) => Promise<string | null> {
  const fromWorkspace = async (path: string): Promise<string | null> => {
    const r = resolveInWorkspace(workspace, path)
    return r.ok ? readFile(r.abs, 'utf8').catch(() => null) : null
  }
  if (!o.baseSha) return fromWorkspace
  const baseSha = o.baseSha
  let hasBase: Promise<boolean> | null = null
  let warned = false
  return async (path) => {
    hasBase ??= git
      .run(['cat-file', '-e', `${baseSha}^{commit}`], { allowFail: true })
      .then((r) => r.code === 0)
      .catch(() => false)
    if (await hasBase) {
      const r = resolveInWorkspace(workspace, path)
      if (!r.ok) return null
      const shown = await git.run(['show', `${baseSha}:${r.rel}`], { allowFail: true })
      return shown.code === 0 ? shown.stdout : null
    }
    if (!o.isFork) return fromWorkspace(path)
    if (!warned) {
      warned = true
      o.onSkip(
        `The base commit ${baseSha.slice(0, 7)} is not in the checkout (use fetch-depth: 0): the project memory files (context.files) and .gitattributes of this fork PR were skipped, not read from the PR's head.`,
      )
    }
    return null
  }
}

/**
 * A review of the local checkout (the `pitcrew review` CLI): the commits `baseSha..headSha`
 * instead of a pull request. Nothing is read from or written to GitHub; the findings come back
 * in `result.items`.
 */
export interface LocalReview {
  baseSha: string
  headSha: string
  /** Names for the prompt and the output, e.g. `origin/main` and `my-branch`. */
  baseRef: string
  headRef: string
}

export interface ReviewExtras {
  local?: LocalReview
}

/**
 * Runs the review. Never throws for GitHub or model trouble it can report: the summary says
 * what happened, and only infrastructure failures that prevented reporting set `failure`.
 */
export async function runReview(deps: TaskDeps, extras: ReviewExtras = {}): Promise<TaskResult> {
  const { settings, ctx, route, log, redactor } = deps
  const local = extras.local
  const cfg = settings.config.review
  const dryRun = settings.inputs.dryRun
  const owner = ctx.owner
  const repo = ctx.repo
  const skipped = (reason: string, extra: Record<string, unknown> = {}): TaskResult => {
    log.notice(reason)
    return {
      mode: 'review',
      outcome: 'skipped',
      result: { reason, ...extra },
      usage: emptyUsage(),
      stopReason: 'none',
      summary: `### pitcrew review skipped\n\n${reason}\n`,
    }
  }
  if (!route.prNumber && !local)
    return skipped('No pull request number in this event: nothing to review.')
  // A local review has no pull request (0 is never used: without octokit nothing is posted).
  const prNumber = route.prNumber ?? 0
  const octokit = local ? null : deps.octokit
  const git = new Git(ctx.workspace, { authToken: settings.inputs.githubToken, redactor })

  // --- The pull request ---------------------------------------------------------------------
  log.startGroup('pitcrew review: pull request')
  let pull: PullSummary | null = null
  if (octokit) {
    try {
      pull = await getPull(octokit, { owner, repo, pullNumber: prNumber })
    } catch (err) {
      log.warning(
        `Could not read PR #${prNumber}: ${(err as Error).message}. Using the event payload.`,
      )
    }
  }
  const headSha = local?.headSha ?? pull?.headSha ?? route.headSha ?? ctx.sha
  const baseSha = local?.baseSha ?? pull?.baseSha ?? route.baseSha ?? ''
  const isDraft = pull?.draft ?? route.isDraft ?? false
  let title =
    pull?.title ??
    String((ctx.payload.pull_request as { title?: unknown } | undefined)?.title ?? '')
  let prBody =
    pull?.body ?? String((ctx.payload.pull_request as { body?: unknown } | undefined)?.body ?? '')
  if (local) {
    // The branch's commit messages play the part of the PR description.
    title = `Branch '${local.headRef}' against '${local.baseRef}'`
    const subjects = await git
      .run(['log', '--no-merges', '--format=- %s', `${local.baseSha}..${local.headSha}`], {
        allowFail: true,
      })
      .catch(() => null)
    prBody = subjects?.code === 0 ? `Commits:\n${subjects.stdout.slice(0, 8000)}` : ''
  }
  log.info(
    `${local ? `Local branch '${local.headRef}'` : `PR #${prNumber}`}: head ${headSha.slice(0, 7)}, base ${baseSha.slice(0, 7)}${isDraft ? ', draft' : ''}`,
  )
  log.endGroup()
  if (isDraft && !cfg.reviewDrafts && route.commentCommand !== 'review') {
    return skipped(`PR #${prNumber} is a draft and review.review-drafts is false: not reviewed.`, {
      prNumber,
    })
  }

  let readOnly = route.isFork === true && ctx.eventName === 'pull_request'
  if (readOnly)
    log.info(
      'Fork PR on pull_request: the token is read-only, the review goes to the job summary and annotations.',
    )

  // --- State of earlier runs ----------------------------------------------------------------
  let prevState: ReviewState | null = null
  let prevSummary: string | null = null
  // The sticky comment's id: null when there is none yet, undefined when it could not be read
  // (looked up again before writing, so a transient error does not create a second one).
  let stickyId: number | null | undefined
  const posted = new Set<string>()
  const trusted = octokit ? tokenAuthorCheck(octokit) : null
  const readEarlier = async () =>
    readEarlierRuns(octokit!, { owner, repo, pullNumber: prNumber, trusted: trusted! })
  if (octokit) {
    try {
      const earlier = await readEarlier()
      stickyId = earlier.sticky?.id ?? null
      prevState = earlier.sticky?.state ?? null
      prevSummary = earlier.sticky?.body ?? null
      for (const fp of earlier.fingerprints) posted.add(fp)
      for (const c of earlier.ignored) {
        log.warning(
          `Ignoring comment ${c.id} by ${c.login ?? 'unknown'} that carries the pitcrew summary marker: ${c.why}.`,
        )
      }
    } catch (err) {
      log.warning(`Could not read earlier pitcrew comments: ${(err as Error).message}`)
    }
  }

  // --- The change ---------------------------------------------------------------------------
  log.startGroup('pitcrew review: diff')
  const change = await getChange(deps, octokit, git, { prNumber, baseSha, headSha })
  const prIndex = indexDiff(change.files)
  let kind: 'full' | 'incremental' | 'unchanged' = 'full'
  let reviewFiles = change.files
  let from: string | undefined
  if (route.commentCommand === 'review') {
    log.info('`/pitcrew review` command: full review.')
  } else if (prevState && prevState.headSha === headSha) {
    kind = 'unchanged'
    reviewFiles = []
    log.info(`Head ${headSha.slice(0, 7)} was already reviewed: nothing new to review.`)
  } else if (prevState) {
    await fetchIfMissing(git, [prevState.headSha, headSha])
    const ancestor = await git.isAncestor(prevState.headSha, headSha).catch(() => false)
    if (ancestor) {
      try {
        const incremental = parseGitDiff(await git.diff(prevState.headSha, headSha))
        reviewFiles = restrictToTouched(change.files, incremental)
        kind = 'incremental'
        from = prevState.headSha
        log.info(
          `Incremental review: ${reviewFiles.length} file(s) changed since ${prevState.headSha.slice(0, 7)}.`,
        )
      } catch (err) {
        log.info(`Could not diff since the last review (${(err as Error).message}): full review.`)
      }
    } else {
      log.info(
        `Last reviewed ${prevState.headSha.slice(0, 7)} is not an ancestor of the head (force-push): full review.`,
      )
    }
  }
  for (const n of change.notes) log.info(n)
  log.endGroup()

  // --- Packing ------------------------------------------------------------------------------
  const headFiles = new Map<string, string | null>()
  const readHead = async (path: string): Promise<string | null> => {
    if (headFiles.has(path)) return headFiles.get(path)!
    let text: string | null = null
    const r = await git.run(['show', `${headSha}:${path}`], { allowFail: true }).catch(() => null)
    if (r && r.code === 0) text = r.stdout
    else {
      const j = resolveInWorkspace(ctx.workspace, path)
      if (j.ok) text = await readFile(j.abs, 'utf8').catch(() => null)
    }
    if (text !== null && text.length > 2_000_000) text = null
    headFiles.set(path, text)
    return text
  }
  // Head versions for enclosing-scope headers: the first 200 text files are enough context.
  const withHunks = reviewFiles
    .filter((f) => f.hunks.length > 0 && f.newPath && !f.binary)
    .slice(0, 200)
  await mapLimit(withHunks, 8, (f) => readHead(f.path))
  const readTrusted = trustedReader(git, ctx.workspace, {
    baseSha: local ? null : baseSha || null,
    // A comment-triggered run's event does not say; the PR does (a deleted fork has no repo).
    isFork:
      route.isFork === true || (pull !== null && pull.headRepoFullName !== `${owner}/${repo}`),
    onSkip: (why) => {
      log.warning(why)
      change.notes.push(why)
    },
  })
  const gitattributes = await readTrusted('.gitattributes')
  const pack: PackResult = packDiff(reviewFiles, {
    maxTokensPerCall: cfg.maxTokensPerCall,
    ignore: cfg.ignore,
    readFile: (p) => headFiles.get(p) ?? null,
    gitattributes: gitattributes ?? undefined,
  })
  log.startGroup('pitcrew review: packing')
  log.info(
    `${pack.parts.length} model call(s); ${pack.coverage.filesShown}/${pack.coverage.filesReviewable} reviewable files, ${pack.coverage.changedLinesShown}/${pack.coverage.changedLinesReviewable} changed lines shown.`,
  )
  for (const s of pack.skipped) log.info(`skipped ${s.path}: ${s.reason}`)
  log.endGroup()

  // --- The agent ----------------------------------------------------------------------------
  const notes = [...change.notes]
  const results: (AgentResult<SubmitReviewInput> | null)[] = []
  let usage: Usage = emptyUsage()
  const summaries: string[] = []
  const rawFindings: Finding[] = []
  if (pack.parts.length > 0) {
    let client: ReturnType<TaskDeps['agentClient']> | null = null
    try {
      client = deps.agentClient()
    } catch (err) {
      notes.push(`The model is unavailable: ${(err as Error).message}`)
    }
    if (client) {
      const system = loadPrompt('review')
      const memory = await readMemory(
        settings.config.context.files,
        settings.config.context.maxBytes,
        readTrusted,
      )
      const prText = quoteUntrusted('Pull request title and description', `${title}\n\n${prBody}`, {
        maxChars: 8000,
      })
      const tools = [...workspaceTools(), submitReviewTool()] as ToolDefinition[]
      const loops = await mapLimit(pack.parts, cfg.concurrency, async (part) => {
        const instructions = cfg.instructions
          .filter((ins) => part.files.some((f) => picomatch(ins.path, { dot: true })(f)))
          .map((ins) => `- For files matching \`${ins.path}\`: ${sanitizeUntrusted(ins.text)}`)
        const prompt = [
          local
            ? `# Local branch '${local.headRef}' against '${local.baseRef}' in ${owner}/${repo}`
            : `# Pull request #${prNumber} in ${owner}/${repo}`,
          prText,
          memory ? `## Project memory\n\n${memory}` : '',
          instructions.length
            ? `## Review instructions from the repository configuration\n\n${instructions.join('\n')}`
            : '',
          pack.parts.length > 1
            ? `## Diff, part ${part.index + 1} of ${pack.parts.length}\n\nOther parts of this PR are reviewed in separate calls; review only the files below (you may read any file).`
            : '## Diff',
          kind === 'incremental' ? 'Only the hunks changed since the last review are shown.' : '',
          part.text,
          '\nReview the diff above, then call submit_review.',
        ]
          .filter(Boolean)
          .join('\n\n')
        try {
          return await client!.run<SubmitReviewInput>({
            model: settings.inputs.model,
            system,
            prompt,
            tools,
            budgets: {
              maxTurns: settings.inputs.maxTurns,
              maxCostUsd: settings.inputs.maxCostUsd,
              timeoutMs: settings.inputs.timeoutMinutes * 60_000,
            },
            workspace: ctx.workspace,
            label: `review ${part.index + 1}/${pack.parts.length}`,
          })
        } catch (err) {
          notes.push(`Review call ${part.index + 1} failed: ${(err as Error).message}`)
          return null
        }
      })
      results.push(...loops)
      usage = client.usage()
      loops.forEach((r, i) => {
        if (!r) return
        if (r.final) {
          if (typeof r.final.input.summary === 'string') summaries.push(r.final.input.summary)
          for (const raw of Array.isArray(r.final.input.findings) ? r.final.input.findings : []) {
            const f = cleanFinding(raw)
            if (f) rawFindings.push(f)
          }
        } else {
          notes.push(
            `Review call ${i + 1} of ${pack.parts.length} ended without submit_review (${r.stopReason}${r.detail ? `: ${r.detail}` : ''}); its files are not fully reviewed.`,
          )
        }
      })
    }
  }

  // --- Findings: filter, anchor, fingerprint, dedupe ------------------------------------------
  const minRank = severityRank(cfg.minSeverity)
  const kept = rawFindings.filter((f) => severityRank(f.severity) <= minRank)
  const belowMin = rawFindings.length - kept.length
  kept.sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
  const placed: PlacedFinding[] = []
  const seen = new Set<string>()
  let repeated = 0
  for (const f of kept) {
    const anchor = anchorFinding(f, prIndex)
    const code = anchor.outside ? [] : anchoredLines(anchor, prIndex)
    const fp = fingerprint({ path: anchor.path, title: f.title, code })
    if (posted.has(fp) || seen.has(fp)) {
      repeated += posted.has(fp) ? 1 : 0
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
          fileText: anchor.side === 'RIGHT' ? await readHead(anchor.path) : null,
        })
        if (!check.ok) log.info(`Suggestion for '${f.title}' shown as plain code: ${check.reason}`)
        p.codeBlock = renderSuggestion(anchor.path, f.suggestion, check)
      }
    }
    placed.push(p)
  }
  let inlineCount = 0
  for (const p of placed) {
    if (p.placement !== 'inline') continue
    if (inlineCount >= cfg.maxComments) {
      p.placement = 'overflow'
      demoteSuggestion(p, `over the limit of ${cfg.maxComments} inline comments`)
    } else inlineCount++
  }
  if (repeated > 0) log.info(`${repeated} finding(s) were already posted earlier: not repeated.`)

  // --- Posting ------------------------------------------------------------------------------
  const reviewSummary = summaries.join('\n\n')
  const blocking = placed.some(
    (p) => p.finding.severity === 'critical' || p.finding.severity === 'major',
  )
  const event: ReviewEvent = cfg.requestChanges && blocking ? 'REQUEST_CHANGES' : 'COMMENT'
  const comments = (list: PlacedFinding[]): ReviewCommentInput[] =>
    list
      .filter((p) => p.placement === 'inline')
      .map((p) => {
        const c: ReviewCommentInput = {
          path: p.finding.path,
          line: p.line!,
          side: p.finding.side ?? 'RIGHT',
          body: redactor.redact(renderInlineComment(p)),
        }
        if (p.startLine !== undefined) {
          c.start_line = p.startLine
          c.start_side = c.side
        }
        return c
      })
  let reviewUrl: string | undefined
  let unposted:
    | { why: string; body: string; comments: { path: string; line: number; body: string }[] }
    | undefined
  let failure: string | undefined
  const wantReview = placed.length > 0
  let reviewBody = redactor.redact(
    renderReviewBody({ placed, summary: reviewSummary, maxComments: cfg.maxComments }),
  )
  const newFingerprints = placed.map((p) => p.fp)
  let postedOk = false
  let postedEvent: ReviewEvent = event
  if (wantReview && !dryRun && !readOnly && octokit) {
    log.startGroup('pitcrew review: posting')
    let degraded = false
    // At most three tries: as planned; as COMMENT when GitHub refuses REQUEST_CHANGES (the
    // token's user wrote the PR); with every inline comment moved into the body when GitHub
    // refuses an anchor we validated (the PR moved meanwhile). Nothing is lost or posted twice.
    for (let attempt = 0; attempt < 3 && !postedOk && !failure && !readOnly; attempt++) {
      const inline = comments(placed)
      try {
        const res = await createReview(octokit, {
          owner,
          repo,
          pullNumber: prNumber,
          commitId: headSha,
          event: postedEvent,
          body: reviewBody,
          comments: inline,
        })
        reviewUrl = res.url
        postedOk = true
        log.info(`Posted review ${res.url} (${postedEvent}, ${inline.length} inline comments).`)
      } catch (err) {
        const why = errorMessage(err)
        if (
          isStatus(err, 422) &&
          postedEvent === 'REQUEST_CHANGES' &&
          /your own pull request/i.test(why)
        ) {
          log.warning(`GitHub refused REQUEST_CHANGES (${why}); posting the review as COMMENT.`)
          postedEvent = 'COMMENT'
        } else if (isStatus(err, 422) && !degraded && inline.length > 0) {
          log.warning(
            `GitHub refused the review (422: ${why}); posting the findings in the review body instead.`,
          )
          degraded = true
          for (const p of placed) {
            if (p.placement === 'inline') {
              p.placement = 'overflow'
              demoteSuggestion(p, 'GitHub did not accept it as an inline comment')
            }
          }
          reviewBody = redactor.redact(
            renderReviewBody({
              placed,
              summary: reviewSummary,
              maxComments: cfg.maxComments,
              degraded: 'GitHub did not accept these as inline comments, so they are listed here.',
            }),
          )
        } else if (isPermissionDenied(err)) {
          log.warning(
            `The token cannot post reviews (${statusOf(err)}): writing the review to the job summary and annotations instead.`,
          )
          readOnly = true
        } else {
          failure = `Could not post the review: ${why}`
        }
      }
    }
    log.endGroup()
  }
  if (wantReview && (dryRun || readOnly || !octokit)) {
    const why = dryRun ? 'dry run' : readOnly ? 'read-only token' : 'no GitHub token'
    unposted = {
      why,
      body: reviewBody,
      comments: comments(placed).map((c) => ({ path: c.path, line: c.line ?? 0, body: c.body })),
    }
    if (readOnly) {
      for (const p of placed) {
        const line = p.line ?? (typeof p.finding.line === 'number' ? p.finding.line : undefined)
        log.warning(
          redactor.redact(`${p.finding.severity}: ${p.finding.title}\n${p.finding.body}`),
          {
            title: `pitcrew: ${p.finding.severity}`,
            file: String(p.finding.path),
            ...(line !== undefined ? { startLine: p.startLine ?? line, endLine: line } : {}),
          },
        )
      }
    }
  }

  // --- Summary comment ----------------------------------------------------------------------
  const reviewCompleted =
    kind === 'unchanged' ||
    results.length === 0 ||
    results.every((r) => r?.stopReason === 'final_tool')
  const stateFingerprints = [
    ...(prevState?.fingerprints ?? []),
    ...(postedOk ? newFingerprints : []),
  ]
  const earlier = prevState?.findings ?? []
  const stateFindings = new Map(earlier.map((f) => [f.fp, f]))
  if (postedOk) for (const p of placed) stateFindings.set(p.fp, toStateFinding(p))
  const state: ReviewState = {
    v: 1,
    // An incomplete review keeps the old head, so the next run looks at these changes again.
    headSha: reviewCompleted && !failure ? headSha : (prevState?.headSha ?? headSha),
    baseSha,
    fingerprints: [...new Set(stateFingerprints)],
    findings: [...stateFindings.values()],
  }
  if (!reviewCompleted && !prevState) state.headSha = '0000000'
  const verdict = verdictOf({
    kind,
    placed,
    reviewCompleted,
    parts: pack.parts.length,
    reviewFiles: reviewFiles.length,
    noModel: results.length === 0 && pack.parts.length > 0,
    earlier: earlier.length,
  })
  const summaryBody = redactor.redact(
    renderSummary({
      verdict,
      placed,
      repeated,
      belowMinSeverity: belowMin,
      range: { base: baseSha, head: headSha, from, kind },
      reviewed: pack.reviewed,
      skipped: pack.skipped,
      coverage: kind === 'unchanged' ? null : pack.coverage,
      usage,
      calls: pack.parts.length,
      notes,
      ...(unposted ? { unposted } : {}),
      ...(reviewUrl ? { reviewUrl } : {}),
      state,
      earlier,
      ...(kind === 'unchanged' ? { carried: carriedSections(prevSummary) } : {}),
    }),
  )
  if (!dryRun && !readOnly && octokit) {
    try {
      if (stickyId === undefined) stickyId = (await readEarlier()).sticky?.id ?? null
      // Edited in place, or posted again when it was deleted meanwhile.
      await updateOrCreateComment(octokit, {
        owner,
        repo,
        issueNumber: prNumber,
        id: stickyId,
        body: summaryBody,
      })
    } catch (err) {
      if (isPermissionDenied(err)) {
        readOnly = true
        log.warning(
          `The token cannot write comments (${statusOf(err)}): the summary is in the job summary only.`,
        )
      } else {
        failure ??= `Could not update the summary comment: ${(err as Error).message}`
      }
    }
  }

  const result = {
    prNumber,
    headSha,
    baseSha,
    range: kind,
    ...(from ? { from } : {}),
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
    source: change.source,
    event: wantReview ? postedEvent : null,
    posted: postedOk,
    readOnly,
    dryRun,
    ...(reviewUrl ? { reviewUrl } : {}),
    ...(local ? localResult({ placed, pack, notes, complete: reviewCompleted, verdict }) : {}),
  }
  return {
    mode: 'review',
    outcome: 'reviewed',
    result,
    usage,
    stopReason: worstStop(results),
    summary: summaryBody.replace(/<!-- pitcrew:state [\s\S]*? -->\n?/, ''),
    ...(failure ? { failure } : {}),
  }
}

/** What the CLI prints for a local review: every finding, the packing, the notes. */
function localResult(o: {
  placed: PlacedFinding[]
  pack: PackResult
  notes: string[]
  complete: boolean
  verdict: string
}): Record<string, unknown> {
  return {
    verdict: o.verdict,
    complete: o.complete,
    notes: o.notes,
    reviewedFiles: o.pack.reviewed,
    parts: o.pack.parts.map((p) => ({ files: p.files, tokens: p.tokens })),
    items: o.placed.map((p) => ({
      path: String(p.finding.path),
      line: p.line ?? (typeof p.finding.line === 'number' ? p.finding.line : null),
      ...(p.startLine !== undefined ? { startLine: p.startLine } : {}),
      side: p.finding.side ?? 'RIGHT',
      severity: p.finding.severity,
      title: p.finding.title,
      body: p.finding.body,
      ...(p.finding.suggestion !== undefined ? { suggestion: p.finding.suggestion } : {}),
      placement: p.placement,
      ...(p.reason ? { reason: p.reason } : {}),
      fingerprint: p.fp,
    })),
  }
}

/**
 * A finding listed in the review body instead of inline: a ```suggestion block there would
 * apply to no line (only an inline comment's own range can be committed), so plain code.
 */
function demoteSuggestion(p: PlacedFinding, reason: string): void {
  if (p.finding.suggestion === undefined) return
  p.codeBlock = renderSuggestion(String(p.finding.path), p.finding.suggestion, {
    ok: false,
    reason,
  })
}

/** A 403/404 on a write that is not a rate limit: the token lacks write access (fork PRs). */
function isPermissionDenied(err: unknown): boolean {
  return isStatus(err, 403, 404) && !/rate limit|abuse/i.test((err as Error).message ?? '')
}

function verdictOf(o: {
  kind: 'full' | 'incremental' | 'unchanged'
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

/**
 * The PR's files from the API, with `git diff` (merge base...head) in the workspace for what
 * the API does not give: all of it on 406 or a truncated list, single files without `patch`.
 */
async function getChange(
  deps: TaskDeps,
  octokit: Octokit | null,
  git: Git,
  o: { prNumber: number; baseSha: string; headSha: string },
): Promise<ChangeSet> {
  const notes: string[] = []
  const gitDiff = async (paths?: string[]): Promise<DiffFile[] | null> => {
    try {
      await ensureCommits(git, [o.baseSha, o.headSha])
      const mb = (await git.run(['merge-base', o.baseSha, o.headSha])).stdout.trim()
      return parseGitDiff(await git.diff(mb, o.headSha, paths))
    } catch (err) {
      deps.log.warning(`git diff in the workspace failed: ${(err as Error).message}`)
      return null
    }
  }
  if (octokit) {
    try {
      const listed = await listPullFiles(octokit, {
        owner: deps.ctx.owner,
        repo: deps.ctx.repo,
        pullNumber: o.prNumber,
      })
      if (!listed.truncated) {
        const files: DiffFile[] = []
        const missing: string[] = []
        for (const entry of listed.files) {
          const f = fileFromApi(entry)
          if (f) files.push(f)
          else missing.push(entry.filename)
        }
        if (missing.length === 0) return { files, source: 'api', notes }
        const fromGit = await gitDiff(missing)
        const byPath = new Map((fromGit ?? []).map((f) => [f.path, f]))
        for (const p of missing) {
          const f = byPath.get(p)
          if (f) files.push(f)
          else {
            files.push({
              oldPath: p,
              newPath: p,
              path: p,
              status: 'modified',
              binary: true,
              submodule: false,
              hunks: [],
              additions: 0,
              deletions: 0,
            })
            notes.push(
              `GitHub sent no patch for '${p}' and git diff could not provide it: it is listed but not reviewed.`,
            )
          }
        }
        return { files, source: 'api+git', notes }
      }
      notes.push(
        'GitHub lists at most 3000 files of a pull request: the diff was read with git instead.',
      )
    } catch (err) {
      if (!isStatus(err, 406, 422, 500, 502, 503)) throw err
      notes.push(
        `GitHub refused the file list (${statusOf(err)}): the diff was read with git instead.`,
      )
    }
  }
  const files = await gitDiff()
  if (files === null) {
    notes.push('The diff could not be read from GitHub or git: nothing was reviewed.')
    return { files: [], source: 'git', notes }
  }
  return { files, source: 'git', notes }
}

/** Fetches commits that a shallow checkout lacks (best effort: GitHub serves any reachable sha). */
async function fetchIfMissing(git: Git, shas: string[]): Promise<void> {
  const missing: string[] = []
  for (const sha of shas.filter(Boolean)) {
    const r = await git.run(['cat-file', '-e', `${sha}^{commit}`], { allowFail: true })
    if (r.code !== 0) missing.push(sha)
  }
  if (missing.length > 0)
    await git.run(['fetch', '--no-tags', '--quiet', 'origin', ...missing], { allowFail: true })
}

/** Makes the merge base of the PR computable in a shallow checkout (best effort, bounded). */
async function ensureCommits(git: Git, shas: string[]): Promise<void> {
  await fetchIfMissing(git, shas)
  const mb = await git.run(['merge-base', ...shas], { allowFail: true })
  if (mb.code !== 0) {
    // A shallow clone has no common ancestor yet: deepen until it has (bounded).
    for (const depth of [50, 500]) {
      await git.run(['fetch', '--no-tags', '--quiet', `--deepen=${depth}`, 'origin', ...shas], {
        allowFail: true,
      })
      if ((await git.run(['merge-base', ...shas], { allowFail: true })).code === 0) return
    }
    await git.run(['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'], { allowFail: true })
  }
}

export type { DiffIndex }
