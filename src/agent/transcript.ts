/**
 * The JSONL transcript of every model call and tool call, written under RUNNER_TEMP so a user can
 * see what the agent did. Every line passes through the redactor first: tool outputs carry
 * whatever the workspace holds, secrets included.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Log } from '../log.js'
import type { Redactor } from '../safety/redact.js'

export class Transcript {
  private ready = false
  private failed = false

  constructor(
    readonly path: string,
    private readonly redactor: Redactor,
    private readonly log: Log,
  ) {}

  /** Appends one entry. A write failure is reported once and never stops the run. */
  write(entry: Record<string, unknown>): void {
    if (this.failed || !this.path) return
    try {
      if (!this.ready) {
        mkdirSync(dirname(this.path), { recursive: true })
        this.ready = true
      }
      const line = JSON.stringify(
        this.redactor.redactDeep({ ts: new Date().toISOString(), ...entry }),
      )
      appendFileSync(this.path, `${line}\n`, { mode: 0o600 })
    } catch (err) {
      this.failed = true
      this.log.warning(
        `Cannot write the transcript at '${this.path}': ${(err as Error).message}. Continuing without it.`,
      )
    }
  }
}
