/**
 * A pull request's review threads: read through GraphQL (`reviewThreads`, paginated, threads
 * and their comments), resolved through GraphQL (`resolveReviewThread`), answered through REST
 * (`POST .../pulls/{n}/comments/{id}/replies`). Every GraphQL document is an exported constant,
 * so a test validates each one against GitHub's published schema.
 *
 * GraphQL spells a bot's login without the `[bot]` suffix REST uses (`github-actions`, not
 * `github-actions[bot]`): authors carry their `__typename` so the REST trust rule (a Bot is the
 * token's identity, see `tokenAuthorCheck`) applies unchanged.
 */
import { tokenAuthorCheck, type AuthorCheck } from './comments.js'
import { writeOnceOn } from './idempotent.js'
import type { Octokit } from './octokit.js'

const COMMENT_FIELDS = `
  id
  databaseId
  author { __typename login }
  body
  createdAt
  url`

/** Threads of one PR, 50 a page, each with its first 100 comments. */
export const REVIEW_THREADS_QUERY = `query PitcrewReviewThreads($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 50, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          isOutdated
          path
          line
          originalLine
          diffSide
          resolvedBy { login }
          viewerCanResolve
          comments(first: 100) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {${COMMENT_FIELDS}
            }
          }
        }
      }
    }
  }
}`

/** The rest of a long thread's comments (past the first 100). */
export const THREAD_COMMENTS_QUERY = `query PitcrewThreadComments($id: ID!, $after: String) {
  node(id: $id) {
    ... on PullRequestReviewThread {
      comments(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {${COMMENT_FIELDS}
        }
      }
    }
  }
}`

/** Resolves one thread (GitHub: write access to the repository). */
export const RESOLVE_THREAD_MUTATION = `mutation PitcrewResolveThread($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) {
    thread { id isResolved }
  }
}`

/** Whether one thread is resolved: the look-up after a resolve whose answer was lost. */
export const THREAD_STATE_QUERY = `query PitcrewThreadState($id: ID!) {
  node(id: $id) {
    ... on PullRequestReviewThread { id isResolved }
  }
}`

/** Every GraphQL document pitcrew sends about threads. */
export const THREAD_DOCUMENTS = {
  REVIEW_THREADS_QUERY,
  THREAD_COMMENTS_QUERY,
  RESOLVE_THREAD_MUTATION,
  THREAD_STATE_QUERY,
} as const

/** A comment's author: its login as GraphQL spells it and `Bot` or `User`. */
export interface ThreadAuthor {
  login: string
  type: string
}

export interface ThreadComment {
  id: string
  /** The REST id (what the replies endpoint takes). */
  databaseId: number | null
  /** null for a deleted account. */
  author: ThreadAuthor | null
  body: string
  createdAt: string
  url: string
}

export interface ReviewThread {
  id: string
  isResolved: boolean
  isOutdated: boolean
  path: string
  /** The line at the PR's head; null when the thread is outdated. */
  line: number | null
  originalLine: number | null
  diffSide: string
  /** Who resolved it (GraphQL login); null when open or when the account is gone. */
  resolvedBy: string | null
  viewerCanResolve: boolean
  /** Oldest first: the first one started the thread. */
  comments: ThreadComment[]
}

interface PageInfo {
  hasNextPage: boolean
  endCursor: string | null
}
interface RawComment {
  id: string
  databaseId: number | null
  author: { __typename: string; login: string } | null
  body: string
  createdAt: string
  url: string
}
interface RawThread extends Omit<ReviewThread, 'comments' | 'resolvedBy'> {
  resolvedBy: { login: string } | null
  comments: { totalCount: number; pageInfo: PageInfo; nodes: RawComment[] }
}
interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: { totalCount: number; pageInfo: PageInfo; nodes: RawThread[] }
    } | null
  } | null
}
interface CommentsPage {
  node: { comments?: { pageInfo: PageInfo; nodes: RawComment[] } } | null
}

const comment = (c: RawComment): ThreadComment => ({
  id: c.id,
  databaseId: c.databaseId,
  author: c.author ? { login: c.author.login, type: c.author.__typename } : null,
  body: c.body,
  createdAt: c.createdAt,
  url: c.url,
})

/**
 * Every review thread of a PR with every comment (all pages of both). Throws when GitHub
 * refuses or the PR is not found: the caller decides what a review without the conversation is.
 */
export async function readReviewThreads(
  octokit: Octokit,
  o: { owner: string; repo: string; pullNumber: number },
): Promise<ReviewThread[]> {
  const out: ReviewThread[] = []
  let after: string | null = null
  let total = 0
  for (;;) {
    const page: ThreadsPage = await octokit.graphql<ThreadsPage>(REVIEW_THREADS_QUERY, {
      owner: o.owner,
      name: o.repo,
      number: o.pullNumber,
      after,
    })
    const conn = page.repository?.pullRequest?.reviewThreads
    if (!conn) throw new Error(`Pull request ${o.owner}/${o.repo}#${o.pullNumber} was not found.`)
    total = conn.totalCount
    for (const t of conn.nodes) {
      const comments = t.comments.nodes.map(comment)
      let info = t.comments.pageInfo
      while (info.hasNextPage) {
        const more: CommentsPage = await octokit.graphql<CommentsPage>(THREAD_COMMENTS_QUERY, {
          id: t.id,
          after: info.endCursor,
        })
        const c = more.node?.comments
        if (!c) break
        comments.push(...c.nodes.map(comment))
        info = c.pageInfo
      }
      out.push({ ...t, resolvedBy: t.resolvedBy?.login ?? null, comments })
    }
    if (!conn.pageInfo.hasNextPage) break
    after = conn.pageInfo.endCursor
  }
  // Threads added while paging shift the pages: a short count would hide one.
  if (out.length < total)
    throw new Error(`Read ${out.length} of ${total} review threads; the list changed while paging.`)
  return out
}

/**
 * Resolves one thread, once: the mutation is a POST the client never resends, so after an
 * answer that was lost the thread is looked up and the mutation is sent again only when the
 * thread is still open. Throws when GitHub refuses (no write access, no such thread).
 */
export async function resolveReviewThread(octokit: Octokit, threadId: string): Promise<void> {
  await writeOnceOn(octokit, {
    what: `the resolution of review thread ${threadId}`,
    create: async () => {
      const res = await octokit
        .graphql<{
          resolveReviewThread: { thread: { isResolved: boolean } }
        }>(RESOLVE_THREAD_MUTATION, { threadId })
        .catch((err: unknown) => {
          throw refusal(err)
        })
      if (!res.resolveReviewThread.thread.isResolved)
        throw refusal(new Error(`GitHub did not resolve review thread ${threadId}.`))
      return true
    },
    find: async () => {
      const res = await octokit.graphql<{ node: { isResolved?: boolean } | null }>(
        THREAD_STATE_QUERY,
        { id: threadId },
      )
      return res.node?.isResolved ? true : undefined
    },
  })
}

/**
 * GraphQL refuses with HTTP 200 and `errors` (no permission, no such thread): GitHub answered,
 * so the outcome is known and `writeOnce` must not look it up and resend. The status says so.
 */
function refusal(err: unknown): unknown {
  // Octokit gives every HTTP failure (and a fetch without an answer) a status.
  const answered = err instanceof Error && (err as { status?: unknown }).status === undefined
  return answered ? Object.assign(err, { status: 200 }) : err
}

/** The hidden key of a reply: `<!-- pitcrew:reply <key> -->`. */
export function replyKeyMarker(key: string): string {
  return `<!-- pitcrew:reply ${key.replace(/-->/g, '')} -->`
}

/**
 * Replies in the thread of review comment `commentId`, exactly once: the body carries the hidden
 * `key`, and when GitHub's answer is lost the PR's review comments are searched for it (a
 * comment by pitcrew's token) before the reply is sent again.
 */
export async function replyToReviewComment(
  octokit: Octokit,
  o: {
    owner: string
    repo: string
    pullNumber: number
    commentId: number
    body: string
    key: string
    trusted?: AuthorCheck
  },
): Promise<{ id: number; url: string; confirmedBy: 'response' | 'found' }> {
  const marker = replyKeyMarker(o.key)
  const body = o.body.includes(marker) ? o.body : `${o.body}\n\n${marker}`
  const trusted = o.trusted ?? tokenAuthorCheck(octokit)
  const res = await writeOnceOn(octokit, {
    what: `the reply to review comment ${o.commentId} on #${o.pullNumber}`,
    create: async () => {
      const r = await octokit.rest.pulls.createReplyForReviewComment({
        owner: o.owner,
        repo: o.repo,
        pull_number: o.pullNumber,
        comment_id: o.commentId,
        body,
      })
      return { id: r.data.id, url: r.data.html_url }
    },
    find: async () => {
      const all = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
        owner: o.owner,
        repo: o.repo,
        pull_number: o.pullNumber,
        per_page: 100,
      })
      for (const c of all) {
        const author = { login: c.user?.login ?? null, type: c.user?.type ?? null }
        if (c.body.includes(marker) && (await trusted(author))) return { id: c.id, url: c.html_url }
      }
      return undefined
    },
  })
  return { ...res.value, confirmedBy: res.confirmedBy }
}
