/**
 * The one rule for GitHub writes that are not idempotent by nature (a review, a comment, a pull
 * request, a deployment, a deployment status, an issue): a write whose outcome is unknown (a 5xx,
 * a dropped connection, a timeout) may have happened, so it is never simply sent again. pitcrew
 * first looks for the write by its own key (a marker in the body, `payload.pitcrew`, the head
 * branch of a pull request) and posts again only when the write is not there.
 *
 * The Octokit client never retries these requests itself (see `octokit.ts`): this module is the
 * only place that decides whether a non-idempotent write is sent a second time.
 */
import { statusOf } from './errors.js'
import { clientSettings } from './octokit.js'
import type { Log } from '../log.js'

/**
 * True when a failed request may still have been applied by GitHub: a 5xx, a request that got
 * no HTTP answer at all (connection dropped, timed out, aborted), or a 408. A 4xx answer other
 * than 408 means GitHub refused it; a 429 (rate limit) is refused before anything is written.
 */
export function isUnknownOutcome(err: unknown): boolean {
  // A request refused before it was sent (a cancelled run) did not happen.
  if ((err as { notSent?: unknown } | null)?.notSent === true) return false
  const status = statusOf(err)
  if (status === undefined) return true
  // Octokit reports a fetch that failed without an answer as status 500 with the cause attached.
  return status >= 500 || status === 408
}

export interface WriteOnceOptions<T> {
  /** What is written, for the log and errors: "the review on #3", "the rollback deployment". */
  what: string
  /** Sends the write once. */
  create: () => Promise<T>
  /**
   * Looks the write up by its key; undefined when it is not there. Called only after a failure
   * whose outcome is unknown, before any second attempt.
   */
  find: () => Promise<T | undefined>
  log: Log
  /** Attempts at the write in all (default 3). */
  attempts?: number
  /** Wait before the look-up that follows an unknown outcome, in ms (default 1000, x attempt). */
  delayMs?: number
  /** Called before each wait; tests and the run's deadline may shorten it (default setTimeout). */
  sleep?: (ms: number) => Promise<void>
}

export interface WriteOnceResult<T> {
  value: T
  /**
   * How the write was confirmed: `response` (GitHub answered it), or `found` (the answer was
   * lost and the look-up found the object this run wrote).
   */
  confirmedBy: 'response' | 'found'
  /** Sends made (1 in the common case). */
  sends: number
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * Performs a non-idempotent write at most once in effect. A refusal (4xx) is thrown at once; an
 * unknown outcome is followed by a look-up, and the write is sent again only when the look-up
 * finds nothing. When every attempt fails, the last error is thrown: the write did not happen
 * as far as GitHub's own state shows.
 */
export async function writeOnce<T>(o: WriteOnceOptions<T>): Promise<WriteOnceResult<T>> {
  const attempts = Math.max(1, o.attempts ?? 3)
  const sleep = o.sleep ?? defaultSleep
  const unit = o.delayMs ?? 1000
  let last: unknown
  for (let sends = 1; sends <= attempts; sends++) {
    try {
      return { value: await o.create(), confirmedBy: 'response', sends }
    } catch (err) {
      if (!isUnknownOutcome(err)) throw err
      last = err
      o.log.warning(
        `GitHub did not confirm ${o.what} (${describe(err)}); looking it up before any retry.`,
      )
    }
    // The look-up itself may fail for a while (the same outage): it is retried before the write.
    for (let look = 1; ; look++) {
      await sleep(unit * sends)
      try {
        const found = await o.find()
        if (found !== undefined) {
          o.log.info(`Found ${o.what}: it was written, so it is not sent again.`)
          return { value: found, confirmedBy: 'found', sends }
        }
        break
      } catch (err) {
        if (look >= attempts) throw err
      }
    }
    if (sends < attempts) o.log.info(`${o.what} is not there; sending it again.`)
  }
  throw last
}

function describe(err: unknown): string {
  const status = statusOf(err)
  const msg = err instanceof Error ? err.message : String(err)
  return status === undefined ? msg : `${status} ${msg}`.slice(0, 200)
}

/**
 * `writeOnce` for a write through a client made by `createOctokit`: the log and the wait before
 * a look-up come from the client (its retry unit), so tests that shrink one shrink both.
 */
export function writeOnceOn<T>(
  octokit: object,
  o: Omit<WriteOnceOptions<T>, 'log'> & { log?: Log },
): Promise<WriteOnceResult<T>> {
  const client = clientSettings(octokit)
  const log = o.log ?? client?.log ?? silentLog
  return writeOnce({ delayMs: client?.retryUnitMs, ...o, log })
}

const silentLog: Log = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  notice: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined,
}
