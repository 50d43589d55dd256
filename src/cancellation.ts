/**
 * A cancelled job, seen from the action. The runner cancels a step by sending SIGINT, then
 * SIGTERM about 7.5 s later, then killing the process. Node's default for both signals is to die
 * on the spot: no outputs, no job summary, and the test command's process group outliving us.
 * Here the first signal aborts the run's AbortSignal (the model request in flight, the agent
 * loop, the metric watch) and refuses every GitHub write not yet sent, so a cancelled run starts
 * nothing new; main.ts then waits a short grace for the mode to wind down and writes the report.
 * A second signal does not kill the process: it only cuts the grace short.
 */

/** Where SIGINT and SIGTERM come from: the process in the action, an emitter in tests. */
export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  removeListener(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
}

/** The signals a runner sends to cancel a step (and at the job's timeout-minutes). */
export const CANCEL_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/**
 * How long the mode may take to wind down after the first signal before the report is written
 * anyway. Well inside the runner's 7.5 s between SIGINT and SIGTERM, with room for the report.
 */
export const CANCEL_GRACE_MS = 3_000

/**
 * A request pitcrew refused to send because the run was cancelled: nothing reached GitHub, so
 * it is a refusal, never an unknown outcome to look up and resend (see github/idempotent.ts).
 */
export class CancelledError extends Error {
  /** The request was never sent. */
  readonly notSent = true

  constructor(what: string, why: string) {
    super(`Not sent: ${what}. ${why}; a cancelled run starts no new write.`)
    this.name = 'CancelledError'
  }
}

export interface Cancellation {
  /** Aborted at the first signal; its reason names the signal. */
  readonly signal: AbortSignal
  /** The first signal received, undefined while the run goes on. */
  readonly received: NodeJS.Signals | undefined
  /** Resolves at the first signal. */
  readonly cancelled: Promise<NodeJS.Signals>
  /** Resolves at the second signal: the report must be written now. */
  readonly hurried: Promise<void>
  /** Stops listening (the process gets its default signal handling back). */
  dispose(): void
}

/**
 * Listens for SIGINT/SIGTERM. While listening, the process is not killed by them: `onSignal`
 * hears each one with its count (1 = the run is being cancelled, 2+ = hurry).
 */
export function listenForCancel(
  source: SignalSource,
  onSignal: (signal: NodeJS.Signals, count: number) => void = () => undefined,
): Cancellation {
  const controller = new AbortController()
  let received: NodeJS.Signals | undefined
  let count = 0
  let resolveCancelled!: (s: NodeJS.Signals) => void
  let resolveHurried!: () => void
  const cancelled = new Promise<NodeJS.Signals>((r) => (resolveCancelled = r))
  const hurried = new Promise<void>((r) => (resolveHurried = r))
  const listener = (signal: NodeJS.Signals) => {
    count++
    if (count === 1) {
      received = signal
      controller.abort(new Error(`the runner sent ${signal} (the step was cancelled)`))
      resolveCancelled(signal)
    } else {
      resolveHurried()
    }
    onSignal(signal, count)
  }
  for (const s of CANCEL_SIGNALS) source.on(s, listener)
  return {
    signal: controller.signal,
    get received() {
      return received
    },
    cancelled,
    hurried,
    dispose: () => {
      for (const s of CANCEL_SIGNALS) source.removeListener(s, listener)
    },
  }
}

export type Settled<T> =
  | { status: 'fulfilled'; value: T }
  | { status: 'rejected'; reason: unknown }
  /** Still running when the grace ran out (or a second signal came). */
  | { status: 'pending' }

/**
 * Waits for `work`. Once the run is cancelled, waits at most `graceMs` more (less when a second
 * signal comes) and then answers `pending`: the report must not wait for a mode that is stuck.
 */
export async function settleWithin<T>(
  work: Promise<T>,
  cancel: Pick<Cancellation, 'cancelled' | 'hurried'>,
  graceMs: number,
): Promise<Settled<T>> {
  const settled = work.then(
    (value): Settled<T> => ({ status: 'fulfilled', value }),
    (reason: unknown): Settled<T> => ({ status: 'rejected', reason }),
  )
  let timer: NodeJS.Timeout | undefined
  const gaveUp = cancel.cancelled.then(() =>
    Promise.race([new Promise<void>((r) => (timer = setTimeout(r, graceMs))), cancel.hurried]).then(
      (): Settled<T> => ({ status: 'pending' }),
    ),
  )
  try {
    return await Promise.race([settled, gaveUp])
  } finally {
    if (timer) clearTimeout(timer)
  }
}

/** The part of Octokit the write guard hooks into. */
interface RequestHooks {
  hook: {
    before(name: 'request', fn: (options: { method?: string; url?: string }) => void): void
  }
}

/**
 * After cancellation no GitHub write is started: a request that changes something (any method
 * but GET and HEAD; GraphQL goes by POST) is refused with CancelledError before it is sent. A
 * write already in flight completes. Reads go on, so a mode can still look things up while it
 * winds down.
 */
export function refuseWritesOnCancel(octokit: RequestHooks, signal: AbortSignal): void {
  octokit.hook.before('request', (options) => {
    if (!signal.aborted) return
    const method = (options.method ?? 'GET').toUpperCase()
    if (method === 'GET' || method === 'HEAD') return
    const reason: unknown = signal.reason
    const why = reason instanceof Error ? reason.message : 'cancelled'
    throw new CancelledError(`${method} ${options.url ?? ''}`, why)
  })
}
