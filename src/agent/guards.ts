/**
 * Loop and stall detection over the stream of tool calls. A model stuck in self-correction
 * repeats the same call (same result) or hits the same error again and again; it gets one
 * corrective message, and if it keeps going the loop stops. Consecutive failures of any kind open
 * a circuit breaker: something is broken that the model cannot fix by retrying.
 */
import { nodeCrypto } from '../builtins.js'

export interface GuardOptions {
  /**
   * Identical calls (name + canonical input) with an identical result that count as a loop. The
   * result is part of the key: re-running the tests after each edit is progress, not a loop.
   */
  repeatLimit?: number
  /** The same error text this many times counts as a loop. */
  errorRepeatLimit?: number
  /** Consecutive error results that open the circuit. */
  circuitLimit?: number
}

export type GuardVerdict =
  | { kind: 'ok' }
  | { kind: 'warn'; message: string }
  | { kind: 'stop'; reason: 'loop_detected' | 'circuit_open'; detail: string }

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function hash(text: string): string {
  return nodeCrypto().createHash('sha256').update(text).digest('hex').slice(0, 16)
}

export class LoopGuard {
  private readonly repeatLimit: number
  private readonly errorRepeatLimit: number
  private readonly circuitLimit: number
  private readonly sameResult = new Map<string, number>()
  private readonly sameError = new Map<string, number>()
  private consecutiveErrors = 0
  private warned = false

  constructor(opts: GuardOptions = {}) {
    this.repeatLimit = opts.repeatLimit ?? 3
    this.errorRepeatLimit = opts.errorRepeatLimit ?? 3
    this.circuitLimit = opts.circuitLimit ?? 5
  }

  /** Whether the corrective message has been sent already. */
  get hasWarned(): boolean {
    return this.warned
  }

  /**
   * Records one tool call and its result. `finalHint` names the final tool for the corrective
   * message. Returns the verdict after this call.
   */
  record(
    call: { name: string; input: unknown; content: string; isError: boolean },
    finalHint?: string,
  ): GuardVerdict {
    const sig = `${call.name}:${canonicalJson(call.input)}`
    const resultKey = `${sig}:${hash(call.content)}`
    const sameResult = (this.sameResult.get(resultKey) ?? 0) + 1
    this.sameResult.set(resultKey, sameResult)
    let sameError = 0
    if (call.isError) {
      const key = hash(call.content)
      sameError = (this.sameError.get(key) ?? 0) + 1
      this.sameError.set(key, sameError)
      this.consecutiveErrors++
    } else {
      this.consecutiveErrors = 0
    }

    if (this.consecutiveErrors >= this.circuitLimit) {
      return {
        kind: 'stop',
        reason: 'circuit_open',
        detail: `${this.consecutiveErrors} tool calls in a row failed; the last: ${call.name}: ${call.content.slice(0, 300)}`,
      }
    }
    const way = finalHint ? ` or call \`${finalHint}\` with what you have` : ''
    let problem: string | null = null
    if (sameResult >= this.repeatLimit) {
      problem =
        `You have called \`${call.name}\` with the same input ${sameResult} times ` +
        `and got the same result. Repeating it will not change the outcome. Take a different approach${way}.`
    } else if (sameError >= this.errorRepeatLimit) {
      problem =
        `The same error has come back ${sameError} times: "${call.content.slice(0, 300)}". ` +
        `Stop repeating what causes it. Take a different approach${way}.`
    }
    if (!problem) return { kind: 'ok' }
    if (!this.warned) {
      this.warned = true
      return { kind: 'warn', message: problem }
    }
    return { kind: 'stop', reason: 'loop_detected', detail: problem }
  }
}
