/**
 * Remember (contract section 8): `/pitcrew remember <text>` from a user with write access adds
 * `<text>` as a line to `.github/pitcrew/MEMORY.md` on the branch `pitcrew/memory` and opens, or
 * updates, ONE pull request (label `pitcrew`) for it. The default branch is never written: the
 * only ref pushed is `refs/heads/pitcrew/memory`, checked in code before the push.
 *
 * Exactly once: each line ends with `<!-- pitcrew:memory:<comment id> -->`. A re-delivered
 * comment finds its marker on the branch (or, once merged, on the default branch) and adds
 * nothing; the pull request is found by its head branch (createOrUpdatePull), so a lost answer
 * or a rerun never opens a second one. The commit is made with git's plumbing, so the checkout
 * is left as it was.
 */
import type { Conversation } from '../config/router.js'
import type { TaskDeps, TaskResult } from '../task.js'
import { emptyUsage } from '../agent/types.js'
import { errorMessage } from '../github/errors.js'
import { createOrUpdatePull } from '../github/pulls.js'
import { Git } from '../tools/git.js'
import { commitFile, readAt } from '../tools/git-tree.js'
import { conversationSkip } from './commands.js'

type Remember = Extract<Conversation, { kind: 'remember' }>

export const MEMORY_BRANCH = 'pitcrew/memory'
export const MEMORY_PATH = '.github/pitcrew/MEMORY.md'
const MEMORY_HEADER =
  '# Project memory\n\nNotes for pitcrew reviews, added with `/pitcrew remember <text>`.\n\n'
/** Pushes tried when another run moved the branch meanwhile. */
const PUSH_ATTEMPTS = 3

/** The hidden key of the line added for comment `commentId`. */
export function memoryMarker(commentId: number): string {
  return `<!-- pitcrew:memory:${commentId} -->`
}

/** The memory file with the line for `commentId` appended (unchanged when it is there). */
export function withMemoryLine(current: string | null, text: string, commentId: number): string {
  const marker = memoryMarker(commentId)
  if (current?.includes(marker)) return current
  const start = current === null || current.trim() === '' ? MEMORY_HEADER : current
  const sep = start.endsWith('\n') ? '' : '\n'
  return `${start}${sep}- ${text} ${marker}\n`
}

/** Lines of `branch` the default branch does not have yet: the PR body lists them. */
export function pendingLines(branchText: string, defaultText: string | null): string[] {
  const have = new Set((defaultText ?? '').split('\n'))
  return branchText
    .split('\n')
    .filter((l) => /^- .*<!-- pitcrew:memory:\d+ -->$/.test(l) && !have.has(l))
}

/** Adds the line and opens or updates the memory pull request. */
export async function runRemember(deps: TaskDeps, cmd: Remember): Promise<TaskResult> {
  const { ctx, log, settings, redactor, route } = deps
  const octokit = deps.octokit
  if (!octokit) return conversationSkip(deps, 'No GitHub token: nothing is remembered.')
  const { owner, repo } = ctx
  const marker = memoryMarker(cmd.commentId)
  const git = new Git(ctx.workspace, { authToken: settings.inputs.githubToken, redactor })
  const base = { commentId: cmd.commentId, branch: MEMORY_BRANCH, path: MEMORY_PATH }

  log.startGroup('pitcrew remember')
  try {
    const defaultBranch = await defaultBranchOf(deps)
    if (defaultBranch === MEMORY_BRANCH) {
      throw new Error(
        `The default branch is '${MEMORY_BRANCH}': pitcrew never writes the default branch, so it cannot keep its memory there.`,
      )
    }
    let commit: string | null = null
    let added = false
    let lines: string[] = []
    for (let attempt = 1; ; attempt++) {
      const defaultHead = await fetchTip(git, defaultBranch)
      if (!defaultHead)
        throw new Error(`The default branch '${defaultBranch}' was not found on origin.`)
      const memoryHead = await fetchTip(git, MEMORY_BRANCH)
      const defaultText = await readAt(git, defaultHead, MEMORY_PATH)
      // A branch already merged (its tip is in the default branch) starts again from the default.
      const parent =
        memoryHead && !(await git.isAncestor(memoryHead, defaultHead)) ? memoryHead : defaultHead
      const current = await readAt(git, parent, MEMORY_PATH)
      if (defaultText?.includes(marker)) {
        return conversationSkip(
          deps,
          `Comment ${cmd.commentId} is remembered already: its line is in ${MEMORY_PATH} on '${defaultBranch}'.`,
          { ...base, added: false },
        )
      }
      const next = withMemoryLine(current, cmd.text, cmd.commentId)
      lines = pendingLines(next, defaultText)
      if (next === current) {
        log.info(
          `The line of comment ${cmd.commentId} is on '${MEMORY_BRANCH}' already: not added again.`,
        )
        commit = parent
        break
      }
      if (settings.inputs.dryRun) {
        log.info(`Dry run: would add to ${MEMORY_PATH} on '${MEMORY_BRANCH}': - ${cmd.text}`)
        return {
          mode: 'review',
          outcome: 'dry-run',
          result: { ...base, added: false, wouldAdd: cmd.text },
          usage: emptyUsage(),
          stopReason: 'none',
          summary: `### pitcrew would remember (dry run)\n\n- ${cmd.text}\n`,
        }
      }
      const sha = await commitFile(git, {
        parent,
        path: MEMORY_PATH,
        content: next,
        message: `pitcrew: remember "${cmd.text.slice(0, 60)}"\n\nAsked by ${route.triggeringActor ?? 'a user'} in comment ${cmd.commentId} on #${route.prNumber ?? '?'}.`,
        identity: {
          name: settings.config.fix.commitName,
          email: settings.config.fix.commitEmail,
        },
      })
      if (await pushMemory(git, sha, memoryHead)) {
        commit = sha
        added = true
        log.info(`Added the line to ${MEMORY_PATH} on '${MEMORY_BRANCH}' (${sha.slice(0, 7)}).`)
        break
      }
      if (attempt >= PUSH_ATTEMPTS) {
        throw new Error(
          `Could not push '${MEMORY_BRANCH}' after ${PUSH_ATTEMPTS} attempts: the branch kept moving.`,
        )
      }
      log.info(`'${MEMORY_BRANCH}' moved meanwhile; adding the line on its new tip.`)
    }

    const pull = await createOrUpdatePull(octokit, {
      owner,
      repo,
      head: MEMORY_BRANCH,
      base: defaultBranch,
      title: 'pitcrew: project memory',
      body: pullBody(lines),
      draft: false,
      labels: ['pitcrew'],
    }).catch((err: unknown) => {
      // The line is on the branch; only the pull request is missing, and a rerun of the job
      // finds the line there and opens (or updates) the one pull request.
      throw new Error(
        `The memory pull request from '${MEMORY_BRANCH}' was not opened or updated: ${errorMessage(err)}. The line is on '${MEMORY_BRANCH}' (${commit?.slice(0, 7) ?? '?'}); re-run the job to open the pull request.`,
        { cause: err },
      )
    })
    // The pull request stays; the label is a write that did not happen: the step fails, and a
    // rerun (which finds the line on the branch and updates this pull request) adds it.
    const labelFailure =
      pull.labelError &&
      `Could not add the label 'pitcrew' to the memory pull request #${pull.number}: ${pull.labelError}. Re-run the job to add it.`
    if (labelFailure) log.warning(labelFailure)
    log.info(`${pull.created ? 'Opened' : 'Updated'} the memory pull request #${pull.number}.`)
    return {
      mode: 'review',
      outcome: 'remembered',
      result: {
        ...base,
        added,
        commit,
        lines: lines.length,
        pullNumber: pull.number,
        pullUrl: pull.url,
        pullCreated: pull.created,
      },
      usage: emptyUsage(),
      stopReason: 'none',
      summary: `### pitcrew remembered\n\n${labelFailure ? `> ${labelFailure}\n\n` : ''}${added ? 'Added' : 'Already there'}: \`${cmd.text.replace(/`/g, "'")}\`\n\nMemory pull request: ${pull.url} (${lines.length} line${lines.length === 1 ? '' : 's'} to merge).\n`,
      ...(labelFailure ? { failure: labelFailure } : {}),
    }
  } finally {
    log.endGroup()
  }
}

/** The repository's default branch: from the payload, else from GitHub. */
async function defaultBranchOf(deps: TaskDeps): Promise<string> {
  const fromPayload = (deps.ctx.payload.repository as { default_branch?: unknown } | undefined)
    ?.default_branch
  if (typeof fromPayload === 'string' && fromPayload) return fromPayload
  const res = await deps.octokit!.rest.repos.get({ owner: deps.ctx.owner, repo: deps.ctx.repo })
  return res.data.default_branch
}

/** The tip of `branch` on origin, fetched into the checkout; null when the branch is absent. */
async function fetchTip(git: Git, branch: string): Promise<string | null> {
  const ref = `refs/heads/${branch}`
  const listed = await git.run(['ls-remote', 'origin', ref], { timeoutMs: 120_000 })
  if (!listed.stdout.split('\n').some((l) => l.endsWith(`\t${ref}`))) return null
  await git.run(['fetch', '--no-tags', 'origin', ref], { timeoutMs: 120_000 })
  return (await git.run(['rev-parse', '--verify', 'FETCH_HEAD^{commit}'])).stdout.trim()
}

/**
 * Pushes `sha` to the memory branch only (never any other ref), as a fast-forward of `expected`
 * (the tip it was built on; null: the branch must not exist yet). False when another run moved
 * the branch meanwhile; a push whose answer was lost counts when the branch now has `sha`.
 */
async function pushMemory(git: Git, sha: string, expected: string | null): Promise<boolean> {
  const target = `refs/heads/${MEMORY_BRANCH}`
  const r = await git.run(
    [
      'push',
      '--porcelain',
      `--force-with-lease=${target}:${expected ?? ''}`,
      'origin',
      `${sha}:${target}`,
    ],
    { allowFail: true, timeoutMs: 120_000 },
  )
  if (r.code === 0) return true
  const now = await git.run(['ls-remote', 'origin', target], { allowFail: true })
  return now.stdout.startsWith(sha)
}

function pullBody(lines: string[]): string {
  return [
    'Lines pitcrew was asked to remember with `/pitcrew remember <text>` by people with write access. Merged, they are read as project memory by every review (`context.files`).',
    '',
    ...(lines.length > 0
      ? lines.map((l) => l.replace(/ <!-- pitcrew:memory:\d+ -->$/, ''))
      : ['(no line is waiting: the branch holds what the default branch has)']),
    '',
    'This pull request is updated in place by each `/pitcrew remember`; pitcrew never writes the default branch.',
  ].join('\n')
}
