/**
 * Reactions on comments: the `eyes` a `/pitcrew` command gets before the work starts (contract
 * section 8, "Progress"). A reaction is idempotent by nature: GitHub answers the same user's same
 * content with the existing reaction (200), so a re-delivered event or a retried POST never
 * adds a second one.
 */
import type { Octokit } from './octokit.js'

/** Where a comment lives: the PR conversation (issue comment) or a review thread. */
export type CommentKind = 'issue' | 'review'

export type ReactionContent =
  '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes'

/** Adds `content` to a comment; `created` is false when this identity had already reacted so. */
export async function addReaction(
  octokit: Octokit,
  o: {
    owner: string
    repo: string
    kind: CommentKind
    commentId: number
    content: ReactionContent
  },
): Promise<{ id: number; created: boolean }> {
  const params = { owner: o.owner, repo: o.repo, comment_id: o.commentId, content: o.content }
  const res =
    o.kind === 'issue'
      ? await octokit.rest.reactions.createForIssueComment(params)
      : await octokit.rest.reactions.createForPullRequestReviewComment(params)
  return { id: res.data.id, created: res.status === 201 }
}
