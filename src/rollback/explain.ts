import type { AgentClient } from '../agent/client.js'
import { createComment } from '../github/comments.js'
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

async function pullOfSha(
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

/** The incident summary, then the incident issue (when configured). */
export async function explain(
  scope: RunScope,
  facts: WatchFacts,
  useClient: (c: AgentClient) => void,
): Promise<{ incident: string; issue: number | undefined }> {
  const incident = await incidentSummary(scope.deps, facts, useClient)
  const issue = await postIssue(scope, facts, incident)
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

/** Opens (or, for the approval follow-up, comments on) the incident issue. Returns its number. */
export async function postIssue(
  { deps, cfg, octokit, repo }: RunScope,
  facts: WatchFacts,
  incident: string,
): Promise<number | undefined> {
  if (!cfg.incidentIssue) return undefined
  const marker = `<!-- pitcrew:rollback:${facts.deployment.id} -->`
  const body = deps.redactor.redact(`${marker}\n${renderSummary(facts, incident)}`)
  // The lookup may fail where listing issues is unavailable; then a new issue is opened.
  const open = await safely(deps, 'list open incident issues', () =>
    octokit.rest.issues.listForRepo({
      ...repo,
      labels: cfg.issueLabel,
      state: 'open',
      per_page: 100,
    }),
  )
  return safely(deps, 'post the incident issue', async () => {
    const existing = open?.data.find((i) => i.body?.includes(marker))
    if (existing) {
      await createComment(octokit, {
        ...repo,
        issueNumber: existing.number,
        body: deps.redactor.redact(`**Update**: ${facts.action}\n\n${incident}`),
      })
      return existing.number
    }
    const created = await octokit.rest.issues.create({
      ...repo,
      title:
        `pitcrew: deployment ${facts.deployment.id} (${facts.deployment.sha.slice(0, 7)}) to ${facts.environment}: ${facts.action.split(':')[0]}`.slice(
          0,
          200,
        ),
      body,
      labels: [cfg.issueLabel],
    })
    return created.data.number
  })
}

/** Tells the PR that shipped the bad sha that it was rolled back, and where the incident is. */
export async function commentOnPull(
  { deps, octokit, repo }: RunScope,
  pull: { number: number },
  bad: Deployment,
  incident: string,
  issue: number | undefined,
): Promise<void> {
  await safely(deps, 'comment on the PR', () =>
    createComment(octokit, {
      ...repo,
      issueNumber: pull.number,
      body: deps.redactor.redact(
        `### pitcrew rolled back \`${bad.sha.slice(0, 7)}\` in ${bad.environment}\n\n${incident}${issue ? `\n\nIncident: #${issue}` : ''}`,
      ),
    }),
  )
}
