import { isStatus } from './errors.js'
import { writeOnceOn } from './idempotent.js'
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

/** Decides whether a comment's author is pitcrew's token; see `tokenAuthorCheck`. */
export type AuthorCheck = (c: { login: string | null; type: string | null }) => Promise<boolean>

/**
 * The trust rule for pitcrew's own comments: markers are plain text anyone can paste, so only a
 * comment whose author is the token's identity counts: a Bot account (GITHUB_TOKEN is
 * `github-actions[bot]`, an App token `<app>[bot]`; `GET /user` refuses both) or, for a personal
 * token, the login `GET /user` returns. The identity is looked up lazily, at most once.
 */
export function tokenAuthorCheck(octokit: Octokit): AuthorCheck {
  let identity: Promise<string | null> | null = null
  return async (c) => {
    if (c.type === 'Bot') return true
    if (!c.login) return false
    identity ??= octokit.rest.users
      .getAuthenticated()
      .then((r) => r.data.login)
      .catch(() => null) // installation tokens: 403 "Resource not accessible by integration"
    return (await identity) === c.login
  }
}

/**
 * The first comment on an issue or PR whose body contains `marker` and whose author passes
 * `trusted` (default: pitcrew's token, see `tokenAuthorCheck`), searching every page (a busy PR
 * has hundreds of comments; the sticky one may be on page 3). A forged marker is never matched,
 * so it is never edited.
 */
export async function findComment(
  octokit: Octokit,
  opts: IssueRef & { marker: string; trusted?: AuthorCheck },
): Promise<FoundComment | undefined> {
  const trusted = opts.trusted ?? tokenAuthorCheck(octokit)
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
      const author = { login: c.user?.login ?? null, type: c.user?.type ?? null }
      if (c.body?.includes(opts.marker) && (await trusted(author))) {
        return { id: c.id, body: c.body, url: c.html_url, user: c.user?.login ?? null }
      }
    }
  }
  return undefined
}

/** A comment or reply pitcrew posted, as its look-up finds it again. */
export interface PostedComment {
  id: number
  url: string
}

/**
 * The look-up-then-write every comment and review-thread reply goes through: sent once; when
 * GitHub's answer is lost, looked up by its key on a comment by pitcrew's token (`trusted`,
 * default `tokenAuthorCheck`) before it is sent again. `marker`, when given, must be in `body`:
 * it is the key, and without it the next run could not find the comment either.
 */
export async function postOnce(
  octokit: Octokit,
  o: {
    /** For errors and the log: "the comment on #3 (marker)". */
    what: string
    /** 'comment' or 'reply', for the error on a body without its marker. */
    kind: string
    body: string
    marker?: string
    trusted?: AuthorCheck
    send: () => Promise<PostedComment>
    find: (trusted: AuthorCheck) => Promise<PostedComment | undefined>
  },
): Promise<PostedComment> {
  if (o.marker !== undefined && !o.body.includes(o.marker)) {
    throw new Error(
      `Invalid ${o.kind} body: it does not contain the marker '${o.marker}'. Expected the marker inside the body, so the ${o.kind} can be found again.`,
    )
  }
  const trusted = o.trusted ?? tokenAuthorCheck(octokit)
  const res = await writeOnceOn(octokit, {
    what: o.what,
    create: o.send,
    find: async () => {
      const found = await o.find(trusted)
      return found && { id: found.id, url: found.url }
    },
  })
  return res.value
}

/**
 * Posts a new comment, exactly once (`postOnce`). The key is `marker` (which must be in `body`)
 * on a comment by pitcrew's token; without a marker, a comment by pitcrew's token with this very
 * body, written since this call began (minus five minutes of clock skew).
 */
export async function createComment(
  octokit: Octokit,
  opts: IssueRef & { body: string; marker?: string; trusted?: AuthorCheck },
): Promise<PostedComment> {
  const { marker } = opts
  const since = Date.now() - 5 * 60_000
  return postOnce(octokit, {
    what: `the comment on #${opts.issueNumber}${marker ? ` (${marker})` : ''}`,
    kind: 'comment',
    body: opts.body,
    marker,
    trusted: opts.trusted,
    send: async () => {
      const res = await octokit.rest.issues.createComment({
        owner: opts.owner,
        repo: opts.repo,
        issue_number: opts.issueNumber,
        body: opts.body,
      })
      return { id: res.data.id, url: res.data.html_url }
    },
    find: (trusted) =>
      marker
        ? findComment(octokit, { ...opts, marker, trusted })
        : findCommentWithBody(octokit, { ...opts, trusted, since }),
  })
}

/** A comment by pitcrew's token with exactly `body`, created at `since` or later. */
async function findCommentWithBody(
  octokit: Octokit,
  opts: IssueRef & { body: string; trusted: AuthorCheck; since: number },
): Promise<FoundComment | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: opts.owner,
    repo: opts.repo,
    issue_number: opts.issueNumber,
    since: new Date(opts.since).toISOString(),
    per_page: 100,
  })
  for await (const page of pages) {
    for (const c of page.data) {
      const author = { login: c.user?.login ?? null, type: c.user?.type ?? null }
      if (
        c.body === opts.body &&
        Date.parse(c.created_at) >= opts.since &&
        (await opts.trusted(author))
      ) {
        return { id: c.id, body: c.body, url: c.html_url, user: c.user?.login ?? null }
      }
    }
  }
  return undefined
}

/**
 * One comment per PR that is edited in place on every run: found by `marker` (which must appear
 * in `body`, or the next run could not find it and would post a duplicate).
 */
export async function upsertStickyComment(
  octokit: Octokit,
  opts: IssueRef & { marker: string; body: string; trusted?: AuthorCheck },
): Promise<{ id: number; url: string; created: boolean }> {
  if (!opts.body.includes(opts.marker)) {
    throw new Error(
      `Invalid sticky comment body: it does not contain the marker '${opts.marker}'. Expected the marker inside the body so the next run finds this comment.`,
    )
  }
  const trusted = opts.trusted ?? tokenAuthorCheck(octokit)
  const existing = await findComment(octokit, { ...opts, trusted })
  return updateOrCreateComment(octokit, { ...opts, trusted, id: existing?.id ?? null })
}

/**
 * Edits comment `id` in place, or posts a new one when there is none (`id` null) or it was
 * deleted meanwhile (404): a rerun replaces pitcrew's comment rather than adding another. The
 * new one is posted exactly once, keyed by `marker` (see `createComment`).
 */
export async function updateOrCreateComment(
  octokit: Octokit,
  opts: IssueRef & { id: number | null; body: string; marker?: string; trusted?: AuthorCheck },
): Promise<{ id: number; url: string; created: boolean }> {
  if (opts.id !== null) {
    try {
      const res = await octokit.rest.issues.updateComment({
        owner: opts.owner,
        repo: opts.repo,
        comment_id: opts.id,
        body: opts.body,
      })
      return { id: res.data.id, url: res.data.html_url, created: false }
    } catch (err) {
      if (!isStatus(err, 404)) throw err
    }
  }
  const made = await createComment(octokit, opts)
  return { ...made, created: true }
}
