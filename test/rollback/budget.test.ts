import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runRollback } from '../../src/rollback/index.js'
import { createBudgetGate } from '../../src/agent/budget-gate.js'
import { parseEntry, renderEntry } from '../../src/agent/budget.js'
import { openLedger } from '../../src/github/ledger.js'
import { startAnthropicServer, type FakeAnthropic } from '../harness/anthropic-server.js'
import { startGitHubEmulator, type GitHubEmulator } from '../harness/github-emulator.js'
import { addDeployments, OWNER, REPO, rollbackDeps } from './deps.js'
import { analysisConfig, fakeClock, rollbackConfig, scriptProvider } from './fixtures.js'

let gh: GitHubEmulator
let fa: FakeAnthropic
beforeEach(async () => {
  gh = await startGitHubEmulator({ tokens: { 'test-token': { login: 'github-actions[bot]' } } })
  gh.addRepo({ owner: OWNER, repo: REPO })
  addDeployments(gh, ['c'.repeat(40), 'a'.repeat(40), 'b'.repeat(40)])
  fa = await startAnthropicServer()
})
afterEach(async () => {
  await gh.close()
  await fa.close()
})

describe('rollback and the repository budget', () => {
  it('over budget, the decision stands: rolled back, templated summary, no model call', async () => {
    const deps = rollbackDeps({
      githubUrl: gh.url,
      anthropicUrl: fa.url,
      rollback: rollbackConfig({
        incidentIssue: false,
        analysis: analysisConfig({ intervalSeconds: 30, count: 5, consecutiveFailures: 2 }),
      }),
    })
    // Another run holds the whole daily cap.
    const ledger = await openLedger(deps.octokit!, { owner: OWNER, repo: REPO })
    gh.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: ledger.number,
      user: 'github-actions[bot]',
      body: renderEntry(
        { kind: 'reserve', run: '1/1', mode: 'fix', usd: 3, lifetimeMs: 3_600_000 },
        { runUrl: 'u' },
      ),
    })
    deps.budget = createBudgetGate({
      caps: { dailyUsd: 3 },
      octokit: deps.octokit,
      owner: OWNER,
      repo: REPO,
      runId: '777',
      runAttempt: '1',
      runUrl: 'u',
      mode: 'rollback',
      maxCostUsd: 2,
      timeoutMinutes: 20,
      log: deps.log,
    })
    const r = await runRollback(deps, { ...fakeClock(), provider: scriptProvider([0.5]) })
    expect(r.outcome).toBe('rolled-back')
    expect(fa.requests).toHaveLength(0)
    expect(r.summary).toContain('### Incident summary')
    expect(
      deps.log.lines.filter((l) =>
        l.includes(
          'The incident summary is not written by the model: pitcrew is over budget: the daily cap of $3.00 (budget.daily-usd, rolling 24 h) has $0.00 spent and $3.00 reserved by runs in progress, $0.00 left; this run needs $2.00 (its max-cost-usd).',
        ),
      ),
    ).toHaveLength(1)
    // Nothing was reserved: the ledger holds only the other run's entry.
    const entries = gh.state.repos
      .get(`${OWNER}/${REPO}`)!
      .comments.flatMap((c) => parseEntry({ id: c.id, createdAt: c.createdAt, body: c.body }) ?? [])
    expect(entries.map((e) => e.run)).toEqual(['1/1'])
  })
})
