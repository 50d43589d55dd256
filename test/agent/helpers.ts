import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { memoryLog } from '../../src/log.js'
import { Redactor } from '../../src/safety/redact.js'
import {
  createAgentClient,
  type AgentClient,
  type AgentClientOptions,
} from '../../src/agent/client.js'
import type { Budgets, ToolDefinition, ToolResult } from '../../src/agent/types.js'

export const API_KEY = 'sk-ant-api03-test-key-0123456789abcdefghij'

/** A client pointed at the fake server, with fast retries and a fresh transcript file. */
export function makeClient(url: string, extra: Partial<AgentClientOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-agent-'))
  const log = memoryLog()
  const redactor = new Redactor([API_KEY])
  const transcriptPath = join(dir, 'transcript.jsonl')
  const client = createAgentClient({
    apiKey: API_KEY,
    baseUrl: url,
    log,
    redactor,
    transcriptPath,
    run: { maxCostUsd: 100, deadline: Date.now() + 60_000 },
    retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20, requestTimeoutMs: 5_000 },
    ...extra,
  })
  const transcript = () => (existsSync(transcriptPath) ? readFileSync(transcriptPath, 'utf8') : '')
  return { client, log, redactor, transcriptPath, transcript, dir }
}

export const budgets = (b: Partial<Budgets> = {}): Budgets => ({
  maxTurns: 30,
  maxCostUsd: 5,
  timeoutMs: 30_000,
  ...b,
})

export const MODEL = 'claude-sonnet-4-6'

/** A tool that echoes its input (or runs `fn`). */
export function tool(
  name: string,
  fn: (input: Record<string, unknown>) => Promise<string | ToolResult> | string | ToolResult = (
    i,
  ) => `ok ${JSON.stringify(i)}`,
  extra: Partial<ToolDefinition> = {},
): ToolDefinition {
  return {
    name,
    description: `The ${name} tool.`,
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string' } },
      additionalProperties: false,
    },
    run: async (input) => fn(input),
    ...extra,
  }
}

export const finishTool = (extra: Partial<ToolDefinition> = {}): ToolDefinition => ({
  name: 'finish',
  description: 'Report the result.',
  inputSchema: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['fixed', 'gave_up'] },
      summary: { type: 'string' },
    },
    required: ['status', 'summary'],
    additionalProperties: false,
  },
  final: true,
  run: async () => 'accepted',
  ...extra,
})

/** The tool_result blocks of the last user message of a recorded request body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON
export function lastResults(body: any): any[] {
  const last = body.messages[body.messages.length - 1]
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON
  return last.content.filter((b: any) => b.type === 'tool_result')
}

/** One loop with the defaults most tests need: the test model, a bare prompt, default budgets. */
export function runTask(
  client: AgentClient,
  tools: ToolDefinition[],
  b: Budgets = budgets(),
): ReturnType<AgentClient['run']> {
  return client.run({
    model: MODEL,
    system: 's',
    prompt: 'p',
    tools,
    budgets: b,
    workspace: '/tmp',
  })
}
