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

/**
 * Posts one review with its inline comments. pitcrew never approves: an 'APPROVE' reaching this
 * function is a bug, so it throws before anything is sent.
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
  },
): Promise<{ id: number; url: string }> {
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
  const res = await octokit.rest.pulls.createReview({
    owner: opts.owner,
    repo: opts.repo,
    pull_number: opts.pullNumber,
    commit_id: opts.commitId,
    event: opts.event,
    body: opts.body,
    ...(comments.length > 0 ? { comments } : {}),
  })
  return { id: res.data.id, url: res.data.html_url }
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
