/**
 * Review threads over REST: the comments of a PR's review threads, and a reply in a thread that
 * is posted exactly once (keyed by a marker in its body, looked up before any second send).
 */
import { postOnce, type AuthorCheck, type PostedComment } from './comments.js'
import type { Octokit } from './octokit.js'

export interface ReviewComment {
  id: number
  body: string
  user: string | null
  userType: string | null
  /** The thread root this comment replies to; absent on a root. */
  inReplyToId?: number
  path: string
  line: number | null
  commitId: string
  url: string
}

export interface PullRef {
  owner: string
  repo: string
  pullNumber: number
}

/** Every review comment of the PR, every page, oldest first. */
export async function listReviewComments(octokit: Octokit, pr: PullRef): Promise<ReviewComment[]> {
  const all = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.pullNumber,
    per_page: 100,
  })
  return all
    .map((c) => ({
      id: c.id,
      body: c.body ?? '',
      user: c.user?.login ?? null,
      userType: c.user?.type ?? null,
      ...(typeof c.in_reply_to_id === 'number' ? { inReplyToId: c.in_reply_to_id } : {}),
      path: c.path,
      line: c.line ?? null,
      commitId: c.commit_id,
      url: c.html_url,
    }))
    .sort((a, b) => a.id - b.id)
}

/** The thread `commentId` belongs to: its root first, then the replies, oldest first. */
export function threadOf(comments: ReviewComment[], commentId: number): ReviewComment[] {
  const c = comments.find((x) => x.id === commentId)
  if (!c) return []
  const rootId = c.inReplyToId ?? c.id
  const root = comments.filter((x) => x.id === rootId)
  return [...root, ...comments.filter((x) => x.inReplyToId === rootId)]
}

/**
 * Replies in the thread of `toId`, exactly once (`postOnce`): `marker` (in `body`) is the key a
 * lost answer is looked up by, on a comment by pitcrew's token, before anything is sent again.
 */
export async function replyOnce(
  octokit: Octokit,
  o: PullRef & { toId: number; body: string; marker: string; trusted?: AuthorCheck },
): Promise<PostedComment> {
  return postOnce(octokit, {
    what: `the reply to review comment ${o.toId} (${o.marker})`,
    kind: 'reply',
    body: o.body,
    marker: o.marker,
    trusted: o.trusted,
    send: async () => {
      const res = await octokit.rest.pulls.createReplyForReviewComment({
        owner: o.owner,
        repo: o.repo,
        pull_number: o.pullNumber,
        comment_id: o.toId,
        body: o.body,
      })
      return { id: res.data.id, url: res.data.html_url }
    },
    find: async (trusted) => findTrusted(await listReviewComments(octokit, o), o.marker, trusted),
  })
}

/** The first comment containing `marker` whose author passes `trusted` (a forged one never). */
export async function findTrusted(
  comments: ReviewComment[],
  marker: string,
  trusted: AuthorCheck,
): Promise<ReviewComment | undefined> {
  for (const c of comments) {
    if (c.body.includes(marker) && (await trusted({ login: c.user, type: c.userType }))) return c
  }
  return undefined
}
