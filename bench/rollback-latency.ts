/**
 * Decision latency of rollback mode: from the first failing sample to the rollback call, in
 * measurement intervals and seconds, against the configured consecutive-failures.
 * Target: exactly consecutive-failures - 1 intervals after the first failing sample (the N-th
 * failing sample triggers it), i.e. within "as configured, plus at most one interval".
 * - benchRollback: runRollback end to end against the loopback GitHub emulator, fake clock
 *   (30 s interval, instant): the decision logic and scheduling, exactly.
 * - benchRollbackRealTime: the same on the wall clock, interval 1 s, with the real `http`
 *   provider measuring a loopback endpoint whose value turns bad mid-interval: scheduling
 *   drift, query and GitHub round trips included.
 */
import { pathToFileURL } from 'node:url'
import type { MetricConfig } from '../src/config/types.js'
import { runRollback, type RollbackRuntime } from '../src/rollback/index.js'
import type { Measurement } from '../src/rollback/types.js'
import { startGitHubEmulator } from '../test/harness/github-emulator.js'
import { addDeployments, OWNER, REPO, rollbackDeps } from '../test/rollback/deps.js'
import { analysisConfig, metricConfig, rollbackConfig } from '../test/rollback/fixtures.js'
import { startLoopback } from '../test/rollback/loopback.js'
import { spread } from './lib/stats.js'

interface Probe {
  /** When the first failing sample was served (epoch ms), set by the provider side. */
  firstFailAt: number | null
}

/**
 * One rollback run against a fresh emulator (a good and a bad deployment) with the given
 * runtime; returns the latency from the first failing sample to the rollback call.
 */
async function measureCase(opts: {
  consecutiveFailures: number
  intervalSeconds: number
  metric?: MetricConfig
  runtime: Partial<RollbackRuntime>
  probe: Probe
}): Promise<Record<string, unknown> & { onTarget: boolean }> {
  const { consecutiveFailures, intervalSeconds, probe } = opts
  const gh = await startGitHubEmulator()
  try {
    gh.addRepo({ owner: OWNER, repo: REPO })
    addDeployments(gh, ['a'.repeat(40), 'b'.repeat(40)])
    let rollbackAt: number | null = null
    const deps = rollbackDeps({
      githubUrl: gh.url,
      rollback: rollbackConfig({
        incidentIssue: false,
        ...(opts.metric ? { metrics: [opts.metric] } : {}),
        analysis: analysisConfig({
          intervalSeconds,
          count: 20,
          consecutiveFailures,
          maxFailures: 0,
        }),
      }),
    })
    const r = await runRollback(deps, {
      ...opts.runtime,
      processSignals: false,
      onRollback: ({ at }) => void (rollbackAt = at),
    })
    const seconds =
      rollbackAt !== null && probe.firstFailAt !== null
        ? (rollbackAt - probe.firstFailAt) / 1000
        : null
    const intervals = seconds === null ? null : seconds / intervalSeconds
    return {
      consecutiveFailures,
      outcome: r.outcome,
      decidedAtMeasurement: (r.result.decision as { n?: number }).n,
      latencyIntervals: intervals === null ? null : Number(intervals.toFixed(3)),
      latencySeconds: seconds === null ? null : Number(seconds.toFixed(3)),
      targetIntervals: [consecutiveFailures - 1, consecutiveFailures],
      onTarget:
        intervals !== null &&
        intervals >= consecutiveFailures - 1 &&
        intervals <= consecutiveFailures,
    }
  } finally {
    await gh.close()
  }
}

export async function benchRollback(): Promise<Record<string, unknown>> {
  const intervalSeconds = 30
  const firstFailing = 3 // samples 1-2 pass, then the error rate crosses the bound
  const cases: Record<string, unknown>[] = []
  for (const consecutiveFailures of [1, 2, 3, 5]) {
    let t = Date.parse('2025-03-01T10:00:00Z')
    let calls = 0
    const probe: Probe = { firstFailAt: null }
    const wall = performance.now()
    const c = await measureCase({
      consecutiveFailures,
      intervalSeconds,
      probe,
      runtime: {
        now: () => t,
        sleep: async (ms) => void (t += ms),
        provider: {
          async measure(_m, at): Promise<Measurement> {
            calls++
            const value = calls >= firstFailing ? 0.5 : 0.01
            if (value > 0.05 && probe.firstFailAt === null) probe.firstFailAt = at.getTime()
            return { kind: 'value', at: at.getTime(), value }
          },
        },
      },
    })
    cases.push({
      ...c,
      firstFailingMeasurement: firstFailing,
      wallMs: Math.round(performance.now() - wall),
    })
  }
  return {
    name: 'rollback-latency',
    clock: 'fake',
    intervalSeconds,
    allOnTarget: cases.every((c) => c.onTarget),
    cases,
  }
}

/** Wall-clock runs per case; the report gives their median and spread. */
const REAL_TIME_RUNS = 3

export async function benchRollbackRealTime(): Promise<Record<string, unknown>> {
  const intervalSeconds = 1
  // The endpoint turns bad this long after the first measurement: mid-interval, as in life.
  const badAfterMs = 1500
  const cases: Record<string, unknown>[] = []
  for (const consecutiveFailures of [1, 2, 3]) {
    const runs: Record<string, unknown>[] = []
    for (let run = 0; run < REAL_TIME_RUNS; run++)
      runs.push(await realTimeCase(consecutiveFailures))
    const num = (k: string) =>
      spread(
        runs.map((r) => r[k]).filter((v): v is number => typeof v === 'number'),
        3,
      )
    cases.push({
      consecutiveFailures,
      targetIntervals: [consecutiveFailures - 1, consecutiveFailures],
      outcomes: runs.map((r) => r.outcome),
      latencyIntervals: num('latencyIntervals'),
      latencySeconds: num('latencySeconds'),
      fromMetricTurningBadSeconds: num('fromMetricTurningBadSeconds'),
      onTarget: runs.every((r) => r.onTarget === true),
    })
  }
  return {
    name: 'rollback-latency-real-time',
    clock: 'wall',
    intervalSeconds,
    runsPerCase: REAL_TIME_RUNS,
    allOnTarget: cases.every((c) => c.onTarget),
    cases,
  }

  async function realTimeCase(consecutiveFailures: number): Promise<Record<string, unknown>> {
    const endpoint = await startLoopback()
    try {
      let badFrom: number | null = null
      const probe: Probe = { firstFailAt: null }
      endpoint.reply(() => {
        const now = Date.now()
        badFrom ??= now + badAfterMs
        const bad = now >= badFrom
        if (bad && probe.firstFailAt === null) probe.firstFailAt = now
        return { json: { value: bad ? 0.5 : 0.01 } }
      })
      const c = await measureCase({
        consecutiveFailures,
        intervalSeconds,
        probe,
        metric: metricConfig({
          provider: {
            type: 'http',
            url: `${endpoint.url}/error-rate`,
            method: 'GET',
            headers: {},
            jsonPath: 'value',
            timeoutSeconds: 5,
          },
        }),
        runtime: {},
      })
      return {
        ...c,
        measurements: endpoint.requests.length,
        fromMetricTurningBadSeconds:
          c.latencySeconds !== null && badFrom !== null && probe.firstFailAt !== null
            ? Number(
                ((c.latencySeconds as number) + (probe.firstFailAt - badFrom) / 1000).toFixed(3),
              )
            : null,
      }
    } finally {
      await endpoint.close()
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  Promise.all([benchRollback(), benchRollbackRealTime()])
    .then(([fake, real]) =>
      console.log(JSON.stringify({ fakeClock: fake, realTime: real }, null, 2)),
    )
    .catch((err: unknown) => {
      console.error(err)
      process.exit(1)
    })
}
