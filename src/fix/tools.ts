/**
 * The fix-mode tools besides the shared workspace ones: run_tests (only the configured command,
 * optionally narrowed), git_diff, and the final `finish`, whose `fixed` runs the guards on the
 * whole diff and the verification in code before the loop may end.
 */
import { readFile, rm, writeFile } from 'node:fs/promises'
import type { ToolDefinition, ToolResult } from '../agent/types.js'
import { resolveInWorkspace } from '../safety/jail.js'
import { buildFailureContext } from './context.js'
import {
  checkDiff,
  checkDiffContent,
  contentRefusal,
  type ContentReader,
  type DiffEntry,
  type GuardConfig,
} from './guards.js'
import { isMixedConfigFile } from './test-config.js'
import type { ParseSummary, TestFailure } from './parsers/types.js'
import type { RunTests } from './runner.js'
import { narrowCommand, verifyFix, type Verification } from './verify.js'
import type { WorkspaceChanges } from './changes.js'

export interface FinishInput {
  status: 'fixed' | 'gave_up'
  root_cause: string
  summary: string
}

/** What the loop learned, read by runFix after it ends. */
export interface FixState {
  verification?: Verification
  /** Accepted diff entries (set when verification passed). */
  entries?: DiffEntry[]
  /** Reasons of the last refused `finish`, for the not-fixed report. */
  lastRefusal?: string
  /** One line per test run and finish attempt. */
  tried: string[]
}

export function runTestsTool(opts: {
  command: string
  runTests: RunTests
  known: TestFailure[]
  state: FixState
}): ToolDefinition<{ tests?: string[] }> {
  return {
    name: 'run_tests',
    description:
      'Run the configured test command, optionally narrowed to some tests (test ids or test files ' +
      "from the failure context). Returns the exit code, the counts and the failing tests' sections.",
    inputSchema: {
      type: 'object',
      properties: {
        tests: {
          type: 'array',
          items: { type: 'string' },
          description: 'Test ids or test files to run; all tests when omitted.',
        },
      },
      additionalProperties: false,
    },
    // the tests get their own timeout through the runner
    timeoutMs: 60 * 60 * 1000,
    // the latest failures are what the model works on, however long ago it ran them
    keepLatest: true,
    async run(input) {
      const targets = (input.tests ?? []).map((t) => opts.known.find((f) => f.id === t) ?? t)
      const n = narrowCommand(opts.command, targets)
      const run = await opts.runTests(n.command, 'agent')
      const s = run.summary
      const counts = s.counts
      opts.state.tried.push(
        `ran \`${n.command}\`: exit ${run.timedOut ? 'timeout' : run.exitCode}, ${s.failures.length} failing`,
      )
      const head =
        `Command: ${n.command}${input.tests?.length && !n.narrowed ? ' (this runner cannot be narrowed: all tests ran)' : ''}\n` +
        `Exit code: ${run.timedOut ? 'timed out' : run.exitCode}\n` +
        (counts.total !== undefined || counts.passed !== undefined
          ? `Tests: ${counts.passed ?? '?'} passed, ${counts.failed ?? s.failures.length} failed${counts.total !== undefined ? ` of ${counts.total}` : ''}\n`
          : '')
      const restoredNote = run.restored?.length
        ? `The run wrote tracked files that pitcrew put back (a fix may only change files through edit_file): ${run.restored.slice(0, 10).join(', ')}\n`
        : ''
      if (run.error)
        return { content: `${head}The command could not run: ${run.error}`, isError: true }
      if (s.failures.length)
        return (
          head +
          restoredNote +
          '\n' +
          buildFailureContext(s, { maxChars: 12_000, maxCharsPerFailure: 2_500 })
        )
      if (run.exitCode !== 0)
        return `${head}${restoredNote}No test failure could be parsed. Output (tail):\n${run.output.slice(-4000)}`
      return `${head}${restoredNote}All selected tests passed.`
    },
  }
}

/** Reads what guards.ts compares: the failing commit's version and the working tree's. */
export function contentReader(changes: WorkspaceChanges, workspace: string): ContentReader {
  return {
    base: (rel) => changes.baseContent(rel),
    current: async (rel) => {
      const j = resolveInWorkspace(workspace, rel)
      return j.ok ? readFile(j.abs, 'utf8').catch(() => null) : null
    },
  }
}

/**
 * edit_file with the content guard: an edit of package.json (pyproject.toml, setup.cfg, pom.xml)
 * that changes test configuration is written, judged against the failing commit, and put back
 * at once with a refusal; a dependency bump in the same file goes through.
 */
export function guardTestConfig(
  edit: ToolDefinition,
  opts: { changes: WorkspaceChanges; guard: GuardConfig },
): ToolDefinition {
  return {
    ...edit,
    async run(input, ctx) {
      const path = typeof input.path === 'string' ? input.path : ''
      const j = resolveInWorkspace(ctx.workspace, path)
      if (!j.ok || opts.guard.allowTestEdits || !isMixedConfigFile(j.rel))
        return edit.run(input, ctx)
      const previous = await readFile(j.abs).catch(() => null)
      const res = await edit.run(input, ctx)
      if (typeof res !== 'string' && res.isError) return res
      const r = contentRefusal(
        j.rel,
        await opts.changes.baseContent(j.rel),
        await readFile(j.abs, 'utf8').catch(() => null),
        opts.guard,
      )
      if (!r) return res
      // put the file back as it was before this edit (a new file goes away again)
      if (previous) await writeFile(j.abs, previous)
      else await rm(j.abs, { force: true })
      return { content: `Refused '${j.rel}': ${r}`, isError: true }
    },
  }
}

export function gitDiffTool(changes: WorkspaceChanges): ToolDefinition<Record<string, never>> {
  return {
    name: 'git_diff',
    description: 'Show the current change against the failing commit as a unified diff.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    maxOutputChars: 30_000,
    keepLatest: true,
    async run() {
      const d = await changes.diff()
      return d.trim() ? d : 'No changes yet.'
    },
  }
}

/** The scripts of a package.json text ({} when absent or unreadable). */
function scriptsOf(text: string | null): Record<string, string> {
  try {
    const s = (JSON.parse(text ?? '{}') as { scripts?: unknown }).scripts
    if (!s || typeof s !== 'object') return {}
    return Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v === 'string'))
  } catch {
    return {}
  }
}

export function finishTool(opts: {
  changes: WorkspaceChanges
  guard: GuardConfig
  command: string
  targets: TestFailure[]
  baseline: ParseSummary
  runTests: RunTests
  state: FixState
}): ToolDefinition<FinishInput> {
  return {
    name: 'finish',
    final: true,
    description:
      'End the task. status "fixed": pitcrew checks the diff against the rules and verifies it by ' +
      're-running the failing tests and the full suite; if that fails you get the reason and can ' +
      'continue. status "gave_up": stop and report root_cause as your best diagnosis.',
    inputSchema: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['fixed', 'gave_up'] },
        root_cause: {
          type: 'string',
          description: 'The root cause, naming the file and the mistake.',
        },
        summary: { type: 'string', description: 'What was changed (or tried) and why.' },
      },
      required: ['status', 'root_cause', 'summary'],
      additionalProperties: false,
    },
    timeoutMs: 2 * 60 * 60 * 1000,
    async run(input, ctx): Promise<ToolResult | string> {
      if (input.status === 'gave_up') {
        opts.state.tried.push('gave up')
        return 'Recorded: gave up.'
      }
      const entries = await opts.changes.entries()
      const reasons = [
        ...checkDiff(entries, opts.guard),
        ...(await checkDiffContent(
          entries,
          opts.guard,
          contentReader(opts.changes, ctx.workspace),
        )),
      ]
      if (reasons.length) {
        const text = `The change cannot be accepted:\n${reasons.map((r) => `- ${r}`).join('\n')}\nRevert those parts (edit them back) and call finish again, or give up.`
        opts.state.lastRefusal = text
        opts.state.tried.push(`finish refused by the guards: ${reasons[0]}`)
        return { content: text, isError: true }
      }
      const v = await verifyFix({
        scripts: scriptsOf(await opts.changes.baseContent('package.json')),
        command: opts.command,
        targets: opts.targets,
        baseline: opts.baseline,
        runTests: opts.runTests,
      })
      if (!v.ok) {
        opts.state.lastRefusal = v.reason
        opts.state.tried.push(`finish rejected by verification: ${(v.reason ?? '').split('\n')[0]}`)
        return {
          content: `${v.reason}\nKeep working on the fix, then call finish again.`,
          isError: true,
        }
      }
      opts.state.verification = v
      opts.state.entries = entries
      opts.state.tried.push('finish accepted: verified')
      return 'Verified: the failing tests pass and the full suite has no new failure.'
    },
  }
}
