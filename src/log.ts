import * as core from './runner-commands.js'

/** Where narration goes: the Actions log in the action, the terminal in the CLI, a buffer in tests. */
export interface Log {
  debug(message: string): void
  info(message: string): void
  warning(message: string, annotation?: Annotation): void
  error(message: string, annotation?: Annotation): void
  notice(message: string, annotation?: Annotation): void
  startGroup(name: string): void
  endGroup(): void
}

/** A file/line annotation, as `core.warning(msg, {file, startLine})` takes it. */
export interface Annotation {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
}

/**
 * The Actions log. Every message passes through `redact` first: nothing we print may carry a
 * secret, even one the runner's own masking does not know about.
 */
export function actionsLog(redact: (text: string) => string = (t) => t): Log {
  return {
    debug: (m) => core.debug(redact(m)),
    info: (m) => core.info(redact(m)),
    warning: (m, a) => core.warning(redact(m), a),
    error: (m, a) => core.error(redact(m), a),
    notice: (m, a) => core.notice(redact(m), a),
    startGroup: (n) => core.startGroup(redact(n)),
    endGroup: () => core.endGroup(),
  }
}

/** Collects messages in memory; used by tests and by the CLI's quiet mode. */
export function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = []
  const push = (level: string) => (m: string) => void lines.push(`${level}: ${m}`)
  return {
    lines,
    debug: push('debug'),
    info: push('info'),
    warning: push('warning'),
    error: push('error'),
    notice: push('notice'),
    startGroup: push('group'),
    endGroup: () => undefined,
  }
}
