/**
 * The budget ledger on GitHub: one issue ("pitcrew budget ledger", label `pitcrew`) whose
 * comments are append-only entries (src/agent/budget.ts). Everything here needs `issues: write`
 * and nothing more, which every example workflow grants.
 *
 * One ledger per repository, even when many runs start at once with no ledger yet: every run
 * that finds none opens one, then takes the lowest-numbered ledger issue there is and closes its
 * own if it is not that one. Issue numbers grow in creation order, so the first ledger opened is
 * the lowest, and every look-up made after it was opened sees it: all runs settle on the same
 * issue before any of them writes an entry.
 */
import { tokenAuthorCheck, type AuthorCheck } from './comments.js'
import { errorMessage } from './errors.js'
import { writeOnceOn } from './idempotent.js'
import type { Octokit } from './octokit.js'
import type { LedgerComment } from '../agent/budget.js'
import type { Log } from '../log.js'

export const LEDGER_TITLE = 'pitcrew budget ledger'
export const LEDGER_MARKER = '<!-- pitcrew:budget-ledger -->'
export const LEDGER_LABEL = 'pitcrew'

/** Pins the ledger on the repository's Issues page, where people look for it (GraphQL only). */
export const PIN_ISSUE_MUTATION = `mutation PitcrewPinLedger($issueId: ID!) {
  pinIssue(input: { issueId: $issueId }) {
    issue {
      number
      isPinned
    }
  }
}`

export interface LedgerRef {
  owner: string
  repo: string
  number: number
  url: string
}

const LEDGER_BODY = `${LEDGER_MARKER}
This issue is the repository budget ledger of [pitcrew](https://github.com/pitcrew/pitcrew) (\`budget.hourly-usd\` / \`budget.daily-usd\` in \`.github/pitcrew.yml\`).

Each comment by pitcrew is one entry, in comment order: a **reserve** before a run's first model call, a **settle** with what the run really spent when it ends. A reservation that is never settled (a run that crashed) expires at the time it states. Please do not edit or delete pitcrew's comments; other comments are ignored. How it works: [docs/budget.md](https://github.com/pitcrew/pitcrew/blob/main/docs/budget.md).
`

/**
 * The lowest-numbered ledger issue by pitcrew's token: among issues labelled `pitcrew` (oldest
 * first, the first page holding one ends the search), then, when the label was removed, among
 * all issues (newest first, 10 pages). Always the lowest, never the first seen: a run must not
 * settle on a duplicate another run is about to close.
 */
export async function findLedger(
  octokit: Octokit,
  o: { owner: string; repo: string; trusted?: AuthorCheck },
): Promise<LedgerRef | undefined> {
  const trusted = o.trusted ?? tokenAuthorCheck(octokit)
  const lowest = async (
    query: { labels?: string; direction: 'asc' | 'desc' },
    maxPages: number,
  ): Promise<LedgerRef | undefined> => {
    let best: LedgerRef | undefined
    let pageCount = 0
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
      owner: o.owner,
      repo: o.repo,
      state: 'all',
      sort: 'created',
      per_page: 100,
      ...query,
    })
    for await (const page of pages) {
      for (const i of page.data) {
        if (i.pull_request || !i.body?.includes(LEDGER_MARKER)) continue
        if (best && best.number < i.number) continue
        if (!(await trusted({ login: i.user?.login ?? null, type: i.user?.type ?? null }))) continue
        best = { owner: o.owner, repo: o.repo, number: i.number, url: i.html_url }
      }
      if ((best && query.direction === 'asc') || ++pageCount >= maxPages) break
    }
    return best
  }
  return (
    (await lowest({ labels: LEDGER_LABEL, direction: 'asc' }, Infinity)) ??
    (await lowest({ direction: 'desc' }, 10))
  )
}

/**
 * The ledger, opened when there is none; duplicates opened by concurrent runs are closed. The run
 * that opens the ledger pins it (best effort: see `pinLedger`).
 */
export async function openLedger(
  octokit: Octokit,
  o: { owner: string; repo: string; log?: Log },
): Promise<LedgerRef> {
  const trusted = tokenAuthorCheck(octokit)
  const found = await findLedger(octokit, { ...o, trusted })
  if (found) return found
  const made = await writeOnceOn<LedgerRef & { nodeId?: string }>(octokit, {
    what: `the budget ledger issue`,
    create: async () => {
      const res = await octokit.rest.issues.create({
        owner: o.owner,
        repo: o.repo,
        title: LEDGER_TITLE,
        body: LEDGER_BODY,
        labels: [LEDGER_LABEL],
      })
      return {
        owner: o.owner,
        repo: o.repo,
        number: res.data.number,
        url: res.data.html_url,
        nodeId: res.data.node_id,
      }
    },
    find: () => findLedger(octokit, { ...o, trusted }),
  })
  const first = (await findLedger(octokit, { ...o, trusted })) ?? made.value
  if (first.number !== made.value.number) {
    // Another run opened the ledger first: ours is a duplicate with no entry on it yet.
    await octokit.rest.issues.update({
      owner: o.owner,
      repo: o.repo,
      issue_number: made.value.number,
      state: 'closed',
      state_reason: 'not_planned',
      body: `${LEDGER_BODY}\nDuplicate: the ledger is #${first.number}.`,
    })
  } else if (made.value.nodeId) {
    await pinLedger(octokit, { ...first, nodeId: made.value.nodeId }, o.log)
  }
  return first
}

/**
 * Pins the ledger issue, once, by the run that opened it. Best effort: GitHub allows three pinned
 * issues per repository and may refuse the job's token; the ledger works the same unpinned, so a
 * refusal is a line in the log, never a failed run.
 */
export async function pinLedger(
  octokit: Octokit,
  ledger: LedgerRef & { nodeId: string },
  log?: Log,
): Promise<boolean> {
  try {
    const res = await octokit.graphql<{ pinIssue: { issue: { isPinned: boolean | null } | null } }>(
      PIN_ISSUE_MUTATION,
      { issueId: ledger.nodeId },
    )
    const pinned = res.pinIssue.issue?.isPinned === true
    log?.info(
      pinned
        ? `Budget: pinned the ledger #${ledger.number}.`
        : `Budget: the ledger #${ledger.number} was not pinned (GitHub did not say why); it works unpinned.`,
    )
    return pinned
  } catch (err) {
    // GraphQL refusals come as a list under a generic message: GitHub's own words are the reason.
    const listed = (err as { errors?: { message?: string }[] } | null)?.errors
    const why = listed?.length ? listed.map((e) => e.message).join('; ') : errorMessage(err)
    log?.info(
      `Budget: the ledger #${ledger.number} could not be pinned (${why}); it works unpinned.`,
    )
    return false
  }
}

/**
 * The ledger's comments by pitcrew's token, updated at `since` or later, in id order (every
 * page: a busy day has hundreds of entries).
 */
export async function readLedger(
  octokit: Octokit,
  ledger: LedgerRef,
  since: number,
  trusted: AuthorCheck = tokenAuthorCheck(octokit),
): Promise<LedgerComment[]> {
  const out: LedgerComment[] = []
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: ledger.owner,
    repo: ledger.repo,
    issue_number: ledger.number,
    since: new Date(since).toISOString(),
    per_page: 100,
  })
  for await (const page of pages) {
    for (const c of page.data) {
      if (!c.body?.includes('pitcrew:budget')) continue
      if (!(await trusted({ login: c.user?.login ?? null, type: c.user?.type ?? null }))) continue
      out.push({ id: c.id, createdAt: c.created_at, body: c.body })
    }
  }
  return out.sort((a, b) => a.id - b.id)
}

/**
 * Appends one entry, exactly once: when GitHub's answer is lost, the entry is looked up by its
 * key (run and kind) among the comments since `since` before it is sent again.
 */
export async function appendEntry(
  octokit: Octokit,
  ledger: LedgerRef,
  o: { body: string; key: string; since: number; trusted?: AuthorCheck },
): Promise<LedgerComment> {
  const trusted = o.trusted ?? tokenAuthorCheck(octokit)
  const res = await writeOnceOn(octokit, {
    what: `the budget ledger entry on #${ledger.number}`,
    create: async () => {
      const res = await octokit.rest.issues.createComment({
        owner: ledger.owner,
        repo: ledger.repo,
        issue_number: ledger.number,
        body: o.body,
      })
      return { id: res.data.id, createdAt: res.data.created_at, body: res.data.body ?? o.body }
    },
    find: async () =>
      (await readLedger(octokit, ledger, o.since, trusted)).find((c) => c.body.includes(o.key)),
  })
  return res.value
}
