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
 * (not one per turn, which would break the cache prefix on every call).
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
  return { tools: outTools, system: outSystem, messages: out }
}

export interface CompactionOptions {
  /** Compact when the estimated request passes this many tokens. */
  atTokens: number
  /** The most recent turns (assistant + user pairs) kept intact. */
  keepRecentTurns: number
  /** Tool results shorter than this are left alone. */
  minChars?: number
}

export interface CompactionResult {
  messages: MessageParam[]
  /** How many tool results were replaced by a stub. */
  elided: number
  savedChars: number
}

export function elisionStub(chars: number): string {
  return `[tool result of ${chars} chars elided to save context; re-run the tool if needed]`
}

function resultChars(content: Anthropic.ToolResultBlockParam['content']): number {
  if (content === undefined) return 0
  if (typeof content === 'string') return content.length
  return JSON.stringify(content).length
}

/**
 * Replaces old tool result contents with a stub when the conversation is over budget. The first
 * message (the task) and the last `keepRecentTurns` turns stay as they are; tool_use ids and
 * is_error flags stay, so every tool_use keeps its tool_result.
 */
export function compactMessages(
  messages: MessageParam[],
  estimatedTokens: number,
  opts: CompactionOptions,
): CompactionResult {
  if (estimatedTokens <= opts.atTokens) return { messages, elided: 0, savedChars: 0 }
  const minChars = opts.minChars ?? 400
  const keepFrom = Math.max(1, messages.length - opts.keepRecentTurns * 2)
  let elided = 0
  let savedChars = 0
  const out = messages.map((m, i) => {
    if (i === 0 || i >= keepFrom || m.role !== 'user' || typeof m.content === 'string') return m
    let changed = false
    const content = m.content.map((b) => {
      if (b.type !== 'tool_result') return b
      const chars = resultChars(b.content)
      if (chars < minChars) return b
      changed = true
      elided++
      const stub = elisionStub(chars)
      savedChars += chars - stub.length
      return { ...b, content: stub }
    })
    return changed ? { ...m, content } : m
  })
  return { messages: out, elided, savedChars }
}
