import { appendFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { EOL } from 'node:os'
import type { Usage } from './agent/types.js'
import type { TaskResult } from './task.js'

/**
 * Writes one step output in the runner's file format (the same heredoc form `core.setOutput`
 * uses). We write the file ourselves so an in-process run can target any environment.
 */
export function writeOutput(outputPath: string | undefined, name: string, value: string): void {
  if (!outputPath) return
  let delimiter = `ghadelimiter_${randomUUID()}`
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`
  appendFileSync(outputPath, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`)
}

/** Appends Markdown to the job summary file; a no-op outside a runner. */
export function appendSummary(summaryPath: string | undefined, markdown: string): void {
  if (!summaryPath) return
  appendFileSync(summaryPath, markdown.endsWith('\n') ? markdown : `${markdown}\n`)
}

export function formatCost(cost: number | null): string {
  return cost === null ? 'unknown' : cost.toFixed(4)
}

/** The usage table every job summary ends with. */
export function usageMarkdown(usage: Usage, stopReason: string): string {
  return [
    '| input tokens | output tokens | cache write | cache read | cost (USD) | turns | stop reason |',
    '|---:|---:|---:|---:|---:|---:|---|',
    `| ${usage.inputTokens} | ${usage.outputTokens} | ${usage.cacheWriteTokens} | ${usage.cacheReadTokens} | ${formatCost(usage.costUsd)} | ${usage.turns} | ${stopReason} |`,
  ].join('\n')
}

/** All contract outputs for a finished (or skipped) task. */
export function taskOutputs(result: TaskResult, transcriptPath: string): Record<string, string> {
  return {
    mode: result.mode,
    outcome: result.outcome,
    result: JSON.stringify(result.result),
    'input-tokens': String(result.usage.inputTokens),
    'output-tokens': String(result.usage.outputTokens),
    'cache-read-tokens': String(result.usage.cacheReadTokens),
    'cost-usd': formatCost(result.usage.costUsd),
    turns: String(result.usage.turns),
    'stop-reason': result.stopReason,
    transcript: transcriptPath,
  }
}
