/**
 * Long waits say they are still going: a test run (fix) and a metric watch (rollback) log a
 * heartbeat every interval (30 s by default, a few ms here) and stop when the wait ends. The
 * waits end only once the heartbeats were seen, so no assertion depends on the machine's speed.
 */
import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestRunner } from '../../src/fix/runner.js'
import { watch } from '../../src/rollback/watch.js'
import { DEFAULT_HEARTBEAT_MS, formatElapsed, startHeartbeat } from '../../src/heartbeat.js'
import { memoryLog } from '../../src/log.js'
import type { TaskDeps } from '../../src/task.js'
import {
  analysisConfig,
  metricConfig,
  rollbackConfig,
  scriptProvider,
} from '../rollback/fixtures.js'

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5))
}
const settle = () => new Promise((r) => setTimeout(r, 150))

describe('heartbeats', () => {
  it('are at least every 30 s by default', () => {
    expect(DEFAULT_HEARTBEAT_MS).toBeLessThanOrEqual(30_000)
    expect(formatElapsed(95_000)).toBe('1m 35s')
    expect(formatElapsed(9_999)).toBe('9s')
  })

  it('a long test run logs heartbeats while it runs and none after', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'pitcrew-hb-'))
    const lines: string[] = []
    const beats = () => lines.filter((l) => l.startsWith('tests (reproduce): ')).length
    const log = {
      info: (m: string) => {
        lines.push(m)
        // The "test suite" finishes once it was heard twice.
        if (beats() === 2) writeFileSync(join(ws, 'go'), '')
      },
    }
    const command = 'while [ ! -f go ]; do sleep 0.02; done; echo finished'
    const run = createTestRunner({
      workspace: ws,
      logDir: join(ws, 'logs'),
      reports: [],
      timeoutMs: 60_000,
      log,
      heartbeatMs: 20,
    })
    const res = await run(command, 'reproduce')
    expect(res.exitCode).toBe(0)
    expect(beats()).toBeGreaterThanOrEqual(2)
    expect(lines[0]).toMatch(
      /^tests \(reproduce\): `while \[ ! -f go \].*` still running after \d+s$/,
    )
    const seen = beats()
    await settle()
    expect(beats()).toBe(seen)
  })

  it('a metric watch logs heartbeats during its pauses, with the measurements taken so far', async () => {
    const log = memoryLog()
    const beats = () => log.lines.filter((l) => l.startsWith('info: watch: ')).length
    const deps = { log, heartbeatMs: 20 } as unknown as TaskDeps
    const cfg = rollbackConfig({
      metrics: [metricConfig()],
      analysis: analysisConfig({ intervalSeconds: 60, count: 2 }),
    })
    let t = Date.parse('2025-03-01T10:00:00Z')
    const rt = {
      processSignals: false,
      now: () => t,
      // The pause between the two rounds lasts until two heartbeats were logged.
      sleep: async (ms: number) => {
        const want = beats() + 2
        await until(() => beats() >= want)
        t += ms
      },
    }
    const result = await watch(deps, cfg, cfg.metrics, scriptProvider([0]), rt, null, {
      deadline: t + 3_600_000,
      timeoutMinutes: 60,
    })
    expect(result.decision.n).toBe(2)
    const hb = log.lines.filter((l) => l.startsWith('info: watch: '))
    expect(hb.length).toBeGreaterThanOrEqual(2)
    expect(hb[0]).toMatch(/^info: watch: 1 of 2 measurements taken; \d+s elapsed$/)
    const seen = beats()
    await settle()
    expect(beats()).toBe(seen)
  })

  it('startHeartbeat stops when told', async () => {
    const lines: string[] = []
    const stop = startHeartbeat({ info: (m) => void lines.push(m) }, 10, (ms) => `beat ${ms >= 0}`)
    await until(() => lines.length >= 1)
    stop()
    const n = lines.length
    await settle()
    expect(lines.length).toBe(n)
    expect(lines[0]).toBe('beat true')
  })
})
