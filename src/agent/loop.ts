/**
 * The agent loop: send the conversation with the tools, run the tool calls, send the results
 * back, until the final tool is accepted or something stops it. Every budget is checked in code
 * before each call, so a runaway model is stopped by arithmetic, not by a prompt; whatever
 * happens, the caller gets back everything gathered so far and this never throws for a stop.
 */
import type Anthropic from '@anthropic-ai/sdk'
import type { Log } from '../log.js'
import type { Redactor } from '../safety/redact.js'
import type { AgentRunOptions } from './client.js'
import { compactMessages, estimateTokens, withCacheBreakpoints } from './cache.js'
import { LoopGuard, type GuardOptions } from './guards.js'
import { billingPriceOf, costOf, priceOf, usageOfCall } from './pricing.js'
import { ToolRegistry, type ToolCallOutcome } from './registry.js'
import { ApiFailure } from './retry.js'
import type { Transcript } from './transcript.js'
import { toolCallSpan } from './spans.js'
import { noTracer, type Tracer } from '../telemetry/tracer.js'
import {
  addUsage,
  emptyUsage,
  type AgentResult,
  type StopReason,
  type ToolStats,
  type Usage,
} from './types.js'

type MessageParam = Anthropic.MessageParam
type ContentBlockParam = Anthropic.ContentBlockParam

export const DEFAULT_MAX_TOKENS_PER_RESPONSE = 8192
/**
 * The most one response may ask for. A non-streaming call (ours) with a large max_tokens can run
 * past the SDK's 10-minute limit and past a model's output ceiling (a 400); no tool input we
 * take needs more, and a truncated reply is handled (the model is told and goes on).
 */
export const MAX_TOKENS_PER_RESPONSE = 8192

export interface LoopSettings {
  caching: boolean
  compaction: boolean
  /** Compact when the estimated request passes this many tokens. */
  compactAtTokens: number
  /** Recent turns kept intact by compaction. */
  keepRecentTurns: number
  guards: GuardOptions
}

export const LOOP_DEFAULTS: LoopSettings = {
  caching: true,
  compaction: true,
  compactAtTokens: 60_000,
  keepRecentTurns: 4,
  guards: {},
}

/** What the loop needs from its client: the API call with retries, accounting, the run limits. */
export interface LoopDeps {
  send(
    params: Anthropic.MessageCreateParamsNonStreaming,
    ctx: { deadline: number; signal?: AbortSignal; label: string },
  ): Promise<Anthropic.Message>
  log: Log
  redactor: Redactor
  transcript: Transcript
  settings: LoopSettings
  run: { maxCostUsd: number; deadline: number }
  /** Total usage of the client so far (every loop). */
  runUsage(): Usage
  /** Adds one call's usage to the client's total. */
  record(u: Usage): void
  /** Warns once per model that its price is unknown. */
  unknownPrice(model: string): void
  /** A span per tool call (model-call spans are the client's `send`). */
  tracer?: Tracer
}

/**
 * Expected cost of the next call. After a first call, the prompt the last call sent is priced as
 * it was actually billed (so a cache that does not deliver is noticed) and what was appended since
 * at the cache-write price (input price without caching); plus the output we expect. A model not
 * in the price table is estimated at the highest known price.
 */
export function estimateNextCost(
  model: string,
  e: {
    promptTokens: number
    last?: { promptTokens: number; inputCostUsd: number }
    caching: boolean
    outputTokens: number
  },
): number {
  const p = billingPriceOf(model)
  const freshPrice = e.caching ? p.cacheWrite : p.input
  let input: number
  if (e.last && e.last.promptTokens > 0) {
    const carried = Math.min(e.promptTokens, e.last.promptTokens)
    const fresh = e.promptTokens - carried
    input = e.last.inputCostUsd * (carried / e.last.promptTokens) + (fresh * freshPrice) / 1_000_000
  } else {
    input = (e.promptTokens * freshPrice) / 1_000_000
  }
  return input + (e.outputTokens * p.output) / 1_000_000
}

function promptTokensOf(u: Anthropic.Usage): number {
  return u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0)
}

/** Stops whose detail already quotes the failing call. */
const GUARD_STOPS = new Set<StopReason>(['final_tool', 'circuit_open', 'loop_detected'])

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
}

/** The assistant's reply as it is sent back: empty text blocks are refused by the API. */
function toParams(content: Anthropic.ContentBlock[]): ContentBlockParam[] {
  const out: ContentBlockParam[] = []
  for (const b of content) {
    if (b.type === 'text') {
      if (b.text) out.push({ type: 'text', text: b.text })
    } else if (b.type === 'tool_use') {
      out.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input })
    } else {
      // Thinking and server-tool blocks go back unchanged, as the API requires.
      out.push(b as unknown as ContentBlockParam)
    }
  }
  return out
}

/** Runs one agent loop. */
export async function runLoop<F>(opts: AgentRunOptions, deps: LoopDeps): Promise<AgentResult<F>> {
  const { log, transcript, settings } = deps
  const label = opts.label ?? 'agent'
  const budgets = opts.budgets
  const started = Date.now()
  const deadline = Math.min(started + budgets.timeoutMs, deps.run.deadline)
  const registry = new ToolRegistry(opts.tools)
  const finals = registry.finalTools()
  const finalHint = finals.join('` or `') || undefined
  const tools = registry.definitions()
  const guard = new LoopGuard(settings.guards)
  const keepLatestTools = opts.tools.filter((t) => t.keepLatest).map((t) => t.name)
  const maxTokensPerResponse = Math.max(
    1,
    Math.min(opts.maxTokensPerResponse ?? DEFAULT_MAX_TOKENS_PER_RESPONSE, MAX_TOKENS_PER_RESPONSE),
  )
  if ((opts.maxTokensPerResponse ?? 0) > MAX_TOKENS_PER_RESPONSE) {
    log.debug(
      `${label}: maxTokensPerResponse ${opts.maxTokensPerResponse} capped at ${MAX_TOKENS_PER_RESPONSE}`,
    )
  }
  const toolStats: Record<string, ToolStats> = {}
  let usage = emptyUsage()
  const task: ContentBlockParam[] = [{ type: 'text', text: opts.prompt }]
  if (opts.sharedPrompt) task.unshift({ type: 'text', text: opts.sharedPrompt })
  let messages: MessageParam[] = [{ role: 'user', content: task }]
  let nudged = false
  let lastPromptTokens = 0
  let lastInputCost = 0
  let lastEstimate = 0
  let maxOutputSeen = 0
  if (priceOf(opts.model) === null) deps.unknownPrice(opts.model)

  transcript.write({
    type: 'start',
    label,
    model: opts.model,
    system: opts.system,
    ...(opts.sharedPrompt ? { sharedPrompt: opts.sharedPrompt } : {}),
    prompt: opts.prompt,
    tools: tools.map((t) => t.name),
    budgets,
  })

  let lastToolError: { tool: string; message: string } | undefined
  let lastCallFailed = false
  let apiFailure: AgentResult<F>['apiFailure']

  const stop = (
    stopReason: StopReason,
    detail?: string,
    final?: { name: string; input: F },
  ): AgentResult<F> => {
    // A budget stop right after a rejected call: the rejection is usually the real story (the
    // final tool's input kept failing validation), so the detail carries it for the summary.
    if (lastCallFailed && lastToolError && !GUARD_STOPS.has(stopReason)) {
      const why = `last tool error: ${lastToolError.tool}: ${lastToolError.message}`
      detail = detail ? `${detail} (${why})` : why
    }
    const result: AgentResult<F> = {
      stopReason,
      usage,
      toolStats,
      ...(detail ? { detail } : {}),
      ...(final ? { final } : {}),
      ...(lastToolError ? { lastToolError } : {}),
      ...(apiFailure ? { apiFailure } : {}),
    }
    transcript.write({ type: 'stop', label, stopReason, detail, final, usage, toolStats })
    const cost = usage.costUsd === null ? 'unknown' : `$${usage.costUsd.toFixed(4)}`
    log.info(
      `${label}: stopped (${stopReason}${detail ? `: ${detail}` : ''}) after ${usage.turns} turns, ` +
        `${usage.inputTokens} input + ${usage.cacheReadTokens} cache-read + ${usage.cacheWriteTokens} cache-write + ` +
        `${usage.outputTokens} output tokens, cost ${cost}`,
    )
    return result
  }

  for (;;) {
    if (opts.signal?.aborted) return stop('aborted', 'the caller aborted the run')
    if (usage.turns >= budgets.maxTurns)
      return stop('max_turns', `turn budget of ${budgets.maxTurns} used`)
    const now = Date.now()
    if (now >= deadline) {
      const which =
        deadline === deps.run.deadline ? 'the run deadline' : `the loop's ${budgets.timeoutMs} ms`
      return stop('timeout', `wall clock: ${which} passed`)
    }

    if (settings.compaction) {
      const size = estimateTokens({ tools, system: opts.system, messages })
      const c = compactMessages(messages, size, {
        atTokens: settings.compactAtTokens,
        keepRecentTurns: settings.keepRecentTurns,
        keepLatestTools,
      })
      if (c.elided > 0) {
        messages = c.messages
        // The cached prefix is gone from the compaction point on.
        lastPromptTokens = 0
        log.debug(
          `${label}: compacted ${c.elided} long blocks (${c.savedChars} chars) at ~${size} tokens`,
        )
        transcript.write({
          type: 'compaction',
          label,
          elided: c.elided,
          savedChars: c.savedChars,
          estimatedTokens: size,
        })
      }
    }

    const parts = withCacheBreakpoints(tools, opts.system, messages, settings.caching)
    const charEstimate = estimateTokens(parts)
    // The API's own count of the last prompt plus what was appended since is the better estimate.
    const promptEstimate =
      lastPromptTokens > 0
        ? Math.max(charEstimate, lastPromptTokens + Math.max(0, charEstimate - lastEstimate))
        : charEstimate

    let maxTokens = maxTokensPerResponse
    if (budgets.maxOutputTokens !== undefined) {
      const left = budgets.maxOutputTokens - usage.outputTokens
      if (left <= 0)
        return stop('max_tokens', `output token budget of ${budgets.maxOutputTokens} used`)
      maxTokens = Math.min(maxTokens, left)
    }
    if (budgets.maxInputTokens !== undefined) {
      const spent = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens
      if (spent + promptEstimate > budgets.maxInputTokens) {
        return stop(
          'max_tokens',
          `input token budget of ${budgets.maxInputTokens}: ${spent} used, the next call needs ~${promptEstimate}`,
        )
      }
    }
    {
      // A model not in the price table is estimated at the highest known price: never unlimited.
      const est = estimateNextCost(opts.model, {
        promptTokens: promptEstimate,
        last:
          lastPromptTokens > 0
            ? { promptTokens: lastPromptTokens, inputCostUsd: lastInputCost }
            : undefined,
        caching: settings.caching,
        outputTokens: Math.min(maxTokens, Math.max(maxOutputSeen, 1024)),
      })
      const spent = usage.costUsd ?? 0
      if (spent + est > budgets.maxCostUsd) {
        return stop(
          'max_cost',
          `cost budget of $${budgets.maxCostUsd}: $${spent.toFixed(4)} spent, the next call would cost ~$${est.toFixed(4)}`,
        )
      }
      const runSpent = deps.runUsage().costUsd
      if (runSpent !== null && runSpent + est > deps.run.maxCostUsd) {
        return stop(
          'max_cost',
          `run cost ceiling of $${deps.run.maxCostUsd}: $${runSpent.toFixed(4)} spent by all calls, the next would cost ~$${est.toFixed(4)}`,
        )
      }
    }

    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model: opts.model,
      max_tokens: maxTokens,
      messages: parts.messages,
      ...(parts.system.length ? { system: parts.system } : {}),
      ...(tools.length ? { tools: parts.tools } : {}),
    }
    const lastUser = messages[messages.length - 1]!
    transcript.write({
      type: 'request',
      label,
      turn: usage.turns + 1,
      model: opts.model,
      maxTokens,
      messages: messages.length,
      estimatedTokens: promptEstimate,
      newContent: lastUser.content,
    })

    let response: Anthropic.Message
    try {
      response = await deps.send(params, { deadline, signal: opts.signal, label })
    } catch (err) {
      const f = err instanceof ApiFailure ? err : new ApiFailure(String(err), 'client', 1)
      transcript.write({
        type: 'api_error',
        label,
        kind: f.kind,
        status: f.status,
        attempts: f.attempts,
        message: f.message,
      })
      if (f.kind === 'aborted') return stop('aborted', 'the caller aborted the run')
      apiFailure = {
        kind: f.kind,
        ...(f.status !== undefined ? { status: f.status } : {}),
        attempts: f.attempts,
        counts: f.counts,
      }
      if (f.kind === 'deadline') return stop('timeout', `wall clock: ${f.message}`)
      // The message leads with each failure kind and its count: "model API overloaded (529) x10".
      return stop('api_error', `Anthropic API call failed: ${f.message}`)
    }

    const callUsage = usageOfCall(opts.model, {
      inputTokens: response.usage.input_tokens,
      outputTokens: response.usage.output_tokens,
      cacheWriteTokens: response.usage.cache_creation_input_tokens ?? 0,
      cacheReadTokens: response.usage.cache_read_input_tokens ?? 0,
    })
    usage = addUsage(usage, { ...callUsage, turns: 1 })
    deps.record({ ...callUsage, turns: 1 })
    opts.onResponse?.({ ...callUsage, turns: 1 })
    lastPromptTokens = promptTokensOf(response.usage)
    lastInputCost = costOf(opts.model, { ...callUsage, outputTokens: 0 })
    lastEstimate = charEstimate
    maxOutputSeen = Math.max(maxOutputSeen, response.usage.output_tokens)
    transcript.write({
      type: 'response',
      label,
      turn: usage.turns,
      stopReason: response.stop_reason,
      content: response.content,
      usage: response.usage,
      costUsd: callUsage.costUsd,
    })

    const content = toParams(response.content)
    if (content.length > 0) messages.push({ role: 'assistant', content })
    const toolUses = response.content.filter(
      (b): b is Anthropic.ToolUseBlock => b.type === 'tool_use',
    )
    log.info(turnLine(label, usage, toolUses, Date.now() - started))

    if (toolUses.length === 0) {
      if ((response.stop_reason as string) === 'refusal') {
        // The model declined on safety grounds: nudging it to go on would not help.
        return stop('end_turn', 'the model declined the task (stop_reason refusal)')
      }
      if (response.stop_reason === 'max_tokens') {
        messages = tellModel(
          messages,
          `Your reply was cut off at the ${maxTokens}-token limit. Be brief and continue${finalHint ? `; finish by calling \`${finalHint}\`` : ''}.`,
        )
        continue
      }
      if (finalHint && !nudged) {
        nudged = true
        const text = `You ended your turn without calling \`${finalHint}\`. Your work only counts when you call \`${finalHint}\`: call it now with your result.`
        transcript.write({ type: 'nudge', label, text })
        messages = tellModel(messages, text)
        continue
      }
      return stop(
        'end_turn',
        finalHint ? `the model stopped without calling \`${finalHint}\`` : undefined,
      )
    }

    // Cut off at max_tokens while writing a tool call: that call's input is incomplete (half an
    // edit, a review with findings missing). It is answered, never run nor accepted.
    const lastBlock = response.content[response.content.length - 1]
    const truncatedId =
      response.stop_reason === 'max_tokens' && lastBlock?.type === 'tool_use'
        ? lastBlock.id
        : undefined

    const results: ContentBlockParam[] = []
    let verdict: ReturnType<LoopGuard['record']> = { kind: 'ok' }
    for (const tu of toolUses) {
      const outcome =
        tu.id === truncatedId
          ? truncatedCall(tu.name, maxTokens, finalHint)
          : await toolCallSpan(
              deps.tracer ?? noTracer,
              { name: tu.name, id: tu.id, label, turn: usage.turns },
              () => callTool(registry, tu, opts, deadline),
            )
      const stats = (toolStats[tu.name] ??= { calls: 0, errors: 0, totalMs: 0 })
      stats.calls++
      stats.totalMs += outcome.ms
      if (outcome.isError) stats.errors++
      // Tool output goes to the model: secrets in it stay here.
      const text = deps.redactor.redact(outcome.content)
      lastCallFailed = outcome.isError
      if (outcome.isError) lastToolError = { tool: tu.name, message: oneLine(text, 300) }
      transcript.write({
        type: 'tool',
        label,
        turn: usage.turns,
        name: tu.name,
        id: tu.id,
        input: tu.input,
        isError: outcome.isError,
        ms: outcome.ms,
        result: text,
      })
      results.push({
        type: 'tool_result',
        tool_use_id: tu.id,
        content: text,
        ...(outcome.isError ? { is_error: true } : {}),
      })
      if (outcome.accepted) {
        return stop('final_tool', undefined, { name: tu.name, input: tu.input as F })
      }
      const v = guard.record(
        { name: tu.name, input: tu.input, content: text, isError: outcome.isError },
        finalHint,
      )
      // The strongest verdict of the turn wins: stop over warn over ok.
      if (v.kind === 'stop' || (v.kind === 'warn' && verdict.kind === 'ok')) verdict = v
      if (v.kind === 'stop') break
    }
    if (verdict.kind === 'stop') return stop(verdict.reason, verdict.detail)
    if (verdict.kind === 'warn') {
      transcript.write({ type: 'corrective', label, text: verdict.message })
      log.info(`${label}: loop suspected, corrective message sent: ${verdict.message}`)
      results.push({ type: 'text', text: verdict.message })
    }
    messages.push({ role: 'user', content: results })
  }
}

/**
 * The progress line of one turn, for the Actions log: which tools the model called, the loop's
 * tokens and cost so far and the time since the loop started.
 * `review: turn 3: tools read_file x2, search; tokens 5120 in (1024 cache-read, 0 cache-write) + 310 out; cost so far $0.0123; elapsed 14s`
 */
export function turnLine(
  label: string,
  usage: Usage,
  toolUses: Array<{ name: string }>,
  elapsedMs: number,
): string {
  const counts = new Map<string, number>()
  for (const t of toolUses) counts.set(t.name, (counts.get(t.name) ?? 0) + 1)
  const tools = counts.size
    ? `tools ${[...counts].map(([n, c]) => (c > 1 ? `${n} x${c}` : n)).join(', ')}`
    : 'no tool called'
  const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens
  const cost = usage.costUsd === null ? 'unknown' : `$${usage.costUsd.toFixed(4)}`
  return (
    `${label}: turn ${usage.turns}: ${tools}; tokens ${input} in (${usage.cacheReadTokens} cache-read, ` +
    `${usage.cacheWriteTokens} cache-write) + ${usage.outputTokens} out; cost so far ${cost}; ` +
    `elapsed ${Math.round(elapsedMs / 1000)}s`
  )
}

/**
 * Adds our text as the next user turn. After an empty assistant reply (nothing was appended)
 * the last message is already ours: the text joins it, since turns must alternate.
 */
function tellModel(messages: MessageParam[], text: string): MessageParam[] {
  const last = messages[messages.length - 1]!
  if (last.role !== 'user')
    return [...messages, { role: 'user', content: [{ type: 'text', text }] }]
  const content: ContentBlockParam[] =
    typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : [...last.content]
  return [...messages.slice(0, -1), { role: 'user', content: [...content, { type: 'text', text }] }]
}

/** The answer to a tool call cut off by the per-response token limit. */
function truncatedCall(name: string, maxTokens: number, finalHint?: string): ToolCallOutcome {
  const last = finalHint ? ` If you are calling \`${finalHint}\`, keep it shorter.` : ''
  return {
    content:
      `Your reply was cut off at the ${maxTokens}-token output limit while you were writing this ` +
      `\`${name}\` call, so its input is incomplete and it was NOT run. Send a smaller call: ` +
      `split a large edit into several edit_file calls with short old_text and new_text, and keep ` +
      `text brief.${last}`,
    isError: true,
    accepted: false,
    ms: 0,
  }
}

function callTool(
  registry: ToolRegistry,
  tu: Anthropic.ToolUseBlock,
  opts: AgentRunOptions,
  deadline: number,
): ReturnType<ToolRegistry['call']> {
  return registry.call(tu.name, tu.input, {
    workspace: opts.workspace,
    signal: opts.signal,
    maxMs: Math.max(0, deadline - Date.now()),
  })
}
