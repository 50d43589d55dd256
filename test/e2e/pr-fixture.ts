import { runAction, type ActionRun, type CancelPlan } from '../harness/run-action.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { startAnthropicServer, type FakeAnthropic } from '../harness/anthropic-server.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { pullRequestEvent } from '../harness/events.js'

export const OWNER = 'acme'
export const REPO = 'widgets'

/** A pull request on a real repository, served by the emulator, with a scripted model. */
export interface PrFixture {
  emu: GitHubEmulator
  model: FakeAnthropic
  repo: TestRepo
  base: string
  head: string
  token: string
  /** Runs the action on a `pull_request` event for PR `number` (in-process unless `spawn`). */
  review(
    number: number,
    opts?: {
      spawn?: boolean
      bundle?: string
      node?: string
      apiKey?: string
      env?: Record<string, string>
      cancel?: CancelPlan
    },
  ): Promise<ActionRun>
  close(): Promise<void>
}

/**
 * `main` holds `baseFiles`; branch `branch` changes them to `headFiles`; PRs `numbers` ask to
 * merge it (several numbers: one fresh PR per test, since a PR reviewed once is not reviewed
 * again on the same head).
 */
export async function prFixture(opts: {
  token: string
  baseFiles: Record<string, string>
  headFiles: Record<string, string>
  branch: string
  numbers: number[]
}): Promise<PrFixture> {
  const repo = await createTestRepo(opts.baseFiles)
  const base = (await repo.git('rev-parse', 'HEAD')).trim()
  await repo.checkout(opts.branch)
  const head = await repo.commit(opts.headFiles, `Change on ${opts.branch}`)
  await repo.push(opts.branch)
  await repo.git('push', '-q', 'origin', 'main')
  const emu = await startGitHubEmulator({
    tokens: { [opts.token]: { login: 'github-actions[bot]' } },
  })
  emu.addRepo({ owner: OWNER, repo: REPO, gitDir: repo.origin })
  for (const number of opts.numbers) {
    emu.addPull({
      owner: OWNER,
      repo: REPO,
      number,
      base: { ref: 'main', sha: base },
      head: { ref: opts.branch, sha: head },
    })
  }
  const model = await startAnthropicServer()
  return {
    emu,
    model,
    repo,
    base,
    head,
    token: opts.token,
    review: (number, o = {}) =>
      runAction({
        spawn: o.spawn,
        bundle: o.bundle,
        node: o.node,
        cancel: o.cancel,
        eventName: 'pull_request',
        payload: pullRequestEvent({ number, headRef: opts.branch, headSha: head, baseSha: base }),
        repository: `${OWNER}/${REPO}`,
        workspace: repo.work,
        inputs: {
          'github-token': opts.token,
          'anthropic-api-key': o.apiKey ?? 'sk-ant-api03-e2e00000000000',
        },
        env: { GITHUB_API_URL: emu.url, ANTHROPIC_BASE_URL: model.url, GITHUB_SHA: head, ...o.env },
      }),
    async close() {
      await emu.close()
      await model.close()
      await repo.cleanup()
    },
  }
}
