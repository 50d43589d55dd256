import type { RunContext } from '../context.js'
import type { Inputs, Mode } from './types.js'

/** Which mode runs for this event and what it acts on (contract section 3). */
export interface Route {
  mode: Mode | null
  /** Why this mode (or why nothing): shown as a notice on skips and in the log otherwise. */
  reason: string
  prNumber?: number
  headRef?: string
  headSha?: string
  baseRef?: string
  baseSha?: string
  headRepoFullName?: string
  isFork?: boolean
  isDraft?: boolean
  deploymentId?: number
  environment?: string
  /** Set when triggered by a `/pitcrew review` or `/pitcrew fix` comment. */
  commentCommand?: 'review' | 'fix'
  /**
   * The comment that carries a pitcrew command (review, fix, a question, remember): it gets the
   * `eyes` reaction before the work starts. `kind` says where it lives: `issue` for the PR
   * conversation, `review` for a review thread.
   */
  comment?: { id: number; kind: 'issue' | 'review' }
  /** A conversation command in a comment (contract section 8, "Conversations"). */
  conversation?: Conversation
  /** Login of the person (or bot) whose action triggered the run; checked for write access. */
  triggeringActor?: string
  workflowRunId?: number
}

/**
 * `ask`: a question (a `/pitcrew ...` comment that is no other command, or one mentioning
 * `@pitcrew`) to answer once in its thread; `remember`: a line for the project memory.
 */
export type Conversation =
  | {
      kind: 'ask'
      commentId: number
      /** Where the question was asked: a review thread (reply to `inReplyToId`) or the PR conversation. */
      where: 'thread' | 'conversation'
      inReplyToId?: number
      question: string
    }
  | { kind: 'remember'; commentId: number; where: 'thread' | 'conversation'; text: string }

const PR_EVENTS = ['pull_request', 'pull_request_target']
const PR_ACTIONS = ['opened', 'synchronize', 'reopened', 'ready_for_review']
const COMMENT_EVENTS = ['issue_comment', 'pull_request_review_comment']
const COMMAND_RE = /^\/pitcrew[ \t]+(review|fix)(?=\s|$)/
const REMEMBER_RE = /^\/pitcrew[ \t]+remember(?=\s|$)/
const SLASH_RE = /^\/pitcrew(?=\s|$)/
/** `@pitcrew` as a mention: not inside a word, an e-mail address or a longer login. */
const MENTION_RE = /(^|[^\w@./-])@pitcrew(?![\w-])/i
/** Longest memory line kept; a longer text is refused, not cut. */
export const MAX_MEMORY_TEXT = 500

type Json = Record<string, unknown>

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}
function login(user: unknown): string | undefined {
  return str(obj(user)?.login)
}
function branchOf(ref: string): string | undefined {
  if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length)
  return undefined
}

/** Pull request fields from a `pull_request` object of a webhook payload. */
function pullFields(pr: Json, baseRepoFallback?: string): Partial<Route> {
  const head = obj(pr.head) ?? {}
  const base = obj(pr.base) ?? {}
  const headRepo = str(obj(head.repo)?.full_name)
  const baseRepo = str(obj(base.repo)?.full_name) ?? baseRepoFallback
  return {
    prNumber: num(pr.number),
    headRef: str(head.ref),
    headSha: str(head.sha),
    baseRef: str(base.ref),
    baseSha: str(base.sha),
    headRepoFullName: headRepo,
    // A deleted fork has `head.repo: null`: treat it as a fork, the safe side.
    isFork: headRepo === undefined || baseRepo === undefined ? true : headRepo !== baseRepo,
    isDraft: typeof pr.draft === 'boolean' ? pr.draft : undefined,
  }
}

function repoName(ctx: RunContext, payload: Json): string | undefined {
  return (
    str(obj(payload.repository)?.full_name) ??
    (ctx.owner && ctx.repo ? `${ctx.owner}/${ctx.repo}` : undefined)
  )
}

/** Everything the payload says about its target, whatever the mode will be. */
function targetFields(ctx: RunContext): Partial<Route> {
  const p = ctx.payload
  const pr = obj(p.pull_request)
  if (pr) return pullFields(pr, repoName(ctx, p))
  const run = obj(p.workflow_run)
  if (run) {
    const headRepo = str(obj(run.head_repository)?.full_name)
    const baseRepo = repoName(ctx, p)
    const firstPr = Array.isArray(run.pull_requests) ? obj(run.pull_requests[0]) : undefined
    return {
      headRef: str(run.head_branch),
      headSha: str(run.head_sha),
      workflowRunId: num(run.id),
      headRepoFullName: headRepo,
      isFork: headRepo !== undefined && baseRepo !== undefined ? headRepo !== baseRepo : undefined,
      prNumber: num(firstPr?.number),
      baseRef: str(obj(firstPr?.base)?.ref),
      baseSha: str(obj(firstPr?.base)?.sha),
    }
  }
  const deployment = obj(p.deployment)
  if (deployment) {
    return {
      deploymentId: num(deployment.id),
      environment: str(obj(p.deployment_status)?.environment) ?? str(deployment.environment),
      headSha: str(deployment.sha),
      headRef: str(deployment.ref),
    }
  }
  const issue = obj(p.issue)
  if (issue && obj(issue.pull_request)) {
    return {
      prNumber: num(issue.number),
      isDraft: typeof issue.draft === 'boolean' ? issue.draft : undefined,
    }
  }
  // push, workflow_dispatch, schedule: the checked-out commit (GITHUB_REF/GITHUB_SHA, which a
  // workflow's own checkout follows), the payload only when the runner variables are missing.
  const after = str(p.after) && !/^0+$/.test(String(p.after)) ? str(p.after) : undefined
  return {
    headRef: branchOf(ctx.ref) ?? branchOf(str(p.ref) ?? ''),
    headSha: str(ctx.sha) ?? after,
  }
}

function describe(ctx: RunContext): string {
  const action = str(ctx.payload.action)
  return action ? `'${ctx.eventName}' (action '${action}')` : `'${ctx.eventName}'`
}

/**
 * Picks the mode for this run (contract section 3). An explicit `mode` input always wins;
 * with `auto` the event decides, and an event pitcrew does not handle gives `mode: null` with a
 * reason so the step can end with a notice and exit 0 instead of failing.
 */
export function routeEvent(ctx: RunContext, inputs: Pick<Inputs, 'mode'>): Route {
  const p = ctx.payload
  const event = ctx.eventName
  const action = str(p.action)
  const sender = login(p.sender) ?? (ctx.actor || undefined)
  const target = targetFields(ctx)

  if (inputs.mode !== 'auto') {
    const command = COMMENT_EVENTS.includes(event) ? commentCommand(p) : undefined
    return {
      ...target,
      ...(command ? { commentCommand: command } : {}),
      mode: inputs.mode,
      reason: `mode '${inputs.mode}' set by the 'mode' input (event ${describe(ctx)})`,
      triggeringActor: COMMENT_EVENTS.includes(event)
        ? (login(obj(p.comment)?.user) ?? sender)
        : actorOf(ctx, sender),
    }
  }

  if (PR_EVENTS.includes(event)) {
    if (!action || !PR_ACTIONS.includes(action)) {
      return skip(`${describe(ctx)} is not handled; review runs on ${PR_ACTIONS.join(', ')}`)
    }
    const draft = target.isDraft ? ' (draft)' : ''
    return {
      ...target,
      mode: 'review',
      reason: `pull request #${target.prNumber ?? '?'}${draft} ${action.replace(/_/g, ' ')} (event '${event}')`,
      triggeringActor: sender,
    }
  }

  if (COMMENT_EVENTS.includes(event)) {
    if (action !== 'created') {
      return skip(`${describe(ctx)} is not handled; only new comments ('created') carry commands`)
    }
    if (event === 'issue_comment' && !obj(obj(p.issue)?.pull_request)) {
      return skip(
        `'issue_comment' on issue #${num(obj(p.issue)?.number) ?? '?'}, which is not a pull request`,
      )
    }
    const command = commentCommand(p)
    const author = login(obj(p.comment)?.user) ?? sender
    const comment = commentRef(event, p)
    if (!command) return conversationRoute(event, p, target, author, comment)
    return {
      ...target,
      mode: command,
      commentCommand: command,
      ...(comment ? { comment } : {}),
      reason: `'/pitcrew ${command}' comment by ${author ?? 'unknown'} on pull request #${target.prNumber ?? '?'}`,
      triggeringActor: author,
    }
  }

  if (event === 'workflow_run') {
    const run = obj(p.workflow_run) ?? {}
    const conclusion = str(run.conclusion) ?? 'none'
    if (action !== 'completed') {
      return skip(
        `${describe(ctx)} is not handled; fix runs when a workflow run completed with 'failure'`,
      )
    }
    if (conclusion !== 'failure') {
      return skip(
        `workflow run ${num(run.id) ?? '?'} completed with conclusion '${conclusion}', not 'failure'`,
      )
    }
    return {
      ...target,
      mode: 'fix',
      reason: `workflow run ${target.workflowRunId ?? '?'} ('${str(run.name) ?? 'workflow'}') failed on '${target.headRef ?? '?'}' at ${target.headSha?.slice(0, 7) ?? '?'}`,
      triggeringActor: login(run.triggering_actor) ?? login(run.actor) ?? sender,
    }
  }

  if (event === 'deployment_status') {
    const state = str(obj(p.deployment_status)?.state) ?? 'none'
    if (state !== 'success') {
      return skip(
        `deployment ${target.deploymentId ?? '?'} has status '${state}'; rollback watches 'success' deployments`,
      )
    }
    return {
      ...target,
      mode: 'rollback',
      reason: `deployment ${target.deploymentId ?? '?'} to '${target.environment ?? '?'}' succeeded; watching its metrics`,
      triggeringActor:
        login(obj(p.deployment_status)?.creator) ?? login(obj(p.deployment)?.creator) ?? sender,
    }
  }

  if (['workflow_dispatch', 'push', 'schedule'].includes(event)) {
    return skip(
      `event '${event}' needs an explicit 'mode' input (review, fix or rollback); mode is 'auto'`,
    )
  }
  return skip(`event ${describe(ctx)} is not handled by pitcrew`)
}

function actorOf(ctx: RunContext, sender: string | undefined): string | undefined {
  const run = obj(ctx.payload.workflow_run)
  if (run) return login(run.triggering_actor) ?? login(run.actor) ?? sender
  return sender
}

function commentCommand(p: Json): 'review' | 'fix' | undefined {
  const body = str(obj(p.comment)?.body)
  const m = body ? COMMAND_RE.exec(body.trimStart()) : null
  return m ? (m[1] as 'review' | 'fix') : undefined
}

function commentRef(event: string, p: Json): Route['comment'] {
  const id = num(obj(p.comment)?.id)
  if (id === undefined) return undefined
  return { id, kind: event === 'issue_comment' ? 'issue' : 'review' }
}

/**
 * A comment that is not `/pitcrew review|fix`: `/pitcrew remember <text>`, a question (any other
 * `/pitcrew ...`, or a mention of `@pitcrew`), or nothing for pitcrew. In a review thread a
 * question must be a reply (whether the thread is pitcrew's is checked against GitHub later).
 */
function conversationRoute(
  event: string,
  p: Json,
  target: Partial<Route>,
  author: string | undefined,
  comment: Route['comment'],
): Route {
  const c = obj(p.comment) ?? {}
  const body = (str(c.body) ?? '').trimStart()
  const pr = `pull request #${target.prNumber ?? '?'}`
  const where = event === 'issue_comment' ? 'conversation' : 'thread'
  if (!comment) return skip(`${describe0(event)}: the comment has no id`)
  const base = { ...target, mode: 'review' as const, comment, triggeringActor: author }
  if (REMEMBER_RE.test(body)) {
    const text = memoryText(body.replace(REMEMBER_RE, ''))
    if (text === '') {
      return skip(
        `'/pitcrew remember' by ${author ?? 'unknown'} on ${pr} has no text. Expected '/pitcrew remember <text>', e.g. '/pitcrew remember We use tabs in Makefiles.'`,
      )
    }
    if (text.length > MAX_MEMORY_TEXT) {
      return skip(
        `'/pitcrew remember' by ${author ?? 'unknown'} on ${pr}: the text has ${text.length} characters. Expected at most ${MAX_MEMORY_TEXT}.`,
      )
    }
    return {
      ...base,
      conversation: { kind: 'remember', commentId: comment.id, where, text },
      reason: `'/pitcrew remember' comment by ${author ?? 'unknown'} on ${pr}`,
    }
  }
  if (SLASH_RE.test(body) || MENTION_RE.test(body)) {
    const inReplyToId = num(c.in_reply_to_id)
    if (where === 'thread' && inReplyToId === undefined) {
      return skip(
        `review comment ${comment.id} on ${pr} asks pitcrew but is not a reply in a thread: pitcrew answers in its own threads`,
      )
    }
    return {
      ...base,
      conversation: {
        kind: 'ask',
        commentId: comment.id,
        where,
        ...(inReplyToId !== undefined ? { inReplyToId } : {}),
        question: body,
      },
      reason: `question by ${author ?? 'unknown'} ${where === 'thread' ? `in review thread ${inReplyToId}` : 'in the conversation'} of ${pr}`,
    }
  }
  return skip(
    `${describe0(event)}: the comment does not start with '/pitcrew' and does not mention @pitcrew`,
  )
}

/** The memory line: one line, markers defused (an HTML comment would hide or forge one). */
export function memoryText(raw: string): string {
  return raw
    .replace(/<!--|-->/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function describe0(event: string): string {
  return `'${event}' (action 'created')`
}

function skip(reason: string): Route {
  return { mode: null, reason }
}
