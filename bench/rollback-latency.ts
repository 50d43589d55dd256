/**
 * Decision latency of rollback mode: from the first failing sample to the rollback call, in
 * measurement intervals and (fake-clock) seconds, against the configured consecutive-failures.
 * Target: exactly consecutive-failures - 1 intervals after the first failing sample (the N-th
 * failing sample triggers it), i.e. within "as configured, plus at most one interval".
 * Runs runRollback end to end against the loopback GitHub emulator with a fake clock.
 */
import { pathToFileURL } from 'node:url'
import { runRollback } from '../src/rollback/index.js'
import type { Measurement, MetricProvider } from '../src/rollback/types.js'
import { startGitHubEmulator } from '../test/harness/github-emulator.js'
import { OWNER, REPO, rollbackDeps } from '../test/rollback/deps.js'
import { analysisConfig, rollbackConfig } from '../test/rollback/fixtures.js'

export async function benchRollback(): Promise<Record<string, unknown>> {
  const intervalSeconds = 30
  const firstFailing = 3 // samples 1-2 pass, then the error rate crosses the bound
  const cases: Record<string, unknown>[] = []
  let allOnTarget = true
  for (const consecutiveFailures of [1, 2, 3, 5]) {
    const gh = await startGitHubEmulator()
    try {
      gh.addRepo({ owner: OWNER, repo: REPO })
      gh.addDeployment({
        owner: OWNER,
        repo: REPO,
        sha: 'a'.repeat(40),
        environment: 'production',
        statuses: ['success'],
      })
      gh.addDeployment({
        owner: OWNER,
        repo: REPO,
        sha: 'b'.repeat(40),
        environment: 'production',
        statuses: ['success'],
      })
      let t = Date.parse('2025-03-01T10:00:00Z')
      let calls = 0
      let firstFailAt: number | null = null
      const provider: MetricProvider = {
        async measure(_m, at): Promise<Measurement> {
          calls++
          const value = calls >= firstFailing ? 0.5 : 0.01
          if (value > 0.05 && firstFailAt === null) firstFailAt = at.getTime()
          return { kind: 'value', at: at.getTime(), value }
        },
      }
      let rollbackAt: number | null = null
      const wall = performance.now()
      const deps = rollbackDeps({
        githubUrl: gh.url,
        rollback: rollbackConfig({
          incidentIssue: false,
          analysis: analysisConfig({
            intervalSeconds,
            count: 20,
            consecutiveFailures,
            maxFailures: 0,
          }),
        }),
      })
      const r = await runRollback(deps, {
        now: () => t,
        sleep: async (ms) => void (t += ms),
        provider,
        onRollback: ({ at }) => void (rollbackAt = at),
      })
      const wallMs = performance.now() - wall
      const latencySeconds =
        rollbackAt !== null && firstFailAt !== null ? (rollbackAt - firstFailAt) / 1000 : null
      const intervals = latencySeconds === null ? null : latencySeconds / intervalSeconds
      const onTarget =
        intervals !== null &&
        intervals >= consecutiveFailures - 1 &&
        intervals <= consecutiveFailures
      allOnTarget &&= onTarget
      cases.push({
        consecutiveFailures,
        outcome: r.outcome,
        decidedAtMeasurement: (r.result.decision as { n?: number }).n,
        firstFailingMeasurement: firstFailing,
        latencyIntervals: intervals,
        latencySeconds,
        targetMaxIntervals: consecutiveFailures,
        onTarget,
        wallMs: Math.round(wallMs),
      })
    } finally {
      await gh.close()
    }
  }
  return { name: 'rollback-latency', intervalSeconds, allOnTarget, cases }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchRollback()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err: unknown) => {
      console.error(err)
      process.exit(1)
    })
}
