/**
 * Runs the model's regular expressions off the event loop. JavaScript regexes backtrack: a
 * pattern like `(a|aa)+$` on a long line of `a`s takes exponential time, and on the main thread
 * nothing (not the tool timeout, not the API client, not an abort) could interrupt it. In a
 * worker thread the main loop stays free, and a worker past its time limit is terminated.
 */
import type { Worker } from 'node:worker_threads'
import { workerThreads } from '../builtins.js'

/** One match: which text of the batch, which line (0-based), the line as shown (cut). */
export type LineHit = [textIndex: number, lineIndex: number, shown: string]

export interface RegexJob {
  /** Lines longer than this are matched only in their first part. */
  maxLineChars: number
  /** Shown lines are cut to this length (with a marker). */
  maxShownChars: number
}

/**
 * The worker's code, evaluated as a CommonJS script: no separate file, so the ncc bundle needs
 * nothing extra. It answers each batch of texts with the hits, at most `limit` of them.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const re = new RegExp(workerData.source, workerData.flags)
parentPort.on('message', ({ texts, limit }) => {
  const hits = []
  outer: for (let t = 0; t < texts.length; t++) {
    const text = texts[t]
    if (text === '') continue
    const lines = text.split(/\\r?\\n/)
    if (lines[lines.length - 1] === '') lines.pop()
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]
      const probe = line.length > workerData.maxLineChars ? line.slice(0, workerData.maxLineChars) : line
      if (!re.test(probe)) continue
      const shown = line.length > workerData.maxShownChars ? line.slice(0, workerData.maxShownChars) + ' [...]' : line
      hits.push([t, i, shown])
      if (hits.length >= limit) break outer
    }
  }
  parentPort.postMessage(hits)
})
`

/** The regex did not finish within its time limit; the worker was terminated. */
export class RegexTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`regex search exceeded ${timeoutMs} ms`)
    this.name = 'RegexTimeout'
  }
}

/**
 * A regex matcher in its own thread with a total time budget over all its batches. Callers
 * must `close()` it (a `finally` does).
 */
export class RegexMatcher {
  private readonly worker: Worker
  private readonly deadline: number
  private failed: Error | null = null

  constructor(
    regex: RegExp,
    private readonly job: RegexJob & { timeoutMs: number; signal?: AbortSignal },
  ) {
    this.deadline = Date.now() + job.timeoutMs
    this.worker = new (workerThreads().Worker)(WORKER_SOURCE, {
      eval: true,
      workerData: {
        source: regex.source,
        flags: regex.flags.replace(/[gy]/g, ''),
        maxLineChars: job.maxLineChars,
        maxShownChars: job.maxShownChars,
      },
      // A pathological pattern may also try to eat memory: keep the worker small.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    })
    this.worker.unref()
  }

  /** Matches a batch of texts; rejects with RegexTimeout when the time budget runs out. */
  match(texts: string[], limit: number): Promise<LineHit[]> {
    if (this.failed) return Promise.reject(this.failed)
    return new Promise<LineHit[]>((resolve, reject) => {
      const left = this.deadline - Date.now()
      const cleanup = () => {
        clearTimeout(timer)
        this.worker.off('message', onMessage)
        this.worker.off('error', onError)
        this.worker.off('exit', onExit)
        this.job.signal?.removeEventListener('abort', onAbort)
      }
      const fail = (err: Error) => {
        cleanup()
        this.failed = err
        void this.worker.terminate()
        reject(err)
      }
      const onMessage = (hits: LineHit[]) => {
        cleanup()
        resolve(hits)
      }
      const onError = (err: Error) => fail(err)
      const onExit = () => fail(new Error('the regex worker stopped unexpectedly'))
      const onAbort = () => fail(new Error('search aborted'))
      const timer = setTimeout(() => fail(new RegexTimeout(this.job.timeoutMs)), Math.max(0, left))
      this.worker.on('message', onMessage)
      this.worker.on('error', onError)
      this.worker.on('exit', onExit)
      if (this.job.signal?.aborted) return onAbort()
      this.job.signal?.addEventListener('abort', onAbort, { once: true })
      this.worker.postMessage({ texts, limit })
    })
  }

  async close(): Promise<void> {
    await this.worker.terminate()
  }
}
