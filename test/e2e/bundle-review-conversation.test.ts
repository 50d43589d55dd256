/**
 * Issue 10 (part 1) through the bundle, across the runs of one PR: run 1 posts findings; a
 * person resolves one pitcrew thread, answers "won't fix" in another, asks `/pitcrew` in a
 * third and starts a thread of her own; a new commit changes the lines of a fourth finding,
 * which the model no longer raises (addressed: one reply, resolved); a force-push moves all the
 * code; run 3 is delivered twice. No dismissed fingerprint is posted again, the addressed
 * thread is answered and resolved exactly once, the person's thread is untouched, and every
 * run's counts add up to what the model submitted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { toolUse } from '../harness/anthropic-server.js'
import { pullRequestEvent } from '../harness/events.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { startAnthropicServer, type FakeAnthropic } from '../harness/anthropic-server.js'
import { runAction, type ActionRun } from '../harness/run-action.js'
import { createOctokit } from '../../src/github/octokit.js'
import { readReviewThreads, resolveReviewThread } from '../../src/github/threads.js'
import { parseFingerprints } from '../../src/review/fingerprint.js'
import { memoryLog } from '../../src/log.js'

const repoRoot = resolve(import.meta.dirname, '..', '..')
const bundle = join(repoRoot, 'dist', 'index.js')
const TOKEN = 'ghs_e2eConversationToken0123456789abcdef'
const OWNER = 'acme'
const REPO = 'widgets'
const PR = 12
const BOT = 'github-actions[bot]'

const CALC = `export function add(a: number, b: number): number {
  return a + b
}

export function div(a: number, b: number): number {
  return a / b
}
`
const UTIL_1 = `export function first(xs: number[]): number {
  return xs[0]
}

export async function load(): Promise<void> {
  fetchIt()
}
function fetchIt() { return Promise.resolve() }
`
// Commit 2 changes line 2 (the "Unchecked index" finding's line).
const UTIL_2 = UTIL_1.replace('  return xs[0]', '  return xs.length > 0 ? xs[0] : 0')
// The force-push: the same code two lines further down in both files.
const MOVED = '// moved\n// down\n'

type F = { path: string; line: number; severity: string; title: string; body: string }
const F1 = (shift = 0): F => ({
  path: 'src/calc.ts',
  line: 2 + shift,
  severity: 'major',
  title: 'Overflow in add',
  body: 'Large inputs overflow.',
})
const F2 = (shift = 0): F => ({
  path: 'src/calc.ts',
  line: 6 + shift,
  severity: 'major',
  title: 'Division by zero',
  body: 'b may be 0.',
})
const F3: F = {
  path: 'src/util.ts',
  line: 2,
  severity: 'major',
  title: 'Unchecked index',
  body: 'xs may be empty.',
}
const F4 = (shift = 0): F => ({
  path: 'src/util.ts',
  line: 6 + shift,
  severity: 'minor',
  title: 'Missing await',
  body: 'fetchIt() is not awaited.',
})
const F5 = (shift = 0): F => ({
  path: 'src/util.ts',
  line: 2 + shift,
  severity: 'minor',
  title: 'Zero is a poor default',
  body: 'Return undefined instead.',
})

let emu: GitHubEmulator
let model: FakeAnthropic
let repo: TestRepo
let base: string
/** What the model submits in the next run. */
let script: F[] = []

const person = (token: string) =>
  createOctokit({
    token,
    apiUrl: emu.url,
    graphqlUrl: emu.graphqlUrl,
    log: memoryLog(),
    minRetryDelayMs: 2,
    writeSpacingMs: 0,
  })

async function review(headSha: string): Promise<ActionRun & { result: Record<string, unknown> }> {
  const run = await runAction({
    spawn: true,
    bundle,
    eventName: 'pull_request',
    payload: pullRequestEvent({
      owner: OWNER,
      repo: REPO,
      number: PR,
      action: 'synchronize',
      headRef: 'feature',
      headSha,
      baseSha: base,
    }),
    repository: `${OWNER}/${REPO}`,
    workspace: repo.work,
    inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-api03-e2e00000000000' },
    env: { GITHUB_API_URL: emu.url, ANTHROPIC_BASE_URL: model.url, GITHUB_SHA: headSha },
  })
  expect(run.exitCode, run.stdout + run.stderr).toBe(0)
  const result = JSON.parse(run.outputs.result!) as Record<string, unknown>
  // Every submitted finding in exactly one bucket.
  const buckets = ['inline', 'outsideDiff', 'overflow', 'belowMinSeverity', 'dismissed', 'repeated']
  const sum = [...buckets, 'duplicates'].reduce((s, k) => s + (result[k] as number), 0)
  expect(sum).toBe(result.submitted)
  return { ...run, result }
}

const state = () => emu.state.repos.get(`${OWNER}/${REPO}`)!
const botRoots = () =>
  state().reviewComments.filter((c) => c.user === BOT && !c.inReplyToId && c.body.includes('fp:'))
const rootOf = (title: string) => botRoots().find((c) => c.body.includes(title))!
const repliesTo = (id: number) => state().reviewComments.filter((c) => c.inReplyToId === id)
const resolveMutations = () =>
  emu.requests.filter(
    (r) =>
      r.path === '/graphql' &&
      String((r.body as { query?: string }).query).includes('resolveReviewThread'),
  )

beforeAll(async () => {
  repo = await createTestRepo({ 'README.md': 'widgets\n' })
  base = (await repo.git('rev-parse', 'HEAD')).trim()
  await repo.checkout('feature')
  await repo.commit({ 'src/calc.ts': CALC, 'src/util.ts': UTIL_1 }, 'feature')
  await repo.push('feature')
  emu = await startGitHubEmulator({ tokens: { [TOKEN]: { login: BOT } } })
  emu.addRepo({ owner: OWNER, repo: REPO, gitDir: repo.origin })
  // The head follows the branch: new commits and force-pushes move it.
  emu.addPull({
    owner: OWNER,
    repo: REPO,
    number: PR,
    base: { ref: 'main' },
    head: { ref: 'feature' },
  })
  emu.addToken('alice-token', { login: 'alice' })
  emu.addToken('bob-token', { login: 'bob' })
  emu.setPermission(OWNER, REPO, 'alice', 'write')
  emu.setPermission(OWNER, REPO, 'bob', 'write')
  model = await startAnthropicServer()
  model.onRequest(() => toolUse('submit_review', { summary: 'Reviewed.', findings: script }))
})
afterAll(async () => {
  await emu?.close()
  await model?.close()
  await repo?.cleanup()
})

describe.skipIf(!existsSync(bundle))('conversation-aware review across runs (bundle)', () => {
  it('dismissed stays dismissed, addressed gets resolved once, a person’s thread is untouched', async () => {
    // Run 1: four findings, all inline.
    const head1 = (await repo.git('rev-parse', 'HEAD')).trim()
    script = [F1(), F2(), F3, F4()]
    const r1 = await review(head1)
    expect(r1.result).toMatchObject({ submitted: 4, inline: 4, dismissed: 0, repeated: 0 })
    expect(botRoots()).toHaveLength(4)

    // People answer: alice resolves F1, answers F2; bob asks pitcrew in F4; alice starts a thread.
    const alice = person('alice-token')
    const threads = await readReviewThreads(alice, { owner: OWNER, repo: REPO, pullNumber: PR })
    const threadOf = (title: string) => threads.find((t) => t.comments[0]!.body.includes(title))!
    await resolveReviewThread(alice, threadOf('Overflow in add').id)
    const ref = { owner: OWNER, repo: REPO, pull_number: PR }
    await alice.rest.pulls.createReplyForReviewComment({
      ...ref,
      comment_id: rootOf('Division by zero').id,
      body: "Won't fix: b is never 0 here.",
    })
    await person('bob-token').rest.pulls.createReplyForReviewComment({
      ...ref,
      comment_id: rootOf('Missing await').id,
      body: '/pitcrew is this really a problem?',
    })
    await alice.rest.pulls.createReview({
      ...ref,
      commit_id: head1,
      event: 'COMMENT',
      body: '',
      comments: [{ path: 'src/calc.ts', line: 5, body: 'Should div be exported?' }],
    })
    const human = state().reviewComments.find((c) => c.user === 'alice' && !c.inReplyToId)!

    // Run 2: a new commit changes F3's line; the model raises F1, F2 and F4 again, and F5 (new).
    const head2 = await repo.commit({ 'src/util.ts': UTIL_2 }, 'guard the index')
    await repo.push('feature')
    script = [F1(), F2(), F4(), F5()]
    const r2 = await review(head2)
    expect(r2.result).toMatchObject({
      submitted: 4,
      inline: 1,
      dismissed: 2,
      repeated: 1,
      duplicates: 0,
    })
    expect(r2.result.conversation).toMatchObject({
      read: true,
      threads: 5,
      pitcrewThreads: 4,
      othersThreads: 1,
      dismissedThreads: 2,
      addressedThreads: 1,
    })
    const f3 = rootOf('Unchecked index')
    expect(repliesTo(f3.id).map((c) => [c.user, c.body.split('\n')[0]])).toEqual([
      [BOT, `Addressed in ${head2.slice(0, 7)}.`],
    ])
    expect(r2.summary).toContain('dismissed by @alice (resolved the thread)')
    expect(r2.summary).toContain('dismissed by @alice (replied)')
    expect(r2.summary).toContain(`Resolved 1 thread addressed in \`${head2.slice(0, 7)}\``)

    // Run 3: a force-push moves every line two down; then the same event is delivered again.
    await repo.git('reset', '-q', '--hard', base)
    const head3 = await repo.commit(
      { 'src/calc.ts': MOVED + CALC, 'src/util.ts': MOVED + UTIL_2 },
      'rewritten',
    )
    await repo.push('feature')
    script = [F1(2), F2(2), F4(2), F5(2)]
    const r3 = await review(head3)
    // The fingerprints survived the move: nothing is new, nothing dismissed comes back.
    expect(r3.result).toMatchObject({ submitted: 4, inline: 0, dismissed: 2, repeated: 2 })
    const r3again = await review(head3)
    expect(r3again.result).toMatchObject({ submitted: 0, inline: 0 })
    expect(r3again.result.conversation).toMatchObject({ addressedThreads: 0 })

    // Across all runs: each fingerprint posted once; dismissed ones never again.
    const fps = botRoots().flatMap((c) => parseFingerprints(c.body))
    expect(fps.length).toBe(5)
    expect(new Set(fps).size).toBe(5)
    expect(botRoots().filter((c) => /Overflow in add|Division by zero/.test(c.body))).toHaveLength(
      2,
    )
    // The addressed thread: one reply, one resolution, by pitcrew.
    expect(repliesTo(f3.id)).toHaveLength(1)
    expect(resolveMutations().filter((r) => r.login === BOT)).toHaveLength(1)
    const finalThreads = await readReviewThreads(alice, {
      owner: OWNER,
      repo: REPO,
      pullNumber: PR,
    })
    const byRoot = (id: number) => finalThreads.find((t) => t.comments[0]!.databaseId === id)!
    expect(byRoot(f3.id)).toMatchObject({ isResolved: true, resolvedBy: 'github-actions' })
    // The person's thread: no reply, not resolved. bob's question: not answered here, still open.
    expect(byRoot(human.id).comments).toHaveLength(1)
    expect(byRoot(human.id).isResolved).toBe(false)
    expect(byRoot(rootOf('Missing await').id)).toMatchObject({ isResolved: false })
    expect(repliesTo(rootOf('Missing await').id).map((c) => c.user)).toEqual(['bob'])
    // pitcrew never replied anywhere but in the addressed thread.
    expect(
      state()
        .reviewComments.filter((c) => c.inReplyToId && c.user === BOT)
        .map((c) => c.inReplyToId),
    ).toEqual([f3.id])
  }, 300_000)
})
