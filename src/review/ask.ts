/**
 * Asked gets one answer (contract section 8): a question in a pitcrew thread, or about the
 * sticky summary, is answered exactly once by an agent loop that sees the conversation, the
 * finding and the code at the PR's head, with read-only workspace tools and the usual budgets.
 *
 * Exactly once, in code: the answer carries `<!-- pitcrew:answer:<question id> -->`; that marker
 * is looked for (on comments by pitcrew's token only) BEFORE the model is called, so a
 * re-delivered event costs nothing and posts nothing, and the post itself goes through
 * writeOnce (a lost answer is looked up by the marker before any second send).
 */
import type { Conversation } from '../config/router.js'
import type { TaskDeps, TaskResult } from '../task.js'
import { emptyUsage, type AgentResult, type ToolDefinition, type Usage } from '../agent/types.js'
import { loadPrompt } from '../prompts.js'
import { workspaceTools } from '../tools/workspace.js'
import { Git } from '../tools/git.js'
import { readAt } from '../tools/git-tree.js'
import { createComment, findComment, tokenAuthorCheck } from '../github/comments.js'
import {
  findTrusted,
  listReviewComments,
  replyOnce,
  threadOf,
  type ReviewComment,
} from '../github/replies.js'
import { quoteUntrusted, sanitizeUntrusted } from '../safety/sanitize.js'
import { conversationSkip } from './commands.js'
import { overBudgetResult } from '../agent/budget-gate.js'
import { FP_MARKER_RE } from './fingerprint.js'
import { SUMMARY_MARKER } from './summary.js'

type Ask = Extract<Conversation, { kind: 'ask' }>

/** The hidden key of the answer to comment `questionId`. */
export function answerMarker(questionId: number): string {
  return `<!-- pitcrew:answer:${questionId} -->`
}

/** Lines of code shown around the finding's line, each side. */
const CONTEXT_LINES = 20
/** GitHub refuses comment bodies over 65536 characters. */
const MAX_ANSWER_CHARS = 60_000

interface AnswerInput {
  body: string
}

/** The final tool of an answer loop. */
export function answerTool(): ToolDefinition<AnswerInput> {
  return {
    name: 'answer',
    description:
      'Post the answer to the question (Markdown, a few sentences). Call it exactly once, at the end.',
    final: true,
    inputSchema: {
      type: 'object',
      properties: { body: { type: 'string', description: 'The answer, in Markdown.' } },
      required: ['body'],
    },
    run: async () => 'Answer received.',
  }
}

/** What the question is about: the thread (or the summary) and where to reply. */
interface Subject {
  /** The prompt section describing the conversation and the code. */
  context: string
  /** Posts the answer once; returns its id and URL. */
  post(body: string): Promise<{ id: number; url: string }>
}

/** Answers the question once, or says why it does not. */
export async function runAsk(deps: TaskDeps, ask: Ask): Promise<TaskResult> {
  const { ctx, route, log, settings, redactor } = deps
  const octokit = deps.octokit
  const prNumber = route.prNumber
  if (!octokit || !prNumber) {
    return conversationSkip(
      deps,
      'No pull request or no GitHub token: the question is not answered.',
    )
  }
  const { owner, repo } = ctx
  const marker = answerMarker(ask.commentId)
  const trusted = tokenAuthorCheck(octokit)
  const base = { commentId: ask.commentId, where: ask.where, prNumber }

  log.startGroup('pitcrew answer: the conversation')
  let subject: Subject | string
  try {
    subject =
      ask.where === 'thread'
        ? await threadSubject(deps, ask, prNumber, marker, trusted)
        : await summarySubject(deps, ask, prNumber, marker, trusted)
  } finally {
    log.endGroup()
  }
  if (typeof subject === 'string') return conversationSkip(deps, subject, base)

  // The model: the question, the conversation, the code; read-only tools; the usual budgets.
  const question = sanitizeUntrusted(ask.question, { maxChars: 4000 })
  const prompt = [
    `# A question about pitcrew's review of pull request #${prNumber} in ${owner}/${repo}`,
    `## The question (from ${route.triggeringActor ?? 'a user'}, who has write access)\n\n${question}`,
    subject.context,
    '\nAnswer the question, then call answer.',
  ].join('\n\n')
  // The repository budget, before the model call, as for a review.
  const refused = await deps.budget?.reserve()
  if (refused) return overBudgetResult('review', refused)
  let result: AgentResult<AnswerInput> | null = null
  let error: string | undefined
  try {
    result = await deps.agentClient().run<AnswerInput>({
      model: settings.inputs.model,
      system: loadPrompt('answer'),
      prompt,
      tools: [...workspaceTools(), answerTool()] as ToolDefinition[],
      budgets: {
        maxTurns: settings.inputs.maxTurns,
        maxCostUsd: settings.inputs.maxCostUsd,
        timeoutMs: settings.inputs.timeoutMinutes * 60_000,
      },
      workspace: ctx.workspace,
      label: `answer to ${ask.commentId}`,
      ...(deps.signal ? { signal: deps.signal } : {}),
    })
  } catch (err) {
    error = `The model call failed: ${(err as Error).message}`
  }
  const usage = result?.usage ?? usageOf(deps)
  const stopReason = result?.stopReason ?? 'api_error'
  const text = typeof result?.final?.input.body === 'string' ? result.final.input.body.trim() : ''
  if (!text) {
    const why =
      error ??
      `The answer loop ended without an answer (${stopReason}${result?.detail ? `: ${result.detail}` : ''}): nothing was posted.`
    return {
      mode: 'review',
      outcome: 'incomplete',
      result: { ...base, answered: false, reason: redactor.redact(why) },
      usage,
      stopReason,
      summary: `### pitcrew did not answer\n\n${redactor.redact(why)}\n`,
      failure: redactor.redact(why),
    }
  }
  const body = `${redactor.redact(text).slice(0, MAX_ANSWER_CHARS)}\n\n${marker}`
  if (settings.inputs.dryRun) {
    log.info('Dry run: the answer is not posted.')
    return {
      mode: 'review',
      outcome: 'dry-run',
      result: { ...base, answered: false, wouldPost: body },
      usage,
      stopReason,
      summary: `### pitcrew would answer (dry run)\n\n${body}\n`,
    }
  }
  const posted = await subject.post(body)
  log.info(`Answered comment ${ask.commentId}: ${posted.url}`)
  return {
    mode: 'review',
    outcome: 'answered',
    result: { ...base, answered: true, answerId: posted.id, answerUrl: posted.url },
    usage,
    stopReason,
    summary: `### pitcrew answered\n\nThe question in comment ${ask.commentId} on #${prNumber} was answered: ${posted.url}\n`,
  }
}

/**
 * A question in a review thread: the thread must be pitcrew's (its root is a comment by
 * pitcrew's token with a fingerprint marker), and must not hold an answer to it already.
 * Returns the reason to skip when it is not one to answer.
 */
async function threadSubject(
  deps: TaskDeps,
  ask: Ask,
  prNumber: number,
  marker: string,
  trusted: ReturnType<typeof tokenAuthorCheck>,
): Promise<Subject | string> {
  const { ctx, log } = deps
  const octokit = deps.octokit!
  const pr = { owner: ctx.owner, repo: ctx.repo, pullNumber: prNumber }
  const comments = await listReviewComments(octokit, pr)
  const question = comments.find((c) => c.id === ask.commentId)
  if (!question)
    return `Review comment ${ask.commentId} is no longer on PR #${prNumber}: not answered.`
  if (await trusted({ login: question.user, type: question.userType }))
    return `Review comment ${ask.commentId} is pitcrew's own: pitcrew does not answer itself.`
  const thread = threadOf(comments, ask.inReplyToId ?? question.id)
  const root = thread[0]
  const isOurs =
    root !== undefined &&
    root.inReplyToId === undefined &&
    new RegExp(FP_MARKER_RE.source).test(root.body) &&
    (await trusted({ login: root.user, type: root.userType }))
  if (!root || !isOurs || !thread.some((c) => c.id === question.id)) {
    return `Review comment ${ask.commentId} is not in a pitcrew thread (a thread whose first comment is a pitcrew finding): not answered.`
  }
  const done = await findTrusted(thread, marker, trusted)
  if (done) {
    return `Comment ${ask.commentId} was answered already (${done.url}): a re-delivered event gets no second answer, and no model call.`
  }
  log.info(
    `Question ${ask.commentId} in pitcrew's thread ${root.id} on ${root.path}:${root.line ?? '?'}.`,
  )
  const code = await codeAtHead(deps, root)
  return {
    context: [
      `## The finding and its thread`,
      `The finding is on \`${root.path}\`${root.line ? ` line ${root.line}` : ' (its line is outdated)'}.`,
      quoteUntrusted('The thread, oldest first', renderThread(thread, question.id), {
        maxChars: 20_000,
      }),
      code,
    ]
      .filter(Boolean)
      .join('\n\n'),
    post: (body) => replyOnce(octokit, { ...pr, toId: root.id, body, marker, trusted }),
  }
}

/** A question in the PR conversation: about pitcrew's sticky summary comment. */
async function summarySubject(
  deps: TaskDeps,
  ask: Ask,
  prNumber: number,
  marker: string,
  trusted: ReturnType<typeof tokenAuthorCheck>,
): Promise<Subject | string> {
  const { ctx } = deps
  const octokit = deps.octokit!
  const ref = { owner: ctx.owner, repo: ctx.repo, issueNumber: prNumber }
  const done = await findComment(octokit, { ...ref, marker, trusted })
  if (done) {
    return `Comment ${ask.commentId} was answered already (${done.url}): a re-delivered event gets no second answer, and no model call.`
  }
  const sticky = await findComment(octokit, { ...ref, marker: SUMMARY_MARKER, trusted })
  if (!sticky) {
    return `PR #${prNumber} has no pitcrew summary to ask about: not answered (comment '/pitcrew review' for a review).`
  }
  const summary = sticky.body.replace(/<!-- pitcrew:state [\s\S]*? -->\n?/, '')
  return {
    context: quoteUntrusted("pitcrew's summary comment on this PR", summary, { maxChars: 20_000 }),
    post: (body) => createComment(octokit, { ...ref, body, marker, trusted }),
  }
}

/** The thread as text: each comment with its author; the question marked. */
function renderThread(thread: ReviewComment[], questionId: number): string {
  return thread
    .map((c) => `${c.id === questionId ? '[the question] ' : ''}${c.user ?? 'unknown'}:\n${c.body}`)
    .join('\n\n---\n\n')
}

/**
 * The code the finding points at, at the PR's current head (fetched when the checkout lacks
 * it); the agent may read more with its tools.
 */
async function codeAtHead(deps: TaskDeps, root: ReviewComment): Promise<string> {
  const { ctx, route, settings, redactor, log } = deps
  const head = route.headSha
  if (!head) return ''
  const git = new Git(ctx.workspace, { authToken: settings.inputs.githubToken, redactor })
  const has = await git.run(['cat-file', '-e', `${head}^{commit}`], { allowFail: true })
  if (has.code !== 0) {
    await git.run(['fetch', '--no-tags', '--depth=1', 'origin', head], {
      allowFail: true,
      timeoutMs: 120_000,
    })
  }
  const text = await readAt(git, head, root.path).catch(() => null)
  if (text === null) {
    log.info(`${root.path} is not in the head ${head.slice(0, 7)}.`)
    return `\`${root.path}\` does not exist at the head ${head.slice(0, 7)}.`
  }
  const lines = text.split('\n')
  const at = root.line ?? 1
  const from = Math.max(1, at - CONTEXT_LINES)
  const to = Math.min(lines.length, at + CONTEXT_LINES)
  const shown = lines
    .slice(from - 1, to)
    .map((l, i) => `${from + i}${from + i === at ? ' >' : '  '} ${l}`)
    .join('\n')
  return quoteUntrusted(
    `\`${root.path}\` lines ${from}-${to} at the head ${head.slice(0, 7)} (line ${at} marked >)`,
    shown,
  )
}

function usageOf(deps: TaskDeps): Usage {
  try {
    return deps.agentClient().usage()
  } catch {
    return emptyUsage()
  }
}
