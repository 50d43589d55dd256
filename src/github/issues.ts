/**
 * Issues pitcrew opens (rollback's incident issue): one per key. The key is a marker in the body
 * (e.g. `<!-- pitcrew:rollback:<deployment id> -->`) on an issue by pitcrew's token, so a rerun
 * finds the issue an earlier run opened and a create whose answer is lost is not repeated.
 */
import { tokenAuthorCheck, type AuthorCheck } from './comments.js'
import { writeOnceOn } from './idempotent.js'
import type { Octokit } from './octokit.js'

export interface IssueSpec {
  owner: string
  repo: string
  title: string
  /** Must contain `marker`. */
  body: string
  marker: string
  labels?: string[]
  trusted?: AuthorCheck
  /** Pages of 100 issues, newest first, searched for the marker (default 10). */
  maxPages?: number
}

/** An issue found or opened: `created` is true when this call opened it. */
export interface OnceIssue {
  number: number
  url: string
  /** Its labels' names (empty for an issue this call opened without labels). */
  labels: string[]
  created: boolean
}

/**
 * The issue (open or closed, newest first) whose body carries `marker`, written by pitcrew's
 * token; pull requests are skipped. Searches `maxPages` pages of 100.
 */
export async function findIssue(
  octokit: Octokit,
  opts: Pick<IssueSpec, 'owner' | 'repo' | 'marker' | 'trusted' | 'maxPages'>,
): Promise<Omit<OnceIssue, 'created'> | undefined> {
  if (!opts.marker)
    throw new Error(
      `Invalid marker ''. Expected a non-empty string such as <!-- pitcrew:rollback:42 -->.`,
    )
  const trusted = opts.trusted ?? tokenAuthorCheck(octokit)
  const maxPages = opts.maxPages ?? 10
  let pageCount = 0
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner: opts.owner,
    repo: opts.repo,
    state: 'all',
    sort: 'created',
    direction: 'desc',
    per_page: 100,
  })
  for await (const page of pages) {
    for (const i of page.data) {
      if (i.pull_request) continue
      const author = { login: i.user?.login ?? null, type: i.user?.type ?? null }
      if (i.body?.includes(opts.marker) && (await trusted(author))) {
        return {
          number: i.number,
          url: i.html_url,
          labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
        }
      }
    }
    if (++pageCount >= maxPages) break
  }
  return undefined
}

/**
 * Opens the issue for `marker` unless it exists (`created: false` then, nothing is written).
 * The create is sent once: when its answer is lost (5xx, dropped connection, timeout), the
 * issue is looked up by the marker before it is sent again.
 */
export async function createIssueOnce(octokit: Octokit, spec: IssueSpec): Promise<OnceIssue> {
  if (!spec.body.includes(spec.marker)) {
    throw new Error(
      `Invalid issue body: it does not contain the marker '${spec.marker}'. Expected the marker inside the body, so a rerun finds the issue.`,
    )
  }
  const trusted = spec.trusted ?? tokenAuthorCheck(octokit)
  const existing = await findIssue(octokit, { ...spec, trusted })
  if (existing) return { ...existing, created: false }
  const res = await writeOnceOn(octokit, {
    what: `the issue '${spec.title.slice(0, 80)}'`,
    create: async () => {
      const res = await octokit.rest.issues.create({
        owner: spec.owner,
        repo: spec.repo,
        title: spec.title,
        body: spec.body,
        ...(spec.labels?.length ? { labels: spec.labels } : {}),
      })
      return { number: res.data.number, url: res.data.html_url, labels: spec.labels ?? [] }
    },
    find: () => findIssue(octokit, { ...spec, trusted, maxPages: 1 }),
  })
  return { ...res.value, created: true }
}
