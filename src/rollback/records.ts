/**
 * What a rollback leaves on GitHub besides the rollback itself: the statuses of the bad
 * deployment, the incident issue and its label, the comment on the pull request. Each write that
 * is not idempotent by nature carries its own key and goes through `writeOnce`: after a lost
 * answer it is looked up by that key and sent again only when it is not there, so a deploy
 * workflow, a subscriber to the issue or the PR's author sees it exactly once.
 *
 * A write that fails for good is not a warning: it is named in `NotDone`, the summary lists it
 * and the step fails, and a rerun completes it (see complete.ts).
 */
import { createComment, findComment } from '../github/comments.js'
import { createDeploymentStatusOnce, truncate, type OnceOptions } from '../github/deployments.js'
import { errorMessage } from '../github/errors.js'
import { createIssueOnce } from '../github/issues.js'
import { readTuning } from '../config/tuning.js'
import type { TaskDeps } from '../task.js'
import type { RunScope } from './runtime.js'

/** What this run should have written and did not: each entry is one sentence a person reads. */
export type NotDone = string[]

/** The step's failure for a rollback that happened but is not fully recorded. */
export function notDoneFailure(badId: number, notDone: NotDone): string {
  return `Deployment ${badId} was rolled back, but not everything was recorded: ${notDone.join('; ')}. Re-run the job: it completes what is missing without rolling back again.`
}

/** The writes' retry timing: GitHub's unit (1 s), or the one the tests and the demo tune. */
export function onceOptions(deps: TaskDeps): OnceOptions {
  let unit: number | undefined
  try {
    unit = readTuning(deps.env).githubRetryUnitMs
  } catch {
    unit = undefined // a bad value was already refused when the run started
  }
  return { log: deps.log, ...(unit !== undefined ? { delayMs: unit } : {}) }
}

/** The link to this run, for statuses and the incident issue. */
export function runUrl({ deps, repo }: Pick<RunScope, 'deps' | 'repo'>): string {
  return `${deps.ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${deps.ctx.runId}`
}

/** GitHub's message for a failed write, redacted, one line. */
export function why(deps: TaskDeps, err: unknown): string {
  return deps.redactor.redact(errorMessage(err)).replace(/\s+/g, ' ').slice(0, 300)
}

/**
 * A `failure` status on the bad deployment, written once: after a lost answer a status with the
 * same state and description counts (a `failure` the deploy workflow wrote itself does not).
 */
export async function markBad(scope: RunScope, badId: number, description: string): Promise<void> {
  const { deps, octokit, repo } = scope
  const text = truncate(deps.redactor.redact(description), 140)
  await createDeploymentStatusOnce(
    octokit,
    { ...repo, deploymentId: badId, state: 'failure', description: text, logUrl: runUrl(scope) },
    {
      ...onceOptions(deps),
      matches: (s) => s.state === 'failure' && s.description === text,
    },
  )
}

/** The hidden key of the incident issue of deployment `badId`, in its body. */
export const incidentMarker = (badId: number) => `<!-- pitcrew:rollback:${badId} -->`

export interface IncidentIssue {
  number: number
  labels: string[]
}

/** Issues looked at for the key, newest first: an incident issue is opened after its deploy. */
const ISSUE_PAGES = 5

/**
 * Opens the incident issue once (key: the marker in its body), or, when one exists (the
 * approval follow-up, a rerun), comments `update` on it once (key: `updateKey`), then makes sure
 * it carries the label. Returns its number; every write that failed for good is added to
 * `notDone` instead of being thrown.
 */
export async function ensureIncidentIssue(
  scope: RunScope,
  opts: { badId: number; title: string; body: string; update?: { key: string; body: string } },
  notDone: NotDone,
  /** Told each write this call made, for the summary of a rerun that completes records. */
  done: (what: string) => void = () => undefined,
): Promise<number | undefined> {
  const { deps, cfg, octokit, repo } = scope
  const marker = incidentMarker(opts.badId)
  let issue: IncidentIssue
  let existed: boolean
  try {
    // An issue of pitcrew's holding the marker, open or closed (a closed one was handled: it is
    // not opened again); not looked up by label, which may be the missing part. Opened without
    // labels: the label is its own write below, so a label GitHub refuses does not cost the
    // issue, and a rerun adds the label to the issue it finds.
    const made = await createIssueOnce(octokit, {
      ...repo,
      title: truncate(deps.redactor.redact(opts.title), 200),
      body: deps.redactor.redact(`${marker}\n${opts.body}`),
      marker,
      maxPages: ISSUE_PAGES,
    })
    issue = made
    existed = !made.created
    if (made.created) {
      deps.log.info(`Incident issue: #${issue.number}.`)
      done(`the incident issue #${issue.number}`)
    }
  } catch (err) {
    notDone.push(`the incident issue was not opened (${why(deps, err)})`)
    return undefined
  }
  if (existed && opts.update) {
    const key = `<!-- pitcrew:rollback-update:${opts.badId}:${opts.update.key} -->`
    try {
      const c = await commentOnce(scope, issue.number, key, opts.update.body)
      if (c.posted) done(`the update on incident issue #${issue.number}`)
    } catch (err) {
      notDone.push(
        `the update on incident issue #${issue.number} was not posted (${why(deps, err)})`,
      )
    }
  }
  if (!issue.labels.some((l) => l.toLowerCase() === cfg.issueLabel.toLowerCase())) {
    try {
      // Adding a label is idempotent by nature: a retry of a lost answer adds nothing twice.
      await octokit.rest.issues.addLabels({
        ...repo,
        issue_number: issue.number,
        labels: [cfg.issueLabel],
      })
      done(`the label '${cfg.issueLabel}' on incident issue #${issue.number}`)
    } catch (err) {
      notDone.push(
        `the label '${cfg.issueLabel}' was not added to incident issue #${issue.number} (${why(deps, err)})`,
      )
    }
  }
  return issue.number
}

/**
 * Posts a comment once: `key` (a hidden marker) goes into the body, and after a lost answer a
 * comment of pitcrew's holding it counts as this one. An existing one is not posted again.
 */
export async function commentOnce(
  { deps, octokit, repo }: RunScope,
  issueNumber: number,
  key: string,
  body: string,
): Promise<{ id: number; posted: boolean }> {
  const before = await findComment(octokit, { ...repo, issueNumber, marker: key })
  if (before) return { id: before.id, posted: false }
  const made = await createComment(octokit, {
    ...repo,
    issueNumber,
    marker: key,
    body: deps.redactor.redact(`${key}\n${body}`),
  })
  return { id: made.id, posted: true }
}

/** The hidden key of the comment telling the PR of the bad sha about the rollback. */
export const pullCommentMarker = (badId: number) => `<!-- pitcrew:rollback-pr:${badId} -->`
