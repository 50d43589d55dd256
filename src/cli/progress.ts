/**
 * The CLI's Log: narration on stderr, so stdout carries only the result. On a terminal a
 * spinner shows the current step (model calls, test runs, metric waits can take minutes);
 * elsewhere (CI logs, pipes, tests) it stays quiet except for warnings and errors, unless
 * --verbose. Everything passes through `redact` first.
 */
import type { Log } from '../log.js'

export interface ProgressOptions {
  write: (text: string) => void
  /** stderr is a terminal: spinner and step lines. */
  tty: boolean
  /** Print every info line (also when not a terminal). */
  verbose: boolean
  redact: (text: string) => string
  /** Terminal width for the spinner line (default 80). */
  columns?: number
  now?: () => number
}

export interface Progress extends Log {
  /** Sets what the spinner says the CLI is waiting for. */
  step(text: string): void
  /** Prints one permanent line (above the spinner). */
  line(text: string): void
  /** A step line: printed on a terminal or with --verbose, dropped otherwise. */
  note(text: string): void
  /** Stops the spinner and clears its line. */
  stop(): void
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

export function createProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? Date.now
  let text = ''
  let since = now()
  let frame = 0
  let timer: NodeJS.Timeout | undefined
  let shown = false
  const width = Math.max(20, (opts.columns ?? 80) - 1)

  const clear = () => {
    if (shown) opts.write('\r\x1b[K')
    shown = false
  }
  const draw = () => {
    if (!opts.tty || !text) return
    const secs = Math.floor((now() - since) / 1000)
    const full = `${FRAMES[frame++ % FRAMES.length]} ${text}${secs >= 2 ? ` (${secs}s)` : ''}`
    opts.write(`\r\x1b[K${full.length > width ? `${full.slice(0, width - 1)}…` : full}`)
    shown = true
  }
  const start = () => {
    if (!opts.tty || timer) return
    timer = setInterval(draw, 100)
    // The spinner must never keep the process alive.
    timer.unref()
  }
  const line = (t: string) => {
    clear()
    opts.write(`${opts.redact(t)}\n`)
    draw()
  }
  const step = (t: string) => {
    text = opts.redact(t.replace(/\s+/g, ' ').trim())
    since = now()
    start()
    draw()
  }
  const narrate = (prefix: string) => (m: string) => {
    if (opts.verbose) line(`${prefix}${m}`)
    else if (opts.tty) step(m.split('\n')[0]!)
  }
  return {
    step,
    line,
    note(t) {
      if (opts.tty || opts.verbose) line(t)
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      text = ''
      clear()
    },
    debug: (m) => {
      if (opts.verbose) line(`debug: ${m}`)
    },
    info: narrate(''),
    notice: narrate(''),
    warning: (m) => line(`warning: ${m}`),
    error: (m) => line(`error: ${m}`),
    startGroup: (name) => {
      const n = name.replace(/^pitcrew( \w+)?: /, '')
      if (opts.verbose || opts.tty) line(`› ${n}`)
      if (opts.tty) step(n)
    },
    endGroup: () => undefined,
  }
}
