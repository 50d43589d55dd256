/**
 * The emulator's GraphQL endpoint, executed by the real `graphql` package against GitHub's
 * published schema (@octokit/graphql-schema): a document GitHub would reject (an unknown field,
 * a bad argument, a missing variable) is rejected here too, with GitHub's answer shape (HTTP
 * 200, `{ errors: [...] }`). Resolvers read and change the emulator's state: a PR's review
 * threads (derived from its review comments: a top-level comment starts a thread, replies join
 * it), the resolve/unresolve mutations and `pinIssue` (write access only, as on GitHub).
 *
 * The schema's SDL (schema.graphql) has duplicate fields that `buildSchema` refuses, so the
 * schema is built from the introspection result (schema.json) with `buildClientSchema`.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  buildClientSchema,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql'
import { gitIn } from './git.js'
import type { PermissionLevel, RepoState } from './github-emulator.js'

let schema: GraphQLSchema | undefined

/** GitHub's public GraphQL schema, built once per process (the JSON is 5 MB). */
export function githubSchema(): GraphQLSchema {
  if (!schema) {
    // The package exports only its entry point: schema.json sits beside it.
    const entry = fileURLToPath(import.meta.resolve('@octokit/graphql-schema'))
    const json = JSON.parse(readFileSync(join(dirname(entry), 'schema.json'), 'utf8')) as
      IntrospectionQuery | { data: IntrospectionQuery }
    schema = buildClientSchema('data' in json ? json.data : json)
  }
  return schema
}

/** What the GraphQL resolvers need from the emulator. */
export interface GraphqlHost {
  repos: Map<string, RepoState>
  serverUrl: string
  headSha(r: RepoState, pullNumber: number): Promise<string>
}

/** The caller: the token's login, and whether the token may write. */
export interface Viewer {
  login: string
  readOnly?: boolean
}

/** A GraphQL error with GitHub's `type` (NOT_FOUND, FORBIDDEN...). */
class TypedError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message)
  }
}

type Comment = RepoState['reviewComments'][number]

interface ThreadState {
  resolvedBy: string | null
}

/** Resolution state per repository, keyed by the thread's root comment id. */
const resolutions = new WeakMap<RepoState, Map<number, ThreadState>>()
function threadState(r: RepoState, rootId: number): ThreadState {
  let m = resolutions.get(r)
  if (!m) resolutions.set(r, (m = new Map()))
  let s = m.get(rootId)
  if (!s) m.set(rootId, (s = { resolvedBy: null }))
  return s
}

/** GitHub's GraphQL spells a bot's login without the `[bot]` suffix REST uses. */
const actorLogin = (login: string) => login.replace(/\[bot\]$/, '')
const actor = (login: string) => ({
  __typename: login.endsWith('[bot]') ? 'Bot' : 'User',
  login: actorLogin(login),
})

const WRITE: PermissionLevel[] = ['admin', 'maintain', 'write']
/** A token listed in the repository's permissions needs write; the app token (unlisted) writes unless read-only. */
function canWrite(r: RepoState, v: Viewer): boolean {
  if (v.readOnly) return false
  const level = r.permissions.get(v.login)
  return level === undefined ? v.login.endsWith('[bot]') : WRITE.includes(level)
}

const encodeCursor = (i: number) => Buffer.from(`cursor:v2:${i}`).toString('base64')
function decodeCursor(c: string): number {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(c, 'base64').toString('utf8'))
  if (!m)
    throw new TypedError(
      'INVALID_CURSOR_ARGUMENTS',
      `\`${c}\` does not appear to be a valid cursor.`,
    )
  return Number(m[1])
}

/** A connection page, with GitHub's rules: `first` required (1..100), `after` a cursor. */
function connection<T>(
  items: T[],
  args: { first?: number | null; after?: string | null; last?: number | null },
  name: string,
) {
  if (args.last != null)
    throw new TypedError('NOT_IMPLEMENTED', `The emulator pages \`${name}\` with \`first\` only.`)
  if (args.first == null)
    throw new TypedError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
    )
  if (args.first < 0 || args.first > 100)
    throw new TypedError(
      'EXCESSIVE_PAGINATION',
      `Requesting ${args.first} records on the \`${name}\` connection exceeds the \`first\` limit of 100 records.`,
    )
  const start = args.after ? decodeCursor(args.after) + 1 : 0
  const page = items.slice(start, start + args.first)
  return {
    totalCount: items.length,
    nodes: page,
    edges: page.map((node, i) => ({ node, cursor: encodeCursor(start + i) })),
    pageInfo: {
      hasNextPage: start + args.first < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? encodeCursor(start) : null,
      endCursor: page.length ? encodeCursor(start + page.length - 1) : null,
    },
  }
}

async function fileLines(r: RepoState, sha: string, path: string): Promise<string[] | null> {
  if (!r.gitDir) return null
  try {
    return (await gitIn(r.gitDir, ['show', `${sha}:${path}`])).split('\n')
  } catch {
    return null
  }
}

/**
 * Where a thread's lines are at the PR's head: the commented lines (at the comment's commit)
 * found again at the head, nearest the old place; null when they are gone or changed (the
 * thread is outdated, as GitHub marks a thread whose lines a push changed).
 */
async function currentLine(r: RepoState, root: Comment, head: string): Promise<number | null> {
  if (root.line === null) return null
  if (root.commitId === head || root.side === 'LEFT') return root.line
  const start = root.startLine ?? root.line
  const [before, after] = await Promise.all([
    fileLines(r, root.commitId, root.path),
    fileLines(r, head, root.path),
  ])
  if (!before || !after) return null
  const wanted = before.slice(start - 1, root.line)
  let best: number | null = null
  for (let i = 0; i + wanted.length <= after.length; i++) {
    if (wanted.every((l, k) => after[i + k] === l)) {
      const end = i + wanted.length
      if (best === null || Math.abs(end - root.line) < Math.abs(best - root.line)) best = end
    }
  }
  return best
}

/** Handles one POST /graphql body; the answer is always HTTP 200, as on GitHub. */
export function createGraphql(host: GraphqlHost) {
  const findRepo = (owner: string, name: string) => host.repos.get(`${owner}/${name}`.toLowerCase())

  /** Every thread of the repository by root comment id, for node ids. */
  const threadById = (id: string): { r: RepoState; root: Comment } | null => {
    const m = /^PRRT_(\d+)$/.exec(id)
    if (!m) return null
    for (const r of host.repos.values()) {
      const root = r.reviewComments.find((c) => c.id === Number(m[1]) && !c.inReplyToId)
      if (root) return { r, root }
    }
    return null
  }

  const commentJson = (r: RepoState, c: Comment) => ({
    __typename: 'PullRequestReviewComment',
    id: `PRRC_${c.id}`,
    databaseId: c.id,
    fullDatabaseId: String(c.id),
    author: actor(c.user),
    body: c.body,
    bodyText: c.body,
    createdAt: c.createdAt,
    updatedAt: c.createdAt,
    path: c.path,
    line: c.line,
    originalLine: c.line,
    startLine: c.startLine,
    originalStartLine: c.startLine,
    diffHunk: c.diffHunk,
    url: `${host.serverUrl}/${r.owner}/${r.repo}/pull/${c.pullNumber}#discussion_r${c.id}`,
    commit: { __typename: 'Commit', oid: c.commitId },
    originalCommit: { __typename: 'Commit', oid: c.commitId },
    replyTo: null,
  })

  const threadJson = (r: RepoState, root: Comment, viewer: Viewer) => {
    const s = threadState(r, root.id)
    const line = async () => currentLine(r, root, await host.headSha(r, root.pullNumber))
    return {
      __typename: 'PullRequestReviewThread',
      id: `PRRT_${root.id}`,
      isResolved: s.resolvedBy !== null,
      isCollapsed: s.resolvedBy !== null,
      isOutdated: async () => (await line()) === null,
      path: root.path,
      line,
      startLine: async () => {
        const end = await line()
        return end === null || root.startLine === null ? null : end - (root.line! - root.startLine)
      },
      originalLine: root.line,
      originalStartLine: root.startLine,
      diffSide: root.side ?? 'RIGHT',
      startDiffSide: root.startSide,
      subjectType: 'LINE',
      resolvedBy: s.resolvedBy ? { __typename: 'User', login: actorLogin(s.resolvedBy) } : null,
      viewerCanResolve: canWrite(r, viewer) && s.resolvedBy === null,
      viewerCanUnresolve: canWrite(r, viewer) && s.resolvedBy !== null,
      viewerCanReply: !viewer.readOnly,
      comments: (args: { first?: number; after?: string; last?: number }) =>
        connection(
          r.reviewComments
            .filter((c) => c.id === root.id || c.inReplyToId === root.id)
            .map((c) => commentJson(r, c)),
          args,
          'comments',
        ),
    }
  }

  const setResolved = (
    input: { threadId: string; clientMutationId?: string },
    viewer: Viewer,
    on: boolean,
  ) => {
    const t = threadById(input.threadId)
    if (!t)
      throw new TypedError(
        'NOT_FOUND',
        `Could not resolve to a node with the global id of '${input.threadId}'`,
      )
    if (!canWrite(t.r, viewer))
      throw new TypedError(
        'FORBIDDEN',
        viewer.readOnly
          ? 'Resource not accessible by integration'
          : `${viewer.login} does not have permission to ${on ? 'resolve' : 'unresolve'} this review thread.`,
      )
    threadState(t.r, t.root.id).resolvedBy = on ? viewer.login : null
    return {
      clientMutationId: input.clientMutationId ?? null,
      thread: threadJson(t.r, t.root, viewer),
    }
  }

  /** An issue by its node id (`I_<id>`, as REST's `node_id`); pull requests are not issues here. */
  const issueById = (id: string) => {
    const m = /^I_(\d+)$/.exec(id)
    if (!m) return null
    for (const r of host.repos.values()) {
      for (const i of r.issues.values()) if (i.id === Number(m[1])) return { r, issue: i }
    }
    return null
  }

  /** GitHub's pinIssue: write access; at most three pinned issues per repository. */
  const pinIssue = (input: { issueId: string; clientMutationId?: string }, viewer: Viewer) => {
    const found = issueById(input.issueId)
    if (!found)
      throw new TypedError(
        'NOT_FOUND',
        `Could not resolve to a node with the global id of '${input.issueId}'`,
      )
    const { r, issue } = found
    if (!canWrite(r, viewer))
      throw new TypedError(
        'FORBIDDEN',
        viewer.readOnly
          ? 'Resource not accessible by integration'
          : `${viewer.login} does not have permission to pin this issue.`,
      )
    const pinned = [...r.issues.values()].filter((i) => i.pinned)
    if (!issue.pinned && pinned.length >= 3)
      throw new TypedError('UNPROCESSABLE', 'You can only pin up to 3 issues per repository.')
    issue.pinned = true
    return {
      clientMutationId: input.clientMutationId ?? null,
      issue: { __typename: 'Issue', id: input.issueId, number: issue.number, isPinned: true },
    }
  }

  const root = (viewer: Viewer) => ({
    viewer: { __typename: 'User', login: viewer.login },
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const r = findRepo(owner, name)
      if (!r)
        throw new TypedError(
          'NOT_FOUND',
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        )
      return {
        __typename: 'Repository',
        id: `R_${r.id}`,
        name: r.repo,
        nameWithOwner: `${r.owner}/${r.repo}`,
        pullRequest: ({ number }: { number: number }) => {
          const p = r.pulls.get(number)
          if (!p)
            throw new TypedError(
              'NOT_FOUND',
              `Could not resolve to a PullRequest with the number of ${number}.`,
            )
          return {
            __typename: 'PullRequest',
            id: `PR_${p.id}`,
            number: p.number,
            reviewThreads: (args: { first?: number; after?: string; last?: number }) =>
              connection(
                r.reviewComments
                  .filter((c) => c.pullNumber === p.number && !c.inReplyToId)
                  .map((c) => threadJson(r, c, viewer)),
                args,
                'reviewThreads',
              ),
          }
        },
      }
    },
    node: ({ id }: { id: string }) => {
      const t = threadById(id)
      if (!t)
        throw new TypedError(
          'NOT_FOUND',
          `Could not resolve to a node with the global id of '${id}'`,
        )
      return threadJson(t.r, t.root, viewer)
    },
    pinIssue: ({ input }: { input: { issueId: string; clientMutationId?: string } }) =>
      pinIssue(input, viewer),
    resolveReviewThread: ({ input }: { input: { threadId: string } }) =>
      setResolved(input, viewer, true),
    unresolveReviewThread: ({ input }: { input: { threadId: string } }) =>
      setResolved(input, viewer, false),
  })

  return async (body: unknown, viewer: Viewer): Promise<unknown> => {
    const b = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown }
    if (typeof b.query !== 'string' || b.query.trim() === '')
      return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] }
    let doc: DocumentNode
    try {
      doc = parse(b.query)
    } catch (err) {
      return { errors: [toGitHub(err as GraphQLError)] }
    }
    const invalid = validate(githubSchema(), doc)
    if (invalid.length > 0) return { errors: invalid.map(toGitHub) }
    const result = await execute({
      schema: githubSchema(),
      document: doc,
      rootValue: root(viewer),
      variableValues: (b.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof b.operationName === 'string' ? b.operationName : undefined,
    })
    return {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(result.errors ? { errors: result.errors.map(toGitHub) } : {}),
    }
  }
}

/** GitHub's error shape: `type` beside message, path and locations. */
function toGitHub(e: GraphQLError): Record<string, unknown> {
  const json = e.toJSON() as unknown as Record<string, unknown>
  const type = e.originalError instanceof TypedError ? e.originalError.type : undefined
  return { ...(type ? { type } : {}), ...json }
}
