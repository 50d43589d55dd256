import { nodeCrypto } from '../builtins.js'
import { tokenAuthorCheck, type AuthorCheck } from './comments.js'
import { writeOnceOn } from './idempotent.js'
import type { Octokit } from './octokit.js'

export type ReviewEvent = 'COMMENT' | 'REQUEST_CHANGES'

export interface ReviewCommentInput {
  path: string
  body: string
  /** Line in the file (new side for RIGHT, old side for LEFT); must be inside a diff hunk. */
  line?: number
  side?: 'LEFT' | 'RIGHT'
  /** First line of a multi-line comment; must be in the same hunk as `line`. */
  start_line?: number
  start_side?: 'LEFT' | 'RIGHT'
}

/** The hidden key of one review: `<!-- pitcrew:review <head sha> <run id> -->`. */
export function reviewKeyMarker(key: string): string {
  return `<!-- pitcrew:review ${key.replace(/-->/g, '')} -->`
}

/**
 * Posts one review with its inline comments, exactly once: the body carries a hidden key
 * (`key`, e.g. `<head sha> <run id>`; a random one when absent), and when GitHub's answer is
 * lost the review is looked up by that key (a review by pitcrew's token) before it is sent
 * again, so neither the review nor its inline comments are doubled. pitcrew never approves: an
 * 'APPROVE' reaching this function is a bug, so it throws before anything is sent.
 */
export async function createReview(
  octokit: Octokit,
  opts: {
    owner: string
    repo: string
    pullNumber: number
    commitId: string
    event: ReviewEvent
    body: string
    comments: ReviewCommentInput[]
    /** What makes this review unique, e.g. `<head sha> <run id>`. */
    key?: string
    trusted?: AuthorCheck
  },
): Promise<{ id: number; url: string; confirmedBy: 'response' | 'found' }> {
  const event: string = opts.event
  if (event !== 'COMMENT' && event !== 'REQUEST_CHANGES') {
    throw new Error(
      `Invalid review event '${event}'. Expected COMMENT or REQUEST_CHANGES: pitcrew never approves.`,
    )
  }
  const comments = opts.comments.map((c) => {
    // Only line-anchored comments: the create-review endpoint has no file-level comments, so
    // unanchored findings belong in the review body.
    const out: ReviewCommentInput = { path: c.path, body: c.body }
    out.line = c.line
    out.side = c.side ?? 'RIGHT'
    if (c.start_line !== undefined && c.start_line !== c.line) {
      out.start_line = c.start_line
      out.start_side = c.start_side ?? out.side
    }
    return out
  })
  const marker = reviewKeyMarker(opts.key ?? `${opts.commitId} ${nodeCrypto().randomUUID()}`)
  const body = opts.body.includes(marker) ? opts.body : `${opts.body}\n\n${marker}`
  const trusted = opts.trusted ?? tokenAuthorCheck(octokit)
  const res = await writeOnceOn(octokit, {
    what: `the review on #${opts.pullNumber}`,
    create: async () => {
      const res = await octokit.rest.pulls.createReview({
        owner: opts.owner,
        repo: opts.repo,
        pull_number: opts.pullNumber,
        commit_id: opts.commitId,
        event: opts.event,
        body,
        ...(comments.length > 0 ? { comments } : {}),
      })
      return { id: res.data.id, url: res.data.html_url }
    },
    find: () => findReview(octokit, { ...opts, marker, trusted }),
  })
  return { ...res.value, confirmedBy: res.confirmedBy }
}

/** The review on the PR whose body carries `marker`, written by pitcrew's token. */
export async function findReview(
  octokit: Octokit,
  opts: { owner: string; repo: string; pullNumber: number; marker: string; trusted?: AuthorCheck },
): Promise<{ id: number; url: string } | undefined> {
  const trusted = opts.trusted ?? tokenAuthorCheck(octokit)
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listReviews, {
    owner: opts.owner,
    repo: opts.repo,
    pull_number: opts.pullNumber,
    per_page: 100,
  })
  for await (const page of pages) {
    for (const r of page.data) {
      const author = { login: r.user?.login ?? null, type: r.user?.type ?? null }
      if (r.body?.includes(opts.marker) && (await trusted(author))) {
        return { id: r.id, url: r.html_url }
      }
    }
  }
  return undefined
}

export interface ReviewComment {
  id: number
  reviewId: number | null
  path: string
  line: number | null
  startLine: number | null
  side: string | null
  body: string
  user: string | null
  commitId: string
}

/** Every inline review comment on a PR (all pages): used to avoid posting a finding twice. */
export async function listReviewComments(
  octokit: Octokit,
  opts: { owner: string; repo: string; pullNumber: number },
): Promise<ReviewComment[]> {
  const raw = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: opts.owner,
    repo: opts.repo,
    pull_number: opts.pullNumber,
    per_page: 100,
  })
  return raw.map((c) => ({
    id: c.id,
    reviewId: c.pull_request_review_id ?? null,
    path: c.path,
    line: c.line ?? null,
    startLine: c.start_line ?? null,
    side: c.side ?? null,
    body: c.body,
    user: c.user?.login ?? null,
    commitId: c.commit_id,
  }))
}
