/**
 * `--dry-run` of review and fix: an AgentClient that records each request the mode would send
 * and answers without calling the model, so the mode runs its real code path up to the model
 * (diff, packing, reproduction, prompts) and a user without a key sees what pitcrew would do.
 */
import type { AgentClient, AgentRunOptions } from '../agent/client.js'
import { AgentError } from '../agent/client.js'
import type Anthropic from '@anthropic-ai/sdk'
import { estimateTokens } from '../agent/cache.js'
import { firstRequestBody } from '../agent/request.js'
import { priceOf } from '../agent/pricing.js'
import { emptyUsage, type AgentResult } from '../agent/types.js'

export interface PreviewRequest {
  label: string
  model: string
  /** Estimated tokens of the first request (tools + system + prompt, ≈ 4 chars per token). */
  tokens: { tools: number; system: number; prompt: number; total: number }
  tools: string[]
  /** Cost of that first request at the cache-write price (the first sighting of a prefix). */
  firstCallUsd: number | null
  maxTurns: number
}

export interface PreviewClient extends AgentClient {
  requests: PreviewRequest[]
  /** The first request body of each run, as it would be sent (`--print-prompt`). */
  bodies: Anthropic.MessageCreateParamsNonStreaming[]
}

export const PREVIEW_STOP = 'dry run: the model was not called'

/** Estimates one request the way the agent loop would send it (tools, system, user prompt). */
export function previewRequest(opts: AgentRunOptions): PreviewRequest {
  const wireTools = opts.tools.map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: t.inputSchema,
  }))
  const tools = wireTools.length ? estimateTokens(wireTools) : 0
  const system = estimateTokens(opts.system)
  const text = opts.sharedPrompt ? `${opts.sharedPrompt}\n\n${opts.prompt}` : opts.prompt
  const prompt = estimateTokens([{ role: 'user', content: text }])
  const total = tools + system + prompt
  const price = priceOf(opts.model)
  return {
    label: opts.label ?? 'agent',
    model: opts.model,
    tokens: { tools, system, prompt, total },
    tools: opts.tools.map((t) => t.name),
    firstCallUsd: price ? (total * price.cacheWrite) / 1_000_000 : null,
    maxTurns: opts.budgets.maxTurns,
  }
}

export function createPreviewClient(): PreviewClient {
  const requests: PreviewRequest[] = []
  const bodies: Anthropic.MessageCreateParamsNonStreaming[] = []
  return {
    requests,
    bodies,
    async run<F>(opts: AgentRunOptions): Promise<AgentResult<F>> {
      requests.push(previewRequest(opts))
      bodies.push(firstRequestBody(opts))
      return { stopReason: 'aborted', detail: PREVIEW_STOP, usage: emptyUsage(), toolStats: {} }
    },
    async complete() {
      throw new AgentError(PREVIEW_STOP)
    },
    usage: emptyUsage,
  }
}
