import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../harness/run-action.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { issueCommentEvent, pullRequestEvent, example } from '../harness/events.js'

const TOKEN = 'ghs_e2eTokenE2eTokenE2eTokenE2eToken0001'
let emu: GitHubEmulator

beforeAll(async () => {
  emu = await startGitHubEmulator({ tokens: { [TOKEN]: { login: 'github-actions[bot]' } } })
  emu.addRepo({ owner: 'acme', repo: 'widgets' })
})
afterAll(async () => {
  await emu.close()
})

function workspace(files: Record<string, string> = {}): string {
  const ws = mkdtempSync(join(tmpdir(), 'pitcrew-ws-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(ws, path, '..'), { recursive: true })
    writeFileSync(join(ws, path), content)
  }
  return ws
}

const writes = () => emu.requests.filter((r) => r.method !== 'GET')

describe('the action as the runner runs it', () => {
  it('fails with a clear message and writes nothing when no API key is given (bundle)', async () => {
    const before = emu.requests.length
    const run = await runAction({
      spawn: true,
      eventName: 'pull_request',
      payload: pullRequestEvent({}),
      repository: 'acme/widgets',
      workspace: workspace(),
      inputs: { 'github-token': TOKEN },
      env: { GITHUB_API_URL: emu.url, ANTHROPIC_API_KEY: undefined },
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/::error::Input 'anthropic-api-key' is empty/)
    expect(emu.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([])
  })

  it('skips an event it does not handle with a notice and exit 0', async () => {
    const run = await runAction({
      eventName: 'star',
      payload: example('star'),
      repository: 'acme/widgets',
      workspace: workspace(),
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-api03-unused' },
      env: { GITHUB_API_URL: emu.url },
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('skipped')
    expect(run.outputs.mode).toBe('none')
    expect(run.stdout).toMatch(/::notice::pitcrew skipped: .*star/)
    expect(run.summary).toMatch(/skipped/)
  })

  it('fails on a malformed input, naming the input, the value and the expected form', async () => {
    const before = writes().length
    const run = await runAction({
      eventName: 'pull_request',
      payload: pullRequestEvent({}),
      repository: 'acme/widgets',
      workspace: workspace(),
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-x', 'max-turns': 'lots' },
      env: { GITHUB_API_URL: emu.url },
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/max-turns/)
    expect(run.stdout).toMatch(/lots/)
    expect(run.stdout).toMatch(/[Ee]xpected/)
    expect(writes().length).toBe(before)
  })

  it('fails on an unknown config key with a suggestion, writing nothing', async () => {
    const before = writes().length
    const run = await runAction({
      eventName: 'pull_request',
      payload: pullRequestEvent({}),
      repository: 'acme/widgets',
      workspace: workspace({ '.github/pitcrew.yml': 'reveiw:\n  max-comments: 5\n' }),
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-x' },
      env: { GITHUB_API_URL: emu.url },
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/reveiw/)
    expect(run.stdout).toMatch(/did you mean 'review'/i)
    expect(writes().length).toBe(before)
  })

  it('skips a /pitcrew command from a commenter without write access', async () => {
    emu.setPermission('acme', 'widgets', 'drive-by', 'read')
    const before = writes().length
    const run = await runAction({
      eventName: 'issue_comment',
      payload: issueCommentEvent({ body: '/pitcrew review', user: 'drive-by', issueNumber: 1 }),
      repository: 'acme/widgets',
      workspace: workspace(),
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-x' },
      env: { GITHUB_API_URL: emu.url },
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('skipped')
    expect(run.stdout).toMatch(/::notice::pitcrew skipped: .*drive-by/)
    expect(writes().length).toBe(before)
  })

  it('skips a pull request opened by a bot that is not listed, and never trusts the [bot] suffix', async () => {
    const run = await runAction({
      eventName: 'pull_request',
      payload: pullRequestEvent({ user: 'dependabot[bot]', sender: 'dependabot[bot]' }),
      repository: 'acme/widgets',
      workspace: workspace(),
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-x' },
      env: { GITHUB_API_URL: emu.url },
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('skipped')
    expect(run.stdout).toMatch(/dependabot\[bot\]/)
  })
})
