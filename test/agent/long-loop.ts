/**
 * A long scripted fix loop (60 model calls) over real code: tool outputs are slices of the
 * JavaScript sources in node_modules (read_file, search), test logs (run_tests) and a diff
 * (git_diff), about 3k tokens each, so the context passes 150k tokens without compaction.
 * At the last call the scripted model needs two facts it only saw in tool results long before:
 * the test that still fails after its first edit (run_tests at call 26) and a line of the
 * current diff (git_diff at call 31). It finishes `fixed` when the request still shows both,
 * and gives up otherwise. Shared by test/agent/compaction.test.ts and bench/agent-caching.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { createAgentClient, type AgentClientOptions } from '../../src/agent/client.js'
import { memoryLog } from '../../src/log.js'
import { Redactor } from '../../src/safety/redact.js'
import type { ToolDefinition } from '../../src/agent/types.js'
import { gitDiffTool, runTestsTool } from '../../src/fix/tools.js'
import type { WorkspaceChanges } from '../../src/fix/changes.js'
import type { FakeAnthropic, ReplyStep, RequestBody } from '../harness/anthropic-server.js'
import { startAnthropicServer, toolUse } from '../harness/anthropic-server.js'

export const CALLS = 60
/** Characters of each read_file / search result (about 3k tokens). */
const RESULT_CHARS = 12_000

/** The facts the last call needs. */
export const FACTS = {
  failingTest: 'test/cart.test.ts > Cart > applies the member discount once per order',
  diffLine: '+  if (order.memberDiscountApplied) return total // applied once per order',
}

export const TASK = [
  'The test command `npm test` fails on branch `feature/cart` at commit 3f2a9c1.',
  '## Failures',
  'FAIL test/cart.test.ts > Cart > totals an empty cart',
  'AssertionError: expected NaN to be 0',
  ' ❯ src/cart.ts:42:12',
].join('\n\n')

const root = resolve(import.meta.dirname, '..', '..')

/** Real source files from node_modules, in a fixed order. */
export function realSources(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name)
      const st = statSync(abs)
      if (st.isDirectory()) walk(abs)
      else if (/\.(js|mjs)$/.test(name) && st.size > 4000 && st.size < 200_000)
        out.push({ path: relative(root, abs), text: readFileSync(abs, 'utf8') })
    }
  }
  for (const pkg of ['yaml/dist', 'ajv/dist/compile', 'eslint/lib/rules'])
    walk(join(root, 'node_modules', pkg))
  return out
}

function runTestsLog(failing: string, line: number): string {
  const lines = [' RUN  v4.1.12 /home/runner/work/shop/shop', '']
  for (let i = 0; i < 120; i++)
    lines.push(` ✓ test/module_${i % 37}.test.ts > suite ${i % 7} > case ${i} ${i % 9}ms`)
  lines.push(
    '',
    ` FAIL  ${failing}`,
    'AssertionError: expected 90 to be 81 // Object.is equality',
    '- Expected  + Received',
    '- 81',
    '+ 90',
    ` ❯ src/cart.ts:${line}:12`,
    '',
  )
  for (let i = 120; i < 200; i++)
    lines.push(` ✓ test/module_${i % 37}.test.ts > suite ${i % 7} > case ${i} ${i % 9}ms`)
  lines.push(
    '',
    ' Test Files  1 failed | 36 passed (37)',
    '      Tests  1 failed | 199 passed (200)',
  )
  return lines.join('\n')
}

const CART_BEFORE = Array.from(
  { length: 30 },
  (_, i) => `  const line${i} = order.items[${i}]?.price ?? 0 // item ${i}`,
).join('\n')

function diffText(): string {
  return [
    'diff --git a/src/cart.ts b/src/cart.ts',
    '--- a/src/cart.ts',
    '+++ b/src/cart.ts',
    '@@ -40,34 +40,36 @@ export function total(order: Order): number {',
    ...CART_BEFORE.split('\n').map((l) => ` ${l}`),
    '-  return discount(total, order.member)',
    FACTS.diffLine,
    '+  order.memberDiscountApplied = true',
    '+  return discount(total, order.member)',
  ].join('\n')
}

/**
 * The loop's tools. run_tests and git_diff are the fix mode's own definitions (name, schema,
 * what compaction keeps) with scripted outputs; the others return real code.
 */
export function longLoopTools(): ToolDefinition[] {
  const sources = realSources()
  let nextSource = 0
  const slice = () => {
    const s = sources[nextSource++ % sources.length]!
    let text = s.text
    while (text.length < RESULT_CHARS) text += `\n${text}`
    return { path: s.path, text: text.slice(0, RESULT_CHARS) }
  }
  let testRuns = 0
  const realRunTests = runTestsTool({
    command: 'npm test',
    runTests: () => Promise.reject(new Error('not used')),
    known: [],
    state: { tried: [] },
  }) as ToolDefinition
  const realGitDiff = gitDiffTool({} as WorkspaceChanges) as ToolDefinition
  const obj = (props: Record<string, unknown>, required: string[] = []) => ({
    type: 'object',
    properties: props,
    required,
    additionalProperties: false,
  })
  return [
    {
      name: 'read_file',
      description: 'Read a file of the workspace, optionally a window of lines.',
      inputSchema: obj({ path: { type: 'string' } }, ['path']),
      maxOutputChars: 30_000,
      run: async () => {
        const s = slice()
        return `// ${s.path}\n${s.text}`
      },
    },
    {
      name: 'search',
      description: 'Search the workspace with a regular expression.',
      inputSchema: obj({ pattern: { type: 'string' } }, ['pattern']),
      maxOutputChars: 30_000,
      run: async () => {
        const s = slice()
        return s.text
          .split('\n')
          .map((l, i) => `${s.path}:${i + 1}: ${l}`)
          .join('\n')
          .slice(0, RESULT_CHARS)
      },
    },
    {
      name: 'edit_file',
      description: 'Replace old_text with new_text in a file.',
      inputSchema: obj(
        { path: { type: 'string' }, old_text: { type: 'string' }, new_text: { type: 'string' } },
        ['path', 'old_text', 'new_text'],
      ),
      run: async () => 'Edited src/cart.ts (1 replacement).',
    },
    {
      ...realRunTests,
      run: async () =>
        testRuns++ === 0
          ? runTestsLog('test/cart.test.ts > Cart > totals an empty cart', 42)
          : runTestsLog(FACTS.failingTest, 71),
    },
    { ...realGitDiff, run: async () => diffText() },
    {
      name: 'finish',
      description: 'Report the result and end the task.',
      inputSchema: obj(
        {
          status: { enum: ['fixed', 'gave_up'] },
          root_cause: { type: 'string' },
          summary: { type: 'string' },
        },
        ['status', 'root_cause', 'summary'],
      ),
      final: true,
      run: async () => 'accepted',
    },
  ]
}

/** What the scripted model does at call `i` (0-based). */
function step(i: number, body: RequestBody): ReplyStep {
  if (i === 0) return toolUse('run_tests', {})
  if (i === 24)
    return toolUse('edit_file', {
      path: 'src/cart.ts',
      old_text: `${CART_BEFORE}\n  return discount(total, order.member)`,
      new_text: `${CART_BEFORE}\n${FACTS.diffLine.slice(1)}\n  order.memberDiscountApplied = true\n  return discount(total, order.member)`,
    })
  if (i === 25) return toolUse('run_tests', { tests: ['test/cart.test.ts'] })
  if (i === 30) return toolUse('git_diff', {})
  if (i < CALLS - 1)
    return i % 2 === 0
      ? toolUse('read_file', { path: `src/module${i}.ts` })
      : toolUse('search', { pattern: `handler${i}\\b` })
  const sent = JSON.stringify(body.messages)
  const sees =
    sent.includes(FACTS.failingTest) && sent.includes(JSON.stringify(FACTS.diffLine).slice(1, -1))
  return sees
    ? toolUse('finish', {
        status: 'fixed',
        root_cause: `${FACTS.failingTest} still fails: the discount is applied twice`,
        summary: `The change adds: ${FACTS.diffLine}`,
      })
    : toolUse('finish', {
        status: 'gave_up',
        root_cause: 'the latest test results and the diff are no longer in context',
        summary: 'lost track',
      })
}

/** Scripts the fake API for one long loop. */
export function scriptLongLoop(api: FakeAnthropic): void {
  api.onRequest((body, i) => step(i, body))
}

export interface LongLoopMeasure {
  requests: number
  finalStatus: string
  /** The last request's messages, as sent. */
  lastMessages: string
  compactions: number
  peakPromptTokens: number
  inputTokens: number
  cacheWriteTokens: number
  cacheReadTokens: number
  billedInputEquivalents: number
}

/** One long loop with the given client settings (undefined: as shipped). */
export async function measureLongLoop(
  settings: Pick<AgentClientOptions, 'caching' | 'compaction'>,
  tools: ToolDefinition[] = longLoopTools(),
): Promise<LongLoopMeasure> {
  const api = await startAnthropicServer({ minCacheableTokens: 1024 })
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-bench-long-'))
  try {
    scriptLongLoop(api)
    const transcriptPath = join(dir, 'transcript.jsonl')
    const client = createAgentClient({
      apiKey: 'sk-ant-bench-0000000000',
      baseUrl: api.url,
      log: memoryLog(),
      redactor: new Redactor(),
      transcriptPath,
      run: { maxCostUsd: 1000, deadline: Date.now() + 600_000 },
      retry: { maxRetries: 0 },
      ...settings,
    })
    const res = await client.run<{ status: string }>({
      model: 'claude-sonnet-4-6',
      system: readFileSync(join(root, 'prompts', 'fix.md'), 'utf8'),
      prompt: TASK,
      tools,
      budgets: { maxTurns: CALLS + 5, maxCostUsd: 500, timeoutMs: 600_000 },
      workspace: dir,
    })
    let input = 0
    let write = 0
    let read = 0
    let peak = 0
    for (const r of api.requests) {
      const u = r.usage!
      input += u.input_tokens
      write += u.cache_creation_input_tokens
      read += u.cache_read_input_tokens
      peak = Math.max(
        peak,
        u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens,
      )
    }
    const compactions = readFileSync(transcriptPath, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"type":"compaction"')).length
    return {
      requests: api.requests.length,
      finalStatus: res.final?.input.status ?? `none (${res.stopReason})`,
      compactions,
      peakPromptTokens: peak,
      inputTokens: input,
      cacheWriteTokens: write,
      cacheReadTokens: read,
      billedInputEquivalents: Math.round(input + 1.25 * write + 0.1 * read),
      lastMessages: JSON.stringify(api.requests.at(-1)?.body.messages ?? []),
    }
  } finally {
    await api.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
