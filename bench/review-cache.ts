/**
 * Benchmark: one cache write per review. A ~1 MB diff of real code (bench/review-diff.ts) packed
 * with the shipped settings into N calls, reviewed by runAgentCalls against the fake API (real
 * cache semantics: 1024-token minimum, 20-block lookback, an entry visible only once the response
 * that wrote it is sent; every reply takes REPLY_MS, standing in for the model's answer time).
 * Two schedules, same calls: `parallelCold` (the first `concurrency` calls sent together) and
 * `firstAlone` (shipped: the first call alone until its first response). Reported: the tokens of
 * the shared prefix (tools, system prompt, PR context) written to the cache over the N calls,
 * against one prefix (target <= 1.25), and the wall time each schedule took (median and spread
 * of RUNS runs): the cost of the wait.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { createAgentClient } from '../src/agent/client.js'
import { defaultRepoConfig } from '../src/config/schema.js'
import { memoryLog } from '../src/log.js'
import { runAgentCalls } from '../src/review/agent-calls.js'
import { reviewCallBudget } from '../src/review/call-cost.js'
import { parseGitDiff } from '../src/review/diff.js'
import { packDiff, type PackedPart } from '../src/review/pack.js'
import { reviewPrompts } from '../src/review/prompt.js'
import { Redactor } from '../src/safety/redact.js'
import {
  prefixWriteTokens,
  startAnthropicServer,
  toolUse,
  type RequestBody,
} from '../test/harness/anthropic-server.js'
import { realisticDiff, SHIPPED } from './review-diff.js'
import { spread } from './lib/stats.js'

const RUNS = 5
/** The fake model's answer time per reply (real calls take seconds: this is a floor). */
const REPLY_MS = 250

interface Measure {
  calls: number
  requests: number
  sharedPrefixTokens: number
  sharedPrefixWriteTokens: number
  cacheWriteTokens: number
  cacheReadTokens: number
  inputTokens: number
  billedInputEquivalents: number
  wallMs: number
}

async function measure(parts: PackedPart[], firstAlone: boolean, dir: string): Promise<Measure> {
  const api = await startAnthropicServer({ minCacheableTokens: 1024, replyDelayMs: REPLY_MS })
  try {
    // Each call looks around once, then submits: two model requests per call.
    api.onRequest((body: RequestBody) =>
      body.messages.length === 1
        ? toolUse('list_files', { path: '.' })
        : toolUse('submit_review', { summary: 'Reviewed.', findings: [] }),
    )
    const client = createAgentClient({
      apiKey: 'sk-ant-bench-0000000000',
      baseUrl: api.url,
      log: memoryLog(),
      redactor: new Redactor(),
      transcriptPath: join(dir, `transcript-${firstAlone}.jsonl`),
      run: { maxCostUsd: 100, deadline: Date.now() + 600_000 },
      retry: { maxRetries: 0 },
    })
    const cfg = defaultRepoConfig().review
    const t0 = performance.now()
    const calls = await runAgentCalls({
      agentClient: () => client,
      parts,
      prompts: async () =>
        reviewPrompts({
          heading: '# Pull request #4711 in acme/platform',
          title: 'Harden input validation across the libraries',
          body: [
            'This change adds guards to the validation paths of the vendored libraries and',
            'removes a few dead branches. Each module now checks its input before use.',
            '',
            '- adds `validate(input, n)` guards where untrusted input enters',
            '- drops unreachable code paths',
            '- keeps behaviour for valid input unchanged',
          ].join('\n'),
          memory: '',
          instructions: cfg.instructions,
          parts: parts.length,
          incremental: false,
        }),
      model: SHIPPED.model,
      budgets: { maxTurns: 10, maxCostUsd: SHIPPED.maxCostUsd, timeoutMs: 600_000 },
      workspace: dir,
      concurrency: cfg.concurrency,
      firstAlone,
    })
    const wallMs = performance.now() - t0
    const done = calls.results.filter((r) => r?.stopReason === 'final_tool').length
    if (done !== parts.length) throw new Error(`only ${done} of ${parts.length} calls finished`)
    const firstTurns = api.requests.filter((r) => r.body.messages.length === 1)
    // The shared prefix ends at the breakpoint on the task's shared head (the third one).
    const prefix = firstTurns[0]!.breakpoints![2]!.tokens
    let input = 0
    let write = 0
    let read = 0
    for (const r of api.requests) {
      input += r.usage?.input_tokens ?? 0
      write += r.usage?.cache_creation_input_tokens ?? 0
      read += r.usage?.cache_read_input_tokens ?? 0
    }
    return {
      calls: parts.length,
      requests: api.requests.length,
      sharedPrefixTokens: prefix,
      sharedPrefixWriteTokens: api.requests.reduce((s, r) => s + prefixWriteTokens(r, prefix), 0),
      cacheWriteTokens: write,
      cacheReadTokens: read,
      inputTokens: input,
      billedInputEquivalents: Math.round(input + 1.25 * write + 0.1 * read),
      wallMs,
    }
  } finally {
    await api.close()
  }
}

function summary(runs: Measure[]) {
  const last = runs[runs.length - 1]!
  const { wallMs: _wall, ...tokens } = last
  return {
    ...tokens,
    sharedPrefixWritesOverOnePrefix: Number(
      (last.sharedPrefixWriteTokens / last.sharedPrefixTokens).toFixed(3),
    ),
    wallMs: spread(runs.map((r) => r.wallMs)),
  }
}

export async function benchReviewCache(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-bench-review-cache-'))
  try {
    writeFileSync(join(dir, 'README.md'), '# platform\n')
    const cfg = defaultRepoConfig().review
    const pack = packDiff(parseGitDiff(realisticDiff()), {
      maxTokensPerCall: cfg.maxTokensPerCall,
      callBudget: reviewCallBudget({ model: SHIPPED.model, maxCostUsd: SHIPPED.maxCostUsd }),
    })
    const cold: Measure[] = []
    const alone: Measure[] = []
    // Interleaved, so a busy spell of the machine hits both schedules alike.
    for (let i = 0; i < RUNS; i++) {
      process.stderr.write(`  review-cache run ${i + 1}/${RUNS}\n`)
      cold.push(await measure(pack.parts, false, dir))
      alone.push(await measure(pack.parts, true, dir))
    }
    // Token counts do not vary between runs (the fake is deterministic); wall time does.
    const a = summary(alone)
    const c = summary(cold)
    const waits = alone.map((m, i) => m.wallMs - cold[i]!.wallMs)
    return {
      name: 'review-cache',
      settings: {
        model: SHIPPED.model,
        maxCostUsd: SHIPPED.maxCostUsd,
        maxTokensPerCall: cfg.maxTokensPerCall,
        concurrency: cfg.concurrency,
        replyMs: REPLY_MS,
        requestsPerCall: 2,
      },
      calls: pack.parts.length,
      parallelCold: c,
      firstAlone: a,
      target: 1.25,
      pass: a.sharedPrefixWritesOverOnePrefix <= 1.25,
      billedInputSaved: c.billedInputEquivalents - a.billedInputEquivalents,
      waitCostMs: spread(waits),
      waitCostInReplies: Number((spread(waits).median / REPLY_MS).toFixed(2)),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchReviewCache(), null, 2))
}
