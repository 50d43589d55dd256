/** `pitcrew review`: the action's review mode on the commits since the merge base with --base. */
import type { Coverage } from '../../review/pack.js'
import { SEVERITIES } from '../../review/summary.js'
import type { Git } from '../../tools/git.js'
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
import { PREVIEW_STOP } from '../preview.js'
import { renderCoverage, renderFindings, renderPreview, type CliFinding } from '../render.js'

async function defaultBase(git: Git): Promise<string> {
  for (const ref of ['origin/HEAD', 'main', 'origin/main', 'master', 'origin/master']) {
    const r = await git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      allowFail: true,
    })
    if (r.code === 0) return ref
  }
  throw new UsageError(
    `No base branch found (tried origin/HEAD, main, origin/main, master, origin/master). Expected --base REF, e.g. --base origin/develop.`,
  )
}

/** Reviews HEAD against the base; exit 1 when a finding reaches --fail-on. */
export async function reviewCommand(
  p: Extract<Parsed, { kind: 'review' }>,
  cmd: Cmd,
): Promise<number> {
  const { io, progress, redactor, out } = cmd
  const local = await localRepo(io.cwd, redactor, true)
  const git = local.git!
  const settings = await cliSettings(p.common, io, local.workspace, { dryRun: true })
  requireKey(settings, p.dryRun, cmd.io.env)
  const baseRef = p.base ?? (await defaultBase(git))
  const base = await git.run(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], {
    allowFail: true,
  })
  if (base.code !== 0) {
    throw new UsageError(
      `Unknown --base '${baseRef}'. Expected a branch, tag or commit, e.g. 'origin/main'.`,
    )
  }
  const baseSha = base.stdout.trim()
  const headRef = local.headRef ?? 'HEAD'
  if ((await dirtyTracked(git)).length > 0) {
    progress.warning(
      'Uncommitted changes are not reviewed: pitcrew reviews the commits since the merge base.',
    )
  }
  progress.note(
    `› reviewing '${headRef}' (${local.headSha.slice(0, 7)}) against '${baseRef}' (${baseSha.slice(0, 7)})`,
  )
  const { deps, preview } = await buildDeps(cmd, settings, local, 'review', p.dryRun)
  const { runReview } = await import('../../review/index.js')
  const r = await runReview(deps, {
    local: { baseSha, headSha: local.headSha, baseRef, headRef },
  })
  tidy(deps, r)
  progress.stop()
  const res = r.result as {
    items?: CliFinding[]
    coverage?: Coverage
    skippedFiles?: { path: string; reason: string }[]
    notes?: string[]
    verdict?: string
    complete?: boolean
    calls?: number
    parts?: { files: string[]; tokens: number }[]
    notCovered?: { kind: string; reason: string; files: string[] }[]
  }
  const items = res.items ?? []
  const notes = (res.notes ?? []).filter((n) => !n.includes(PREVIEW_STOP))
  // A model API that could not be reached or refused the key is the story: it comes first.
  const apiGap = p.dryRun
    ? undefined
    : modelApiError(res.notCovered ?? [], settings.inputs.provider)
  const failed = !p.dryRun && r.outcome === 'incomplete' && r.failure !== undefined
  const failRank = p.failOn === 'none' ? -1 : SEVERITIES.indexOf(p.failOn)
  const hits = items.filter((f) => SEVERITIES.indexOf(f.severity as never) <= failRank)
  const code = failed
    ? EXIT.runtime
    : p.dryRun
      ? EXIT.ok
      : hits.length > 0
        ? EXIT.attention
        : EXIT.ok
  if (p.common.json) {
    out(
      JSON.stringify({
        command: 'review',
        ...(apiGap ? { error: apiGap } : {}),
        outcome: p.dryRun ? 'dry-run' : r.outcome,
        exitCode: code,
        base: { ref: baseRef, sha: baseSha },
        head: { ref: headRef, sha: local.headSha },
        dryRun: p.dryRun,
        ...(preview ? { requests: preview.requests, parts: res.parts ?? [] } : { findings: items }),
        ...(preview && p.printPrompt ? { requestBodies: preview.bodies } : {}),
        verdict: p.dryRun ? null : res.verdict,
        coverage: res.coverage,
        skippedFiles: res.skippedFiles ?? [],
        notes,
        ...runFields(r, deps),
      }),
    )
    return code
  }
  const blocks: string[] = [
    `Review of '${headRef}' (${local.headSha.slice(0, 7)}) against '${baseRef}' (${baseSha.slice(0, 7)}):`,
  ]
  if (apiGap) blocks.unshift(`Error: ${apiGap}`)
  if (preview) {
    blocks.push(
      renderPreview(preview.requests, {
        files: (res.parts ?? []).map((pt, i) => ({ label: `part ${i + 1}`, files: pt.files })),
        maxCostUsd: settings.inputs.maxCostUsd,
        maxTurns: settings.inputs.maxTurns,
      }),
    )
  } else {
    // "No findings." would read as a clean review when the model was never reached.
    blocks.push(
      items.length
        ? renderFindings(items)
        : apiGap
          ? 'Not reviewed (see the error above).'
          : 'No findings.',
    )
    if (res.verdict) blocks.push(res.verdict)
  }
  if (preview && p.printPrompt) {
    preview.bodies.forEach((body, i) =>
      blocks.push(
        `Request ${i + 1} of ${preview.bodies.length}: POST /v1/messages\n${JSON.stringify(body, null, 2)}`,
      ),
    )
  }
  if (res.coverage) blocks.push(renderCoverage(res.coverage, res.skippedFiles ?? []))
  if (notes.length) blocks.push(notes.map((n) => `Note: ${n}`).join('\n'))
  const f = footer(r, deps, p.dryRun)
  if (f) blocks.push(f)
  if (hits.length > 0 && !failed) {
    blocks.push(`${hits.length} finding(s) at or above --fail-on ${p.failOn}: exit 1.`)
  }
  out(blocks.join('\n\n'))
  if (failed) io.stderr(`pitcrew: ${redactor.redact(r.failure ?? 'review incomplete')}\n`)
  return code
}
