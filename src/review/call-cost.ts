/**
 * How many review calls a run can afford. The number of calls follows from `max-cost-usd`, not
 * from a fixed count: a PR whose one big file needs eight calls gets them when the ceiling
 * affords them, and what the ceiling does not afford is named as such (pack.ts lists it).
 *
 * One call's cost is estimated before it is made, from the model's price table and what the
 * call will send: the system prompt, the tool definitions, the prompt's fixed text and the
 * packed diff, written to the prompt cache on the first turn and read from it on the follow-up
 * turns (read_file, submit_review), plus the output such a review usually writes. The estimate
 * only sizes the packing; the agent loop still enforces the ceiling on the real usage.
 */
import { priceOf, type ModelPrice } from '../agent/pricing.js'
import { loadPrompt } from '../prompts.js'
import { workspaceTools } from '../tools/workspace.js'
import { estimateTokens, type CallBudget } from './pack.js'
import { submitReviewTool } from './submit-review.js'

/** At most this many review calls, whatever the ceiling affords (deadline, rate limits). */
export const MAX_REVIEW_CALLS = 40
/** Output tokens one review call is expected to write (findings and summary, tool inputs). */
export const EXPECTED_OUTPUT_TOKENS = 4000
/** Turns after the first, each reading the cached prompt again (read_file, submit_review). */
export const FOLLOW_UP_TURNS = 2
/** The prompt's fixed text around the diff: heading, PR title and body, memory (a typical size). */
export const PROMPT_OVERHEAD_TOKENS = 1500

/**
 * The price used for a model missing from the table: the most expensive known model (Opus 4),
 * so an unknown model still has a finite number of calls, never an unlimited run.
 */
export const FALLBACK_MODEL = 'claude-opus-4'

/** Estimated USD cost of one review call that shows `diffTokens` of packed diff. */
export function reviewCallCost(
  price: ModelPrice,
  fixedTokens: number,
  diffTokens: number,
  outputTokens = EXPECTED_OUTPUT_TOKENS,
): number {
  const prompt = fixedTokens + diffTokens
  return (
    (prompt * price.cacheWrite +
      FOLLOW_UP_TURNS * prompt * price.cacheRead +
      outputTokens * price.output) /
    1_000_000
  )
}

/**
 * The call budget for packing a review: the run's cost ceiling, the cost of a call of a given
 * size for `model`, and the hard upper bound. `fixedTokens` (system prompt, tools, prompt text)
 * is measured from the real prompt and tool definitions unless given.
 */
export function reviewCallBudget(o: {
  model: string
  maxCostUsd: number
  fixedTokens?: number
  maxCalls?: number
}): CallBudget {
  const known = priceOf(o.model)
  const price = known ?? priceOf(FALLBACK_MODEL)!
  const fixed =
    o.fixedTokens ??
    estimateTokens(loadPrompt('review')) +
      estimateTokens(JSON.stringify([...workspaceTools(), submitReviewTool()])) +
      PROMPT_OVERHEAD_TOKENS
  return {
    maxCostUsd: o.maxCostUsd,
    maxCalls: o.maxCalls ?? MAX_REVIEW_CALLS,
    costOfCall: (tokens) => reviewCallCost(price, fixed, tokens),
    ...(known
      ? {}
      : { note: `'${o.model}' is not in the price table: priced as ${FALLBACK_MODEL}` }),
  }
}
