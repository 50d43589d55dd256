/**
 * A stateful GitHub REST emulator on 127.0.0.1 for the project's tests. It keeps repositories,
 * pull requests, reviews, comments, refs, deployments and workflow runs in memory, computes PR
 * files and diffs with real git from a bare repository, validates request bodies against
 * GitHub's published OpenAPI description (unknown fields rejected, to catch typos), and
 * enforces the rules GitHub enforces (review comments inside the diff, one open PR per head,
 * no approving one's own PR...). Faults (rate limits, 5xx, drops) are injected per route.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { gitIn } from './git.js'
import { createGraphql } from './github-graphql.js'
import {
  SCHEMAS_PATH,
  SERVED_ROUTES,
  type ExtractedSchemas,
  type ServedRoute,
} from './openapi-extract.js'

// ---------------------------------------------------------------------------------------------
// Public types

export type PermissionLevel = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

export interface TokenInfo {
  login: string
  /** A token that may read but not write (fork PRs): every write gets 403. */
  readOnly?: boolean
}

export interface EmulatorOptions {
  /** Accepted tokens. Default: `test-token` for `github-actions[bot]`. */
  tokens?: Record<string, TokenInfo>
  /** Base of html_url links. Default https://github.com. */
  serverUrl?: string
  /** The .diff media type answers 406 past these (GitHub: 300 files / 20000 lines). */
  maxDiffFiles?: number
  maxDiffLines?: number
  /**
   * Path of the GraphQL endpoint (default `/graphql`). A test that moves it proves a client
   * honours GITHUB_GRAPHQL_URL instead of deriving it from the REST base URL.
   */
  graphqlPath?: string
}

export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string>
  body: unknown
  status: number
  login?: string
  accept?: string
  /** For an `afterApply` fault: the write was applied (its real status was < 400). */
  applied?: boolean
  /** `performance.now()` when the request arrived and when its answer was sent (benchmarks). */
  arrivedAt: number
  answeredAt?: number
}

export interface Fault {
  method?: string
  path: RegExp
  /** HTTP status to answer; 0 drops the connection without a response. */
  status: number
  /** How many matching requests fail (default 1). */
  times?: number
  headers?: Record<string, string>
  body?: unknown
  delayMs?: number
  /**
   * Apply the request first (the write happens, the state changes), then answer with `status`
   * instead of the real response (0: drop the connection). Models a write whose response is
   * lost: the client cannot know whether it happened.
   */
  afterApply?: boolean
  /**
   * Only hold the request for `delayMs`, then handle it as usual (`status` is ignored): a write
   * in flight, for a signal sent while GitHub is still answering it.
   */
  hold?: boolean
}

export interface AddPullOptions {
  owner: string
  repo: string
  number?: number
  base: { ref: string; sha?: string }
  /** `sha` pins the head; otherwise it is read from git (refs/heads/<ref>, then refs/pull/N/head). */
  head: { ref: string; sha?: string; repoFullName?: string | null }
  title?: string
  body?: string
  draft?: boolean
  user?: string
  state?: 'open' | 'closed'
  labels?: string[]
  /** Marks the PR merged (and closed) by this commit: it then counts as one of the PR's commits. */
  mergeCommitSha?: string
}

export interface WorkflowRunInput {
  id?: number
  name?: string
  head_branch: string
  head_sha: string
  status?: string
  conclusion?: string | null
  event?: string
  run_attempt?: number
  pull_requests?: {
    number: number
    head: { ref: string; sha: string }
    base: { ref: string; sha: string }
  }[]
  jobs?: { id?: number; name: string; status?: string; conclusion?: string | null }[]
}

interface Label {
  id: number
  name: string
}

interface PullState {
  number: number
  id: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  draft: boolean
  user: string
  base: { ref: string; sha?: string }
  head: { ref: string; sha?: string; repoFullName: string | null }
  labels: Label[]
  createdAt: string
  updatedAt: string
  mergeCommitSha?: string
}

interface IssueState {
  number: number
  id: number
  title: string
  body: string | null
  user: string
  labels: Label[]
  state: 'open' | 'closed'
  stateReason?: string | null
  createdAt: string
  updatedAt?: string
  /** Pinned on the repository's Issues page (GraphQL `pinIssue`; at most three per repository). */
  pinned?: boolean
}

interface CommentState {
  id: number
  issueNumber: number
  body: string
  user: string
  createdAt: string
  updatedAt: string
}

interface ReviewState {
  id: number
  pullNumber: number
  user: string
  body: string
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING'
  commitId: string
  submittedAt: string | null
}

interface ReviewCommentState {
  id: number
  reviewId: number
  pullNumber: number
  path: string
  line: number | null
  startLine: number | null
  side: 'LEFT' | 'RIGHT' | null
  startSide: 'LEFT' | 'RIGHT' | null
  position: number | null
  body: string
  user: string
  commitId: string
  diffHunk: string
  createdAt: string
  /** A reply's thread root (REST `in_reply_to_id`). */
  inReplyToId?: number
}

/** GitHub's reaction contents; anything else is refused with 422. */
export const REACTION_CONTENTS = [
  '+1',
  '-1',
  'laugh',
  'confused',
  'heart',
  'hooray',
  'rocket',
  'eyes',
] as const

interface ReactionState {
  id: number
  user: string
  content: string
  createdAt: string
}

interface DeploymentState {
  id: number
  sha: string
  ref: string
  task: string
  payload: unknown
  environment: string
  description: string | null
  creator: string
  transient: boolean
  production: boolean
  createdAt: string
  statuses: DeploymentStatusState[]
}

interface DeploymentStatusState {
  id: number
  state: string
  description: string
  environment: string
  logUrl: string
  environmentUrl: string
  creator: string
  createdAt: string
}

export interface RepoState {
  owner: string
  repo: string
  id: number
  defaultBranch: string
  gitDir?: string
  private: boolean
  /** Status contexts failing on every commit: a deployment that does not skip them gets 409. */
  failingContexts: string[]
  /** Refs when there is no gitDir (`refs/heads/main` -> sha). */
  refs: Map<string, string>
  pulls: Map<number, PullState>
  issues: Map<number, IssueState>
  comments: CommentState[]
  reviews: ReviewState[]
  reviewComments: ReviewCommentState[]
  deployments: DeploymentState[]
  permissions: Map<string, PermissionLevel>
  workflowRuns: Map<number, WorkflowRunInput & { id: number }>
  nextNumber: number
}

export interface GitHubEmulator {
  url: string
  /** The GraphQL endpoint (what GITHUB_GRAPHQL_URL names on a runner). */
  graphqlUrl: string
  state: { repos: Map<string, RepoState> }
  requests: RecordedRequest[]
  /** Requests no route answered (404): a test can assert this stays empty. */
  unhandled: RecordedRequest[]
  addRepo(opts: {
    owner: string
    repo: string
    defaultBranch?: string
    gitDir?: string
    private?: boolean
    failingContexts?: string[]
  }): RepoState
  addPull(opts: AddPullOptions): number
  addIssue(opts: {
    owner: string
    repo: string
    title: string
    body?: string
    user?: string
    labels?: string[]
    state?: 'open' | 'closed'
  }): number
  addComment(opts: {
    owner: string
    repo: string
    issueNumber: number
    body: string
    user?: string
  }): number
  addDeployment(opts: {
    owner: string
    repo: string
    sha: string
    ref?: string
    environment?: string
    payload?: unknown
    statuses?: string[]
    creator?: string
  }): number
  addWorkflowRun(owner: string, repo: string, run: WorkflowRunInput): number
  /**
   * Computes a PR's files and diff now, as GitHub has them ready when a PR is opened: a
   * benchmark then measures its client, not the emulator's first `git diff`.
   */
  preparePull(owner: string, repo: string, number: number): Promise<void>
  setRef(owner: string, repo: string, ref: string, sha: string): Promise<void>
  setPermission(owner: string, repo: string, login: string, level: PermissionLevel): void
  addToken(token: string, info: TokenInfo): void
  fault(f: Fault): void
  clearFaults(): void
  /**
   * Hears every request as it arrives, before any fault delays or answers it: a test acts at a
   * phase of the run (sends the runner's cancel signal while a read hangs, say).
   */
  onRequest(fn: (req: { method: string; path: string }) => void): void
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// OpenAPI body validation (schemas pre-extracted by openapi-extract.ts; compiled once a process)

let schemaFile: ExtractedSchemas | undefined
const validators = new Map<string, ValidateFunction>()
let ajv: Ajv | undefined

function loadSchemas(): ExtractedSchemas {
  if (!schemaFile) {
    schemaFile = JSON.parse(readFileSync(SCHEMAS_PATH, 'utf8')) as ExtractedSchemas
    const missing = SERVED_ROUTES.filter((r) => !schemaFile!.routes.includes(r))
    if (missing.length > 0) {
      throw new Error(
        `openapi-schemas.json lacks routes ${missing.join(', ')}. Run: node --import tsx test/harness/openapi-extract.ts`,
      )
    }
  }
  return schemaFile
}

/** GitHub ignores unknown fields in places; the emulator refuses them so typos fail tests. */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects)
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, closeObjects(pv)]))
        : closeObjects(v)
  }
  const isObject = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'))
  if (isObject && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false
  }
  return out
}

function validatorFor(route: string): ValidateFunction | undefined {
  const entry = loadSchemas().bodies[route]
  if (!entry) return undefined
  let v = validators.get(route)
  if (!v) {
    ajv ??= new Ajv({ strict: false, allErrors: true, validateFormats: false })
    v = ajv.compile(closeObjects(entry.schema) as object)
    validators.set(route, v)
  }
  return v
}

/** Ajv errors in GitHub's "Invalid request." wording, naming the offending field. */
function describeErrors(errors: ErrorObject[]): string[] {
  const out: string[] = []
  for (const e of errors) {
    const where = e.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : ''
    if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty
      out.push(`"${where ? `${where}.` : ''}${key}" is not a permitted key.`)
    } else if (e.keyword === 'required') {
      const key = (e.params as { missingProperty: string }).missingProperty
      out.push(`"${where ? `${where}.` : ''}${key}" wasn't supplied.`)
    } else if (e.keyword === 'type' || e.keyword === 'enum') {
      const expected =
        e.keyword === 'type'
          ? `a ${(e.params as { type: string }).type}`
          : `one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`
      out.push(`For '${where}', the value is not ${expected}.`)
    } else if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') {
      out.push(`For '${where || 'body'}', ${e.message ?? 'the value is invalid'}.`)
    }
  }
  return [...new Set(out)]
}

// ---------------------------------------------------------------------------------------------
// Diffs: per-file patches from real git, and the lines a review comment may anchor to

export interface DiffFile {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed'
  additions: number
  deletions: number
  changes: number
  patch?: string
  previous_filename?: string
  sha: string
}

interface Hunk {
  /** Index of the hunk header line within the patch. */
  headerIndex: number
  right: Map<number, number>
  left: Map<number, number>
}

/** Hunks of a GitHub `patch`: for each side, line number -> index of the patch line. */
export function parseHunks(patch: string): Hunk[] {
  const hunks: Hunk[] = []
  let current: Hunk | undefined
  let oldLine = 0
  let newLine = 0
  patch.split('\n').forEach((text, index) => {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text)
    if (header) {
      current = { headerIndex: index, right: new Map(), left: new Map() }
      hunks.push(current)
      oldLine = Number(header[1])
      newLine = Number(header[2])
      return
    }
    if (!current) return
    if (text.startsWith('+')) current.right.set(newLine++, index)
    else if (text.startsWith('-')) current.left.set(oldLine++, index)
    else if (text.startsWith(' ') || text === '') {
      current.right.set(newLine++, index)
      current.left.set(oldLine++, index)
    }
  })
  return hunks
}

/** Files per repository and range; a promise, so requests that arrive together share one run. */
const diffCache = new Map<string, Promise<DiffFile[]>>()
/** The unified diff text of `base...head` (the .diff media type), per repository and range. */
const diffTextCache = new Map<string, Promise<string>>()

const STATUS: Record<string, DiffFile['status']> = {
  A: 'added',
  D: 'removed',
  M: 'modified',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
}

/** The files of `base...head` as GitHub lists them, computed by git in a bare repository. */
export async function computeFiles(
  gitDir: string,
  base: string,
  head: string,
): Promise<DiffFile[]> {
  const key = `${gitDir}\0${base}\0${head}`
  const cached = diffCache.get(key)
  if (cached) return cached
  const files = filesOf(gitDir, `${base}...${head}`)
  diffCache.set(key, files)
  files.catch(() => diffCache.delete(key))
  return files
}

async function filesOf(gitDir: string, range: string): Promise<DiffFile[]> {
  const common = ['diff', '-M', '--no-color', '--no-ext-diff']
  const [raw, numstat, patchText] = await Promise.all([
    gitIn(gitDir, [...common, '--raw', '--no-abbrev', '-z', range]),
    gitIn(gitDir, [...common, '--numstat', '-z', range]),
    gitIn(gitDir, [...common, '-p', range]),
  ])
  const files: DiffFile[] = []
  const rawParts = raw.split('\0')
  for (let i = 0; i < rawParts.length - 1;) {
    const meta = rawParts[i++]!.slice(1).split(' ')
    const letter = meta[4]![0]!
    const oldSha = meta[2]!
    const newSha = meta[3]!
    let filename = rawParts[i++]!
    let previous: string | undefined
    if (letter === 'R' || letter === 'C') {
      previous = filename
      filename = rawParts[i++]!
    }
    files.push({
      filename,
      status: STATUS[letter] ?? 'modified',
      additions: 0,
      deletions: 0,
      changes: 0,
      sha: letter === 'D' ? oldSha : newSha,
      ...(previous ? { previous_filename: previous } : {}),
    })
  }
  // numstat -z: "a\td\tpath\0" or, for renames, "a\td\t\0old\0new\0"; same order as --raw.
  const numParts = numstat.split('\0')
  let n = 0
  for (const file of files) {
    const [a = '0', d = '0', path = ''] = numParts[n++]!.split('\t')
    if (path === '') n += 2
    if (a === '-') {
      ;(file as DiffFile & { binary?: boolean }).binary = true
    } else {
      file.additions = Number(a)
      file.deletions = Number(d)
      file.changes = file.additions + file.deletions
    }
  }
  const chunks = patchText.split(/^diff --git /m).slice(1)
  files.forEach((file, idx) => {
    const chunk = chunks[idx] ?? ''
    const at = chunk.search(/^@@ /m)
    const binary = (file as DiffFile & { binary?: boolean }).binary
    delete (file as DiffFile & { binary?: boolean }).binary
    if (at >= 0 && !binary) file.patch = chunk.slice(at).replace(/\n$/, '')
  })
  return files
}

// ---------------------------------------------------------------------------------------------
// The server

const DOCS = 'https://docs.github.com/rest'

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message ?? status))
  }
}

function fail(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): never {
  throw new HttpError(
    status,
    { message, ...extra, documentation_url: DOCS, status: String(status) },
    headers,
  )
}

function validationFailed(errors: unknown[]): never {
  fail(422, 'Validation Failed', { errors })
}

function unprocessable(errors: string[]): never {
  fail(422, 'Unprocessable Entity', { errors })
}

function numericId(text: string): number {
  let h = 7
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 90_000_000
  return 10_000_000 + h
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

interface Ctx {
  req: IncomingMessage
  method: string
  path: string
  query: Record<string, string>
  params: Record<string, string>
  body: Record<string, unknown>
  login: string
  base: string
  setHeader(name: string, value: string): void
}

type Handler = (
  ctx: Ctx,
) => Promise<{ status?: number; body: unknown; raw?: string; contentType?: string }>

/** Starts an emulator on a random loopback port. */
export async function startGitHubEmulator(opts: EmulatorOptions = {}): Promise<GitHubEmulator> {
  loadSchemas()
  const tokens = new Map(
    Object.entries(opts.tokens ?? { 'test-token': { login: 'github-actions[bot]' } }),
  )
  const serverUrl = (opts.serverUrl ?? 'https://github.com').replace(/\/$/, '')
  const maxDiffFiles = opts.maxDiffFiles ?? 300
  const maxDiffLines = opts.maxDiffLines ?? 20_000
  const repos = new Map<string, RepoState>()
  const requests: RecordedRequest[] = []
  const unhandled: RecordedRequest[] = []
  const faults: (Fault & { left: number })[] = []
  const arrivals: ((req: { method: string; path: string }) => void)[] = []
  const used = new Map<string, number>()
  let nextId = 1000
  const id = () => ++nextId
  let apiBase = ''

  // ----- object builders (GitHub's response shapes, the fields clients read)
  const user = (login: string) => ({
    login,
    id: numericId(login),
    node_id: `U_${numericId(login)}`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
    url: `${apiBase}/users/${encodeURIComponent(login)}`,
    html_url: `${serverUrl}/${login}`,
    avatar_url: `${serverUrl}/${login}.png`,
  })
  const repoJson = (r: RepoState) => ({
    id: r.id,
    node_id: `R_${r.id}`,
    name: r.repo,
    full_name: `${r.owner}/${r.repo}`,
    owner: user(r.owner),
    private: r.private,
    fork: false,
    html_url: `${serverUrl}/${r.owner}/${r.repo}`,
    url: `${apiBase}/repos/${r.owner}/${r.repo}`,
    default_branch: r.defaultBranch,
    visibility: r.private ? 'private' : 'public',
  })
  const labelJson = (l: Label) => ({
    id: l.id,
    node_id: `LA_${l.id}`,
    name: l.name,
    color: 'ededed',
    default: false,
    description: null,
    url: '',
  })

  function getRepo(owner: string, repo: string): RepoState {
    const r = repos.get(`${owner}/${repo}`.toLowerCase())
    if (!r) fail(404, 'Not Found')
    return r
  }

  // ----- git / refs
  async function resolveRef(r: RepoState, ref: string): Promise<string | undefined> {
    if (r.gitDir) {
      try {
        return (await gitIn(r.gitDir, ['rev-parse', '--verify', '-q', `${ref}^{commit}`])).trim()
      } catch {
        return undefined
      }
    }
    if (/^[0-9a-f]{40}$/.test(ref)) return ref
    return r.refs.get(ref) ?? r.refs.get(`refs/heads/${ref}`) ?? r.refs.get(`refs/tags/${ref}`)
  }
  async function refSha(r: RepoState, fullRef: string): Promise<string | undefined> {
    if (r.gitDir) {
      try {
        return (await gitIn(r.gitDir, ['rev-parse', '--verify', '-q', fullRef])).trim()
      } catch {
        return undefined
      }
    }
    return r.refs.get(fullRef)
  }
  async function writeRef(r: RepoState, fullRef: string, sha: string | null): Promise<void> {
    if (r.gitDir) {
      if (sha === null) await gitIn(r.gitDir, ['update-ref', '-d', fullRef])
      else await gitIn(r.gitDir, ['update-ref', fullRef, sha])
    } else if (sha === null) r.refs.delete(fullRef)
    else r.refs.set(fullRef, sha)
  }
  async function isAncestor(r: RepoState, a: string, b: string): Promise<boolean> {
    if (!r.gitDir) return true
    try {
      await gitIn(r.gitDir, ['merge-base', '--is-ancestor', a, b])
      return true
    } catch {
      return false
    }
  }
  const headRepoOf = (r: RepoState, p: PullState): RepoState => {
    const full = p.head.repoFullName
    return (full && repos.get(full.toLowerCase())) || r
  }
  async function pullHeadSha(r: RepoState, p: PullState): Promise<string> {
    if (p.head.sha) return p.head.sha
    const hr = headRepoOf(r, p)
    const sha =
      (await refSha(hr, `refs/heads/${p.head.ref}`)) ??
      (await refSha(r, `refs/pull/${p.number}/head`))
    return sha ?? '0'.repeat(40)
  }
  async function pullBaseSha(r: RepoState, p: PullState): Promise<string> {
    if (p.base.sha) return p.base.sha
    return (await refSha(r, `refs/heads/${p.base.ref}`)) ?? '0'.repeat(40)
  }
  /** The .diff text of a PR, computed once per repository and range. */
  async function pullDiffText(r: RepoState, p: PullState): Promise<string> {
    const range = `${await pullBaseSha(r, p)}...${await pullHeadSha(r, p)}`
    const key = `${r.gitDir}\0${range}`
    let text = diffTextCache.get(key)
    if (!text) {
      text = gitIn(r.gitDir!, ['diff', '-M', '--no-color', '--no-ext-diff', range])
      diffTextCache.set(key, text)
      text.catch(() => diffTextCache.delete(key))
    }
    return text
  }
  /** Serialized entries of a file list (the files route), per computed list. */
  const fileEntries = new WeakMap<DiffFile[], Map<string, string[]>>()
  async function pullFiles(r: RepoState, p: PullState, headOverride?: string): Promise<DiffFile[]> {
    if (!r.gitDir) return []
    return computeFiles(
      r.gitDir,
      await pullBaseSha(r, p),
      headOverride ?? (await pullHeadSha(r, p)),
    )
  }

  /**
   * Whether `sha` is one of the PR's commits: its head, its merge commit, or (with real git)
   * a commit reachable from the head but not from the merge base with the base branch.
   */
  async function pullContains(r: RepoState, p: PullState, sha: string): Promise<boolean> {
    const head = await pullHeadSha(r, p)
    if (head === sha || p.mergeCommitSha === sha) return true
    const hr = headRepoOf(r, p)
    if (!r.gitDir || hr !== r) return false
    if (!(await isAncestor(r, sha, head))) return false
    const base = await pullBaseSha(r, p)
    try {
      const mergeBase = (await gitIn(r.gitDir, ['merge-base', base, head])).trim()
      return mergeBase !== head && !(await isAncestor(r, sha, mergeBase))
    } catch {
      return true // no common history: every commit of the head is the PR's
    }
  }

  /** A sha the repository is known to have, for repositories without a git directory. */
  async function knownSha(r: RepoState, ref: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{40}$/.test(ref)) return resolveRef(r, ref)
    const known = new Set<string>([...r.refs.values()])
    for (const d of r.deployments) known.add(d.sha)
    for (const p of r.pulls.values()) {
      for (const s of [p.head.sha, p.base.sha, p.mergeCommitSha]) if (s) known.add(s)
    }
    for (const run of r.workflowRuns.values()) known.add(run.head_sha)
    return known.has(ref) ? ref : undefined
  }

  /** `detailed`: the single-PR form; GitHub's list omits the diff statistics. */
  async function pullJson(r: RepoState, p: PullState, detailed = true) {
    const [headSha, baseSha] = await Promise.all([pullHeadSha(r, p), pullBaseSha(r, p)])
    const files = detailed ? await pullFiles(r, p).catch(() => [] as DiffFile[]) : []
    // The head repository: null when the fork was deleted, a registered repository when known,
    // otherwise a fork synthesized from its full name.
    const forkName = p.head.repoFullName ?? `${r.owner}/${r.repo}`
    const [forkOwner = r.owner, forkRepo = r.repo] = forkName.split('/')
    const known = repos.get(forkName.toLowerCase())
    const head =
      p.head.repoFullName === null
        ? null
        : known
          ? { ...repoJson(known), fork: known !== r }
          : {
              ...repoJson(r),
              id: numericId(forkName),
              name: forkRepo,
              full_name: forkName,
              owner: user(forkOwner),
              fork: true,
              html_url: `${serverUrl}/${forkName}`,
            }
    const url = `${apiBase}/repos/${r.owner}/${r.repo}/pulls/${p.number}`
    return {
      url,
      id: p.id,
      node_id: `PR_${p.id}`,
      html_url: `${serverUrl}/${r.owner}/${r.repo}/pull/${p.number}`,
      diff_url: `${serverUrl}/${r.owner}/${r.repo}/pull/${p.number}.diff`,
      patch_url: `${serverUrl}/${r.owner}/${r.repo}/pull/${p.number}.patch`,
      issue_url: `${apiBase}/repos/${r.owner}/${r.repo}/issues/${p.number}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: user(p.user),
      body: p.body,
      labels: p.labels.map(labelJson),
      milestone: null,
      active_lock_reason: null,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      closed_at: p.state === 'closed' ? p.updatedAt : null,
      merged_at: p.mergeCommitSha ? p.updatedAt : null,
      merge_commit_sha: p.mergeCommitSha ?? null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      draft: p.draft,
      head: {
        label: `${forkOwner}:${p.head.ref}`,
        ref: p.head.ref,
        sha: headSha,
        user: user(forkOwner),
        repo: head,
      },
      base: {
        label: `${r.owner}:${p.base.ref}`,
        ref: p.base.ref,
        sha: baseSha,
        user: user(r.owner),
        repo: repoJson(r),
      },
      author_association:
        r.permissions.get(p.user) && r.permissions.get(p.user) !== 'none'
          ? 'COLLABORATOR'
          : 'CONTRIBUTOR',
      auto_merge: null,
      merged: p.mergeCommitSha !== undefined,
      mergeable: true,
      mergeable_state: 'clean',
      merged_by: null,
      ...(detailed
        ? {
            comments: r.comments.filter((c) => c.issueNumber === p.number).length,
            review_comments: r.reviewComments.filter((c) => c.pullNumber === p.number).length,
            maintainer_can_modify: false,
            commits: 1,
            additions: files.reduce((s, f) => s + f.additions, 0),
            deletions: files.reduce((s, f) => s + f.deletions, 0),
            changed_files: files.length,
          }
        : {}),
    }
  }

  const issueCommentJson = (r: RepoState, c: CommentState) => {
    const isPull = r.pulls.has(c.issueNumber)
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${apiBase}/repos/${r.owner}/${r.repo}/issues/comments/${c.id}`,
      html_url: `${serverUrl}/${r.owner}/${r.repo}/${isPull ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${apiBase}/repos/${r.owner}/${r.repo}/issues/${c.issueNumber}`,
      body: c.body,
      user: user(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: 'NONE',
    }
  }
  /** GitHub's issue shape; a PR answers as an issue with a `pull_request` key, as on GitHub. */
  const issueJson = (r: RepoState, item: IssueState | PullState) => {
    const n = item.number
    const isPull = r.pulls.get(n) === item
    const issueUrl = `${apiBase}/repos/${r.owner}/${r.repo}/issues/${n}`
    const updatedAt = item.updatedAt ?? item.createdAt
    return {
      id: item.id,
      node_id: `${isPull ? 'PR' : 'I'}_${item.id}`,
      url: issueUrl,
      repository_url: `${apiBase}/repos/${r.owner}/${r.repo}`,
      labels_url: `${issueUrl}/labels{/name}`,
      comments_url: `${issueUrl}/comments`,
      events_url: `${issueUrl}/events`,
      html_url: `${serverUrl}/${r.owner}/${r.repo}/${isPull ? 'pull' : 'issues'}/${n}`,
      number: n,
      state: item.state,
      state_reason: 'stateReason' in item ? (item.stateReason ?? null) : null,
      title: item.title,
      body: item.body,
      user: user(item.user),
      labels: item.labels.map(labelJson),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: r.comments.filter((c) => c.issueNumber === n).length,
      created_at: item.createdAt,
      updated_at: updatedAt,
      closed_at: item.state === 'closed' ? updatedAt : null,
      author_association: 'NONE',
      ...(isPull
        ? {
            draft: (item as PullState).draft,
            pull_request: {
              url: `${apiBase}/repos/${r.owner}/${r.repo}/pulls/${n}`,
              html_url: `${serverUrl}/${r.owner}/${r.repo}/pull/${n}`,
              diff_url: `${serverUrl}/${r.owner}/${r.repo}/pull/${n}.diff`,
              patch_url: `${serverUrl}/${r.owner}/${r.repo}/pull/${n}.patch`,
              merged_at: (item as PullState).mergeCommitSha ? updatedAt : null,
            },
          }
        : {}),
    }
  }
  const reviewJson = (r: RepoState, v: ReviewState) => ({
    id: v.id,
    node_id: `PRR_${v.id}`,
    user: user(v.user),
    body: v.body,
    state: v.state,
    html_url: `${serverUrl}/${r.owner}/${r.repo}/pull/${v.pullNumber}#pullrequestreview-${v.id}`,
    pull_request_url: `${apiBase}/repos/${r.owner}/${r.repo}/pulls/${v.pullNumber}`,
    commit_id: v.commitId,
    submitted_at: v.submittedAt ?? undefined,
    author_association: 'NONE',
    _links: { html: { href: '' }, pull_request: { href: '' } },
  })
  const reviewCommentJson = (r: RepoState, c: ReviewCommentState) => ({
    id: c.id,
    node_id: `PRRC_${c.id}`,
    url: `${apiBase}/repos/${r.owner}/${r.repo}/pulls/comments/${c.id}`,
    pull_request_review_id: c.reviewId,
    diff_hunk: c.diffHunk,
    path: c.path,
    position: c.position,
    original_position: c.position,
    commit_id: c.commitId,
    original_commit_id: c.commitId,
    user: user(c.user),
    body: c.body,
    created_at: c.createdAt,
    updated_at: c.createdAt,
    html_url: `${serverUrl}/${r.owner}/${r.repo}/pull/${c.pullNumber}#discussion_r${c.id}`,
    pull_request_url: `${apiBase}/repos/${r.owner}/${r.repo}/pulls/${c.pullNumber}`,
    author_association: 'NONE',
    _links: { self: { href: '' }, html: { href: '' }, pull_request: { href: '' } },
    start_line: c.startLine,
    original_start_line: c.startLine,
    start_side: c.startSide,
    line: c.line,
    original_line: c.line,
    side: c.side,
    subject_type: 'line',
    ...(c.inReplyToId !== undefined ? { in_reply_to_id: c.inReplyToId } : {}),
  })
  const deploymentJson = (r: RepoState, d: DeploymentState) => ({
    url: `${apiBase}/repos/${r.owner}/${r.repo}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: user(d.creator),
    created_at: d.createdAt,
    updated_at: d.statuses[0]?.createdAt ?? d.createdAt,
    statuses_url: `${apiBase}/repos/${r.owner}/${r.repo}/deployments/${d.id}/statuses`,
    repository_url: `${apiBase}/repos/${r.owner}/${r.repo}`,
    transient_environment: d.transient,
    production_environment: d.production,
  })
  const statusJson = (r: RepoState, d: DeploymentState, s: DeploymentStatusState) => ({
    url: `${apiBase}/repos/${r.owner}/${r.repo}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: user(s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.logUrl,
    log_url: s.logUrl,
    environment_url: s.environmentUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${apiBase}/repos/${r.owner}/${r.repo}/deployments/${d.id}`,
    repository_url: `${apiBase}/repos/${r.owner}/${r.repo}`,
  })
  async function commitJson(r: RepoState, sha: string) {
    const out = await gitIn(r.gitDir!, [
      'show',
      '-s',
      '--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B',
      sha,
    ])
    const [h = '', parents = '', an, ae, ad, cn, ce, cd, message = ''] = out.split('\0')
    return {
      sha: h,
      node_id: `C_${h}`,
      url: `${apiBase}/repos/${r.owner}/${r.repo}/commits/${h}`,
      html_url: `${serverUrl}/${r.owner}/${r.repo}/commit/${h}`,
      commit: {
        message: message.replace(/\n+$/, ''),
        author: { name: an, email: ae, date: ad },
        committer: { name: cn, email: ce, date: cd },
        tree: { sha: '' },
      },
      author: null,
      committer: null,
      parents: parents
        .split(' ')
        .filter(Boolean)
        .map((p) => ({ sha: p })),
    }
  }
  async function commitsBetween(r: RepoState, base: string, head: string) {
    if (!r.gitDir) return []
    const shas = (await gitIn(r.gitDir, ['rev-list', '--reverse', `${base}..${head}`]))
      .split('\n')
      .filter(Boolean)
    return Promise.all(shas.slice(0, 250).map((s) => commitJson(r, s)))
  }

  // ----- pagination: GitHub's page/per_page with Link headers
  function paginate<T>(ctx: Ctx, items: T[]): T[] {
    const perPage = Math.min(100, Math.max(1, Number(ctx.query.per_page ?? 30) || 30))
    const page = Math.max(1, Number(ctx.query.page ?? 1) || 1)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams({ ...ctx.query, per_page: String(perPage), page: String(p) })
      return `<${ctx.base}${ctx.path}?${q.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'))
    if (links.length) ctx.setHeader('link', links.join(', '))
    return items.slice((page - 1) * perPage, page * perPage)
  }

  const pullOf = (r: RepoState, n: string): PullState => {
    const p = r.pulls.get(Number(n))
    if (!p) fail(404, 'Not Found')
    return p
  }
  const repoOf = (ctx: Ctx) => getRepo(ctx.params.owner!, ctx.params.repo!)

  function addLabels(r: RepoState, target: { labels: Label[] }, names: string[]) {
    for (const name of names) {
      if (!target.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
        target.labels.push({ id: numericId(`${r.owner}/${r.repo}#${name}`), name })
      }
    }
  }

  // ----- review comment anchoring: GitHub's rules for `line`/`side`/`start_line`
  function anchorErrors(
    files: DiffFile[],
    c: {
      path: string
      line?: number
      side?: string
      start_line?: number
      start_side?: string
      position?: number
    },
  ): { errors: string[]; diffHunk: string } {
    const file = files.find((f) => f.filename === c.path)
    if (!file) return { errors: ['Path could not be resolved'], diffHunk: '' }
    const patch = file.patch
    if (patch === undefined) return { errors: ['Line could not be resolved'], diffHunk: '' }
    const lines = patch.split('\n')
    const hunks = parseHunks(patch)
    if (c.line === undefined) {
      if (c.position === undefined) return { errors: ['Line could not be resolved'], diffHunk: '' }
      // Legacy `position`: 1 = the line below the first hunk header.
      if (c.position < 1 || c.position >= lines.length) {
        return { errors: ['Pull request review thread position is invalid'], diffHunk: '' }
      }
      return { errors: [], diffHunk: lines.slice(0, c.position + 1).join('\n') }
    }
    const side = c.side ?? 'RIGHT'
    if (side !== 'RIGHT' && side !== 'LEFT')
      return { errors: [`Side '${side}' is invalid. Expected LEFT or RIGHT.`], diffHunk: '' }
    const hunk = hunks.find((h) => (side === 'RIGHT' ? h.right : h.left).has(c.line!))
    if (!hunk) return { errors: ['Line could not be resolved'], diffHunk: '' }
    const endIndex = (side === 'RIGHT' ? hunk.right : hunk.left).get(c.line)!
    if (c.start_line !== undefined) {
      const startSide = c.start_side ?? side
      const startIndex = (startSide === 'RIGHT' ? hunk.right : hunk.left).get(c.start_line)
      if (startIndex === undefined) {
        return {
          errors: [
            'Pull request review thread start line must be part of the same hunk as the line.',
          ],
          diffHunk: '',
        }
      }
      if (startIndex >= endIndex)
        return { errors: ['start_line must precede the end line.'], diffHunk: '' }
    }
    return { errors: [], diffHunk: lines.slice(hunk.headerIndex, endIndex + 1).join('\n') }
  }

  // ----- routes
  const routes: Partial<Record<ServedRoute, Handler>> = {
    'GET /user': async (ctx) => ({ body: user(ctx.login) }),
    'GET /rate_limit': async (ctx) => {
      const rate = {
        limit: 5000,
        used: used.get(ctx.login) ?? 0,
        remaining: 5000 - (used.get(ctx.login) ?? 0),
        reset: Math.floor(Date.now() / 1000) + 3600,
      }
      return { body: { resources: { core: rate }, rate } }
    },
    'GET /repos/{owner}/{repo}': async (ctx) => ({ body: repoJson(repoOf(ctx)) }),

    // pulls
    'GET /repos/{owner}/{repo}/pulls': async (ctx) => {
      const r = repoOf(ctx)
      const state = ctx.query.state ?? 'open'
      let list = [...r.pulls.values()].filter((p) => state === 'all' || p.state === state)
      if (ctx.query.base) list = list.filter((p) => p.base.ref === ctx.query.base)
      if (ctx.query.head) {
        const [owner, ref] = ctx.query.head.includes(':')
          ? ctx.query.head.split(/:(.*)/s)
          : [r.owner, ctx.query.head]
        list = list.filter((p) => {
          const headOwner = (p.head.repoFullName ?? `${r.owner}/${r.repo}`).split('/')[0]!
          return p.head.ref === ref && headOwner.toLowerCase() === owner!.toLowerCase()
        })
      }
      list.sort((a, b) => b.number - a.number)
      return { body: await Promise.all(paginate(ctx, list).map((p) => pullJson(r, p, false))) }
    },
    'POST /repos/{owner}/{repo}/pulls': async (ctx) => {
      const r = repoOf(ctx)
      const b = ctx.body as {
        title?: string
        head: string
        head_repo?: string
        base: string
        body?: string
        draft?: boolean
      }
      const [headOwner, headRef] = b.head.includes(':')
        ? (b.head.split(/:(.*)/s) as [string, string])
        : [r.owner, b.head]
      const sameRepo = headOwner.toLowerCase() === r.owner.toLowerCase()
      const headRepo = sameRepo
        ? r
        : b.head_repo
          ? repos.get(b.head_repo.toLowerCase())
          : [...repos.values()].find(
              (x) => x.owner.toLowerCase() === headOwner.toLowerCase() && x.repo === r.repo,
            )
      if (!b.title)
        validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }])
      if (!(await refSha(r, `refs/heads/${b.base}`)))
        validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }])
      const headSha = headRepo ? await refSha(headRepo, `refs/heads/${headRef}`) : undefined
      if (!headSha) validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }])
      const dup = [...r.pulls.values()].find(
        (p) =>
          p.state === 'open' &&
          p.head.ref === headRef &&
          p.base.ref === b.base &&
          (p.head.repoFullName ?? `${r.owner}/${r.repo}`).split('/')[0]!.toLowerCase() ===
            headOwner.toLowerCase(),
      )
      if (dup) {
        validationFailed([
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${headOwner}:${headRef}.`,
          },
        ])
      }
      const baseSha = (await refSha(r, `refs/heads/${b.base}`))!
      if (headRepo === r && (await isAncestor(r, headSha, baseSha))) {
        validationFailed([
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `No commits between ${b.base} and ${headRef}`,
          },
        ])
      }
      const number = r.nextNumber++
      const t = now()
      r.pulls.set(number, {
        number,
        id: id(),
        title: b.title!,
        body: b.body ?? null,
        state: 'open',
        draft: b.draft ?? false,
        user: ctx.login,
        base: { ref: b.base },
        head: {
          ref: headRef,
          repoFullName: headRepo ? `${headRepo.owner}/${headRepo.repo}` : `${headOwner}/${r.repo}`,
        },
        labels: [],
        createdAt: t,
        updatedAt: t,
      })
      return { status: 201, body: await pullJson(r, r.pulls.get(number)!) }
    },
    'GET /repos/{owner}/{repo}/pulls/{pull_number}': async (ctx) => {
      const r = repoOf(ctx)
      const p = pullOf(r, ctx.params.pull_number!)
      const accept = String(ctx.req.headers.accept ?? '')
      if (accept.includes('diff') || accept.includes('patch')) {
        if (!r.gitDir) fail(404, 'Not Found')
        const files = await pullFiles(r, p)
        const text = await pullDiffText(r, p)
        let lineCount = 1
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCount++
        if (files.length > maxDiffFiles || lineCount > maxDiffLines) {
          const what =
            files.length > maxDiffFiles
              ? `the maximum number of files (${maxDiffFiles})`
              : `the maximum number of lines (${maxDiffLines})`
          fail(
            406,
            `Sorry, the diff exceeded ${what}. Consider using 'List pull requests files' API or locally cloning the repository instead.`,
            {
              errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }],
            },
          )
        }
        return { body: null, raw: text, contentType: 'text/plain; charset=utf-8' }
      }
      return { body: await pullJson(r, p) }
    },
    'PATCH /repos/{owner}/{repo}/pulls/{pull_number}': async (ctx) => {
      const r = repoOf(ctx)
      const p = pullOf(r, ctx.params.pull_number!)
      const b = ctx.body as {
        title?: string
        body?: string
        state?: 'open' | 'closed'
        base?: string
      }
      if (b.base !== undefined && !(await refSha(r, `refs/heads/${b.base}`))) {
        validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }])
      }
      if (b.title !== undefined) p.title = b.title
      if (b.body !== undefined) p.body = b.body
      if (b.state !== undefined) p.state = b.state
      if (b.base !== undefined) p.base = { ref: b.base }
      p.updatedAt = now()
      return { body: await pullJson(r, p) }
    },
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': async (ctx) => {
      const r = repoOf(ctx)
      const p = pullOf(r, ctx.params.pull_number!)
      const files = await pullFiles(r, p)
      // Each entry is serialized once per head (a 3000-file list is read 30 times, 100 a page).
      const byRepo = fileEntries.get(files) ?? new Map<string, string[]>()
      fileEntries.set(files, byRepo)
      let entries = byRepo.get(r.id.toString())
      if (!entries) {
        entries = files.slice(0, 3000).map((f) =>
          JSON.stringify({
            ...f,
            blob_url: `${serverUrl}/${r.owner}/${r.repo}/blob/${f.sha}/${f.filename}`,
            raw_url: `${serverUrl}/${r.owner}/${r.repo}/raw/${f.sha}/${f.filename}`,
            contents_url: `${apiBase}/repos/${r.owner}/${r.repo}/contents/${f.filename}`,
          }),
        )
        byRepo.set(r.id.toString(), entries)
      }
      return { body: null, raw: `[${paginate(ctx, entries).join(',')}]` }
    },
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits': async (ctx) => {
      const r = repoOf(ctx)
      const p = pullOf(r, ctx.params.pull_number!)
      return {
        body: paginate(
          ctx,
          await commitsBetween(r, await pullBaseSha(r, p), await pullHeadSha(r, p)),
        ),
      }
    },
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': async (ctx) => {
      const r = repoOf(ctx)
      const p = pullOf(r, ctx.params.pull_number!)
      return {
        body: paginate(
          ctx,
          r.reviews.filter((v) => v.pullNumber === p.number).map((v) => reviewJson(r, v)),
        ),
      }
    },
    'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': async (ctx) => {
      const r = repoOf(ctx)
      const p = pullOf(r, ctx.params.pull_number!)
      const b = ctx.body as {
        commit_id?: string
        body?: string
        event?: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT'
        comments?: {
          path: string
          body: string
          line?: number
          side?: string
          start_line?: number
          start_side?: string
          position?: number
        }[]
      }
      if (b.event === 'APPROVE' && p.user === ctx.login)
        unprocessable(['Can not approve your own pull request'])
      if (b.event === 'REQUEST_CHANGES' && p.user === ctx.login)
        unprocessable(['Can not request changes on your own pull request'])
      if (b.event === 'REQUEST_CHANGES' && !b.body?.trim())
        unprocessable(['Body is required when requesting changes'])
      if (b.event === 'COMMENT' && !b.body?.trim() && !b.comments?.length)
        unprocessable(['Body is required when commenting'])
      if (
        !b.event &&
        r.reviews.some(
          (v) => v.pullNumber === p.number && v.user === ctx.login && v.state === 'PENDING',
        )
      ) {
        unprocessable(['User can only have one pending review per pull request'])
      }
      let commitId = await pullHeadSha(r, p)
      if (b.commit_id) {
        if (r.gitDir && !(await resolveRef(r, b.commit_id)))
          unprocessable(['Commit could not be resolved'])
        commitId = b.commit_id
      }
      const files = b.comments?.length ? await pullFiles(r, p, commitId) : []
      const errors: string[] = []
      const anchored = (b.comments ?? []).map((c) => {
        const res = anchorErrors(files, c)
        errors.push(...res.errors)
        return { c, diffHunk: res.diffHunk }
      })
      if (errors.length) unprocessable([...new Set(errors)])
      const t = now()
      const review: ReviewState = {
        id: id(),
        pullNumber: p.number,
        user: ctx.login,
        body: b.body ?? '',
        state:
          b.event === 'APPROVE'
            ? 'APPROVED'
            : b.event === 'REQUEST_CHANGES'
              ? 'CHANGES_REQUESTED'
              : b.event === 'COMMENT'
                ? 'COMMENTED'
                : 'PENDING',
        commitId,
        submittedAt: b.event ? t : null,
      }
      r.reviews.push(review)
      for (const { c, diffHunk } of anchored) {
        r.reviewComments.push({
          id: id(),
          reviewId: review.id,
          pullNumber: p.number,
          path: c.path,
          line: c.line ?? null,
          startLine: c.start_line ?? null,
          side: c.line !== undefined ? ((c.side as 'LEFT' | 'RIGHT' | undefined) ?? 'RIGHT') : null,
          startSide:
            c.start_line !== undefined
              ? ((c.start_side ?? c.side ?? 'RIGHT') as 'LEFT' | 'RIGHT')
              : null,
          position: c.position ?? null,
          body: c.body,
          user: ctx.login,
          commitId,
          diffHunk,
          createdAt: t,
        })
      }
      return { body: reviewJson(r, review) }
    },
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': async (ctx) => {
      const r = repoOf(ctx)
      const p = pullOf(r, ctx.params.pull_number!)
      // Comments of a pending review are visible only to its author.
      const visible = r.reviewComments.filter((c) => {
        if (c.pullNumber !== p.number) return false
        const review = r.reviews.find((v) => v.id === c.reviewId)
        return review?.state !== 'PENDING' || review.user === ctx.login
      })
      return { body: paginate(ctx, visible).map((c) => reviewCommentJson(r, c)) }
    },

    'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies': async (ctx) => {
      const r = repoOf(ctx)
      const p = pullOf(r, ctx.params.pull_number!)
      const to = r.reviewComments.find(
        (c) => c.id === Number(ctx.params.comment_id) && c.pullNumber === p.number,
      )
      if (!to) fail(404, 'Not Found')
      if (String((ctx.body as { body?: unknown }).body ?? '').trim() === '')
        validationFailed([
          { resource: 'PullRequestReviewComment', code: 'missing_field', field: 'body' },
        ])
      const rootId = to.inReplyToId ?? to.id
      const root = r.reviewComments.find((c) => c.id === rootId)!
      // A reply is a review comment of its own (one-comment review), placed like its thread.
      const t = now()
      const review: ReviewState = {
        id: id(),
        pullNumber: p.number,
        user: ctx.login,
        body: '',
        state: 'COMMENTED',
        commitId: root.commitId,
        submittedAt: t,
      }
      r.reviews.push(review)
      const reply: ReviewCommentState = {
        ...root,
        id: id(),
        reviewId: review.id,
        body: String((ctx.body as { body: string }).body),
        user: ctx.login,
        createdAt: t,
        inReplyToId: rootId,
      }
      r.reviewComments.push(reply)
      return { status: 201, body: reviewCommentJson(r, reply) }
    },

    // issues and comments
    'GET /repos/{owner}/{repo}/issues': async (ctx) => {
      const r = repoOf(ctx)
      const state = ctx.query.state ?? 'open'
      if (!['open', 'closed', 'all'].includes(state)) {
        validationFailed([{ resource: 'Issue', field: 'state', code: 'invalid', value: state }])
      }
      // `labels`: comma separated, an item must carry every one (case-insensitive, as GitHub).
      const wanted = (ctx.query.labels ?? '')
        .split(',')
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean)
      const creator = ctx.query.creator?.toLowerCase()
      let list: (IssueState | PullState)[] = [...r.issues.values(), ...r.pulls.values()].filter(
        (i) =>
          (state === 'all' || i.state === state) &&
          wanted.every((w) => i.labels.some((l) => l.name.toLowerCase() === w)) &&
          (creator === undefined || i.user.toLowerCase() === creator),
      )
      const key = ctx.query.sort === 'updated' ? 'updatedAt' : 'createdAt'
      const asc = ctx.query.direction === 'asc' ? 1 : -1
      list = list.sort((a, b) => {
        const ta = a[key] ?? a.createdAt
        const tb = b[key] ?? b.createdAt
        return (ta < tb ? -1 : ta > tb ? 1 : a.number - b.number) * asc
      })
      return { body: paginate(ctx, list).map((i) => issueJson(r, i)) }
    },
    'GET /repos/{owner}/{repo}/issues/{issue_number}': async (ctx) => {
      const r = repoOf(ctx)
      const n = Number(ctx.params.issue_number)
      const item = r.pulls.get(n) ?? r.issues.get(n)
      if (!item) fail(404, 'Not Found')
      return { body: issueJson(r, item) }
    },
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}': async (ctx) => {
      const r = repoOf(ctx)
      const n = Number(ctx.params.issue_number)
      const item = r.pulls.get(n) ?? r.issues.get(n)
      if (!item) fail(404, 'Not Found')
      const b = ctx.body as {
        title?: string | number | null
        body?: string | null
        state?: 'open' | 'closed'
        state_reason?: string | null
        labels?: (string | { name?: string })[]
      }
      if (b.title === null || b.title === '') {
        validationFailed([{ resource: 'Issue', field: 'title', code: 'missing_field' }])
      }
      if (b.title !== undefined) item.title = String(b.title)
      if (b.body !== undefined) item.body = b.body
      if (b.state !== undefined) item.state = b.state
      if (!r.pulls.has(n)) {
        const issue = item as IssueState
        if (b.state_reason !== undefined) issue.stateReason = b.state_reason
        else if (b.state === 'closed') issue.stateReason = 'completed'
        else if (b.state === 'open') issue.stateReason = 'reopened'
      }
      if (b.labels !== undefined) {
        // `labels` replaces the set (the labels endpoint adds to it).
        item.labels = []
        addLabels(
          r,
          item,
          b.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
        )
      }
      item.updatedAt = now()
      return { body: issueJson(r, item) }
    },
    'POST /repos/{owner}/{repo}/issues': async (ctx) => {
      const r = repoOf(ctx)
      const b = ctx.body as {
        title: string | number
        body?: string
        labels?: (string | { name?: string })[]
      }
      const number = r.nextNumber++
      const issue: IssueState = {
        number,
        id: id(),
        title: String(b.title),
        body: b.body ?? null,
        user: ctx.login,
        labels: [],
        state: 'open',
        createdAt: now(),
      }
      addLabels(
        r,
        issue,
        (b.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
      )
      r.issues.set(number, issue)
      return { status: 201, body: issueJson(r, issue) }
    },
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': async (ctx) => {
      const r = repoOf(ctx)
      const n = Number(ctx.params.issue_number)
      if (!r.pulls.has(n) && !r.issues.has(n)) fail(404, 'Not Found')
      // `since`: only comments updated at or after it (GitHub compares updated_at, not created_at).
      const since = ctx.query.since === undefined ? undefined : Date.parse(ctx.query.since)
      if (since !== undefined && Number.isNaN(since)) {
        validationFailed([{ resource: 'IssueComment', field: 'since', code: 'invalid' }])
      }
      return {
        body: paginate(
          ctx,
          r.comments.filter(
            (c) => c.issueNumber === n && (since === undefined || Date.parse(c.updatedAt) >= since),
          ),
        ).map((c) => issueCommentJson(r, c)),
      }
    },
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': async (ctx) => {
      const r = repoOf(ctx)
      const n = Number(ctx.params.issue_number)
      if (!r.pulls.has(n) && !r.issues.has(n)) fail(404, 'Not Found')
      const body = String(ctx.body.body)
      if (body.length > 65536)
        validationFailed([
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'Body is too long (maximum is 65536 characters)',
          },
        ])
      const t = now()
      const c: CommentState = {
        id: id(),
        issueNumber: n,
        body,
        user: ctx.login,
        createdAt: t,
        updatedAt: t,
      }
      r.comments.push(c)
      return { status: 201, body: issueCommentJson(r, c) }
    },
    'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': async (ctx) => {
      const r = repoOf(ctx)
      const c = r.comments.find((x) => x.id === Number(ctx.params.comment_id))
      if (!c) fail(404, 'Not Found')
      const body = String(ctx.body.body)
      if (body.length > 65536)
        validationFailed([
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'Body is too long (maximum is 65536 characters)',
          },
        ])
      c.body = body
      c.updatedAt = now()
      return { body: issueCommentJson(r, c) }
    },
    'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': async (ctx) => {
      const r = repoOf(ctx)
      const n = Number(ctx.params.issue_number)
      const target = r.pulls.get(n) ?? r.issues.get(n)
      if (!target) fail(404, 'Not Found')
      const raw = (Array.isArray(ctx.body) ? ctx.body : (ctx.body.labels as unknown[])) ?? []
      addLabels(
        r,
        target,
        raw
          .map((l) => (typeof l === 'string' ? l : String((l as { name?: string }).name ?? '')))
          .filter(Boolean),
      )
      return { body: target.labels.map(labelJson) }
    },

    // git refs
    'GET /repos/{owner}/{repo}/git/ref/{ref}': async (ctx) => {
      const r = repoOf(ctx)
      const full = `refs/${ctx.params.ref}`
      const sha = await refSha(r, full)
      if (!sha) fail(404, 'Not Found')
      return {
        body: {
          ref: full,
          node_id: `REF_${numericId(full)}`,
          url: `${apiBase}/repos/${r.owner}/${r.repo}/git/${full}`,
          object: {
            sha,
            type: 'commit',
            url: `${apiBase}/repos/${r.owner}/${r.repo}/git/commits/${sha}`,
          },
        },
      }
    },
    'POST /repos/{owner}/{repo}/git/refs': async (ctx) => {
      const r = repoOf(ctx)
      const { ref, sha } = ctx.body as { ref: string; sha: string }
      if (!/^refs\/[^/]+\/.+/.test(ref)) fail(422, `${ref} is not a valid ref name.`)
      if (r.gitDir && !(await resolveRef(r, sha))) fail(422, 'Object does not exist')
      if (await refSha(r, ref)) fail(422, 'Reference already exists')
      await writeRef(r, ref, sha)
      return {
        status: 201,
        body: {
          ref,
          node_id: `REF_${numericId(ref)}`,
          url: `${apiBase}/repos/${r.owner}/${r.repo}/git/${ref}`,
          object: { sha, type: 'commit', url: '' },
        },
      }
    },
    'PATCH /repos/{owner}/{repo}/git/refs/{ref}': async (ctx) => {
      const r = repoOf(ctx)
      const full = `refs/${ctx.params.ref}`
      const { sha, force } = ctx.body as { sha: string; force?: boolean }
      const old = await refSha(r, full)
      if (!old) fail(422, 'Reference does not exist')
      if (r.gitDir && !(await resolveRef(r, sha))) fail(422, 'Object does not exist')
      if (!force && !(await isAncestor(r, old, sha))) fail(422, 'Update is not a fast forward')
      await writeRef(r, full, sha)
      return {
        body: {
          ref: full,
          node_id: `REF_${numericId(full)}`,
          url: '',
          object: { sha, type: 'commit', url: '' },
        },
      }
    },
    'DELETE /repos/{owner}/{repo}/git/refs/{ref}': async (ctx) => {
      const r = repoOf(ctx)
      const full = `refs/${ctx.params.ref}`
      if (!(await refSha(r, full))) fail(422, 'Reference does not exist')
      await writeRef(r, full, null)
      return { status: 204, body: null }
    },

    // collaborators
    'GET /repos/{owner}/{repo}/collaborators/{username}/permission': async (ctx) => {
      const r = repoOf(ctx)
      const login = ctx.params.username!
      const level = r.permissions.get(login)
      if (level === undefined) fail(404, `${login} is not a user`)
      // The legacy `permission` field folds maintain into write and triage into read.
      const legacy = level === 'maintain' ? 'write' : level === 'triage' ? 'read' : level
      return {
        body: { permission: legacy, role_name: level, user: { ...user(login), role_name: level } },
      }
    },

    // deployments
    'GET /repos/{owner}/{repo}/deployments': async (ctx) => {
      const r = repoOf(ctx)
      let list = [...r.deployments].reverse()
      if (ctx.query.environment) list = list.filter((d) => d.environment === ctx.query.environment)
      if (ctx.query.sha) list = list.filter((d) => d.sha === ctx.query.sha)
      if (ctx.query.ref) list = list.filter((d) => d.ref === ctx.query.ref)
      if (ctx.query.task) list = list.filter((d) => d.task === ctx.query.task)
      return { body: paginate(ctx, list).map((d) => deploymentJson(r, d)) }
    },
    'POST /repos/{owner}/{repo}/deployments': async (ctx) => {
      const r = repoOf(ctx)
      const b = ctx.body as {
        ref: string
        task?: string
        auto_merge?: boolean
        required_contexts?: string[]
        payload?: unknown
        environment?: string
        description?: string | null
        transient_environment?: boolean
        production_environment?: boolean
      }
      const sha = await resolveRef(r, b.ref)
      if (!sha) fail(422, `No ref found for: ${b.ref}`)
      if (b.description && b.description.length > 140) {
        validationFailed([
          {
            resource: 'Deployment',
            code: 'custom',
            field: 'description',
            message: 'description is too long (maximum is 140 characters)',
          },
        ])
      }
      const checked = b.required_contexts ?? r.failingContexts
      const failing = r.failingContexts.filter((c) => checked.includes(c))
      if (failing.length > 0) {
        fail(409, `Conflict: Commit status checks failed for ${b.ref}.`, {
          errors: [
            {
              contexts: failing.map((context) => ({ context, state: 'failure' })),
              resource: 'Deployment',
              field: 'required_contexts',
              code: 'invalid',
            },
          ],
        })
      }
      if (b.auto_merge !== false && r.gitDir) {
        const tip = await refSha(r, `refs/heads/${r.defaultBranch}`)
        if (tip && !(await isAncestor(r, tip, sha))) {
          // GitHub merges the default branch into the ref and deploys nothing this time.
          return {
            status: 202,
            body: { message: `Auto-merged ${r.defaultBranch} into ${b.ref} on deployment.` },
          }
        }
      }
      let payload = b.payload ?? {}
      if (typeof payload === 'string') {
        try {
          payload = payload === '' ? {} : JSON.parse(payload)
        } catch {
          validationFailed([
            {
              resource: 'Deployment',
              code: 'custom',
              field: 'payload',
              message: 'payload must be valid JSON',
            },
          ])
        }
      }
      const environment = b.environment ?? 'production'
      const d: DeploymentState = {
        id: id(),
        sha,
        ref: b.ref,
        task: b.task ?? 'deploy',
        payload,
        environment,
        description: b.description ?? null,
        creator: ctx.login,
        transient: b.transient_environment ?? false,
        production: b.production_environment ?? environment === 'production',
        createdAt: now(),
        statuses: [],
      }
      r.deployments.push(d)
      return { status: 201, body: deploymentJson(r, d) }
    },
    'GET /repos/{owner}/{repo}/deployments/{deployment_id}': async (ctx) => {
      const r = repoOf(ctx)
      const d = r.deployments.find((x) => x.id === Number(ctx.params.deployment_id))
      if (!d) fail(404, 'Not Found')
      return { body: deploymentJson(r, d) }
    },
    'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': async (ctx) => {
      const r = repoOf(ctx)
      const d = r.deployments.find((x) => x.id === Number(ctx.params.deployment_id))
      if (!d) fail(404, 'Not Found')
      return { body: paginate(ctx, d.statuses).map((s) => statusJson(r, d, s)) }
    },
    'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': async (ctx) => {
      const r = repoOf(ctx)
      const d = r.deployments.find((x) => x.id === Number(ctx.params.deployment_id))
      if (!d) fail(404, 'Not Found')
      const b = ctx.body as {
        state: string
        description?: string
        log_url?: string
        target_url?: string
        environment?: string
        environment_url?: string
        auto_inactive?: boolean
      }
      if (b.description && b.description.length > 140) {
        validationFailed([
          {
            resource: 'DeploymentStatus',
            code: 'custom',
            field: 'description',
            message: 'description is too long (maximum is 140 characters)',
          },
        ])
      }
      const s = addStatus(d, b.state, ctx.login, b)
      // GitHub's auto_inactive: earlier successful non-transient, non-production deployments
      // of the environment get an `inactive` status.
      if (b.state === 'success' && b.auto_inactive !== false) {
        for (const other of r.deployments) {
          if (
            other === d ||
            other.environment !== d.environment ||
            other.transient ||
            other.production
          )
            continue
          if (other.statuses[0]?.state === 'success') addStatus(other, 'inactive', ctx.login, {})
        }
      }
      return { status: 201, body: statusJson(r, d, s) }
    },

    // compare, commits, actions
    'GET /repos/{owner}/{repo}/compare/{basehead}': async (ctx) => {
      const r = repoOf(ctx)
      const m = /^(.+?)\.\.\.?(.+)$/.exec(ctx.params.basehead!)
      if (!m) fail(404, 'Not Found')
      if (!r.gitDir) {
        // Without a git repository there is no history to walk: when the emulator knows both
        // shas (refs, deployments, PRs, workflow runs) it answers a comparison with no commits
        // and no files, `ahead` (`identical` for the same sha), so code reading the commits of
        // a deploy still runs; 404 stays for shas it has never seen, as on GitHub.
        const [base, head] = [await knownSha(r, m[1]!), await knownSha(r, m[2]!)]
        if (!base || !head) fail(404, 'Not Found')
        const bare = (sha: string) => ({
          sha,
          node_id: `C_${sha}`,
          url: `${apiBase}/repos/${r.owner}/${r.repo}/commits/${sha}`,
          html_url: `${serverUrl}/${r.owner}/${r.repo}/commit/${sha}`,
          commit: { message: '', author: null, committer: null, tree: { sha: '' } },
          author: null,
          committer: null,
          parents: [],
        })
        return {
          body: {
            status: base === head ? 'identical' : 'ahead',
            ahead_by: 0,
            behind_by: 0,
            total_commits: 0,
            base_commit: bare(base),
            merge_base_commit: bare(base),
            commits: [],
            files: [],
            html_url: `${serverUrl}/${r.owner}/${r.repo}/compare/${ctx.params.basehead}`,
          },
        }
      }
      const [base, head] = [await resolveRef(r, m[1]!), await resolveRef(r, m[2]!)]
      if (!base || !head) fail(404, 'Not Found')
      const mergeBase = (await gitIn(r.gitDir, ['merge-base', base, head])).trim()
      const ahead = Number(
        (await gitIn(r.gitDir, ['rev-list', '--count', `${mergeBase}..${head}`])).trim(),
      )
      const behind = Number(
        (await gitIn(r.gitDir, ['rev-list', '--count', `${mergeBase}..${base}`])).trim(),
      )
      const status =
        ahead === 0 && behind === 0
          ? 'identical'
          : behind === 0
            ? 'ahead'
            : ahead === 0
              ? 'behind'
              : 'diverged'
      return {
        body: {
          status,
          ahead_by: ahead,
          behind_by: behind,
          total_commits: ahead,
          base_commit: await commitJson(r, base),
          merge_base_commit: await commitJson(r, mergeBase),
          commits: await commitsBetween(r, mergeBase, head),
          files: await computeFiles(r.gitDir, base, head),
          html_url: `${serverUrl}/${r.owner}/${r.repo}/compare/${ctx.params.basehead}`,
        },
      }
    },
    // Before `commits/{ref}`, whose `{ref}` may contain slashes and would swallow `/pulls`.
    'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': async (ctx) => {
      const r = repoOf(ctx)
      const wanted = ctx.params.commit_sha!
      let sha = wanted
      if (r.gitDir) {
        const resolved = await resolveRef(r, wanted)
        if (!resolved) fail(422, `No commit found for SHA: ${wanted}`)
        sha = resolved
      }
      const found: PullState[] = []
      for (const p of r.pulls.values()) {
        if (await pullContains(r, p, sha)) found.push(p)
      }
      found.sort((a, b) => b.number - a.number)
      return { body: await Promise.all(paginate(ctx, found).map((p) => pullJson(r, p, false))) }
    },
    'GET /repos/{owner}/{repo}/commits/{ref}': async (ctx) => {
      const r = repoOf(ctx)
      if (!r.gitDir) fail(404, 'Not Found')
      const sha = await resolveRef(r, ctx.params.ref!)
      if (!sha) fail(422, `No commit found for SHA: ${ctx.params.ref}`)
      const parent = (await commitJson(r, sha)).parents[0]?.sha
      return {
        body: {
          ...(await commitJson(r, sha)),
          files: parent ? await computeFiles(r.gitDir, parent, sha) : [],
        },
      }
    },
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}': async (ctx) => {
      const r = repoOf(ctx)
      const run = r.workflowRuns.get(Number(ctx.params.run_id))
      if (!run) fail(404, 'Not Found')
      const { jobs: _jobs, ...rest } = run
      return {
        body: {
          name: 'CI',
          status: 'completed',
          conclusion: 'failure',
          event: 'push',
          run_attempt: 1,
          run_number: run.id % 1000,
          workflow_id: 1,
          pull_requests: [],
          ...rest,
          html_url: `${serverUrl}/${r.owner}/${r.repo}/actions/runs/${run.id}`,
          jobs_url: `${apiBase}/repos/${r.owner}/${r.repo}/actions/runs/${run.id}/jobs`,
          logs_url: `${apiBase}/repos/${r.owner}/${r.repo}/actions/runs/${run.id}/logs`,
          repository: repoJson(r),
          head_repository: repoJson(r),
        },
      }
    },
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs': async (ctx) => {
      const r = repoOf(ctx)
      const run = r.workflowRuns.get(Number(ctx.params.run_id))
      if (!run) fail(404, 'Not Found')
      const jobs = (run.jobs ?? []).map((j, i) => ({
        id: j.id ?? run.id * 10 + i,
        run_id: run.id,
        name: j.name,
        status: j.status ?? 'completed',
        conclusion: j.conclusion ?? null,
        head_sha: run.head_sha,
        html_url: `${serverUrl}/${r.owner}/${r.repo}/actions/runs/${run.id}/job/${j.id ?? run.id * 10 + i}`,
        steps: [],
      }))
      return { body: { total_count: jobs.length, jobs: paginate(ctx, jobs) } }
    },
  }

  // ----- conversations (issue 10): reactions on comments.
  // One block apart from the routes above, so a parallel change to the same endpoints merges.
  const reactions = new Map<string, ReactionState[]>()
  /** The comment a reaction goes on: 404 when it does not exist, as on GitHub. */
  const reactionTarget = (ctx: Ctx, kind: 'issue' | 'pull'): string => {
    const r = repoOf(ctx)
    const commentId = Number(ctx.params.comment_id)
    const exists =
      kind === 'issue'
        ? r.comments.some((c) => c.id === commentId)
        : r.reviewComments.some((c) => c.id === commentId)
    if (!exists) fail(404, 'Not Found')
    return `${r.owner}/${r.repo}`.toLowerCase() + `:${kind}:${commentId}`
  }
  const reactionJson = (x: ReactionState) => ({
    id: x.id,
    node_id: `REA_${x.id}`,
    user: user(x.user),
    content: x.content,
    created_at: x.createdAt,
  })
  const listReactions = (kind: 'issue' | 'pull'): Handler => {
    return async (ctx) => {
      const list = reactions.get(reactionTarget(ctx, kind)) ?? []
      const content = ctx.query.content
      const shown = content ? list.filter((x) => x.content === content) : list
      return { body: paginate(ctx, shown).map(reactionJson) }
    }
  }
  /** GitHub: an unknown content is 422; the same user and content again answers 200 with the first. */
  const createReaction = (kind: 'issue' | 'pull'): Handler => {
    return async (ctx) => {
      const key = reactionTarget(ctx, kind)
      const content = String(ctx.body.content ?? '')
      if (!(REACTION_CONTENTS as readonly string[]).includes(content)) {
        validationFailed([
          {
            resource: 'Reaction',
            code: 'invalid',
            field: 'content',
            message: `content '${content}' is not one of ${REACTION_CONTENTS.join(', ')}`,
          },
        ])
      }
      const list = reactions.get(key) ?? []
      reactions.set(key, list)
      const existing = list.find((x) => x.user === ctx.login && x.content === content)
      if (existing) return { status: 200, body: reactionJson(existing) }
      const made: ReactionState = { id: id(), user: ctx.login, content, createdAt: now() }
      list.push(made)
      return { status: 201, body: reactionJson(made) }
    }
  }
  const conversationRoutes: Partial<Record<ServedRoute, Handler>> = {
    'GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': listReactions('issue'),
    'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': createReaction('issue'),
    'GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions': listReactions('pull'),
    'POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions': createReaction('pull'),
    // Replies (POST .../comments/{comment_id}/replies) are served with the review comments above.
  }
  Object.assign(routes, conversationRoutes)

  function addStatus(
    d: DeploymentState,
    state: string,
    login: string,
    b: {
      description?: string
      log_url?: string
      target_url?: string
      environment?: string
      environment_url?: string
    },
  ) {
    const s: DeploymentStatusState = {
      id: id(),
      state,
      description: b.description ?? '',
      environment: b.environment ?? d.environment,
      logUrl: b.log_url ?? b.target_url ?? '',
      environmentUrl: b.environment_url ?? '',
      creator: login,
      createdAt: now(),
    }
    d.statuses.unshift(s)
    return s
  }

  const graphqlPath = (opts.graphqlPath ?? '/graphql').replace(/\/+$/, '')
  const graphql = createGraphql({
    repos,
    serverUrl,
    headSha: (r, n) => pullHeadSha(r, pullOf(r, String(n))),
  })

  // Route templates -> regexes; `{ref}` and `{basehead}` may contain slashes.
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, template] = key.split(' ') as [string, string]
    const names: string[] = []
    const source = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name)
      return name === 'ref' || name === 'basehead' ? '(.+)' : '([^/]+)'
    })
    return { key, method, regex: new RegExp(`^${source}$`), names, handler: handler as Handler }
  })

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      req.on('error', reject)
    })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const path = url.pathname.replace(/\/+$/, '') || '/'
    const query = Object.fromEntries(url.searchParams)
    const rawBody = await readBody(req)
    for (const fn of arrivals) fn({ method, path })
    let body: unknown = undefined
    const record: RecordedRequest = {
      method,
      path,
      query,
      body: undefined,
      status: 0,
      accept: req.headers.accept,
      arrivedAt,
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': `EMU:${requests.length + 1}`,
    }
    let lostAnswer: Fault | undefined
    const send = (status: number, payload: unknown, raw?: string) => {
      record.status = status
      record.answeredAt = performance.now()
      requests.push(record)
      if (lostAnswer) {
        record.applied = status < 400
        record.status = lostAnswer.status
        if (lostAnswer.status === 0) {
          req.socket.destroy()
          return
        }
        Object.assign(headers, defaultFaultHeaders(lostAnswer.status), lostAnswer.headers ?? {})
        res.writeHead(lostAnswer.status, headers)
        res.end(JSON.stringify(lostAnswer.body ?? defaultFaultBody(lostAnswer.status)))
        return
      }
      res.writeHead(status, headers)
      res.end(status === 204 ? undefined : (raw ?? JSON.stringify(payload)))
    }
    try {
      if (rawBody) {
        try {
          body = JSON.parse(rawBody)
        } catch {
          fail(400, 'Problems parsing JSON')
        }
      }
      record.body = body
      const fault = faults.find(
        (f) => f.left > 0 && (!f.method || f.method.toUpperCase() === method) && f.path.test(path),
      )
      if (fault) {
        fault.left--
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs))
      }
      if (fault?.hold) {
        // Held only: answered below as if there were no fault.
      } else if (fault?.afterApply) {
        // Run the real handler below, then replace its answer with the fault.
        lostAnswer = fault
      } else if (fault) {
        if (fault.status === 0) {
          record.status = 0
          requests.push(record)
          req.socket.destroy()
          return
        }
        Object.assign(headers, defaultFaultHeaders(fault.status), fault.headers ?? {})
        send(fault.status, fault.body ?? defaultFaultBody(fault.status))
        return
      }
      const auth = /^(?:token|bearer)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))
      const token = auth ? tokens.get(auth[1]!.trim()) : undefined
      if (!auth) fail(401, 'Requires authentication')
      if (!token) fail(401, 'Bad credentials')
      record.login = token.login
      const count = (used.get(token.login) ?? 0) + 1
      used.set(token.login, count)
      Object.assign(headers, {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(Math.max(0, 5000 - count)),
        'x-ratelimit-used': String(count),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': 'core',
      })
      if (method === 'POST' && path === graphqlPath) {
        send(200, await graphql(body, token))
        return
      }
      let match: { route: (typeof table)[number]; params: Record<string, string> } | undefined
      for (const route of table) {
        if (route.method !== method) continue
        const m = route.regex.exec(path)
        if (m) {
          const params: Record<string, string> = {}
          route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)))
          match = { route, params }
          break
        }
      }
      if (!match) {
        unhandled.push(record)
        fail(404, 'Not Found')
      }
      if (method !== 'GET' && method !== 'HEAD' && token.readOnly) {
        headers['x-accepted-github-permissions'] = 'contents=write; pull_requests=write'
        fail(403, 'Resource not accessible by integration')
      }
      const validate = validatorFor(match.route.key)
      if (validate) {
        const entry = loadSchemas().bodies[match.route.key]!
        if (body === undefined && entry.required)
          fail(422, 'Invalid request.\n\nNo body was supplied.')
        if (body !== undefined && !validate(body)) {
          fail(422, `Invalid request.\n\n${describeErrors(validate.errors ?? []).join('\n')}`)
        }
      }
      const ctx: Ctx = {
        req,
        method,
        path,
        query,
        params: match.params,
        body: (body ?? {}) as Record<string, unknown>,
        login: token.login,
        base: apiBase,
        setHeader: (n, v) => (headers[n] = v),
      }
      const out = await match.route.handler(ctx)
      if (out.contentType) headers['content-type'] = out.contentType
      send(out.status ?? 200, out.body, out.raw)
    } catch (err) {
      if (err instanceof HttpError) {
        Object.assign(headers, err.headers)
        send(err.status, err.body)
      } else {
        send(500, { message: `Emulator error: ${(err as Error).stack ?? String(err)}` })
      }
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  apiBase = `http://127.0.0.1:${port}`
  const graphqlUrl = `${apiBase}${graphqlPath}`

  const emulator: GitHubEmulator = {
    url: apiBase,
    graphqlUrl,
    state: { repos },
    requests,
    unhandled,
    addRepo(o) {
      const r: RepoState = {
        owner: o.owner,
        repo: o.repo,
        id: numericId(`${o.owner}/${o.repo}`),
        defaultBranch: o.defaultBranch ?? 'main',
        gitDir: o.gitDir,
        private: o.private ?? false,
        failingContexts: o.failingContexts ?? [],
        refs: new Map(),
        pulls: new Map(),
        issues: new Map(),
        comments: [],
        reviews: [],
        reviewComments: [],
        deployments: [],
        permissions: new Map(),
        workflowRuns: new Map(),
        nextNumber: 1,
      }
      if (!o.gitDir) r.refs.set(`refs/heads/${r.defaultBranch}`, 'a'.repeat(40))
      repos.set(`${o.owner}/${o.repo}`.toLowerCase(), r)
      return r
    },
    addPull(o) {
      const r = getRepo(o.owner, o.repo)
      const number = o.number ?? r.nextNumber
      r.nextNumber = Math.max(r.nextNumber, number + 1)
      const t = now()
      r.pulls.set(number, {
        number,
        id: id(),
        title: o.title ?? `PR ${number}`,
        body: o.body ?? null,
        state: o.state ?? 'open',
        draft: o.draft ?? false,
        user: o.user ?? 'octocat',
        base: { ...o.base },
        head: {
          ref: o.head.ref,
          sha: o.head.sha,
          repoFullName:
            o.head.repoFullName === undefined ? `${o.owner}/${o.repo}` : o.head.repoFullName,
        },
        labels: [],
        createdAt: t,
        updatedAt: t,
        ...(o.mergeCommitSha ? { mergeCommitSha: o.mergeCommitSha } : {}),
      })
      if (o.mergeCommitSha) r.pulls.get(number)!.state = 'closed'
      addLabels(r, r.pulls.get(number)!, o.labels ?? [])
      return number
    },
    addIssue(o) {
      const r = getRepo(o.owner, o.repo)
      const number = r.nextNumber++
      r.issues.set(number, {
        number,
        id: id(),
        title: o.title,
        body: o.body ?? null,
        user: o.user ?? 'octocat',
        labels: [],
        state: o.state ?? 'open',
        createdAt: now(),
      })
      addLabels(r, r.issues.get(number)!, o.labels ?? [])
      return number
    },
    addComment(o) {
      const r = getRepo(o.owner, o.repo)
      const t = now()
      const c: CommentState = {
        id: id(),
        issueNumber: o.issueNumber,
        body: o.body,
        user: o.user ?? 'octocat',
        createdAt: t,
        updatedAt: t,
      }
      r.comments.push(c)
      return c.id
    },
    addDeployment(o) {
      const r = getRepo(o.owner, o.repo)
      const environment = o.environment ?? 'production'
      const d: DeploymentState = {
        id: id(),
        sha: o.sha,
        ref: o.ref ?? o.sha,
        task: 'deploy',
        payload: o.payload ?? {},
        environment,
        description: null,
        creator: o.creator ?? 'octocat',
        transient: false,
        production: environment === 'production',
        createdAt: now(),
        statuses: [],
      }
      for (const s of o.statuses ?? []) addStatus(d, s, d.creator, {})
      r.deployments.push(d)
      return d.id
    },
    async preparePull(owner, repo, number) {
      const r = getRepo(owner, repo)
      const p = pullOf(r, String(number))
      await pullFiles(r, p)
      if (r.gitDir) await pullDiffText(r, p)
    },
    addWorkflowRun(owner, repo, run) {
      const r = getRepo(owner, repo)
      const runId = run.id ?? id()
      r.workflowRuns.set(runId, { ...run, id: runId })
      return runId
    },
    async setRef(owner, repo, ref, sha) {
      await writeRef(getRepo(owner, repo), ref.startsWith('refs/') ? ref : `refs/heads/${ref}`, sha)
    },
    setPermission(owner, repo, login, level) {
      getRepo(owner, repo).permissions.set(login, level)
    },
    addToken(token, info) {
      tokens.set(token, info)
    },
    fault(f) {
      faults.push({ ...f, left: f.times ?? 1 })
    },
    clearFaults() {
      faults.length = 0
    },
    onRequest(fn) {
      arrivals.push(fn)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  return emulator
}

function defaultFaultHeaders(status: number): Record<string, string> {
  if (status === 429) {
    return {
      'retry-after': '1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
    }
  }
  return {}
}

function defaultFaultBody(status: number): unknown {
  const common = { documentation_url: DOCS, status: String(status) }
  if (status === 403) {
    return {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID EMU.',
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    }
  }
  if (status === 429)
    return { message: 'API rate limit exceeded for installation ID 1.', ...common }
  if (status === 404) return { message: 'Not Found', ...common }
  if (status >= 500)
    return { message: status === 500 ? 'Server Error' : (STATUS_CODES[status] ?? 'Server Error') }
  return { message: STATUS_CODES[status] ?? 'Error', ...common }
}
