/**
 * Review outcomes that tell the truth (issue 9, cases 3, 6 and 7), driven through the built
 * bundle (`node dist/index.js`) against the GitHub emulator and the fake Anthropic server:
 * a review that did not finish ends `incomplete` with the step failed, naming what was not
 * covered and why in the sticky comment's first lines and in the `result` output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toolUse, type Step } from '../harness/anthropic-server.js'
import { pullRequestEvent } from '../harness/events.js'
import { runAction, type ActionRun } from '../harness/run-action.js'
import { OWNER, REPO, prFixture, type PrFixture } from './pr-fixture.js'

const TOKEN = 'ghs_outcomeTestToken0123456789abcdefABCD'
const BRANCH = 'feature'
const SUBMIT = toolUse('submit_review', {
  summary: 'Checked.',
  findings: [
    { path: 'src/math.ts', line: 2, severity: 'major', title: 'add subtracts', body: 'a - b.' },
  ],
})

let pr: PrFixture
let numbers = 10
/** Each run gets a fresh PR: a PR reviewed once is not reviewed again on the same head. */
const nextPr = () => {
  const number = numbers++
  pr.emu.addPull({
    owner: OWNER,
    repo: REPO,
    number,
    base: { ref: 'main', sha: pr.base },
    head: { ref: BRANCH, sha: pr.head },
  })
  return number
}

beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b\n}\n',
    },
    headFiles: {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a - b\n}\n',
    },
    branch: BRANCH,
    numbers: [],
  })
})
afterAll(async () => pr?.close())

/** The bundled action on a pull_request event, with `inputs` over the defaults. */
function review(
  number: number,
  o: { inputs?: Record<string, string | undefined>; env?: Record<string, string> } = {},
): Promise<ActionRun> {
  const inputs: Record<string, string> = {}
  const given = { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-api03-e2e0000', ...o.inputs }
  for (const [k, v] of Object.entries(given)) if (v !== undefined) inputs[k] = v
  return runAction({
    spawn: true,
    eventName: 'pull_request',
    payload: pullRequestEvent({ number, headRef: BRANCH, headSha: pr.head, baseSha: pr.base }),
    repository: `${OWNER}/${REPO}`,
    workspace: pr.repo.work,
    inputs,
    env: {
      GITHUB_API_URL: pr.emu.url,
      ANTHROPIC_BASE_URL: pr.model.url,
      GITHUB_SHA: pr.head,
      ...o.env,
    },
  })
}

/** The sticky summary comment of PR `number`, as the emulator holds it. */
function sticky(number: number): string {
  const comments = pr.emu.state.repos.get(`${OWNER}/${REPO}`)!.comments
  return (
    comments.find((c) => c.issueNumber === number && c.body.includes('pitcrew:summary'))?.body ?? ''
  )
}

const result = (run: ActionRun) => JSON.parse(run.outputs.result ?? '{}')

/** Serves every request with `step` (the queue takes precedence). */
const always = (step: Step) => pr.model.onRequest(() => step)

describe('case 3: a review that did not finish is incomplete and fails the step', () => {
  it('529 on every call until the deadline: incomplete, exit 1, "model API overloaded (529) xN" first', async () => {
    const number = nextPr()
    always({ fault: 'overloaded' })
    const before = pr.model.requests.length
    const run = await review(number, { inputs: { 'timeout-minutes': '0.2' } })
    const calls = pr.model.requests.length - before
    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.outputs.outcome).toBe('incomplete')
    expect(run.outputs['stop-reason']).toBe('api_error')
    // Retried until the deadline, not a fixed 5 tries.
    expect(calls).toBeGreaterThan(5)
    const top = sticky(number).split('\n').slice(0, 8).join('\n')
    expect(top).toContain('Review incomplete')
    // The deadline may cut the last request; it is then counted too, as a timeout.
    expect(top).toMatch(
      /Not reviewed: `src\/math\.ts` \(model API overloaded \(529\) x\d+(, model request timed out x1)?\)/,
    )
    expect(run.stdout).toMatch(
      /::error::Review incomplete: src\/math\.ts: model API overloaded \(529\) x\d+/,
    )
    const res = result(run)
    expect(res.complete).toBe(false)
    expect(res.notCovered).toEqual([
      {
        kind: 'model-api',
        reason: expect.stringMatching(
          /^model API overloaded \(529\) x\d+(, model request timed out x1)?$/,
        ),
        files: ['src/math.ts'],
      },
    ])
  })

  it('529 ten times, then an answer: the review is posted (retries are not a fixed count)', async () => {
    const number = nextPr()
    pr.model.queue(...Array.from({ length: 10 }, () => ({ fault: 'overloaded' as const })), SUBMIT)
    always({ text: 'unexpected' })
    const before = pr.model.requests.length
    const run = await review(number)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(pr.model.requests.length - before).toBe(11)
    expect(run.outputs.outcome).toBe('reviewed')
    expect(result(run)).toMatchObject({ complete: true, notCovered: [], posted: true })
  })

  it('the turn budget ends before submit_review: incomplete, exit 1', async () => {
    const number = nextPr()
    let i = 0
    pr.model.onRequest(() => toolUse('read_file', { path: 'src/math.ts', start_line: ++i }))
    const run = await review(number, { inputs: { 'max-turns': '2' } })
    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.outputs.outcome).toBe('incomplete')
    expect(run.outputs['stop-reason']).toBe('max_turns')
    expect(sticky(number)).toMatch(
      /Not reviewed: `src\/math\.ts` \(turn budget used before submit_review/,
    )
  })

  it('the loop detector stops the model before submit_review: incomplete, exit 1', async () => {
    const number = nextPr()
    always(toolUse('read_file', { path: 'src/math.ts' }))
    const run = await review(number)
    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.outputs.outcome).toBe('incomplete')
    expect(run.outputs['stop-reason']).toBe('loop_detected')
    expect(sticky(number)).toMatch(
      /Not reviewed: `src\/math\.ts` \(the loop detector stopped the model/,
    )
  })

  it('the failed-tool-call breaker opens before submit_review: incomplete, exit 1', async () => {
    const number = nextPr()
    const failing: Step[] = [
      toolUse('read_file', { path: 'no/such/file.ts' }),
      toolUse('search', { pattern: '(' }),
      toolUse('list_files', { path: 'not-a-dir' }),
      toolUse('read_file', { path: '../outside.ts' }),
      toolUse('read_file', { path: '/etc/hostname' }),
      toolUse('list_files', { path: 'missing/again' }),
    ]
    pr.model.queue(...failing)
    always(toolUse('read_file', { path: 'x/y/z.ts' }))
    const run = await review(number)
    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.outputs.outcome).toBe('incomplete')
    expect(run.outputs['stop-reason']).toBe('circuit_open')
    expect(sticky(number)).toMatch(/Not reviewed: `src\/math\.ts` \(the failed-tool-call breaker/)
  })

  it('a GitHub write that fails past its retries: incomplete, exit 1', async () => {
    const number = nextPr()
    pr.model.queue(SUBMIT)
    always({ text: 'unexpected' })
    pr.emu.fault({
      method: 'POST',
      path: new RegExp(`/pulls/${number}/reviews$`),
      status: 500,
      times: 20,
    })
    try {
      const run = await review(number)
      expect(run.exitCode, run.stdout).toBe(1)
      expect(run.outputs.outcome).toBe('incomplete')
      expect(result(run).notCovered).toContainEqual(
        expect.objectContaining({
          kind: 'github',
          reason: expect.stringContaining('was not posted'),
        }),
      )
    } finally {
      pr.emu.clearFaults()
    }
  })

  it('the retry-after of a 429 is honoured and logged', async () => {
    const number = nextPr()
    pr.model.queue({ fault: 'rate_limit', retryAfterSeconds: 1 }, SUBMIT)
    always({ text: 'unexpected' })
    const run = await review(number)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/retry 1 in 1000 ms \(the server's retry-after: 1000 ms\)/)
  })
})

describe('case 6: no GitHub token', () => {
  it('fails before any model call, naming github-token', async () => {
    const number = nextPr()
    const before = pr.model.requests.length
    const run = await review(number, { inputs: { 'github-token': undefined } })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/::error::Input 'github-token' is empty/)
    expect(pr.model.requests.length).toBe(before)
  })
})

describe('case 7: a model missing from the price table', () => {
  it('is priced at the highest known price, so max-cost-usd still stops it', async () => {
    const number = nextPr()
    // Each answer bills 40k input tokens: $0.60 at the $15/M ceiling, over a $0.50 ceiling.
    let i = 0
    pr.model.onRequest(() => ({
      ...toolUse('read_file', { path: 'src/math.ts', start_line: ++i }),
      usage: { input_tokens: 40_000 },
    }))
    const before = pr.model.requests.length
    const run = await review(number, {
      inputs: { model: 'claude-future-9', 'max-cost-usd': '0.5' },
    })
    expect(pr.model.requests.length - before).toBe(1)
    expect(run.outputs['cost-usd']).not.toBe('unknown')
    expect(Number(run.outputs['cost-usd'])).toBeGreaterThanOrEqual(0.6)
    expect(run.outputs['stop-reason']).toBe('max_cost')
    expect(run.outputs.outcome).toBe('incomplete')
    expect(run.summary).toMatch(
      /'claude-future-9' is not in the price table: its cost is counted at the highest known price/,
    )
  })
})

describe('review.fail-on-incomplete: false', () => {
  let lenient: PrFixture
  beforeAll(async () => {
    lenient = await prFixture({
      token: TOKEN,
      baseFiles: {
        'src/math.ts': 'export const one = 1\n',
        '.github/pitcrew.yml': 'review:\n  fail-on-incomplete: false\n',
      },
      headFiles: { 'src/math.ts': 'export const one = 2\n' },
      branch: BRANCH,
      numbers: [1],
    })
  })
  afterAll(async () => lenient?.close())

  it('an incomplete review still says so, and the step passes with a warning', async () => {
    lenient.model.onRequest(() => ({ fault: 'server_error' }))
    const run = await runAction({
      spawn: true,
      eventName: 'pull_request',
      payload: pullRequestEvent({
        number: 1,
        headRef: BRANCH,
        headSha: lenient.head,
        baseSha: lenient.base,
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: lenient.repo.work,
      inputs: {
        'github-token': TOKEN,
        'anthropic-api-key': 'sk-ant-api03-e2e0000',
        'timeout-minutes': '0.2',
      },
      env: {
        GITHUB_API_URL: lenient.emu.url,
        ANTHROPIC_BASE_URL: lenient.model.url,
        GITHUB_SHA: lenient.head,
      },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome).toBe('incomplete')
    expect(run.stdout).toMatch(
      /::warning::Review incomplete: src\/math\.ts: model API server error \(500\) x\d+/,
    )
    expect(run.stdout).toContain('review.fail-on-incomplete is false')
  })
})
