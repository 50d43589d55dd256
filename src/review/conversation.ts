/**
 * What people said in pitcrew's review threads, decided in code (contract §8 "Conversations"):
 * - a pitcrew thread is one whose first comment carries a fingerprint marker and whose author
 *   is pitcrew's token; every other thread is a person's and is never touched;
 * - *dismissed*: resolved by someone other than pitcrew, or answered by anyone other than pitcrew
 *   with a reply that is not a command (`/pitcrew ...` or a mention of `@pitcrew`): its
 *   fingerprint is never posted again on the PR;
 * - *addressed*: an open pitcrew thread whose lines the new head changed (GitHub marks it
 *   outdated), in a file this run reviewed completely, whose fingerprint this run did not raise
 *   again: pitcrew replies once and resolves it.
 * Pure functions over the threads as `github/threads.ts` reads them.
 */
import type { ReviewThread, ThreadAuthor, ThreadComment } from '../github/threads.js'
import { parseFingerprints, titleKey } from './fingerprint.js'

/** The hidden key of pitcrew's "Addressed in" reply in a thread (one per thread, ever). */
export const addressedKey = (rootId: number): string => `addressed ${rootId}`
const ADDRESSED_RE = /<!-- pitcrew:reply addressed \d+ -->/

export type ThreadStatus =
  /** Nobody answered or resolved it. */
  | 'open'
  /** A person resolved it or replied without a command. */
  | 'dismissed'
  /** pitcrew resolved it (addressed by an earlier run). */
  | 'resolved'
  /** pitcrew said it was addressed, then someone reopened it: left alone. */
  | 'reopened'

export interface PitcrewThread {
  thread: ReviewThread
  fp: string
  /** The REST id of the first comment (where replies go). */
  rootId: number
  /** The finding's title, from the comment's first line. */
  title: string
  status: ThreadStatus
  /** For `dismissed`: who, and how. */
  dismissedBy?: { login: string; how: 'resolved' | 'replied' }
}

export interface Conversation {
  /** pitcrew's own threads, classified. */
  ours: PitcrewThread[]
  /** Threads pitcrew did not start (never touched). */
  others: number
}

/** GraphQL and REST spell a bot differently (`x` / `x[bot]`): compared without the suffix. */
const sameLogin = (a: string, b: string) =>
  a.replace(/\[bot\]$/i, '').toLowerCase() === b.replace(/\[bot\]$/i, '').toLowerCase()

const sameAuthor = (a: ThreadAuthor | null, b: ThreadAuthor) =>
  a !== null && a.type === b.type && sameLogin(a.login, b.login)

/** A reply that asks pitcrew something: not a dismissal (the commands helper answers it). */
export function isCommand(body: string): boolean {
  return /^\s*\/pitcrew\b/i.test(body) || /(^|[^\w@/-])@pitcrew\b/i.test(body)
}

/** The title from `⚠️ **major: Title**`, the first line pitcrew writes (or that line itself). */
export function titleOf(body: string): string {
  const m = /\*\*(?:critical|major|minor|nit): (.+?)\*\*/.exec(body)
  return (m ? m[1]! : (body.split('\n')[0] ?? '')).trim().slice(0, 200)
}

/**
 * Sorts the PR's threads into pitcrew's (classified) and the others. `isPitcrew` says whether
 * an author is pitcrew's token (see `tokenAuthorCheck`); only the first comment's author is
 * asked, and pitcrew's later comments in the thread are those by that same author.
 */
export function classifyThreads(
  threads: ReviewThread[],
  isPitcrew: (a: ThreadAuthor) => boolean,
): Conversation {
  const ours: PitcrewThread[] = []
  let others = 0
  for (const thread of threads) {
    const root = thread.comments[0]
    const fp = root ? parseFingerprints(root.body)[0] : undefined
    if (!root?.author || !fp || root.databaseId === null || !isPitcrew(root.author)) {
      others++
      continue
    }
    const me = root.author
    const replies = thread.comments.slice(1)
    const t: PitcrewThread = {
      thread,
      fp,
      rootId: root.databaseId,
      title: titleOf(root.body),
      status: 'open',
    }
    const answer = replies.find(
      (c: ThreadComment) => !sameAuthor(c.author, me) && !isCommand(c.body),
    )
    if (
      thread.isResolved &&
      !(thread.resolvedBy !== null && sameLogin(thread.resolvedBy, me.login))
    ) {
      t.status = 'dismissed'
      t.dismissedBy = { login: thread.resolvedBy ?? 'ghost', how: 'resolved' }
    } else if (answer) {
      t.status = 'dismissed'
      t.dismissedBy = { login: answer.author?.login ?? 'ghost', how: 'replied' }
    } else if (thread.isResolved) {
      t.status = 'resolved'
    } else if (replies.some((c) => sameAuthor(c.author, me) && ADDRESSED_RE.test(c.body))) {
      t.status = 'reopened'
    }
    ours.push(t)
  }
  return { ours, others }
}

/** Fingerprints of dismissed threads: never posted again on this PR. */
export function dismissedFingerprints(c: Conversation): Set<string> {
  return new Set(c.ours.filter((t) => t.status === 'dismissed').map((t) => t.fp))
}

/**
 * The open pitcrew threads this run may call addressed: the lines changed (outdated), the file
 * was reviewed in this run (`reviewed`) or is no longer part of the PR (`inPull` false), and
 * the fingerprint was not raised again (`raised`), nor the same title in that file
 * (`raisedTitles`: the code under a finding may change while the finding stays). Nothing when the review is not complete:
 * a finding not raised by a review that did not finish proves nothing.
 */
export function addressedThreads(
  c: Conversation,
  o: {
    complete: boolean
    raised: Set<string>
    /** `titleKey`s raised in this run: the same title in the same file is not addressed. */
    raisedTitles?: Set<string>
    reviewed: Set<string>
    inPull: (path: string) => boolean
  },
): PitcrewThread[] {
  if (!o.complete) return []
  return c.ours.filter(
    (t) =>
      t.status === 'open' &&
      t.thread.isOutdated &&
      !o.raised.has(t.fp) &&
      !o.raisedTitles?.has(titleKey(t.thread.path, t.title)) &&
      (o.reviewed.has(t.thread.path) || !o.inPull(t.thread.path)),
  )
}

/** The reply pitcrew posts in an addressed thread. */
export function addressedReply(headSha: string): string {
  return `Addressed in ${headSha.slice(0, 7)}.`
}
