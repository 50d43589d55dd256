import type { AgentClient } from '../agent/client.js'
import type { Deployment } from '../github/deployments.js'
import { loadPrompt } from '../prompts.js'
import type { TaskDeps } from '../task.js'
import { safely } from './best-effort.js'
import {
  citesMeasurements,
  claimsRootCause,
  incidentPrompt,
  renderSummary,
  templatedIncident,
  type WatchFacts,
} from './report.js'
import {
  commentOnce,
  ensureIncidentIssue,
  pullCommentMarker,
  why,
  type NotDone,
} from './records.js'
import type { RunScope } from './runtime.js'

/**
 * What changed between the good and the bad sha, and the PR that shipped it: context for the
 * explanation, read best-effort (an unavailable API leaves it out).
 */
export async function gatherContext(
  scope: RunScope,
  bad: Deployment,
  target: Deployment,
): Promise<Pick<WatchFacts, 'commits' | 'pull'>> {
  const commits = await compareCommits(scope, target.sha, bad.sha)
  const pull = await pullOfSha(scope, bad.sha)
  return { commits, pull }
}

async function compareCommits(
  { deps, octokit, repo }: RunScope,
  base: string,
  head: string,
): Promise<WatchFacts['commits']> {
  const res = await safely(deps, 'compare the good and bad sha', () =>
    octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}` }),
  )
  return (res?.data.commits ?? []).map((c) => ({
    sha: c.sha,
    message: (c.commit.message ?? '').split('\n')[0]!,
    author: c.author?.login ?? c.commit.author?.name ?? 'unknown',
  }))
}

/** The pull request that shipped `sha` (merged first), read best-effort. */
export async function pullOfSha(
  { deps, octokit, repo }: RunScope,
  sha: string,
): Promise<{ number: number; title: string } | null> {
  const res = await safely(deps, 'find the PR of the bad sha', () =>
    octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha }),
  )
  const pulls = res?.data ?? []
  const p = pulls.find((x) => x.merged_at) ?? pulls[0]
  return p ? { number: p.number, title: p.title } : null
}

/**
 * The incident summary, then the incident issue (when configured). Writes that fail for good are
 * added to `notDone`.
 */
export async function explain(
  scope: RunScope,
  facts: WatchFacts,
  useClient: (c: AgentClient) => void,
  notDone: NotDone,
): Promise<{ incident: string; issue: number | undefined }> {
  const incident = await incidentSummary(scope.deps, facts, useClient)
  const issue = await postIssue(scope, facts, incident, notDone)
  return { incident, issue }
}

/** The model's incident summary, or the template when the model is unavailable or uncited. */
export async function incidentSummary(
  deps: TaskDeps,
  facts: WatchFacts,
  setClient: (c: AgentClient) => void,
): Promise<string> {
  const fallback = templatedIncident(facts)
  try {
    // Only the summary waits on the repository budget; the decision was taken before it.
    const refused = await deps.budget?.reserve()
    if (refused) {
      deps.log.warning(
        `The incident summary is not written by the model: ${refused.message} Posting the templated summary; the decision stands.`,
      )
      return fallback
    }
    const client = deps.agentClient()
    setClient(client)
    const res = await client.complete({
      model: deps.settings.inputs.smallModel,
      system: loadPrompt('rollback'),
      prompt: incidentPrompt(facts),
      maxTokens: 800,
    })
    const text = res.text.trim()
    if (!text || !citesMeasurements(text, facts)) {
      deps.log.warning(
        'The incident summary cites no measured value; posting the templated summary instead.',
      )
      return fallback
    }
    if (claimsRootCause(text)) {
      deps.log.warning(
        'The incident summary claims a root cause pitcrew has no evidence for; posting the templated summary instead.',
      )
      return fallback
    }
    return deps.redactor.redact(text)
  } catch (err) {
    deps.log.warning(
      `Incident summary by the model unavailable (${deps.redactor.redact((err as Error).message)}); posting the templated summary. The decision stands.`,
    )
    return fallback
  }
}

/**
 * Opens the incident issue once, or, when it exists (the approval follow-up job), comments the
 * action on it once. Returns its number.
 */
export async function postIssue(
  scope: RunScope,
  facts: WatchFacts,
  incident: string,
  notDone: NotDone,
): Promise<number | undefined> {
  if (!scope.cfg.incidentIssue) return undefined
  return ensureIncidentIssue(
    scope,
    {
      badId: facts.deployment.id,
      title: `pitcrew: deployment ${facts.deployment.id} (${facts.deployment.sha.slice(0, 7)}) to ${facts.environment}: ${facts.action.split(':')[0]}`,
      body: renderSummary(facts, incident),
      update: {
        // One update per kind of action: the follow-up job's rollback (or its failure).
        key: facts.action.startsWith('rolled back')
          ? 'rolled-back'
          : facts.action.startsWith('rollback FAILED')
            ? 'rollback-failed'
            : 'update',
        body: `**Update**: ${facts.action}\n\n${incident}`,
      },
    },
    notDone,
  )
}

/**
 * Tells the PR that shipped the bad sha that it was rolled back, and where the incident is: once
 * (a hidden key in the comment), even when GitHub's answer is lost or the run is re-run.
 */
export async function commentOnPull(
  scope: RunScope,
  pull: { number: number },
  bad: Deployment,
  incident: string,
  issue: number | undefined,
  notDone: NotDone,
): Promise<void> {
  try {
    await commentOnce(
      scope,
      pull.number,
      pullCommentMarker(bad.id),
      `### pitcrew rolled back \`${bad.sha.slice(0, 7)}\` in ${bad.environment}\n\n${incident}${issue ? `\n\nIncident: #${issue}` : ''}`,
    )
  } catch (err) {
    notDone.push(
      `the comment on pull request #${pull.number} was not posted (${why(scope.deps, err)})`,
    )
  }
}
