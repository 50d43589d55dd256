/**
 * The fix loop: the model reads, edits and runs the tests with the tools below, under the guards
 * (edit_file refuses what may not change) and a `finish` that only accepts a verified fix.
 */
import type { AgentResult, Usage } from '../agent/types.js'
import { loadPrompt } from '../prompts.js'
import type { TaskDeps } from '../task.js'
import { editFileTool } from '../tools/edit.js'
import { workspaceTools } from '../tools/workspace.js'
import { editGuard, guardConfig } from './guards.js'
import { newPathRefusal } from './paths.js'
import type { Reproduction } from './reproduce.js'
import type { FixTarget } from './target.js'
import {
  finishTool,
  gitDiffTool,
  guardTestConfig,
  runTestsTool,
  type FinishInput,
  type FixState,
} from './tools.js'

export interface AgentOutcome {
  result: AgentResult<FinishInput>
  state: FixState
  usage: Usage
  /** The model's final answer, when finish was called and accepted. */
  final?: FinishInput
  /** finish said fixed and the verification in code passed. */
  verified: boolean
}

/**
 * Runs the agent loop. When the model cannot be reached the workspace is reverted (nothing of a
 * half fix lingers) and the error is thrown for the caller to report.
 */
export async function runFixAgent(
  deps: TaskDeps,
  o: { command: string; target: FixTarget; repro: Reproduction },
): Promise<AgentOutcome> {
  const { settings, ctx } = deps
  const fix = settings.config.fix
  const { command, target, repro } = o
  const { failures, changes, runTests, baseline } = repro
  const guard = guardConfig(fix, failures, command)
  const state: FixState = { tried: [] }
  const tools = [
    ...workspaceTools(),
    // test configuration (scripts, runner keys, config files) is refused like a test edit
    guardTestConfig(
      editFileTool({
        guard: editGuard(guard),
        // a name git would quote or a command would read as an option never reaches the tree
        newFileGuard: newPathRefusal,
        onEdit: (rel) => {
          changes.edited.add(rel)
          if (state.tried.at(-1) !== `edited ${rel}`) state.tried.push(`edited ${rel}`)
        },
      }),
      { changes, guard },
    ),
    runTestsTool({ command, runTests, known: failures, state }),
    gitDiffTool(changes),
    finishTool({ changes, guard, command, targets: failures, baseline, runTests, state }),
  ]
  const client = deps.agentClient()
  const prompt = [
    `The test command \`${command}\` fails on branch \`${target.headRef ?? '(detached)'}\` at commit ${target.headSha.slice(0, 7)}.`,
    `Test edits are ${fix.allowTestEdits ? 'allowed' : 'not allowed'}; protected paths: ${fix.protectedPaths.join(', ') || '(none)'}; at most ${fix.maxChangedLines} changed lines.`,
    '## Failures',
    repro.context,
  ].join('\n\n')
  let result: AgentResult<FinishInput>
  try {
    result = await client.run<FinishInput>({
      model: settings.inputs.model,
      system: loadPrompt('fix'),
      prompt,
      tools,
      budgets: {
        maxTurns: settings.inputs.maxTurns,
        maxCostUsd: settings.inputs.maxCostUsd,
        timeoutMs: settings.inputs.timeoutMinutes * 60_000,
      },
      workspace: ctx.workspace,
      label: 'fix',
    })
  } catch (err) {
    // the model is unreachable: report what we know, leave nothing behind
    await changes.revert(await changes.entries().catch(() => [])).catch(() => undefined)
    throw err
  }
  const usage = client.usage()
  deps.log.info(
    `Agent loop ended: ${result.stopReason}${result.detail ? ` (${result.detail})` : ''}.`,
  )
  const final = result.final?.input
  const verified =
    final?.status === 'fixed' && state.verification?.ok === true && state.entries !== undefined
  return { result, state, usage, final, verified }
}
