/**
 * A review of the local checkout (the `pitcrew review` CLI): the commits `baseSha..headSha`
 * instead of a pull request. Nothing is read from or written to GitHub; the findings come back
 * in `result.items`.
 */
import type { Git } from '../tools/git.js'
import type { PackResult } from './pack.js'
import type { PlacedFinding } from './summary.js'

export interface LocalReview {
  baseSha: string
  headSha: string
  /** Names for the prompt and the output, e.g. `origin/main` and `my-branch`. */
  baseRef: string
  headRef: string
}

/** The branch's commit messages play the part of the PR description. */
export async function localPullText(
  git: Git,
  local: LocalReview,
): Promise<{ title: string; body: string }> {
  const title = `Branch '${local.headRef}' against '${local.baseRef}'`
  const subjects = await git
    .run(['log', '--no-merges', '--format=- %s', `${local.baseSha}..${local.headSha}`], {
      allowFail: true,
    })
    .catch(() => null)
  const body = subjects?.code === 0 ? `Commits:\n${subjects.stdout.slice(0, 8000)}` : ''
  return { title, body }
}

/** What the CLI prints for a local review: every finding, the packing, the notes. */
export function localResult(o: {
  placed: PlacedFinding[]
  pack: PackResult
  notes: string[]
  complete: boolean
  verdict: string
}): Record<string, unknown> {
  return {
    verdict: o.verdict,
    complete: o.complete,
    notes: o.notes,
    reviewedFiles: o.pack.reviewed,
    parts: o.pack.parts.map((p) => ({ files: p.files, tokens: p.tokens })),
    items: o.placed.map((p) => ({
      path: String(p.finding.path),
      line: p.line ?? (typeof p.finding.line === 'number' ? p.finding.line : null),
      ...(p.startLine !== undefined ? { startLine: p.startLine } : {}),
      side: p.finding.side ?? 'RIGHT',
      severity: p.finding.severity,
      title: p.finding.title,
      body: p.finding.body,
      ...(p.finding.suggestion !== undefined ? { suggestion: p.finding.suggestion } : {}),
      placement: p.placement,
      ...(p.reason ? { reason: p.reason } : {}),
      fingerprint: p.fp,
    })),
  }
}
