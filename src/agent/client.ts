/**
 * The model client every mode uses: agent loops (`run`) and one-shot calls (`complete`) over the
 * Anthropic Messages API, sharing one retry policy, one transcript, one usage total and the
 * run-level cost ceiling and deadline.
 */
import type Anthropic from '@anthropic-ai/sdk'
import type { Log } from '../log.js'
import type { Redactor } from '../safety/redact.js'
import { LOOP_DEFAULTS, MAX_TOKENS_PER_RESPONSE, runLoop, type LoopSettings } from './loop.js'
import type { GuardOptions } from './guards.js'
import { CEILING_PRICE_NOTE, priceOf, usageOfCall } from './pricing.js'
import { ApiFailure, withRetries, type RetryOptions } from './retry.js'
import { Transcript } from './transcript.js'
import { createModelSdk, MODEL_ID_EXAMPLES, type ModelSdk, type ProviderSetup } from './provider.js'
import { noTracer, type Tracer } from '../telemetry/tracer.js'
import { modelCallSpan } from './spans.js'
import {
  addUsage,
  emptyUsage,
  type AgentResult,
  type Budgets,
  type ToolDefinition,
  type Usage,
} from './types.js'

export interface AgentClient {
  run<F = Record<string, unknown>>(opts: AgentRunOptions): Promise<AgentResult<F>>
  /** One call without tools: incident summaries, triage. Throws AgentError when unavailable. */
  complete(opts: { model: string; system: string; prompt: string; maxTokens?: number }): Promise<{
    text: string
    usage: Usage
  }>
  /** Total usage across every call this client made (all loops, concurrent ones too). */
  usage(): Usage
  /** Models used that are not in the price table (priced at the highest known price). */
  unpricedModels?(): string[]
}

export interface AgentRunOptions {
  model: string
  system: string
  prompt: string
  // Tools of any input type; the registry validates inputs against each schema before running.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ToolDefinition<I> is contravariant in I
  tools: ToolDefinition<any>[]
  /** Per loop; the run-level cost ceiling and deadline of the client also apply. */
  budgets: Budgets
  workspace: string
  /**
   * The head of the task that parallel loops share (a review's PR context): sent as its own
   * block before `prompt` with a cache breakpoint, so loops after the first read it from cache.
   */
  sharedPrompt?: string
  /** Called after each model response with that call's usage (e.g. to learn the cache is warm). */
  onResponse?: (usage: Usage) => void
  label?: string
  maxTokensPerResponse?: number
  signal?: AbortSignal
}

export interface AgentClientOptions {
  /** The Anthropic API key and endpoint, when `provider` is not given. */
  apiKey?: string
  baseUrl?: string
  /** Where the model runs (provider.ts); default: the Anthropic API with `apiKey`. */
  provider?: ProviderSetup
  log: Log
  redactor: Redactor
  transcriptPath: string
  run: { maxCostUsd: number; deadline: number /* epoch ms */ }
  retry?: RetryOptions
  /** Prompt caching breakpoints (default on). Off only to measure what caching saves. */
  caching?: boolean
  /** Context compaction (default on, at 60k estimated tokens, keeping the last 4 turns). */
  compaction?: boolean | { atTokens?: number; keepRecentTurns?: number }
  /** Loop detector and circuit breaker thresholds (defaults 3, 3, 5). */
  guards?: GuardOptions
  /**
   * The run's cancellation: aborts the request in flight and stops every loop, whether or not
   * the caller passed a signal of its own.
   */
  signal?: AbortSignal
  /** Spans for every model call and tool call (default: none). */
  tracer?: Tracer
}

/** The model could not be used (API failure after retries, budget or deadline already spent). */
export class AgentError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AgentError'
  }
}

/**
 * Retries of a one-shot `complete()` call: its callers have a fallback (the templated incident
 * summary), so a model API that stays down does not hold the run until its deadline.
 */
export const ONE_SHOT_MAX_RETRIES = 4

/** Creates the client. The SDK's own retries are off: retries are ours (see retry.ts). */
export function createAgentClient(opts: AgentClientOptions): AgentClient {
  const { log, redactor } = opts
  const setup: ProviderSetup = opts.provider ?? {
    provider: 'anthropic',
    apiKey: opts.apiKey ?? '',
    baseUrl: opts.baseUrl || process.env.ANTHROPIC_BASE_URL || undefined,
  }
  if (setup.provider === 'anthropic') redactor.add(setup.apiKey)
  // Built on the first call: the Bedrock and Vertex SDKs load only when used.
  let sdkPromise: Promise<ModelSdk> | undefined
  const sdk = () =>
    (sdkPromise ??= createModelSdk(setup, {
      timeoutMs: opts.retry?.requestTimeoutMs ?? 300_000,
      redactor,
    }))
  const transcript = new Transcript(opts.transcriptPath, redactor, log)
  let total = emptyUsage()
  const warned = new Set<string>()
  const compaction = opts.compaction ?? true
  const settings: LoopSettings = {
    caching: opts.caching ?? LOOP_DEFAULTS.caching,
    compaction: compaction !== false,
    compactAtTokens:
      (typeof compaction === 'object' && compaction.atTokens) || LOOP_DEFAULTS.compactAtTokens,
    keepRecentTurns:
      (typeof compaction === 'object' && compaction.keepRecentTurns) ||
      LOOP_DEFAULTS.keepRecentTurns,
    guards: opts.guards ?? {},
  }

  const unknownPrice = (model: string) => {
    if (warned.has(model)) return
    warned.add(model)
    log.warning(
      `No price is known for model '${model}': ${CEILING_PRICE_NOTE} Expected ${MODEL_ID_EXAMPLES[setup.provider]}.`,
    )
  }

  const tracer = opts.tracer ?? noTracer
  const send = (
    params: Anthropic.MessageCreateParamsNonStreaming,
    ctx: { deadline: number; signal?: AbortSignal; label: string; maxRetries?: number },
  ): Promise<Anthropic.Message> =>
    modelCallSpan(tracer, params, ctx.label, () => attempt(params, ctx))

  const attempt = (
    params: Anthropic.MessageCreateParamsNonStreaming,
    ctx: { deadline: number; signal?: AbortSignal; label: string; maxRetries?: number },
  ): Promise<Anthropic.Message> =>
    withRetries(
      async (timeoutMs) =>
        (await sdk()).messages.create(params, {
          timeout: timeoutMs,
          signal: ctx.signal,
          maxRetries: 0,
        }),
      {
        retry: {
          ...opts.retry,
          maxRetries: Math.min(opts.retry?.maxRetries ?? Infinity, ctx.maxRetries ?? Infinity),
        },
        deadline: ctx.deadline,
        signal: ctx.signal,
        onRetry: ({ attempt, delayMs, error, retryAfterMs }) => {
          const asked =
            retryAfterMs !== undefined ? ` (the server's retry-after: ${retryAfterMs} ms)` : ''
          log.info(
            `${ctx.label}: model call failed (${error.message}); retry ${attempt} in ${delayMs} ms${asked}`,
          )
          transcript.write({
            type: 'retry',
            label: ctx.label,
            attempt,
            delayMs,
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            kind: error.kind,
            status: error.status,
            message: error.message,
          })
        },
      },
    )

  const record = (u: Usage) => {
    total = addUsage(total, u)
  }

  return {
    usage: () => ({ ...total }),
    unpricedModels: () => [...warned],

    run<F = Record<string, unknown>>(runOpts: AgentRunOptions): Promise<AgentResult<F>> {
      // The task text quotes diffs, logs and files, and the system prompt carries repository
      // instructions: a committed token must not reach the API.
      const redacted = {
        ...runOpts,
        system: redactor.redact(runOpts.system),
        prompt: redactor.redact(runOpts.prompt),
        ...(runOpts.sharedPrompt !== undefined
          ? { sharedPrompt: redactor.redact(runOpts.sharedPrompt) }
          : {}),
        signal: eitherSignal(runOpts.signal, opts.signal),
      }
      return runLoop<F>(redacted, {
        send,
        tracer,
        log,
        redactor,
        transcript,
        settings,
        run: opts.run,
        runUsage: () => total,
        record,
        unknownPrice,
      })
    },

    async complete(c) {
      const label = 'complete'
      if (Date.now() >= opts.run.deadline)
        throw new AgentError('The run deadline has passed; no model call was made.')
      if (!priceOf(c.model)) unknownPrice(c.model)
      if (total.costUsd !== null && total.costUsd >= opts.run.maxCostUsd) {
        throw new AgentError(
          `The run cost ceiling of $${opts.run.maxCostUsd} is spent ($${total.costUsd.toFixed(4)}); no model call was made.`,
        )
      }
      const params: Anthropic.MessageCreateParamsNonStreaming = {
        model: c.model,
        max_tokens: Math.max(1, Math.min(c.maxTokens ?? 1024, MAX_TOKENS_PER_RESPONSE)),
        ...(c.system ? { system: redactor.redact(c.system) } : {}),
        messages: [{ role: 'user', content: redactor.redact(c.prompt) }],
      }
      transcript.write({
        type: 'request',
        label,
        model: c.model,
        system: c.system,
        prompt: c.prompt,
      })
      let response: Anthropic.Message
      try {
        response = await send(params, {
          deadline: opts.run.deadline,
          label,
          maxRetries: ONE_SHOT_MAX_RETRIES,
          signal: opts.signal,
        })
      } catch (err) {
        const message =
          err instanceof ApiFailure ? `${err.message} (${err.attempts} attempt(s))` : String(err)
        transcript.write({ type: 'api_error', label, message })
        throw new AgentError(`Model call failed: ${redactor.redact(message)}`)
      }
      const usage = usageOfCall(c.model, {
        inputTokens: response.usage.input_tokens,
        outputTokens: response.usage.output_tokens,
        cacheWriteTokens: response.usage.cache_creation_input_tokens ?? 0,
        cacheReadTokens: response.usage.cache_read_input_tokens ?? 0,
      })
      const withTurn = { ...usage, turns: 1 }
      record(withTurn)
      const text = response.content
        .filter((b): b is Anthropic.TextBlock => b.type === 'text')
        .map((b) => b.text)
        .join('')
      transcript.write({
        type: 'response',
        label,
        text,
        usage: response.usage,
        costUsd: usage.costUsd,
      })
      return { text, usage: withTurn }
    },
  }
}

/** Aborted when either is. */
function eitherSignal(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b)
}
