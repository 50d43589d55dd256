import { ConfigError } from './types.js'

/**
 * Timing knobs for non-GitHub endpoints. GitHub asks integrations to space writes (1 s, 3 s for
 * notifying ones) and pitcrew does; the loopback emulator, the demo and self-hosted gateways may
 * lift that. Retry waits are multiplied by a unit that tests shrink.
 */
export function readTuning(env: NodeJS.ProcessEnv): {
  githubWriteSpacingMs?: number
  githubRetryUnitMs?: number
  githubTimeoutMs?: number
  anthropicRetryBaseMs?: number
  heartbeatMs?: number
} {
  const num = (name: string): number | undefined => {
    const raw = env[name]
    if (raw === undefined || raw === '') return undefined
    const value = Number(raw)
    if (!Number.isFinite(value) || value < 0) {
      throw new ConfigError(`Invalid ${name} '${raw}'. Expected a number of milliseconds >= 0.`)
    }
    return value
  }
  return {
    githubWriteSpacingMs: num('PITCREW_GITHUB_WRITE_SPACING_MS'),
    githubRetryUnitMs: num('PITCREW_GITHUB_RETRY_UNIT_MS'),
    githubTimeoutMs: num('PITCREW_GITHUB_TIMEOUT_MS'),
    anthropicRetryBaseMs: num('PITCREW_ANTHROPIC_RETRY_BASE_MS'),
    heartbeatMs: num('PITCREW_HEARTBEAT_MS'),
  }
}
