import type { RollbackConfig } from '../config/types.js'
import { ConfigError } from '../config/types.js'
import { parseDurationSeconds } from './duration.js'
import { compileExpr } from './expr.js'
import { requiredEnv } from './providers/index.js'

/** Throws a ConfigError for what would otherwise fail every measurement the same way. */
export function validateRollbackConfig(cfg: RollbackConfig, env: NodeJS.ProcessEnv): void {
  if (!cfg.metrics.length)
    throw new ConfigError(`Invalid rollback.metrics '[]'. Expected at least one metric to watch.`)
  if (cfg.analysis.intervalSeconds <= 0 || cfg.analysis.count < 1) {
    throw new ConfigError(
      `Invalid rollback.analysis interval ${cfg.analysis.intervalSeconds}s / count ${cfg.analysis.count}. Expected interval > 0 and count >= 1.`,
    )
  }
  for (const m of cfg.metrics) {
    if (m.condition.expr !== undefined) {
      try {
        compileExpr(m.condition.expr)
      } catch (err) {
        throw new ConfigError(
          `rollback.metrics '${m.name}'.condition.expr: ${(err as Error).message}`,
        )
      }
    }
    const missing = requiredEnv(m).filter((n) => !env[n])
    if (missing.length) {
      throw new ConfigError(
        `rollback.metrics '${m.name}' needs environment variable(s) ${missing.map((n) => `'${n}'`).join(', ')}, which are not set. Expected them in the step's env, e.g. from secrets.`,
      )
    }
    if (m.baseline) parseDurationSeconds(m.baseline.window)
  }
}
