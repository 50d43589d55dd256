/**
 * Webhook payloads for tests, built from GitHub's own examples (@octokit/webhooks-examples) with
 * the fields a test cares about overridden, so the rest of the payload has GitHub's real shape.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

type Payload = Record<string, unknown>
type Obj = Record<string, unknown>

let examples: Map<string, Payload[]> | undefined

function loadExamples(): Map<string, Payload[]> {
  if (!examples) {
    const require = createRequire(import.meta.url)
    const file = require.resolve('@octokit/webhooks-examples')
    const list = JSON.parse(readFileSync(file, 'utf8')) as { name: string; examples: Payload[] }[]
    examples = new Map(list.map((e) => [e.name, e.examples]))
  }
  return examples
}

/** A deep copy of GitHub's example for `event` (the first with `action`, when given). */
export function example(event: string, pick: (p: Payload) => boolean = () => true): Payload {
  const list = loadExamples().get(event)
  if (!list)
    throw new Error(
      `Unknown webhook event '${event}'. Expected a name from @octokit/webhooks-examples.`,
    )
  const found = list.find(pick)
  if (!found) throw new Error(`No example of '${event}' matches the requested filter.`)
  return structuredClone(found)
}

/** Moves an example into `owner/repo`: every URL and name of its repository is rewritten. */
function retarget(payload: Payload, owner: string, repo: string): Payload {
  const repository = payload.repository as Obj | undefined
  const oldFull = String(repository?.full_name ?? '')
  let text = JSON.stringify(payload)
  if (oldFull) text = text.split(oldFull).join(`${owner}/${repo}`)
  const out = JSON.parse(text) as Payload
  const r = out.repository as Obj
  r.name = repo
  r.full_name = `${owner}/${repo}`
  ;(r.owner as Obj).login = owner
  return out
}

function setUser(target: Obj, key: string, login: string): void {
  const u = (target[key] ?? {}) as Obj
  target[key] = { ...u, login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
}

export interface RepoSpec {
  owner?: string
  repo?: string
  defaultBranch?: string
}

const DEFAULT_OWNER = 'acme'
const DEFAULT_REPO = 'widgets'
const sha = (seed: string) =>
  seed
    .padEnd(40, '0')
    .replace(/[^0-9a-f]/g, 'a')
    .slice(0, 40)

function base(event: string, spec: RepoSpec, pick?: (p: Payload) => boolean): Payload {
  const payload = retarget(
    example(event, pick),
    spec.owner ?? DEFAULT_OWNER,
    spec.repo ?? DEFAULT_REPO,
  )
  if (spec.defaultBranch) (payload.repository as Obj).default_branch = spec.defaultBranch
  else (payload.repository as Obj).default_branch = 'main'
  return payload
}

/** `pull_request` (opened by default; synchronize, reopened, ready_for_review...). */
export function pullRequestEvent(
  o: RepoSpec & {
    action?: string
    number?: number
    title?: string
    body?: string | null
    user?: string
    sender?: string
    draft?: boolean
    headRef?: string
    headSha?: string
    baseRef?: string
    baseSha?: string
    /** Full name of the fork the PR comes from; omitted: the same repository. */
    headRepoFullName?: string
    before?: string
  } = {},
): Payload {
  const action = o.action ?? 'opened'
  const p = base('pull_request', o, (x) => x.action === action)
  const owner = o.owner ?? DEFAULT_OWNER
  const repo = o.repo ?? DEFAULT_REPO
  const number = o.number ?? 1
  const pr = p.pull_request as Obj
  p.action = action
  p.number = number
  pr.number = number
  pr.state = 'open'
  pr.title = o.title ?? 'Add a feature'
  pr.body = o.body === undefined ? 'Adds a feature.' : o.body
  pr.draft = o.draft ?? false
  pr.html_url = `https://github.com/${owner}/${repo}/pull/${number}`
  pr.url = `https://api.github.com/repos/${owner}/${repo}/pulls/${number}`
  setUser(pr, 'user', o.user ?? 'octocat')
  const headFull = o.headRepoFullName ?? `${owner}/${repo}`
  const [headOwner = owner, headName = repo] = headFull.split('/')
  const head = pr.head as Obj
  const headRef = o.headRef ?? 'feature'
  head.ref = headRef
  head.sha = o.headSha ?? sha('head')
  head.label = `${headOwner}:${headRef}`
  setUser(head, 'user', headOwner)
  head.repo = {
    ...(p.repository as Obj),
    name: headName,
    full_name: headFull,
    owner: { ...((p.repository as Obj).owner as Obj), login: headOwner },
    fork: headFull !== `${owner}/${repo}`,
  }
  const b = pr.base as Obj
  b.ref = o.baseRef ?? 'main'
  b.sha = o.baseSha ?? sha('base')
  b.label = `${owner}:${b.ref}`
  b.repo = { ...(p.repository as Obj) }
  setUser(b, 'user', owner)
  setUser(p, 'sender', o.sender ?? o.user ?? 'octocat')
  if (action === 'synchronize') {
    p.before = o.before ?? sha('before')
    p.after = head.sha
  }
  return p
}

/** `issue_comment` created, on a PR by default (the issue carries `pull_request`). */
export function issueCommentEvent(
  o: RepoSpec & {
    action?: string
    issueNumber?: number
    body: string
    user?: string
    onPullRequest?: boolean
    commentId?: number
  },
): Payload {
  const action = o.action ?? 'created'
  const p = base('issue_comment', o, (x) => x.action === action)
  const owner = o.owner ?? DEFAULT_OWNER
  const repo = o.repo ?? DEFAULT_REPO
  const number = o.issueNumber ?? 1
  const issue = p.issue as Obj
  issue.number = number
  issue.state = 'open'
  issue.html_url = `https://github.com/${owner}/${repo}/${o.onPullRequest === false ? 'issues' : 'pull'}/${number}`
  if (o.onPullRequest === false) delete issue.pull_request
  else {
    issue.pull_request = {
      url: `https://api.github.com/repos/${owner}/${repo}/pulls/${number}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
      diff_url: `https://github.com/${owner}/${repo}/pull/${number}.diff`,
      patch_url: `https://github.com/${owner}/${repo}/pull/${number}.patch`,
      merged_at: null,
    }
  }
  const comment = p.comment as Obj
  comment.body = o.body
  comment.id = o.commentId ?? 4242
  setUser(comment, 'user', o.user ?? 'octocat')
  setUser(p, 'sender', o.user ?? 'octocat')
  return p
}

/**
 * `pull_request_review_comment` created: a comment in a review thread of PR `number` (a reply
 * when `inReplyToId` is given), with the PR's refs as GitHub sends them.
 */
export function reviewCommentEvent(
  o: RepoSpec & {
    number: number
    body: string
    commentId: number
    inReplyToId?: number
    user?: string
    path?: string
    line?: number
    headRef?: string
    headSha?: string
    baseRef?: string
    baseSha?: string
  },
): Payload {
  const p = base('pull_request_review_comment', o, (x) => x.action === 'created')
  const owner = o.owner ?? DEFAULT_OWNER
  const repo = o.repo ?? DEFAULT_REPO
  // The PR part is the pull_request event's, so refs and repositories have one shape.
  const pr = pullRequestEvent({ ...o, number: o.number }).pull_request as Obj
  p.pull_request = pr
  const comment = p.comment as Obj
  comment.id = o.commentId
  comment.body = o.body
  comment.path = o.path ?? 'src/index.ts'
  comment.line = o.line ?? 1
  comment.pull_request_url = `https://api.github.com/repos/${owner}/${repo}/pulls/${o.number}`
  if (o.inReplyToId === undefined) delete comment.in_reply_to_id
  else comment.in_reply_to_id = o.inReplyToId
  setUser(comment, 'user', o.user ?? 'octocat')
  setUser(p, 'sender', o.user ?? 'octocat')
  return p
}

/** `workflow_run` completed (conclusion failure by default). */
export function workflowRunEvent(
  o: RepoSpec & {
    runId?: number
    name?: string
    headBranch?: string
    headSha?: string
    conclusion?: string
    event?: string
    runAttempt?: number
    actor?: string
    headRepoFullName?: string
    pullRequests?: {
      number: number
      headRef: string
      headSha: string
      baseRef: string
      baseSha?: string
    }[]
  } = {},
): Payload {
  const p = base('workflow_run', o, (x) => x.action === 'completed')
  const owner = o.owner ?? DEFAULT_OWNER
  const repo = o.repo ?? DEFAULT_REPO
  const run = p.workflow_run as Obj
  p.action = 'completed'
  run.id = o.runId ?? 30433642
  run.name = o.name ?? 'CI'
  run.head_branch = o.headBranch ?? 'feature'
  run.head_sha = o.headSha ?? sha('head')
  run.status = 'completed'
  run.conclusion = o.conclusion ?? 'failure'
  run.event = o.event ?? 'pull_request'
  run.run_attempt = o.runAttempt ?? 1
  run.html_url = `https://github.com/${owner}/${repo}/actions/runs/${String(run.id)}`
  if (o.actor) {
    setUser(run, 'actor', o.actor)
    setUser(run, 'triggering_actor', o.actor)
    setUser(p, 'sender', o.actor)
  }
  const headFull = o.headRepoFullName ?? `${owner}/${repo}`
  run.head_repository = {
    ...(p.repository as Obj),
    full_name: headFull,
    name: headFull.split('/')[1],
    fork: headFull !== `${owner}/${repo}`,
  }
  run.pull_requests = (o.pullRequests ?? []).map((pr) => ({
    url: `https://api.github.com/repos/${owner}/${repo}/pulls/${pr.number}`,
    id: 1000 + pr.number,
    number: pr.number,
    head: { ref: pr.headRef, sha: pr.headSha, repo: { id: 1, url: '', name: repo } },
    base: { ref: pr.baseRef, sha: pr.baseSha ?? sha('base'), repo: { id: 1, url: '', name: repo } },
  }))
  return p
}

/** `deployment_status` created (state success by default). */
export function deploymentStatusEvent(
  o: RepoSpec & {
    deploymentId?: number
    sha?: string
    ref?: string
    environment?: string
    state?: string
    payload?: unknown
    creator?: string
  } = {},
): Payload {
  const p = base('deployment_status', o, (x) => x.action === 'created' && !('workflow_run' in x))
  const d = p.deployment as Obj
  const s = p.deployment_status as Obj
  d.id = o.deploymentId ?? 145988746
  d.sha = o.sha ?? sha('deploy')
  d.ref = o.ref ?? 'main'
  d.environment = o.environment ?? 'production'
  d.original_environment = d.environment
  d.payload = o.payload ?? {}
  if (o.creator) setUser(d, 'creator', o.creator)
  s.state = o.state ?? 'success'
  s.environment = d.environment
  return p
}

/** `workflow_dispatch` on `ref` with inputs. */
export function workflowDispatchEvent(
  o: RepoSpec & { ref?: string; inputs?: Record<string, string>; sender?: string } = {},
): Payload {
  const p = base('workflow_dispatch', o)
  p.ref = o.ref ?? 'refs/heads/main'
  p.inputs = o.inputs ?? {}
  if (o.sender) setUser(p, 'sender', o.sender)
  return p
}

/** `push` of `after` onto `ref`. */
export function pushEvent(
  o: RepoSpec & { ref?: string; before?: string; after?: string; sender?: string } = {},
): Payload {
  const p = base('push', o)
  p.ref = o.ref ?? 'refs/heads/main'
  p.before = o.before ?? sha('before')
  p.after = o.after ?? sha('after')
  if (o.sender) setUser(p, 'sender', o.sender)
  return p
}

/** Writes a payload as the runner does (GITHUB_EVENT_PATH) and returns the file's path. */
export async function writeEvent(
  dir: string,
  payload: unknown,
  name = 'event.json',
): Promise<string> {
  await mkdir(dir, { recursive: true })
  const path = join(dir, name)
  await writeFile(path, JSON.stringify(payload, null, 2))
  return path
}
