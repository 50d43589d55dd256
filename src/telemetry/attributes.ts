/**
 * Attribute names, as plain strings: the OpenTelemetry GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/) and pitcrew's own. Kept here rather than
 * imported from @opentelemetry/semantic-conventions so the code that sets them (the agent loop,
 * always loaded) does not load the OpenTelemetry packages.
 */
export const GEN_AI = {
  operation: 'gen_ai.operation.name',
  system: 'gen_ai.system',
  provider: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  finishReasons: 'gen_ai.response.finish_reasons',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cacheReadTokens: 'gen_ai.usage.cache_read.input_tokens',
  cacheWriteTokens: 'gen_ai.usage.cache_creation.input_tokens',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolType: 'gen_ai.tool.type',
} as const

export const PITCREW = {
  mode: 'pitcrew.mode',
  outcome: 'pitcrew.outcome',
  stopReason: 'pitcrew.stop_reason',
  label: 'pitcrew.label',
  turn: 'pitcrew.turn',
  costUsd: 'pitcrew.cost_usd',
  attempts: 'pitcrew.attempts',
  durationMs: 'pitcrew.duration_ms',
  testsCommand: 'pitcrew.tests.command',
  testsLabel: 'pitcrew.tests.label',
  testsExitCode: 'pitcrew.tests.exit_code',
  testsTimedOut: 'pitcrew.tests.timed_out',
  testsFailures: 'pitcrew.tests.failures',
} as const

export const ERROR_TYPE = 'error.type'
