/**
 * Which earlier comments are pitcrew's own. The summary marker and the fingerprint markers are
 * plain text anyone can paste: a comment by another user that carries the marker and a state
 * block claiming "head already reviewed, these fingerprints posted" must not silence the
 * review. Only comments whose author is the token's identity are trusted: a Bot account
 * (GITHUB_TOKEN is `github-actions[bot]`, an App token is `<app>[bot]`; `GET /user` refuses
 * both) or, for a personal token, the login `GET /user` returns. What those comments say (the
 * last reviewed head, posted fingerprints, the sticky's id) is the state this run starts from.
 */
import type { Log } from '../log.js'
import type { Octokit } from '../github/octokit.js'
import { tokenAuthorCheck, type AuthorCheck } from '../github/comments.js'
import { parseFingerprints } from './fingerprint.js'
import { parseState, SUMMARY_MARKER, type ReviewState } from './summary.js'

export { tokenAuthorCheck, type AuthorCheck } from '../github/comments.js'

/** A comment with its author, as the REST API lists it. */
export interface AuthoredComment {
  id: number
  body: string
  login: string | null
  /** `Bot` or `User` (or `Organization`), from the `user.type` field. */
  type: string | null
}

/**
 * The sticky summary among `comments`: the first one that carries the marker, has a state
 * block that parses and whose author passes `trusted`. Marker comments that fail are returned
 * in `ignored` (for a log line); they are never edited.
 */
export async function chooseSticky(
  comments: AuthoredComment[],
  trusted: AuthorCheck,
): Promise<{
  sticky: (AuthoredComment & { state: ReviewState }) | null
  ignored: IgnoredComment[]
}> {
  const ignored: IgnoredComment[] = []
  let sticky: (AuthoredComment & { state: ReviewState }) | null = null
  for (const c of comments) {
    if (!c.body.includes(SUMMARY_MARKER)) continue
    const state = parseState(c.body)
    if (!(await trusted(c))) ignored.push({ ...c, why: 'not written by pitcrew’s token' })
    else if (!state) ignored.push({ ...c, why: 'its state block does not parse' })
    else if (sticky) ignored.push({ ...c, why: `a duplicate of comment ${sticky.id}` })
    else sticky = { ...c, state }
  }
  return { sticky, ignored }
}

/** A comment with the summary marker that is not used, and why. */
export type IgnoredComment = AuthoredComment & { why: string }

/** What earlier runs left on the PR, read only from pitcrew's own comments and reviews. */
export interface EarlierRuns {
  sticky: (AuthoredComment & { state: ReviewState }) | null
  /** Fingerprints posted before: the state block, inline comments and review bodies. */
  fingerprints: Set<string>
  /** Marker comments by other authors, with a broken state, or duplicates: ignored. */
  ignored: IgnoredComment[]
}

type ApiUser = { login?: string; type?: string } | null | undefined
const authored = (c: { id: number; body?: string | null; user?: ApiUser }): AuthoredComment => ({
  id: c.id,
  body: c.body ?? '',
  login: c.user?.login ?? null,
  type: c.user?.type ?? null,
})

/** Reads the sticky summary and every fingerprint pitcrew posted on the PR. */
export async function readEarlierRuns(
  octokit: Octokit,
  o: { owner: string; repo: string; pullNumber: number; trusted: AuthorCheck },
): Promise<EarlierRuns> {
  const ref = { owner: o.owner, repo: o.repo, per_page: 100 }
  const [issueComments, reviewComments, reviews] = await Promise.all([
    octokit.paginate(octokit.rest.issues.listComments, { ...ref, issue_number: o.pullNumber }),
    octokit.paginate(octokit.rest.pulls.listReviewComments, { ...ref, pull_number: o.pullNumber }),
    octokit.paginate(octokit.rest.pulls.listReviews, { ...ref, pull_number: o.pullNumber }),
  ])
  const { sticky, ignored } = await chooseSticky(issueComments.map(authored), o.trusted)
  const fingerprints = new Set(sticky?.state.fingerprints ?? [])
  // Review bodies too: findings outside the diff carry their fingerprint there, so they are
  // recognised even when the summary comment could not be updated after the review was posted.
  for (const c of [...reviewComments, ...reviews].map(authored)) {
    const fps = parseFingerprints(c.body)
    if (fps.length > 0 && (await o.trusted(c))) for (const fp of fps) fingerprints.add(fp)
  }
  return { sticky, fingerprints, ignored }
}

/** Reads what earlier runs left on this PR; called again before the sticky is written. */
export type ReadEarlierRuns = () => Promise<EarlierRuns>

/** A reader for one PR; every read shares one author check (the token's identity is looked up once). */
export function earlierRunsReader(
  octokit: Octokit,
  o: { owner: string; repo: string; pullNumber: number },
): ReadEarlierRuns {
  const trusted = tokenAuthorCheck(octokit)
  return () => readEarlierRuns(octokit, { ...o, trusted })
}

/** The state of earlier runs that this run builds on. */
export interface Earlier {
  state: ReviewState | null
  /** The previous summary's text, for the sections a rerun of the same head keeps. */
  summary: string | null
  /** The sticky comment's id: null when there is none yet, undefined when it could not be read. */
  stickyId: number | null | undefined
  /** Fingerprints of findings posted before: not posted again. */
  posted: Set<string>
}

/**
 * Loads the earlier runs' state (nothing without `read`: a local review). Trouble reading is a
 * warning, not a failure: the review then starts afresh.
 */
export async function loadEarlier(read: ReadEarlierRuns | null, log: Log): Promise<Earlier> {
  const out: Earlier = { state: null, summary: null, stickyId: undefined, posted: new Set() }
  if (!read) return out
  try {
    const earlier = await read()
    out.stickyId = earlier.sticky?.id ?? null
    out.state = earlier.sticky?.state ?? null
    out.summary = earlier.sticky?.body ?? null
    for (const fp of earlier.fingerprints) out.posted.add(fp)
    for (const c of earlier.ignored) {
      log.warning(
        `Ignoring comment ${c.id} by ${c.login ?? 'unknown'} that carries the pitcrew summary marker: ${c.why}.`,
      )
    }
  } catch (err) {
    log.warning(`Could not read earlier pitcrew comments: ${(err as Error).message}`)
  }
  return out
}
