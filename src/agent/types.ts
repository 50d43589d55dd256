/**
 * The contract between the agent loop and everything that plugs into it: tools, budgets, usage.
 * Modes build a tool list and a prompt, call `runAgent`, and read a structured final result.
 */

/** A JSON schema for a tool's input (draft-07 subset: type, properties, required, items, enum…). */
export type JsonSchema = Record<string, unknown>

export interface ToolContext {
  /** Absolute path of the workspace every path is resolved against. */
  workspace: string
  signal: AbortSignal
}

/** What a tool hands back to the model. `isError` results are shown to the model as errors. */
export interface ToolResult {
  content: string
  isError?: boolean
}

export interface ToolDefinition<I = Record<string, unknown>> {
  name: string
  description: string
  inputSchema: JsonSchema
  /** Per-call wall-clock limit; the call becomes an error result when it passes. */
  timeoutMs?: number
  /** Output cap in characters (head and tail kept); the registry default applies when unset. */
  maxOutputChars?: number
  /**
   * A final tool ends the loop when it succeeds (`submit_review`, `finish`). Its validated
   * input is the loop's structured result. It may still return an error result (e.g. the fix
   * did not verify), which goes back to the model and the loop goes on.
   */
  final?: boolean
  /**
   * Compaction keeps this tool's latest result whole (the latest test run, the current diff):
   * what the model works from, however long ago it asked for it.
   */
  keepLatest?: boolean
  run(input: I, ctx: ToolContext): Promise<ToolResult | string>
}

export interface Budgets {
  maxTurns: number
  maxCostUsd: number
  /** Wall clock for the whole loop, ms. */
  timeoutMs: number
  /** Optional token ceilings (input counts cache reads and writes too). */
  maxInputTokens?: number
  maxOutputTokens?: number
}

export type StopReason =
  | 'final_tool' // the final tool was called and accepted
  | 'end_turn' // the model stopped without calling the final tool
  | 'max_turns'
  | 'max_cost'
  | 'max_tokens' // a token budget, not the per-response max_tokens
  | 'timeout'
  | 'loop_detected'
  | 'circuit_open'
  | 'api_error'
  | 'aborted'

export interface Usage {
  inputTokens: number
  outputTokens: number
  cacheWriteTokens: number
  cacheReadTokens: number
  /** null when a model's price is unknown: never reported as 0. */
  costUsd: number | null
  turns: number
  apiCalls: number
}

export interface ToolStats {
  calls: number
  errors: number
  totalMs: number
}

export interface AgentResult<F = Record<string, unknown>> {
  stopReason: StopReason
  /** The accepted final tool call, when there was one. */
  final?: { name: string; input: F }
  usage: Usage
  toolStats: Record<string, ToolStats>
  /** Human-readable detail for the stop (which budget, which loop, the API error). */
  detail?: string
  /**
   * The most recent tool error result (invalid input, a refused path, a failed run), cut to 300
   * characters: a stop at a budget after the final tool was rejected says why it was.
   */
  lastToolError?: { tool: string; message: string }
  /**
   * Set when the model API ended the loop (stop `api_error`, or `timeout` while retrying): the
   * kind of the last failure (`overloaded`, `connection`, `unreachable`, `auth`, ...) and the
   * count of each failed attempt, so callers report "model API overloaded (529) x10", not "done".
   */
  apiFailure?: { kind: string; status?: number; attempts: number; counts: Record<string, number> }
}

export function emptyUsage(): Usage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheWriteTokens: 0,
    cacheReadTokens: 0,
    costUsd: 0,
    turns: 0,
    apiCalls: 0,
  }
}

/** Adds two usages; an unknown cost on either side makes the sum unknown. */
export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    costUsd: a.costUsd === null || b.costUsd === null ? null : a.costUsd + b.costUsd,
    turns: a.turns + b.turns,
    apiCalls: a.apiCalls + b.apiCalls,
  }
}
