/**
 * Fix mode: reproduce the failing tests, let the model fix the code under guards enforced in code,
 * verify the fix by re-running the tests, and only then deliver it: a branch and a draft PR into
 * the failing branch, or a patch comment when pushing is not possible.
 *
 * This file narrates the phases; each phase lives in its own module:
 * target.ts (which commit, loop guards) → reproduce.ts → agent.ts (the loop; verification runs
 * inside `finish`, verify.ts) → deliver.ts, or not-fixed.ts when no verified fix came out.
 */
import { emptyUsage } from '../agent/types.js'
import { ConfigError } from '../config/types.js'
import type { Log } from '../log.js'
import type { TaskDeps, TaskResult } from '../task.js'
import { Git } from '../tools/git.js'
import { runFixAgent } from './agent.js'
import { overBudgetResult } from '../agent/budget-gate.js'
import { deliver } from './deliver.js'
import { notFixed } from './not-fixed.js'
import { removeOrphanBranch } from './orphan.js'
import { isRefusal, reproduce } from './reproduce.js'
import type { RunTests } from './runner.js'
import { checkoutFailingCommit, loopGuards, resolveTarget, type Refusal } from './target.js'

export interface FixExtras {
  /** Replaces the real test runner (benchmarks, unit tests of the orchestration). */
  runTests?: RunTests
  /**
   * A fix of the local checkout (the `pitcrew fix` CLI): no GitHub at all. A verified fix stays
   * in the working tree, or with `commit` is committed on a new local branch (never pushed).
   */
  local?: { commit: boolean }
}

function skipped(deps: TaskDeps, r: Refusal): TaskResult {
  deps.log.notice(`pitcrew fix: ${r.reason}`)
  return {
    mode: 'fix',
    outcome: 'skipped',
    result: { reason: r.reason, ...r.extra },
    usage: emptyUsage(),
    stopReason: 'none',
    summary: `## pitcrew fix: skipped\n\n${r.reason}`,
  }
}

/** One phase of the run in its own log group, closed however the phase ends. */
async function phase<T>(log: Log, name: string, fn: () => Promise<T>): Promise<T> {
  log.startGroup(`pitcrew fix: ${name}`)
  try {
    return await fn()
  } finally {
    log.endGroup()
  }
}

export async function runFix(deps: TaskDeps, extras: FixExtras = {}): Promise<TaskResult> {
  const { settings, ctx, log, redactor } = deps
  const command = settings.inputs.testCommand ?? settings.config.fix.testCommand
  if (!command) {
    throw new ConfigError(
      `Missing test command ''. Expected the input 'test-command' or 'fix.test-command' in ${settings.inputs.configFile}, e.g. 'npm test'.`,
    )
  }
  const octokit = extras.local ? null : deps.octokit
  const git = new Git(ctx.workspace, { authToken: settings.inputs.githubToken, redactor })

  // 1. Which branch and commit failed; never fix our own work; start from the failing commit.
  const target = await phase(log, 'target and loop guards', async () => {
    const t = await resolveTarget(deps, git, octokit)
    log.info(
      `Failing branch '${t.headRef ?? '(detached)'}' at ${t.headSha.slice(0, 7)}; fix branch '${t.branch}'.`,
    )
    const refusal = await loopGuards(deps, git, octokit, t)
    if (refusal) return refusal
    await checkoutFailingCommit(deps, git, t, { local: extras.local !== undefined })
    return t
  })
  if ('reason' in target) return skipped(deps, target)

  // A run that ends without delivering leaves no fix branch without a PR (orphan.ts).
  const withoutDelivery = async (res: TaskResult): Promise<TaskResult> => {
    const note = await removeOrphanBranch(deps, git, octokit, target)
    if (!note) return res
    return {
      ...res,
      result: { ...res.result, orphanBranch: note },
      summary: `${res.summary}\n\n${note}`,
    }
  }
  try {
    // 2. Reproduce: what fails at that commit, before any model call.
    const repro = await phase(log, 'reproduce', () =>
      reproduce(deps, { git, command, target, runTests: extras.runTests }),
    )
    if (isRefusal(repro)) return await withoutDelivery(skipped(deps, repro))

    // The repository budget, before the first model call: over it, nothing is tried or pushed.
    const refused = await deps.budget?.reserve()
    if (refused) return await withoutDelivery(overBudgetResult('fix', refused))

    // 3. The agent loop; its `finish` accepts only a change that passes the guards and verification.
    const agent = await phase(log, 'agent loop', () =>
      runFixAgent(deps, { command, target, repro }),
    )
    if (!agent.verified) {
      return await withoutDelivery(
        await notFixed(deps, {
          changes: repro.changes,
          failures: repro.failures,
          final: agent.final,
          state: agent.state,
          usage: agent.usage,
          stopReason: agent.result.stopReason,
          detail: agent.result.detail,
          apiFailure: agent.result.apiFailure,
          prNumber: target.prNumber,
          runId: target.runId,
          dryRun: settings.inputs.dryRun,
        }),
      )
    }

    // 4. Deliver the verified fix.
    const delivered = await phase(log, 'deliver', () =>
      deliver(deps, { git, target, repro, agent, local: extras.local }),
    )
    return delivered.result.delivery === 'pull-request'
      ? delivered
      : await withoutDelivery(delivered)
  } catch (err) {
    await removeOrphanBranch(deps, git, octokit, target)
    throw err
  }
}
