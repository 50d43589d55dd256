import type { Deployment } from '../github/deployments.js'
import type { Decision } from './analysis.js'
import { performRollback, type MethodResult } from './methods/index.js'
import { markBad, onceOptions, why, type NotDone } from './records.js'
import { statusLine, type WatchFacts } from './report.js'
import type { RollbackRuntime, RunScope } from './runtime.js'
import { findTarget, readGuardState, ROLLED_BACK_MARKER } from './safety.js'

export type Acted =
  /** The guards, read again, forbid acting now (`guard` names which). Nothing was done. */
  | { kind: 'refused'; message: string; guard: string }
  /** The method ran and failed: no rollback happened; the bad deployment is marked failed. */
  | { kind: 'failed'; method: MethodResult; target: Deployment }
  /**
   * Rolled back to `target`. `unrecorded` says when GitHub holds no record of it at all;
   * `notDone` names the records that could not be written (a rerun completes them).
   */
  | {
      kind: 'rolled-back'
      method: MethodResult
      target: Deployment
      unrecorded?: string
      notDone: NotDone
    }

/**
 * Rolls `bad` back: re-checks the loop guards and the target (another run may have acted, or a
 * newer good deployment appeared, while we watched), runs the configured method, and records the
 * result on the bad deployment's statuses, where the guards of later runs read it. Sets
 * `facts.action` (and `facts.target` when the target changed).
 */
export async function act(
  scope: RunScope,
  rt: RollbackRuntime,
  bad: Deployment,
  target: Deployment,
  decision: Extract<Decision, { kind: 'rollback' }>,
  facts: WatchFacts,
): Promise<Acted> {
  const { deps, cfg, octokit, repo } = scope
  const { log } = deps
  const again = await readGuardState(octokit, repo, bad)
  if (!again.guard.ok)
    return { kind: 'refused', message: again.guard.message, guard: again.guard.reason }
  const fresh = await findTarget(octokit, repo, bad, again.deployments)
  if (!fresh) {
    return {
      kind: 'refused',
      message: `Deployment ${target.id} (${target.sha.slice(0, 7)}) is no longer a good deployment to return to, and no other earlier successful deployment is: not acting.`,
      guard: 'no-target',
    }
  }
  if (fresh.id !== target.id) {
    log.warning(
      `The rollback target changed during the watch: deployment ${fresh.id} (${fresh.sha.slice(0, 7)}) instead of ${target.id}.`,
    )
    target = fresh
    facts.target = { id: target.id, sha: target.sha }
  }

  rt.onRollback?.({ decision, at: rt.now() })
  let method: MethodResult
  try {
    method = await performRollback(cfg.method, {
      bad,
      target,
      reason: decision.reason,
      octokit,
      ...repo,
      cwd: deps.ctx.workspace,
      env: deps.env,
      log,
      redactor: deps.redactor,
      signal: rt.signal,
      runId: deps.ctx.runId,
      once: onceOptions(deps),
    })
  } catch (err) {
    method = {
      ok: false,
      details: `${cfg.method.type} failed: ${deps.redactor.redact((err as Error).message)}`,
      commands: [],
    }
  }
  if (!method.ok) {
    facts.action = `rollback FAILED: ${method.details}`
    // The step fails anyway (no rollback happened): a missing status is only worth a warning.
    await markBad(
      scope,
      bad.id,
      `[pitcrew] metrics failed; rollback via ${cfg.method.type} FAILED`,
    ).catch((err: unknown) =>
      log.warning(`Could not mark deployment ${bad.id} failed: ${why(deps, err)}`),
    )
    return { kind: 'failed', method, target }
  }
  facts.action = `rolled back to deployment ${target.id} (${target.sha.slice(0, 7)}) with ${cfg.method.type}: ${method.details}`
  log.notice(facts.action)
  // The rollback happened: from here on a GitHub failure is reported, never thrown, so the
  // outputs still say `rolled-back`; what was not written is named and fails the step.
  const notDone: NotDone = []
  if (method.statusError && method.rollbackDeployment)
    notDone.push(
      `the rollback deployment ${method.rollbackDeployment.id} got no 'success' status (${method.statusError})`,
    )
  // The marker status is the second record the guards read, and what people see on the bad
  // deployment.
  let marked = false
  try {
    await markBad(scope, bad.id, `${ROLLED_BACK_MARKER}: ${statusLine(facts)}`)
    marked = true
  } catch (err) {
    notDone.push(`deployment ${bad.id} was not marked 'failure' (${why(deps, err)})`)
  }
  const unrecorded =
    method.recordError && !marked
      ? `Deployment ${bad.id} was rolled back with ${cfg.method.type}, but GitHub could not record it (${method.recordError}): a rerun's loop guards will not see this rollback. Record it or disable the workflow before re-running.`
      : undefined
  return { kind: 'rolled-back', method, target, unrecorded, notDone }
}
