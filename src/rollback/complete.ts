/**
 * A rerun completes what an earlier run left half done. The loop guards refuse a second rollback
 * of a deployment that already has one (a rollback deployment whose payload names it), and that
 * stays so: a deploy workflow listening to `deployment` events must never roll back twice. But
 * the records of that rollback may be missing (GitHub failed for good, the job was killed between
 * two writes): the rollback deployment's statuses, the bad deployment's `failure`, the incident
 * issue and its label, the comment on the pull request. Each is read first and written, once,
 * only when absent.
 */
import {
  createDeploymentStatusOnce,
  listDeploymentStatuses,
  type Deployment,
  type DeploymentStatus,
} from '../github/deployments.js'
import type { TaskResult } from '../task.js'
import { pullOfSha } from './explain.js'
import { rollbackStatuses } from './methods/index.js'
import {
  commentOnce,
  ensureIncidentIssue,
  markBad,
  notDoneFailure,
  onceOptions,
  pullCommentMarker,
  runUrl,
  why,
  type NotDone,
} from './records.js'
import type { Results } from './result.js'
import type { RunScope } from './runtime.js'
import { ROLLED_BACK_MARKER } from './safety.js'

const TERMINAL = new Set(['success', 'failure', 'error', 'inactive'])

/** What `payload.pitcrew` of a rollback deployment says about the rollback. */
function rollbackInfo(d: Deployment): { run?: string; reason: string; method: string } {
  const p = (d.payload.pitcrew ?? {}) as Record<string, unknown>
  return {
    ...(typeof p.run === 'string' && p.run ? { run: p.run } : {}),
    reason: typeof p.reason === 'string' ? p.reason : 'not recorded',
    method: typeof p.method === 'string' ? p.method : 'github-deployment',
  }
}

/**
 * Completes the records of the rollback of `bad` by `rollback`. Null when nothing was missing
 * (the caller then skips as before: already rolled back, nothing to do).
 */
export async function completeRollback(
  scope: RunScope,
  results: Results,
  bad: Deployment,
  rollback: Deployment,
  badStatuses: DeploymentStatus[],
): Promise<TaskResult | null> {
  const { deps, cfg, octokit, repo } = scope
  const { log } = deps
  const info = rollbackInfo(rollback)
  const completed: string[] = []
  const notDone: NotDone = []
  log.startGroup(`Check the records of rollback deployment ${rollback.id}`)
  try {
    // 1. The rollback deployment's statuses, up to its terminal one.
    const statuses = await listDeploymentStatuses(octokit, { ...repo, deploymentId: rollback.id })
    if (!statuses.some((s) => TERMINAL.has(s.state))) {
      for (const s of rollbackStatuses(bad.id, rollback.sha, info.method)) {
        if (statuses.some((x) => x.state === s.state)) continue
        try {
          await createDeploymentStatusOnce(
            octokit,
            { ...repo, deploymentId: rollback.id, ...s, logUrl: runUrl(scope) },
            onceOptions(deps),
          )
          completed.push(`status '${s.state}' on rollback deployment ${rollback.id}`)
        } catch (err) {
          notDone.push(
            `rollback deployment ${rollback.id} got no '${s.state}' status (${why(deps, err)})`,
          )
          break
        }
      }
    }

    // 2. The bad deployment's `failure`, with the marker the guards read.
    if (!badStatuses.some((s) => s.description.startsWith(ROLLED_BACK_MARKER))) {
      try {
        await markBad(
          scope,
          bad.id,
          `${ROLLED_BACK_MARKER}: by deployment ${rollback.id} to ${rollback.sha.slice(0, 7)}`,
        )
        completed.push(`status 'failure' on deployment ${bad.id}`)
      } catch (err) {
        notDone.push(`deployment ${bad.id} was not marked 'failure' (${why(deps, err)})`)
      }
    }

    // 3 and 4. The incident issue and the PR comment, keyed by markers this version writes: a
    // rollback recorded by an older version (no `run` in its payload) had no PR comment key, and
    // a second comment must not be posted on its account.
    let issue: number | undefined
    if (info.run) {
      const runLink = `${deps.ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${info.run}`
      const text = [
        `Deployment ${bad.id} (\`${bad.sha.slice(0, 7)}\`) to ${bad.environment} was rolled back by deployment ${rollback.id} to \`${rollback.sha.slice(0, 7)}\` with ${info.method}.`,
        `Why: ${info.reason}.`,
        `The measurements are in the job summary of the run that decided it: ${runLink}`,
      ].join('\n\n')
      if (cfg.incidentIssue) {
        issue = await ensureIncidentIssue(
          scope,
          {
            badId: bad.id,
            title: `pitcrew: deployment ${bad.id} (${bad.sha.slice(0, 7)}) to ${bad.environment}: rolled back`,
            body: `## pitcrew rollback: roll back\n\n${text}`,
          },
          notDone,
          (what) => completed.push(what),
        )
      }
      const pull = await pullOfSha(scope, bad.sha)
      if (pull) {
        try {
          const c = await commentOnce(
            scope,
            pull.number,
            pullCommentMarker(bad.id),
            `### pitcrew rolled back \`${bad.sha.slice(0, 7)}\` in ${bad.environment}\n\n${text}${issue ? `\n\nIncident: #${issue}` : ''}`,
          )
          if (c.posted) completed.push(`the comment on pull request #${pull.number}`)
        } catch (err) {
          notDone.push(
            `the comment on pull request #${pull.number} was not posted (${why(deps, err)})`,
          )
        }
      }
    }
    if (!completed.length && !notDone.length) return null
    for (const c of completed) log.info(`Completed: ${c}.`)
    const summary = [
      `## pitcrew rollback: completed the records of an earlier rollback`,
      '',
      `Deployment ${bad.id} of \`${bad.sha.slice(0, 7)}\` to **${bad.environment}** was already rolled back by deployment ${rollback.id} of \`${rollback.sha.slice(0, 7)}\`${info.run ? ` ([run ${info.run}](${deps.ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${info.run}))` : ''}: not rolled back again.`,
      '',
      `**Why it was rolled back**: ${info.reason}`,
      ...(completed.length
        ? ['', '**Completed by this run**:', ...completed.map((c) => `- ${c}`)]
        : []),
      ...(notDone.length
        ? [
            '',
            '**Not done** (the step fails; re-run the job to complete it, nothing is rolled back twice):',
            ...notDone.map((n) => `- ${n}`),
          ]
        : []),
    ].join('\n')
    return results.finish(
      'rolled-back',
      {
        deploymentId: bad.id,
        sha: bad.sha,
        environment: bad.environment,
        guard: 'already-rolled-back',
        rollbackDeploymentId: rollback.id,
        target: { sha: rollback.sha },
        method: info.method,
        completed,
        issue: issue ?? null,
        ...(notDone.length ? { notDone } : {}),
      },
      summary,
      notDone.length
        ? notDoneFailure(bad.id, notDone)
        : cfg.failOnRollback
          ? `Deployment ${bad.id} was rolled back by deployment ${rollback.id}; this run completed its records: ${completed.join('; ')}.`
          : undefined,
    )
  } finally {
    log.endGroup()
  }
}
