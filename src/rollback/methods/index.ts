import type { RollbackMethod } from '../../config/types.js'
import {
  createDeploymentOnce,
  createDeploymentStatusOnce,
  type Deployment,
  type OnceOptions,
} from '../../github/deployments.js'
import { errorMessage } from '../../github/errors.js'
import type { Octokit } from '../../github/octokit.js'
import type { Log } from '../../log.js'
import { runCommand, scrubbedEnv } from '../../safety/command.js'
import type { Redactor } from '../../safety/redact.js'
import { rollbackOf } from '../safety.js'

/** What every method needs to act. */
export interface MethodContext {
  bad: Deployment
  target: Deployment
  reason: string
  octokit: Octokit
  owner: string
  repo: string
  cwd: string
  env: NodeJS.ProcessEnv
  log: Log
  redactor: Redactor
  signal?: AbortSignal
  /** The run's id: with the bad deployment's id, the key of the rollback deployment. */
  runId: string
  /** Retry timing of the keyed writes (writeOnce). */
  once: OnceOptions
}

export interface MethodResult {
  ok: boolean
  /** What happened, for the summary (redacted). */
  details: string
  /** Shell commands run, in order (for the summary and the tests). */
  commands: string[]
  /** The deployment recording the rollback (github-deployment creates it as the method). */
  rollbackDeployment?: Deployment
  /**
   * Set when the tool rolled back but the record in GitHub could not be written: the rollback
   * happened (ok stays true), but the loop guards of a rerun will not see it.
   */
  recordError?: string
  /**
   * Set when the rollback deployment exists but its statuses could not be written: the rollback
   * happened (a deploy workflow acts on the deployment event), but it shows no state; a rerun
   * writes them.
   */
  statusError?: string
}

/** POSIX single-quoting: arguments reach the tool verbatim whatever they contain. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}

/** The commands a tool method runs: [check, act, wait]; exported for the docs and tests. */
export function methodCommands(
  method: Exclude<RollbackMethod, { type: 'github-deployment' | 'command' }>,
): {
  check: string[] | null
  act: string[]
  wait: string[] | null
} {
  const ns = method.namespace ? ['-n', method.namespace] : []
  switch (method.type) {
    case 'kubectl': {
      const ctx = method.context ? ['--context', method.context] : []
      const rev = method.revision !== undefined ? [`--to-revision=${method.revision}`] : []
      const undo = ['kubectl', ...ctx, 'rollout', 'undo', method.resource, ...ns, ...rev]
      return {
        check: [...undo, '--dry-run=server'],
        act: undo,
        wait: [
          'kubectl',
          ...ctx,
          'rollout',
          'status',
          method.resource,
          ...ns,
          `--timeout=${method.timeoutSeconds}s`,
        ],
      }
    }
    case 'helm': {
      const rev = method.revision !== undefined ? [String(method.revision)] : []
      const base = ['helm', 'rollback', method.release, ...rev, ...ns]
      return {
        check: [...base, '--dry-run'],
        // --wait makes helm itself wait for the resources to be ready: no separate status step.
        act: [...base, '--wait', `--timeout=${method.timeoutSeconds}s`],
        wait: null,
      }
    }
    case 'argo-rollouts': {
      const rev = method.revision !== undefined ? [`--to-revision=${method.revision}`] : []
      // `undo`, not `abort`: abort only stops a canary in progress; undo returns a completed
      // rollout to the previous (or given) revision. The plugin has no dry-run.
      return {
        check: null,
        act: ['kubectl', 'argo', 'rollouts', 'undo', method.rollout, ...ns, ...rev],
        wait: [
          'kubectl',
          'argo',
          'rollouts',
          'status',
          method.rollout,
          ...ns,
          `--timeout=${method.timeoutSeconds}s`,
        ],
      }
    }
  }
}

/** Environment a `command` method (and the tools) get: the scrubbed env plus the rollback facts. */
export function rollbackEnv(ctx: Pick<MethodContext, 'bad' | 'target'>): Record<string, string> {
  return {
    PITCREW_TARGET_SHA: ctx.target.sha,
    PITCREW_TARGET_REF: ctx.target.ref,
    PITCREW_DEPLOYMENT_ID: String(ctx.bad.id),
    PITCREW_BAD_SHA: ctx.bad.sha,
    PITCREW_TARGET_DEPLOYMENT_ID: String(ctx.target.id),
    PITCREW_ENVIRONMENT: ctx.bad.environment,
  }
}

/**
 * Performs the rollback with the configured method, then (for every method) records it in
 * GitHub as a deployment of the target sha whose payload names the bad deployment: the marker
 * the loop guards read. github-deployment is exactly that record plus its statuses.
 */
export async function performRollback(
  method: RollbackMethod,
  ctx: MethodContext,
): Promise<MethodResult> {
  const commands: string[] = []
  if (method.type !== 'github-deployment') {
    const steps =
      method.type === 'command'
        ? { check: null, act: null, wait: null, script: method.run }
        : { ...methodCommands(method), script: null }
    const timeoutMs = method.timeoutSeconds * 1000
    const run = async (label: string, command: string) => {
      commands.push(command)
      ctx.log.info(`rollback ${label}: ${command}`)
      const r = await runCommand({
        command,
        cwd: ctx.cwd,
        // The step's env without credentials (metric provider keys included): deploy tools keep
        // KUBECONFIG, HELM_* and PATH; tokens never reach them.
        env: scrubbedEnv(ctx.env),
        extraEnv: rollbackEnv(ctx),
        // The tool's own time limit plus a margin: `rollout status --timeout` should fire first.
        timeoutMs: timeoutMs + 30_000,
        redactor: ctx.redactor,
        signal: ctx.signal,
        maxOutputChars: 8000,
      })
      const out = r.output.trim()
      if (out) ctx.log.info(out)
      const ok = r.exitCode === 0 && !r.timedOut
      const why = r.error ?? (r.timedOut ? 'timed out' : `exit code ${r.exitCode ?? r.signal}`)
      return { ok, message: ok ? '' : `${label} failed (${why}): ${lastLines(out)}` }
    }
    const seq: [string, string | null][] = [
      ['check', steps.check ? steps.check.map(shellQuote).join(' ') : null],
      ['action', steps.act ? steps.act.map(shellQuote).join(' ') : steps.script],
      ['wait', steps.wait ? steps.wait.map(shellQuote).join(' ') : null],
    ]
    for (const [label, command] of seq) {
      if (!command) continue
      const r = await run(label, command)
      if (!r.ok)
        return { ok: false, details: ctx.redactor.redact(`${method.type} ${r.message}`), commands }
    }
  }
  if (method.type !== 'github-deployment') {
    // The tool has acted: a failure to record it must not be reported as a failed rollback.
    try {
      const { deployment: rollbackDeployment, statusError } = await recordRollback(method.type, ctx)
      return {
        ok: true,
        details: `${method.type} rolled back; recorded as deployment ${rollbackDeployment.id} of ${ctx.target.sha.slice(0, 7)}`,
        commands,
        rollbackDeployment,
        ...(statusError ? { statusError } : {}),
      }
    } catch (err) {
      const why = ctx.redactor.redact((err as Error).message)
      return {
        ok: true,
        details: `${method.type} rolled back; recording it in GitHub FAILED (${why})`,
        commands,
        recordError: why,
      }
    }
  }
  // For github-deployment the deployment IS the rollback: once it exists (its creation is
  // confirmed), the rollback happened, whatever becomes of its statuses.
  const { deployment: rollbackDeployment, statusError } = await recordRollback(method.type, ctx)
  return {
    ok: true,
    details: `created deployment ${rollbackDeployment.id} of ${ctx.target.sha.slice(0, 7)} in '${ctx.bad.environment}'`,
    commands,
    rollbackDeployment,
    ...(statusError ? { statusError } : {}),
  }
}

/** The payload key of a rollback deployment: the deployment it rolls back, and the run. */
export function rollbackPayload(
  ctx: Pick<MethodContext, 'bad' | 'runId' | 'redactor'>,
  reason: string,
  methodType: RollbackMethod['type'],
): Record<string, unknown> {
  const short = reason.length > 300 ? `${reason.slice(0, 297)}...` : reason
  return {
    pitcrew: {
      rollback_of: ctx.bad.id,
      run: ctx.runId,
      reason: ctx.redactor.redact(short),
      method: methodType,
    },
  }
}

/** The statuses a rollback deployment is given, in order; a rerun completes the missing ones. */
export function rollbackStatuses(
  badId: number,
  targetSha: string,
  methodType: string,
): { state: 'in_progress' | 'success'; description: string }[] {
  return [
    { state: 'in_progress', description: `Rolling back deployment ${badId}` },
    { state: 'success', description: `Rolled back to ${targetSha.slice(0, 7)} (${methodType})` },
  ]
}

/**
 * Records the rollback as a deployment of the target sha whose payload names the bad deployment
 * (the key: never two for one bad deployment, even when GitHub's answer is lost), then its
 * statuses, each once. Throws only when the deployment itself was not created.
 */
async function recordRollback(
  methodType: RollbackMethod['type'],
  ctx: MethodContext,
): Promise<{ deployment: Deployment; statusError?: string }> {
  const repo = { owner: ctx.owner, repo: ctx.repo }
  const { value: dep } = await createDeploymentOnce(
    ctx.octokit,
    {
      ...repo,
      ref: ctx.target.sha,
      environment: ctx.bad.environment,
      task: 'deploy',
      description: `pitcrew rollback of deployment ${ctx.bad.id}`,
      payload: rollbackPayload(ctx, ctx.reason, methodType),
    },
    // Any rollback deployment of this bad one counts, whichever run wrote it: a second one would
    // be a second rollback.
    { ...ctx.once, isOurs: (d) => rollbackOf(d) === ctx.bad.id },
  )
  try {
    for (const s of rollbackStatuses(ctx.bad.id, ctx.target.sha, methodType)) {
      await createDeploymentStatusOnce(
        ctx.octokit,
        { ...repo, deploymentId: dep.id, ...s },
        { ...ctx.once },
      )
    }
  } catch (err) {
    return { deployment: dep, statusError: ctx.redactor.redact(errorMessage(err)) }
  }
  return { deployment: dep }
}

function lastLines(text: string, n = 5): string {
  return text.split('\n').slice(-n).join(' | ')
}
