/**
 * The end of a run without a verified fix: the workspace is put back, and the failing PR gets the
 * best diagnosis, what was tried and why the last attempt was refused. Nothing is pushed.
 */
import { describeCounts } from '../agent/retry.js'
import type { AgentResult, StopReason, Usage } from '../agent/types.js'
import type { TaskDeps, TaskResult } from '../task.js'
import type { WorkspaceChanges } from './changes.js'
import { postRunComment } from './comment.js'
import type { DiffEntry } from './guards.js'
import type { TestFailure } from './parsers/types.js'
import * as report from './report.js'
import type { FinishInput, FixState } from './tools.js'

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > max ? t.slice(0, max - 1) + '…' : t
}

/**
 * The best diagnosis code can give when the model stopped without one (a budget ran out, a loop
 * was stopped): what the first failing test says and where.
 */
export function testsDiagnosis(failures: TestFailure[], stopReason: StopReason): string {
  const f = failures[0]
  if (!f) return ''
  const frame = f.frames[0]
  const where = frame ? ` at ${frame.file}:${frame.line}` : f.file ? ` in ${f.file}` : ''
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more failing)` : ''
  return `No diagnosis from the model (it stopped: ${stopReason}). From the tests: ${f.id} fails with "${oneLine(f.message, 200)}"${where}${more}.`
}

export async function notFixed(
  deps: TaskDeps,
  o: {
    changes: WorkspaceChanges
    failures: TestFailure[]
    final?: FinishInput
    state: FixState
    usage: Usage
    stopReason: StopReason
    detail?: string
    /** The model API failures that ended the loop, when they did. */
    apiFailure?: AgentResult<unknown>['apiFailure']
    prNumber?: number
    runId: string
    dryRun: boolean
  },
): Promise<TaskResult> {
  const { log, redactor, octokit } = deps
  const entries: DiffEntry[] = await o.changes.entries().catch(() => [])
  const attempted = entries.length ? await o.changes.diff().catch(() => '') : ''
  // nothing half-done stays in the workspace
  await o.changes
    .revert(entries)
    .catch((err: unknown) => log.warning(`Could not revert the workspace: ${String(err)}`))
  const diagnosis = o.final?.root_cause.trim() || testsDiagnosis(o.failures, o.stopReason)
  const text = redactor.redact(
    report.notFixedReport({
      runId: o.runId,
      failingBefore: o.failures,
      diagnosis,
      tried: [
        ...o.state.tried,
        ...(o.final?.summary && o.final.status === 'gave_up'
          ? [`summary: ${o.final.summary}`]
          : []),
      ],
      lastRefusal: o.state.lastRefusal,
      usage: o.usage,
      stopReason: o.stopReason,
      detail: o.detail,
    }),
  )
  const posted =
    o.prNumber && octokit && !o.dryRun ? await postRunComment(deps, o.prNumber, o.runId, text) : {}
  const commentUrl = posted.url
  log.info(`Not fixed (${o.stopReason}); nothing pushed.`)
  return {
    mode: 'fix',
    outcome: 'not-fixed',
    result: {
      runId: o.runId,
      failingBefore: o.failures.map((f) => f.id),
      diagnosis,
      status: o.final?.status ?? null,
      tried: o.state.tried,
      lastRefusal: o.state.lastRefusal,
      attemptedDiff: redactor.redact(attempted).slice(0, 20_000),
      commentUrl,
      // "model API unreachable x3": the CLI reports it first instead of the tests' diagnosis.
      ...(o.apiFailure && Object.keys(o.apiFailure.counts).length > 0
        ? { modelApiFailure: describeCounts(o.apiFailure.counts) }
        : {}),
    },
    usage: o.usage,
    stopReason: o.stopReason,
    ...(posted.error
      ? { failure: `The not-fixed report is in the job summary only: pitcrew ${posted.error}` }
      : {}),
    summary:
      text +
      (attempted
        ? `\n\n<details><summary>Last attempted change (not pushed)</summary>\n\n\`\`\`diff\n${redactor.redact(attempted).slice(0, 20_000)}\n\`\`\`\n</details>`
        : ''),
  }
}
