import { appendFileSync } from 'node:fs'
import { nodeCrypto } from './builtins.js'
import { EOL } from 'node:os'
import { emptyUsage, type Usage } from './agent/types.js'
import type { RunContext } from './context.js'
import type { Mode } from './config/types.js'
import type { Redactor } from './safety/redact.js'
import type { TaskResult } from './task.js'

/**
 * Writes one step output in the runner's file format (the same heredoc form `core.setOutput`
 * uses). We write the file ourselves so an in-process run can target any environment.
 */
export function writeOutput(outputPath: string | undefined, name: string, value: string): void {
  if (!outputPath) return
  const { randomUUID } = nodeCrypto()
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

/** Outputs and job summary of a finished task (the mode's summary, then the usage table). */
export function reportResult(
  ctx: RunContext,
  redactor: Redactor,
  result: TaskResult,
  transcriptPath: string,
): void {
  for (const [name, value] of Object.entries(taskOutputs(result, transcriptPath))) {
    writeOutput(ctx.outputPath, name, redactor.redact(value))
  }
  appendSummary(
    ctx.summaryPath,
    redactor.redact(
      `${result.summary.trimEnd()}\n\n### Usage\n\n${usageMarkdown(result.usage, result.stopReason)}\n`,
    ),
  )
}

/** Outputs and job summary of a run that did nothing, saying why. */
export function reportSkip(ctx: RunContext, reason: string, mode?: Mode): void {
  const outputs = taskOutputs(
    {
      mode: mode ?? 'review',
      outcome: 'skipped',
      result: { skipped: true, reason },
      usage: emptyUsage(),
      stopReason: 'none',
      summary: '',
    },
    '',
  )
  outputs.mode = mode ?? 'none'
  delete outputs.transcript
  for (const [name, value] of Object.entries(outputs)) writeOutput(ctx.outputPath, name, value)
  appendSummary(
    ctx.summaryPath,
    `## pitcrew: skipped\n\n${reason}\n\n${usageMarkdown(emptyUsage(), 'none')}\n`,
  )
}

/**
 * A run that failed midway still reports what it spent: the usage so far goes to the outputs and
 * the job summary, beside the error (the model calls already made are billed).
 */
export function reportFailure(
  ctx: RunContext,
  redactor: Redactor,
  failed: { message: string; mode?: Mode; usage: Usage; transcriptPath: string },
): void {
  if (failed.mode) {
    const partial = taskOutputs(
      {
        mode: failed.mode,
        outcome: 'skipped',
        result: { error: failed.message },
        usage: failed.usage,
        stopReason: 'none',
        summary: '',
      },
      failed.transcriptPath,
    )
    // No outcome: the task did not finish; the step is failed.
    delete partial.outcome
    delete partial['stop-reason']
    for (const [name, value] of Object.entries(partial)) {
      writeOutput(ctx.outputPath, name, redactor.redact(value))
    }
  }
  appendSummary(
    ctx.summaryPath,
    `## pitcrew failed\n\n${failed.message}\n\n### Usage so far\n\n${usageMarkdown(failed.usage, 'error')}\n`,
  )
}

/** What a cancelled run knew when it stopped. */
export interface CancelledRun {
  mode?: Mode
  signal: NodeJS.Signals
  /** Where the run was, by its log groups: "during 'pitcrew fix: reproduce'". */
  phase?: string
  usage: Usage
  transcriptPath: string
  /** The mode's result, when it returned within the grace after the signal. */
  partial?: TaskResult
  /** The mode threw while winding down. */
  error?: string
  /** The mode had not returned when the report was written. */
  stillRunning?: boolean
}

/**
 * Outputs and job summary of a run the runner cancelled: outcome `cancelled`, the usage billed
 * so far, where it stopped, and whatever the mode reported while winding down (collapsed: it was
 * written by a mode that was being stopped, so it is context, not the verdict).
 */
export function reportCancelled(ctx: RunContext, redactor: Redactor, run: CancelledRun): void {
  const partial = run.partial
  const stopReason = partial && partial.stopReason !== 'none' ? partial.stopReason : 'aborted'
  const where = run.phase ? ` ${run.phase}` : ''
  const outputs = taskOutputs(
    {
      mode: run.mode ?? 'review',
      outcome: 'cancelled',
      result: {
        cancelled: true,
        signal: run.signal,
        phase: run.phase ?? null,
        ...(run.stillRunning ? { stillRunning: true } : {}),
        ...(run.error ? { error: run.error } : {}),
        ...(partial ? { partial: { outcome: partial.outcome, ...partial.result } } : {}),
      },
      usage: run.usage,
      stopReason,
      summary: '',
    },
    run.transcriptPath,
  )
  if (!run.mode) outputs.mode = 'none'
  for (const [name, value] of Object.entries(outputs)) {
    writeOutput(ctx.outputPath, name, redactor.redact(value))
  }
  const lines = [
    `## pitcrew${run.mode ? ` ${run.mode}` : ''}: cancelled`,
    '',
    `The runner sent ${run.signal}${where}. pitcrew stopped the model and the commands it ran, and started no GitHub write after the signal.`,
  ]
  if (run.stillRunning)
    lines.push(
      '',
      'The mode had not wound down within the grace period; this report was written without it.',
    )
  if (run.error) lines.push('', `While stopping: ${run.error}`)
  if (partial?.summary.trim()) {
    lines.push(
      '',
      `<details><summary>What the run reported while stopping (outcome ${partial.outcome})</summary>`,
      '',
      partial.summary.trimEnd(),
      '',
      '</details>',
    )
  }
  lines.push('', '### Usage so far', '', usageMarkdown(run.usage, stopReason), '')
  appendSummary(ctx.summaryPath, redactor.redact(lines.join('\n')))
}
