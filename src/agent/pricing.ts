/**
 * Prices of Claude models, USD per million tokens. Cache writes (5-minute TTL) cost 1.25× the
 * input price and cache reads 0.1×. A model missing from the table (a new release, a gateway's
 * alias) is billed here at the highest price in the table: its cost is an upper bound, never 0
 * and never unknown, so `max-cost-usd` keeps applying and a run can never be unlimited.
 */
import type { Usage } from './types.js'

export interface ModelPrice {
  input: number
  output: number
  cacheWrite: number
  cacheRead: number
}

function price(input: number, output: number): ModelPrice {
  return { input, output, cacheWrite: input * 1.25, cacheRead: input * 0.1 }
}

// Ordered: the first pattern that matches wins. Ids may carry a date suffix (-20250929) or -latest.
const TABLE: { pattern: RegExp; price: ModelPrice }[] = [
  // Opus 4 and 4.1 (and the dated claude-opus-4-20250514) kept the old Opus price.
  { pattern: /^claude-opus-4(-[01])?(-\d{8})?$/, price: price(15, 75) },
  // Opus 4.5 and every later Opus 4.x.
  { pattern: /^claude-opus-4-([2-9]|\d\d)(-\d{8})?$/, price: price(5, 25) },
  { pattern: /^claude-sonnet-4(-\d{1,2})?(-\d{8})?$/, price: price(3, 15) },
  { pattern: /^claude-haiku-4-5(-\d{8})?$/, price: price(1, 5) },
  { pattern: /^claude-3-7-sonnet(-\d{8}|-latest)?$/, price: price(3, 15) },
  { pattern: /^claude-3-5-sonnet(-\d{8}|-latest)?$/, price: price(3, 15) },
  { pattern: /^claude-3-5-haiku(-\d{8}|-latest)?$/, price: price(0.8, 4) },
  { pattern: /^claude-3-opus(-\d{8}|-latest)?$/, price: price(15, 75) },
  { pattern: /^claude-3-haiku(-\d{8})?$/, price: price(0.25, 1.25) },
]

/**
 * The Anthropic id behind the spellings providers and gateways use, the one place they are
 * mapped: Bedrock model ids (`anthropic.claude-sonnet-4-5-20250929-v1:0`) and inference
 * profiles (`us.`, `eu.`, `apac.`, `global.` + model id), Vertex (`claude-sonnet-4-5@20250929`,
 * `claude-3-5-sonnet-v2@20241022`), LiteLLM-style (`anthropic/…`). Prices are the same; only
 * the name differs. Anything else (an application inference profile ARN) stays as it is and is
 * priced at the ceiling.
 */
export function canonicalModelId(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/^(?:[a-z]{2,6}(?:-[a-z]+)?\.)?anthropic[./]/, '')
    .replace(/-v\d+(?::\d+)?(?=@|$)/, '')
    .replace(/@(\d{8})$/, '-$1')
}

/** The highest price in the table (by output, then input): what an unknown model is billed at. */
export const CEILING_PRICE: ModelPrice = TABLE.map((r) => r.price).reduce((a, b) =>
  b.output > a.output || (b.output === a.output && b.input > a.input) ? b : a,
)

/** What the summary and the log say about a model priced at the ceiling. */
export const CEILING_PRICE_NOTE = `its cost is counted at the highest known price ($${CEILING_PRICE.input} input / $${CEILING_PRICE.output} output per million tokens), an upper bound, so max-cost-usd still applies.`

/** The price of a model id (dated ids included), or null when it is not in the table. */
export function priceOf(model: string): ModelPrice | null {
  const id = canonicalModelId(model)
  return TABLE.find((row) => row.pattern.test(id))?.price ?? null
}

/** Token counts of one or more calls, as the API reports them. */
export interface TokenCounts {
  inputTokens: number
  outputTokens: number
  cacheWriteTokens: number
  cacheReadTokens: number
}

/** The price a model is billed at: its own, or the ceiling when it is not in the table. */
export function billingPriceOf(model: string): ModelPrice {
  return priceOf(model) ?? CEILING_PRICE
}

/** Cost in USD of the given tokens (an upper bound for a model not in the table). */
export function costOf(model: string, t: TokenCounts): number {
  const p = billingPriceOf(model)
  return (
    (t.inputTokens * p.input +
      t.outputTokens * p.output +
      t.cacheWriteTokens * p.cacheWrite +
      t.cacheReadTokens * p.cacheRead) /
    1_000_000
  )
}

/** Usage of one API call, priced. */
export function usageOfCall(model: string, t: TokenCounts): Usage {
  return { ...t, costUsd: costOf(model, t), turns: 0, apiCalls: 1 }
}
