import type { Octokit } from './octokit.js'

export interface IssueRef {
  owner: string
  repo: string
  issueNumber: number
}

export interface FoundComment {
  id: number
  body: string
  url: string
  user: string | null
}

/**
 * The first comment on an issue or PR whose body contains `marker`, searching every page (a busy
 * PR has hundreds of comments; the sticky one may be on page 3).
 */
export async function findComment(
  octokit: Octokit,
  opts: IssueRef & { marker: string },
): Promise<FoundComment | undefined> {
  if (!opts.marker)
    throw new Error(
      `Invalid marker ''. Expected a non-empty string such as <!-- pitcrew:summary -->.`,
    )
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: opts.owner,
    repo: opts.repo,
    issue_number: opts.issueNumber,
    per_page: 100,
  })
  for await (const page of pages) {
    for (const c of page.data) {
      if (c.body?.includes(opts.marker)) {
        return { id: c.id, body: c.body, url: c.html_url, user: c.user?.login ?? null }
      }
    }
  }
  return undefined
}

/** Posts a new comment; returns its id and browser URL. */
export async function createComment(
  octokit: Octokit,
  opts: IssueRef & { body: string },
): Promise<{ id: number; url: string }> {
  const res = await octokit.rest.issues.createComment({
    owner: opts.owner,
    repo: opts.repo,
    issue_number: opts.issueNumber,
    body: opts.body,
  })
  return { id: res.data.id, url: res.data.html_url }
}

/**
 * One comment per PR that is edited in place on every run: found by `marker` (which must appear
 * in `body`, or the next run could not find it and would post a duplicate).
 */
export async function upsertStickyComment(
  octokit: Octokit,
  opts: IssueRef & { marker: string; body: string },
): Promise<{ id: number; url: string; created: boolean }> {
  if (!opts.body.includes(opts.marker)) {
    throw new Error(
      `Invalid sticky comment body: it does not contain the marker '${opts.marker}'. Expected the marker inside the body so the next run finds this comment.`,
    )
  }
  const existing = await findComment(octokit, opts)
  if (existing) {
    const res = await octokit.rest.issues.updateComment({
      owner: opts.owner,
      repo: opts.repo,
      comment_id: existing.id,
      body: opts.body,
    })
    return { id: res.data.id, url: res.data.html_url, created: false }
  }
  const made = await createComment(octokit, opts)
  return { ...made, created: true }
}
