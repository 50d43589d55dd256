/**
 * Reproduction: the configured test command is run once at the failing commit, before any model
 * call. What fails there (parsed tests, else the whole command) is what the fix must make pass,
 * and the failure context the model starts from is built from it.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { resolveInWorkspace } from '../safety/jail.js'
import type { TaskDeps } from '../task.js'
import type { Git } from '../tools/git.js'
import { WorkspaceChanges } from './changes.js'
import { attachExcerpts, buildFailureContext } from './context.js'
import { framesInLine } from './parsers/index.js'
import type { ParseSummary, TestFailure } from './parsers/types.js'
import {
  cannotStart,
  cannotStartError,
  createTestRunner,
  withRestore,
  type RunTests,
  type TestRun,
} from './runner.js'
import type { FixTarget, Refusal } from './target.js'

export interface Reproduction {
  /** The failures the fix must turn into passes. */
  failures: TestFailure[]
  /** The reproduction run's summary with those failures: what verification compares against. */
  baseline: ParseSummary
  /** The failure context for the model, redacted. */
  context: string
  /** The test runner every later run goes through (it restores what runs write). */
  runTests: RunTests
  /** The change against the failing commit. */
  changes: WorkspaceChanges
}

/** The reproduction found a non-zero exit but no parsable test: the whole command is the failure. */
export function commandFailure(run: TestRun, workspace: string): TestFailure {
  const tail = run.output.slice(-4000)
  const frames = tail
    .split('\n')
    .flatMap((l) => framesInLine(l, workspace))
    .slice(0, 8)
  return {
    id: '(test command)',
    name: 'test command',
    message: run.timedOut
      ? 'the test command timed out'
      : `the test command exited with code ${run.exitCode}`,
    details: tail,
    frames,
    runner: 'junit',
  }
}

/**
 * Runs the test command at the failing commit. Throws when it cannot start; returns a refusal
 * (with the reproduction's facts) when the tests pass, else what failed and its context.
 */
export async function reproduce(
  deps: TaskDeps,
  o: { git: Git; command: string; target: FixTarget; runTests?: RunTests },
): Promise<Reproduction | Refusal> {
  const { ctx, log, redactor } = deps
  const fix = deps.settings.config.fix
  const { command, target } = o
  const workspace = ctx.workspace
  const changes = new WorkspaceChanges(o.git, target.headSha)
  const runTests = withRestore(
    o.runTests ??
      createTestRunner({
        workspace,
        logDir: join(ctx.runnerTemp, `pitcrew-fix-${target.runId}`),
        reports: fix.reports,
        timeoutMs: fix.testTimeoutMinutes * 60_000,
        redactor,
        log,
        heartbeatMs: deps.heartbeatMs,
        tracer: deps.tracer,
      }),
    changes,
    (paths, label) =>
      log.info(
        `The test run (${label}) wrote tracked files; restored them: ${paths.slice(0, 10).join(', ')}${paths.length > 10 ? ', …' : ''}.`,
      ),
  )
  const repro = await runTests(command, 'reproduce')
  let failures = repro.summary.failures
  log.info(
    `Reproduction: \`${command}\` exited ${repro.timedOut ? 'on timeout' : repro.exitCode}; ${failures.length} failing test(s) parsed from ${repro.source} (${repro.summary.runner}).`,
  )
  const notStarted = cannotStart(repro)
  if (notStarted) throw new Error(cannotStartError(command, notStarted))
  if (failures.length === 0) {
    if (repro.exitCode === 0 && !repro.timedOut) {
      return {
        reason: `the tests pass on reproduction (\`${command}\` exited 0 at ${target.headSha.slice(0, 7)}): nothing to fix`,
        extra: { reproduction: { command, exitCode: 0, counts: repro.summary.counts } },
      }
    }
    failures = [commandFailure(repro, workspace)]
  }
  const baseline: ParseSummary = { ...repro.summary, failures }
  const readWs = async (rel: string) => {
    const j = resolveInWorkspace(workspace, rel)
    if (!j.ok) return null
    const s = await stat(j.abs).catch(() => null)
    if (!s || !s.isFile() || s.size > 2_000_000) return null
    return readFile(j.abs, 'utf8')
  }
  await attachExcerpts(failures, { readFile: readWs })
  const context = redactor.redact(buildFailureContext(baseline))
  log.info(`Failure context: ${context.length} characters for ${failures.length} failure(s).`)
  return { failures, baseline, context, runTests, changes }
}

/** Narrows reproduce()'s answer. */
export function isRefusal(r: Reproduction | Refusal): r is Refusal {
  return 'reason' in r
}
