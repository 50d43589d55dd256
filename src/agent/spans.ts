/**
 * The spans of the agent: one per model call (its retries inside) with the OpenTelemetry GenAI
 * attributes, and one per tool call. Free when tracing is off (the no-op tracer).
 */
import type Anthropic from '@anthropic-ai/sdk'
import { GEN_AI, PITCREW } from '../telemetry/attributes.js'
import type { Tracer } from '../telemetry/tracer.js'
import { usageOfCall } from './pricing.js'
import { ApiFailure } from './retry.js'
import type { ToolCallOutcome } from './registry.js'

/** Runs one model call (with its retries) inside a `chat {model}` span. */
export async function modelCallSpan(
  tracer: Tracer,
  params: Anthropic.MessageCreateParamsNonStreaming,
  label: string,
  call: () => Promise<Anthropic.Message>,
): Promise<Anthropic.Message> {
  if (!tracer.enabled) return call()
  const span = tracer.start(`chat ${params.model}`, {
    [GEN_AI.operation]: 'chat',
    [GEN_AI.system]: 'anthropic',
    [GEN_AI.provider]: 'anthropic',
    [GEN_AI.requestModel]: params.model,
    [GEN_AI.requestMaxTokens]: params.max_tokens,
    [PITCREW.label]: label,
  })
  try {
    const response = await call()
    const u = response.usage
    const cacheRead = u.cache_read_input_tokens ?? 0
    const cacheWrite = u.cache_creation_input_tokens ?? 0
    const cost = usageOfCall(params.model, {
      inputTokens: u.input_tokens,
      outputTokens: u.output_tokens,
      cacheReadTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
    }).costUsd
    span.set({
      [GEN_AI.responseModel]: response.model,
      [GEN_AI.responseId]: response.id,
      [GEN_AI.finishReasons]: response.stop_reason ? [response.stop_reason] : undefined,
      // The GenAI conventions count cached prompt tokens in input_tokens too.
      [GEN_AI.inputTokens]: u.input_tokens + cacheRead + cacheWrite,
      [GEN_AI.outputTokens]: u.output_tokens,
      [GEN_AI.cacheReadTokens]: cacheRead,
      [GEN_AI.cacheWriteTokens]: cacheWrite,
      [PITCREW.costUsd]: cost ?? undefined,
    })
    return response
  } catch (err) {
    if (err instanceof ApiFailure) {
      span.set({ [PITCREW.attempts]: err.attempts })
      span.fail(err.message, err.kind)
    } else span.fail(err instanceof Error ? err.message : String(err))
    throw err
  } finally {
    span.end()
  }
}

/** Runs one tool call inside an `execute_tool {name}` span; a tool error marks it failed. */
export async function toolCallSpan(
  tracer: Tracer,
  tool: { name: string; id: string; label: string; turn: number },
  call: () => Promise<ToolCallOutcome>,
): Promise<ToolCallOutcome> {
  if (!tracer.enabled) return call()
  const span = tracer.start(`execute_tool ${tool.name}`, {
    [GEN_AI.operation]: 'execute_tool',
    [GEN_AI.toolName]: tool.name,
    [GEN_AI.toolCallId]: tool.id,
    [GEN_AI.toolType]: 'function',
    [PITCREW.label]: tool.label,
    [PITCREW.turn]: tool.turn,
  })
  try {
    const outcome = await call()
    span.set({ [PITCREW.durationMs]: outcome.ms })
    if (outcome.isError) span.fail(outcome.content.slice(0, 300), 'tool_error')
    return outcome
  } catch (err) {
    span.fail(err instanceof Error ? err.message : String(err), 'exception')
    throw err
  } finally {
    span.end()
  }
}
