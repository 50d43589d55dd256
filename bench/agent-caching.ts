/**
 * Benchmark (b): billed input-token equivalents of a scripted 20-turn tool loop over real code
 * (slices of the JavaScript sources in node_modules) with the client as shipped (caching on,
 * compaction at its default budget, which this short loop never reaches: `compactions` says so),
 * against the same loop without caching or compaction (the plain loop); and with compaction
 * forced early. Billed equivalents = input + 1.25 × cache writes + 0.1 × cache reads, as the
 * fake API reports them with the real API's cache semantics. Target: at most 30% of the plain
 * loop. The long loop where compaction does trigger is bench/agent-compaction.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createAgentClient } from '../src/agent/client.js'
import type { ToolDefinition } from '../src/agent/types.js'
import { memoryLog } from '../src/log.js'
import { Redactor } from '../src/safety/redact.js'
import { startAnthropicServer, toolUse } from '../test/harness/anthropic-server.js'
import { realSources } from '../test/agent/long-loop.js'

const TURNS = 20

/** Deterministic pseudo-random numbers, so every run bills the same tokens. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const sources = realSources()
let nextSource = 0

/** `chars` characters of the next real source file. */
function sourceFile(path: string, chars: number, _rand: () => number): string {
  const s = sources[nextSource++ % sources.length]!
  return `// ${path} (${s.path})\n${s.text.slice(0, chars)}`
}

const SYSTEM = [
  'You are pitcrew, an engineer fixing failing tests in a CI job.',
  'Work in small steps: read the failing test, read the code under test, find the root cause.',
  'Use read_file with line windows, search to find symbols, list_files to orient yourself.',
  'Never edit test files. Never touch .github. Keep the change minimal.',
  'When you are done, call finish with status, root_cause and summary.',
]
  .join('\n')
  .repeat(6)

function tools(rand: () => number): ToolDefinition[] {
  const obj = (props: Record<string, unknown>, required: string[] = []) => ({
    type: 'object',
    properties: props,
    required,
    additionalProperties: false,
  })
  return [
    {
      name: 'read_file',
      description:
        'Read a file of the workspace, optionally a window of lines (1-based, inclusive).',
      inputSchema: obj(
        {
          path: { type: 'string' },
          start_line: { type: 'integer', minimum: 1 },
          end_line: { type: 'integer', minimum: 1 },
        },
        ['path'],
      ),
      run: async (i) => sourceFile(String(i.path), 2000 + Math.floor(rand() * 4000), rand),
    },
    {
      name: 'search',
      description:
        'Search the workspace with a regular expression; optional path and glob narrow it.',
      inputSchema: obj(
        { pattern: { type: 'string' }, path: { type: 'string' }, glob: { type: 'string' } },
        ['pattern'],
      ),
      run: async (i) =>
        sourceFile(`search ${String(i.pattern)}`, 2000 + Math.floor(rand() * 4000), rand),
    },
    {
      name: 'list_files',
      description: 'List files under a directory of the workspace.',
      inputSchema: obj({ path: { type: 'string' } }),
      run: async () => 'src/index.ts\nsrc/main.ts\n',
    },
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

interface LoopMeasure {
  requests: number
  compactions: number
  inputTokens: number
  cacheWriteTokens: number
  cacheReadTokens: number
  billedInputEquivalents: number
  costUsd: number | null
  stopReason: string
}

async function measure(
  caching: boolean,
  compaction: false | { atTokens: number } | undefined,
): Promise<LoopMeasure> {
  nextSource = 0
  const api = await startAnthropicServer({ minCacheableTokens: 1024 })
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-bench-'))
  try {
    const rand = rng(42)
    api.onRequest((_b, i) =>
      i < TURNS - 1
        ? {
            text: i % 3 === 0 ? 'Let me look at the code under test.' : undefined,
            toolUses: [
              i % 2 === 0
                ? { name: 'read_file', input: { path: `src/module${i}.ts` } }
                : { name: 'search', input: { pattern: `handler${i}\\b` } },
            ],
          }
        : toolUse('finish', {
            status: 'fixed',
            root_cause: 'off by one',
            summary: 'fixed the bound',
          }),
    )
    const transcriptPath = join(dir, 'transcript.jsonl')
    const client = createAgentClient({
      apiKey: 'sk-ant-bench-0000000000',
      baseUrl: api.url,
      log: memoryLog(),
      redactor: new Redactor(),
      transcriptPath,
      run: { maxCostUsd: 100, deadline: Date.now() + 120_000 },
      retry: { maxRetries: 0 },
      caching,
      ...(compaction !== undefined ? { compaction } : {}),
    })
    const res = await client.run({
      model: 'claude-sonnet-4-6',
      system: SYSTEM,
      prompt:
        'The test `test/handler.test.ts > handles empty input` fails with "expected 0 to be 1". Fix it.',
      tools: tools(rand),
      budgets: { maxTurns: 40, maxCostUsd: 50, timeoutMs: 60_000 },
      workspace: dir,
    })
    let input = 0
    let write = 0
    let read = 0
    for (const r of api.requests) {
      input += r.usage?.input_tokens ?? 0
      write += r.usage?.cache_creation_input_tokens ?? 0
      read += r.usage?.cache_read_input_tokens ?? 0
    }
    return {
      requests: api.requests.length,
      compactions: readFileSync(transcriptPath, 'utf8')
        .split('\n')
        .filter((l) => l.includes('"type":"compaction"')).length,
      inputTokens: input,
      cacheWriteTokens: write,
      cacheReadTokens: read,
      billedInputEquivalents: Math.round(input + 1.25 * write + 0.1 * read),
      costUsd: res.usage.costUsd === null ? null : Number(res.usage.costUsd.toFixed(4)),
      stopReason: res.stopReason,
    }
  } finally {
    await api.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs both loops and returns the comparison (printed as JSON by `npm run bench`). */
export async function benchAgentCaching(): Promise<Record<string, unknown>> {
  const plain = await measure(false, false)
  // As shipped: the client's defaults (caching on, compaction at its default budget).
  const shipped = await measure(true, undefined)
  // Compaction forced early (12k tokens, about halfway through this loop): each compaction
  // rewrites the cache from its first change, so it bounds the context at a small cost here.
  const earlyCompaction = await measure(true, { atTokens: 12_000 })
  const ratio = shipped.billedInputEquivalents / plain.billedInputEquivalents
  return {
    name: 'agent-caching',
    turns: TURNS,
    plain,
    shipped,
    earlyCompaction,
    ratio: Number(ratio.toFixed(3)),
    earlyCompactionRatio: Number(
      (earlyCompaction.billedInputEquivalents / plain.billedInputEquivalents).toFixed(3),
    ),
    target: 0.3,
    pass: ratio <= 0.3,
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchAgentCaching().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err)
      process.exitCode = 1
    },
  )
}
