/**
 * A big pull request through the bundle (the code path of bench/big-pr.ts at a size the test
 * suite affords): the file list read 100 per page, no call per file, every changed file
 * accounted for in the summary (reviewed, or skipped with its reason), and an outcome that
 * claims no more than was shown to the model. No timing assertions: the bench measures time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { startAnthropicServer, type FakeAnthropic } from '../harness/anthropic-server.js'
import { npmPr, type NpmPr } from '../harness/npm-pr.js'
import { pullRequestEvent } from '../harness/events.js'
import { runAction } from '../harness/run-action.js'

const TOKEN = 'ghs_bigPrToken000000000000000000000000000'
const OWNER = 'acme'
const REPO = 'widgets'
const FILES = 250

let pr: NpmPr
let emu: GitHubEmulator
let model: FakeAnthropic

beforeAll(async () => {
  pr = await npmPr({ files: FILES })
  emu = await startGitHubEmulator({ tokens: { [TOKEN]: { login: 'github-actions[bot]' } } })
  emu.addRepo({ owner: OWNER, repo: REPO, gitDir: pr.repo.origin })
  emu.addPull({
    owner: OWNER,
    repo: REPO,
    number: 7,
    base: { ref: 'main', sha: pr.baseSha },
    head: { ref: 'feature', sha: pr.headSha },
  })
  model = await startAnthropicServer()
}, 120_000)
afterAll(async () => {
  await emu?.close()
  await model?.close()
  await pr?.repo.cleanup()
})

/** The backtick-quoted paths of a `<details>` list in the summary, and its count. */
function listed(summary: string, title: string): { count: number; paths: string[] } {
  const m = new RegExp(`<summary>${title} \\((\\d+)\\)</summary>([\\s\\S]*?)</details>`).exec(
    summary,
  )
  if (!m) return { count: 0, paths: [] }
  return { count: Number(m[1]), paths: [...m[2]!.matchAll(/^- `([^`]+)`/gm)].map((x) => x[1]!) }
}

describe('a pull request of 250 real source files through the bundle', () => {
  it('lists files 100 per page, accounts for every file, and says what it did not show', async () => {
    model.onRequest(() => ({
      toolUses: [{ name: 'submit_review', input: { summary: 'Read this part.', findings: [] } }],
    }))
    const run = await runAction({
      spawn: true,
      eventName: 'pull_request',
      payload: pullRequestEvent({
        owner: OWNER,
        repo: REPO,
        number: 7,
        headRef: 'feature',
        headSha: pr.headSha,
        baseSha: pr.baseSha,
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: pr.repo.work,
      // A ceiling that affords part of the diff: the capacity path a 3,000-file PR takes.
      inputs: {
        'github-token': TOKEN,
        'anthropic-api-key': 'sk-ant-api03-bigpr000000000000',
        'max-cost-usd': '0.5',
      },
      env: { GITHUB_API_URL: emu.url, ANTHROPIC_BASE_URL: model.url, GITHUB_SHA: pr.headSha },
      timeoutMs: 120_000,
    })
    const result = JSON.parse(run.outputs.result ?? '{}') as {
      source: string
      calls: number
      complete: boolean
      coverage: { filesTotal: number; filesShown: number; filesReviewable: number }
      skippedFiles: { path: string; reason: string }[]
      notCovered: { kind: string; files: string[] }[]
    }

    // GitHub: the PR, three lists of earlier comments, the files 100 per page, one summary.
    const rest = emu.requests.filter((r) => r.path !== '/graphql')
    const byRoute = new Map<string, number>()
    for (const r of rest) {
      const key = `${r.method} ${r.path.replace(/^\/repos\/acme\/widgets/, '')}`
      byRoute.set(key, (byRoute.get(key) ?? 0) + 1)
    }
    expect(Object.fromEntries(byRoute)).toEqual({
      'GET /pulls/7': 1,
      'GET /issues/7/comments': 1,
      'GET /pulls/7/comments': 1,
      'GET /pulls/7/reviews': 1,
      'GET /pulls/7/files': Math.ceil(FILES / 100),
      'POST /issues/7/comments': 1,
    })
    expect(rest.length).toBeLessThanOrEqual(Math.floor(FILES / 100) + 15)
    expect(
      emu.requests.filter((r) => r.path.endsWith('/files')).map((r) => r.query.per_page),
    ).toEqual(Array.from({ length: Math.ceil(FILES / 100) }, () => '100'))
    expect(emu.unhandled).toEqual([])
    expect(result.source).toBe('api')

    // Every changed file is in the summary exactly once: reviewed, or skipped with a reason.
    const reviewed = listed(run.summary, 'Files reviewed')
    const skipped = listed(run.summary, 'Files skipped')
    expect(reviewed.count).toBe(reviewed.paths.length)
    expect(skipped.count).toBe(result.skippedFiles.length)
    expect(reviewed.count + skipped.count).toBe(FILES)
    expect([...reviewed.paths, ...result.skippedFiles.map((s) => s.path)].sort()).toEqual(pr.paths)
    for (const s of result.skippedFiles) expect(s.reason.length).toBeGreaterThan(5)
    expect(result.coverage.filesTotal).toBe(FILES)
    expect(result.coverage.filesShown).toBe(reviewed.count)

    // Honest: the ceiling left files unshown, so the review is incomplete and the step fails.
    const capacity = result.skippedFiles.filter((s) => /max-cost-usd/.test(s.reason))
    expect(capacity.length).toBeGreaterThan(0)
    expect(reviewed.count).toBeGreaterThan(0)
    expect(run.outputs.outcome).toBe('incomplete')
    expect(result.complete).toBe(false)
    expect(run.exitCode).toBe(1)
    expect(result.notCovered.map((g) => g.kind)).toContain('capacity')
    // One model request per call, each answered by the one submit_review it was scripted.
    expect(model.requests.length).toBe(result.calls)
    expect(readFileSync(run.outputs.transcript!, 'utf8').length).toBeGreaterThan(0)
  })
})
