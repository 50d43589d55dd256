/**
 * One agent loop per packed part, at most `concurrency` at a time, each ending with
 * `submit_review`. A failed or unfinished call costs its part, not the review: it becomes a note.
 */
import type { AgentClient } from '../agent/client.js'
import type { AgentResult, Budgets, StopReason, ToolDefinition, Usage } from '../agent/types.js'
import { emptyUsage } from '../agent/types.js'
import { workspaceTools } from '../tools/workspace.js'
import { loadPrompt } from '../prompts.js'
import type { Finding } from './anchor.js'
import { mapLimit, mapLimitFirstAlone } from './concurrency.js'
import type { PackedPart } from './pack.js'
import type { ReviewPrompts } from './prompt.js'
import { cleanFinding, submitReviewTool, type SubmitReviewInput } from './submit-review.js'

/** What the calls brought back, in part order. */
export interface AgentCalls {
  /** One per part; null for a call that failed. Empty when no model call was made. */
  results: (AgentResult<SubmitReviewInput> | null)[]
  /** The client's total; empty when there was no client. */
  usage: Usage
  summaries: string[]
  findings: Finding[]
  /** Why parts are not (fully) reviewed, for the summary. */
  notes: string[]
}

/**
 * Runs the review calls. `prompts` is only called once a client exists: it reads the project
 * memory files, which a run without a model does not need.
 */
export async function runAgentCalls(o: {
  agentClient: () => AgentClient
  parts: PackedPart[]
  prompts: () => Promise<ReviewPrompts>
  model: string
  budgets: Budgets
  workspace: string
  concurrency: number
  /**
   * The first call goes alone until its first response (default). `false` sends the first
   * `concurrency` calls together with a cold cache: only to measure what the wait saves.
   */
  firstAlone?: boolean
}): Promise<AgentCalls> {
  const out: AgentCalls = {
    results: [],
    usage: emptyUsage(),
    summaries: [],
    findings: [],
    notes: [],
  }
  if (o.parts.length === 0) return out
  let client: AgentClient
  try {
    client = o.agentClient()
  } catch (err) {
    out.notes.push(`The model is unavailable: ${(err as Error).message}`)
    return out
  }
  const system = loadPrompt('review')
  const prompts = await o.prompts()
  const tools = [...workspaceTools(), submitReviewTool()] as ToolDefinition[]
  const total = o.parts.length
  // The first call goes alone until its first response: by then the API has cached the prefix
  // every call shares (tools, system prompt, PR context), and the others read it. A first
  // response that wrote nothing means the prefix is not cacheable: waiting longer cannot help.
  const schedule = o.firstAlone === false ? mapLimit : mapLimitFirstAlone
  const loops = await schedule(o.parts, o.concurrency, async (part, _i, ready = () => {}) => {
    try {
      return await client.run<SubmitReviewInput>({
        model: o.model,
        system,
        sharedPrompt: prompts.shared,
        prompt: prompts.part(part),
        onResponse: ready,
        tools,
        budgets: { ...o.budgets },
        workspace: o.workspace,
        label: `review ${part.index + 1}/${total}`,
      })
    } catch (err) {
      out.notes.push(`Review call ${part.index + 1} failed: ${(err as Error).message}`)
      return null
    }
  })
  out.results.push(...loops)
  out.usage = client.usage()
  loops.forEach((r, i) => {
    if (!r) return
    if (r.final) {
      if (typeof r.final.input.summary === 'string') out.summaries.push(r.final.input.summary)
      for (const raw of Array.isArray(r.final.input.findings) ? r.final.input.findings : []) {
        const f = cleanFinding(raw)
        if (f) out.findings.push(f)
      }
    } else {
      out.notes.push(
        `Review call ${i + 1} of ${total} ended without submit_review (${r.stopReason}${r.detail ? `: ${r.detail}` : ''}); its files are not fully reviewed.`,
      )
    }
  })
  return out
}

/** The stop reason to report: the first call that did not finish with submit_review, if any. */
export function worstStop(results: (AgentResult<SubmitReviewInput> | null)[]): StopReason | 'none' {
  const stops = results
    .filter((r): r is AgentResult<SubmitReviewInput> => r !== null)
    .map((r) => r.stopReason)
  if (stops.length === 0) return 'none'
  return stops.find((s) => s !== 'final_tool') ?? 'final_tool'
}
