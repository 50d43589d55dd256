/**
 * The conversation's I/O for a review run: read the PR's threads and classify them (see
 * `conversation.ts`), and, after the review, answer and resolve the addressed ones. Each write
 * happens once: the reply carries a per-thread key (`writeOnce`), and the resolution is looked
 * up before it is sent again.
 */
import type { Log } from '../log.js'
import type { Octokit } from '../github/octokit.js'
import { errorMessage } from '../github/errors.js'
import { tokenAuthorCheck } from '../github/comments.js'
import {
  readReviewThreads,
  replyToReviewComment,
  resolveReviewThread,
  type ThreadAuthor,
} from '../github/threads.js'
import {
  addressedKey,
  addressedReply,
  classifyThreads,
  type Conversation,
  type PitcrewThread,
} from './conversation.js'
import type { PullRef } from './posting.js'

/** The conversation, or why it could not be read. */
export type ConversationRead =
  { ok: true; conversation: Conversation; threads: number } | { ok: false; error: string }

/** Reads and classifies the PR's review threads; trouble is returned, never thrown. */
export async function readConversation(
  octokit: Octokit,
  pr: PullRef,
  log: Log,
): Promise<ConversationRead> {
  try {
    const threads = await readReviewThreads(octokit, {
      owner: pr.owner,
      repo: pr.repo,
      pullNumber: pr.prNumber,
    })
    // The token's identity decides which threads are pitcrew's: asked once per distinct author.
    const trusted = tokenAuthorCheck(octokit)
    const mine = new Set<string>()
    const key = (a: ThreadAuthor) => `${a.type}\0${a.login}`
    for (const t of threads) {
      const a = t.comments[0]?.author
      if (a && !mine.has(key(a)) && (await trusted({ login: a.login, type: a.type })))
        mine.add(key(a))
    }
    const conversation = classifyThreads(threads, (a) => mine.has(key(a)))
    const count = (s: PitcrewThread['status']) =>
      conversation.ours.filter((t) => t.status === s).length
    log.info(
      `Conversation: ${threads.length} review thread(s); ${conversation.ours.length} started by pitcrew (${count('open')} open, ${count('dismissed')} dismissed, ${count('resolved')} resolved, ${count('reopened')} reopened after an answer), ${conversation.others} by people (not touched).`,
    )
    for (const t of conversation.ours.filter((x) => x.status === 'dismissed'))
      log.info(
        `Dismissed by ${t.dismissedBy!.login} (${t.dismissedBy!.how}): '${t.title}' (${t.thread.path}); not posted again.`,
      )
    return { ok: true, conversation, threads: threads.length }
  } catch (err) {
    const error = errorMessage(err)
    log.warning(`Could not read the review threads: ${error}`)
    return { ok: false, error }
  }
}

/**
 * Replies `Addressed in <sha>.` in each thread and resolves it, both exactly once; `answered`
 * threads got their reply from an earlier run whose resolution failed, so they are only
 * resolved. Returns the threads done, those answered but still unresolved (the next state
 * keeps them, so a rerun resolves them), and a failure line for each that was not done.
 */
export async function settleAddressed(o: {
  octokit: Octokit
  log: Log
  pr: PullRef
  headSha: string
  threads: PitcrewThread[]
  answered?: PitcrewThread[]
}): Promise<{ resolved: PitcrewThread[]; unresolved: PitcrewThread[]; failures: string[] }> {
  const resolved: PitcrewThread[] = []
  const unresolved: PitcrewThread[] = []
  const failures: string[] = []
  const answered = new Set(o.answered ?? [])
  for (const t of [...(o.answered ?? []), ...o.threads]) {
    let replied = answered.has(t)
    try {
      if (!replied) {
        await replyToReviewComment(o.octokit, {
          owner: o.pr.owner,
          repo: o.pr.repo,
          pullNumber: o.pr.prNumber,
          commentId: t.rootId,
          body: addressedReply(o.headSha),
          key: addressedKey(t.rootId),
        })
        replied = true
      }
      await resolveReviewThread(o.octokit, t.thread.id)
      resolved.push(t)
      o.log.info(
        answered.has(t)
          ? `Resolved '${t.title}' (${t.thread.path}): answered by an earlier run whose resolution failed.`
          : `Addressed in ${o.headSha.slice(0, 7)}: resolved '${t.title}' (${t.thread.path}).`,
      )
    } catch (err) {
      if (replied) unresolved.push(t)
      failures.push(
        `Could not resolve the addressed thread '${t.title}' (${t.thread.path}): ${errorMessage(err)}`,
      )
    }
  }
  return { resolved, unresolved, failures }
}
