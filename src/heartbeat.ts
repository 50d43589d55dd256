/**
 * Heartbeats for long waits (a test run, a metric watch): a line in the log at a fixed interval,
 * so a 20-minute job does not look hung in the Actions log.
 */
import type { Log } from './log.js'

/** At least this often a long wait says it is still going (PITCREW_HEARTBEAT_MS in tests). */
export const DEFAULT_HEARTBEAT_MS = 30_000
/** A shorter interval would flood the log. */
const MIN_HEARTBEAT_MS = 10

/**
 * Logs `line(elapsedMs)` every `everyMs` until the returned stop is called. The timer does not
 * keep the process alive.
 */
export function startHeartbeat(
  log: Pick<Log, 'info'>,
  everyMs: number | undefined,
  line: (elapsedMs: number) => string,
): () => void {
  const started = Date.now()
  const timer = setInterval(
    () => log.info(line(Date.now() - started)),
    Math.max(MIN_HEARTBEAT_MS, everyMs ?? DEFAULT_HEARTBEAT_MS),
  )
  timer.unref()
  return () => clearInterval(timer)
}

/** `95s` as `1m 35s`, for heartbeat lines. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000)
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`
}
