/**
 * Fix mode through the whole action (runAction in-process: inputs, router, actor check, runFix,
 * outputs, summary) for each trigger of the contract, with the loop guards and the run id that
 * names the fix branch.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { runAction } from '../harness/run-action.js'
import {
  issueCommentEvent,
  pullRequestEvent,
  workflowDispatchEvent,
  workflowRunEvent,
} from '../harness/events.js'
import { gitIn } from '../harness/git.js'
import {
  API_KEY,
  OWNER,
  REPO,
  VITEST,
  setup,
  fixPrice,
  finishFixed,
  pulls,
  comments,
  type Env,
} from './setup.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

const inputs = (extra: Record<string, string> = {}) => ({
  'github-token': 'test-token',
  'anthropic-api-key': API_KEY,
  'test-command': VITEST,
  ...extra,
})

function runnerEnv(e: Env, over: Record<string, string> = {}): Record<string, string> {
  return { GITHUB_API_URL: e.emu.url, ANTHROPIC_BASE_URL: e.ai.url, ...over }
}

const fixPrs = (e: Env) => pulls(e).filter((p) => p.head.ref.startsWith('pitcrew/fix-'))

/** A checkout of the default branch only, as a comment or workflow_run job has. */
async function mainOnlyCheckout(e: Env): Promise<{ work: string; sha: string }> {
  const work = join(e.repo.dir, 'main-only')
  await gitIn(e.repo.dir, [
    'clone',
    '-q',
    '--single-branch',
    '--branch',
    'main',
    e.repo.origin,
    work,
  ])
  return { work, sha: (await gitIn(work, ['rev-parse', 'HEAD'])).trim() }
}

function failedRun(e: Env, runId: number, workspace: string, env: Record<string, string> = {}) {
  return runAction({
    eventName: 'workflow_run',
    payload: workflowRunEvent({
      owner: OWNER,
      repo: REPO,
      runId,
      headBranch: 'feature',
      headSha: e.headSha,
      actor: 'alice',
      pullRequests: [{ number: e.pr, headRef: 'feature', headSha: e.headSha, baseRef: 'main' }],
    }),
    repository: `${OWNER}/${REPO}`,
    workspace,
    inputs: inputs(),
    env: runnerEnv(e, env),
  })
}

describe('fix mode through the action: triggers', () => {
  it('/pitcrew fix on a PR: fixes the PR head (fetched into a default-branch checkout), opens the fix-up PR into the PR branch and links it', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    const ws = await mainOnlyCheckout(env)
    env.ai.queue(fixPrice, finishFixed)
    const run = await runAction({
      eventName: 'issue_comment',
      payload: issueCommentEvent({
        owner: OWNER,
        repo: REPO,
        issueNumber: env.pr,
        body: '/pitcrew fix please',
        user: 'alice',
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: ws.work,
      inputs: inputs(),
      env: runnerEnv(env, { GITHUB_SHA: ws.sha, GITHUB_RUN_ID: '8101' }),
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.mode).toBe('fix')
    expect(run.outputs.outcome, run.summary).toBe('fixed')
    const [pr, ...more] = fixPrs(env)
    expect(more).toEqual([])
    // no workflow_run id: the run id is this run's GITHUB_RUN_ID
    expect(pr!.head.ref).toBe('pitcrew/fix-8101')
    expect(pr!.base.ref).toBe('feature')
    // the fix sits on the PR's head commit, not on the checked-out default branch
    const parent = execFileSync('git', ['log', '-1', '--format=%P', 'pitcrew/fix-8101'], {
      cwd: env.repo.origin,
      encoding: 'utf8',
    }).trim()
    expect(parent).toBe(env.headSha)
    const link = comments(env).filter((c) => c.issueNumber === env!.pr)
    expect(link).toHaveLength(1)
    expect(link[0]!.body).toContain(`#${pr!.number}`)
  })

  it('workflow_run: the failing sha is checked out from a default-branch checkout; a rerun of the same failed run (new GITHUB_RUN_ID) updates the same branch and PR', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    const ws = await mainOnlyCheckout(env)
    env.ai.queue(fixPrice, finishFixed)
    const first = await failedRun(env, 6000, ws.work, { GITHUB_SHA: ws.sha, GITHUB_RUN_ID: '1' })
    expect(first.outputs.outcome, first.summary).toBe('fixed')
    expect(fixPrs(env).map((p) => p.head.ref)).toEqual(['pitcrew/fix-6000'])
    const number = fixPrs(env)[0]!.number

    env.ai.queue(fixPrice, finishFixed)
    const again = await failedRun(env, 6000, ws.work, { GITHUB_SHA: ws.sha, GITHUB_RUN_ID: '2' })
    expect(again.outputs.outcome, again.summary).toBe('fixed')
    expect(JSON.parse(again.outputs.result)).toMatchObject({
      branch: 'pitcrew/fix-6000',
      pr: { number, created: false },
    })
    expect(fixPrs(env)).toHaveLength(1)
    expect(comments(env).filter((c) => c.issueNumber === env!.pr)).toHaveLength(1)
  })

  it('an explicit `mode: fix` step after the tests failed in the same pull_request job: fixes the PR head (not the merge commit checked out), links it; re-running the job updates the same PR', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    // actions/checkout on pull_request: the merge commit, detached
    await env.repo.git('checkout', '-q', '--detach', 'main')
    await env.repo.git('merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature')
    const merge = (await env.repo.git('rev-parse', 'HEAD')).trim()
    const sameJob = () =>
      runAction({
        eventName: 'pull_request',
        payload: pullRequestEvent({
          owner: OWNER,
          repo: REPO,
          action: 'synchronize',
          number: env!.pr,
          headRef: 'feature',
          headSha: env!.headSha,
          baseRef: 'main',
          user: 'alice',
        }),
        repository: `${OWNER}/${REPO}`,
        workspace: env!.repo.work,
        inputs: inputs({ mode: 'fix' }),
        env: runnerEnv(env!, {
          GITHUB_REF: `refs/pull/${env!.pr}/merge`,
          GITHUB_SHA: merge,
          GITHUB_RUN_ID: '9001',
        }),
      })
    env.ai.queue(fixPrice, finishFixed)
    const run = await sameJob()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome, run.summary).toBe('fixed')
    expect(fixPrs(env).map((p) => [p.head.ref, p.base.ref])).toEqual([
      ['pitcrew/fix-9001', 'feature'],
    ])
    const parent = execFileSync('git', ['log', '-1', '--format=%P', 'pitcrew/fix-9001'], {
      cwd: env.repo.origin,
      encoding: 'utf8',
    }).trim()
    expect(parent).toBe(env.headSha)
    expect(comments(env).filter((c) => c.issueNumber === env!.pr)).toHaveLength(1)

    // a re-run of the failed job keeps GITHUB_RUN_ID: same branch, same PR, same comment
    await env.repo.git('checkout', '-q', '--detach', merge)
    env.ai.queue(fixPrice, finishFixed)
    const rerun = await sameJob()
    expect(rerun.outputs.outcome, rerun.summary).toBe('fixed')
    expect(JSON.parse(rerun.outputs.result)).toMatchObject({ pr: { created: false } })
    expect(fixPrs(env)).toHaveLength(1)
    expect(comments(env).filter((c) => c.issueNumber === env!.pr)).toHaveLength(1)
  })

  it('workflow_dispatch with `mode: fix`: fixes the dispatched branch, no PR to comment on', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    env.ai.queue(fixPrice, finishFixed)
    const run = await runAction({
      eventName: 'workflow_dispatch',
      payload: workflowDispatchEvent({
        owner: OWNER,
        repo: REPO,
        ref: 'refs/heads/feature',
        sender: 'alice',
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: env.repo.work,
      inputs: inputs({ mode: 'fix' }),
      env: runnerEnv(env, {
        GITHUB_REF: 'refs/heads/feature',
        GITHUB_SHA: env.headSha,
        GITHUB_RUN_ID: '9100',
      }),
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome, run.summary).toBe('fixed')
    expect(fixPrs(env).map((p) => [p.head.ref, p.base.ref])).toEqual([
      ['pitcrew/fix-9100', 'feature'],
    ])
    expect(comments(env)).toHaveLength(0)
    expect(run.summary).toMatch(/opened \[#\d+\]/)
  })
})

describe('fix mode through the action: loop guards', () => {
  it('does nothing when the head commit is its own (no model call, no PR)', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    await env.repo.git(
      'commit',
      '-q',
      '--allow-empty',
      '--author=pitcrew[bot] <pitcrew[bot]@users.noreply.github.com>',
      '-m',
      'fix: by pitcrew',
    )
    await env.repo.push('feature')
    const own = (await env.repo.git('rev-parse', 'HEAD')).trim()
    const run = await runAction({
      eventName: 'workflow_run',
      payload: workflowRunEvent({
        owner: OWNER,
        repo: REPO,
        runId: 7000,
        headBranch: 'feature',
        headSha: own,
        actor: 'alice',
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: env.repo.work,
      inputs: inputs(),
      env: runnerEnv(env),
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome).toBe('skipped')
    expect(run.summary).toMatch(/authored by pitcrew/)
    expect(env.ai.requests).toHaveLength(0)
    expect(fixPrs(env)).toHaveLength(0)
  })

  it('stops after max-attempts-per-pr fix-up PRs, counted from GitHub (closed ones too)', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    for (const n of [1, 2, 3]) {
      await env.repo.git('push', '-q', 'origin', `feature:refs/heads/pitcrew/fix-${n}`)
      env.emu.addPull({
        owner: OWNER,
        repo: REPO,
        base: { ref: 'feature' },
        head: { ref: `pitcrew/fix-${n}` },
        state: n === 3 ? 'open' : 'closed',
      })
    }
    const run = await runAction({
      eventName: 'issue_comment',
      payload: issueCommentEvent({
        owner: OWNER,
        repo: REPO,
        issueNumber: env.pr,
        body: '/pitcrew fix',
        user: 'alice',
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: env.repo.work,
      inputs: inputs(),
      env: runnerEnv(env),
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome).toBe('skipped')
    expect(run.summary).toMatch(/already has 3 fix-up PRs .*max-attempts-per-pr is 3/)
    expect(env.ai.requests).toHaveLength(0)
    expect(fixPrs(env)).toHaveLength(3)
  })
})

describe('fix mode on a fork PR seen through workflow_run', () => {
  it('finds the fork PR GitHub leaves out of the payload and comments the verified patch there', async () => {
    env = await setup('fix-ts-vitest', VITEST)
    const forkPr = env.emu.addPull({
      owner: OWNER,
      repo: REPO,
      base: { ref: 'main' },
      head: { ref: 'feature', sha: env.headSha, repoFullName: 'forker/shop' },
      title: 'From a fork',
      user: 'forker',
    })
    env.ai.queue(fixPrice, finishFixed)
    const run = await runAction({
      eventName: 'workflow_run',
      payload: workflowRunEvent({
        owner: OWNER,
        repo: REPO,
        runId: 8100,
        headBranch: 'feature',
        headSha: env.headSha,
        actor: 'alice',
        headRepoFullName: 'forker/shop',
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: env.repo.work,
      inputs: inputs(),
      env: runnerEnv(env),
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`belongs to fork PR #${forkPr}`))
    expect(fixPrs(env)).toEqual([])
    const onFork = comments(env).filter((c) => c.issueNumber === forkPr)
    expect(onFork).toHaveLength(1)
    expect(onFork[0]!.body).toContain('price - (price * percent) / 100')
  })
})
