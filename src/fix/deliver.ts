/**
 * Delivery of a verified fix: a commit on the fix branch from the failing sha, pushed, and a draft
 * PR into the failing branch linked from the failing PR; a patch comment when pushing is not
 * possible (a fork, no branch); nothing at all on a dry run. Every way it ends is reported with
 * the verified facts.
 */
import { runUrl } from '../context.js'
import { errorMessage } from '../github/errors.js'
import { createOrUpdatePull } from '../github/pulls.js'
import type { TaskDeps, TaskResult } from '../task.js'
import type { Git } from '../tools/git.js'
import type { AgentOutcome } from './agent.js'
import { postRunComment } from './comment.js'
import { changedLines } from './guards.js'
import { branchHasPull } from './orphan.js'
import { addedPaths, checkNewPaths } from './paths.js'
import { pushBranch, pushTimeoutMs, type PushOutcome } from './push.js'
import * as report from './report.js'
import type { Reproduction } from './reproduce.js'
import type { FixTarget } from './target.js'

export interface DeliverInput {
  git: Git
  target: FixTarget
  repro: Reproduction
  agent: AgentOutcome
  /** The CLI: no GitHub; commit locally or leave the fix in the working tree. */
  local?: { commit: boolean }
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > max ? t.slice(0, max - 1) + '…' : t
}

/** Delivers the verified fix the agent outcome holds (`agent.verified` must be true). */
export async function deliver(deps: TaskDeps, o: DeliverInput): Promise<TaskResult> {
  const { settings, ctx, log, redactor } = deps
  const octokit = o.local ? null : deps.octokit
  const fix = settings.config.fix
  const { git, target, repro, agent } = o
  const { runId, branch, headSha, prNumber } = target
  const { owner, repo } = ctx
  const failures = repro.failures
  const changes = repro.changes
  const final = agent.final!
  const verification = agent.state.verification!
  const entries = agent.state.entries!
  const usage = agent.usage
  const agentStop = agent.result.stopReason

  const diff = await changes.diff()
  const diffStat = await changes.stat()
  const facts: report.PrBodyFacts = {
    failingBefore: failures,
    headRef: target.headRef ?? headSha.slice(0, 7),
    headSha,
    rootCause: final.root_cause,
    summary: final.summary,
    diffStat,
    verification,
    usage,
    stopReason: agentStop,
    runUrl: runUrl(ctx),
    prNumber,
    newFiles: addedPaths(entries),
  }
  const base = {
    runId,
    branch,
    failingBefore: failures.map((f) => f.id),
    rootCause: final.root_cause,
    changedLines: changedLines(entries),
    files: entries.map((e) => e.path),
    verification,
  }
  const body = redactor.redact(report.prBody(facts))
  const diffBlock = `\`\`\`diff\n${redactor.redact(diff).slice(0, 30_000)}\n\`\`\``
  /** Every way the delivery ends: the verified facts in the result. */
  const done = (
    fields: Record<string, unknown>,
    summary: string,
    failure?: string,
  ): TaskResult => ({
    mode: 'fix',
    // a verified fix that reached nobody is not a fix; a dry run delivers nothing by design
    outcome:
      fields.delivery === 'failed'
        ? 'not-fixed'
        : fields.delivery === 'dry-run'
          ? 'dry-run'
          : 'fixed',
    result: { ...base, ...fields },
    usage,
    stopReason: agentStop,
    summary,
    ...(failure ? { failure } : {}),
  })

  if (settings.inputs.dryRun) {
    log.info('Dry run: no commit, push, pull request or comment.')
    return done(
      { delivery: 'dry-run', diff: redactor.redact(diff) },
      `## pitcrew fix (dry run): verified fix, not delivered\n\nWould push \`${branch}\` and open a PR into \`${facts.headRef}\`.\n\n${body}\n\n${diffBlock}`,
    )
  }

  if (o.local && !o.local.commit) {
    return done(
      { delivery: 'working-tree', diff: redactor.redact(diff) },
      `## pitcrew fix: verified fix, left in the working tree\n\n${body}`,
    )
  }

  // Defence in depth: edit_file refuses such names, but nothing else reaches a commit either
  // (the tree as it is now, and the entries verification accepted).
  const badNames = [
    ...new Set([...checkNewPaths(entries), ...checkNewPaths(await changes.entries())]),
  ]
  if (badNames.length) {
    const failure = `Refused to commit the verified fix: it adds paths that may not be committed.\n${badNames.map((r) => `- ${r}`).join('\n')}`
    log.error(failure)
    await changes.revert(await changes.entries()).catch(() => undefined)
    return done(
      { delivery: 'failed', error: failure, refusedPaths: badNames },
      `## pitcrew fix: verified fix, not delivered\n\n${failure}\n\n${body}`,
      failure,
    )
  }

  // commit on the fix branch, from the failing sha
  const paths = [...new Set(entries.flatMap((e) => (e.oldPath ? [e.oldPath, e.path] : [e.path])))]
  await git.run(['checkout', '--quiet', '-B', branch])
  await git.run(['add', '-A', '--', ...paths])
  await git.run([
    '-c',
    `user.name=${fix.commitName}`,
    '-c',
    `user.email=${fix.commitEmail}`,
    'commit',
    '--quiet',
    '--no-verify',
    '-m',
    `fix: ${oneLine(final.root_cause, 60)}`,
    '-m',
    `${final.summary}\n\nFailing tests fixed:\n${failures
      .slice(0, 20)
      .map((f) => `- ${f.id}`)
      .join('\n')}\n\nVerified by pitcrew (run ${runId}).`,
  ])
  const commitSha = await git.revParse('HEAD')
  if (o.local) {
    log.info(`Committed ${commitSha.slice(0, 7)} on the local branch '${branch}' (not pushed).`)
    return done(
      { delivery: 'local-commit', commit: commitSha, diff: redactor.redact(diff) },
      `## pitcrew fix: verified fix committed on local branch \`${branch}\`\n\n${body}`,
    )
  }

  const commentPatch = async (why: string): Promise<TaskResult> => {
    const text = redactor.redact(
      report.patchComment({
        runId,
        failingBefore: failures,
        rootCause: final.root_cause,
        summary: final.summary,
        diff,
        verification,
        usage,
        stopReason: agentStop,
        why,
      }),
    )
    const posted = prNumber ? await postRunComment(deps, prNumber, runId, text) : {}
    if (posted.url) log.info(`Commented the verified patch on #${prNumber}.`)
    return done(
      {
        delivery: posted.url ? 'patch-comment' : 'summary',
        commentUrl: posted.url,
        reason: why,
        ...(posted.error ? { error: posted.error } : {}),
      },
      `## pitcrew fix: verified fix, patch ${posted.url ? 'commented' : 'below'} (${why})\n\n${text}`,
      posted.error && `The verified patch is in the job summary only: pitcrew ${posted.error}`,
    )
  }

  /**
   * The push did not land in the same repository: the patch comment is a fallback for the
   * people on the PR, not a delivery. The step fails and says what the server answered.
   */
  const pushNotDone = async (p: Exclude<PushOutcome, { kind: 'pushed' }>): Promise<TaskResult> => {
    const what =
      p.kind === 'refused'
        ? `origin refused the push of '${branch}'`
        : `the push of '${branch}' failed`
    log.error(`${what}: ${p.message}`)
    const fallback = await commentPatch(
      p.kind === 'refused' ? 'the push was refused' : 'the push failed',
    )
    const where =
      fallback.result.delivery === 'patch-comment'
        ? `the verified patch is commented on #${prNumber} instead`
        : 'the verified patch is in the job summary only'
    const failure = `The fix was verified but not pushed: ${what}: ${p.message.split('\n').join(' / ')}. No pull request was opened; ${where}.`
    return {
      ...fallback,
      // a verified fix that reached no branch and no PR is not a fix
      outcome: 'not-fixed',
      result: { ...fallback.result, push: p },
      summary: `## pitcrew fix: verified fix, not pushed (${p.kind === 'refused' ? 'push refused' : 'push failed'})\n\n${what}:\n\n\`\`\`\n${redactor.redact(p.message)}\n\`\`\`\n\nNo pull request was opened; ${where}.\n\n${fallback.summary.replace(/^## .*\n\n/, '')}`,
      failure: fallback.failure ? `${failure} ${fallback.failure}` : failure,
    }
  }

  if (!target.headRef)
    return commentPatch(
      'the failing branch is unknown (a detached HEAD and no branch in the event)',
    )
  if (target.isFork)
    return commentPatch('the pull request comes from a fork; pitcrew cannot push to it')
  if (!octokit)
    throw new Error(
      `Cannot open a pull request without a GitHub token. Expected the input 'github-token'.`,
    )

  // A branch already there without a PR was left by an earlier run that died after its push:
  // this push completes it, and it is deleted again when the PR cannot be opened.
  const existed =
    (
      await git.run(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`], {
        allowFail: true,
      })
    ).stdout.trim() !== ''
  const orphan = existed && !(await branchHasPull(octokit, deps, branch))
  if (orphan)
    log.info(
      `'${branch}' is on origin without a pull request (an earlier run stopped after its push): completing it.`,
    )
  const push = await pushBranch(git, {
    commit: commitSha,
    branch,
    timeoutMs: pushTimeoutMs(deps.env),
  })
  if (push.kind !== 'pushed') return pushNotDone(push)
  log.info(
    `Pushed ${commitSha.slice(0, 7)} to '${branch}'${existed ? ' (updated)' : ''}${push.confirmedBy === 'ls-remote' ? `; git reported a failure (${push.detail}), and origin shows the branch at the commit` : ''}.`,
  )
  let pr: { number: number; url: string; created: boolean; labelError?: string }
  try {
    pr = await createOrUpdatePull(octokit, {
      owner,
      repo,
      head: branch,
      base: target.headRef,
      title: report.prTitle(facts.headRef, failures),
      body,
      draft: fix.draft,
      labels: ['pitcrew'],
    })
  } catch (err) {
    // no orphan branch: a branch without a PR goes away with the PR that could not be opened
    let kept = ''
    if (!existed || orphan) {
      const del = await git.run(['push', '--quiet', 'origin', '--delete', branch], {
        allowFail: true,
      })
      if (del.code === 0)
        log.warning(`Deleted '${branch}' again: the pull request could not be opened.`)
      else kept = ` The branch '${branch}' could not be deleted again: delete it by hand.`
    }
    const failure = `Could not open the fix-up pull request for '${branch}': ${errorMessage(err)}.${kept}`
    return done(
      { delivery: 'failed', error: failure, diff: redactor.redact(diff) },
      `## pitcrew fix: verified fix, not delivered\n\n${failure}\n\n${body}\n\n${diffBlock}`,
      failure,
    )
  }
  log.info(`${pr.created ? 'Opened' : 'Updated'} #${pr.number}: ${pr.url}`)
  // The PR stays; a label that could not be added is a write that did not happen: it fails the
  // step, and a rerun (which finds and updates this PR) adds it.
  const labelFailure =
    pr.labelError &&
    `${pr.created ? 'Opened' : 'Updated'} #${pr.number} (${pr.url}), but could not add the label 'pitcrew': ${pr.labelError}. Re-run the job to add it.`
  if (labelFailure) log.warning(labelFailure)
  const link = prNumber
    ? await postRunComment(deps, prNumber, runId, report.linkComment(runId, pr, failures))
    : {}
  // What did not happen, said first in the summary and failing the step.
  const notDone = [
    labelFailure,
    link.error && `Opened #${pr.number} (${pr.url}), but pitcrew ${link.error}`,
  ].filter((x): x is string => Boolean(x))
  return done(
    {
      delivery: 'pull-request',
      commit: commitSha,
      pr: { number: pr.number, url: pr.url, created: pr.created },
      commentUrl: link.url,
    },
    `## pitcrew fix: ${pr.created ? 'opened' : 'updated'} [#${pr.number}](${pr.url})\n\n${notDone.map((n) => `> ${n}\n\n`).join('')}${body}`,
    notDone.join(' ') || undefined,
  )
}
