/**
 * Prompt caching and context compaction: the two things that keep a long tool loop cheap.
 *
 * Caching: the API caches the request prefix (tools, then system, then messages) up to each
 * `cache_control` breakpoint. We mark the last tool, the system prompt and the two latest user
 * messages (4 breakpoints, the API's maximum): the previous user message is an exact hit of what
 * the last call wrote, the latest one writes the prefix the next call will read.
 *
 * Compaction: old tool results are the bulk of a long conversation and rarely needed again. When
 * the estimate passes the budget, all but the recent ones are replaced by a short stub in one go
 * (not one per turn, which would break the cache prefix on every call); long old assistant texts
 * and tool inputs (a whole file written by edit_file) are cut to their head the same way.
 */
import type Anthropic from '@anthropic-ai/sdk'
import type { WireTool } from './registry.js'

type MessageParam = Anthropic.MessageParam
type ContentBlockParam = Anthropic.ContentBlockParam
const EPHEMERAL = { type: 'ephemeral' } as const

export interface WireRequestParts {
  tools: (WireTool & { cache_control?: typeof EPHEMERAL })[]
  system: Anthropic.TextBlockParam[]
  messages: MessageParam[]
}

/** Token estimate: ≈ 4 characters per token of the JSON sent. */
export function estimateTokens(value: unknown): number {
  return Math.ceil(JSON.stringify(value).length / 4)
}

/**
 * The request parts with cache breakpoints placed (or none when `caching` is off). The history
 * is not modified: breakpoints move every turn and only the newest ones are sent.
 */
export function withCacheBreakpoints(
  tools: WireTool[],
  system: string,
  messages: MessageParam[],
  caching: boolean,
): WireRequestParts {
  const sys: Anthropic.TextBlockParam[] = system ? [{ type: 'text', text: system }] : []
  if (!caching) return { tools: [...tools], system: sys, messages: [...messages] }
  const outTools = tools.map((t, i) =>
    i === tools.length - 1 ? { ...t, cache_control: EPHEMERAL } : t,
  )
  const outSystem = sys.map((b) => ({ ...b, cache_control: EPHEMERAL }))
  const budget = 4 - (outTools.length > 0 ? 1 : 0) - outSystem.length
  const out = [...messages]
  let placed = 0
  for (let i = out.length - 1; i >= 0 && placed < budget && placed < 2; i--) {
    const m = out[i]!
    if (m.role !== 'user') continue
    const content: ContentBlockParam[] =
      typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : [...m.content]
    const last = content.length - 1
    if (last < 0) continue
    content[last] = { ...content[last], cache_control: EPHEMERAL } as ContentBlockParam
    out[i] = { ...m, content }
    placed++
  }
  // A spare breakpoint (the first call of a loop) marks the task's shared head, when the task
  // has one: parallel loops over the same context then read it instead of each writing it.
  const first = out[0]
  if (placed < Math.min(budget, 2) && first?.role === 'user' && Array.isArray(first.content)) {
    if (first.content.length > 1 && !('cache_control' in first.content[0]!)) {
      const content = [...first.content]
      content[0] = { ...content[0]!, cache_control: EPHEMERAL } as ContentBlockParam
      out[0] = { ...first, content }
    }
  }
  return { tools: outTools, system: outSystem, messages: out }
}

export interface CompactionOptions {
  /** Compact when the estimated request passes this many tokens. */
  atTokens: number
  /** The most recent turns (assistant + user pairs) kept intact. */
  keepRecentTurns: number
  /** Blocks (tool results, texts, tool inputs) shorter than this are left alone. */
  minChars?: number
  /** Tools whose latest call and result are kept whole (the latest test run, the diff). */
  keepLatestTools?: string[]
}

export interface CompactionResult {
  messages: MessageParam[]
  /** How many blocks (tool results, assistant texts, tool_use inputs) were shortened. */
  elided: number
  savedChars: number
}

export function elisionStub(chars: number): string {
  return `[tool result of ${chars} chars elided to save context; re-run the tool if needed]`
}

/** Characters of an old assistant text or tool input string kept by compaction. */
const KEPT_HEAD_CHARS = 200

function resultChars(content: Anthropic.ToolResultBlockParam['content']): number {
  if (content === undefined) return 0
  if (typeof content === 'string') return content.length
  return JSON.stringify(content).length
}

function shorten(text: string, what: string): string {
  return `${text.slice(0, KEPT_HEAD_CHARS)}[... ${text.length - KEPT_HEAD_CHARS} chars of ${what} elided to save context]`
}

/** A tool input with every long string shortened; keys and structure stay, so pairing holds. */
function shortenInput(value: unknown, minChars: number): unknown {
  if (typeof value === 'string')
    return value.length >= minChars ? shorten(value, 'this input') : value
  if (Array.isArray(value)) return value.map((v) => shortenInput(v, minChars))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        shortenInput(v, minChars),
      ]),
    )
  }
  return value
}

/**
 * Shortens the long blocks of messages[from, to): tool results become a stub, assistant texts
 * and the long strings of tool_use inputs keep their head. Ids, names and is_error flags stay,
 * so every tool_use keeps its tool_result. Thinking blocks are never touched (the API checks
 * their signatures).
 */
function shortenRange(
  messages: MessageParam[],
  from: number,
  to: number,
  minChars: number,
  kept: Set<string>,
): { messages: MessageParam[]; elided: number; savedChars: number } {
  let elided = 0
  let savedChars = 0
  const out = messages.map((m, i) => {
    if (i < from || i >= to || typeof m.content === 'string') return m
    let changed = false
    const content = m.content.map((b): ContentBlockParam => {
      if (m.role === 'user' && b.type === 'tool_result') {
        if (kept.has(b.tool_use_id)) return b
        const chars = resultChars(b.content)
        if (chars < minChars) return b
        const stub = elisionStub(chars)
        changed = true
        elided++
        savedChars += chars - stub.length
        return { ...b, content: stub }
      }
      if (m.role === 'assistant' && b.type === 'text' && b.text.length >= minChars) {
        const text = shorten(b.text, 'your earlier reply')
        changed = true
        elided++
        savedChars += b.text.length - text.length
        return { ...b, text }
      }
      if (m.role === 'assistant' && b.type === 'tool_use') {
        if (kept.has(b.id)) return b
        const before = JSON.stringify(b.input ?? {}).length
        if (before < minChars) return b
        const input = shortenInput(b.input, minChars)
        const after = JSON.stringify(input).length
        if (after >= before) return b
        changed = true
        elided++
        savedChars += before - after
        return { ...b, input }
      }
      return b
    })
    return changed ? ({ ...m, content } as MessageParam) : m
  })
  return { messages: out, elided, savedChars }
}

/** The tool_use ids of the latest call of each of `tools`. */
function latestCalls(messages: MessageParam[], tools: string[]): Set<string> {
  const latest = new Map<string, string>()
  if (tools.length === 0) return new Set()
  for (const m of messages) {
    if (m.role !== 'assistant' || typeof m.content === 'string') continue
    for (const b of m.content)
      if (b.type === 'tool_use' && tools.includes(b.name)) latest.set(b.name, b.id)
  }
  return new Set(latest.values())
}

/**
 * Shortens the conversation when it is over budget, in one go (not a little every turn, which
 * would break the cache prefix on every call). First the old turns: everything but the first
 * message (the task) and the last `keepRecentTurns` turns. If that is not enough (a huge edit or
 * reply among the recent turns), the recent turns too, except the latest exchange the model is
 * working on. Either way the conversation cannot stay over budget because of what the model
 * wrote itself.
 */
export function compactMessages(
  messages: MessageParam[],
  estimatedTokens: number,
  opts: CompactionOptions,
): CompactionResult {
  if (estimatedTokens <= opts.atTokens) return { messages, elided: 0, savedChars: 0 }
  const minChars = opts.minChars ?? 400
  const kept = latestCalls(messages, opts.keepLatestTools ?? [])
  const keepFrom = Math.max(1, messages.length - opts.keepRecentTurns * 2)
  const first = shortenRange(messages, 1, keepFrom, minChars, kept)
  if (estimatedTokens - Math.floor(first.savedChars / 4) <= opts.atTokens) return first
  const second = shortenRange(first.messages, 1, Math.max(1, messages.length - 2), minChars, kept)
  return {
    messages: second.messages,
    elided: first.elided + second.elided,
    savedChars: first.savedChars + second.savedChars,
  }
}
