/**
 * The body of the first Messages API request of an agent loop, built the way runLoop builds it
 * (tool definitions from the registry, cache breakpoints, the response token cap). The CLI's
 * `review --dry-run --print-prompt` prints it so a user sees exactly what would be sent; a test
 * compares it with what the fake Messages API receives from a real run.
 */
import type Anthropic from '@anthropic-ai/sdk'
import { withCacheBreakpoints } from './cache.js'
import type { AgentRunOptions } from './client.js'
import { DEFAULT_MAX_TOKENS_PER_RESPONSE, LOOP_DEFAULTS, MAX_TOKENS_PER_RESPONSE } from './loop.js'
import { ToolRegistry } from './registry.js'

export function firstRequestBody(
  opts: AgentRunOptions,
  caching = LOOP_DEFAULTS.caching,
): Anthropic.MessageCreateParamsNonStreaming {
  const tools = new ToolRegistry(opts.tools).definitions()
  // As the loop builds it: the head shared by a review's calls first, then this call's own text.
  const task: Anthropic.TextBlockParam[] = [{ type: 'text', text: opts.prompt }]
  if (opts.sharedPrompt) task.unshift({ type: 'text', text: opts.sharedPrompt })
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: task }]
  const parts = withCacheBreakpoints(tools, opts.system, messages, caching)
  let maxTokens = Math.max(
    1,
    Math.min(opts.maxTokensPerResponse ?? DEFAULT_MAX_TOKENS_PER_RESPONSE, MAX_TOKENS_PER_RESPONSE),
  )
  if (opts.budgets.maxOutputTokens !== undefined) {
    maxTokens = Math.min(maxTokens, opts.budgets.maxOutputTokens)
  }
  return {
    model: opts.model,
    max_tokens: maxTokens,
    messages: parts.messages,
    ...(parts.system.length ? { system: parts.system } : {}),
    ...(tools.length ? { tools: parts.tools } : {}),
  }
}
