import { errorMentions, isStatus } from './errors.js'
import { writeOnceOn } from './idempotent.js'
import { NATIVE_JSON, type Octokit } from './octokit.js'

export interface PullFile {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  additions: number
  deletions: number
  changes: number
  /** Absent for binary files and for diffs GitHub considers too large. */
  patch?: string
  previous_filename?: string
  sha?: string
}

export interface ListedPullFiles {
  files: PullFile[]
  /** The list stopped at GitHub's cap: files past it may exist (see `changedFiles`). */
  truncated: boolean
}

/** GitHub lists at most 3000 files of a PR; past that, the list is silently cut. */
export const MAX_PULL_FILES = 3000

type RawPullFile = Awaited<ReturnType<Octokit['rest']['pulls']['listFiles']>>['data'][number]

/**
 * Every file of a PR (100 per page, following GitHub's `next` links), with `truncated` set when
 * GitHub's 3000-file cap was reached, so callers can say the review is partial rather than
 * pretend it saw everything. Pages are read one after another: reading 4 at once made a
 * 3,000-file review slower on a 2-core runner (6.0 s against 3.9 s outside the model), the
 * bodies arriving together. Each page is parsed with JSON.parse (NATIVE_JSON).
 */
export async function listPullFiles(
  octokit: Octokit,
  opts: { owner: string; repo: string; pullNumber: number },
): Promise<ListedPullFiles> {
  const files: PullFile[] = []
  for (let page = 1; files.length < MAX_PULL_FILES; page++) {
    const res = await octokit.rest.pulls.listFiles({
      owner: opts.owner,
      repo: opts.repo,
      pull_number: opts.pullNumber,
      per_page: 100,
      page,
      request: NATIVE_JSON,
    })
    for (const f of res.data as RawPullFile[]) {
      const file: PullFile = {
        filename: f.filename,
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
        changes: f.changes,
        sha: f.sha ?? undefined,
      }
      if (f.patch !== undefined) file.patch = f.patch
      if (f.previous_filename) file.previous_filename = f.previous_filename
      files.push(file)
    }
    if (!/\brel="next"/.test(String(res.headers.link ?? ''))) break
  }
  return { files: files.slice(0, MAX_PULL_FILES), truncated: files.length >= MAX_PULL_FILES }
}

export interface PullSummary {
  number: number
  url: string
  state: string
  draft: boolean
  title: string
  body: string
  headRef: string
  headSha: string
  headRepoFullName: string | null
  baseRef: string
  baseSha: string
  user: string | null
  labels: string[]
  /** How many files the PR changes (the single-PR read has it; the list does not). */
  changedFiles?: number
}

type RawPull = Awaited<ReturnType<Octokit['rest']['pulls']['get']>>['data']
type RawListedPull = Awaited<ReturnType<Octokit['rest']['pulls']['list']>>['data'][number]

function summarize(p: RawPull | RawListedPull): PullSummary {
  return {
    number: p.number,
    url: p.html_url,
    state: p.state,
    draft: p.draft ?? false,
    title: p.title,
    body: p.body ?? '',
    headRef: p.head.ref,
    headSha: p.head.sha,
    headRepoFullName: p.head.repo?.full_name ?? null,
    baseRef: p.base.ref,
    baseSha: p.base.sha,
    user: p.user?.login ?? null,
    labels: p.labels.map((l) => l.name ?? '').filter(Boolean),
    ...('changed_files' in p && typeof p.changed_files === 'number'
      ? { changedFiles: p.changed_files }
      : {}),
  }
}

/** One PR, in the few fields pitcrew uses. */
export async function getPull(
  octokit: Octokit,
  opts: { owner: string; repo: string; pullNumber: number },
): Promise<PullSummary> {
  const res = await octokit.rest.pulls.get({
    owner: opts.owner,
    repo: opts.repo,
    pull_number: opts.pullNumber,
  })
  return summarize(res.data)
}

export interface PullRequestSpec {
  owner: string
  repo: string
  /** Branch name in `owner/repo` (pitcrew pushes its branches to the same repository). */
  head: string
  base: string
  title: string
  body: string
  draft?: boolean
  labels?: string[]
}

async function findOpenPull(
  octokit: Octokit,
  spec: PullRequestSpec,
): Promise<PullSummary | undefined> {
  const open = await octokit.paginate(octokit.rest.pulls.list, {
    owner: spec.owner,
    repo: spec.repo,
    state: 'open',
    head: `${spec.owner}:${spec.head}`,
    per_page: 100,
  })
  const same = open.find((p) => p.base.ref === spec.base) ?? open[0]
  return same ? summarize(same) : undefined
}

/**
 * Opens a PR for `head`, or updates the open one: reruns must never open a second PR. The head
 * branch is the key: a create whose answer is lost is looked up by it before it is sent again,
 * and `created` says whether this call opened the PR (also when only the look-up saw it). A 422
 * "A pull request already exists" (a race with another run) is resolved by updating that PR.
 */
export async function createOrUpdatePull(
  octokit: Octokit,
  spec: PullRequestSpec,
): Promise<{ number: number; url: string; created: boolean; labelError?: string }> {
  let found = await findOpenPull(octokit, spec)
  let made: { number: number; url: string } | undefined
  if (!found) {
    try {
      const res = await writeOnceOn(octokit, {
        what: `the pull request from '${spec.head}'`,
        create: async () => {
          const res = await octokit.rest.pulls.create({
            owner: spec.owner,
            repo: spec.repo,
            head: spec.head,
            base: spec.base,
            title: spec.title,
            body: spec.body,
            draft: spec.draft ?? false,
          })
          return { number: res.data.number, url: res.data.html_url }
        },
        // Nothing was open for this head before the create: what is open now is ours.
        find: async () => {
          const pull = await findOpenPull(octokit, spec)
          return pull && { number: pull.number, url: pull.url }
        },
      })
      made = res.value
    } catch (err) {
      if (!(isStatus(err, 422) && errorMentions(err, 'A pull request already exists'))) throw err
      found = await findOpenPull(octokit, spec)
      if (!found) throw err
    }
  }
  if (!made && found) {
    const existing = found
    const res = await octokit.rest.pulls.update({
      owner: spec.owner,
      repo: spec.repo,
      pull_number: existing.number,
      title: spec.title,
      body: spec.body,
      ...(existing.baseRef !== spec.base ? { base: spec.base } : {}),
    })
    made = { number: res.data.number, url: res.data.html_url }
  }
  // Unreachable: either the create succeeded or `found` was set (else the error was rethrown).
  if (!made) throw new Error(`No pull request for head '${spec.head}' after create-or-update.`)
  const created = found === undefined
  const { number, url } = made
  const labels = (spec.labels ?? []).filter(Boolean)
  if (labels.length > 0) {
    // The PR exists by now: a label that cannot be added must not undo it (callers would
    // delete the branch and close a PR that was just opened). It is reported instead.
    try {
      await octokit.rest.issues.addLabels({
        owner: spec.owner,
        repo: spec.repo,
        issue_number: number,
        labels,
      })
    } catch (err) {
      return { number, url, created, labelError: (err as Error).message }
    }
  }
  return { number, url, created }
}

/**
 * PRs (open and closed) whose head branch starts with `prefix`, optionally into `base`: how
 * fix mode counts its earlier attempts for one PR. Stops after `maxPages` pages of 100.
 */
export async function listPullsByHeadPrefix(
  octokit: Octokit,
  opts: { owner: string; repo: string; prefix: string; base?: string; maxPages?: number },
): Promise<PullSummary[]> {
  const out: PullSummary[] = []
  const maxPages = opts.maxPages ?? 10
  let pageCount = 0
  const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
    owner: opts.owner,
    repo: opts.repo,
    state: 'all',
    per_page: 100,
    ...(opts.base ? { base: opts.base } : {}),
  })
  for await (const page of pages) {
    for (const p of page.data) {
      if (p.head.ref.startsWith(opts.prefix)) out.push(summarize(p))
    }
    if (++pageCount >= maxPages) break
  }
  return out
}
