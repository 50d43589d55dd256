import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../harness/run-action.js'
import { toolUse } from '../harness/anthropic-server.js'
import { issueCommentEvent } from '../harness/events.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

let pr: PrFixture

beforeAll(async () => {
  pr = await prFixture({
    token: 'ghs_reviewConfigToken000000000000000000',
    baseFiles: {
      '.github/pitcrew.yml': 'review:\n  max-comments: 10\n',
      'src/auth.ts': 'export const allow = (role: string) => role === "admin"\n',
    },
    // The PR weakens the check and, in the same PR, tells pitcrew to ignore every file.
    headFiles: {
      '.github/pitcrew.yml': 'review:\n  ignore: ["**"]\n',
      'src/auth.ts': 'export const allow = (role: string) => true\n',
    },
    branch: 'sneaky',
    numbers: [9],
  })
})
afterAll(async () => pr?.close())

describe('review configuration comes from the base commit', () => {
  it('a pull request cannot hide its own changes by editing .github/pitcrew.yml', async () => {
    const { model } = pr
    model.queue(toolUse('submit_review', { summary: 'Looked at auth.', findings: [] }))
    const run = await pr.review(9)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/config: read from the base commit/)
    // src/auth.ts reached the model: the head's `ignore: ["**"]` was not applied.
    expect(model.requests).toHaveLength(1)
    expect(JSON.stringify(model.requests[0].body.messages)).toContain('src/auth.ts')
  })

  it('also on a /pitcrew review comment, whose event names no base commit', async () => {
    const { emu, model, repo, head, token } = pr
    emu.setPermission('acme', 'widgets', 'maintainer', 'write')
    model.queue(toolUse('submit_review', { summary: 'Looked again.', findings: [] }))
    const before = model.requests.length
    const run = await runAction({
      eventName: 'issue_comment',
      payload: issueCommentEvent({ body: '/pitcrew review', user: 'maintainer', issueNumber: 9 }),
      repository: 'acme/widgets',
      workspace: repo.work,
      inputs: { 'github-token': token, 'anthropic-api-key': 'sk-ant-api03-cfg0000000000' },
      env: { GITHUB_API_URL: emu.url, ANTHROPIC_BASE_URL: model.url, GITHUB_SHA: head },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/config: read from the base commit/)
    expect(model.requests.length).toBe(before + 1)
    expect(JSON.stringify(model.requests[before].body.messages)).toContain('src/auth.ts')
  })
})
