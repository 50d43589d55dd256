/**
 * Where the time before the first model call goes: wall time with at least one git process or
 * GitHub request in flight (overlaps counted once), and how many. Process-wide counters, read
 * once for a debug line (`pitcrew timing: {...}`) that the cold-start benchmark parses.
 */
export type BusyKind = 'git' | 'github'

interface Busy {
  inFlight: number
  since: number
  totalMs: number
  count: number
}

const busy: Record<BusyKind, Busy> = {
  git: { inFlight: 0, since: 0, totalMs: 0, count: 0 },
  github: { inFlight: 0, since: 0, totalMs: 0, count: 0 },
}

/** Marks one git process or GitHub request as started; call the returned function when done. */
export function startBusy(kind: BusyKind): () => void {
  const b = busy[kind]
  b.count++
  if (b.inFlight++ === 0) b.since = performance.now()
  let done = false
  return () => {
    if (done) return
    done = true
    if (--b.inFlight === 0) b.totalMs += performance.now() - b.since
  }
}

const marks: Record<string, number> = {}

/** Notes when the run reached a step (ms since the process started), for the timing line. */
export function mark(step: string): void {
  marks[step] ??= Math.round(performance.now())
}

/**
 * Node built-ins a run should not need before its first model request (each costs start time);
 * the timing line says which were loaded (a test keeps the review's path clear of them).
 */
const HEAVY_BUILTINS: Record<string, string> = {
  'NativeModule internal/deps/undici/undici': 'undici (global fetch)',
  'NativeModule crypto': 'crypto',
  'NativeModule tls': 'tls',
  'NativeModule zlib': 'zlib',
  'NativeModule worker_threads': 'worker_threads',
}

/** The counters so far; ms since the process started (Node's time origin). */
export function timingSnapshot(): Record<string, unknown> {
  const now = performance.now()
  const ms = (b: Busy) => Math.round(b.totalMs + (b.inFlight > 0 ? now - b.since : 0))
  return {
    sinceStartMs: Math.round(now),
    gitBusyMs: ms(busy.git),
    gitProcesses: busy.git.count,
    githubBusyMs: ms(busy.github),
    githubRequests: busy.github.count,
    marks: { ...marks },
    heavyBuiltins: ((process as { moduleLoadList?: string[] }).moduleLoadList ?? []).flatMap(
      (m) => HEAVY_BUILTINS[m] ?? [],
    ),
  }
}
