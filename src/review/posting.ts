/**
 * What the review writes to the PR: ONE review with the inline comments, and the sticky summary
 * comment. When GitHub refuses, the review degrades instead of being lost; when the token cannot
 * write (fork PRs), or in a dry run, the review goes to the job summary and annotations.
 */
import { nodeCrypto } from '../builtins.js'
import type { Log } from '../log.js'
import type { Redactor } from '../safety/redact.js'
import type { Octokit } from '../github/octokit.js'
import { updateOrCreateComment } from '../github/comments.js'
import { createReview, type ReviewCommentInput, type ReviewEvent } from '../github/reviews.js'
import { errorMessage, isStatus, statusOf } from '../github/errors.js'
import { demoteSuggestion } from './findings.js'
import type { ReadEarlierRuns } from './sticky.js'
import {
  SUMMARY_MARKER,
  renderInlineComment,
  renderReviewBody,
  type PlacedFinding,
  type SummaryInput,
} from './summary.js'

/** Where on GitHub: the PR (a local review has number 0 and no octokit). */
export interface PullRef {
  owner: string
  repo: string
  prNumber: number
}

/** How posting the review went. */
export interface ReviewPosting {
  /** A review was due: there were findings. */
  wanted: boolean
  posted: boolean
  /** The event planned, or the one GitHub accepted. */
  event: ReviewEvent
  reviewUrl?: string
  /** The review that was not posted (dry run, read-only token, no token), for the summary. */
  unposted?: NonNullable<SummaryInput['unposted']>
  /** True when the token turned out to be read-only. */
  readOnly: boolean
  failure?: string
}

/**
 * Posts the review of `placed` on `headSha`, exactly once: the review carries the hidden key
 * `<head sha> <run id>` and a lost answer is looked up by it (see `createReview`). May move
 * inline findings into the body (mutating their placement) when GitHub refuses an anchor; the
 * summary then shows where they went. A review GitHub never took is returned as `unposted`
 * with `failure` set, so the summary names it and the step fails; the caller must not record
 * the head as reviewed (`nextState` with `failed`), so a rerun posts it.
 */
export async function postReview(o: {
  octokit: Octokit | null
  log: Log
  redactor: Redactor
  pr: PullRef
  headSha: string
  placed: PlacedFinding[]
  summary: string
  maxComments: number
  requestChanges: boolean
  dryRun: boolean
  readOnly: boolean
  /** GITHUB_RUN_ID, for the review's key (a random id when absent). */
  runId?: string
}): Promise<ReviewPosting> {
  const { octokit, log, redactor, placed, dryRun } = o
  const blocking = placed.some(
    (p) => p.finding.severity === 'critical' || p.finding.severity === 'major',
  )
  const event: ReviewEvent = o.requestChanges && blocking ? 'REQUEST_CHANGES' : 'COMMENT'
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
  let readOnly = o.readOnly
  let reviewUrl: string | undefined
  let unposted: ReviewPosting['unposted']
  let failure: string | undefined
  const wantReview = placed.length > 0
  let reviewBody = redactor.redact(
    renderReviewBody({ placed, summary: o.summary, maxComments: o.maxComments }),
  )
  let postedOk = false
  let postedEvent: ReviewEvent = event
  const key = `${o.headSha} ${o.runId ?? nodeCrypto().randomUUID()}`
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
          owner: o.pr.owner,
          repo: o.pr.repo,
          pullNumber: o.pr.prNumber,
          commitId: o.headSha,
          event: postedEvent,
          body: reviewBody,
          comments: inline,
          key,
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
              summary: o.summary,
              maxComments: o.maxComments,
              degraded: 'GitHub did not accept these as inline comments, so they are listed here.',
            }),
          )
        } else if (isPermissionDenied(err)) {
          log.warning(
            `The token cannot post reviews (${statusOf(err)}): writing the review to the job summary and annotations instead.`,
          )
          readOnly = true
        } else {
          failure = `The review of ${o.headSha.slice(0, 7)} was not posted: ${why}. A rerun on this head posts it.`
        }
      }
    }
    log.endGroup()
  }
  if (wantReview && (dryRun || readOnly || !octokit || failure)) {
    const why = dryRun
      ? 'dry run'
      : readOnly
        ? 'read-only token'
        : !octokit
          ? 'no GitHub token'
          : `GitHub did not take it: ${failure}`
    unposted = {
      why,
      body: reviewBody,
      comments: comments(placed).map((c) => ({ path: c.path, line: c.line ?? 0, body: c.body })),
    }
    if (readOnly) annotate(log, redactor, placed)
  }
  return {
    wanted: wantReview,
    posted: postedOk,
    event: postedEvent,
    ...(reviewUrl ? { reviewUrl } : {}),
    ...(unposted ? { unposted } : {}),
    readOnly,
    ...(failure ? { failure } : {}),
  }
}

/** The read-only path: each finding as a warning annotation on its file and lines. */
function annotate(log: Log, redactor: Redactor, placed: PlacedFinding[]): void {
  for (const p of placed) {
    const line = p.line ?? (typeof p.finding.line === 'number' ? p.finding.line : undefined)
    log.warning(redactor.redact(`${p.finding.severity}: ${p.finding.title}\n${p.finding.body}`), {
      title: `pitcrew: ${p.finding.severity}`,
      file: String(p.finding.path),
      ...(line !== undefined ? { startLine: p.startLine ?? line, endLine: line } : {}),
    })
  }
}

/**
 * Writes the sticky summary comment: edited in place, or posted again when it was deleted
 * meanwhile. `stickyId` undefined means it could not be read earlier: it is looked up again
 * first, so a transient error does not create a second one.
 */
export async function writeSummaryComment(o: {
  octokit: Octokit
  log: Log
  pr: PullRef
  stickyId: number | null | undefined
  readEarlier: ReadEarlierRuns
  body: string
}): Promise<{ readOnly: boolean; failure?: string }> {
  try {
    const id = o.stickyId === undefined ? ((await o.readEarlier()).sticky?.id ?? null) : o.stickyId
    // Keyed by the summary marker: a lost answer to a new sticky is found, not posted twice.
    await updateOrCreateComment(o.octokit, {
      owner: o.pr.owner,
      repo: o.pr.repo,
      issueNumber: o.pr.prNumber,
      id,
      body: o.body,
      marker: SUMMARY_MARKER,
    })
    return { readOnly: false }
  } catch (err) {
    if (isPermissionDenied(err)) {
      o.log.warning(
        `The token cannot write comments (${statusOf(err)}): the summary is in the job summary only.`,
      )
      return { readOnly: true }
    }
    return {
      readOnly: false,
      failure: `Could not update the summary comment: ${(err as Error).message}`,
    }
  }
}

/** A 403/404 on a write that is not a rate limit: the token lacks write access (fork PRs). */
function isPermissionDenied(err: unknown): boolean {
  return isStatus(err, 403, 404) && !/rate limit|abuse/i.test((err as Error).message ?? '')
}
