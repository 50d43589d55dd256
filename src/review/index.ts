/**
 * Review mode: gets the PR's change, packs it into model calls that together show every
 * reviewable changed line, runs one agent loop per call (bounded concurrency), and posts ONE
 * review whose every inline comment was validated against the diff beforehand, plus the sticky
 * summary comment that carries the state the next run needs (reviewed sha, fingerprints).
 *
 * This file narrates the phases; each phase lives in its own module (see the imports).
 */
import type { TaskDeps, TaskResult } from '../task.js'
import { runUrl } from '../context.js'
import { CEILING_PRICE_NOTE, priceOf } from '../agent/pricing.js'
import type { Log } from '../log.js'
import type { Octokit } from '../github/octokit.js'
import { Git } from '../tools/git.js'
import { mark } from '../timing.js'
import { runAgentCalls, worstStop } from './agent-calls.js'
import { overBudgetResult } from '../agent/budget-gate.js'
import { reviewCallBudget } from './call-cost.js'
import { fileListWanted, getChange, startFileList } from './change.js'
import { indexDiff } from './diff.js'
import { addressedThreads, dismissedFingerprints } from './conversation.js'
import { readConversation, settleAddressed, type ConversationRead } from './conversation-io.js'
import { findingCounts, placeFindings } from './findings.js'
import type { LocalReview } from './local.js'
import { packDiff, type PackResult } from './pack.js'
import { postReview, writeSummaryComment } from './posting.js'
import { readMemory, reviewPrompts } from './prompt.js'
import { isForkPull, readPull } from './pull.js'
import { chooseRange } from './range.js'
import { headFiles, preloadHeadFiles, trustedReader } from './readers.js'
import {
  coverageGaps,
  gapLines,
  incompleteMessage,
  nextState,
  reviewCompleted,
  reviewResult,
  skippedResult,
  verdictOf,
} from './outcome.js'
import { earlierRunsReader, loadEarlier, type Earlier, type ReadEarlierRuns } from './sticky.js'
import { SUMMARY_MARKER, carriedSections, renderSummary } from './summary.js'

export { SUMMARY_MARKER }
export { mapLimit } from './concurrency.js'
export { restrictToTouched } from './range.js'
export { submitReviewTool, type SubmitReviewInput } from './submit-review.js'
export type { LocalReview } from './local.js'
export type { DiffIndex } from './diff.js'

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
  const { owner, repo } = ctx
  if (!route.prNumber && !local)
    return skipped(log, 'No pull request number in this event: nothing to review.')
  // A local review has no pull request (0 is never used: without octokit nothing is posted).
  const prNumber = route.prNumber ?? 0
  const pr = { owner, repo, prNumber }
  const octokit = local ? null : deps.octokit
  const git = new Git(ctx.workspace, { authToken: settings.inputs.githubToken, redactor })

  // The reads that depend only on the PR's number start with the PR's own read, not after it
  // (cold start): what earlier runs left (comments, review comments, reviews), the file list
  // (when the payload gives the PR's file count), and the conversation. Not for a draft the
  // payload says will not be reviewed.
  const payloadFiles = changedFilesOf(ctx.payload)
  const skipsDraft = (draft: boolean | undefined) =>
    draft === true && !cfg.reviewDrafts && route.commentCommand !== 'review'
  const early = octokit && !skipsDraft(route.isDraft) ? startPrReads(octokit, pr, log) : null
  const earlyList =
    early && payloadFiles !== undefined
      ? startFileList(octokit, { ...pr, changedFiles: payloadFiles })
      : undefined

  log.startGroup('pitcrew review: pull request')
  const pull = await readPull({ octokit, git, log, ctx, route, prNumber, local })
  const { headSha, baseSha } = pull
  mark('pull')
  log.endGroup()
  if (skipsDraft(pull.isDraft)) {
    const why = `PR #${prNumber} is a draft and review.review-drafts is false: not reviewed.`
    return skipped(log, why, { prNumber })
  }
  let readOnly = route.isFork === true && ctx.eventName === 'pull_request'
  if (readOnly)
    log.info(
      'Fork PR on pull_request: the token is read-only, the review goes to the job summary and annotations.',
    )

  log.startGroup('pitcrew review: diff')
  // The reads that do not depend on each other run together (those not started above): the file
  // list and the files that steer the review (from the base commit, through git).
  const reads = early ?? (octokit ? startPrReads(octokit, pr, log) : null)
  const readEarlier = reads?.readEarlier ?? null
  const changedFiles = pull.pull?.changedFiles ?? payloadFiles
  const earlierP = reads?.earlier ?? loadEarlier(null, log)
  // The list started early stands unless the PR's own count says it is too long to list.
  const listedP =
    earlyList !== undefined && fileListWanted(changedFiles)
      ? earlyList
      : startFileList(octokit, { ...pr, changedFiles })
  const notes: string[] = []
  const readTrusted = trustedReader(git, ctx.workspace, {
    baseSha: local ? null : baseSha || null,
    isFork: isForkPull(route, pull.pull, `${owner}/${repo}`),
    onSkip: (why) => {
      log.warning(why)
      notes.push(why)
    },
  })
  const trustedP = readTrusted.prefetch(['.gitattributes', ...settings.config.context.files])

  // The conversation: what people dismissed is never posted again; what was addressed is
  // resolved.
  const conversationP: Promise<ConversationRead | null> =
    reads?.conversation ?? Promise.resolve(null)
  // What earlier runs left: the reviewed head, posted fingerprints, the sticky comment.
  const earlier = await earlierP
  mark('earlier')

  const change = await getChange(octokit, git, log, {
    owner,
    repo,
    prNumber,
    baseSha,
    headSha,
    listed: listedP,
    changedFiles,
  })
  const conversation = await conversationP
  mark('change+conversation')
  const dismissed = conversation?.ok
    ? dismissedFingerprints(conversation.conversation)
    : new Set<string>()
  const prIndex = indexDiff(change.files)
  const range = await chooseRange(git, log, {
    files: change.files,
    headSha,
    prev: earlier.state,
    commentCommand: route.commentCommand,
  })
  for (const n of change.notes) log.info(n)
  mark('range')
  log.endGroup()
  notes.unshift(...change.notes)

  // Packing: head versions give the hunks their enclosing scopes; .gitattributes and the
  // memory files steer the review, so they come from the base commit.
  const head = headFiles(git, ctx.workspace, headSha)
  await Promise.all([preloadHeadFiles(head, range.files), trustedP])
  const gitattributes = await readTrusted('.gitattributes')
  mark('head files')
  const pack = packDiff(range.files, {
    maxTokensPerCall: cfg.maxTokensPerCall,
    callBudget: reviewCallBudget({
      model: settings.inputs.model,
      maxCostUsd: settings.inputs.maxCostUsd,
    }),
    ignore: cfg.ignore,
    readFile: head.cached,
    gitattributes: gitattributes ?? undefined,
  })
  logPacking(log, pack)
  mark('packed')

  // The repository budget, before the first model call (none when there is nothing to show).
  if (pack.parts.length > 0) {
    const refused = await deps.budget?.reserve()
    if (refused) return overBudgetResult('review', refused)
  }
  const calls = await runAgentCalls({
    agentClient: deps.agentClient,
    parts: pack.parts,
    prompts: async () =>
      reviewPrompts({
        heading: local
          ? `# Local branch '${local.headRef}' against '${local.baseRef}' in ${owner}/${repo}`
          : `# Pull request #${prNumber} in ${owner}/${repo}`,
        title: pull.title,
        body: pull.body,
        memory: await readMemory(
          settings.config.context.files,
          settings.config.context.maxBytes,
          readTrusted,
        ),
        instructions: cfg.instructions,
        language: cfg.language,
        parts: pack.parts.length,
        incremental: range.kind === 'incremental',
      }),
    model: settings.inputs.model,
    budgets: {
      maxTurns: settings.inputs.maxTurns,
      maxCostUsd: settings.inputs.maxCostUsd,
      timeoutMs: settings.inputs.timeoutMinutes * 60_000,
    },
    workspace: ctx.workspace,
    concurrency: cfg.concurrency,
  })
  notes.push(...calls.notes)
  if (calls.results.length > 0 && priceOf(settings.inputs.model) === null)
    notes.push(`Model '${settings.inputs.model}' is not in the price table: ${CEILING_PRICE_NOTE}`)

  const placement = await placeFindings(calls.findings, {
    index: prIndex,
    posted: earlier.posted,
    dismissed,
    minSeverity: cfg.minSeverity,
    categories: cfg.categories,
    maxComments: cfg.maxComments,
    readHead: head.read,
    log,
  })
  const { placed } = placement

  const posting = await postReview({
    octokit,
    log,
    redactor,
    pr,
    headSha,
    placed,
    summary: calls.summaries.join('\n\n'),
    maxComments: cfg.maxComments,
    requestChanges: cfg.requestChanges,
    dryRun,
    readOnly,
    runId: ctx.runId,
  })
  readOnly = posting.readOnly
  let failure = posting.failure

  // The summary comment: the verdict, what was and was not reviewed, the state for next time.
  // Complete means every call submitted its review AND every reviewable changed line was shown.
  const gapsBeforeWrite = coverageGaps({
    kind: range.kind,
    parts: pack.parts,
    results: calls.results,
    ...(calls.results.length === 0 && calls.notes[0] ? { noModel: calls.notes[0] } : {}),
    skipped: pack.skipped,
    coverage: pack.coverage,
    ...(failure ? { githubFailure: failure } : {}),
    ignoreAborted: dryRun,
  })
  const complete =
    reviewCompleted(range.kind, calls.results) &&
    !gapsBeforeWrite.some((g) => g.kind === 'capacity' || g.kind === 'model-api')

  // Addressed threads: only after a complete review of a new head that was posted (a finding
  // not raised by a review that did not finish proves nothing), and only pitcrew's own threads.
  let addressed: { title: string; path: string; fp: string }[] = []
  // Threads an earlier run answered but could not resolve: resolved now, without a second reply.
  let unresolved: string[] | undefined
  if (conversation?.ok && octokit && !dryRun && !readOnly && !failure) {
    const pending = new Set(earlier.state?.unresolved ?? [])
    const answered = conversation.conversation.ours.filter(
      (t) => t.status === 'reopened' && pending.has(t.fp),
    )
    const due =
      range.kind === 'unchanged'
        ? []
        : addressedThreads(conversation.conversation, {
            complete: complete && gapsBeforeWrite.length === 0,
            raised: placement.raised,
            raisedTitles: placement.raisedTitles,
            reviewed: new Set(pack.reviewed),
            inPull: (path) => prIndex.files.has(path),
          })
    unresolved = []
    if (due.length + answered.length > 0) {
      log.startGroup('pitcrew review: addressed threads')
      const settled = await settleAddressed({ octokit, log, pr, headSha, threads: due, answered })
      log.endGroup()
      addressed = settled.resolved.map((t) => ({ title: t.title, path: t.thread.path, fp: t.fp }))
      unresolved = settled.unresolved.map((t) => t.fp)
      if (settled.failures.length > 0) {
        failure = settled.failures.join('; ')
        gapsBeforeWrite.push({ kind: 'github', reason: failure, files: [] })
      }
    }
  }
  const state = nextState({
    prev: earlier.state,
    placed,
    posted: posting.posted,
    completed: complete,
    failed: failure !== undefined,
    headSha,
    baseSha,
    ...(unresolved ? { unresolved } : {}),
  })
  // Earlier findings still standing: not the dismissed ones, not the ones addressed now.
  const settledFps = new Set([
    ...dismissed,
    ...addressed.map((a) => a.fp),
    ...(conversation?.ok
      ? conversation.conversation.ours.filter((t) => t.status === 'resolved').map((t) => t.fp)
      : []),
  ])
  const previous = (earlier.state?.findings ?? []).filter((f) => !settledFps.has(f.fp))
  const verdict = verdictOf({
    kind: range.kind,
    placed,
    reviewCompleted: complete,
    parts: pack.parts.length,
    reviewFiles: range.files.length,
    noModel: calls.results.length === 0 && pack.parts.length > 0,
    earlier: previous.length,
    ...(gapsBeforeWrite[0] ? { gap: gapsBeforeWrite[0].reason } : {}),
  })
  const coverage = range.kind === 'unchanged' ? null : pack.coverage
  const summaryBody = redactor.redact(
    renderSummary({
      verdict,
      gaps: gapLines(gapsBeforeWrite, coverage),
      placed,
      repeated: placement.repeated,
      belowMinSeverity: placement.belowMin,
      offCategory: placement.offCategory,
      below: placement.below,
      minSeverity: cfg.minSeverity,
      duplicates: placement.duplicates,
      dismissed: placement.dismissed,
      submitted: placement.submitted,
      ...(conversation
        ? {
            conversation: conversation.ok
              ? {
                  dismissed: conversation.conversation.ours
                    .filter((t) => t.status === 'dismissed')
                    .map((t) => ({
                      title: t.title,
                      path: t.thread.path,
                      by: t.dismissedBy!.login,
                      how: t.dismissedBy!.how,
                    })),
                  addressed,
                  head: headSha,
                }
              : { error: conversation.error, dismissed: [], addressed: [], head: headSha },
          }
        : {}),
      range: { base: baseSha, head: headSha, from: range.from, kind: range.kind },
      reviewed: pack.reviewed,
      skipped: pack.skipped,
      coverage,
      usage: calls.usage,
      calls: pack.parts.length,
      notes,
      ...(posting.unposted ? { unposted: posting.unposted } : {}),
      ...(posting.reviewUrl ? { reviewUrl: posting.reviewUrl } : {}),
      ...(runUrl(ctx) ? { runUrl: runUrl(ctx) } : {}),
      state,
      earlier: previous,
      ...(range.kind === 'unchanged' ? { carried: carriedSections(earlier.summary) } : {}),
    }),
  )
  if (!dryRun && !readOnly && octokit && readEarlier) {
    const written = await writeSummaryComment({
      octokit,
      log,
      pr,
      stickyId: earlier.stickyId,
      readEarlier,
      body: summaryBody,
    })
    readOnly = written.readOnly
    failure ??= written.failure
  }

  // A failed summary write is a gap too (the review itself may be posted).
  const gaps =
    failure && !gapsBeforeWrite.some((g) => g.kind === 'github')
      ? [...gapsBeforeWrite, { kind: 'github' as const, reason: failure, files: [] }]
      : gapsBeforeWrite
  // A local review (the CLI) never posts: it is "reviewed" when complete; the CLI's own
  // --dry-run (no model call) reports `dry-run` itself.
  const outcome = dryRun && !local ? 'dry-run' : gaps.length > 0 ? 'incomplete' : 'reviewed'
  if (outcome === 'incomplete') {
    const why = incompleteMessage(gaps)
    if (cfg.failOnIncomplete) failure ??= why
    else log.warning(`${why} (review.fail-on-incomplete is false: the step passes.)`)
  }

  return {
    mode: 'review',
    outcome,
    result: {
      ...reviewResult({
        prNumber,
        headSha,
        baseSha,
        range,
        placement,
        pack,
        source: change.source,
        posting,
        readOnly,
        dryRun,
        gaps,
        ...(local ? { local: { notes, complete: gaps.length === 0, verdict } } : {}),
      }),
      // submitted and every bucket it splits into (inline, outsideDiff, ... duplicates).
      ...findingCounts(placement),
      ...(conversation
        ? {
            conversation: conversation.ok
              ? {
                  read: true,
                  threads: conversation.threads,
                  pitcrewThreads: conversation.conversation.ours.length,
                  othersThreads: conversation.conversation.others,
                  dismissedThreads: conversation.conversation.ours.filter(
                    (t) => t.status === 'dismissed',
                  ).length,
                  addressedThreads: addressed.length,
                }
              : { read: false, error: conversation.error },
          }
        : {}),
    },
    usage: calls.usage,
    stopReason: worstStop(calls.results),
    summary:
      summaryBody.replace(/<!-- pitcrew:state [\s\S]*? -->\n?/, '') +
      (failure ? `\n**Not done:** ${redactor.redact(failure)}\n` : ''),
    ...(failure ? { failure } : {}),
  }
}

/** The PR's reads that need only its number, started together. */
function startPrReads(
  octokit: Octokit,
  pr: { owner: string; repo: string; prNumber: number },
  log: Log,
): {
  readEarlier: ReadEarlierRuns
  earlier: Promise<Earlier>
  conversation: Promise<ConversationRead>
} {
  const readEarlier = earlierRunsReader(octokit, {
    owner: pr.owner,
    repo: pr.repo,
    pullNumber: pr.prNumber,
  })
  return {
    readEarlier,
    earlier: loadEarlier(readEarlier, log),
    conversation: readConversation(octokit, pr, log),
  }
}

/** The PR's changed-file count as the event gives it (pull_request events carry it). */
function changedFilesOf(payload: Record<string, unknown>): number | undefined {
  const pr = payload.pull_request as { changed_files?: unknown } | undefined
  return typeof pr?.changed_files === 'number' ? pr.changed_files : undefined
}

/** A run that reviews nothing, with the reason as a notice and as the summary. */
function skipped(log: Log, reason: string, extra: Record<string, unknown> = {}): TaskResult {
  log.notice(reason)
  return skippedResult(reason, '### pitcrew review skipped', extra)
}

function logPacking(log: Log, pack: PackResult): void {
  log.startGroup('pitcrew review: packing')
  log.info(
    `${pack.parts.length} model call(s); ${pack.coverage.filesShown}/${pack.coverage.filesReviewable} reviewable files, ${pack.coverage.changedLinesShown}/${pack.coverage.changedLinesReviewable} changed lines shown.`,
  )
  for (const s of pack.skipped) log.info(`skipped ${s.path}: ${s.reason}`)
  log.endGroup()
}
