import { describe, expect, it } from 'vitest'
import { actorRefusal } from '../../src/safety/actor.js'
import type { RunContext } from '../../src/context.js'
import type { Route } from '../../src/config/router.js'

function ctx(eventName: string, sender?: { login: string; type: string }): RunContext {
  return {
    eventName,
    payload: sender ? { sender } : {},
    owner: 'acme',
    repo: 'widgets',
    workspace: '/tmp',
    sha: '',
    ref: '',
    runId: '1',
    actor: '',
    apiUrl: 'http://127.0.0.1:9',
    graphqlUrl: 'http://127.0.0.1:9/graphql',
    serverUrl: 'https://github.com',
    runnerTemp: '/tmp',
  }
}
const route = (triggeringActor?: string): Route => ({
  mode: 'review',
  reason: 'test',
  triggeringActor,
})

// No octokit: every permission lookup answers 'none', so anything needing write is refused.
describe('actorRefusal (who may make pitcrew act)', () => {
  it('does not check deployment_status: deploy apps create most deployments', async () => {
    const refusal = await actorRefusal(
      ctx('deployment_status', { login: 'vercel[bot]', type: 'Bot' }),
      route('vercel[bot]'),
      [],
      null,
    )
    expect(refusal).toBeNull()
  })

  it('refuses a person event whose actor is unknown', async () => {
    expect(await actorRefusal(ctx('issue_comment'), route(undefined), [], null)).toMatch(/unknown/)
  })

  it('refuses a comment command from someone without write access', async () => {
    const refusal = await actorRefusal(ctx('issue_comment'), route('drive-by'), [], null)
    expect(refusal).toMatch(/drive-by/)
  })

  it('lets a pull_request by a person through (fork PRs get the read-only path)', async () => {
    expect(await actorRefusal(ctx('pull_request'), route('octocat'), [], null)).toBeNull()
  })

  it('refuses an unlisted bot on any event, and takes a listed one by exact login', async () => {
    const sender = { login: 'renovate[bot]', type: 'Bot' }
    expect(
      await actorRefusal(ctx('pull_request', sender), route('renovate[bot]'), [], null),
    ).toMatch(/renovate\[bot\]/)
    expect(
      await actorRefusal(
        ctx('pull_request', sender),
        route('renovate[bot]'),
        ['renovate[bot]'],
        null,
      ),
    ).toBeNull()
  })

  it("judges the actor, not the sender: an app's event on a person's action is not a bot", async () => {
    const refusal = await actorRefusal(
      ctx('pull_request', { login: 'some-app[bot]', type: 'Bot' }),
      route('alice'),
      [],
      null,
    )
    expect(refusal).toBeNull()
  })
})
