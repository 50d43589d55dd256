import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  deploymentStatusEvent,
  issueCommentEvent,
  pullRequestEvent,
  pushEvent,
  workflowDispatchEvent,
  workflowRunEvent,
  writeEvent,
} from '../harness/events.js'

describe("event payloads from GitHub's examples", () => {
  it('pull_request keeps the real shape with our repo, numbers and fork head', () => {
    const p = pullRequestEvent({
      action: 'synchronize',
      number: 7,
      headSha: 'a'.repeat(40),
      headRepoFullName: 'forker/widgets',
      draft: true,
    })
    expect(p).toMatchObject({
      action: 'synchronize',
      number: 7,
      after: 'a'.repeat(40),
      repository: { full_name: 'acme/widgets', owner: { login: 'acme' } },
      pull_request: {
        number: 7,
        draft: true,
        head: { sha: 'a'.repeat(40), repo: { full_name: 'forker/widgets', fork: true } },
        base: { ref: 'main' },
      },
    })
    // Fields we did not set come from GitHub's example.
    expect(p.pull_request).toHaveProperty('requested_reviewers')
    expect(JSON.stringify(p)).not.toContain('Codertocat/Hello-World')
  })

  it('issue_comment on a PR, workflow_run, deployment_status, dispatch and push', () => {
    expect(
      issueCommentEvent({ body: '/pitcrew fix', user: 'alice', issueNumber: 3 }),
    ).toMatchObject({
      action: 'created',
      issue: { number: 3, pull_request: { url: expect.stringContaining('/pulls/3') } },
      comment: { body: '/pitcrew fix', user: { login: 'alice' } },
    })
    expect(issueCommentEvent({ body: 'x', onPullRequest: false }).issue).not.toHaveProperty(
      'pull_request',
    )
    expect(
      workflowRunEvent({
        runId: 99,
        headBranch: 'feat',
        pullRequests: [{ number: 2, headRef: 'feat', headSha: 'b'.repeat(40), baseRef: 'main' }],
      }),
    ).toMatchObject({
      action: 'completed',
      workflow_run: {
        id: 99,
        conclusion: 'failure',
        head_branch: 'feat',
        pull_requests: [{ number: 2 }],
      },
    })
    expect(deploymentStatusEvent({ deploymentId: 5, environment: 'staging' })).toMatchObject({
      deployment: { id: 5, environment: 'staging' },
      deployment_status: { state: 'success', environment: 'staging' },
    })
    expect(workflowDispatchEvent({ inputs: { mode: 'fix' } })).toMatchObject({
      ref: 'refs/heads/main',
      inputs: { mode: 'fix' },
    })
    expect(pushEvent({ after: 'c'.repeat(40) })).toMatchObject({
      after: 'c'.repeat(40),
      repository: { full_name: 'acme/widgets' },
    })
  })

  it('writeEvent writes the payload file the runner would', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pitcrew-ev-'))
    const path = await writeEvent(dir, pullRequestEvent())
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ action: 'opened' })
  })
})
