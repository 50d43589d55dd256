import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../harness/run-action.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { issueCommentEvent, pullRequestEvent } from '../harness/events.js'

const TOKEN = 'ghs_reviewConfigToken000000000000000000'
let emu: GitHubEmulator
let model: FakeAnthropic
let repo: TestRepo
let base: string
let head: string

beforeAll(async () => {
  repo = await createTestRepo({
    '.github/pitcrew.yml': 'review:\n  max-comments: 10\n',
    'src/auth.ts': 'export const allow = (role: string) => role === "admin"\n',
  })
  base = (await repo.git('rev-parse', 'HEAD')).trim()
  await repo.checkout('sneaky')
  // The PR weakens the check and, in the same PR, tells pitcrew to ignore every file.
  head = await repo.commit(
    {
      '.github/pitcrew.yml': 'review:\n  ignore: ["**"]\n',
      'src/auth.ts': 'export const allow = (role: string) => true\n',
    },
    'Simplify auth',
  )
  await repo.push('sneaky')
  await repo.git('push', '-q', 'origin', 'main')
  emu = await startGitHubEmulator({ tokens: { [TOKEN]: { login: 'github-actions[bot]' } } })
  emu.addRepo({ owner: 'acme', repo: 'widgets', gitDir: repo.origin })
  emu.addPull({
    owner: 'acme',
    repo: 'widgets',
    number: 9,
    base: { ref: 'main', sha: base },
    head: { ref: 'sneaky', sha: head },
  })
  model = await startAnthropicServer()
})

afterAll(async () => {
  await emu?.close()
  await model?.close()
  await repo?.cleanup()
})

describe('review configuration comes from the base commit', () => {
  it('a pull request cannot hide its own changes by editing .github/pitcrew.yml', async () => {
    model.queue(toolUse('submit_review', { summary: 'Looked at auth.', findings: [] }))
    const run = await runAction({
      eventName: 'pull_request',
      payload: pullRequestEvent({ number: 9, headRef: 'sneaky', headSha: head, baseSha: base }),
      repository: 'acme/widgets',
      workspace: repo.work,
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-api03-cfg0000000000' },
      env: { GITHUB_API_URL: emu.url, ANTHROPIC_BASE_URL: model.url, GITHUB_SHA: head },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/config: read from the base commit/)
    // src/auth.ts reached the model: the head's `ignore: ["**"]` was not applied.
    expect(model.requests).toHaveLength(1)
    expect(JSON.stringify(model.requests[0].body.messages)).toContain('src/auth.ts')
  })

  it('also on a /pitcrew review comment, whose event names no base commit', async () => {
    emu.setPermission('acme', 'widgets', 'maintainer', 'write')
    model.queue(toolUse('submit_review', { summary: 'Looked again.', findings: [] }))
    const before = model.requests.length
    const run = await runAction({
      eventName: 'issue_comment',
      payload: issueCommentEvent({ body: '/pitcrew review', user: 'maintainer', issueNumber: 9 }),
      repository: 'acme/widgets',
      workspace: repo.work,
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-api03-cfg0000000000' },
      env: { GITHUB_API_URL: emu.url, ANTHROPIC_BASE_URL: model.url, GITHUB_SHA: head },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/config: read from the base commit/)
    expect(model.requests.length).toBe(before + 1)
    expect(JSON.stringify(model.requests[before].body.messages)).toContain('src/auth.ts')
  })
})
