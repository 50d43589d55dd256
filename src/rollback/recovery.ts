import type { RollbackConfig } from '../config/types.js'
import type { TaskDeps } from '../task.js'
import type { WatchFacts } from './report.js'
import type { RollbackRuntime } from './runtime.js'
import type { MetricProvider } from './types.js'
import { watch, type WatchLimit } from './watch.js'

/**
 * After a rollback, watches the metrics again for `confirm-recovery-seconds`, on their absolute
 * conditions only (no baseline). Reported, never acted on; undefined when disabled.
 */
export async function confirmRecovery(
  deps: TaskDeps,
  cfg: RollbackConfig,
  provider: MetricProvider,
  rt: RollbackRuntime,
  limit: WatchLimit,
): Promise<WatchFacts['recovery']> {
  if (!(cfg.confirmRecoverySeconds > 0)) return undefined
  const rounds = Math.max(1, Math.ceil(cfg.confirmRecoverySeconds / cfg.analysis.intervalSeconds))
  const rec = await watch(
    deps,
    // The first check one interval after the rollback, as the watch's initial delay.
    {
      ...cfg,
      analysis: {
        ...cfg.analysis,
        initialDelaySeconds: cfg.analysis.intervalSeconds,
        count: rounds,
      },
    },
    cfg.metrics.map((m) => ({ ...m, baseline: undefined })),
    provider,
    rt,
    null,
    limit,
  )
  const recovery = {
    metrics: rec.metrics,
    decision: rec.decision.kind,
    detail:
      rec.decision.kind === 'healthy'
        ? `metrics back within bounds over ${rounds} measurements`
        : 'reason' in rec.decision
          ? rec.decision.reason
          : '',
  }
  deps.log.info(`Recovery check: ${recovery.decision} (${recovery.detail})`)
  return recovery
}
