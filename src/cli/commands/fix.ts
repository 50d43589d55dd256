/** `pitcrew fix`: the action's fix mode on the local checkout, leaving the fix in the tree. */
import type { VerifyStep } from '../../fix/verify.js'
import { EXIT, UsageError, type Parsed } from '../args.js'
import {
  buildDeps,
  cliSettings,
  footer,
  requireKey,
  runFields,
  tidy,
  type Cmd,
} from '../command-context.js'
import { dirtyTracked, localRepo } from '../local-repo.js'
import { modelApiError } from '../model-api.js'
import { renderEvidence, renderPreview } from '../render.js'

/** Reproduces the failing tests, fixes and verifies; refuses a dirty tree. */
export async function fixCommand(p: Extract<Parsed, { kind: 'fix' }>, cmd: Cmd): Promise<number> {
  const { io, progress, redactor, out } = cmd
  const local = await localRepo(io.cwd, redactor, true)
  const settings = await cliSettings(p.common, io, local.workspace, {
    dryRun: false,
    ...(p.testCommand !== undefined ? { testCommand: p.testCommand } : {}),
  })
  const dirty = await dirtyTracked(local.git!)
  if (dirty.length > 0) {
    // A fix that does not verify is reverted file by file: it must not take the user's edits.
    throw new UsageError(
      `The working tree has uncommitted changes (${dirty
        .slice(0, 3)
        .map((l) => `'${l.slice(3)}'`)
        .join(
          ', ',
        )}${dirty.length > 3 ? ', …' : ''}). Expected a clean tree: commit or stash them first.`,
    )
  }
  requireKey(settings, p.dryRun, cmd.io.env)
  const { deps, preview } = await buildDeps(cmd, settings, local, 'fix', p.dryRun)
  const { runFix } = await import('../../fix/index.js')
  const r = await runFix(deps, { local: { commit: p.commit } })
  tidy(deps, r)
  progress.stop()
  const res = r.result as Record<string, unknown> & {
    reason?: string
    failingBefore?: string[]
    rootCause?: string
    diff?: string
    verification?: { ok: boolean; steps: VerifyStep[] }
    delivery?: string
    branch?: string
    commit?: string
    files?: string[]
    changedLines?: number
    diagnosis?: string
    tried?: string[]
    lastRefusal?: string
    attemptedDiff?: string
    modelApiFailure?: string
  }
  // A model API that could not be reached or refused the key is the story: it comes first.
  const apiGap =
    !preview && r.outcome === 'not-fixed' && res.modelApiFailure
      ? modelApiError(
          [{ kind: 'model-api', reason: res.modelApiFailure }],
          settings.inputs.provider,
        )
      : undefined
  const code = preview
    ? EXIT.ok
    : r.outcome === 'not-fixed'
      ? r.stopReason === 'api_error' || r.stopReason === 'circuit_open'
        ? EXIT.runtime
        : EXIT.attention
      : EXIT.ok
  if (p.common.json) {
    out(
      JSON.stringify({
        command: 'fix',
        ...(apiGap ? { error: apiGap } : {}),
        outcome: preview ? 'dry-run' : r.outcome,
        exitCode: code,
        dryRun: p.dryRun,
        ...(preview
          ? { failingBefore: res.failingBefore ?? [], requests: preview.requests }
          : { result: res }),
        ...runFields(r, deps),
      }),
    )
    return code
  }
  const blocks: string[] = apiGap ? [`Error: ${apiGap}`] : []
  const failing = (ids: string[] | undefined) =>
    (ids ?? []).map((id) => `  - ${id}`).join('\n') || '  (none parsed)'
  if (r.outcome === 'skipped') {
    blocks.push(`Nothing to fix: ${res.reason ?? 'skipped'}.`)
  } else if (preview) {
    blocks.push(`Failing tests (reproduced):\n${failing(res.failingBefore)}`)
    blocks.push(
      renderPreview(preview.requests, {
        maxCostUsd: settings.inputs.maxCostUsd,
        maxTurns: settings.inputs.maxTurns,
      }),
    )
  } else if (r.outcome === 'fixed') {
    blocks.push(`Fixed and verified.\n\nFailing tests before:\n${failing(res.failingBefore)}`)
    if (res.rootCause) blocks.push(`Root cause: ${res.rootCause}`)
    if (res.diff) blocks.push(res.diff.trimEnd())
    if (res.verification) blocks.push(`Evidence:\n${renderEvidence(res.verification.steps)}`)
    blocks.push(
      res.delivery === 'local-commit'
        ? `Committed ${String(res.commit).slice(0, 7)} on the new local branch '${res.branch}' (not pushed; you are now on it).`
        : 'The fix is in the working tree, not committed (review it with git diff; --commit commits it on a new branch).',
    )
  } else {
    blocks.push(
      `Not fixed${apiGap ? ' (see the error above)' : ''}.\n\nFailing tests:\n${failing(res.failingBefore)}`,
    )
    // Without the model the diagnosis is only the tests' own message: the error says more.
    if (res.diagnosis && !apiGap) blocks.push(`Diagnosis: ${res.diagnosis}`)
    if (res.tried?.length) blocks.push(`Tried:\n${res.tried.map((t) => `  - ${t}`).join('\n')}`)
    if (res.lastRefusal) blocks.push(`Last refusal: ${res.lastRefusal}`)
    if (res.attemptedDiff)
      blocks.push(`Last attempted change (reverted):\n${res.attemptedDiff.trimEnd()}`)
  }
  const f = footer(r, deps, Boolean(preview) || r.outcome === 'skipped')
  if (f) blocks.push(f)
  out(blocks.join('\n\n'))
  return code
}
